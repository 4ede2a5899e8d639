"""The normaliser: each noise form of scraped reports, the offset map, and its properties."""
from __future__ import annotations

import hashlib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.normalise import boilerplate_cues, normalise, normalise_text, to_simplified
from kg.records import Metadata, Report

# (noise form, scraped fragment as in the example reports, normalised text)
CASES = [
    ("pinyin gloss", "商州區(qū)堅(jiān)持問題導(dǎo)向", "商州区坚持问题导向"),
    ("pinyin gloss, space inside", "創(chuàng )新推行", "创新推行"),
    ("pinyin gloss, full-width brackets", "導（dǎo）向", "导向"),
    ("pinyin gloss, tone digit", "導(dao3)向", "导向"),
    ("toneless gloss in a glossed text", "黨(dǎng)的(de)建設(shè)", "党的建设"),
    ("toneless brackets in a plain text stay", "党的(de)建设", "党的(de)建设"),
    ("brackets that are no pinyin stay", "村(社区)工作运转、区(网格)党支部", "村(社区)工作运转、区(网格)党支部"),
    ("latin word after a character stays", "推进“互联网+”(online)政务", "推进“互联网+”(online)政务"),
    ("placeholders at a line start", "莒鎮(zhèn)黨建\n\n??? 德州新聞網(wǎng)訊", "莒镇党建\n\n德州新闻网讯"),
    ("U+FFFD at a line start", "\ufffd\ufffd抓龙头、强班子", "抓龙头、强班子"),
    ("U+FFFD inside a line", "党建\ufffd\ufffd工作", "党建 工作"),
    ("a question mark stays", "怎么办?要抓班子", "怎么办?要抓班子"),
    ("NBSP indentation", "\xa0\xa0\xa0\xa0 坚持“因地制宜”的原则", "坚持“因地制宜”的原则"),
    ("centred heading of NBSPs", "\xa0" * 40 + " 规范阵地建设,架起党群关系“连心桥”", "规范阵地建设,架起党群关系“连心桥”"),
    ("ideographic space", "\u3000\u3000一是抓班子。\u3000二是", "一是抓班子。 二是"),
    ("full-width letters and digits", "利用ＱＱ、微信，发展党员８名。", "利用QQ、微信，发展党员8名。"),
    ("Chinese punctuation kept", "“三会一课”，（试行）；", "“三会一课”，（试行）；"),
    ("CRLF line breaks", "第一段。\r\n第二段。\r\n", "第一段。\n第二段。"),
    ("blank lines collapse", "第一段。\n\n\n\n第二段。", "第一段。\n\n第二段。"),
    ("zero-width characters", "党\u200b建\ufeff工作", "党建工作"),
    ("image file name line", "形成文明向上的生态文化风尚。\n\n\n修改图2.jpg\n\n\n严督实导,跟踪问效。",
     "形成文明向上的生态文化风尚。\n\n严督实导,跟踪问效。"),
    ("comment widgets", "来源:襄阳日报\n\n我想说:\n  • 评论\n0条评论\n  • 最新评论", "来源:襄阳日报"),
    ("copyright notice and its numbered paragraphs",
     "落到一线。\n\n德州新聞網(wǎng)版權(quán)與免責(zé)聲明:\n\n①凡本網(wǎng)注明“來源:德州新聞網(wǎng)”的所有作品,版權(quán)均屬于德州新聞網(wǎng)。\n\n"
     "②凡本網(wǎng)注明“來源:XXX(非德州新聞網(wǎng))”的作品,均轉(zhuǎn)載自其它媒體。", "落到一线。"),
    ("navigation trail", "首页 > 新闻中心 > 基层党建\n枣阳:高点站位抓整顿", "枣阳:高点站位抓整顿"),
    ("current-position trail", "当前位置:首页>>党建动态\n正文第一段。", "正文第一段。"),
    ("editor line", "正文。\n责任编辑:张三", "正文。"),
    ("a sentence naming a widget word stays", "群众评论说:好。", "群众评论说:好。"),
]


@pytest.mark.parametrize("form, scraped, expected", CASES, ids=[c[0] for c in CASES])
def test_noise_forms(form, scraped, expected):
    assert normalise_text(scraped)[0] == expected


