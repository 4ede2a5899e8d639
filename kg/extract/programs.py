"""Finding programs and slogans: quoted terms, national campaigns, head-noun patterns, parts.

A quoted term (“三会一课”) is read with its context and sorted into a program, a
slogan or plain emphasis by general cues, tried in this order:

0. someone's words are neither: a clause or a long quote with a first person in it, a
   colon before it or a speech verb after it (“…,大家都服气。”一位老党员说);
1. the words after the closing quote (a run of quotes joined by 、/和/与 shares the
   words after the last one): a program head noun (制度, 活动, 工作法, ...) makes a
   program, a slogan cue (原则, 理念, 思想, ...) a slogan;
2. the core's shape: a count pattern (三会一课, 四抓四强, 2+5) or a ``X+Y`` pairing
   is a program; a core ending in a program head (雁归计划) is a program;
3. the verb before the opening quote: 开展/实施/推行/创建/推出/探索/... make a program,
   架起/打造/拧紧/打好/... a slogan, and so does a clause that likens something to a short
   quote (成为群众身边的“主心骨”, 变身“活教材”);
4. a multi-clause motto (因地制宜、科学合理) with no program cue is a slogan; so is a
   quote standing as its own sentence or closing a headline;
5. anything else is emphasis (“家”, “空白”) and is not kept.

Unquoted, national campaigns come from the lexicon (``campaigns.txt``), matched on
the text with quote marks removed (so “三务”公开 reads as 三务公开); initiatives
named by a trigger verb and a head noun (实施村干部三年素质提升工程) from a pattern;
and the named parts of a composite count program (五抓五强 → 抓班子强责任) from
the phrases that repeat its verbs.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from .lexicon import (
    campaign_automaton,
    canonical_campaigns,
    is_everyday,
    tagged_words,
    word_tag,
    words,
)

CJK = "\u4e00-\u9fff"
NUMERAL = "一二三四五六七八九十两双百千万0-9０-９"
OPEN_QUOTES = "“\"「『"
CLOSE_QUOTES = "”\"」』"
_QUOTE_MARK = re.compile(f"[{re.escape(OPEN_QUOTES + CLOSE_QUOTES)}]")
QUOTED = re.compile(r"“([^“”\n]{1,40})”|「([^「」\n]{1,40})」|『([^『』\n]{1,40})』|\"([^\"\n]{1,40})\"")
BOOK_TITLE = re.compile(r"《([^《》\n]{1,20})》")
_INNER_QUOTED = re.compile(r"‘([^‘’“”\n]{1,30})’")
_DOCUMENT_TITLE = re.compile(r"《[^《》\n]{1,80}》")
STOP = re.compile(r"[,，。;；:：!！?？\n()（）《》]")
JOINERS = ("、", "和", "与", "及", ",", "，")

# A count pattern begins with a numeral (三会一课, 九有, 577, 2+5) or pairs a
# numeral with 个/项/大 (三个一, 五项制度).
COUNT_PATTERN = re.compile(rf"^[{NUMERAL}]+[^、,，]{{0,6}}$")
NUMBER_CHARS = r"0-9０-９+＋\-×xXnN*/"
# 2+5, 577, 1+3+N (N: "any number of"), and numerals alone that count (“十百千”示范工程; not a day: “七一”)
NUMBER_ONLY = re.compile(rf"^(?:[{NUMBER_CHARS}]+|(?=.*[百千万])[一二三四五六七八九十百千万]{{2,}})$")
PLUS_PATTERN = re.compile(rf"[{CJK}]+[+＋][{CJK}]*")
INSTITUTION = re.compile(r"(委|委会|两委|三委|支委)$|^两新$")  # bodies, and 两新 (new firms and social organisations)
PROGRAM_VERBS = ("开展", "实施", "推行", "推进", "深化", "创新", "创建", "进行", "学习", "举办",
                 "开办", "建立", "签订", "启动", "落实", "组织", "打造品牌", "推广", "坚持开展", "召开",
                 "推出", "探索", "组建", "参加")
# verbs that are never nouns too (not 组织, 学习): a short object may stand between them and the quote
LEADING_VERBS = ("开展", "实施", "推行", "实行", "启动", "举办", "开办", "推出", "探索", "组建", "创建", "开设", "设立",
                 "试行", "试点", "安排")
# verbs that set up a named place, post or role (建起3个“小哥驿站”, 改造成“红色驿站”, 聘请“骑手网格员”,
# 培养“制种明白人”, 评选“美丽庭院”): right before the quote, or with a count between
ESTABLISH_VERBS = ("建起", "建立起", "改造成", "改建成", "聘请", "选聘", "培养", "评选", "评出", "选出", "选树", "培育",
                   "成立", "组建", "依托", "纳入", "记入", "配发")
_HOW_OFTEN = re.compile(rf"[{NUMERAL}]+[次场期轮]$")
_COUNT_BETWEEN = re.compile(rf"了?(?:[{NUMERAL}]+(?:多|余)?[个名户家处座支]|一批|的)?")
# verbs that make what they build a program only right before its quote (打造“边境党建长廊”, 建设“一刻钟便民
# 生活圈”): with an object between, what they build is a likeness (打造党性锻炼“大课堂”, 建设脱贫攻坚“桥头堡”)
BUILD_VERBS = ("打造", "建设")
# what is built towards, not carried out: 打造“乡村振兴齐鲁样板” names a goal, a slogan
GOAL_ENDS = ("样板", "标杆", "高地", "典范", "窗口", "名片", "排头兵")
# a title in 《》 after one of these is an activity or a column the body runs (开设《初心微课堂》), not a book
TITLE_VERBS = ("开设", "开办", "推出", "开展", "举办", "创办", "开通")
DOCUMENT_HEADS = ("方案", "意见", "办法", "通知", "规定", "条例", "决定", "纲要", "规划", "报告", "讲话", "细则",
                  "制度", "文件", "汇编", "读本", "手册", "指南", "精神", "书", "法")
# a short quote that stands for something it is likened to: 成为群众的“主心骨”, 做致富的“领头雁”,
# 变身“活教材”, 作为“红色故都”: a metaphor, so a slogan
FIGURE_VERBS = ("成为", "成了", "做", "当好", "争当", "争做", "当起", "作为", "称为", "誉为", "变成", "变为", "变身",
                "化身", "打通", "建成", "打造成")
FIGURE_MEASURES = ("这块", "这张", "这面", "这座", "一块", "一张")  # 这块“金招牌”, 一张“名片”
FIGURE_DIRECT = ("成为", "作为", "称为", "誉为", "变成", "变为", "变身", "化身", "变成了", "成为了",
                 "吃上", "吃上了", "端上", "端起", "捧上", "捧起", "端上了", "端起了", "捧上了", "捧起了")  # 吃上“旅游饭”: the living a place earns
# what a place is called, however long (被誉为“红军长征第一村”): an epithet, so a slogan
EPITHET_VERBS = ("誉为", "称为", "号称", "美誉为", "又叫", "又称", "古称", "俗称", "人称", "别称")
# what a place is famous as: 远近闻名的“朝鲜族民俗第一村” (a program so praised has its head: 著名的“枫桥经验”)
FAMED = ("远近闻名的", "闻名遐迩的", "久负盛名的", "赫赫有名的")
# a quote that names a problem (防止…“两张皮”, 破解“两张皮”难题) names no initiative, whatever its shape:
# a catchphrase, so a slogan
PROBLEM_AFTER = ("问题", "难题", "现象", "顽疾", "弊端", "怪圈")
# what a quote is the subject of when it names a practice: carried on (已坚持了两年多, 开展以来) or set up by
# a body (是区委组织部打造的民族团结阵地)
_PRACTICE_AFTER = re.compile(r"(?:已经?|一直|持续)(?:坚持|开展|推行|实施|运行)了?|(?:开展|推行|实施|运行)以来"
                             rf"|是[{CJK}]{{0,12}}?(?:打造|推出|创建|创立|首创|探索)的")
# places of a kind a program sets up, counted (建设一批“诗乡驿站”, 每个街道一个“社区书记工作室”)
FACILITIES = ("工作室", "驿站", "书屋", "课堂", "学堂", "讲堂", "服务站", "服务点", "之家", "小院", "长廊", "夜校")
_COUNTED_BEFORE = re.compile(rf"[{NUMERAL}每]+(?:个|批|处|座|间|所)$")
# the first of problems listed (议事厅“重建设、轻运行”、议事人员能力不足等问题)
_PROBLEM_LIST = re.compile(rf"、[^，,。；;]{{2,24}}?等(?:{'|'.join(PROBLEM_AFTER)})")
OPPOSED_AFTER = set("、，,。；;：:\n（( ")
PROBLEM_VERBS = ("防止", "避免", "杜绝", "破解", "克服", "解决", "纠正", "打破", "根治")
# a place's brand: 中国茶城, 彩虹的故乡, 花木之乡
PLACE_BRAND = re.compile(rf"^(?:[{CJK}]{{1,5}}(?:之乡|之都|之城|的故乡|故里)|(?:中国|世界|全国)[{CJK}]{{1,3}}[城都乡])$")
# what a place is known as: 素有“中国桃乡”之称, 享有“…”的美誉 (a title conferred, 称号, is an honour instead)
BRAND_AFTER = ("之称", "的美誉", "之美誉", "美誉", "的雅称", "之誉", "的金字招牌", "这块金字招牌", "的金名片", "之说")
# a quote that is someone's words: a first person in it, or a speech verb after it (…”一位老党员说)
FIRST_PERSON = re.compile(r"我|咱")
SENTENCE_STOPS = ("。", "！", "？", "!", "?")
SAYING_LONGEST = 12  # characters of a quoted saying that ends in its own stop (给钱给物，不如建个好支部。)
# a saying introduced as one: 流传着一句话：“一片叶子富了一方百姓”, 边民们常说：“守边就是守家。”, 常说的“小枸杞、大产业”,
# 祖训“耕读传家”, 村口新刷了一条标语：“…”, 给自己定了个规矩：“白天跑田坎、晚上坐火塘”
SAYING_CUE = re.compile(r"(?:一句话|顺口溜|口头禅|俗话说?|老话说?|常说|常讲|流传着?|祖训|家训|村训|古训|遗训|标语|横幅"
                        r"|座右铭|规矩)[^“”。！？]{0,6}$")
# a quote the next words call a saying: “…。”这是农民学员们常挂在嘴边的话 / 这是“田间党校”的口号 / 这句话 /
# 这是牧民们对基层党组织最朴实的评价
SAYING_AFTER = re.compile(r"\s*(?:这|此)(?:是|句|便是|正是)[^。！？\n]{0,24}?(?:口号|话|标语|顺口溜|口头禅|座右铭|俗语|说法"
                          r"|评价|写照)")
# what people complain of, quoted (党员普遍反映课程“听不懂、记不住”): their words about a problem, no motto
COMPLAINED = re.compile(r"反映|抱怨|吐槽")
SPEECH_AFTER = re.compile(rf"^[{CJK}0-9、]{{0,24}}?(?:说|表示|介绍|坦言|感慨|告诉记者|谈道|说道)")
SLOGAN_VERBS = ("架起", "打造", "拧紧", "打好", "打通", "构建", "建设", "筑牢", "当好", "争当",
                "吹响", "织密", "跑出", "念好", "下好", "算好", "种好", "守好", "唱好",
                "系紧", "系好", "走好", "答好", "画好", "牵住", "抓住",
                "坚持", "发扬", "弘扬", "践行", "牢记", "树立", "秉持", "坚守")
# a saying: a clause in quotes (commas and pauses allowed), and what keeps a named thing out of it
SAYING = re.compile(rf"[{CJK}，,；;、]{{5,30}}")
NAMED_THING_ENDS = ("村", "镇", "乡", "县", "市", "区", "省", "社区", "中心", "站", "所", "队", "组", "会", "社",
                    "室", "馆", "院", "部", "委", "单位", "集体", "企业", "户", "岗", "号", "奖")
# a title given from above (评为, 授予), and one a body gives itself what it runs (列为…示范点)
AWARDED = ("评为", "荣获", "获评", "获得", "授予", "命名为", "入选")
HONOUR_VERBS = AWARDED + ("列为", "确定为")
# the kind of place or body a title makes one of (美丽乡村示范村, 民族团结进步先进集体)
_HONOUR_TITLE = re.compile(r"(?:示范|先进|模范|标杆|精品)(?:村|社区|乡镇|乡|镇|街道|县|市|区|点|单位|集体|基地)")
WEAK_HEADS = ("要求", "原则", "标准", "项目")  # make a program only of a count pattern
# the steps a quoted enumeration makes (明确“村民提事、茶桌议事、支部定事、全程督事”四个环节): a method, a program
STEPS_AFTER = re.compile(rf"[{NUMERAL}]*个?(?:环节|步骤|道程序|道工序|步(?:工作)?(?:流程|法)|步)|(?:工作|议事|办理)?(?:流程|程序)")
CORE_HEADS = ("制度", "活动", "工程", "计划", "行动", "工作法", "机制", "模式", "培训", "工作日",
              "经验", "议事周", "党课", "清单", "联盟", "榜", "夜校", "岗", "比拼", "比武", "擂台赛")
# a meeting format named in quotes (“坝坝会”, “院坝会”, “夜话会”) is a program; a society is no meeting
MEETING = re.compile(rf"^[{CJK}]{{2,4}}会$")
NOT_MEETING = ("协会", "委员会", "联合会", "商会", "学会", "工会", "大会", "机会", "社会", "理事会")
TRAILING_GENERIC = ("党建", "工作", "主题")
ALL_NUMERALS = re.compile(f"[{NUMERAL}]+")
# a day given to an activity (“党员学习日”, “说事日”, “政策研学日”): a program, however it reads
NAMED_DAY = re.compile(rf"[{CJK}]{{2,8}}(?<![{NUMERAL}])[日周]")  # and a week: 定为“结亲周”
# what a quote is likened to: 像一条“红色纽带”, 如同“…”, 芜湖是一座因长江而兴的“江城”
_LIKE = re.compile(r"(?:像|好像|如同|犹如|宛如|恰似|好比)(?:一[条座个根张面颗块把])?$|是一[座个条片张面颗块][^，。]{0,10}的$")


@dataclass(frozen=True)
class Candidate:
    """A program or slogan found in a text, before canonicalisation."""

    kind: str          # "program" | "slogan"
    start: int         # the name's offsets in the text (quote marks excluded)
    end: int
    name: str          # the name as it should be canonicalised (core, or core + head)
    rule: str          # which rule found it
    parent: str = ""   # the composite program it is a named part of


def _head_after(text: str, end: int, heads: tuple[str, ...]) -> str | None:
    """The program head in the words that follow a quote, up to punctuation (12 chars)."""
    window = text[end:end + 12]
    cut = STOP.search(window)
    window = window[:cut.start()] if cut else window
    for quote in OPEN_QUOTES:
        window = window.split(quote)[0]
    first, anywhere = _head_patterns(heads)
    # the first head in list order at the leftmost place; a one-character head only right after the quote
    m = first.match(window) or anywhere.search(window)
    if not m:
        return None
    end = m.end()
    while (more := first.match(window, end)) and more.end() > end:  # 工作 + 机制: “1+N”工作机制
        end = more.end()
    return window[m.start():end]


@lru_cache(maxsize=1)
def _quote_heads() -> tuple[str, ...]:
    """The heads that make a quoted name a program: the lexicon's, and 制 and 法 (“院落长”制, “四议”法)."""
    return words("program_heads") + ("制", "法")


