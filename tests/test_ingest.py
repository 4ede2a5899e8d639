"""Ingest: discovering inputs, reading every format and encoding, rejecting what is no report."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import Rejected, check_chinese, discover, read_reports
from kg.records import Report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "reports"
TEXT = ("莒鎮黨委強化管黨治黨意識,落實從嚴治黨方針,通過“四抓四強”夯實基層黨建基礎,"
        "為全鎮經濟社會全面發展提供了堅強組織保證。")
SIMPLE = "观音镇党委坚持以政治建设为统领,以提升组织力为重点,着力解决基层党组织弱化、虚化、边缘化问题。"

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}">
<title>莒镇:“四抓四强”夯实基层党建</title>
<meta property="og:site_name" content="德州新闻网">
<meta property="article:published_time" content="2019-03-05T08:00:00+08:00">
</head><body>
<nav><ul><li><a href="/">网站首页</a></li><li><a href="/dz">德州新闻</a></li><li><a href="/sh">社会民生</a></li></ul></nav>
<article><h1>莒镇:“四抓四强”夯实基层党建</h1>
<p>德州新闻网讯(记者 彭晓 通讯员 王梅)近年来,莒镇党委强化管党治党意识,落实从严治党方针,通过“四抓四强”夯实基层党建基础,为全镇经济社会全面发展提供了坚强组织保证。</p>
<p>抓龙头、强班子,凝聚队伍力量。该镇党委书记与管区书记、支部书记逐一签订“党建责任状”,层层落实抓党建主体责任,推动基层党建工作目标责任制落实。</p>
<p>抓根本、强阵地,夯实基层基础。通过班子成员挂包、选派“第一书记”,配齐软弱涣散班子带头人。</p>
</article>
<footer><p>关于我们 | 联系方式 | 网站地图</p><p>鲁ICP备00000000号 德州日报社主办</p></footer>
</body></html>"""


def _items(*inputs, **options) -> list[Report | Rejected]:
    return list(read_reports([str(i) for i in inputs], **options))


@pytest.mark.parametrize("encoding, text", [
    ("utf-8", SIMPLE),
    ("utf-8-sig", SIMPLE),
    ("utf-16", SIMPLE),
    ("utf-16-le", SIMPLE),
    ("gbk", SIMPLE),
    ("gb18030", SIMPLE),
    ("big5", TEXT),
])
def test_encodings_are_detected(tmp_path, encoding, text):
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    [report] = _items(path)
    assert isinstance(report, Report)
    assert report.text == text
    assert report.doc_id == "report"


def test_gzip_compressed_text(tmp_path):
    path = tmp_path / "report.txt.gz"
    path.write_bytes(gzip.compress(SIMPLE.encode("gbk")))
    [report] = _items(path)
    assert (report.doc_id, report.text) == ("report", SIMPLE)


def test_html_page_keeps_main_text_and_head_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    [report] = _items(path)
    assert "第一书记" in report.text and report.text.startswith("莒镇:“四抓四强”夯实基层党建")
    assert "网站首页" not in report.text and "ICP" not in report.text and "联系方式" not in report.text
    assert (report.meta.title, report.meta.publisher, report.meta.date) == \
        ("莒镇:“四抓四强”夯实基层党建", "德州新闻网", "2019-03-05")


def test_html_title_outlet_suffix(tmp_path):
    path = tmp_path / "page.html"
    page = PAGE.format(charset="utf-8").replace("夯实基层党建</title>", "夯实基层党建 - 大众网</title>")
    path.write_text(page.replace('<meta property="og:site_name" content="德州新闻网">', ""), encoding="utf-8")
    [report] = _items(path)
    assert (report.meta.title, report.meta.publisher) == ("莒镇:“四抓四强”夯实基层党建", "大众网")
    assert report.text.count("莒镇:“四抓四强”夯实基层党建") == 1


def test_html_source_line_names_the_publisher_over_the_site(tmp_path):
    path = tmp_path / "page.html"
    info = '<div class="info"><span>2019-03-05 08:00</span>&nbsp;<span>来源：鲁北日报</span></div>\n<article>'
    path.write_text(PAGE.format(charset="utf-8").replace("<article>", info), encoding="utf-8")
    [report] = _items(path)
    assert (report.meta.publisher, report.meta.site) == ("鲁北日报", "德州新闻网")  # the page's site beside it


def test_html_source_field_run_on_from_the_time_and_into_the_author(tmp_path):
    """Inline fields with no space between them (``07:58来源：长春日报作者：…``) still name the outlet,
    without the next field's label."""
    path = tmp_path / "page.html"
    info = ('<div class="meta"><time>2024-10-09 07:58</time><span>来源：鲁北日报</span>'
            '<span>作者：记者 齐悦</span></div>\n<article>')
    path.write_text(PAGE.format(charset="utf-8").replace("<article>", info), encoding="utf-8")
    [report] = _items(path)
    assert (report.meta.publisher, report.meta.site) == ("鲁北日报", "德州新闻网")