@pytest.mark.parametrize("scraped, span", [
    ("商州區(qū)堅(jiān)持問題導(dǎo)向", "坚持"),
    ("??? 德州新聞網(wǎng)訊(記者 彭曉 通訊員 王梅)", "彭晓"),
    ("\xa0\xa0 坚持“因地制宜、科学合理”的原则", "因地制宜"),
    ("首页 > 新闻\n利用ＱＱ发展党员８名", "QQ发展党员8"),
])
def test_offsets_point_at_the_original_span(scraped, span):
    text, offsets = normalise_text(scraped)
    start = text.index(span)
    original = scraped[offsets[start]:offsets[start + len(span)]]
    assert normalise_text(original)[0] == span


def test_offsets_of_removed_glosses_cover_the_original():
    text, offsets = normalise_text("區(qū)委堅(jiān)持")
    assert text == "区委坚持"
    assert offsets == (0, 5, 6, 13, 14)


@pytest.mark.parametrize("traditional, simplified", [
    ("基層黨建工作", "基层党建工作"),
    ("著力破解難題", "著力破解难题"),
    ("乾隆年間", "乾隆年间"),
    ("已經簽訂“黨建責任狀”", "已经签订“党建责任状”"),
])
def test_traditional_to_simplified_keeps_length(traditional, simplified):
    assert to_simplified(traditional) == simplified
    assert len(to_simplified(traditional)) == len(traditional)


def test_document_carries_text_map_metadata_and_hash():
    original = "推进标准化提升组织力 | 商洛日报\n\n党的力量来自组织。"
    doc = normalise(Report("001", "001.txt", original))
    assert doc.text == original
    assert doc.offsets == tuple(range(len(original) + 1))
    assert doc.meta.publisher == "商洛日报"
    assert doc.sha256 == hashlib.sha256(original.encode()).hexdigest()


def test_metadata_reads_boilerplate_before_it_is_dropped():
    doc = normalise(Report("d", "d.txt", "正文第一段,内容。\n正文第二段。\n\n某某日报版权与免责声明:\n①凡本网注明的作品。"))
    assert doc.meta.publisher == "某某日报"
    assert "版权" not in doc.text


def test_given_metadata_wins():
    doc = normalise(Report("d", "d.jsonl:1", "秦楚网讯 通讯员 贾策 报道:正文。", Metadata(publisher="人民网")))
    assert doc.meta.publisher == "人民网"


@pytest.mark.parametrize("kind", ["line", "block", "continue"])
def test_boilerplate_cues_load(kind):
    assert boilerplate_cues()[kind].pattern != r"(?!)"


# Properties ----------------------------------------------------------------------------------

NOISY = st.text(alphabet=st.sampled_from(list(
    "党建區區委(（)）qūjiāndǎoàe 3?\ufffd\u3000\xa0\t\n\r\u200bＱ８，。“”图.jpg版权声明①评论首页>来源:日报讯記者")), max_size=80)
ANY_TEXT = st.text(max_size=200)


def _check_map(original: str) -> tuple[str, tuple[int, ...]]:
    text, offsets = normalise_text(original)
    assert len(offsets) == len(text) + 1
    assert all(0 <= o <= len(original) for o in offsets)
    assert all(a <= b for a, b in zip(offsets, offsets[1:]))
    assert offsets[-1] == len(original)
    return text, offsets


@settings(max_examples=300, deadline=None)
@given(st.one_of(ANY_TEXT, NOISY))
def test_never_raises_and_keeps_a_valid_map(original):
    _check_map(original)


@settings(max_examples=300, deadline=None)
@given(st.one_of(ANY_TEXT, NOISY))
def test_idempotent(original):
    once = normalise_text(original)[0]
    assert normalise_text(once)[0] == once


# Fast paths ----------------------------------------------------------------------------------
# Each fast path must give what the general path gives: the reference below is the general
# definition (the look-behind regex of glosses, OpenCC on every line to a fixed point).

from kg import normalise as normaliser  # noqa: E402

# pieces of scraped reports: traditional characters and phrases (瞭 changes only inside 一目瞭然,
# 乾 only outside 乾隆, 薴 in two steps), glosses with and without spaces, noise
PIECES = ["區", "黨(dǎng)", "建", "導（dǎo）", "創(chuàng )", "堅 (jiān)", "一目瞭然", "瞭", "乾隆", "乾",
          "穿著", "後", "薴", "党", "区", "的(de)", "(qū)", "(online)", "委(ab)", "村(xx) (cūn)", " ", "\n", "\r\n", "???", "\ufffd",
          "\u3000", "\xa0", "\u200b", "Ｑ８", "a", "x (a)", "版权所有", "首页 > ", "。"]
MIXED = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
REFERENCE_GLOSSES = __import__("re").compile(rf"(?<=[{normaliser.CJK}])(?: *{normaliser._GLOSS})+")