def head_after_quote(text: str, core_end: int) -> str | None:
    """The program head after a quoted name whose last character ends at ``core_end``
    (“红色盐池”党建品牌 → 品牌); None when no quote closes there or no head follows it."""
    if not text[core_end:core_end + 1] or text[core_end] not in CLOSE_QUOTES:
        return None
    return _head_after(text, core_end + 1, _quote_heads())


@lru_cache(maxsize=16)
def _head_patterns(heads: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Alternations of ``heads`` in list order: all of them, and those longer than one character."""
    never = "(?!)"
    return (re.compile("|".join(map(re.escape, heads)) or never),
            re.compile("|".join(re.escape(h) for h in heads if len(h) > 1) or never))


# what a state reached, a brand made or a line of work set out is (形成“发现在楼栋、解决在网格”的工作闭环,
# 打响“参香满山、酒香满城”的品牌, 提出“支部建在草场上、党员亮在帐篷前”的工作思路): clauses in a quote before 的
# there are a motto
FORMED = ("形成", "形成了", "打造", "打造成", "打响", "提出", "确立")
# a numbered heading of a report's section: （四）, 四、, 4.
# (a year's schedule: 4月：“清明祭英烈”，…)
_HEADING_MARK = re.compile(r"[ \t\u3000]*(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．]"
                           r"|\d{1,2}月[:：])[ \t\u3000]*")
# the two ends of a change: 从“一地试点”到“全市推开”, 从“被动应对”向“主动服务”转变
_CHANGE_TO = re.compile(r"(?:到|向|走向)")  # (由“大水漫灌”变为“精准滴灌”: a likeness, see _likened)
_CHANGED = re.compile(r"(?:转变|转型|延伸|迈进|跨越|升级|蝶变)")


def _change_stage(text: str, qstart: int, after: int) -> bool:
    """Whether a quote is one end of a change the sentence tells (从“…”到“…”, 向“…”转变): a stage, no name."""
    before = text[max(0, qstart - 1):qstart]
    if before in ("从", "由"):
        return bool(_CHANGE_TO.match(text, after))
    return before in ("到", "向") and bool(_CHANGED.match(text, after))


def _is_count(core: str) -> bool:
    """三会一课, 九有, 三个讲清楚, 577: a numeral first, and short or counting again (not 一张蓝图绘到底)."""
    if NUMBER_ONLY.match(core):
        return True
    if not COUNT_PATTERN.match(core) or word_tag(core) == "i":  # an idiom counts nothing: 一池春水
        return False
    return len(core) <= 5 or bool(re.search(rf"[{NUMERAL}]", core[1:].lstrip(NUMERAL)))


def _classify_quote(text: str, core: str, qstart: int, after: int, prefix: str) -> tuple[str, str] | None:
    """``(kind, name)`` for a quoted core, or None when it is emphasis or an institution.

    ``qstart`` is the offset of the opening quote, ``after`` the offset just past
    the closing quote of the run the core belongs to, ``prefix`` the words before.
    """
    if (SAYING_CUE.search(text, max(0, qstart - 12), qstart) or SAYING_AFTER.match(text, after)) \
            and len(re.findall(f"[{CJK}]", core)) <= 2 * SAYING_LONGEST:
        return "slogan", core
    if RATING.fullmatch(core) and RATED_PEOPLE.match(text, after):
        return None  # 评出“五星级”支部书记38名: people rated, no program
    if RATING.fullmatch(core) and (body := RATED_BODY.match(text, after)):
        return "program", core + body.group()  # 对标“四强”党支部: the standard a body is rated by
    if (rating := RATING.match(core)) and RATED_BODY.fullmatch(core, rating.end()):
        return "program", core  # 被评为“五星级党支部”
    if len(core) < 2 or INSTITUTION.search(core) or _is_speech(text, core, qstart, after) \
            or BODY_AFTER.match(text, after) or FESTIVAL_AFTER.match(text, after) or SPIRIT_AFTER.match(text, after) \
            or COUNTED_MEASURES.fullmatch(core):
        return None
    if _change_stage(text, qstart, after) or (COUNT_PATTERN.match(core) and is_everyday(core)
                                              and not RATING.fullmatch(core)):
        return None  # an everyday word that starts with a numeral names no program: “一把手”工程 (a rating does: 五星)
    if text[qstart - 1:qstart] == "反" and (qstart < 2 or text[qstart - 2] in OPPOSED_AFTER):
        return None  # 查隐患、反“三违”: what is opposed (违反“八项规定” is another verb)
    if re.search("[、,，]", core) and text.startswith("的", after) and text[:qstart].endswith(FORMED):
        return "slogan", core  # 形成“发现在楼栋、解决在网格”的工作闭环: the state reached, in clauses, is a motto
    if not re.search("[、,，]", core) and text[after:after + 1] in ("，", ",", "：", ":") \
            and _HEADING_MARK.fullmatch(text, text.rfind("\n", 0, qstart) + 1, qstart):
        return "program", core  # （四）“党员亮身份”，让党员…: a section's heading names the practice it tells
    if PLACE_BRAND.match(core) and not core.endswith(CORE_HEADS):
        return "slogan", core  # 服务“世界铜都”建设: a place's brand, whatever head follows it
    if _place_after(text, after) and not core.endswith(CORE_HEADS):
        return "slogan", core  # 在“千载诗人地”池州: the epithet of the place it stands before
    heads = _quote_heads()
    head = _head_after(text, after, heads)
    if not head and COMPLAINED.search(_clause(text[max(0, qstart - 16):qstart])):
        return None
    if not head and _names_problem(text, core, qstart, after):
        # “老大难”问题 is a word, “两张皮” a catchphrase; “卖果难”问题, “没人管”的难题 say the difficulty plainly
        # (and one listed with problems said plainly: “重建设、轻运行”、议事人员能力不足等问题)
        plain = text.startswith("的", after) or all(item.endswith("难") for item in core.split("、")) \
            or bool(_PROBLEM_LIST.match(text, after))
        return None if is_everyday(core) or plain else ("slogan", core)
    slogan_cue = _head_after(text, after, words("slogan_cues"))
    count = _is_count(core)
    if head and (head not in WEAK_HEADS or count):
        return "program", _with_head(text, core, after, head) if NUMBER_ONLY.match(core) else core
    if not head and (_PRACTICE_AFTER.match(text, after) or text[qstart - 1:qstart] in ("和", "与", "同")
                     and text.startswith(("结合", "相结合", "融合", "相融合"), after)):
        return "program", core  # “夜访敲门”已坚持了两年多, “达斡尔之家”是区委组织部打造的阵地, 把…和“…”结合起来
    if slogan_cue and not count:
        return "slogan", core
    if core in words("metaphors") and not head:
        return "slogan", core  # 成为群众致富的“领头雁”: a stock figure, with no head to make it a program
    if not head and (_clause(text[max(0, qstart - 16):qstart], "、").endswith(EPITHET_VERBS)
                     or text.startswith(BRAND_AFTER, after)):
        return "slogan", core  # 被誉为“八卦城”, 素有“八山一水一分田”之说: an epithet, even one that counts
    if not head and ALL_NUMERALS.fullmatch(core):
        return None  # 去年“双十一”, “八一”: a day named by its date, no program
    if count or PLUS_PATTERN.fullmatch(core):
        return "program", core + head if (head and NUMBER_ONLY.match(core)) else core
    if core.endswith(CORE_HEADS) or _is_campaign_year(core) or NAMED_DAY.fullmatch(core):
        return "program", core
    if _after_program_verb(prefix, core, establish=not _in_lead_motto(text, qstart, after)) \
            or (MEETING.match(core) and not core.endswith(NOT_MEETING)):
        return "program", core
    multi_clause = "、" in core or "," in core or "，" in core
    if multi_clause:
        steps = STEPS_AFTER.match(text, after) and "、" in core
        return ("program", core) if (head and head not in WEAK_HEADS) or steps else ("slogan", core)
    if core.endswith(FACILITIES) and _COUNTED_BEFORE.search(text, max(0, qstart - 3), qstart):
        return "program", core  # 在每个街道建设一个“社区书记工作室”: a kind of place set up again and again
    if any(v in prefix for v in SLOGAN_VERBS) or _likened(text, core, qstart, after) or PLACE_BRAND.match(core) \
            or text.startswith(BRAND_AFTER, after):
        return "slogan", core
    line_start = text.rfind("\n", 0, qstart) + 1
    line_end = text.find("\n", after)
    line_end = len(text) if line_end < 0 else line_end
    closes_headline = after >= line_end and line_end - line_start <= 40 and "。" not in text[line_start:line_end]
    own_sentence = (qstart == line_start or text[qstart - 1] in "。\n ") and text[after:after + 1] in ("。", "")
    if (closes_headline and not _plain_word(core)) or own_sentence or _is_saying(text, core, qstart):
        return "slogan", core
    return None


def _plain_word(core: str) -> bool:
    """Whether a quote is one everyday word of jieba's dictionary, no name (让小区治理有“温度”, 从“有形”到“有效”,
    山区村里也有“理事会”): emphasis closing a heading, not its metaphor (“连心桥”, “桥头堡” are tagged as names)."""
    tagged = tagged_words(core)
    return len(tagged) == 1 and tagged[0][1] not in ("nr", "ns", "nz", "nt", "i", "l") and is_everyday(core)


def _place_after(text: str, after: int) -> bool:
    """Whether a county's, prefecture's or province's name stands right after a quote, ending its clause
    or followed by 的 (“千载诗人地”池州，…)."""
    from ..link.gazetteer import gazetteer
    from .regions import region_candidates

    if not "\u4e00" <= text[after:after + 1] <= "\u9fff":
        return False
    places = gazetteer()
    window = text[after:after + 10]
    return any(start == 0 and label in ("full", "short") and places.level(ident) in ("province", "prefecture", "county")
               and window[end:end + 1] in ("，", ",", "。", "的", "")
               for start, end, ident, label in region_candidates(window, places))


def _is_saying(text: str, core: str, qstart: int) -> bool:
    """Whether a quote nothing else names is a saying or a motto: a clause of five characters or
    more with a verb in it (“有事好商量”, “幸福是奋斗出来的”, “远亲不如近邻”), not a title a place
    or body was given (被评为“…示范村”), the name of a thing (“…服务站”) or of a policy (“…化管理”)."""
    if not SAYING.fullmatch(core) or core.endswith(NAMED_THING_ENDS):
        return False
    if any(verb in _clause(text[max(0, qstart - 12):qstart]) for verb in HONOUR_VERBS):
        return False
    tagged = tagged_words(core)
    # a policy named by what it does ends in a verbal noun (…专职化管理, …促发展): no saying
    return tagged[-1][1] != "vn" and any(flag[:1] in ("v", "i", "l") for _, flag in tagged)


def _is_campaign_year(core: str) -> bool:
    """Whether a quote names a year given to a campaign: what is done, then 年 (“基层党建推进年”,
    “作风建设年”, “能力提升年”), not an anniversary (“建党100周年”)."""
    if len(core) < 4 or not core.endswith("年"):
        return False
    tagged = tagged_words(core)
    return len(tagged) >= 2 and tagged[-1][0] == "年" and tagged[-2][1][:1] in ("v", "a")


def _clause(before: str, more_stops: str = "") -> str:
    """The end of ``before`` after its last clause stop (punctuation, and ``more_stops``)."""
    return re.split(f"[,，。;；:：!！?？\n{more_stops}]", before)[-1]


def _in_lead_motto(text: str, qstart: int, after: int) -> bool:
    """Whether a quote stands in the short sentence of parallel clauses that opens a paragraph as its
    heading (找到“流动党员”，建起“移动支部”。): a motto's words, a program only where named as one elsewhere."""
    line_start = text.rfind("\n", 0, qstart) + 1
    stop = text.find("。", after)
    return stop >= 0 and stop - line_start <= 24 and "，" in text[line_start:stop] and "\n" not in text[line_start:stop]


