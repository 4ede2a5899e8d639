"""Finding organisations: a region (named or implied) or an institution, then bodies.

An organisation name ends in a body (党委, 党支部, 组织部, 政府, 公安局, ...,
``org_bodies.txt``) and starts with what it belongs to:

- a region the text names right before it (郧西县观音镇党委, 襄阳市委组织部): the
  organisation is named after the last, most specific region (观音镇党委);
- a bare level character that the report's context fills in (省委组织部, 市政府,
  县公安局党委, 镇党委): it must stand at a phrase boundary (after punctuation, 该,
  全, 本 or a verb-like joiner), so 省市委 is not read as 市委; 村 and 街道 (村党委,
  街道党群服务中心) only after punctuation, 该, 本 or 由 (由村党支部牵头), and the linker fills them in
  from the place of that level the sentence names before them;
- an institution (思源学校党支部, 国网公司党委).

Between the start and the body a short name may stand (公安局, 国网公司); one body may
follow another (枣阳市委 + 组织部, 丹凤县 + 公安局 + 党委, 市委 + 党建工作领导小组).
A short name holds no verb, preposition or distributive in jieba's tagging
(县推进党支部, 镇党委组织各村党支部 and 镇各村党支部 are no names); a quoted piece may
stand in it (市委“两新”工委), and a county may say its level again (新县县委组织部).
Generic groups (各党支部, 29个党支部, 村党支部 with no village) are not organisations.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import tagged_words, words

CJK = "\u4e00-\u9fff"
LEVEL_CHARS = "省市县区镇乡"
BOUNDARY = set(",，。;；:：、()（）“”\"\n 　")
# words that end in a level character without naming a level's body: 省市委 is not 市委
NOT_IMPLIED = {"城市", "都市", "省市", "县市", "地市", "州市", "乡镇", "城镇", "集镇", "村镇", "市县", "省县",
               "区县", "社区", "小区", "城区", "地区", "园区", "景区", "街区", "片区", "辖区", "新区", "矿区",
               "郊区", "山区", "库区", "牧区", "政区", "老区", "灾区", "校区", "分区", "市区", "县区", "镇区"}
MID_CANNOT_START = tuple("依对在向把被将从按为由和与及以通经等")
# verbs that join two bodies (州委组织部会同州民政局): never inside one body's name
JOINING = ("会同", "协同", "配合", "携手", "联同", "牵头")
SCHOOLS_AND_HOSPITALS = "学校|中学|小学|大学|学院|医院"
INSTITUTION_HEAD = re.compile(f"(?:{SCHOOLS_AND_HOSPITALS}|公司|银行|集团|企业)$")
NOT_AFTER_BODY = ("常委", "委员", "书记", "副书记", "主任", "员")
GENERIC_BEFORE = ("各", "个", "级", "等", "党")


@dataclass(frozen=True)
class OrgCandidate:
    """An organisation found in a text, before its region is made explicit.

    ``region`` is the index of the region mention it starts with (explicit), or
    ``None`` when ``level`` gives the implied level character (省/市/县/区/镇/乡),
    or neither for an institution's organisation. ``rest`` is the name after the region.
    """

    start: int
    end: int
    rest: str
    region: int | None = None
    level: str = ""


@lru_cache(maxsize=1)
def _body_regex() -> re.Pattern[str]:
    bodies = "|".join(re.escape(b) for b in words("org_bodies"))
    # 组织部分村干部 is 组织 + 部分 (organise some), no department
    return re.compile(rf"(?:{bodies})(?![员托织])(?<!组织部(?=分))")


def find_organizations(text: str, regions: list[tuple[int, int]]) -> list[OrgCandidate]:
    """Organisation candidates of ``text``; ``regions`` are the accepted region mention spans."""
    body = _body_regex()
    starts = {start: i for i, (start, _) in enumerate(regions)}
    # an organisation starts at a region mention or at a level character, nowhere else
    places = sorted(set(starts) | {m.start() for m in _LEVEL_CHAR.finditer(text)})
    found: list[OrgCandidate] = []
    pos = 0
    for place in places:
        if place < pos:
            continue
        start = _org_start(text, place, starts, regions)
        if start is None:
            continue
        begin, region, level, name_from = start
        zone = ZONE.match(text, name_from) if region is not None else None
        end = _bodies_after(text, zone.end() if zone else name_from, body)
        if end is None and region is not None and text[name_from - 1:name_from + 1] in _REPEATED_LEVEL:
            end = _bodies_after(text, name_from + 1, body)  # 新县县委组织部: the level said again
        if end is None and level == "厅" and (team := _WORK_TEAM.match(text, name_from)):
            end = name_from  # 厅驻向民村工作队: the department's own team
        if end is None and region is not None and (unit := _INSTITUTION_UNIT.match(text, name_from)) \
                and _names_unit(unit.group(1)):
            end = unit.end()  # 辽宁省固沙造林研究所党委, 日喀则市人民医院驻卡热村工作队
        if end is None:
            continue
        if team := _WORK_TEAM.match(text, end):  # 财政局驻水畈村工作队: the body's team in a named village
            end = team.end()
        found.append(OrgCandidate(begin, end, text[name_from:end], region, level))
        pos = end
    return found


# levels too common inside words to be implied anywhere but at a phrase's start
# a banner's and a league's bodies (旗委组织部, 旗直机关工委, 盟委) likewise: 红旗党支部, 党旗 are none
AT_BOUNDARY_ONLY = ("街道", "社区", "嘎查", "村", "厅", "旗", "盟")  # 厅机关党委: the department the report is about
# an autonomous prefecture's bodies say 州 for it (州委组织部, 州民政局); so do place names (杭州, 全州)
PREFECTURE_CHAR = "州"
NOT_PREFECTURE = set("全神九")  # 全州 (the whole prefecture), 神州, 九州: no body's level
_LEVEL_CHAR = re.compile(f"街道|社区|嘎查|自治区|[{LEVEL_CHARS}村厅旗盟{PREFECTURE_CHAR}]")
# a body's work team posted to a named village is a body of its own; 驻村工作队 alone names none
_WORK_TEAM = re.compile(f"驻[{CJK}]{{1,8}}?(?:村|社区)(?:“[{CJK}]{{1,6}}”)?(?:帮扶|扶贫|乡村振兴|访惠聚)?工作[队组]")
# an institution a region names (某市人民医院, 某省某某研究所): its party body or its work team is an organisation
_INSTITUTION_UNIT = re.compile(f"([{CJK}]{{0,8}}?)(?:{SCHOOLS_AND_HOSPITALS}|研究所|研究院)"
                               f"(?:党委|党总支|党支部|{_WORK_TEAM.pattern})")
_REPEATED_LEVEL = {c + c for c in LEVEL_CHARS}
# a development zone a place names (芜湖高新区党工委, 宜宾高新区管委会): its bodies are the zone's, named
# after the place (no division of its own)
ZONE = re.compile("高新技术产业开发区|经济技术开发区|高新区|经开区|经济开发区|工业园区|产业园区|综合保税区")


def _names_unit(words_before: str) -> bool:
    """Whether the words between a place and an institution's kind name the institution (固沙造林 in
    辽宁省固沙造林研究所): no adverb, preposition or conjunction (凤阳县还与安徽科技学院党委 is two bodies)."""
    return not words_before or not any(flag[0] in "dpc" for _, flag in tagged_words(words_before))


def _org_start(text: str, pos: int, starts: dict[int, int], regions: list[tuple[int, int]]):
    """``(begin, region index, level char, offset the rest starts at)`` if an organisation can start at ``pos``.

    ``starts`` maps the start of each region mention to its index in ``regions``.
    """
    if pos in starts:
        # chain of regions (郧西县观音镇): the organisation is named after the last one
        last = starts[pos]
        while regions[last][1] in starts:
            last = starts[regions[last][1]]
        return pos, last, "", regions[last][1]
    word = next((w for w in AT_BOUNDARY_ONLY if text.startswith(w, pos)), None)
    if word:  # 村党委, 街道党群服务中心: only where a phrase starts
        at_boundary = pos == 0 or text[pos - 1] in BOUNDARY or text[pos - 1] in "该本由"
        return (pos, None, word, pos + len(word)) if at_boundary else None
    ch = text[pos]
    if text.startswith("自治区", pos) or ch == PREFECTURE_CHAR:
        # 自治区卫健委, 州民政局: not inside a place's name the text names (广西壮族自治区, 杭州市)
        named = any(start <= pos < end for start, end in regions)
        level = "自治区" if ch == "自" else ch
        return None if named or text[pos - 1:pos] in NOT_PREFECTURE or _counted(text, pos) \
            else (pos, None, level, pos + len(level))
    if ch in LEVEL_CHARS and text[max(0, pos - 1):pos + 1] not in NOT_IMPLIED and not _counted(text, pos):
        return pos, None, ch, pos + 1
    return None


def _counted(text: str, pos: int) -> bool:
    """一个镇, 3个县, 各县: a count or a distributive before the level character."""
    return pos > 0 and (text[pos - 1] in "各个两三四五六七八九十0123456789" or text[pos - 1] == "级")


def _bodies_after(text: str, at: int, body: re.Pattern[str]) -> int | None:
    """The end of the longest run ``[short name] body ([short name] body)*`` starting at ``at``."""
    end = None
    pos = at
    gap = 6
    while True:
        window = text[pos:pos + gap + 8]
        m = body.search(window)
        if not m or m.start() > gap:
            break
        mid = window[:m.start()]
        if not _short_name(mid):
            break
        stop = pos + m.end()
        if text.startswith(NOT_AFTER_BODY, stop) and text[stop - 1] == "委" and m.group() == "委":
            end = end if end is not None else stop
            break
        end, pos = stop, stop
        gap = 8  # 市委 + 党建工作领导小组
    return end


QUOTED = re.compile(r"[“\"][\u4e00-\u9fff]{1,6}[”\"]")
# jieba's parts of speech that cannot stand inside a short name: verbs (组织, 推进; not
# verbal nouns such as 工作), prepositions, conjunctions, pronouns and distributives (与, 各村), particles,
# status words (认真落实)
NOT_IN_NAME = "vpcruz"


def _short_name(mid: str) -> bool:
    """Whether ``mid`` may stand between a start and a body: 公安, 直机关, “两新” (quotes kept).

    Not a level character (省市委 is not 市委), not a verb, preposition or
    distributive (推进党支部, 组织各村党支部).
    """
    plain = QUOTED.sub("", mid)
    if any(not ("\u4e00" <= c <= "\u9fff") or c in LEVEL_CHARS for c in plain) or plain.startswith(MID_CANNOT_START) \
            or any(verb in plain for verb in JOINING):
        return False
    tagged = tagged_words(plain)
    # a trade's committee (县快递行业党委, 外卖行业党委): the trade, one word, may be one jieba tags as a verb
    if len(tagged) == 2 and tagged[1][0] in TRADE and tagged[0][1][0] == "v":
        return True
    return not any(flag[0] in NOT_IN_NAME and flag != "vn" for _, flag in tagged)


TRADE = ("行业", "产业")


def institution_organizations(text: str) -> list[OrgCandidate]:
    """Organisations of institutions: 思源学校党支部, 国网公司党委 (the name starts at a word, see :func:`name_start`)."""
    out = []
    for m in PARTY_BODY.finditer(text):
        head = INSTITUTION_HEAD.search(text, max(0, m.start() - 2), m.start())
        if not head:
            continue
        begin = name_start(text, head.start(), m.start())
        if not 2 <= head.start() - begin <= 6:
            continue  # a bare 公司党支部 names none; a longer name is an enterprise's
        if text[begin] in LEVEL_CHARS and tagged_words(text[begin:m.start()])[0][0] == text[begin]:
            continue  # 县国网公司党委: read as an implied-region organisation instead
        if begin and (text[begin - 1].isdigit() or text[begin - 1] in "一二三四五六七八九十两几多"):
            continue  # 6家规上企业党支部: bodies counted, none named (jieba reads 家规 as a word there)
        out.append(OrgCandidate(begin, m.end(), text[begin:m.end()]))
    return out


PARTY_BODY = re.compile(r"党委|党总支|党支部")
# a party body set up in a company named in full (在某某工艺品有限公司成立党支部): the company's
_FOUNDED = re.compile(r"(?:成立|组建|建立)了?(党委|党总支|党支部)")
COMPANY = re.compile(r"有限责任公司|股份有限公司|有限公司|集团|公司|合作社")
LEGAL_FORM = ("有限", "股份")
GENERIC_KINDS = ("企业", "单位", "组织", "机构")
# jieba's parts of speech that end a name read leftwards: those no short name holds, and
# adverbs, numbers, measure words and punctuation (在, 推动, 与, 各, 已, 3家)
NAME_STOP = NOT_IN_NAME + "dmqx"
# verbs of a trade that company names hold and jieba tags as verbs (农业开发有限公司, 机械制造有限公司)
TRADE_VERBS = frozenset({"开发", "种植", "制造", "开采", "繁育", "研发", "冶炼", "建造"})


def name_start(text: str, least: int, end: int, longest: int = 24) -> int:
    """Where the name ending at ``end`` starts: jieba's words read leftwards from ``end`` up to a
    clause boundary or a word that cannot be part of a name (a verb, a preposition, ...).

    The start is a word's start (物业公司 is never cut to 业公司); the words from ``least``
    on (the head the name ends in) are always taken.

    >>> text = "推动吉林长顺物业管理有限公司成立党支部"
    >>> text[name_start(text, 10, 14):14]
    '吉林长顺物业管理有限公司'
    """
    floor = end
    while floor > 0 and end - floor < longest and text[floor - 1] not in BOUNDARY:
        floor -= 1
    words = tagged_words(text[floor:end])
    if floor > 0 and text[floor - 1] not in BOUNDARY and len(words) > 1:
        words = words[1:]  # the clause was cut: its first word may be a piece of one
    begin = end
    for word, flag in reversed(words):
        if begin > least or not (flag[0] in NAME_STOP and flag != "vn" and word not in TRADE_VERBS
                                 or word in GUIDING or word in _bodies()):
            begin -= len(word)
        else:
            break
    return begin


# verbs by which one body guides another that jieba may tag as nouns (工委指导某某公司党支部): no name holds them
GUIDING = frozenset({"指导", "引导", "帮助", "帮扶", "督促", "带领", "协助", "支持", "推动"})


@lru_cache(maxsize=1)
def _bodies() -> frozenset[str]:
    """The bodies of ``org_bodies.txt``: a name read leftwards stops at another body (县委“两新”工委指导…)."""
    return frozenset(words("org_bodies"))



def enterprise_organizations(text: str, regions: list[tuple[int, int]]) -> list[OrgCandidate]:
    """Party organisations of enterprises and cooperatives named in full, also where the text
    says only 公司党支部 or 物业公司党支部 after naming the company.

    A company is named in full when its name has a legal form (某某茶业有限公司) or starts with
    a place (某县某某合作社); the name runs left from its head to a word that cannot be part of
    it (:func:`name_start`). A short reference (公司党委, 物业公司党支部) is the party
    organisation of the last company named in full before it whose name holds the reference's
    words (物业) and ends the same way (公司); with none, it is left to
    :func:`institution_organizations` or dropped.
    """
    region_starts = {start for start, _ in regions}
    named: list[str] = []
    out: list[OrgCandidate] = []
    for m in COMPANY.finditer(text):
        begin = name_start(text, m.start(), m.end())
        # 辖区物业企业天津辰安物业服务有限公司: a kind of body said before the name, which starts at its place
        begin = next((r for r in sorted(region_starts) if begin < r < m.start()
                      and text[begin:r].endswith(GENERIC_KINDS)), begin)
        if m.group().startswith(LEGAL_FORM):
            begin = _trade_name_start(text, begin, regions)
        name = text[begin:m.end()]
        party = PARTY_BODY.match(text, m.end())
        if begin < m.start() and (m.group().startswith(LEGAL_FORM) or begin in region_starts):
            named.append(name)
            if party:
                out.append(OrgCandidate(begin, party.end(), name + party.group()))
            elif (founded := _FOUNDED.match(text, m.end())) and m.group().startswith(LEGAL_FORM):
                out.append(OrgCandidate(begin, founded.end(), name + founded.group(1)))
        elif party:
            kind = name[:-len(m.group())]
            head = m.group()[-2:]
            earlier = next((n for n in reversed(named) if kind in n and n.endswith(head)), None)
            if earlier:
                out.append(OrgCandidate(begin, party.end(), earlier + party.group()))
    return out


# what may stand between a company's place and the rest of its name: a trade name's characters,
# one of which jieba may read as a verb (四川捷运通物流有限公司: 通), never a longer verb or a
# preposition (在四川推动物流公司, 宜宾市与物流公司)
_TRADE_GAP = 4


def _trade_name_start(text: str, begin: int, regions: list[tuple[int, int]]) -> int:
    """The start of a company's name that begins with a place, where :func:`name_start` stopped at
    a piece of the trade name jieba reads as a verb; ``begin`` if there is none."""
    place = next(((s, e) for s, e in reversed(regions) if e <= begin), None)
    if place is None or begin - place[1] > _TRADE_GAP or begin in (s for s, _ in regions):
        return begin
    gap = text[place[1]:begin]
    if any(c in BOUNDARY or not ("\u4e00" <= c <= "\u9fff") for c in gap):
        return begin
    if any((len(word) > 1 and flag[0] in NAME_STOP and flag != "vn") or flag[0] in "pcurz"
           for word, flag in tagged_words(gap)):
        return begin
    return place[0]


# a party committee set up for a trade or industry (成立电商行业党委, 组建影视产业党委): named after
# the place that sets it up (:data:`SECTOR`)
_SECTOR = re.compile(r"(?:成立|组建|建立)了?((?P<trade>[\u4e00-\u9fff]{2,4}?)(?:行业|产业链|产业)党委)")
SECTOR = "行业"


def sector_organizations(text: str) -> list[OrgCandidate]:
    """A trade's or an industry's party committee that the text sets up without naming its place
    (县里成立电商行业党委): its place is the one the sentence names, or the report's (the linker's
    ``SECTOR`` level). Its trade holds no verb or preposition (成立推动产业党委 names none)."""
    return [OrgCandidate(m.start(1), m.end(1), m.group(1), level=SECTOR) for m in _SECTOR.finditer(text)
            if _short_name(m.group("trade"))]


ENUMERATED = re.compile(r"(?:[0-9]+|[一二两三四五六七八九十]+)个[\u4e00-\u9fff]{0,3}?(?:村|镇|乡|社区|街道)")


def enumerated_organizations(text: str, regions: list[tuple[int, int]]) -> list[OrgCandidate]:
    """万寿寺、中沟2个后进村党支部: one organisation per enumerated region, sharing the body."""
    body = _body_regex()
    out: list[OrgCandidate] = []
    i = 0
    while i < len(regions):
        j = i
        while j + 1 < len(regions) and text[regions[j][1]:regions[j + 1][0]] in ("、", ",", "和", "及"):
            j += 1
        tail = ENUMERATED.match(text, regions[j][1])
        if j > i and tail:
            m = body.match(text, tail.end())
            if m:
                out.extend(OrgCandidate(rs, re_, m.group(), k) for k, (rs, re_) in enumerate(regions[i:j + 1], i))
        i = j + 1
    return out


# kinds of bodies a whole place has many of (全县农村党支部, 全镇基层党组织)
MANY_OF_A_KIND = ("农村", "基层", "村级", "机关", "非公", "各")


def is_generic(text: str, cand: OrgCandidate) -> bool:
    """各党支部, 29个党支部, 县级..., 全县农村党支部: plural or unnamed groups."""
    before = text[max(0, cand.start - 1):cand.start]
    if cand.level and before == "全" and cand.rest.startswith(MANY_OF_A_KIND):
        return True
    return cand.region is None and not cand.level and before in GENERIC_BEFORE