def _reference_simplified(text: str) -> str:
    converter = normaliser._converter()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        for _ in range(3):
            converted = converter.convert(line)
            if len(converted) != len(line):
                converted = "".join(normaliser._char_to_simplified(c) for c in line)
            if converted == line:
                break
            line = converted
        lines[i] = line
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(st.one_of(MIXED, ANY_TEXT))
def test_gloss_runs_are_those_of_the_look_behind_regex(text):
    assert [(start, run.end()) for start, run in normaliser._gloss_runs(text)] == \
        [m.span() for m in REFERENCE_GLOSSES.finditer(text)]


def _reference_gloss_edits(text: str) -> list[tuple[int, int, str]]:
    runs, any_toned = [], False
    for run in REFERENCE_GLOSSES.finditer(text):
        glosses = []
        for gloss in normaliser._ONE_GLOSS.finditer(text, run.start(), run.end()):
            is_pinyin, toned = normaliser._syllable(gloss.group(1))
            if not is_pinyin:
                break
            glosses.append((gloss.end(), toned))
            any_toned = any_toned or toned
        if glosses:
            runs.append((run.start(), glosses))
    edits = []
    for start, glosses in runs:
        end = start
        for gloss_end, toned in glosses:
            if not (toned or any_toned):
                break
            end = gloss_end
        if end > start:
            edits.append((start, end, ""))
    return edits


@settings(max_examples=300, deadline=None)
@given(st.one_of(MIXED, ANY_TEXT))
@example("區(qū)委(ab)")
def test_gloss_edits_are_those_of_the_general_path(text):
    assert normaliser._gloss_edits(text) == _reference_gloss_edits(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(MIXED, ANY_TEXT))
def test_skipping_opencc_changes_nothing(text):
    assert to_simplified(text) == _reference_simplified(text)


@settings(max_examples=200, deadline=None)
@given(st.one_of(MIXED, NOISY, ANY_TEXT))
def test_text_without_offsets_is_the_same_text(text):
    assert normaliser.clean_text(text) == normalise_text(text)[0]


def test_convertible_characters_come_from_the_opencc_tables():
    characters = normaliser.convertible_characters()
    assert characters is not None, "OpenCC's t2s tables could not be read"
    converter = normaliser._converter()
    # every character OpenCC changes on its own is there; a phrase-only change (瞭 in 一目瞭然) too
    assert all(c in characters for c in map(chr, range(0x4E00, 0xA000)) if converter.convert(c) != c)
    assert "瞭" in characters and converter.convert("瞭") == "瞭"
    assert not {"党", "一", "隆", "区"} & characters


def test_a_related_news_list_goes_with_its_heading():
    text = normalise_text("正文第一段。\n\n责任编辑:谭晓\n\n相关新闻:\n· 丰都县:“三事分流”理清权责\n· 彭水县:苗乡“四议两公开”\n")[0]
    assert text == "正文第一段。"
    kept = normalise_text("正文。\n· 一是强化班子。\n· 二是抓实培训。")[0]  # a bulleted list in the body stays
    assert "一是强化班子" in kept and "二是抓实培训" in kept


def test_a_public_accounts_closing_widgets_go():
    post = ("正文最后一段。\n\nEND\n\n往期推荐\n▶ 宁安市召开基层党建工作推进会\n▶ 镜泊湖畔的“红色驿站”\n\n"
            "点击“阅读原文”了解更多\n点击上方蓝字“宁安发布”关注我们\n分享　收藏　在看　点赞\n\n阅读原文\n")
    assert normalise_text(post)[0] == "正文最后一段。"
    kept = normalise_text("正文。\n群众纷纷点赞,争相转发分享。")[0]  # a sentence with those words stays
    assert "点赞" in kept
    # headlines bulleted with emoji, and the header saying where the post was sent from (湖北 is no place it names)
    post = ("标题\n原创 秭归发布 秭归发布 2023年06月21日 18:05 湖北\n正文最后一段。\n\n往期推荐\n"
            "👉 兴山县昭君镇：这个夏天一起去避暑\n👉 归州镇：“屈乡夜话”话出文明新风尚\n\n阅读原文\n")
    assert normalise_text(post)[0] == "标题\n正文最后一段。"
    kept = normalise_text("正文。\n👉 兴山县推行“屈乡夜话”。")[0]  # outside a list's block, an emoji line stays
    assert "兴山县" in kept