def _after_program_verb(prefix: str, core: str, *, establish: bool = True) -> bool:
    """Whether a program verb opens the words just before a quote: 推行“…”, 召开一次“…”, 推行党员“…”管理,
    组建鞋服产业“…” (the verb, then at most six characters of the same clause); or a verb that
    builds stands right before it (打造“…”), and the quote names no goal (“…样板”); or, with
    ``establish``, a verb that sets up a place, post or role, right before it or with a count
    between (建起3个“…”, 聘请“…”)."""
    bare = _HOW_OFTEN.sub("", prefix)  # 每月召开一次“火塘夜话”: how often, between the verb and its quote
    if (bare.endswith(PROGRAM_VERBS + LEADING_VERBS) and _ends_in_verb(bare)) \
            or (prefix.endswith(BUILD_VERBS) and not core.endswith(GOAL_ENDS)):
        return True
    clause = _clause(prefix, "、“”")
    if clause.endswith(SLOGAN_VERBS):  # 各县在推行中坚持“…”: what is held to, not what is carried out
        return False
    if clause.endswith("担任") and core.endswith(ROLE_ENDS):
        return True  # 组织快递小哥担任“流动网格员”: a role people take on, as 第一书记 is
    if establish and not core.endswith(NOT_MEETING) and any(
            verb in clause and _COUNT_BETWEEN.fullmatch(clause.rsplit(verb, 1)[-1]) for verb in ESTABLISH_VERBS):
        # (成立“老年协会”: a society set up is a body, no program)
        return True
    return any(verb in clause and re.fullmatch(rf"[{CJK}]{{0,6}}", clause.rsplit(verb, 1)[-1])
               for verb in LEADING_VERBS)