def test_html_page_date_from_its_line_of_fields(tmp_path):
    """A page with no date in its markup: the full date beside its source field, outside the main text."""
    path = tmp_path / "page.html"
    info = '<div class="meta">2024年03月15日 10:06 &nbsp; 来源：长城网 &nbsp; 作者：赵志强</div>\n<article>'
    page = PAGE.format(charset="utf-8").replace("<article>", info)
    page = page.replace('<meta property="article:published_time" content="2019-03-05T08:00:00+08:00">', "")
    path.write_text(page, encoding="utf-8")
    [report] = _items(path)
    assert (report.meta.date, report.meta.publisher) == ("2024-03-15", "长城网")


def test_html_message_board_page_is_the_sites_dated_by_its_reply(tmp_path):
    """A 县长信箱 page: its site named after a bare hyphen in the title, its date the reply's, not the message's."""
    cell = '<tr><td class="t">{}</td><td colspan="3">{}</td></tr>'
    rows = [cell.format("留言人", "王海伦"), cell.format("留言时间", "2023-08-14 09:32:17"),
            cell.format("留言内容", "<p>" + "我是先锋村的一名老党员，村里开了一个“积分超市”，大家都很认可。" * 4 + "</p>"),
            cell.format("答复时间", "2023-08-21 16:05:40"),
            cell.format("答复内容", "<p>" + "经镇党委研究，已在全镇10个村全面推开积分制管理。" * 4 + "</p>")]
    page = ('<html><head><meta charset="utf-8"><title>县长信箱-留言详情-望奎县人民政府网</title></head><body>'
            '<div class="lyxq"><table class="ly">' + "".join(rows) + "</table></div></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    [report] = _items(path)
    assert (report.meta.date, report.meta.publisher) == ("2023-08-21", "望奎县人民政府网")


def test_html_page_in_gbk(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes(PAGE.format(charset="gbk").encode("gbk"))
    [report] = _items(path)
    assert "签订“党建责任状”" in report.text


def test_markdown(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("---\ntitle: 莒镇党建\ndate: 2019-03-05\n---\n# 莒镇党建\n\n**" + SIMPLE + "**", encoding="utf-8")
    [report] = _items(path)
    assert report.text == "莒镇党建\n\n" + SIMPLE
    assert (report.meta.title, report.meta.date) == ("莒镇党建", "2019-03-05")


def test_a_markdown_export_saved_as_text_is_read_as_markdown(tmp_path):
    """Front matter over it: its fields are the report's metadata (a journal's issue named by the
    journal), its markup and footnote markers are left out; a text without front matter stays as it is."""
    path = tmp_path / "report.txt"
    path.write_text("\ufeff---\r\ntitle: 调研报告\r\ndate: 2024-03-18\r\nsource: 《边疆治理研究》2024年第1期\r\n---\r\n"
                    "# 调研报告\r\n\r\n**" + SIMPLE + "**[^1]\r\n\r\n[^1]: 本文系阶段性成果。", encoding="utf-8")
    [report] = _items(path)
    assert (report.meta.title, report.meta.date, report.meta.publisher) == ("调研报告", "2024-03-18", "边疆治理研究")
    assert SIMPLE + "\n" in report.text and "[^1]" not in report.text and "**" not in report.text
    plain = tmp_path / "plain.txt"
    plain.write_text("# 标题\n" + SIMPLE, encoding="utf-8")
    assert _items(plain)[0].text == "# 标题\n" + SIMPLE


def test_a_weibo_status_as_its_api_gives_it(tmp_path):
    """The status the answer wraps, its whole text (longText), its time, and its account as publisher
    (its "source" names the app it was posted from); the comments beside it are not read."""
    status = {"ok": 1, "data": {
        "created_at": "Mon Jul 01 10:12:33 +0800 2024", "id": "5052331978457413",
        "text": '<a href="https://m.weibo.cn/search">#长寿巴马#</a> 巴马瑶族自治县...<a href="/status/1">全文</a>',
        "source": "微博视频号", "isLongText": True,
        "longText": {"longTextContent": '<a href="https://m.weibo.cn/search">#长寿巴马#</a> ' + SIMPLE
                     + '<br /><span class="url-icon"><img alt=[赞] src="https://face.t.sinajs.cn/1.png"></span>'},
        "user": {"screen_name": "巴马发布", "verified_reason": "巴马瑶族自治县委宣传部官方微博"}},
        "comments": {"data": [{"text": "火麻油真的香，去年在平安村买过，今年还要买", "user": {"screen_name": "网友"}}]}}
    path = tmp_path / "status.json"
    path.write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")
    [report] = _items(path)
    assert (report.doc_id, report.meta.date, report.meta.publisher) == ("status", "2024-07-01", "巴马发布")
    assert "#长寿巴马#" in report.text and SIMPLE in report.text
    assert "全文" not in report.text and "火麻油" not in report.text and "<" not in report.text


def test_a_douyin_post_as_its_api_gives_it(tmp_path):
    """A picture post's text is its description (desc), its time a Unix time in seconds (the day in
    China), its account (author.nickname) the publisher; the comments beside it are not read."""
    post = {"status_code": 0, "aweme_detail": {
        "aweme_id": "7379826514309712137", "desc": "草原深处党旗红 #基层党建#\n\n" + SIMPLE,
        "create_time": 1718234322,  # 2024-06-12 23:18:42 in UTC, 2024-06-13 in China
        "author": {"uid": "3870514462259731", "nickname": "新左旗融媒", "signature": "新巴尔虎左旗融媒体中心官方抖音号"},
        "statistics": {"digg_count": 3215}},
        "comments": [{"text": "点赞家乡", "ip_label": "内蒙古"}, {"text": "👍", "ip_label": "北京"}]}
    path = tmp_path / "post.json"
    path.write_text(json.dumps(post, ensure_ascii=False), encoding="utf-8")
    [report] = _items(path)
    assert (report.doc_id, report.meta.date, report.meta.publisher) == ("post", "2024-06-13", "新左旗融媒")
    assert SIMPLE in report.text and "点赞家乡" not in report.text


def test_a_wechat_channels_post_as_its_api_gives_it(tmp_path):
    """The post two objects down, its text one object further (objectDesc.description), its own
    nickname the publisher and createtime its day in China; the commenters' lines are not read."""
    post = {"errCode": 0, "data": {"object": {
        "id": "14409718240672116853", "nickname": "杜蒙融媒", "createtime": 1719764416,  # 00:20 on 1 July in China
        "objectDesc": {"description": "七一特辑 #基层党建#\n\n" + SIMPLE, "mediaType": 2},
        "contact": {"nickname": "杜蒙融媒", "signature": "杜尔伯特蒙古族自治县融媒体中心官方视频号"},
        "commentList": [{"nickname": "湖区老渔民", "content": "党员渔把头带得好！"}]}, "continueFlag": 1}}
    path = tmp_path / "post.json"
    path.write_text(json.dumps(post, ensure_ascii=False), encoding="utf-8")
    [report] = _items(path)
    assert (report.doc_id, report.meta.date, report.meta.publisher) == ("post", "2024-07-01", "杜蒙融媒")
    assert SIMPLE in report.text and "渔把头" not in report.text and "官方视频号" not in report.text


def test_an_email_is_read_from_its_text_part(tmp_path):
    """A report sent in by e-mail (.eml): the plain part in the charset it declares (base64), the
    subject as title, the day it was sent in China as date, the sender as author, no outlet."""
    import base64

    body = base64.encodebytes(("编辑老师：\r\n现将稿件报送给您。\r\n\r\n" + SIMPLE).encode("gbk")).decode()
    subject = "=?GBK?B?" + base64.b64encode("投稿：观音镇党建".encode("gbk")).decode() + "?="
    sender = "=?GBK?B?" + base64.b64encode("王静怡".encode("gbk")).decode() + "?="
    path = tmp_path / "submission.eml"
    path.write_text(f"Date: Tue, 14 May 2024 16:42:07 +0800 (CST)\nFrom: {sender} <a@example.cn>\nSubject: {subject}\n"
                    "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b1\"\n\n--b1\n"
                    "Content-Type: text/plain; charset=GBK\nContent-Transfer-Encoding: base64\n\n" + body
                    + "\n--b1\nContent-Type: text/html; charset=GBK\n\n<p>html</p>\n--b1--\n", encoding="ascii")
    [report] = _items(path)
    assert (report.doc_id, report.meta.title, report.meta.date) == ("submission", "投稿：观音镇党建", "2024-05-14")
    assert [p.name for p in report.meta.authors] == ["王静怡"] and report.meta.publisher is None
    assert SIMPLE in report.text and "html" not in report.text


def test_a_government_sites_name_in_its_head_and_a_bibliographic_records_fields(tmp_path):
    """The 政府网站 template's <meta name="SiteName"> names the publisher of a page with no source line;
    a yearbook entry's record fields (中国知网: 【年鉴名称】, 【出版日期】) give its periodical and date."""
    body = "".join(f"<p>{SIMPLE}第{n}段。</p>" for n in range(6))
    site = tmp_path / "gov.html"
    site.write_text("<html><head><meta name='SiteName' content='栾川县人民政府'><title>工作动态_潭头镇_栾川县人民政府"
                    f"</title></head><body><div class='content'>{body}</div></body></html>", encoding="utf-8")
    assert _items(site)[0].meta.publisher == "栾川县人民政府"
    entry = tmp_path / "yearbook.html"
    entry.write_text("<html><head><title>组织工作 - 鹰潭年鉴 - 中国年鉴网络出版总库</title></head><body>"
                     "<div class='meta'><p>【年鉴名称】</p><p>鹰潭年鉴</p><p>【出版日期】</p><p>2024-12</p>"
                     f"<p>【出版者】</p><p>线装书局</p></div><div class='content'>{body}</div></body></html>",
                     encoding="utf-8")
    meta = _items(entry)[0].meta
    assert (meta.publisher, meta.date) == ("鹰潭年鉴", "2024-12")


def test_an_e_papers_head_dates_it_and_names_its_paper(tmp_path):
    """An e-paper's page gives its day and its paper in its head only: 方正's founder-date, or the page
    line as its description; the title's site is the paper's digital edition."""
    body = "".join(f"<p>{SIMPLE}第{n}段。</p>" for n in range(6))
    founder = tmp_path / "suizhou.html"
    founder.write_text("<html><head><title>随州日报数字报-广水：“红色村湾”激活乡村治理</title>"
                       "<meta name='founder-date' content='2024-04-12'></head><body><div class='content'>"
                       f"{body}</div></body></html>", encoding="utf-8")
    described = tmp_path / "tongchuan.html"
    described.write_text("<html><head><title>传承照金精神 建强战斗堡垒--铜川日报数字报刊平台</title>"
                         "<meta name='description' content='铜川日报 2024年07月01日 第A01版：要闻'></head><body>"
                         f"<div class='content'>{body}</div></body></html>", encoding="utf-8")
    assert [(r.meta.date, r.meta.publisher) for r in (_items(founder)[0], _items(described)[0])] == [
        ("2024-04-12", "随州日报"), ("2024-07-01", "铜川日报")]


def test_a_records_description_is_its_text_only_when_it_has_no_other(tmp_path):
    """A crawl's record with a page and a summary is read from its page; an author's plain name is
    a person's, no publisher."""
    path = tmp_path / "batch.jsonl"
    lines = [{"id": "page", "description": "摘要", "html": PAGE.format(charset="utf-8")},
             {"id": "post", "description": SIMPLE, "author": {"name": "张三"}}]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    page, post = _items(path)
    assert "摘要" not in page.text and "四抓四强" in page.text
    assert post.text == SIMPLE and post.meta.publisher is None


def test_an_html_pages_traditional_source_line_names_its_publisher_in_simplified(tmp_path):
    path = tmp_path / "hk.html"
    body = "".join(f"<p>台山市委在全市推行「僑心向黨」工程，第{n}個村黨支部建立了聯繫海外鄉親的工作機制。</p>" for n in range(8))
    path.write_bytes(("<html><head><meta charset='big5'><title>台山僑鄉黨建 - 香港僑聲網</title></head><body>"
                      "<div class='byline'>發佈時間：16/05/2024 09:18　|　來源：江門日報</div>"
                      f"<div class='content'>{body}</div></body></html>").encode("big5"))
    [report] = _items(path)
    assert report.meta.publisher == "江门日报"


def test_a_topic_pages_update_time_dates_it_not_its_first_items(tmp_path):
    path = tmp_path / "topic.html"
    items = "".join(f"<li><a href='/a{n}.html'>第{n}条</a><span class='date'>2024-06-2{n}</span>"
                    f"<p class='summary'>{SIMPLE}第{n}条。</p></li>" for n in range(5, 0, -1))
    path.write_text("<html><head><title>红土地上党旗红专题</title></head><body><div class='intro'><p>" + SIMPLE
                    + "</p><p class='upd'>专题更新时间：2024-06-28</p></div><ul>" + items + "</ul></body></html>",
                    encoding="utf-8")
    [report] = _items(path)
    assert report.meta.date == "2024-06-28"


def test_jsonl_malformed_line_is_rejected_and_the_rest_goes_on(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": SIMPLE, "publisher": "秦楚网", "date": "2018-06-01 10:00"}, ensure_ascii=False),
        '{"id": "broken", "text": "观音镇',
        "",
        json.dumps({"text": TEXT, "title": "莒镇党建"}, ensure_ascii=False),
        json.dumps({"id": "page", "html": PAGE.format(charset="utf-8"), "url": "http://example.org/p"},
                   ensure_ascii=False),
        json.dumps({"id": "nothing", "abstract": SIMPLE}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _items(path)
    assert [type(i).__name__ for i in items] == ["Report", "Rejected", "Report", "Report", "Rejected"]
    first, broken, second, page, nothing = items
    assert (first.doc_id, first.source, first.meta.publisher, first.meta.date) == \
        ("a1", f"{path}:1", "秦楚网", "2018-06-01")
    assert broken.source == f"{path}:2" and "malformed JSONL line 2" in broken.reason
    assert (second.doc_id, second.meta.title) == ("batch-4", "莒镇党建")
    assert (page.meta.publisher, page.meta.url) == ("德州新闻网", "http://example.org/p")
    assert "网站首页" not in page.text
    assert nothing.source == f"{path}:6" and "no report text" in nothing.reason and "content" in nothing.reason


def test_jsonl_crawl_field_names(tmp_path):
    """A crawl's record: the text under ``content``, its date under ``pub_time``; ``content`` holding markup is a page."""
    path = tmp_path / "crawl.jsonl"
    lines = [json.dumps({"id": "c1", "title": "莒镇党建", "content": SIMPLE, "pub_time": "2022-08-19 08:30:00",
                         "source": "百色新闻网", "crawl_time": "2024-03-02 14:11:09"}, ensure_ascii=False),
             json.dumps({"id": "c2", "content": "<div><p>" + TEXT + "</p><p>" + SIMPLE + "</p></div>"},
                        ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plain, markup = _items(path)
    assert (plain.text, plain.meta.date, plain.meta.publisher, plain.meta.title) == \
        (SIMPLE, "2022-08-19", "百色新闻网", "莒镇党建")
    assert (markup.doc_id, markup.text) == ("c2", TEXT + "\n" + SIMPLE)


@pytest.mark.parametrize("record, field", [
    ('{"id": "s1", "text": "\\ud800 %s"}', "text"),
    ('{"id": "s2", "text": "%s", "title": "党建\\udfff"}', "title"),
])
def test_jsonl_lone_surrogate_is_rejected_and_the_rest_goes_on(tmp_path, record, field):
    path = tmp_path / "batch.jsonl"
    good = json.dumps({"id": "ok", "text": SIMPLE}, ensure_ascii=False)
    path.write_text(record % SIMPLE + "\n" + good + "\n", encoding="utf-8")
    bad, ok = _items(path)
    assert bad.status == "rejected" and f"field '{field}' holds a lone surrogate" in bad.reason
    assert ok.doc_id == "ok"


def test_jsonl_records_without_an_id_are_named_by_file_and_line(tmp_path):
    """A crawl's file of one record is that report (doc = the file's stem, as for a .txt); a file
    of several names each by its line, a rejected line counting as one."""
    record = json.dumps({"content": SIMPLE}, ensure_ascii=False)
    (tmp_path / "one.jsonl").write_text("\n" + record + "\n", encoding="utf-8")
    (tmp_path / "two.jsonl").write_text("{broken\n" + record + "\n", encoding="utf-8")
    (tmp_path / "three.jsonl").write_text(record + "\n" + record.replace("观音", "城关") + "\n", encoding="utf-8")
    assert [r.doc_id for r in _items(tmp_path / "one.jsonl")] == ["one"]
    assert [(r.status, r.source.rsplit(":", 1)[1]) if isinstance(r, Rejected) else r.doc_id
            for r in _items(tmp_path / "two.jsonl")] == [("rejected", "1"), "two-2"]
    assert [r.doc_id for r in _items(tmp_path / "three.jsonl")] == ["three-1", "three-2"]


def test_a_files_only_record_is_named_by_the_file_whatever_its_id(tmp_path):
    """The guidelines name a report by its file's stem: a crawl saved one record to a file
    (``1408_7e7d….jsonl`` holding ``"id": "ylrb-20221220-0A3417"``) is that file's report, its
    own id kept; records of a file holding several keep their ids."""
    one = {"id": "ylrb-20221220-0A3417", "content": SIMPLE}
    (tmp_path / "1408_7e7d.jsonl").write_text(json.dumps(one, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"id": 17, "content": SIMPLE + "甲"}, ensure_ascii=False),
                                       encoding="utf-8")
    (tmp_path / "row.csv").write_text(f"id,正文\nr9,{SIMPLE}乙\n", encoding="utf-8")
    (tmp_path / "1507_9aac.json").write_text(json.dumps([{"id": "a1", "content": SIMPLE + "丁"}], ensure_ascii=False),
                                             encoding="utf-8")  # an array of one
    two = [{**one, "content": SIMPLE + "丙"}, {"id": "b2", "content": SIMPLE + "推行“三会一课”制度。"}]
    (tmp_path / "two.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in two),
                                        encoding="utf-8")
    named = [(r.doc_id, r.meta.record_id) for r in _items(tmp_path / "1408_7e7d.jsonl", tmp_path / "one.json",
                                                        tmp_path / "row.csv", tmp_path / "1507_9aac.json",
                                                        tmp_path / "two.jsonl")]
    assert named == [("1408_7e7d", "ylrb-20221220-0A3417"), ("1507_9aac", "a1"), ("one", "17"), ("row", "r9"),
                     ("ylrb-20221220-0A3417", "ylrb-20221220-0A3417"), ("b2", "b2")]


def test_json_files_as_crawlers_and_news_apis_export_them(tmp_path):
    """One record (named by the file), an array, an API's wrapped list, JSON Lines named .json."""
    one = {"title": "莒镇党建", "content": SIMPLE, "pub_time": "2022-08-19 08:30:00", "source": "百色新闻网"}
    (tmp_path / "one.json").write_text(json.dumps(one, ensure_ascii=False, indent=2), encoding="utf-8")
    array = [{"id": "x1", "text": SIMPLE + "甲"}, 7, {"text": SIMPLE + "乙"}]
    (tmp_path / "array.json").write_text(json.dumps(array, ensure_ascii=False), encoding="utf-8")
    wrapped = {"code": 0, "data": {"total": 1, "list": [{"id": "w1", "body": SIMPLE + "丙",
                                                          "pubDate": "2024-03-12T09:15:00+08:00"}]}}
    (tmp_path / "api.json").write_text(json.dumps(wrapped, ensure_ascii=False), encoding="utf-8")
    lines = [json.dumps({"content": SIMPLE + n}, ensure_ascii=False) for n in "丁戊"]
    (tmp_path / "lines.json").write_text("\n".join(lines) + "\n", encoding="utf-8")

    [single] = _items(tmp_path / "one.json")
    assert (single.doc_id, single.source, single.text) == ("one", str(tmp_path / "one.json"), SIMPLE)
    assert (single.meta.title, single.meta.date, single.meta.publisher) == ("莒镇党建", "2022-08-19", "百色新闻网")
    first, bad, third = _items(tmp_path / "array.json")
    assert (first.doc_id, first.source) == ("x1", f"{tmp_path / 'array.json'}:1")
    assert (bad.status, bad.source, bad.reason) == \
        ("rejected", f"{tmp_path / 'array.json'}:2", "malformed JSON record 2: expected an object")
    assert third.doc_id == "array-3"
    assert [(r.doc_id, r.meta.record_id, r.text, r.meta.date) for r in _items(tmp_path / "api.json")] == \
        [("api", "w1", SIMPLE + "丙", "2024-03-12")]  # the file's only record; field names in any case: pubDate
    assert [r.doc_id for r in _items(tmp_path / "lines.json")] == ["lines-1", "lines-2"]
    assert (tmp_path / "api.json") in discover([tmp_path])


@pytest.mark.parametrize("content, reason", [
    ('{"content": "观音镇', "malformed JSON at line 1, column 13: Unterminated string"),
    ('{"code": 0, "msg": "ok"}', "has no report text"),
    ('{"a": [{"text": "x"}], "b": [{"text": "y"}]}', "has no report text"),  # two lists: which?
    ("[]", "no report in this JSON"),
])
def test_a_json_file_that_holds_no_report_says_why(tmp_path, content, reason):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    [rejected] = _items(path)
    assert (rejected.source, rejected.status) == (str(path), "rejected") and reason in rejected.reason


SHEET = [["标题", "正文", "发布时间", "来源", "作者", "链接"],
         ["莒镇党建", SIMPLE, "2021-03-05 10:00", "德州日报", "记者 彭晓 通讯员 王梅", "http://example.org/1"],
         ["", "", "", "", "", ""],  # a blank row: skipped
         ["空行", "", "2021-03-06", "", "", ""],
         ["城关镇", SIMPLE.replace("观音", "城关"), "2021/4/6", "", "", ""]]


@pytest.mark.parametrize("name", ["crawl.csv", "crawl.tsv", "crawl.xlsx"])
def test_a_scrapers_spreadsheet_is_a_report_a_row(tmp_path, name):
    """八爪鱼-style exports: a header of field names (Chinese or English), a report a row, in any encoding."""
    import csv
    import datetime

    path = tmp_path / name
    if name.endswith(".xlsx"):
        from openpyxl import Workbook

        book = Workbook()
        for row in SHEET[:-1] + [SHEET[-1][:2] + [datetime.datetime(2021, 4, 6, 9, 30)]]:
            book.active.append(row)
        book.save(path)
    else:
        with path.open("w", newline="", encoding="gb18030") as handle:
            csv.writer(handle, delimiter="\t" if name.endswith(".tsv") else ",").writerows(SHEET)
    first, empty, last = _items(path)
    assert (first.doc_id, first.source, first.text) == ("crawl-2", f"{path}:2", SIMPLE)
    assert (first.meta.title, first.meta.date, first.meta.publisher, first.meta.url) == \
        ("莒镇党建", "2021-03-05", "德州日报", "http://example.org/1")
    assert [(p.name, p.role) for p in first.meta.authors] == [("彭晓", "记者"), ("王梅", "通讯员")]
    assert (empty.source, empty.status) == (f"{path}:4", "rejected") and "row 4 has no report text" in empty.reason
    assert (last.doc_id, last.meta.date) == ("crawl-5", "2021-04-06")


def test_a_spreadsheet_without_a_text_column_says_which_columns_it_wants(tmp_path):
    path = tmp_path / "links.csv"
    path.write_text("标题,链接\n莒镇党建,http://example.org/1\n", encoding="utf-8")
    [rejected] = _items(path)
    assert rejected.status == "rejected" and "header holds report text" in rejected.reason and "正文" in rejected.reason


def test_discover_names_the_folder_files_it_does_not_read(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.pdf", "c.docx", ".git/x.pack", "README"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    unread: list[Path] = []
    assert discover([tmp_path, tmp_path / "c.docx"], unread=unread) == [tmp_path / "a.txt", tmp_path / "c.docx"]
    assert unread == [tmp_path / "README", tmp_path / "sub" / "b.pdf"]  # c.docx named outright: read


def test_gzip_jsonl(tmp_path):
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps({"text": SIMPLE}, ensure_ascii=False) + "\n").encode()))
    [report] = _items(path)
    assert (report.doc_id, report.text) == ("batch", SIMPLE)  # its only record: named by the file


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\r\n ", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary content"),
    ("blob.txt", bytes(range(256)) * 8, "binary content"),
    ("english.txt", b"Minutes of the branch meeting held in the county seat.\n" * 3, "not Chinese text"),
    ("latin1.txt", "Café crème brûlée, réunion générale. ".encode("latin-1") * 4, "not Chinese text"),
    ("broken.txt.gz", b"\x1f\x8b\x08\x00garbage", "corrupt gzip"),
    ("empty.jsonl", b"\n\n", "empty file"),
    ("page.html", b"<html><head><title>x</title></head><body></body></html>", "no main text"),
])
def test_bad_inputs_are_rejected_with_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    [item] = _items(path)
    assert isinstance(item, Rejected)
    assert (item.source, item.status) == (str(path), "rejected")
    assert reason in item.reason


# (text, the reason it is no Chinese report, or None): the counts in the reason are exact, and a
# text whose Han characters are few among its characters but a fifth of its letters is kept
CHINESE_CASES = [
    (SIMPLE, None),
    ("党建工作会议第十次召开" + " 2019-03-05, 12:00; 1/2 ①②③。" * 8, None),
    ("党建工作会议第十次召开" + " branch meeting" * 4, "not Chinese text (11 Han characters of 63 letters)"),
    ("党建工作" + "1234567890" * 3, "not Chinese text (4 Han characters of 4 letters)"),
    (" \n\u3000", "empty file"),
]


@pytest.mark.parametrize("text, reason", CHINESE_CASES)
def test_chinese_check_counts(text, reason):
    if reason is None:
        check_chinese(text)
    else:
        with pytest.raises(InputError) as error:
            check_chinese(text)
        assert error.value.reason == reason


def test_over_the_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(SIMPLE * 10, encoding="utf-8")
    [item] = _items(path, max_bytes=100)
    assert item.status == "rejected" and "size limit" in item.reason
    assert isinstance(_items(path, max_bytes=10_000)[0], Report)


def test_over_the_size_limit_once_decompressed(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress((SIMPLE * 200).encode()))
    [item] = _items(path, max_bytes=2_000)
    assert item.status == "rejected" and "decompressed" in item.reason


def test_duplicates_are_named_and_the_batch_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text(SIMPLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("\u3000\u3000" + SIMPLE + "\n\n", encoding="gbk")
    (tmp_path / "c.txt").write_text(TEXT, encoding="big5")
    items = _items(tmp_path)
    assert [type(i).__name__ for i in items] == ["Report", "Rejected", "Report"]
    assert items[1] == Rejected(str(tmp_path / "b.txt"), "duplicate", f"duplicate of {tmp_path / 'a.txt'}")


def test_a_bad_file_does_not_stop_the_batch(tmp_path):
    (tmp_path / "0.txt").write_bytes(b"")
    (tmp_path / "1.txt").write_text(SIMPLE, encoding="utf-8")
    assert [type(i).__name__ for i in _items(tmp_path)] == ["Rejected", "Report"]


def test_discover_folders_globs_and_files(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    for name in ("b.txt", "sub/a.html", "sub/deeper/c.jsonl.gz", "sub/skip.pdf", ".hidden.txt", "sub/notes.md"):
        (tmp_path / name).write_text("x")
    found = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == \
        ["b.txt", "sub/a.html", "sub/notes.md", "sub/deeper/c.jsonl.gz"]
    assert discover([tmp_path / "sub" / "*.html"]) == [tmp_path / "sub" / "a.html"]
    assert discover([tmp_path / "**" / "*.md", tmp_path / "sub" / "notes.md"]) == [tmp_path / "sub" / "notes.md"]
    assert discover([tmp_path / "sub" / "skip.pdf"]) == [tmp_path / "sub" / "skip.pdf"]


@pytest.mark.parametrize("missing", ["no/such/folder", "no/such/*.txt"])
def test_discover_missing_path_raises(tmp_path, missing):
    with pytest.raises(InputError) as error:
        discover([tmp_path / missing])
    assert error.value.path == str(tmp_path / missing)


def test_example_reports_are_read_in_order():
    items = _items(EXAMPLES)
    assert [r.doc_id for r in items] == sorted(p.stem for p in EXAMPLES.glob("*.txt"))
    assert all(isinstance(r, Report) and r.source.endswith(".txt") for r in items)


def test_a_records_metadata_under_the_names_crawls_give_it(tmp_path):
    records = [{"id": "a", "text": SIMPLE, "source": "江城日报", "publish_time": "2022-11-23 08:00:00",
                "headline": "某县推行“三联三帮”", "link": "http://example.org/a.html"},
               {"id": "b", "text": SIMPLE + "推行“三会一课”制度。", "source": "http://example.org/b.html",
                "site_name": "江城新闻网"}]
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    a, b = list(read_reports([path]))
    assert (a.meta.publisher, a.meta.date, a.meta.title, a.meta.url) == \
        ("江城日报", "2022-11-23", "某县推行“三联三帮”", "http://example.org/a.html")
    assert (b.meta.publisher, b.meta.url) == ("江城新闻网", "http://example.org/b.html")


def test_a_records_outlet_over_the_site_it_was_crawled_from(tmp_path):
    """A crawl names the site it read (``site_name``) and the outlet the page credits (``media``): the
    outlet publishes, as a page's 来源 line does over its site's name."""
    record = {"id": "a", "site_name": "江城新闻网", "media": "讷河市融媒体中心", "text": SIMPLE}
    (tmp_path / "crawl.jsonl").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    [report] = _items(tmp_path / "crawl.jsonl")
    assert (report.meta.publisher, report.meta.site) == ("讷河市融媒体中心", "江城新闻网")  # the site beside it
    record = {"id": "b", "site": "http://example.org/", "media": "江城日报", "text": SIMPLE}
    (tmp_path / "crawl.jsonl").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    [report] = _items(tmp_path / "crawl.jsonl")
    assert (report.meta.publisher, report.meta.site) == ("江城日报", None)  # an address is no site's name


def test_a_records_page_under_body_html_and_its_unix_time(tmp_path):
    """An app's export: the page under ``body_html`` (or ``bodyHtml``), the time in milliseconds."""
    records = [{"headline": "巴里坤：党旗插在转场路上", "site": "哈密日报", "pubdate": 1698892200000,
                "body_html": f"<html><body><article><p>{SIMPLE}</p></article></body></html>"},
               {"bodyHtml": f"<html><body><article><p>{SIMPLE}甲</p></article></body></html>",
                "pubDate": "1698854399"}]
    (tmp_path / "two.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                        encoding="utf-8")
    a, b = _items(tmp_path / "two.jsonl")
    assert (a.meta.title, a.meta.publisher, a.meta.date, a.text.strip()) == \
        ("巴里坤：党旗插在转场路上", "哈密日报", "2023-11-02", SIMPLE)
    assert (b.meta.date, b.text.strip()) == ("2023-11-01", SIMPLE + "甲")


def test_record_field_names_in_any_case_with_or_without_underscores(tmp_path):
    """An app's API writes publishTime where a crawler writes publish_time: both give the date."""
    records = [{"content": SIMPLE, "publishTime": "2023-07-04T08:12:00+08:00", "source": "广元日报"},
               {"content": SIMPLE + "甲", "Publish-Date": "2023-07-05"}]
    (tmp_path / "two.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                        encoding="utf-8")
    assert [(r.meta.date, r.meta.publisher) for r in _items(tmp_path / "two.jsonl")] == \
        [("2023-07-04", "广元日报"), ("2023-07-05", None)]