@pytest.mark.parametrize("text, clean", [
    ("产业共兴。\\n隆林县委宣传部组建宣讲队伍。", "产业共兴。\n隆林县委宣传部组建宣讲队伍。"),
    ("共兴。\\r\\n\\r\\n隆林县委", "共兴。\n\n隆林县委"),
    ("路径 C:\\new\\data 不变", "路径 C:\\new\\data 不变"),  # in ASCII, a backslash and n are no line break
])
def test_a_line_break_a_crawl_wrote_out_is_a_line_break(text, clean):
    assert normalise_text(text)[0] == clean


def test_a_report_checked_for_duplicates_is_normalised_once(monkeypatch):
    # the build's duplicate check (clean_text) comes just before the pipeline's normalise
    import kg.normalise as N

    calls = []
    real = N._normalise
    monkeypatch.setattr(N, "_normalise", lambda text, **kw: calls.append(text) or real(text, **kw))
    scraped = "??? 商州區(qū)堅(jiān)持“三会一课”"
    clean = N.clean_text(scraped)
    doc = N.normalise(Report("d", "d.txt", scraped))
    assert (doc.text, len(calls)) == (clean, 1)
    assert doc.original[doc.offsets[2]:doc.offsets[4]] == "區(qū)堅(jiān)"
    again = "".join(list(scraped))
    assert again == scraped and again is not scraped
    N.normalise(Report("d", "d.txt", again))  # an equal text in another string: normalised again
    assert len(calls) == 2


# a PDF's text: lines of one width, a page number and a running header between pages
PDF_TEXT = (
    "　　　　　　党建引领聚合力　强村富民开新局\n"
    "　　近年来，安丘市委坚持把发展壮大村级集体经济作为抓党建促乡村振兴的\n"
    "重要抓手，围绕“党建引领、强村富民”目标，统筹推进组织振兴和产业振兴。\n"
    "截至２０２２年底，全市８６２个村集体经营性收入全部达到１０万元以上，\n"
    "其中５０万元以上的村达到１１７个。主要做法如下。\n"
    "　　一、建强“主心骨”，让集体经济有人干\n"
    "　　我们把村党组织书记队伍建设作为基础工程，对全市村党组织书记逐一分\n"
    "析研判，调整不胜任、不称职的３８人。向集体经济薄弱村选派第一书记６３\n"
    "名。建立“季度观摩、年度晾晒”机制，每季度组织镇街党（工）委书记现场观\n"
    "摩，年底对各村集体收入排名晾晒，倒逼书记比着干、争着上。今年，辉渠\n"
    "\n"
    "— 1 —\n"
    "潍坊市党建引领村级集体经济发展现场推进会交流材料\n"
    "\n"
    "镇党委组织１１个村把扶持资金集中投向镇驻地的标准化厂房，探索出“飞地抱\n"
    "团”的路子，每年为每个村稳定增收８万元以上，带动群众增收致富奔小康。\n"
    "\n"
    "— 2 —\n"
    "潍坊市党建引领村级集体经济发展现场推进会交流材料\n"
    "\n"
    "— 3 —"
)


def test_a_pdfs_lines_run_on_across_its_width_and_its_pages():
    text, offsets = normalise_text(PDF_TEXT)
    assert "建立“季度观摩、年度晾晒”机制" in text and "辉渠镇党委" in text and "“飞地抱团”" in text
    assert "交流材料" not in text and "— 1 —" not in text  # running headers and page numbers go
    # a paragraph starts on its own line; a heading stays one
    assert "主要做法如下。\n一、建强“主心骨”,让集体经济有人干\n我们把" in text.replace("，", ",")
    at = text.index("辉渠镇")
    assert PDF_TEXT[offsets[at + 2]] == "镇" and PDF_TEXT[offsets[at + 1]] == "渠"
    assert normalise_text(text)[0] == text


def test_a_report_typed_in_paragraphs_keeps_its_lines():
    lines = ["县委组织部推行积分制管理。" * (k % 3 + 1) for k in range(12)]  # lines of three widths
    report = "\n".join(lines)
    assert normalise_text(report)[0] == report


def test_a_bulletins_distribution_lines_stay_and_its_print_run_goes():
    """The bodies a bulletin goes to are named in it (the golds of four held-out sets list them);
    the number of copies printed is no text of the report."""
    bulletin = "正文最后一段。\n报：吉林省委组织部，辽源市委组织部\n送：县直各单位\n（共印60份）"
    assert normalise_text(bulletin)[0] == "正文最后一段。\n报：吉林省委组织部，辽源市委组织部\n送：县直各单位"