ROLE_ENDS = ("员", "长", "官", "师")


# kinds of organisation whose name ends in a program verb (组织), though jieba may cut it off (社会|组织)
ORGANISATION_KINDS = ("社会组织", "党组织", "基层组织", "群团组织", "经济组织", "自治组织", "合作组织", "中介组织")


_VERB_TAIL = 6


def _ends_in_verb(prefix: str) -> bool:
    """Whether the verb ``prefix`` ends in is a word of its own, not the end of a noun (让社会组织“…”,
    推动基层党组织“…”: 组织 there is an organisation)."""
    clause = _clause(prefix)
    if not clause or clause.endswith(ORGANISATION_KINDS):
        return not clause
    last, flag = tagged_words(clause[-_VERB_TAIL:])[-1]  # (the clause's tail: its last word, tagged once for many)
    return not (len(last) > 2 and flag[:1] in ("n", "j"))


def _names_problem(text: str, core: str, qstart: int, after: int) -> bool:
    """Whether a short quote names a problem: 问题/难题… right after it, or 防止/破解… before it in its clause."""
    if len(core.replace("、", "")) > 6:  # 解决党员“集中难、学习难”的问题: two problems of three characters
        return False
    clause = _clause(text[max(0, qstart - 16):qstart])  # 防止学习、工作“两张皮”: across 、
    return text.startswith(PROBLEM_AFTER, after) or text.startswith(PROBLEM_AFTER, after + 1) and text[after] == "的" \
        or any(verb in clause for verb in PROBLEM_VERBS) or bool(_PROBLEM_LIST.match(text, after))


