"""Report metadata: title, date, publisher and authors from the places a report states them."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.metadata import canonical_date, people, report_metadata
from kg.normalise import normalise
from kg.records import Metadata, Person, Report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "reports"
BODY = "\n正文第一段,内容很多。\n正文第二段。"

DATES = [
    ("a periodical's issue: its year, the issue no month", "《安平党建》 2020年第12期(总第148期) 卷首语\n标题" + BODY,
     "2020"),
    ("labelled page date", "枣阳:高点站位抓整顿\n发布时间:2020-07-16 09:39:05 发布人:梓萌" + BODY, "2020-07-16"),
    ("labelled Chinese date", "标题\n发布日期:2019年3月5日" + BODY, "2019-03-05"),
    ("labelled month", "标题\n日期:2019年3月" + BODY, "2019-03"),
    ("date line under the title", "标题\n2019-03-05 10:20 来源:某某日报" + BODY, "2019-03-05"),
    ("full date in a header line with the source", "标题\n来源:三峡日报  2021-05-12" + BODY, "2021-05-12"),
    ("full date in a short header line", "标题\n2021年5月12日 星期三" + BODY, "2021-05-12"),
    ("dated dateline", "本报讯(记者 张三)2019年3月5日,县委召开会议。" + BODY, "2019-03-05"),
    ("year told as the current one", "秦楚网讯 通讯员 贾策 报道:2018年是党支部规范化建设实施年,郧西县观音镇党委坚持" + BODY,
     "2018"),
    ("year told as current, 'the year of'", "2019年是脱贫攻坚的关键一年,全县上下" + BODY, "2019"),
    ("a year mentioned in the body is no date", "今年开展村级财务审计132次,2017年以来累计" + BODY, None),
    ("year told as current by the lead under the byline lines",
     "小岗村党员领着干\n记者 陈思远\n通讯员 凌晨 赵文娟\n2024年是小岗村“大包干”46周年。今年以来，凤阳县委" + BODY, "2024"),
    ("an app's page line: a day and a time, the year the text tells",
     "洪湖：湾子里的事有人管了\n湖北日报　4月19日 07:30　阅读 3.2万\n湖北日报讯（记者 胡晓光）4月18日傍晚，螺山镇龙潭村"
     "的党群服务中心坐满了人。\n2024年是洪湖市深化“共同缔造”活动的关键之年。" + BODY, "2024-04-19"),
    ("a year after the lead is no date", "标题\n导语。\n第二段。\n2016年是试点之年,当时" + BODY, None),
    ("a date inside the body is no date", "标题\n导语。\n2019年3月5日,镇党委召开会议。" + BODY, None),
    ("an impossible month keeps the year", "标题\n发布时间:2019-13-05" + BODY, "2019"),
    ("dotted date on a page line", "标题\n2022.04.09 08:15 阅读 356" + BODY, "2022-04-09"),
    ("a dateline's day in the year the text tells as current",
     "长宁时报 · 社区治理\n标题\n本报讯(记者 沈佳)3月5日下午,社区居民活动室里坐满了人。\n2023年是开局之年。" + BODY,
     "2023-03-05"),
    ("slashed labelled date", "标题\n时间:2017/9/3 作者:李四" + BODY, "2017-09-03"),
    ("'published at' page line", "某镇抓党建\n发布于 2019年8月2日 08:15 | 滨海在线 | 阅读 1024" + BODY, "2019-08-02"),
    ("masthead with its edition", "江城晚报 2022.04.09 星期六 第05版:综合新闻·基层党建\n某镇抓党建" + BODY, "2022-04-09"),
    ("closing 'first printed in' line", "某镇抓党建\n导语。" + BODY + "\n(原载《江城日报》2016年3月4日第2版)", "2016-03-04"),
    ("dateline day, year from the series headline",
     "2021年乡村振兴巡礼\n某镇抓党建\n滨海在线4月2日讯(记者 张三)近日,镇党委召开会议。" + BODY, "2021-04-02"),
    ("lead day, year from the series headline",
     "2018年组织工作巡礼(三)\n某镇抓党建\n6月12日上午,镇党委召开会议。" + BODY, "2018-06-12"),
    ("dateline day, year from a full date of that day",
     "某镇抓党建\n滨海在线4月2日讯 近日,镇党委召开会议。\n2021年4月2日,各村开展活动。" + BODY, "2021-04-02"),
    ("lead opening with a month", "某镇抓党建\n江城新闻网讯 通讯员 张三 报道:2020年9月,全县召开推进会。" + BODY, "2020-09"),
    ("lead opening with a year", "某镇抓党建\n2016年,全县新建党群服务中心12个。" + BODY, "2016"),
    # a year's span opening the lead dates the report when nothing else does, as the annotators read it
    ("a year's span opening the lead gives its year", "某镇抓党建\n2017年以来,全县新建党群服务中心。" + BODY, "2017"),
    ("a page date beats a span's year", "某镇抓党建\n来源:江城日报 2021-03-08\n2017年以来,全县新建。" + BODY, "2021-03-08"),
    ("a span's start opening the lead is no date", "某镇抓党建\n2013年起,全县推行积分制。" + BODY, None),
    ("a month's span opening the lead is no date", "某镇抓党建\n江城新闻网讯 2020年5月以来,全县推行。" + BODY, None),
    ("a span mid-sentence is no date", "某镇抓党建\n近年来,全县坚持问题导向,2017年以来累计整顿12个村。" + BODY, None),
    ("a day without a year is no date", "某镇抓党建\n5月20日晚,村里召开议事会。" + BODY, None),
    ("a span in the headline gives no year", "2017年以来的变化\n某镇抓党建\n6月12日,镇党委召开会议。" + BODY, None),
    ("a full date of another day gives no year",
     "某镇抓党建\n滨海在线4月2日讯 近日,镇党委召开会议。\n2021年4月3日,各村开展活动。" + BODY, None),
    ("an image file name gives no year", "某镇抓党建\nIMG_20190312_0831.jpg\n3月12日,镇党委召开会议。" + BODY, None),
    ("an image file name is no date", "某镇抓党建\nIMG_2019-03-12_0831.jpg\n导语。" + BODY, None),
    ("masthead with a month", "某镇抓党建\n\n江城日报 2019年4月\n(作者:李明)\n正文。" + BODY, "2019-04"),
    ("dateline line ending in its date", "某镇抓党建\n江城晚报讯 记者 李明 欧阳晓峰 通讯员 王红 张三 2021年5月6日\n近年来,镇党委坚持。" + BODY,
     "2021-05-06"),
    # a dateline's hour; the year of an anniversary told as now; an editor's note opening with its month
    ("dateline with an hour, year of an anniversary",
     "城口:党旗红\n华龙网7月1日18时讯(通讯员 向明远)在建党95周年之际,记者走进城口县。" + BODY, "2016-07-01"),
    ("a year told by an anniversary", "某镇抓党建\n今年是中国共产党成立100周年。全镇开展活动。" + BODY, "2021"),
    ("a dateline's day in the year of a region's anniversary",
     "紫金乡抓党建\n本报江孜8月17日讯(记者 次仁卓嘎)在西藏和平解放70周年之际,记者走进帮玉村。" + BODY, "2021-08-17"),
    ("an anniversary of the past tells no year", "某镇抓党建\n本报讯 7月1日,建党90周年时建成的展馆迎客。" + BODY, None),
    # an anniversary in Chinese numerals or as 百年; a date in Chinese numerals; a year a sentence gives as this year's
    ("a centenary told as now", "荔波县:党旗红\n黔南日报讯(通讯员 覃海燕)6月28日,在建党百年即将到来之际,全乡开展活动。" + BODY,
     "2021-06-28"),
    ("an anniversary in Chinese numerals", "某县抓党建\n本报讯 10月1日,在新中国成立七十周年之际,全县开展活动。" + BODY,
     "2019-10-01"),
    ("a source line dated in Chinese numerals",
     "某县抓党建\n来源:闽西日报　　二〇二二年六月二十九日　　作者:钟丽萍\n正文。" + BODY, "2022-06-29"),
    ("a day in the year a sentence gives as this year's",
     "阳朔:三带三强\n3月28日,记者从县委组织部获悉,在今年1月召开的2023年全县组织工作会议上,县委作出部署。" + BODY,
     "2023-03-28"),
    ("a year compared with is not this year's", "某镇抓党建\n本报讯 5月6日,今年村集体收入比2020年增长30%。" + BODY, None),
    ("a day in the year of the meeting held on it",
     "淮阴区:三个一线\n淮安3月21日电(通讯员 朱晨阳)3月21日,2024年淮阴区基层党建推进会在刘老庄镇召开。" + BODY,
     "2024-03-21"),
    ("a year before a meeting held on another day is no day's year",
     "淮阴区:三个一线\n淮安3月21日电(通讯员 朱晨阳)3月21日,记者获悉,2023年全区共召开推进会12场。" + BODY, None),
    ("year told as current after a byline and with its quoted name",
     "大方县:漆心向党\n本报讯(通讯员 杨明锐)2023年是大方县确定的“基层治理提升年”。今年以来," + BODY, "2023"),
    ("editor's note", "访谈\n作者:马晓燕 编辑:李婷\n编者按:2025年1月,记者走进盐池县,专访了部长。" + BODY, "2025-01"),
    ("bracketed source label with the date, at the bottom", "某镇抓党建\n本报讯 今年以来,全市推进。" + BODY
     + "\n【来源】宿迁日报 2019年06月12日", "2019-06-12"),
    ("a line with a month and more than an outlet is no masthead", "某镇抓党建\n江城日报记者走进2019年4月的乡村\n正文。" + BODY, None),
]

PUBLISHERS = [
    ("a periodical's issue line", "《安平党建》 2020年第12期(总第148期) 卷首语\n标题" + BODY, "安平党建"),
    ("a dateline under a title, a subtitle and a date line",
     "“田间党校”开花\n——张掖市综述\n2022-12-16\n张掖日报讯(记者 马文婷)冬日的黑河两岸。" + BODY, "张掖日报"),
    ("a party body as source, named without 中共", "标题\n信息来源:中共金华市委组织部 发布日期:2022-1-14" + BODY,
     "金华市委组织部"),
    ("bracketed source field", "标题\n【来源：皖西日报】【作者：储著胜 陈静】【发布时间：2021-04-07 08:51】\n\n" + BODY, "皖西日报"),
    ("信息来源 among a page line's fields", "标题\n发布日期：2019-07-16　信息来源：闽东日报　作者：叶美英\n\n" + BODY, "闽东日报"),
    ("source line", "正文。\n\n来源:襄阳日报\n\n我想说:", "襄阳日报"),
    ("bracketed source label", "正文。" + BODY + "\n【来源】宿迁日报 2019年06月12日", "宿迁日报"),
    ("稿源 among a page line's fields", "标题\n稿源:兴国县融媒体中心 作者:钟文华 点击数:\n\n" + BODY, "兴国县融媒体中心"),
    ("dateline", "秦楚网讯 通讯员 贾策 报道:2018年是" + BODY, "秦楚网"),
    ("masthead naming a section, then 本报讯", "长宁时报 · 社区治理\n标题\n本报讯(记者 沈佳)3月5日下午,开会。" + BODY, "长宁时报"),
    ("dateline after the title", "莒镇:“四抓四强”夯实基层党建\n德州新闻网讯(记者 彭晓 通讯员 王梅)近年来" + BODY, "德州新闻网"),
    ("news agency dateline", "新华社北京3月5日电 正文" + BODY, "新华社"),
    ("title suffix", "推进标准化提升组织力 推动基层党组织全面过硬 | 商洛日报\n\n党的力量来自组织。", "商洛日报"),
    ("title suffix with a dash", "某镇抓党建 - 人民网" + BODY, "人民网"),
    ("copyright notice", "正文。" + BODY + "\n德州新闻网版权与免责声明:\n①凡本网注明的作品", "德州新闻网"),
    ("copyright line", "正文。" + BODY + "\n版权所有:某某县融媒体中心", "某某县融媒体中心"),
    ("'this paper' names no outlet", "本报讯 记者 张三 正文" + BODY, None),
    ("a quoted source in a disclaimer is no source line", "正文。" + BODY + "\n凡本网注明“来源:XXX(非本网)”的作品", None),
    ("no outlet", "商州区坚持问题导向,著力破解基层党建难题。" + BODY, None),
    ("a source line naming this site names no outlet", "正文。" + BODY + "\n来源:本站", None),
    ("source line in book-title marks", "正文。" + BODY + "\n(来源:《江城日报》)", "江城日报"),
    ("closing 'first printed in' line", "正文。" + BODY + "\n(原载《江城日报》2016年3月4日第2版)", "江城日报"),
    ("masthead", "江城晚报 2022.04.09 第05版:综合\n某镇抓党建\n今年以来,镇党委坚持。" + BODY, "江城晚报"),
    ("outlet field of a page line", "某镇抓党建\n发布于 2019年8月2日 08:15 | 滨海在线 | 阅读 1024" + BODY, "滨海在线"),
    ("dateline with its day", "某镇抓党建\n滨海在线4月2日讯(记者 张三)近日,镇党委召开会议。" + BODY, "滨海在线"),
    ("masthead with a month", "某镇抓党建\n\n江城日报 2019年4月\n正文。" + BODY, "江城日报"),
    ("a page line's other fields are no outlet", "某镇抓党建\n2019-08-02 08:15 本网 | 浏览量:356 | 要闻" + BODY, None),
]

AUTHORS = [
    ("bracketed byline field", "标题\n【来源：皖西日报】【作者：储著胜 陈静】【发布时间：2021-04-07 08:51】\n\n" + BODY,
     [("储著胜", "作者"), ("陈静", "作者")]),
    ("byline among a page line's fields", "标题\n发布日期：2019-07-16　信息来源：闽东日报　作者：叶美英 龚晓云　字体：【大 中 小】\n\n"
     + BODY, [("叶美英", "作者"), ("龚晓云", "作者")]),
    ("correspondent in the dateline", "秦楚网讯 通讯员 贾策 报道:2018年是" + BODY, [("贾策", "通讯员")]),
    ("reporter and correspondent in brackets", "德州新闻网讯(记者 彭晓 通讯员 王梅)近年来" + BODY,
     [("彭晓", "记者"), ("王梅", "通讯员")]),
    ("two names after one role", "本报讯(记者 张三 李四)近日" + BODY, [("张三", "记者"), ("李四", "记者")]),
    ("role joined to the name", "本报讯(本报记者张三)近日" + BODY, [("张三", "记者")]),
    ("closing bracket of names", "正文。" + BODY + "(任子林 吳康健)".replace("吳", "吴"), [("任子林", "作者"), ("吴康健", "作者")]),
    ("closing bracket with a title", "正文。" + BODY + "(中共丹凤县委常委、组织部长王建刚)",
     [("王建刚", "中共丹凤县委常委、组织部长")]),
    ("byline line at the end", "正文。" + BODY + "\n作者:张三", [("张三", "作者")]),
    ("closing bracket with no names", "正文。" + BODY + "(试行)", []),
    ("a role word in the body names nobody", "标题\n导语。\n全镇培训通讯员 50名,记者 到场。" + BODY, []),
    ("a byline ends at the page line's next field", "某镇抓党建\n作者:李明 来源:江城日报\n正文。" + BODY,
     [("李明", "作者")]),
    ("an outlet is no name", "某镇抓党建\n编辑:周红 江城晚报\n正文。" + BODY, [("周红", "编辑")]),
    ("a page's counter is no name", "某镇抓党建\n稿源:兴国县融媒体中心 作者:钟文华 点击数:\n正文。" + BODY,
     [("钟文华", "作者")]),
    ("a closing sentence that opens with a role names nobody",
     "某镇抓党建\n导语。\n" + BODY + "\n记者了解到,两年来,先后有20余批次考察团到聊城学习。", []),
]


@pytest.mark.parametrize("field, authors", [
    ("（记者 韩雯 通讯员 刘洋", [("韩雯", "记者"), ("刘洋", "通讯员")]),
    ("张三;李四", [("张三", "作者"), ("李四", "作者")]),
    ("通讯员 供图", []),
])
def test_a_page_author_field_gives_people_by_role(field, authors):
    assert people(field) == tuple(Person(n, r) for n, r in authors)

TITLES = [
    ("short headline", "枣阳:高点站位抓整顿 精准施策强基层\n发布时间:2020-07-16" + BODY, "枣阳:高点站位抓整顿 精准施策强基层"),
    ("headline without its outlet", "推进标准化提升组织力 | 商洛日报\n\n党的力量来自组织。", "推进标准化提升组织力"),
    ("a body paragraph is no title", "商州区坚持问题导向,著力破解基层党建难题,创新推行“五抓五强”党建主题活动。" + BODY, None),
    ("a dateline is no title", "秦楚网讯 通讯员 贾策 报道" + BODY, None),
    ("a lone line is no title", "只有一行", None),
    ("a masthead is passed over", "江城晚报 2022.04.09 第05版:综合\n某镇抓党建\n今年以来,镇党委坚持。" + BODY, "某镇抓党建"),
    ("a masthead with a lettered edition is passed over",
     "盐阜大众报 2022年9月14日 星期三 第A2版:要闻\n一县一品牌 一域一特色\n本报讯 今年以来。" + BODY, "一县一品牌 一域一特色"),
    ("a masthead naming a section is passed over", "长宁时报 · 社区治理\n虹仙社区议事\n本报讯 今年以来。" + BODY,
     "虹仙社区议事"),
]


@pytest.mark.parametrize("case, text, date", DATES, ids=[c[0] for c in DATES])
def test_date(case, text, date):
    assert report_metadata(text).date == date


@pytest.mark.parametrize("case, text, publisher", PUBLISHERS, ids=[c[0] for c in PUBLISHERS])
def test_publisher(case, text, publisher):
    assert report_metadata(text).publisher == publisher


@pytest.mark.parametrize("case, text, authors", AUTHORS, ids=[c[0] for c in AUTHORS])
def test_authors(case, text, authors):
    assert report_metadata(text).authors == tuple(Person(n, r) for n, r in authors)


@pytest.mark.parametrize("case, text, title", TITLES, ids=[c[0] for c in TITLES])
def test_title(case, text, title):
    assert report_metadata(text).title == title


def test_given_fields_win_and_missing_ones_are_read():
    given = Metadata(date="2021-01-02", url="http://example.org/a")
    meta = report_metadata("秦楚网讯 通讯员 贾策 报道:2018年是党支部规范化建设实施年," + BODY, given)
    assert (meta.date, meta.url, meta.publisher) == ("2021-01-02", "http://example.org/a", "秦楚网")


@pytest.mark.parametrize("value, date", [
    ("2020-07-16 09:39:05", "2020-07-16"),
    ("2020/7/6", "2020-07-06"),
    ("2018年5月", "2018-05"),
    ("2018", "2018"),
    ("unknown", None),
    (None, None),
])
def test_canonical_date(value, date):
    assert canonical_date(value) == date


# The example reports: date and publisher as the annotation gives them.
EXAMPLE_META = [
    ("000_fe7e9151aa82acd0", "2018", "秦楚网"),
    ("001_5d3d10ef16287600", None, "商洛日报"),
    ("002_c650f0279d6752d2", "2020-07-16", "襄阳日报"),
    ("003_a8d6e58b3abc559f", None, None),
    ("004_bba86f12208dece8", None, "德州新闻网"),
]


@pytest.mark.parametrize("doc_id, date, publisher", EXAMPLE_META, ids=[c[0] for c in EXAMPLE_META])
def test_example_reports(doc_id, date, publisher):
    path = EXAMPLES / f"{doc_id}.txt"
    doc = normalise(Report(doc_id, str(path), path.read_text(encoding="utf-8-sig")))
    assert (doc.meta.date, doc.meta.publisher) == (date, publisher)


@pytest.mark.parametrize("text, publisher, site", [
    # the site a page belongs to, beside the outlet its source line names
    ("门头沟区推行一线工作法_区县新闻_千龙网·中国首都网\n来源:北京日报\n正文。" + BODY, "北京日报", "千龙网"),
    ("标题\n来源:大理日报\n正文。" + BODY + "\n云南网版权所有", "大理日报", "云南网"),
    # the same outlet named longer, or the publisher itself, is no other site
    ("标题\n来源:遵义日报\n正文。" + BODY + "\n版权声明:本网资料均为遵义日报社版权所有", "遵义日报", None),
    ("推进标准化提升组织力 | 商洛日报\n\n党的力量来自组织。" + BODY, "商洛日报", None),
    # the public account a post asks to be followed
    ("标题\n来源:牡丹江日报\n正文。" + BODY + "\n点击上方蓝字“宁安发布”关注我们", "牡丹江日报", "宁安发布"),
    # the account a post's header names
    ("标题\n原创 夏县发布 夏县发布 2022-09-27 19:30 发表于山西\n来源:夏县融媒体中心\n正文。" + BODY,
     "夏县融媒体中心", "夏县发布"),
    ("标题\n夏县发布 2022-09-27\n正文。" + BODY, None, None),  # a name and a date alone say no post
    # a post that names no other source is its account's
    ("关于拟表彰全县先进基层党组织的公示\n抚松组工 2024-06-20 17:36 发表于吉林\n正文。" + BODY, "抚松组工", None),
])
def test_the_site_hosting_a_report(text, publisher, site):
    meta = report_metadata(text)
    assert (meta.publisher, meta.site) == (publisher, site)


@pytest.mark.parametrize("header, date", [
    ("原创 夏县发布 夏县发布 2022-09-27 19:30 发表于山西", "2022-09-27"),
    ("原创 史晓娟 夏县发布 2022年9月27日", "2022-09-27"),
    ("夏县发布 2022-09-27 19:30", "2022-09-27"),
    ("原创 秭归发布 秭归发布 2023年06月21日 18:05 湖北", "2023-06-21"),  # where it was sent from, without 发表于
])
def test_a_public_account_posts_header_dates_it(header, date):
    assert report_metadata("太宽河村：小连翘长成“摇钱树”\n" + header + "\n正文。" + BODY).date == date


@pytest.mark.parametrize("text, date, publisher", [
    # a page field that writes the year in two digits
    ("芜湖高新区:“红芯领航”点亮园区两新党建\n发布时间:23-05-10 来源:大江晚报 浏览次数:1268\n正文。" + BODY,
     "2023-05-10", "大江晚报"),
    # a closing byline's date, as precise as it is given (元月: January)
    ("唱响新调 走好新路\n来源:楚雄日报\n正文。" + BODY + "\n(本报记者 李文娟 2022年元月采写于姚安)", "2022-01", "楚雄日报"),
    # a bulletin's issuer line under its masthead: the body that issues it, its date in Chinese numerals
    ("组 工 动 态\n第15期\n中共卢氏县委组织部 二〇二二年九月三日\n【本期要目】\n正文。" + BODY,
     "2022-09-03", "卢氏县委组织部"),
    # a yearbook's compiler and the time it was printed
    ("隆化县2022年党建工作大事记\n隆化县地方志办公室　编\n编印时间：2023年3月\n1月6日，县委召开会议。" + BODY,
     "2023-03", "隆化县地方志办公室"),
    # a material dated by its last line, in Chinese numerals and to the month
    ("把心留在困牛山\n——先进事迹材料\n正文。" + BODY + "\n二〇二三年六月", "2023-06", None),
    # a journal's issue line without 《》, with the month it came out
    ("地方治理评论　2024年第1期（总第37期）　2024年1月\n积分何以撬动治理\n摘要：正文。" + BODY, "2024-01", "地方治理评论"),
    # a page's info line under its title and navigation, far from the text's edges
    ("东北网 > 佳木斯频道 > 县区动态\nhttps://jms.example/system/2023/09/18/1.shtml\n[APP内打开]\n桦川：党建引领\n"
     "2023-09-18 10:26:37　来源：东北网　作者：孙宏伟　阅读 1.2万\n分享到：[微信]\n正文。" + BODY + "\n相关阅读\n点赞 368\n评论 27\n",
     "2023-09-18", "东北网"),
    # a weekday between the day and the time, and a reprint's 文章来源
    ("港澳资讯网\n首页 | 港闻\n江华：瑶山红\n2023年10月12日（星期四）09:31　文章来源：永州日报　转载编辑：梁慧仪\n正文。"
     + BODY + "\n相关新闻\n版权所有\n不得转载", "2023-10-12", "永州日报"),
    # a report to a meeting, dated by the line under its title that says when and where it was given
    ("马官镇党委书记2023年度抓基层党建工作述职报告\n（2024年1月12日在普定县乡镇党委书记抓基层党建工作述职评议会上）\n"
     "马官镇党委书记　杨明华\n"
     "各位领导、同志们：\n2023年，我认真履行职责。" + BODY, "2024-01-12", None),
    # a bulletin's masthead over its number, where no issuer line says whose it is
    ("菏泽组工信息\n第21期（总第389期）\n中共菏泽市委组织部编　　　2023年9月5日\n【编者按】近年来，曹县探索。" + BODY,
     "2023-09-05", "菏泽组工信息"),
    # a bulletin's masthead that names more than its kind wins over its issuer line, which dates it
    ("东丰组工\n（简报）\n第9期\n中共东丰县委组织部　　　　2024年4月10日\n东丰县“鹿乡先锋”引领乡村振兴\n正文。" + BODY,
     "2024-04-10", "东丰组工"),
    # ... spaced out as OCR reads a masthead, its date in Chinese numerals with a letter O for the zero
    ("济  阳  组  工\n（ 简  报 ）\n第 2 6 期\n中共济阳县委组织部　　　　二O一六年九月八日\n【编者按】今年以来，全县探索。"
     + BODY, "2016-09-08", "济阳组工"),
    # an app's post: the account's name over its line under the title
    ("头条　首页 > 国内\n[下载APP]　[登录]\n芒康：318国道旁党旗红\n昌都报\n2023-06-15 08:02 · 西藏 · 已认证机构号\n"
     "粉丝 12.6万\n昨日，记者从芒康县委组织部获悉，正文。" + BODY, "2023-06-15", "昌都报"),
    # an official document dated under its signature, not by the 印发 line of its copies
    ("中共兴城市委组织部文件\n兴组发〔2023〕38号\n关于重点工作推进情况的通报\n各镇（乡）党委：\n正文。" + BODY
     + "\n中共兴城市委组织部\n2023年12月5日\n（此件主动公开）\n抄送：葫芦岛市委组织部。\n"
     "中共兴城市委组织部办公室　　2023年12月6日印发\n— 3 —", "2023-12-05", None),
    # a message board's page: the reply's time, not the message's
    ("留言详情\n| 留言人 | 王海伦 | 留言时间 | 2023-08-14 09:32:17 |\n正文。" + BODY
     + "\n| 答复时间 | 2023-08-21 16:05:40 |\n答复内容。", "2023-08-21", None),
    # a teaching case dated by its header's revision, not by the year inside its number
    ("中共延安市委党校现场教学案例\n桃宝峪村：党建引领\n案例编号：YADX-XCJX-2023-07　　编写：党建教研部　　2023年11月修订\n"
     "【教学目的】正文。" + BODY, "2023-11", None),
    # ... and no revision told in a sentence of the lead
    ("桃宝峪村：党建引领\n2021年3月修订的村规民约，写进了“五星”评比。" + BODY, None, None),
    # a site's name over its breadcrumb
    ("河源网络问政平台\n首页 > 河源市 > 和平县 > 留言详情\n[已办结] 服务中心白天锁门\n留言内容：正文。" + BODY, None,
     "河源网络问政平台"),
    # ... not a title over it
    ("党建引领乡村振兴\n首页 > 要闻\n正文。" + BODY, None, None),
    # a meeting's minutes, signed by no one, dated by the 印发 line of its copies, not by the meeting
    ("桓仁满族自治县委办公室\n会　议　纪　要\n全县抓党建促乡村振兴工作推进会议纪要\n2024年3月14日下午，县委召开会议。" + BODY
     + "\n分送：本溪市委组织部。\n桓仁满族自治县委办公室　　　　2024年3月18日印发", "2024-03-18", None),
    # an application form's 填表日期
    ("“畲乡红”党建品牌\n申　报　书\n申报单位：中共宁国市云梯畲族乡委员会\n填表日期：2024年4月12日\n一、基本情况" + BODY,
     "2024-04-12", None),
    # a note exported from an app: its last change, and the app no outlet
    ("标题：2024年3月驻村工作日志\n创建时间：2024-03-01 21:36\n修改时间：2024-03-31 23:12\n来源：有道云笔记（PC版导出）\n"
     "3月1日 星期五 晴\n上午参加乡党委周例会。" + BODY, "2024-03-31", None),
    # a scanned document's signature date as OCR misread it (l for 1, O for 0, 曰 for 日)
    ("中共开化县委组织部文件\n关于推广经验做法的通知\n各乡镇党委：\n正文。" + BODY
     + "\n中共开化县委组织部\n2O24年6月l8曰\n(此件公开发布)\n中共开化县委组织部办公室　　2024年6月19曰印发",
     "2024-06-18", None),
    # a meeting record's fields spaced out to one width (时　　间：)
    ("乌林村党员大会会议记录\n时　　间：2024年5月20日（星期一）上午9：00—11：40\n地　　点：乌林村党群服务中心\n"
     "主 持 人：金哲洙\n会议议程：\n一、开展党纪学习教育专题学习\n金哲洙：同志们，现在开会。2021年递交入党申请书。" + BODY,
     "2024-05-20", None),
    # a page copied whole with its line breaks lost: the info line at its start
    ("首页 > 新闻中心 > 兴义新闻 兴义：党建引领布依山寨焕新颜 2024-08-21 09:15 来源：兴义市融媒体中心 作者：罗艳 "
     "“以前开个证明要跑到街道。”8月19日，在兴义市万峰林街道下纳灰村的党群服务站里。" * 4, "2024-08-21", "兴义市融媒体中心"),
    # a page title's site after a hyphen, the title ending in a quote
    ("宁夏大学与西夏区签约共建“校地党建联盟”-宁夏大学新闻网\n正文。" + BODY, None, "宁夏大学新闻网"),
])
def test_page_fields_bylines_and_issuers_date_a_report(text, date, publisher):
    meta = report_metadata(text)
    assert (meta.date, meta.publisher) == (date, publisher)


@pytest.mark.parametrize("value, day", [
    ("2022-05-09T23:40:00Z", "2022-05-10"),  # a time in UTC: the day it was in China
    ("2024-03-12T09:15:00+08:00", "2024-03-12"),
    ("2022-05-09T23:40:00", "2022-05-09"),  # no offset: the day as written
    ("1698892200000", "2023-11-02"),  # a Unix time in milliseconds, as apps give it: 10:30 in China
    ("1698854399", "2023-11-01"),  # in seconds: 23:59:59 in China, 15:59:59 in UTC
    ("20231102", "2023-11-02"),  # eight digits are a day, no Unix time
    ("Mon Jul 01 10:12:33 +0800 2024", "2024-07-01"),  # Weibo's created_at
    ("Sun Jun 30 23:12:33 -0400 2024", "2024-07-01"),  # ... with another offset: the day in China
])
def test_a_given_time_with_its_offset_is_dated_in_china(value, day):
    assert canonical_date(value) == day


@pytest.mark.parametrize("author, publisher", [
    ("合作融媒", "合作融媒"),  # a platform page's account (百家号), named as its author
    ("巴马发布", "巴马发布"),
    ("王建社", None),  # a person's name that ends like an outlet's
    ("卓玛吉", None),
])
def test_an_account_named_as_a_pages_author_is_its_publisher(author, publisher):
    meta = report_metadata("合作市：“帐篷党课”进牧区\n正文。" + BODY, Metadata(authors=(Person(author, "作者"),)))
    assert meta.publisher == publisher


def test_a_pages_address_dates_it_when_nothing_else_does():
    """A content system writes the day into the address (TRS: …/201706/t20170615_43127.html)."""
    url = "http://www.naqu.gov.cn/xwzx/xqdt/201706/t20170615_43127.html"
    assert report_metadata("那曲县：党建引领促脱贫\n正文。" + BODY, Metadata(url=url)).date == "2017-06-15"
    dated = report_metadata("标题\n发布时间：2017-06-20\n正文。" + BODY, Metadata(url=url))
    assert dated.date == "2017-06-20"  # the page's own date first


@pytest.mark.parametrize("title, split", [
    ("随州日报数字报-广水：“红色村湾”激活乡村治理神经末梢", ("广水：“红色村湾”激活乡村治理神经末梢", "随州日报")),
    ("传承照金精神 建强战斗堡垒--铜川日报数字报刊平台", ("传承照金精神 建强战斗堡垒", "铜川日报")),
    ("推进标准化提升组织力 | 商洛日报", ("推进标准化提升组织力", "商洛日报")),
    # a blog platform after the blog's name
    ("村官日记：县上的干部来俺村“听意见”了_苹果园里的小村官_新浪博客",
     ("村官日记：县上的干部来俺村“听意见”了_苹果园里的小村官", "新浪博客")),
])
def test_an_e_papers_title_names_its_paper(title, split):
    from kg.metadata import split_title

    assert split_title(title) == split
