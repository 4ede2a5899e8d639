"""Region linking: which divisions a report names, and which county it is about.

The ``kg_regions`` component proposes, for every surface that may be a place,
every division it may be. The linker decides by the document's coherence:

1. **Surfaces.** Overlapping surfaces keep the longest (``丹凤县`` over
   ``凤县`` inside ``中共丹凤县委``). A surface that cuts an everyday word of
   the jieba segmentation (``西城`` in ``山西城市``) keeps only its candidates
   of county level and above named in full by more than one character and
   the level (``郧西县`` stays; ``代县`` in ``新时代县域`` goes). A county's short
   form jieba knows as an everyday word, not as a place name (``博爱``,
   ``方正``), counts as ``common``.
2. **Votes.** Each surface splits one vote over the counties its candidates lie
   in (a township or village votes, less, for its county) and over the prefectures and
   provinces it may be. The publisher and other context strings vote too.
   A county's support is its own votes plus half the votes of its prefecture
   and province: ``莒镇`` (one township in China) and ``德州`` (its prefecture)
   make 禹城市 the focus although the text never names it.
3. **Focus.** The best supported county; a prefecture when the report spreads
   over several of its counties and names it more than any of them.
4. **Choice.** Each surface takes its best supported candidate. County level
   and above is accepted on its own; everyday-word short forms (``common``),
   townships and villages only with support from the rest of the document (the
   focus county, a named ancestor; the township of a local short form or of a
   village whose name begins with an everyday verb, ``发展村`` in ``发展村级``). A
   county named once, without support, whose name ends the focus county's name
   is the text's slip for the focus (``堡垒凤县`` in a report on 丹凤县).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from spacy.tokens import Doc

from ..extract.lexicon import EVERYDAY_FREQ, canonical_campaigns, word_tag, words
from ..extract.organizations import JOINING
from ..extract.pipeline import text_of
from ..extract.programs import CLOSE_QUOTES, OPEN_QUOTES
from ..extract.regions import exact_offsets, region_candidates
from ..records import LEVELS, Mention, Region
from .gazetteer import Gazetteer, gazetteer, local_stem

__all__ = ["RegionLinks", "link_regions", "resolve_relative"]

# weight of one surface's vote, by the rule that found it
_WEIGHT = {"full": 1.0, "short": 1.0, "variant": 1.0, "former": 1.0, "common": 0.3, "local": 0.5}
# a township or village name is weaker evidence of its county than the county's own
_LEVEL_FACTOR = {"township": 0.8, "village": 0.5}
# a token of the segmentation this frequent in jieba's dictionary is an everyday word
_WORD_FREQ = EVERYDAY_FREQ
# a scenic spot or a work named after a mountain, lake or river that also names a township or village
# (仙女山国家森林公园 beside 仙女山镇): the short form there names the landmark, not the division
_LANDMARK_AFTER = re.compile(r"(?:国家)?(?:森林公园|湿地公园|地质公园|公园|风景名胜区|风景区|景区|旅游区|度假区|"
                             r"自然保护区|保护区|水库|水电站|机场|火车站|高铁站|隧道|大桥|大峡谷|"
                             r"遗址公园|遗址|古城址|古墓群)")  # 石峁遗址: the site, named after 石峁村
# a landform named after a division's short form (科尔沁沙地, 吐鲁番盆地): the land, not the division
_LANDFORM_AFTER = re.compile(r"(?:沙地|沙漠|草原|盆地|平原|高原|丘陵|山脉|山下|山脚|山麓|山腰|[东南西北]麓"
                             r"|[东南西北]岸|沿岸|两岸|岸边|流域|之畔)"
                             r"|(?:年间|年号)")  # (太白山下, 天山北麓); a reign's years: 咸丰年间
# a street or square named after a place (中山街, 人民路, 延安路): the short form there names the street.
# Not a way of doing things (宜宾路径, 浦江路子) nor a sub-district (中山街道)
# what follows a prefecture's name, never a county's or a township's: its 地区's committee and administration
# (那曲地委组织部, 日喀则行署, 那曲地区)
_PREFECTURE_AFTER = re.compile(r"地委|地区(?!的)|行署|地直")
_STREET_AFTER = re.compile(r"(?:大街|大道|街(?!道)|路(?![径子线])|巷|胡同|广场)")
# a region's mountains (豫西山区, 浙西南山区, 陕南山区, 湖南山区): 西山区, 南山区 there are no districts. Before the
# direction stands a province's one-character name, another direction, or the first character of a province
# whose name ends in a direction (湖南, 江西, 广东)
_MOUNTAIN_AREA = re.compile("[东南西北中]山区")
_AREA_BEFORE = frozenset("京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川蜀黔滇陕秦甘陇青宁藏桂蒙" "东南西北" "湖河云海江山广")
# the marks a quote opens and closes with, single quotes too (‘…’ inside someone's words)
_OPEN_QUOTES, _CLOSE_QUOTES = tuple(OPEN_QUOTES + "‘"), tuple(CLOSE_QUOTES + "’")
# who a person is, written right before the name (老党员刘福山, 第一书记扎西平措)
_PERSON_ROLE = ("党员|书记|支书|村民|居民|群众|主任|队长|组长|老人|大爷|大娘|大妈|大姐|大哥|阿姨|干部|委员|代表|"
                "同志|老师|医生|村医|记者|通讯员|网格员|志愿者|户主|站长|所长|局长|县长|镇长|乡长|村长|部长|"
                "负责人|带头人|能人|老兵|小伙|姑娘|老板|店主|经理|厂长|社长|会长|大户|能手|农户|果农|菜农|养殖户")
# what a person's name is followed by where the report quotes them: 梁秀英笑着说
_SPEAKS_AFTER = re.compile(r"(?:笑着|高兴地|激动地|感慨地|自豪地|动情地)?(?:说|表示|介绍|坦言|感慨|告诉)")
# fields a document or a page fills with people's names: 联系人：徐常山, 出席：张建国 李宽甸
_NAME_FIELD = "联系人(?:及电话)?|执笔|摄影|撰稿|记录|出席|列席|主持|审核|签发|核稿|责任编辑|责编|整理|口述"
_BYLINE_ROLE = re.compile(r"(?:记者|通讯员|编辑|作者|摄影|撰稿|校对)\s*[:：]?\s*$")
# divisions local reports on the mainland name rarely and their short forms often mean a thing:
# Taiwan's (桃园, 新竹), Hong Kong's and Macao's
_RARELY_NAMED = ("71", "81", "82")
# district names that are also what any city calls a part of itself (玉林街道是典型的老城区: an old
# town, not 洛阳's 老城区): they name the district only where the report supports it
_GENERIC_DISTRICTS = frozenset({"老城区", "新城区", "东区", "西区"})
_LEVEL_ENDS = "省市县区旗州盟"  # a name ending in one of these says its level
# the runs jieba segments one at a time (jieba.re_han_default)
_HAN_BLOCK = re.compile("[\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+")


@dataclass(frozen=True)
class RegionLinks:
    """The regions one report names and the county-level unit it is about.

    ``mentions`` pairs each accepted mention (kind ``region``) with its region;
    ``regions`` are the distinct regions in order of first mention; ``focus``
    is the code of the county-level unit the report is about (a prefecture's
    code for a report on a prefecture); ``confidence`` is how clearly the
    document supports that focus over the runner-up, from 0 to 1.
    """

    mentions: tuple[tuple[Mention, Region], ...]
    regions: tuple[Region, ...]
    focus: str | None
    confidence: float


@dataclass
class _Surface:
    start: int
    end: int
    text: str
    candidates: dict[int, str]  # division id -> label

    @property
    def weight(self) -> float:
        return max(_WEIGHT.get(label, 1.0) for label in self.candidates.values())


def link_regions(doc: Doc, *, publisher: str | None = None,
                 context: Sequence[str] = (), headline: str | None = None) -> RegionLinks:
    """Link the region candidates of ``doc`` (set by ``kg_regions``) to regions.

    Parameters
    ----------
    doc: a document the ``kg_regions`` component has run on (it is run here if not).
    publisher: the outlet's name (``商洛日报``); the places in it support candidates.
    context: other texts about the report (title, source line); they support too.
    headline: the report's title: a prefecture or province heading it (``大理州:…``,
        ``某某省交通运输厅:…``) is the report's subject, hence its focus (:func:`_headline_subject`).

    Returns
    -------
    RegionLinks: accepted mentions with their regions, the unique regions, the focus.
    """
    places = gazetteer()
    surfaces = _surfaces(doc, places)
    votes, upper = _votes(surfaces, places)
    for extra in (publisher, *context):
        if extra:
            extra_votes, extra_upper = _votes(_group(extra, region_candidates(extra, places), places), places)
            for key, value in extra_votes.items():
                votes[key] += value
            for key, value in extra_upper.items():
                upper[key] += value

    def support(county: int) -> float:
        return votes.get(county, 0.0) + 0.5 * sum(upper.get(a, 0.0) for a in places.ancestors(county))

    ranked = sorted(((support(k), k) for k in votes), reverse=True)
    focus_id = ranked[0][1] if ranked and ranked[0][0] >= 1.0 else None
    focus_id, confidence = _focus(places, ranked, votes, upper, focus_id)
    focus_id = _named_first_in_head(text_of(doc), surfaces, places, ranked, focus_id)
    subject = _headline_subject(headline, places, focus_id) or _yearbook_subject(publisher, places, focus_id)
    if subject is not None:
        focus_id, confidence = subject, max(confidence, 0.5)

    # a short form of a division the report names in full elsewhere is that division (林芝 after 林芝市,
    # not 林芝镇 in the focus county)
    named = frozenset(i for s in surfaces if len(s.candidates) == 1 for i, l in s.candidates.items() if l == "full")
    accepted: list[tuple[_Surface, int, str]] = []
    strong: set[int] = set()
    ends: dict[int, int] = {}  # where an accepted mention ends: its division
    pending: list[_Surface] = []
    for surface in surfaces:
        ident, label = _choose(places, surface, support, upper, focus_id, named)
        level = places.level(ident)
        if label == "short" and level == "county" and focus_id is not None and _everyday_word(surface.text) \
                and not set(places.ancestors(ident)) & set(places.ancestors(focus_id)):
            label = "common"  # 温泉小镇 in a report on 宁城县: an everyday word, not 新疆's 温泉县
        if label == "full" and level == "county" and surface.text.startswith(JOINING):
            label = "common"  # 民政局会同县委组织部: the verb (会同), a county only where the report supports it
        if level in ("province", "prefecture", "county") and label != "common":
            if level == "county" and focus_id is not None and ident != focus_id:
                slip = _slip(places, surface, ident, focus_id, votes)
                if slip is not None:
                    ident, label = slip, "slip"
            accepted.append((surface, ident, label))
            strong.add(ident)
            ends[surface.end] = ident
        else:
            pending.append(surface)
    for _ in range(2):  # townships first make their villages' local forms acceptable
        still = []
        for surface in pending:
            # a place written right after the one it lies in (华头镇前锋村, 夹江县华头镇) is that one's, however
            # strongly the report supports a namesake elsewhere
            prior = ends.get(surface.start)
            under = [i for i in surface.candidates if places.parent(i) == prior] if prior is not None else []
            choice = (under[0], surface.candidates[under[0]]) if len(under) == 1 \
                else _supported(places, surface, strong, focus_id, upper, support, named)
            if choice is None:
                still.append(surface)
                continue
            accepted.append((surface, *choice))
            strong.add(choice[0])
            ends[surface.end] = choice[0]
        pending = still

    if focus_id is not None:
        accepted = _without_distant_short_forms(places, accepted, focus_id)
    accepted = _without_parts_of_names(text_of(doc), places, accepted)
    accepted.sort(key=lambda item: (item[0].start, item[0].end))
    mentions, regions, seen = [], [], {}
    for surface, ident, label in accepted:
        if ident not in seen:
            seen[ident] = places.region(ident)
            regions.append(seen[ident])
        mention = Mention(kind="region", text=surface.text, start=surface.start,
                          end=surface.end, label=label, key=str(ident))
        mentions.append((mention, seen[ident]))
    focus = None
    if focus_id is not None:
        focus = places.get(focus_id).code or None
    return RegionLinks(tuple(mentions), tuple(regions), focus, confidence)


def _without_distant_short_forms(places: Gazetteer, accepted: list[tuple[_Surface, int, str]],
                                 focus_id: int) -> list[tuple[_Surface, int, str]]:
    """Drop a county named only by its short form, in another province than the focus's, where the
    report names neither its prefecture nor its province nor a place in it: 青山 in 青山绿水 in a report
    on 融水, 大关 in 突破十亿大关 in one on 榆林, 故城 in 明中都皇故城 in one on 凤阳. Such a form is an
    everyday word or a person's name there (jieba tags 青山, 大关, 故城 as places); the gold of thirteen
    development sets holds no county named that way, and kg found eight such words. A county the report
    visits is written with its province or city (赴浙江安吉), or in full (安吉县).
    """
    kept_ids = {ident for _, ident, _ in accepted}
    labels: dict[int, set[str]] = defaultdict(set)
    for _, ident, label in accepted:
        labels[ident].add(label)
    home = (places.ancestors(focus_id) or (focus_id,))[0]

    def distant(ident: int) -> bool:
        if labels[ident] != {"short"} or places.level(ident) != "county":
            return False
        chain = places.ancestors(ident)
        if not chain or chain[0] == home or kept_ids & set(chain):
            return False
        return not any(other != ident and places.is_within(other, ident) for other in kept_ids)

    return [item for item in accepted if not distant(item[1])]


def _without_parts_of_names(text: str, places: Gazetteer,
                            accepted: list[tuple[_Surface, int, str]]) -> list[tuple[_Surface, int, str]]:
    """Drop a short form that lies inside the name, without its level, of a township or village the
    report names in full: 天河 in 涔天河水库 where the report names 涔天河镇 (the reservoir is the town's)."""
    cores = {stem for _, ident, label in accepted if label == "full" and places.level(ident) in ("township", "village")
             and (stem := local_stem(places.name(ident), places.level(ident))) and len(stem) >= 3}
    if not cores:
        return accepted

    def inside(surface: _Surface) -> bool:
        return any(text.startswith(core, surface.start - at) for core in cores if core != surface.text
                   for at in range(len(core) - len(surface.text) + 1) if core.startswith(surface.text, at))

    return [item for item in accepted if item[2] == "full" or not inside(item[0])]


# -- surfaces -------------------------------------------------------------------
def _surfaces(doc: Doc, places: Gazetteer) -> list[_Surface]:
    if "regions" in doc.spans:
        raw = [(*exact_offsets(span), int(span.kb_id_), span.label_) for span in doc.spans["regions"]]
    else:
        raw = region_candidates(text_of(doc), places)
    text = text_of(doc)
    surfaces = _group(text, raw, places)
    blocks = _blocks(text)
    # where one name ends and the next begins, as in a path (康县长坝镇): a word across that edge
    # (县长) is no word of the text
    full_ends = {s.end for s in surfaces if "full" in s.candidates.values()}
    kept = []
    mountains: list[tuple[int, int]] = []
    # a person's name, once the report shows it is one (第一书记韩祁连), is one wherever it stands
    # again (韩祁连正和村“两委”商量): the surname and the short form, as the report writes them
    people = {(s.start, s.end) for s in surfaces if not _all_full(s) and _in_person_name(text, s)}
    names = {text[start - 1:end] for start, end in people
             if start and end - start == 2 and text[start - 1] in _surnames()}
    for surface in surfaces:
        cuts = _cuts_word(text, surface, blocks, places, joined=surface.start in full_ends)
        # a one-character county's committee (岚县委, 眉县政府): only the end is cut (县委), the start is clean
        committee = len(surface.text) == 2 and surface.text[-1] in "县区旗" \
            and text.startswith(("委", "政府", "人民政府", "直属"), surface.end) and not _word_across(text, surface.start, places)
        if cuts:  # a name that ends in its level keeps it (东乡县 in 东乡县委, though jieba cuts 县委)
            leveled = len(surface.text) > 2 and surface.text[-1] in _LEVEL_ENDS
            surface.candidates = {i: l for i, l in surface.candidates.items()
                                  if (l == "full" or (leveled and l in ("short", "variant", "former")))
                                  and places.level(i) in ("province", "prefecture", "county")
                                  and (len(surface.text) > 2 or committee and l == "full")}
        elif not _all_full(surface) and _in_set_phrase(text, surface):
            surface.candidates = {i: l for i, l in surface.candidates.items() if l == "full"}
        landform = _LANDFORM_AFTER.match(text, surface.end)
        if landform and landform.group().startswith("山"):
            mountains.append((surface.start, surface.end + 1))  # 太白山下: 太白山, with 白山 in it
        named = (surface.start, surface.end) in people or text[surface.start - 1:surface.end] in names
        if not _all_full(surface) and (landform or named or _STREET_AFTER.match(text, surface.end)):
            surface.candidates = {i: l for i, l in surface.candidates.items() if l == "full"}
        if not _all_full(surface) and text[surface.start - 1:surface.start] in _OPEN_QUOTES \
                and text[surface.end:surface.end + 1] in _CLOSE_QUOTES:
            # a short form quoted alone is an epithet (芜湖是一座…的“江城”), not the division it could name
            surface.candidates = {i: l for i, l in surface.candidates.items() if l == "full"}
        if _PREFECTURE_AFTER.match(text, surface.end) and not _all_full(surface):
            surface.candidates = {i: l for i, l in surface.candidates.items() if places.level(i) == "prefecture"}
        if _LANDMARK_AFTER.match(text, surface.end):
            surface.candidates = {i: l for i, l in surface.candidates.items()
                                  if l == "full" or places.level(i) not in ("township", "village")}
        if (area := _MOUNTAIN_AREA.match(text, surface.start)) and surface.end <= area.end() \
                and text[surface.start - 1:surface.start] in _AREA_BEFORE:
            surface.candidates = {}
        if surface.candidates:
            kept.append(surface)
    for surface in kept:  # a short form inside a mountain's name is none
        if any(start <= surface.start and surface.end <= end for start, end in mountains):
            surface.candidates = {i: l for i, l in surface.candidates.items() if l == "full"}
    return _longest([s for s in kept if s.candidates], text, blocks)


def _all_full(surface: _Surface) -> bool:
    """Whether every candidate of the surface is a full name (the tests that keep only those can skip it)."""
    return all(label == "full" for label in surface.candidates.values())


def _group(text: str, raw, places: Gazetteer) -> list[_Surface]:
    """The surfaces of ``raw`` candidates, each with its candidates and their labels.

    A county's short form that jieba's dictionary holds as an everyday word, though
    not as a place name (``博爱`` for 博爱县, ``方正`` for 方正县), is ``common``:
    it votes little and needs the document's support. Not where the report makes it
    its subject: named again, or heading a line (``余姚:`` ``余姚持续深化…``; jieba
    tags several county names as person names).
    """
    starts: dict[str, set[int]] = defaultdict(set)
    for start, end, _, _ in raw:
        starts[text[start:end]].add(start)
    grouped: dict[tuple[int, int], dict[int, str]] = defaultdict(dict)
    for start, end, ident, label in raw:
        if label == "short" and places.level(ident) == "county" and _everyday_word(text[start:end]) \
                and len(starts[text[start:end]]) == 1 and text[end:end + 1] not in (":", "："):
            label = "common"
        elif label == "short" and places.code(ident).startswith(_RARELY_NAMED):
            label = "common"  # 桃园 (a peach orchard) names 桃园市 only where the report supports it
        elif label == "full" and text[start:end] in _GENERIC_DISTRICTS and places.level(ident) == "county" \
                and text[end:end + 1] not in (":", "：", "委") and not text.startswith(("人民政府", "政府"), end):
            # not where it heads a line or names the district's committee or government; else only in a
            # report that names its city (a province names too many cities' old towns)
            if not any(form in text for form, _ in places.forms(places.ancestors(ident)[-1])):
                continue
            label = "common"
        grouped[(start, end)].setdefault(ident, label)
    return [_Surface(s, e, text[s:e], c) for (s, e), c in sorted(grouped.items())]


def _longest(surfaces: list[_Surface], text: str, blocks: Sequence[tuple[int, int]]) -> list[_Surface]:
    """Drop every surface that overlaps a longer one. Of two as long, the one that is a word of
    jieba's segmentation wins (美丽新宁夏: 宁夏, not 新宁), else the leftmost."""
    rivals: set[int] = set()  # surfaces overlapping one as long
    ordered = sorted(surfaces, key=lambda s: s.start)
    for index, one in enumerate(ordered):
        for other in ordered[index + 1:]:
            if other.start >= one.end:
                break
            if other.end - other.start == one.end - one.start:
                rivals.update((id(one), id(other)))

    def astray(surface: _Surface) -> bool:
        return id(surface) in rivals and (surface.start, surface.end) not in set(
            _words_around(text, surface.start, surface.end, blocks))

    taken: list[_Surface] = []
    for surface in sorted(surfaces, key=lambda s: (-(s.end - s.start), astray(s), s.start)):
        if all(surface.end <= t.start or surface.start >= t.end for t in taken):
            taken.append(surface)
    return sorted(taken, key=lambda s: s.start)


def _blocks(text: str) -> list[tuple[int, int]]:
    """The runs of text jieba segments one at a time (Han characters, letters, digits), in order."""
    return [m.span() for m in _HAN_BLOCK.finditer(text)]


@lru_cache(maxsize=8192)
def _segment(block: str) -> tuple[tuple[int, int], ...]:
    """jieba's words of one block, as offsets into the block."""
    import jieba

    edges, at = [], 0
    for word in jieba.cut(block, HMM=True):
        edges.append((at, at + len(word)))
        at += len(word)
    return tuple(edges)


def _words_around(text: str, start: int, end: int, blocks: list[tuple[int, int]]):
    """jieba's words of ``text`` overlapping ``[start, end)``: only the blocks touched are segmented.

    jieba cuts a text into runs of Han characters, letters and digits and segments
    each run on its own, so segmenting just the runs a surface touches gives the
    very words a segmentation of the whole text would have there.
    """
    first = bisect_right(blocks, (start, len(text) + 1)) - 1
    for index in range(max(first, 0), len(blocks)):
        bstart, bend = blocks[index]
        if bstart >= end:
            break
        if bend <= start:
            continue
        for wstart, wend in _segment(text[bstart:bend]):
            yield bstart + wstart, bstart + wend


@lru_cache(maxsize=1)
def _surnames() -> str:
    """The surname characters of ``surnames.txt``, as one string."""
    return "".join(words("surnames"))


@lru_cache(maxsize=1)
def _person_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A role and a surname right before a given name; a run of Tibetan name syllables; a field of
    names up to a surname (联系人：徐, 出席：张建国 李, 执笔：组织股 刘)."""
    surnames = _surnames()
    syllables = "|".join(words("name_syllables"))
    # a space may stand between the role and the name (【同期声】村党支部书记 李襄城)
    return (re.compile(f"(?:{_PERSON_ROLE})[ \u3000]?[{surnames}]$"), re.compile(f"(?:{syllables}){{2,}}"),
            re.compile(f"(?:{_NAME_FIELD})\\s*[:：]?\\s*(?:[\u4e00-\u9fff]{{2,8}}[ \u3000、，,]+){{0,4}}[{surnames}]$"))


def _in_person_name(text: str, surface: _Surface) -> bool:
    """Whether a short form is a person's given name (老党员刘福山, 梁秀英笑着说) or lies across a Tibetan
    name (扎西平措): a role and a surname right before two characters, a field of names ending in them
    (联系人：徐常山), or a surname before and their words after, or a run of name syllables over it."""
    titled, syllables, fielded = _person_patterns()
    if len(surface.text) == 2 and titled.search(text, max(0, surface.start - 6), surface.start):
        return True
    if len(surface.text) == 2 and not "\u4e00" <= text[surface.end:surface.end + 1] <= "\u9fff" \
            and fielded.search(text, max(0, surface.start - 48, text.rfind("\n", 0, surface.start) + 1), surface.start):
        return True  # 联系人：徐常山, 出席：张建国 李宽甸, 执笔：组织股 刘慈利: a field of names, one ending there
    if len(surface.text) == 2 and _BYLINE_ROLE.search(text, max(0, surface.start - 6), surface.start):
        return True  # 通讯员 于洪涛: a byline's name starts right after its role
    if len(surface.text) == 2 and surface.start and text[surface.start - 1] in _surnames() \
            and _SPEAKS_AFTER.match(text, surface.end):
        return True  # 梁秀英笑着说: a surname before, the words they said after
    return any(m.start() <= surface.start and surface.end <= m.end()
               for m in syllables.finditer(text, max(0, surface.start - 6), surface.end + 6))


def _in_set_phrase(text: str, surface: _Surface) -> bool:
    """Whether the surface lies inside a set phrase of four to six characters that jieba's
    dictionary holds as no name (绿水青山, 定海神针, 长治久安): a short form there is no place,
    however rare the phrase (the everyday-word test of :func:`_cuts_word` asks for common words)."""
    phrases = _set_phrases()
    for size in range(4, 7):
        for begin in range(max(0, surface.end - size), surface.start + 1):
            if begin + size > len(text) or (begin, begin + size) == (surface.start, surface.end):
                continue
            if text[begin:begin + size] in phrases:
                return True
    return False


@lru_cache(maxsize=1)
def _set_phrases() -> frozenset[str]:
    """jieba's dictionary words of four to six Han characters that no name tag marks (ns, nt, nz, nrt)."""
    import jieba.posseg

    return frozenset(word for word, tag in jieba.posseg.dt.word_tag_tab.items()
                     if 4 <= len(word) <= 6 and tag not in ("ns", "nt", "nz", "nrt") and "\u4e00" <= word[0] <= "\u9fff")


def _cuts_word(text: str, surface: _Surface, blocks: list[tuple[int, int]], places: Gazetteer,
               joined: bool = False) -> bool:
    """Whether the surface starts or ends inside an everyday word of jieba's segmentation.

    jieba is asked only when some everyday word of its dictionary crosses one of
    the surface's edges in the text (:func:`_word_across`): without one, no word
    of any segmentation can cut the surface, and most surfaces have none. A surface
    ``joined`` to a full name ending where it starts is not cut at its start.
    """
    try:
        import jieba
    except ImportError:  # pragma: no cover - kg's word segmenter is jieba
        return False
    if not ((not joined and _word_across(text, surface.start, places)) or _word_across(text, surface.end, places)):
        return False
    for start, end in _words_around(text, surface.start, surface.end, blocks):
        if end <= surface.start or start >= surface.end:
            continue
        if surface.start <= start and end <= surface.end:
            continue
        if joined and start < surface.start:
            continue
        word = text[start:end]
        # a campaign's name is a word jieba holds whole, however rare (振兴和 in 乡村振兴和共同富裕)
        if ((jieba.get_FREQ(word) or 0) >= _WORD_FREQ or word in canonical_campaigns()) and not places.postings(word):
            return True
    return False


def _word_across(text: str, edge: int, places: Gazetteer) -> bool:
    """Whether an everyday word of jieba's dictionary (no place name) spans ``text[edge - 1:edge + 1]``.

    jieba's dictionary holds every prefix of its words (frequency 0), so the words
    starting at one position are found by extending a prefix while it is known.
    """
    import jieba

    jieba.dt.check_initialized()
    freq = jieba.dt.FREQ
    if not 0 < edge < len(text) or text[edge - 1:edge + 1] not in _everyday_pairs(len(freq)):
        return False  # no everyday word holds the two characters around the edge
    for begin in range(max(0, edge - _longest_word(len(freq)) + 1), edge):
        stop = begin + 1
        while stop <= len(text) and text[begin:stop] in freq:
            if stop > edge and freq[text[begin:stop]] >= _WORD_FREQ and not places.postings(text[begin:stop]):
                return True
            stop += 1
    return False


@lru_cache(maxsize=4)
def _everyday_pairs(size: int) -> frozenset[str]:
    """Every two adjacent characters inside an everyday word of jieba's dictionary (``size``: its size)."""
    import jieba

    return frozenset(w[i:i + 2] for w, f in jieba.dt.FREQ.items() if f >= _WORD_FREQ for i in range(len(w) - 1))


@lru_cache(maxsize=4)
def _longest_word(size: int) -> int:
    """The length of jieba's longest everyday word (``size``: its dictionary's, which user words grow)."""
    import jieba

    return max((len(w) for w, f in jieba.dt.FREQ.items() if f >= _WORD_FREQ), default=1)


def _everyday_word(word: str) -> bool:
    """Whether jieba's dictionary holds ``word`` as an everyday word but not as a place name.

    ``博爱`` and ``方正`` (short forms of 博爱县, 方正县) are; ``枣阳`` (tagged ``ns``) is not.
    """
    import jieba

    return (jieba.get_FREQ(word) or 0) >= _WORD_FREQ and word_tag(word) != "ns"


def _verb_led(name: str) -> bool:
    """Whether a name begins with a verb jieba's dictionary knows as an everyday word (``发展村``).

    Party-building prose puts such verbs before ``村``: ``发展村级经济``, ``推进村务公开``.
    """
    import jieba

    for stop in range(2, len(name)):
        head = name[:stop]
        if (jieba.get_FREQ(head) or 0) >= _WORD_FREQ and word_tag(head).startswith("v"):
            return True
    return False


# -- votes and focus ----------------------------------------------------------------
def _votes(surfaces: list[_Surface], places: Gazetteer):
    votes: dict[int, float] = defaultdict(float)
    upper: dict[int, float] = defaultdict(float)
    for surface in surfaces:
        weight = surface.weight
        counties: dict[int, float] = {}
        for ident in surface.candidates:
            county = places.county_id(ident)
            if county is not None:
                factor = _LEVEL_FACTOR.get(places.level(ident), 1.0)
                counties[county] = max(counties.get(county, 0.0), factor)
        uppers = {i for i in surface.candidates if places.level(i) in ("province", "prefecture")}
        share = len(counties) + len(uppers)
        for county, factor in counties.items():
            votes[county] += weight * factor / share
        for ident in uppers:
            upper[ident] += weight / share
    return votes, upper


_HEADLINE_SUBJECT = re.compile(r"^([^:：,，。!！?？\s]{2,16})[:：]")
# a headline opening with the province's own body, its place implied (省委组织部, 省农业农村厅, 自治区卫健委)
_PROVINCE_BODY_HEADLINE = re.compile(r"^(?:省|自治区)[^:：,，。!！?？\s]{0,8}?(?:委|厅|局|办)")
# a headline that is a province's department itself, named with its province (a report's issuer line:
# 中共内蒙古自治区农牧厅党组, 湖南省农业农村厅)
_NAMED_PROVINCE_BODY = re.compile(r"(?:中共)?([\u4e00-\u9fff]{2,10}?(?:省|自治区))[\u4e00-\u9fff]{1,10}?厅"
                                  r"(?:党组|党委|机关党委)?")


def _headline_subject(headline: str | None, places: Gazetteer, focus_id: int | None) -> int | None:
    """The prefecture or province a headline names as its subject before a colon (``大理州:小积分…``,
    ``湖南省交通运输厅:…``), when the report's counties lie in it; None when the subject names a
    county or below (``仪陇:…``, ``某某镇:…``: the votes decide) or no place.

    Local reports head their title with the unit they are about; a prefecture's report names
    its counties' townships and villages too, which outvote the prefecture it names a few times.
    """
    if _PROVINCE_BODY_HEADLINE.match(headline or "") and focus_id is not None:
        # 省农业农村厅以…: a province's own department or committee, the report's subject
        return next((a for a in places.ancestors(focus_id) if places.level(a) == "province"), None)
    issuer = _NAMED_PROVINCE_BODY.fullmatch(headline or "")
    if issuer and focus_id is not None:
        # 中共内蒙古自治区农牧厅党组 heading its own report: the province, when the report's places lie in it
        named = {i for start, end, i, label in region_candidates(issuer.group(1), places)
                 if start == 0 and end == len(issuer.group(1)) and places.level(i) == "province"}
        return next((i for i in named if focus_id == i or places.is_within(focus_id, i)), None)
    found = _HEADLINE_SUBJECT.match(headline or "")
    if not found:
        return None
    named = [(end - start, ident) for start, end, ident, label in region_candidates(found.group(1), places)
             if label != "common"]
    if not named or any(places.level(i) not in ("province", "prefecture") for _, i in named):
        return None
    longest = max(size for size, _ in named)
    subjects = {i for size, i in named if size == longest
                and (focus_id is None or focus_id == i or places.is_within(focus_id, i))}
    return subjects.pop() if len(subjects) == 1 else None


def _yearbook_subject(publisher: str | None, places: Gazetteer, focus_id: int | None) -> int | None:
    """The division a yearbook is of, when the report is one of its entries (``鹰潭年鉴``: 鹰潭市), and
    the report's counties lie in it: a yearbook's entry tells its division's year, naming its counties
    as it goes."""
    if not publisher or not publisher.endswith("年鉴") or focus_id is None:
        return None
    named = {i for start, end, i, label in region_candidates(publisher[:-2], places)
             if label != "common" and end == len(publisher) - 2 and start == 0}
    subjects = {i for i in named if i == focus_id or places.is_within(focus_id, i)}
    return subjects.pop() if len(subjects) == 1 else None


_CLOSE_RUNNER_UP = 0.8  # a county this close to the best supported is a rival for the focus
_HEAD_LINES = 2  # a report's head: its title and a subtitle


def _named_first_in_head(text: str, surfaces: list[_Surface], places: Gazetteer, ranked, focus_id):
    """Of two counties the votes hardly tell apart (a report setting one beside the other: 一东一西),
    the one its head names first (——西乌旗巴彦花镇借鉴东乌旗经验…): a report names its subject first."""
    if focus_id is None or len(ranked) < 2 or ranked[0][1] != focus_id or places.level(focus_id) != "county":
        return focus_id
    (first, best), (second, rival) = ranked[0], ranked[1]
    if second < _CLOSE_RUNNER_UP * first or places.level(rival) != "county":
        return focus_id
    head_end, lines = 0, 0
    while lines < _HEAD_LINES and head_end < len(text):
        end = text.find("\n", head_end)
        end = len(text) if end < 0 else end
        lines += bool(text[head_end:end].strip())
        head_end = end + 1
    for surface in surfaces:
        if surface.start >= head_end:
            break
        counties = {places.county_id(i) for i in surface.candidates} & {best, rival}
        if len(counties) == 1:
            return counties.pop()
    return focus_id


_ROUNDUP_SHARE = 0.1  # a county of a roundup holds at least this share of its counties' votes


def _focus(places, ranked, votes, upper, focus_id):
    """The focus division id and the confidence in it."""
    if focus_id is None:
        best_upper = max(((v, i) for i, v in upper.items() if places.level(i) == "prefecture"),
                         default=(0.0, None))
        if best_upper[0] >= 1.0:
            return best_upper[1], min(1.0, best_upper[0] / 3)
        return None, 0.0
    first = ranked[0][0]
    second = ranked[1][0] if len(ranked) > 1 else 0.0
    # a prefecture-level report: several of its counties, the prefecture named most
    prefecture = next((a for a in places.ancestors(focus_id) if places.level(a) == "prefecture"), None)
    if prefecture is not None:
        under = [k for k, v in votes.items() if v >= 1.0 and places.is_within(k, prefecture)]
        if len(under) >= 2 and upper.get(prefecture, 0.0) > 2 * votes[focus_id]:
            return prefecture, min(1.0, upper[prefecture] / (upper[prefecture] + first))
        # a roundup of the prefecture's counties (我市各地…): three or more, none with half the votes
        total = sum(votes[k] for k in under)
        several = [k for k in under if votes[k] >= _ROUNDUP_SHARE * total]  # (not a county named in passing)
        if len(several) >= 3 and upper.get(prefecture, 0.0) >= 1.0 and votes[focus_id] < 0.5 * total:
            return prefecture, round(1 - votes[focus_id] / total, 3)
    confidence = (first - second) / first if first else 0.0
    return focus_id, round(min(1.0, confidence * min(1.0, first / 2)), 3)


# -- choice -------------------------------------------------------------------------
def _score(places: Gazetteer, ident: int, support, upper, focus_id) -> float:
    level = places.level(ident)
    if level in ("province", "prefecture"):
        inside = 2.0 if focus_id is not None and places.is_within(focus_id, ident) else 0.0
        return upper.get(ident, 0.0) + inside
    county = places.county_id(ident)
    return support(county) + (2.0 if county == focus_id else 0.0)


def _choose(places, surface: _Surface, support, upper, focus_id, named=frozenset()) -> tuple[int, str]:
    best = max([i for i in surface.candidates if i in named] or surface.candidates,
               key=lambda i: (_score(places, i, support, upper, focus_id), -LEVELS.index(places.level(i)), -i))
    return best, surface.candidates[best]


def _slip(places: Gazetteer, surface: _Surface, ident: int, focus_id: int, votes) -> int | None:
    """The focus county, when a lone county mention is a slip for it (``凤县`` for 丹凤县)."""
    own = surface.weight / max(1, len(surface.candidates))
    if votes.get(ident, 0.0) > own + 1e-9 or places.is_within(focus_id, ident):
        return None
    focus = places.get(focus_id)
    names = [focus.name] + ([focus.short] if focus.short else [])
    if any(len(name) > len(surface.text) and name.endswith(surface.text) for name in names):
        return focus_id
    return None


def _supported(places, surface: _Surface, strong: set[int], focus_id, upper, support, named=frozenset()):
    """The candidate of a weak surface the document supports (one it names in full first), with its label, or None."""
    options = []
    for ident, label in surface.candidates.items():
        level = places.level(ident)
        county = places.county_id(ident)
        chain = places.ancestors(ident)
        ancestors = set(chain)
        if label == "local":
            ok = places.parent(ident) in strong
        elif level in ("province", "prefecture", "county"):  # an everyday-word short form
            ok = bool(ancestors & strong) or any(places.is_within(s, ident) for s in strong) \
                or (focus_id is not None and (ident == focus_id or places.is_within(focus_id, ident)))
        elif level == "village" and _verb_led(places.name(ident)):
            ok = places.parent(ident) in strong  # 发展村 in 发展村级经济: only under its named township
        else:  # a township or village: under the focus county, or a county or city the report names;
            # a province names too many (民族村 and 牧业村 in a report on 前郭 are kinds of village, not 吉林's namesakes)
            ok = county == focus_id or bool(set(chain[1:]) & strong)
        if ok:
            # a full name before a village's local form (莒镇 the township, not 莒镇村); among namesakes
            # in one county, the one under a township the report names (东坝头镇张庄村)
            options.append((_score(places, ident, support, upper, focus_id), label == "full",
                            places.parent(ident) in strong, ident, label))
    if not options:
        return None
    options = [o for o in options if o[3] in named] or options
    # a weak surface must name one division of its supporting context, not several
    options.sort(reverse=True)
    if len(options) > 1 and options[0][:3] == options[1][:3]:
        return None
    return options[0][3], options[0][4]


# -- relative references ----------------------------------------------------------
_PREFIXES = "该本全我此这"
_LEVEL_WORDS = (("自治区", "province"), ("省", "province"), ("自治州", "prefecture"),
                ("地区", "prefecture"), ("州", "prefecture"), ("盟", "prefecture"),
                ("市", "city"), ("县", "county"), ("旗", "county"), ("区", "district"))


def resolve_relative(word: str, focus: str | None) -> Region | None:
    """The region a relative reference means in a report about ``focus``.

    ``该市``, ``全县``, ``本区`` and the prefix of ``市委``, ``县公安局``, ``省委组织部``
    name the division at that level on the focus's path: ``市`` is the focus
    itself when it is a city (枣阳市), else its prefecture; ``县``/``旗``/``区``
    the focus county when its name ends so; ``省`` its province; ``州`` its
    prefecture. Townships and villages cannot be told from a county focus: None.

    >>> resolve_relative("市委", "420683").name
    '枣阳市'
    >>> resolve_relative("省委组织部", "420683").name
    '湖北省'
    """
    if not focus:
        return None
    places = gazetteer()
    division = places.by_code(focus)
    if division is None:
        return None
    word = word.lstrip(_PREFIXES)
    kind = next((k for w, k in _LEVEL_WORDS if word.startswith(w)), None)
    if kind is None:
        return None
    path = [d for d in places.path(division.id)]
    at = {d.level: d for d in path}
    target = None
    if kind == "province":
        target = at.get("province")
    elif kind == "prefecture":
        target = at.get("prefecture")
    elif kind == "city":
        county = at.get("county")
        if county is not None and county.name.endswith("市"):
            target = county
        else:
            target = at.get("prefecture")
            if target is None and at.get("province") and at["province"].name.endswith("市"):
                target = at["province"]  # a district of a municipality: 市 is the municipality
    elif kind == "county":
        county = at.get("county")
        target = county if county is not None and county.name[-1] in "县旗" else None
    elif kind == "district":
        county = at.get("county")
        target = county if county is not None and county.name.endswith("区") else None
    return None if target is None else places.region(target.id)