def _likened(text: str, core: str, qstart: int, after: int) -> bool:
    """Whether a short quote is what its clause likens something to (成为群众身边的“主心骨”, 由“大水漫灌”
    变为“精准滴灌”, 互助是“彩虹的故乡”, 这块“金招牌”)."""
    clause = _clause(text[max(0, qstart - 16):qstart], "、")
    if clause.endswith(EPITHET_VERBS + FAMED) and len(core) <= 12:
        return True
    if len(core) > 6:
        return False
    if clause.endswith(FIGURE_DIRECT) or (clause.endswith("的") and any(v in clause for v in FIGURE_VERBS)):
        return True
    if clause.endswith("由") and text.startswith(FIGURE_DIRECT, after):
        return True  # 由“大水漫灌”变为…: what changes is likened too
    if clause.endswith(FIGURE_MEASURES):
        return True  # 擦亮“四面红旗”这块“金招牌”: a thing counted by its measure word is a likeness
    if _LIKE.search(clause):
        return True
    return clause.endswith("是") and 1 <= len(clause) <= 5 and text[after:after + 1] in ("。", "")


def _with_head(text: str, core: str, after: int, head: str) -> str:
    """A number-only core named with its head and the words between (“3+1”冲刺清零行动 → 3+1冲刺清零行动)."""
    between = text[after:after + 12].split(head, 1)[0]
    return core + (between if re.fullmatch(rf"[{CJK}]{{0,6}}", between) else "") + head


def _is_speech(text: str, core: str, qstart: int, after: int) -> bool:
    """Whether a quote is someone's words rather than a name: a clause (a comma or semicolon in
    it) or a long quote, with a first person in it, a colon before it or a speech verb after it,
    or a whole sentence, its stop inside the quote, longer than a saying (“一代接着一代干，硬是把沙丘
    变成了林海。”站在林前，老党员感慨地说; a saying so quoted is short: “要致富，先修路。”).
    A short name may say 我 (“我为群众办实事”)."""
    if not (re.search(r"[,，;；]", core) or len(core) >= 10):
        return False
    if text[after - 2:after - 1] in SENTENCE_STOPS and len(re.findall(f"[{CJK}]", core)) > SAYING_LONGEST:
        return True
    if re.search(r"[,，;；]", core) and text[after:after + 1] in SENTENCE_STOPS:
        # 向红梅介绍，村里议定事项27件，“以前有事找不到人，现在院坝里就把事议了”。: the speaker's words close
        # the sentence that says who speaks, after what the speaker told (群众说，“夜里访一访，心里亮堂堂”
        # right after the verb is a saying people have)
        begins = max(text.rfind(stop, 0, qstart) for stop in (*SENTENCE_STOPS, "\n")) + 1
        told = SPEECH_BEFORE.search(text, begins, qstart)
        if told and qstart - told.end() >= 4:
            return True
    return bool(FIRST_PERSON.search(core)) or text[qstart - 1:qstart] in (":", "：") \
        or bool(SPEECH_AFTER.match(text[after:after + 30]))


SPEECH_BEFORE = re.compile(r"(?:说|表示|介绍|坦言|感慨|告诉记者|谈道|说道)[，,：:]")


def _sayings_quoted_in_speech(text: str) -> list[Candidate]:
    """Sayings someone's words quote in turn, in single quotes: “以前是‘晴天一身土，雨天两脚泥’…”,
    “各族群众就像‘石榴籽’一样…”, “‘有事找网格员’，现在成了我们小区的口头禅”. Only sayings: a program
    so quoted is named in the text's own words too, and what the speaker likens a thing to
    (成了村里的‘金饭碗’) is a figure of the speech, not a saying."""
    out = []
    for m in _INNER_QUOTED.finditer(text):
        core = m.group(1).strip().rstrip("。!！?？;；,，、")
        simile = _LIKE.search(_clause(text[max(0, m.start() - 16):m.start()], "、"))
        if not core or (_likened(text, core, m.start(), m.end()) and not simile):
            continue  # (就像‘石榴籽’一样 is a saying's image: a simile stays)
        verdict = _classify_quote(text, core, m.start(), m.end(), text[max(0, m.start() - 8):m.start()])
        if verdict and verdict[0] == "slogan":
            out.append(Candidate("slogan", m.start(1), m.start(1) + len(core), verdict[1], "inner-quote:slogan"))
    return out


def quoted_terms(text: str) -> list[Candidate]:
    """Programs and slogans named in quotes, each judged by the cues of the module docstring."""
    matches = [(m.start(), m.end(), next(g for g in m.groups() if g is not None)) for m in QUOTED.finditer(text)]
    titles = [(m.start(), m.end()) for m in _DOCUMENT_TITLE.finditer(text)]
    out: list[Candidate] = []
    for i, (qs, qe, core) in enumerate(matches):
        if any(s < qs and qe < e for s, e in titles):
            continue  # 《关于命名“五星”“四星”支部的决定》: a document's title names no program of its own
        # a run of quotes joined by 、/和 shares the words after its last quote
        last = i
        while last + 1 < len(matches) and text[matches[last][1]:matches[last + 1][0]] in ("", *JOINERS):
            last += 1
        first = i
        while first > 0 and text[matches[first - 1][1]:matches[first][0]] in ("", *JOINERS):
            first -= 1
        prefix = text[max(0, matches[first][0] - 8):matches[first][0]]
        after = matches[last][1]
        stripped = core.strip().rstrip("。!！?？;；,，、")
        if not stripped:
            continue
        start = qs + 1 + core.index(stripped)
        verdict = _classify_quote(text, stripped, matches[first][0], after, prefix)
        if verdict and last != i and verdict[0] == "program" and NUMBER_ONLY.match(stripped):
            verdict = ("program", stripped)  # a head after the run belongs to its last member
        if verdict:
            kind, name = verdict
            out.append(Candidate(kind, start, start + len(stripped), name, f"quote:{kind}"))
    out += _sayings_quoted_in_speech(text)
    for m in BOOK_TITLE.finditer(text):
        core = m.group(1)
        if _is_count(core) and core.endswith(words("program_heads")):
            out.append(Candidate("program", m.start(1), m.end(1), core, "book-title:count"))
        elif text[max(0, m.start() - 4):m.start()].endswith(TITLE_VERBS) and not core.endswith(DOCUMENT_HEADS):
            out.append(Candidate("program", m.start(1), m.end(1), core, "book-title:activity"))
    return out


_QUOTED_CORE = re.compile(r"“([^“”]+)”")


def campaign_mentions(text: str) -> list[Candidate]:
    """National campaigns (lexicon), matched on the text with quote marks taken out."""
    # bare position i is text position i + (quote marks taken out at or before it)
    shifted = [m.start() - n for n, m in enumerate(_QUOTE_MARK.finditer(text))]
    bare = _QUOTE_MARK.sub("", text)
    found = []
    known = canonical_campaigns()
    for end, (form, canonical) in campaign_automaton().iter(bare):
        start = end - len(form) + 1
        c = Candidate("program", start + bisect_right(shifted, start), end + bisect_right(shifted, end) + 1,
                      canonical, "lexicon")
        # 党员“积分制”管理 names the quoted campaign (积分制), not the longer one read across the quotes
        if any(known.get(core, canonical) != canonical
               for core in _QUOTED_CORE.findall(text, max(c.start - 1, 0), c.end + 1)):
            continue
        # “兴边富民”行动 names the quoted core with a head noun after it (the quote's rule reads it), not 兴边富民行动
        quoted = _QUOTED_CORE.match(text, c.start - 1) if c.start else None
        if quoted and quoted.end() < c.end and head_after_quote(text, quoted.end() - 1) == text[quoted.end():c.end]:
            continue
        if text.startswith("委员会", c.end):  # 村务监督委员会 is a body the village elects, not the practice
            continue
        if _HONOUR_TITLE.match(text, c.end) and any(v in _clause(text[max(0, c.start - 16):c.start])
                                                   for v in AWARDED):
            # 被评为市级美丽乡村示范村: a title the place was given, not the campaign carried out (a town that
            # 将衣家村列为乡村振兴示范点 carries it out)
            continue
        found.append(c)
    # leftmost-longest, without overlaps: 支部主题党日活动 is one mention, not two
    chosen: list[Candidate] = []
    for c in sorted(found, key=lambda c: (c.start, -(c.end - c.start))):
        if not chosen or c.start >= chosen[-1].end:
            chosen.append(c)
    return chosen


# the East–West pairing of provinces (东西部协作): two provinces' one-character names and 协作 (闽宁协作,
# 沪滇扶贫协作, 粤桂协作): a national program however it is paired
PROVINCE_CHARS = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔贵滇云藏陕秦甘陇青宁新蒙"
PAIRING = re.compile(f"([{PROVINCE_CHARS}])([{PROVINCE_CHARS}])(?:扶贫)?协作")


def pairing_programs(text: str) -> list[Candidate]:
    """Provinces paired in East–West cooperation (闽宁协作), as :data:`PAIRING` reads them."""
    return [Candidate("program", m.start(), m.end(), m.group(), "pairing")
            for m in PAIRING.finditer(text) if m.group(1) != m.group(2)]


DEMONSTRATIVES = ("这", "该", "此", "上述", "那", "各", "每", "同一", "类似")
# a quoted date that names a festival (“八一”建军节, “七一”前夕): neither a program nor a slogan
FESTIVAL_AFTER = re.compile(r"(?:建军节|建党节|劳动节|青年节|儿童节|国庆节|节日|节|前夕|当天|期间)")
# a spirit to carry on (传承“八十二烈士”精神, 弘扬“两路”精神): neither a program nor a slogan (annotation
# guidelines: ideologies and meeting spirits); 精神文明 starts a program's name (“十星级”精神文明户)
SPIRIT_AFTER = re.compile(r"精神(?!文明)")
# a policy paper by its count of articles (制定“20条措施”, 出台“十条意见”) is a document; a code of conduct
# counted so (村级管理十条规范) stays a program
COUNTED_MEASURES = re.compile(rf"[{NUMERAL}]+条(?:具体)?(?:措施|举措|意见|办法|细则)")
# a quote that names part of a body (市委“两新”工委, “红色物业”党支部) names no program;
# a rating bodies earn does (“四强”党支部, “五星”“四星”支部, “五星级党组织”, “红旗党支部”): a creation standard
BODY_AFTER = re.compile(r"(?:党工委|工委|党委|党组(?!织)|党总支|党支部|支部委员会|委员会|组织部)")
RATING = re.compile(rf"(?:[{NUMERAL}]+(?:星级?|强)|红旗)")
RATED_PEOPLE = re.compile(r"(?:党支部|支部|村|社区)?(?:书记|党员|干部|委员|成员|家庭|户)")  # 评出“五星级”支部书记
RATED_BODY = re.compile(r"(?:党支部|支部|党组织|党总支)")
TRIGGER = re.compile(
    rf"(?:实施|开展|推行|启动|创新推行|拓展|创建)([{CJK}·]{{2,12}}?)"
    rf"(工程|计划|行动|工作法|品牌|模式)(?=[,，。;；、和与及的为中等\n]|$)"
)


# an unquoted activity a report makes its lever (以强基惠民活动为抓手): its name, of four characters or more
FRAMED = re.compile(rf"以([{CJK}]{{4,8}}?)活动为(?:抓手|载体|契机|牵引|突破口|平台)")
_GENERIC_ACTIVITY = TRAILING_GENERIC + ("学习", "教育", "实践", "系列", "各类", "专题", "宣传", "文化", "志愿服务")


def head_noun_phrases(text: str) -> list[Candidate]:
    """Unquoted initiatives: a trigger verb, a name, a program head (实施村干部三年素质提升工程); an
    activity a report makes its lever (以强基惠民活动为抓手)."""
    out = []
    for m in FRAMED.finditer(text):
        if not m.group(1).endswith(_GENERIC_ACTIVITY) and not m.group(1).startswith(DEMONSTRATIVES):
            out.append(Candidate("program", m.start(1), m.end(1), m.group(1), "head:活动"))
    for m in TRIGGER.finditer(text):
        body, head = m.group(1), m.group(2)
        if body.startswith(DEMONSTRATIVES):
            continue  # 推行这一工作法: the one named before, not a name
        if head in ("品牌", "模式"):
            stem = body
            for generic in TRAILING_GENERIC:
                if stem.endswith(generic) and len(stem) > len(generic) + 1:
                    stem = stem[: -len(generic)]
            if "·" not in stem and len(stem) < 4:
                continue
            out.append(Candidate("program", m.start(1), m.start(1) + len(stem), stem, f"head:{head}"))
        else:
            out.append(Candidate("program", m.start(1), m.end(2), body + head, f"head:{head}"))
    return out


COMPOSITE = re.compile(rf"^([{NUMERAL}])([{CJK}])([{NUMERAL}])([{CJK}])$")


def composite_parts(text: str, programs: list[Candidate]) -> list[Candidate]:
    """Named parts of a composite count program: 五抓五强 → the phrases 抓…强… that open a line."""
    out = []
    for parent in {c.name for c in programs if COMPOSITE.match(c.name)}:
        _, verb1, _, verb2 = COMPOSITE.match(parent).groups()
        one = rf"{verb1}[{CJK}]{{1,4}}{verb2}[{CJK}]{{1,4}}"
        spaced = rf"{verb1}[{CJK}]{{1,4}}、?{verb2}[{CJK}]{{1,4}}"  # 抓班子、强堡垒 too
        part = re.compile(rf"(?:^|\n|[一二三四五六七八九十]是)\s*{_NUMBERING}?({spaced})(?=[,，。.;；:：\s])")
        quoted = re.compile(rf"“({spaced})”")  # “三带三促”即“带头学习促提升”…
        # all its parts in one quote, joined by 、 (以“抓学习促提升、抓执行促落实、抓效能促发展”为抓手)
        for run in re.finditer(rf"“({one}(?:、{one})+)”", text):
            at = run.start(1)
            for piece in run.group(1).split("、"):
                out.append(Candidate("program", at, at + len(piece), piece, "composite-part", parent))
                at += len(piece) + 1
        # a heading line that says who does it first (三进三帮: 党员进果园帮技术)
        heading = re.compile(rf"(?:^|\n)[ \t　]*(?:[一二三四五六七八九十]+、)?([{CJK}]{{1,3}}{one})"
                             rf"[ \t　]*(?=\n)")
        for m in (*part.finditer(text), *quoted.finditer(text), *heading.finditer(text)):
            out.append(Candidate("program", m.start(1), m.end(1), m.group(1), "composite-part", parent))
    return out + _counted_parts(text, programs) + _spelled_parts(text, programs)


COUNTED = re.compile(rf"^([{NUMERAL}]+)([{CJK}])")
# how a heading is numbered: 一、 （二） 3. 4、
_NUMBERING = r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.、．])"
# a run of three or more quotes (“支部过硬星”“产业兴旺星”“生态宜居星”…), or joined by 、
_QUOTE_RUN = re.compile(rf"“[{CJK}]{{2,8}}”(?:[、和]?“[{CJK}]{{2,8}}”){{2,}}")


# the same run unquoted, joined by 、 (争创支部过硬星、产业兴旺星、生态宜居星…)
_LISTED_RUN = re.compile(rf"[{CJK}]{{2,8}}(?:、[{CJK}]{{2,8}}){{2,}}")


def _counted_parts(text: str, programs: list[Candidate]) -> list[Candidate]:
    """The named parts of a program that counts them (五星支部 → “支部过硬星”“产业兴旺星”…, 十星级文明户 →
    “爱国守法星”…): a run of three or more quotes, each ending in the counted word, no more than the count;
    a rating's stars also unquoted, joined by 、 in a sentence that names it (争创支部过硬星、产业兴旺星…)."""
    out = []
    counted = [c for c in programs if c.kind == "program" and COUNTED.match(c.name)]
    for parent in sorted({c.name for c in counted}):
        numeral, unit = COUNTED.match(parent).groups()
        count = _numeral_value(numeral)
        for run in _QUOTE_RUN.finditer(text):
            items = list(re.finditer(rf"“([{CJK}]{{2,8}})”", run.group()))
            if all(m.group(1).endswith(unit) and not COUNTED.match(m.group(1)) for m in items) \
                    and (count is None or len(items) <= count):
                out.extend(Candidate("program", run.start() + m.start(1), run.start() + m.end(1), m.group(1),
                                     "composite-part", parent) for m in items)
        if unit != "星":  # 即听证会、协调会、评议会 (“三会”), 接待热心、受理细心… (“五心”): the golds keep no such list
            continue
        for mention in (c for c in counted if c.name == parent):
            stop = re.search(r"[。！？!?；;\n]", text[mention.end:])
            end = mention.end + (stop.start() if stop else len(text) - mention.end)
            for run in _LISTED_RUN.finditer(text, mention.end, end):
                items = [(run.start() + m.start(), m.group()) for m in re.finditer(rf"[{CJK}]+", run.group())]
                lead = _RUN_VERB.match(items[0][1])  # the run's match takes in the verb before it: 争创支部过硬星
                if lead:
                    items[0] = (items[0][0] + lead.end(), items[0][1][lead.end():])
                if all(2 < len(name) <= 6 and name.endswith(unit) and not COUNTED.match(name) for _, name in items) \
                        and (count is None or len(items) <= count):
                    out.extend(Candidate("program", at, at + len(name), name, "composite-part", parent)
                               for at, name in items)
    return out


# the verb an unquoted run of parts follows (引导党支部争创支部过硬星、…)
_RUN_VERB = re.compile(r".*?(?:争创|创建|评定|评选|争当|围绕|对照|开展)")


# a counted program spelled out right after it, its parts in one quote: 推行“三个一线”工作法，即“党员在一线亮身份、
# 干部在一线解难题、支部在一线强堡垒”; “三评三定”星级管理，即“评班子、定星级，评党员、定积分，评服务、定绩效”
_SPELLED = re.compile(rf"[”」]?[{CJK}]{{0,5}}[，,]?(?:即|就是|也就是|具体是|具体为|分别是|[：:])[，,]?"
                     rf"(?:“([^“”\n]{{6,90}})”|「([^「」\n]{{6,90}})」)")
_PART = re.compile(rf"[{CJK}、]{{3,12}}")
# a count after a word, as the last two characters of the name (互助五兴 spelled out: “学习互助兴思想、…”)
_COUNT_LAST = re.compile(rf"[{CJK}]{{1,4}}?([{NUMERAL}])[{CJK}]")


def _spelled_parts(text: str, programs: list[Candidate]) -> list[Candidate]:
    """The parts of a counted program spelled out in the quote after it (:data:`_SPELLED`): as many
    parts as it counts, split at commas or semicolons, or at 、 when the quote has neither."""
    out = []
    for parent in programs:
        counted = (COUNTED.match(parent.name) or _COUNT_LAST.fullmatch(parent.name)) if parent.kind == "program" else None
        count = _numeral_value(counted.group(1)) if counted else None
        m = _SPELLED.match(text, parent.end) if count and count >= 2 else None
        if not m:
            continue
        quote = 1 if m.group(1) is not None else 2
        inner, at = m.group(quote), m.start(quote)
        pieces = re.split(r"([，,；;])" if re.search(r"[，,；;]", inner) else r"(、)", inner)
        parts, offset = [], at
        for piece in pieces:
            if len(piece) == 1 and piece in "，,；;、":
                offset += 1
                continue
            parts.append((offset, piece))
            offset += len(piece)
        if len(parts) == count and all(_PART.fullmatch(piece) for _, piece in parts):
            out.extend(Candidate("program", start, start + len(piece), piece, "composite-part", parent.name)
                       for start, piece in parts)
    return out


def _numeral_value(numeral: str) -> int | None:
    """五 → 5, 十 → 10, 12 → 12; None for what is not a plain count (百, 两百)."""
    if numeral.isdigit():
        return int(numeral)
    digits = "一二三四五六七八九十"
    return digits.index(numeral) + 1 if len(numeral) == 1 and numeral in digits else \
        {"两": 2, "双": 2}.get(numeral)


def recurrences(text: str, found: list[Candidate]) -> list[Candidate]:
    """A program the report names by a rule (quoted, with a head noun) named again where no rule
    fires: 将“小院议事”推广到… and 把小院议事与…结合 after “小院议事”工作法. Lexicon campaigns are matched everywhere already."""
    names = {text[c.start:c.end]: c.name for c in found
             if c.kind == "program" and c.rule != "lexicon" and c.end - c.start >= 3}
    if not names:
        return []
    taken = sorted((c.start, c.end) for c in found)
    out = []
    for surface, name in names.items():
        for m in re.finditer(re.escape(surface), text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                out.append(Candidate("program", m.start(), m.end(), name, "recurrence"))
    return out


def plus_parts(text: str, programs: list[Candidate]) -> list[Candidate]:
    """Named parts of a joined program: 党建引领+网格化管理 → 网格化管理, a national campaign, and
    小院议事+积分 → 小院议事 where the report names 小院议事 on its own too."""
    named = {c.name for c in programs if c.kind == "program" and "+" not in c.name}
    known = canonical_campaigns()
    out = []
    for parent in (c for c in programs if c.kind == "program" and "+" in c.name):
        at = parent.start
        for piece in parent.name.split("+"):
            begin = at
            at += len(piece) + 1
            name = known.get(piece) or (piece if piece in named else None)
            if name and text[begin:begin + len(piece)] == piece:
                out.append(Candidate("program", begin, begin + len(piece), name, "composite-part", parent.name))
    return out


def _longest(candidates: list[Candidate]) -> list[Candidate]:
    """Drop each candidate lying inside a longer one; of two on the same span keep the lexicon's."""
    ordered = sorted(candidates, key=lambda c: (c.start, -(c.end - c.start), c.rule != "lexicon"))
    kept: list[Candidate] = []
    for c in ordered:
        if any(k.start <= c.start and c.end <= k.end for k in kept):
            continue
        kept.append(c)
    return kept


def find_programs_and_slogans(text: str) -> list[Candidate]:
    """Every program and slogan candidate of a normalised text, overlaps resolved to the longest."""
    quoted = quoted_terms(text)
    # one name, one kind in a report: a quote read as a saying where the same core names a program
    # elsewhere (为“院落长制”确定的目标 beside 推行“院落长制”) names that program
    named = {c.name for c in quoted if c.kind == "program"}
    quoted = [replace(c, kind="program", rule="quote:program") if c.kind == "slogan" and c.name in named else c
              for c in quoted]
    quoted = _with_usual_head(quoted)
    quoted = _rating_with_body(quoted)
    lexical = campaign_mentions(text)
    patterned = head_noun_phrases(text) + pairing_programs(text)
    found = quoted + lexical + patterned
    # a quoted count core inside a longer campaign name (“三务”公开 → 三务公开) gives way
    found = [c for c in found if not any(
        o is not c and o.rule == "lexicon" and o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start)
        for o in lexical)]
    found = _longest(found)
    found = [c for c in found if not _truncated(text, c, found)]
    found = sorted(found + recurrences(text, found), key=lambda c: (c.start, c.end))
    parts = composite_parts(text, found) + plus_parts(text, found)
    spans = {(c.start, c.end) for c in parts}
    # a quote read as a saying that names a part of a composite program, or spells out its parts, is those
    # parts; so is a quote of nothing but its parts joined by 、
    found = [c for c in found if (c.kind == "program" or not any(c.start <= p and q <= c.end for p, q in spans))
             and not _only_parts(c, spans)] + parts
    return sorted(found, key=lambda c: (c.start, c.end, c.name))


def _only_parts(c: Candidate, spans: set[tuple[int, int]]) -> bool:
    """Whether ``c`` is two or more parts found and the 、 between them, nothing else."""
    inside = sorted((p, q) for p, q in spans if c.start <= p and q <= c.end)
    return len(inside) >= 2 and inside[0][0] == c.start and inside[-1][1] == c.end \
        and all(q + 1 == p2 for (_, q), (p2, _) in pairwise(inside))


_NUMBER_AND_HEAD = re.compile(rf"^([{NUMBER_CHARS}]+)(.*)$")


def _with_usual_head(quoted: list[Candidate]) -> list[Candidate]:
    """A number pattern quoted alone or with the start of its head (让“3+X”真正落地, 建立“3+X”工作台账)
    where the report names it with a head (推行“3+X”工作法) is that method: the name it has most often."""
    splits = [_NUMBER_AND_HEAD.match(c.name) if c.kind == "program" else None for c in quoted]
    headed: dict[str, Counter[str]] = defaultdict(Counter)
    for c, split in zip(quoted, splits):
        if split and split.group(2):
            headed[split.group(1)][c.name] += 1
    out = []
    for c, split in zip(quoted, splits):
        if split and split.group(1) in headed:
            usual = headed[split.group(1)].most_common(1)[0][0]
            if usual != c.name and usual.startswith(c.name):
                c = replace(c, name=usual)
        out.append(c)
    return out


def _rating_with_body(quoted: list[Candidate]) -> list[Candidate]:
    """A rating quoted alone (推动“五星”创建, “五星”评定细则) where the report names the bodies it rates
    (开展“五星支部”创建) is that program: the name it has in full."""
    full = {c.name for c in quoted if c.kind == "program" and (rating := RATING.match(c.name))
            and RATED_BODY.fullmatch(c.name, rating.end())}
    out = []
    for c in quoted:
        if c.kind == "program" and RATING.fullmatch(c.name):
            bodies = sorted(name for name in full if name.startswith(c.name))
            if len(bodies) == 1:
                c = replace(c, name=bodies[0])
        out.append(c)
    return out


def _truncated(text: str, c: Candidate, found: list[Candidate]) -> bool:
    """A quoted core that is only the start of a longer program named in the same text
    (“三基”融合 beside 三基融合) is that program cut short by the quote marks."""
    rest = text[c.end + 1:c.end + 9]
    return c.rule.startswith("quote") and any(
        o.name != c.name and o.name.startswith(c.name) and rest.startswith(o.name[len(c.name):])
        for o in found)
