"""Linking one document: spans of the pipeline → an ``Extraction`` of canonical entities.

Regions are resolved by document coherence (:mod:`kg.link.regions`); the focus
county and its path then make implicit names explicit (市委组织部 in a report on
枣阳 → 枣阳市委组织部); programs take their canonical names; and each program the
report presents as carried out becomes an adoption by the focus county.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..extract.lexicon import canonical_campaigns, words
from ..extract.organizations import JOINING, SECTOR, ZONE
from ..extract.pipeline import chars, text_of
from ..extract.programs import head_after_quote
from ..extract.regions import region_candidates
from ..records import Adoption, Document, Entity, Evidence, Extraction, Region, Relation
from .gazetteer import gazetteer, local_stem
from .programs import Overrides, canonical_program, clean_name
from .regions import RegionLinks, link_regions

REPORTER_ROLES = ("记者", "通讯员", "编辑", "特约记者", "见习记者")
SENTENCE_END = re.compile(r"[。！？!?；;\n]")
LEVEL_NAMES = {"省": ("province",), "自治区": ("province",), "州": ("prefecture",), "市": ("county", "prefecture"),
               "县": ("county",), "区": ("county",), "旗": ("county",), "盟": ("prefecture",),
               "镇": ("township",), "乡": ("township",),
               "街道": ("township",), "村": ("village",), "社区": ("village",), "嘎查": ("village",)}


@lru_cache(maxsize=4)
def _sentence_ends(text: str) -> tuple[int, ...]:
    """Offsets just past each sentence end of ``text`` (found once per document)."""
    return tuple(m.end() for m in SENTENCE_END.finditer(text))


def sentence_start(text: str, start: int) -> int:
    """Where the sentence holding offset ``start`` begins."""
    ends = _sentence_ends(text)
    i = bisect_right(ends, start)
    return ends[i - 1] if i else 0


def sentence_end(text: str, end: int) -> int:
    """Where the sentence holding offset ``end`` ends (just past its stop)."""
    ends = _sentence_ends(text)
    i = bisect_right(ends, end)
    return ends[i] if i < len(ends) else len(text)


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, stripped."""
    return text[sentence_start(text, start):sentence_end(text, end)].strip()


def evidence(document: Document, start: int, end: int) -> Evidence:
    ostart, oend = document.original_span(start, end)
    return Evidence(document.doc_id, start, end, sentence_at(document.text, start, end), ostart, oend)


class _Entities:
    """Entities of one document, merged by (kind, canonical name), evidence kept in order."""

    def __init__(self) -> None:
        self._order: list[tuple[str, str]] = []
        self._aliases: dict[tuple[str, str], list[str]] = {}
        self._evidence: dict[tuple[str, str], list[Evidence]] = {}
        self._region: dict[tuple[str, str], Region | None] = {}
        self._attrs: dict[tuple[str, str], dict[str, str]] = {}

    def add(self, kind, name, surface, ev, region=None, **attrs):
        key = (kind, name)
        surface = clean_name(surface) if kind in ("program", "slogan") else surface
        if key not in self._aliases:
            self._order.append(key)
            self._aliases[key], self._evidence[key] = [], []
            self._region[key], self._attrs[key] = region, {}
        if surface != name and surface not in self._aliases[key]:
            self._aliases[key].append(surface)
        if ev is not None:
            self._evidence[key].append(ev)
        self._attrs[key].update(attrs)
        return key

    def __contains__(self, key) -> bool:
        return key in self._aliases

    def entities(self) -> tuple[Entity, ...]:
        return tuple(
            Entity(kind, name, tuple(self._aliases[(kind, name)]), self._region[(kind, name)],
                   tuple(self._evidence[(kind, name)]), tuple(sorted(self._attrs[(kind, name)].items())))
            for kind, name in self._order)


def _focus_context(links: RegionLinks, text: str = "") -> dict[str, Region]:
    """The regions that implied names refer to: the focus path, the report's own township, and the
    village its headline names (烟灯堡村：一颗脐橙… makes 村党支部 that village's)."""
    context: dict[str, Region] = {}
    if not links.focus:
        return context
    gaz = gazetteer()
    focus = gaz.by_code(links.focus)
    if focus is None:
        return context
    for division in gaz.path(focus.id):
        context.setdefault(division.level, gaz.region(division.id))
    townships = Counter(r.name for _, r in links.mentions if r.level == "township" and r.code == links.focus)
    if townships:
        name = townships.most_common(1)[0][0]
        context["township"] = next(r for _, r in links.mentions if r.name == name)
    headline_end = text.find("\n")
    village = next((r for m, r in links.mentions if m.start < headline_end and r.level == "village"
                    and r.code == links.focus), None)
    if village is not None:
        context["village"] = village
    return context


def _implied_region(level_char: str, context: dict[str, Region]) -> Region | None:
    for level in LEVEL_NAMES.get(level_char, ()):
        region = context.get(level)
        if region and ((level == "township" and level_char in "镇乡") or region.name.endswith(level_char)
                       or (level_char == "市" and region.name.endswith(("州", "盟")))):
            return region
    return None


def _named_before(text: str, start: int, level_word: str, links: RegionLinks, *,
                  paragraph: bool = False) -> Region | None:
    """The township or village of ``level_word`` (镇, 乡, 街道, 村) that the sentence names last
    before ``start``: 在某某镇,镇党委… is that town's, whatever the report's own town is; else, with
    ``paragraph`` (a party body: 村党总支, not 村民委员会 in a method's outline), the only one its
    paragraph names before ``start``."""
    if LEVEL_NAMES.get(level_word) not in (("township",), ("village",)):
        return None
    def named_since(begin: int) -> list[Region]:
        return [r for m, r in links.mentions if begin <= m.start and m.end <= start
                and r.level == LEVEL_NAMES[level_word][0] and (level_word == "村" or r.name.endswith(level_word))]

    named = named_since(sentence_start(text, start))
    if named or not paragraph:
        return named[-1] if named else None
    # 花石乡大湾村的茶园里…。村部的会议室里,村党总支正在开会: the one its paragraph named before, if only one
    named = {r.name: r for r in named_since(text.rfind("\n", 0, start) + 1)}
    return next(iter(named.values())) if len(named) == 1 else None


def _sentence_subject(text: str, start: int, level_char: str, links: RegionLinks) -> Region | None:
    """The county (or prefecture) the sentence opens with, when its name ends in ``level_char``:
    平和县是蜜柚的主产区，县委把夜访和产业服务结合 is 平和县's committee, whatever the report's own county;
    the sentence before's, when the body opens its own."""
    if level_char not in "县区市旗":
        return None
    begin = sentence_start(text, start)
    while begin < start and text[begin] in " 　\t\n":
        begin += 1
    first = next(((m, r) for m, r in links.mentions if m.start == begin and m.end <= start), None)
    if first is None and begin == start and text[begin - 1:begin] in ("。", "！", "？"):
        # the body opens its sentence: the one before, in its paragraph, names its place
        # (兴宾区是全国甘蔗种植大区。区委组织部在迁江镇…)
        before = sentence_start(text, begin - 1)
        while before < begin and text[before] in " 　\t\n":
            before += 1
        first = next(((m, r) for m, r in links.mentions if m.start == before), None)
    if first is None or first[1].level not in ("county", "prefecture") or not first[1].name.endswith(level_char):
        return None
    return first[1]


def _county_named_before(text: str, start: int, links: RegionLinks) -> Region | None:
    """The county, prefecture or province the sentence names last before ``start``."""
    begin = sentence_start(text, start)
    named = [r for m, r in links.mentions if begin <= m.start and m.end <= start
             and r.level in ("county", "prefecture", "province")]
    return named[-1] if named else None


# a school's, hospital's, bank's or police station's own name says its place as it says it (内蒙古农业大学,
# not 内蒙古自治区农业大学; 北极边境派出所)
INSTITUTION_NAME = re.compile("学校|中学|小学|大学|学院|医院|银行|研究院|研究所|派出所|歌舞团|剧团|艺术团")


def _body_prefix(region: Region, written: str = "", *, level: str = "", rest: str = "", text: str = "") -> str:
    """The region's name as a body's name says it. An autonomous prefecture or county goes by
    the form the text wrote (互助土族自治县委, 恩施州委), or where the text names no form, by the
    form the text gives the region's own committee, government or its organs (县委组织部 in a
    report that writes 宽甸满族自治县委: 宽甸满族自治县委组织部; 县财政局 beside 芷江侗族自治县直机关工委), else by its short one (州委组织部 in a
    report on 恩施州: 恩施州委组织部); every other region by its full name (宁夏回族自治区卫健委,
    枣阳市委). A committee whose ``level`` the text implies (``rest`` 委组织部 after 县) says a
    one-character name's level again: 眉县县委组织部, as 眉县 writes it."""
    if region.level in ("prefecture", "county") and "自治" in region.name and written != region.name:
        if not written:
            forms = sorted({region.name, *region.aliases}, key=len, reverse=True)
            own = next((f for f in forms if re.search(f"{re.escape(f)}(?:委|直|纪委|人大|政协|人民政府|政府)", text)), None)
            if own and len(own) >= 3:
                return own
        return next((a for a in region.aliases if len(a) >= 3 and a[-1] in "州县旗"), region.name)
    if rest.startswith(("地委", "行署")) and written:
        return written  # 那曲地委组织部: a 地区's committee, named as the 地区 was (not 那曲市地委)
    if level in ("县", "区", "市") and rest.startswith("委") and len(region.name) == 2 and region.name[-1] == level:
        if text and region.name + "委" in text and region.name + level + "委" not in text:
            return region.name  # a report that writes 岚县委 (no 岚县县委): its 县委组织部 is 岚县委组织部
        return region.name + level  # (not 莒镇党委: a town's 党委 is no contraction)
    if written and written != region.name and len(written) >= 3 and written[-1] in "县旗区" \
            and written in region.aliases and not _former(region, written):
        return written  # 察右中旗委组织部: the text made the banner explicit, by its usual short name
    # a body of a division renamed since is named as the report names the division (滦县县委组织部 in 2017,
    # 大同县委 before it became 云州区): the body of its time, in the region of today
    former = written if written and _former(region, written) else _former_named(region, text)
    return former or region.name


def _former_named(region: Region, text: str) -> str | None:
    """The former name of ``region`` a text uses, where it never uses today's (大同县 in a 2017 report)."""
    if not text or region.level not in ("prefecture", "county"):
        return None
    formers = _formers(region.code)
    if not formers or region.name in text:
        return None
    return next((form for form in formers if len(form) >= 2 and form in text), None)


def _former(region: Region, form: str) -> bool:
    """Whether ``form`` is a former name of ``region`` (襄樊市 of 襄阳市)."""
    return region.level in ("province", "prefecture", "county") and form in _formers(region.code)


@lru_cache(maxsize=4096)
def _formers(code: str) -> tuple[str, ...]:
    """The former names of the division of ``code``, longest first."""
    places = gazetteer()
    division = places.by_code(code)
    if division is None:
        return ()
    return tuple(sorted((form for form, label in places.forms(division.id) if label == "former"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _national() -> frozenset[str]:
    """The national campaigns' and practices' names (kg's lexicon)."""
    return frozenset(canonical_campaigns().values())


def link(document: Document, doc: Doc, overrides: Overrides = Overrides()) -> Extraction:
    """Resolve the spans spaCy set on ``doc`` into the entities, relations and adoptions of ``document``.

    ``overrides`` are the user's corrections to program and slogan names (``--aliases``).
    """
    text = document.text
    links = link_regions(doc, publisher=document.meta.publisher, headline=document.meta.title)
    context = _focus_context(links, text)
    found = _Entities()
    relations: list[Relation] = []

    region_at: dict[tuple[int, int], Region] = {}
    org_at: list[tuple[int, int, str]] = []
    for mention, region in links.mentions:
        region_at[(mention.start, mention.end)] = region
        found.add("region", region.name, mention.text, evidence(document, mention.start, mention.end), region)
    regions: dict[str, Region] = {}  # a name's node is its first division (two 明月村 of two counties are one)
    for region in links.regions:
        regions.setdefault(region.name, region)
    for region in regions.values():
        for step in reversed(region.path[:-1]):
            if step.name in regions:
                relations.append(Relation(("region", region.name), "part_of", ("region", step.name)))
                break

    publisher = document.meta.publisher
    for outlet in (publisher, document.meta.site):  # the outlet, and the site hosting its report
        if outlet:
            found.add("organization", clean_name(outlet), outlet, None, None, type="media")
            for region in _outlet_regions(outlet, links.focus):  # 北京日报 names 北京市
                if ("region", region.name) not in found:
                    found.add("region", region.name, region.name, None, region, named="outlet")

    for span in doc.spans.get("organizations", []):
        start, end = chars(span)
        where, rest = span.kb_id_.split("|", 1)
        department = ""  # the department a bare 厅 stands for
        kind = span.label_
        if kind == "explicit":
            rs, re_ = (int(x) for x in where.split(":"))
            region = region_at.get((rs, re_))
            chain = [se for se in region_at if start <= se[0] and se[1] <= rs] if region is None else []
            if chain:  # the chain's last name is no place (中山 of 合江门街道中山街商圈党委):
                # the organisation is named after the last place of the chain
                rs, re_ = max(chain)
                region, rest = region_at[(rs, re_)], text[re_:end]
            elif region is None and text.startswith(JOINING, rs) and text[re_ - 1] in "县区市":
                # 民政局会同县委组织部 with no 会同县 in the report: 会同 (jointly with), then the report's 县委组织部
                kind, where, start, rest = "implied", text[re_ - 1], re_ - 1, text[re_:end]
                region = _implied_region(where, context)
            if region is None:
                continue
        elif kind == "implied" and where == "厅":  # 厅机关党委: the department named before
            department = next((n[:n.index("厅") + 1] for _, _, n in reversed(org_at) if "厅" in n), None)
            if department is None:
                continue
            region = None
        elif kind == "implied" and where == SECTOR:  # 东阳市…成立影视产业党委: the place that sets it up
            region = _county_named_before(text, start, links) or context.get("county") or context.get("prefecture")
            if region is None:
                continue
        elif kind == "implied":
            party = rest.startswith("党")  # (村民委员会 in a method's outline is no village's own)
            region = _named_before(text, start, where, links, paragraph=party) \
                or _sentence_subject(text, start, where, links) \
                or (_implied_region(where, context) if party or where != "村" else None)
            if region is None:
                continue
        else:
            region = context.get("county")
        if rest == "委员会" and text[max(0, start - 2):start] == "中共" and region is not None:
            # 中共宁国市云梯畲族乡委员会: a party committee's formal name, written as the committee is named
            rest = "党委" if region.level in ("township", "village") else "委"
        elif rest in ("支部委员会", "总支部委员会"):  # 乌林村支部委员会: a branch's formal name
            rest = "党支部" if rest == "支部委员会" else "党总支"
        written = text[rs:re_] if kind == "explicit" else ""
        implied = where if kind == "implied" else ""
        base = department or (_body_prefix(region, written, level=implied, rest=rest, text=text)
                              if kind != "institution" else "")
        if written and (INSTITUTION_NAME.search(rest) or ZONE.match(rest)):
            base = written  # 内蒙古农业大学党委, 芜湖高新区党工委: a school's or a zone's name, as written
        elif implied in ("镇", "乡") and region is not None and region.level == "township" \
                and (stem := local_stem(region.name, "township")) and text.endswith(stem, 0, start) \
                and not region.name.endswith(implied):
            base = stem + implied  # 崔寨镇党委 of a town that became 崔寨街道 since: as the report names it
        name = clean_name(base + rest)
        if rest in words("outlets"):  # 商洛日报 is an outlet's own name, not 商洛市日报
            base, name = "", clean_name(text[start:end])
        key = found.add("organization", name, text[start:end], evidence(document, start, end))
        org_at.append((start, end, name))
        if region is not None:
            relations.append(Relation(key, "located_in", ("region", region.name)))
            if ("region", region.name) not in found:  # implied by the context, not named
                found.add("region", region.name, region.name, None, region, implied="true")
        parent = department or _parent_organization(name, base)
        if parent and parent != name:
            relations.append(Relation(key, "sub_organization_of", ("organization", parent)))

    for span in doc.spans.get("persons", []):
        start, end = chars(span)
        affiliation = clean_name(span.kb_id_.removeprefix("中共"))
        org = _person_organization(affiliation, span.label_, context)
        key = found.add("person", text[start:end], text[start:end],
                        evidence(document, start, end), role=span.label_)
        if org:
            found.add("organization", org, org, evidence(document, start, end))
            relations.append(Relation(key, "member_of", ("organization", org)))
    for person in document.meta.authors:
        key = found.add("person", person.name, person.name, None, role=person.role)
        if publisher and person.role in REPORTER_ROLES:
            relations.append(Relation(key, "member_of", ("organization", clean_name(publisher))))

    program_names: list[str] = []
    commentary = is_commentary(text)
    for span in doc.spans.get("slogans", []):
        start, end = chars(span)
        name, _ = overrides.apply("slogan", clean_name(text[start:end]), clean_name(span.kb_id_))
        found.add("slogan", name, text[start:end], evidence(document, start, end))
    named: list[tuple[Span, int, int, str]] = []
    for span in doc.spans.get("programs", []):
        start, end = chars(span)
        name, _ = overrides.apply("program", clean_name(text[start:end]), canonical_program(span.kb_id_)[0])
        if _is_place_brand(span, region_at):
            found.add("slogan", name, text[start:end], evidence(document, start, end))
            continue
        if commentary and not _carried_out_here(text, start, region_at):
            continue  # “三会一课”是党的组织生活的基本制度, in an editorial: an exhortation, not what a place did
        named.append((span, start, end, name))
    # a program the report names only in its plans (下一步将打造“西江红色走廊”) is one all the same, which no place
    # adopts; a national campaign or practice only where the report's places carry it out (下一步…为乡村振兴
    # 注入新动能 names no program)
    plans = plan_sections(text)
    national = _national()
    carried = {name for _, start, _, name in named if name not in national or not _in_plan(text, start, plans)}
    for span, start, end, name in named:
        if name not in carried:
            continue
        found.add("program", name, text[start:end], evidence(document, start, end))
        if name not in program_names:
            program_names.append(name)
        if span.label_.startswith("part-of:"):
            parent, _ = overrides.apply("program", "", canonical_program(span.label_.removeprefix("part-of:"))[0])
            if parent in carried:
                relations.append(Relation(("program", name), "part_of", ("program", parent)))

    relations += _pairing_parts(program_names)
    entities = found.entities()
    adoptions = _adoptions(document, links.focus, entities, program_names, region_at, org_at, plans)
    return Extraction(document, links.focus, links.confidence, entities, tuple(dict.fromkeys(relations)), adoptions)


# a commentary's label at its head: 本刊评论员, 卷首语, 社论, 短评, 时评
_COMMENTARY = re.compile(r"(?:^|[\s　|｜])(?:(?:本刊|本报)?特?约?评论员|卷首语|社论|短评|时评|快评|微评)(?=$|[\s　|｜])")
# a sentence that tells what a place or its body does: 我县在全县230个村开展…, 县委组织部组织…
_LOCAL_ACTOR = re.compile(r"(?:我|全|本|该)[省市州盟县区旗镇乡村]|[省市州县区旗镇乡]委|[村社]党(?:组织|支部|委)")


def is_commentary(text: str) -> bool:
    """Whether a report is an editorial or commentary, labelled so in a short line at its head
    as a field of its own (``本刊评论员``, ``《安平党建》 2020年第12期 卷首语``): it names national
    programs to urge them.

    >>> is_commentary("标题\\n本刊评论员\\n正文"), is_commentary("标题\\n记者 张三\\n评论员们说……")
    (True, False)
    """
    head = [line.strip() for line in text.splitlines() if line.strip()][:5]
    return any(len(line) <= 40 and _COMMENTARY.search(line) for line in head)


def _carried_out_here(text: str, start: int, region_at: dict[tuple[int, int], Region]) -> bool:
    """Whether the sentence of a program names who carries it out: a place, or 我县/全县/县委…."""
    begins, ends = sentence_start(text, start), sentence_end(text, start)
    return bool(_LOCAL_ACTOR.search(text, begins, ends)) or any(begins <= s and e <= ends for s, e in region_at)


def _outlet_regions(outlet: str, focus: str | None) -> list[Region]:
    """The regions an outlet's name names on the report's focus path (北京日报 in a report on 门头沟区:
    北京市; 南海网 in a report on 海南省 names no 南海区)."""
    gaz = gazetteer()
    division = gaz.by_code(focus) if focus else None
    if division is None:
        return []
    path = {division.id, *gaz.ancestors(division.id)}
    found = {ident for _, _, ident, label in region_candidates(outlet, gaz)
             if label in ("full", "short") and ident in path}
    return [gaz.region(ident) for ident in sorted(found)]


def _pairing_parts(programs: list[str]) -> list[Relation]:
    """支部+合作社 is a named part of 支部+ when the report names both."""
    named = set(programs)
    return [Relation(("program", name), "part_of", ("program", name[: name.index("+") + 1]))
            for name in programs
            if "+" in name and not name.endswith("+") and name[: name.index("+") + 1] in named]


def _is_place_brand(span, region_at) -> bool:
    """A count-patterned name ending in a place with no program head (五美郧西) is a place's brand;
    with a head after its quote it names a program (“红色盐池”党建品牌)."""
    start, end = chars(span)
    text = text_of(span.doc)
    return span.label_ == "quote:program" and any(
        start < rs and re_ == end for rs, re_ in region_at) and span.kb_id_ == text[start:end] \
        and not head_after_quote(text, end)


def _parent_organization(name: str, base: str) -> str | None:
    """枣阳市委组织部 → 枣阳市委: a department of a party committee belongs to it."""
    if base and name.startswith(base + "委") and len(name) > len(base) + 1:
        return base + "委"
    return None


def _person_organization(affiliation: str, role: str, context: dict[str, Region]) -> str | None:
    """组织部长 of 丹凤县委 works in 丹凤县委组织部; a 书记 of X党委 in X党委."""
    if not affiliation:
        return None
    committee = re.search(r"(.+?委)", affiliation)
    if committee and role.endswith("部长") and len(role) > 2:
        return committee.group(1) + role[:-1]
    if committee:
        return committee.group(1)
    return None


def _adoptions(document: Document, focus: str | None, entities: tuple[Entity, ...],
               programs: list[str], region_at: dict[tuple[int, int], Region],
               org_at: list[tuple[int, int, str]], plans: list[tuple[int, int]]) -> tuple[Adoption, ...]:
    """Who carries out each program the report names, with the evidence of each adoption.

    A program is adopted by the county-level units named as its subject — in its
    sentence, before it (洛南县、山阳县先后探索“支部+合作社”模式), a town standing
    for its county — and otherwise by the report's focus (a county, or a
    prefecture for a report on a prefecture). Regions inside an organisation's
    name above county level (襄阳市委组织部 in 学习襄阳市委组织部文件精神) are
    sources, not adopters. The organisation named last before the program in
    its sentence (宜都市委组织部以“五星支部”创建为抓手) is the adopting body.
    """
    by_name = {e.name: e for e in entities if e.kind == "program"}
    upper = gazetteer().by_code(focus) if focus else None
    # a province's or prefecture's own body (海南省农业农村厅驻某村工作队) carries out what it does in a village
    own = upper.name if upper is not None and upper.level in ("province", "prefecture") else None
    local = sorted(((start, end, region) for (start, end), region in region_at.items()
                    if region.level in ("county", "township", "village")), key=lambda t: t[0])
    uppers = sorted(((start, end, region) for (start, end), region in region_at.items()
                     if region.level in ("province", "prefecture")), key=lambda t: t[0])
    org_at = sorted(org_at)
    starts = sorted((ev.start, name) for name in programs for ev in by_name[name].evidence)
    mentioned = [start for start, _ in starts]
    seen: dict[tuple[str, str], Adoption] = {}
    referred = _referring_mentions(document, starts, by_name)
    national = _national()
    for name, found in _borrowings(document, starts, local).items():
        referred.setdefault(name, []).extend(found)
    for name in programs:
        for ev in (*by_name[name].evidence, *referred.get(name, ())):
            begins = sentence_start(document.text, ev.start)
            stated = stated_date(document.text, begins, ev.start, document.meta.date)
            if _in_plan(document.text, ev.start, plans) or _after(stated, document.meta.date):
                continue  # 下一步，临沂市将在兰山区探索“3+X”; 2030年，全县将…: not yet carried out
            before = [t for t in local if begins <= t[0] and t[1] <= ev.start]
            subjects = _subjects(document.text, before)
            named = sorted([*before, *(t for t in uppers if begins <= t[0] and t[1] <= ev.start)], key=lambda t: t[0])
            lead = len(named) - 1  # the place written with the places above it (借鉴吉林省集安市“…”) starts at them
            while lead > 0 and named[lead - 1][1] == named[lead][0]:
                lead -= 1
            if named and document.text[max(begins, named[lead][0] - 4):named[lead][0]].endswith(BORROWED) \
                    and (named[-1] in before or not any(s == named[-1][0] for s, _, _ in org_at)):
                # 借鉴麻城市“板凳会”的经验, 学习借鉴烟台市经验，全面推行“…”: the place it came from, and the
                # borrower named before (else the focus); a prefecture heading a body (学习襄阳市委组织部的文件)
                # is no source
                source = _subjects(document.text, named)
                first = min(named[len(named) - len(source)][0], named[lead][0])
                # (not the source itself, named before as where someone went: 到黑山县观摩学习，…学习借鉴黑山县“…”)
                borrower = _subjects(document.text, [t for t in before if t[1] <= first and t[2].code not in source
                                                     and document.text[t[0] - 1:t[0]] not in _WHERE]) \
                    or ([focus] if focus else [])
                if any(ch in "，,；;" for ch in document.text[named[-1][1]:ev.start]) \
                        and any(named[-1][1] <= at < ev.start for at in mentioned):
                    subjects = borrower  # 借鉴平江县“屋场会”的做法，推行“屋场夜话”: the new one is the borrower's
                else:
                    subjects = source + borrower
            if not subjects and own:
                subjects = _referred(document.text, begins, ev.start, local)
            bodies = [org for s, e, org in org_at if begins <= s and e <= ev.start]
            body = bodies[-1] if bodies else None
            if own and body and body.startswith(own):
                subjects = []
            targets = [*_spread_targets(document.text, ev.end, local),
                       *_across_itself(document.text, begins, ev, uppers, local),
                       # (a national campaign a province or prefecture passes on is the centre's, not theirs)
                       *(_deployed_by(document.text, begins, ev.start, uppers, focus, mentioned)
                         if name not in national else ())]
            for code in dict.fromkeys([*(subjects or ([focus] if focus else [])), *targets]):
                known = seen.get((code, name))
                if known is None or (stated and _earlier(stated, known.date)):
                    # the first mention, or a later one that dates it earlier (2019年，…试点“…”): the earliest told
                    seen[(code, name)] = Adoption(code, name, document.doc_id, body, stated or document.meta.date, ev)
    return tuple(seen.values())


# when a sentence says it tells of, at its opening: 2021年5月，…; 早在2018年，…; 自2019年起，…; 今年3月，…
_STATED = re.compile(r"[\s　]*(?:早在|自|从|于)?(?:((?:19|20)\d\d)\s*年|(今年|去年|前年))"
                     r"(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?"
                     r"(?:初|底|末|以来|起|开始|上半年|下半年|春|夏|秋|冬|春节|前后)?(?=[，,、\s　])")
_RELATIVE_YEAR = {"今年": 0, "去年": 1, "前年": 2}


def stated_date(text: str, begins: int, start: int, report_date: str | None) -> str | None:
    """The date the sentence opening at ``begins`` says it tells of, before ``start`` (``2021年5月，桃江县委在全县
    推行…`` → ``2021-05``; ``去年`` from the report's year), as precise as written; None when it says none.
    One after the report's own date is a target (``2030年，全县将…``): :func:`_after` tells it.

    >>> stated_date("2021年5月，桃江县委在全县推行擂茶议事会。", 0, 15, "2024-11-05")
    '2021-05'
    >>> stated_date("去年，我们组织乡镇党委书记到西畴县学习。", 0, 10, "2024-07-17"), stated_date("截至2023年，…", 0, 8, None)
    ('2023', None)
    """
    m = _STATED.match(text, begins, start)
    if m is None:
        return None
    year = m.group(1)
    if year is None:
        if not report_date:
            return None
        year = str(int(report_date[:4]) - _RELATIVE_YEAR[m.group(2)])
    return year + (f"-{int(m.group(3)):02d}" if m.group(3) else "") + \
        (f"-{int(m.group(4)):02d}" if m.group(3) and m.group(4) else "")


def _after(date: str | None, than: str | None) -> bool:
    """Whether ``date`` is after ``than`` at the precision both have (2025 after 2024-11-05)."""
    return bool(date and than and date[:len(than)] > than[:len(date)])


def _earlier(date: str, than: str | None) -> bool:
    """Whether ``date`` is before ``than`` at the precision both have (2019 before 2021-05; 2021-05 not
    before 2021); any date is before none."""
    return not than or _after(than, date)


# words that take up a program named before (在全县推开这一做法, 借鉴该模式): the last program the text named
TAKEN_UP = re.compile(r"(?:推广|推开|复制|借鉴|学习|引进|推行)了?(?:这一|该|这种|这个|这项|此)"
                      r"(?:做法|模式|经验|机制|办法|工作法|制度)")
# the same said in the passive (这一做法去年被芜湖市委组织部在全市规上工业企业推广): the places named before the verb
TAKEN_UP_BY = re.compile(r"(?:这一|该|这种|这个|这项|此)(?:做法|模式|经验|机制|办法|工作法|制度)[^，。；;,]{0,8}?"
                         r"被[^，。；;,]{2,24}?(?P<verb>推广|推开|复制|借鉴|学习|引进|推行)")
# a place spreading the last program named before on to places after (这一做法已推广到峨边彝族自治县、金口河区)
SPREAD_ON = re.compile(r"(?:这一|该|这种|这个|这项|此)(?:做法|模式|经验|机制|办法|工作法|制度)"
                       r"(?=[^，。；;,]{0,6}?(?:推广|复制|延伸|拓展|扩展|推开|铺开)(?:到|至))")
# places taking up the last program named before without naming it (湘东区、芦溪县先后学习借鉴安源区的做法；
# 安化县、赫山区等地先后学习借鉴，…): only right after the places, which are its subject
BORROWING = re.compile(r"(?:相继|先后|陆续|纷纷|也|主动)?(?:学习借鉴|借鉴|复制|引进)了?"
                       r"(?:[\u4e00-\u9fff]{2,12}?的(?:做法|经验|模式)|(?=[，。；;,]))")
_BORROWERS_END = re.compile(r"(?:等(?:地|县|区|市|县区|县市区|县（市、区）))?")
# places that follow the program the report is about (2021年初，沂水县、莒南县跟进): its headline's, else its most named
FOLLOWED = re.compile(r"(?:相继|先后|陆续|纷纷|也|随后)?跟进")


def _referring_mentions(document: Document, starts: list[tuple[int, str]],
                        by_name: dict[str, Entity]) -> dict[str, list[Evidence]]:
    """Mentions of programs by reference: ``TAKEN_UP`` refers to the last program named before it,
    ``FOLLOWED`` to the report's own program. Each is evidence of an adoption by the places its
    sentence names, as a mention by name would be. ``starts`` are the programs' mentions by name,
    ``(offset, program)`` in text order."""
    text = document.text
    found: dict[str, list[Evidence]] = {}
    for pattern, group in ((TAKEN_UP, 0), (TAKEN_UP_BY, "verb"), (SPREAD_ON, 0)):
        for m in pattern.finditer(text):
            before = [name for start, name in starts if start < m.start()]
            if before:
                found.setdefault(before[-1], []).append(evidence(document, m.start(group), m.end()))
    main = _main_program(text, starts, by_name)
    for m in FOLLOWED.finditer(text):
        if main:
            found.setdefault(main, []).append(evidence(document, m.start(), m.end()))
    return found


def _borrowings(document: Document, starts: list[tuple[int, str]],
                local: list[tuple[int, int, Region]]) -> dict[str, list[Evidence]]:
    """``BORROWING`` phrases right after a county or town, as mentions of the last program named before
    them: the places before are its subject, the place whose 做法 it was a source named after them."""
    text = document.text
    found: dict[str, list[Evidence]] = {}
    if "借鉴" not in text and "复制" not in text and "引进" not in text:
        return found
    ends = {stop for _, stop, _ in local}
    for m in BORROWING.finditer(text):
        before = [name for start, name in starts if start < m.start()]
        if not before or any(m.start() <= start < m.end() + 2 for start, _ in starts):
            continue  # 先后学习借鉴“…”: a program named is a mention of its own
        if not any(_BORROWERS_END.fullmatch(text, stop, m.start()) for stop in ends if m.start() - 12 <= stop <= m.start()):
            continue
        if any(m.end() <= start < sentence_end(text, m.end()) for start, _ in starts):
            continue  # 祥云县借鉴宾川县的做法，在禾甸镇推广“积分超市”: the program named after is the one borrowed
        found.setdefault(before[-1], []).append(evidence(document, m.start(), m.end()))
    return found


def _main_program(text: str, starts: list[tuple[int, str]], by_name: dict[str, Entity]) -> str | None:
    """The program a report is about: the one its first line (the headline) names, else the one it names
    most (the first of those in the text)."""
    headline_end = text.find("\n")
    headline = [name for start, name in starts if start < headline_end]
    if headline:
        return headline[0]
    counts = {name: len(by_name[name].evidence) for _, name in starts}
    return max(counts, key=counts.get) if counts else None


# an upper level's body whose plan a program carries out: 按照河南省委部署, 落实自治区党委组织部部署开展的
DEPLOYED = re.compile(r"(?:按照|根据|落实)([^，。,；;：:]{1,24}?)(?:的)?(?:统一)?部署")  # (按照浙江全省推进“共富工坊”建设的部署)
_IMPLIED_UPPER = {"省": "province", "自治区": "province", "市": "prefecture", "州": "prefecture"}


def _deployed_by(text: str, begins: int, start: int, uppers: list[tuple[int, int, Region]],
                 focus: str | None, mentioned: list[int]) -> list[str]:
    """The province or prefecture whose body deployed the program at ``start``: named in a
    ``DEPLOYED`` phrase of its sentence with no other program between (按照河南省委部署，内乡县把“五星支部”
    创建…), or implied by a bare level (自治区党委组织部) and found on the focus's path. It adopts the
    program too: what spreads from it spreads under its name."""
    for m in DEPLOYED.finditer(text, begins, start):
        if any(m.end() <= p < start for p in mentioned):
            continue  # the phrase deploys the first program after it, not every one of its sentence
        if "关于" in m.group(1):
            continue  # 落实省委关于抓党建促乡村振兴的部署，深入实施“五女山下党旗红”工程: it names what it deploys
        named = [r.code for s, e, r in uppers if m.start(1) <= s and e <= m.end(1)]
        if named:
            return named[:1]
        level = re.match("|".join(_IMPLIED_UPPER), m.group(1))
        if level and focus and re.search("委|政府|厅|局|部", m.group(1)):
            places = gazetteer()
            division = places.by_code(focus)
            path = places.path(division.id) if division is not None else ()
            return [d.code for d in path if d.level == _IMPLIED_UPPER[level.group()]][:1]
    return []


# a sentence that tells what is still to be done: 下一步…, 今后…, …将在兰山区…, …计划…, …拟…, 正在谋划建设…,
# a meeting's decision (会议议定，由…试点打造“浑江画廊”党建示范带)
# (计划 as a verb: not the head of a program's name, “青苗储备”计划，…, nor a plan ending a clause)
_PLAN_LEADS = "下一步|今后|接下来|明年"  # words that open a plan's clause (PLANNED, PLAN_OPENING), also a
# speaker's turn (【杨光明】下一步，县委将…)
_DECIDED = "会议(?:议定|决定)"  # a meeting's decision, wherever the sentence tells it
PLANNED = re.compile(rf"(?:^|[，,：:】\]])[\s　]*(?:{_PLAN_LEADS}|未来)|将在|将于|{_DECIDED}"
                     r"|(?<![”\"」』])计划(?![”\"」』，,。；;、])|拟[在于将]|打算(?=[明今下在于再把])"
                     r"|将(?:探索|启动|试点)|(?:谋划|筹划|筹备)(?:建设|建立|推出|打造|启动|开展|实施)|筹建"
                     # 将 right before a verb tells what will be (将全面推行); before its object it is 把 (将“…”推广到)
                     r"|将(?:全面|逐步|进一步|大力|重点)?(?:推行|推广|推开|铺开|建设|打造|组建|开设|建立|成立)")


def _planned(before: str) -> bool:
    """Whether the words of a sentence before a program tell a plan, not what was done."""
    return bool(PLANNED.search(before))


# a heading of its own line that opens what is still to be done (三、下一步工作打算, 2022年工作思路)
PLAN_HEADING = re.compile(r"工作思路|工作打算|工作计划|工作设想|下步打算|下一步工作|下一步打算|今后工作|努力方向")
_HEADING_LONGEST = 30


def plan_sections(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` under a plan's heading: from its line to the next heading (a short line
    with no sentence stop) or the end. A work summary's last part (存在的问题和2022年工作思路) tells
    what is to be done, sentence by sentence, without 将 or 计划 in each."""
    sections: list[tuple[int, int]] = []
    start = None
    pos = 0
    for line in text.splitlines(keepends=True):
        bare = line.strip()
        heading = 0 < len(bare) <= _HEADING_LONGEST and not re.search("[。？！?!；;]", bare) \
            and not bare.startswith(("【", "["))
        if heading and start is not None:
            sections.append((start, pos))
            start = None
        if heading and PLAN_HEADING.search(bare):
            start = pos
        pos += len(line)
    if start is not None:
        sections.append((start, len(text)))
    return sections


# what opens a sentence whose every clause tells a plan (会议议定，由…试点打造“浑江画廊”…；同时启动“…”招募计划)
PLAN_OPENING = re.compile(rf"[\s　]*(?:{_PLAN_LEADS}|{_DECIDED})")


def _in_plan(text: str, start: int, plans: list[tuple[int, int]]) -> bool:
    """Whether a mention at ``start`` tells a plan: its sentence before it does, the sentence its
    clause stands in (clauses split by ；) opens with a plan, or it stands under a plan's heading
    (``plans``, from :func:`plan_sections`)."""
    begins = sentence_start(text, start)
    if _planned(text[begins:start]) or any(s <= start < e for s, e in plans):
        return True
    opens = begins
    while opens and text[opens - 1] in "；;":
        opens = sentence_start(text, opens - 1)
    return opens != begins and bool(PLAN_OPENING.match(text, opens))


# verbs that take a program from another place: that place is a source, and the report's own place adopts it too
BORROWED = ("借鉴", "学习", "参照", "复制", "引进", "学习借鉴")


# a verb that carries a program on to places named after it (将“小院议事”先后推广到莘县、阳谷县)
SPREAD_TO = re.compile(r"(?:推广|复制|延伸|拓展|扩展|扩大|覆盖|辐射|推开|铺开)(?:到|至)了?")
# what may stand between a program and that verb: its head noun, an adverb (先后, 逐步), no clause end
_TO_VERB = 8


def _spread_targets(text: str, end: int, places: list[tuple[int, int, Region]]) -> list[str]:
    """The codes of the places a spread verb right after a program names, with those enumerated with them."""
    m = SPREAD_TO.search(text, end, end + _TO_VERB + 4)
    if m is None or m.start() - end > _TO_VERB or any(ch in SEPARATORS for ch in text[end:m.start()]):
        return []
    group: list[Region] = []
    at = m.end()
    for start, stop, region in places:
        if start < at:
            continue
        if start != at and not (group and text[at:start] in ENUMERATORS):
            break
        group.append(region)
        at = stop
    return [region.code for region in group]


# a prefecture or province carrying a program out across itself: 成都市委社治委在全市推行的“微网实格”
_ACROSS = re.compile(r"在全(省|市|州|盟|地区|区)(?:范围内)?(?:[\u4e00-\u9fff]{0,4}?|[\u4e00-\u9fff]{0,6}?(?:企业|单位|机关|部门|学校|村|社区|点|小区))"
                     r"(?:推行|推广|实施|开展|铺开|推开|部署|启动|试行|施行)")
# (全区: an autonomous region's, or a 地区's)
_ACROSS_LEVEL = {"省": ("province",), "区": ("province", "prefecture"), "市": ("prefecture",),
                 "州": ("prefecture",), "盟": ("prefecture",), "地区": ("prefecture",)}
# an upper level's body deploying a program itself (自治区党委部署开展“访惠聚”驻村工作): what it deploys it carries out
_DEPLOYS = re.compile(r"(?:统一)?部署(?:开展|实施|推行|推进|启动)")
_DEPLOYER_GAP = 12  # the body's name between the place and its verb: 党委, 地委组织部, 人民政府办公厅
_WHERE = ("在", "到", "赴")  # before a place that is where something is done (在桃江召开现场推进会)
_WHOSE = re.compile(r"的(?:做法|经验|模式|试点经验)")  # after a place a practice comes from (总结北极镇的做法)


def _across_itself(text: str, begins: int, ev: Evidence, uppers: list[tuple[int, int, Region]],
                   local: list[tuple[int, int, Region]]) -> list[str]:
    """The code of the prefecture or province named last before a program's mention ``ev`` in its
    sentence when it carries the program out across itself (在全市推行) or its body deploys it
    (自治区党委部署开展“访惠聚”): a clause of that level's own, not a source. Not when a county or
    town is named after it (北京市门头沟区委在全区推行: the district's), unless only as where
    (益阳市委组织部在桃江召开现场推进会，在全市推广: no county is a 市 there).
    The mention may be the verb itself (被芜湖市委组织部在全市规上工业企业推广: this one taken up)."""
    start = ev.start
    named = [t for t in uppers if begins <= t[0] and t[1] <= start]
    if not named:
        return []
    _, stop, region = named[-1]
    if any(ch in SEPARATORS for ch in text[stop:start]):
        return []
    between = [(s, e, place) for s, e, place in local if stop <= s and e <= start]
    m = _ACROSS.search(text, between[-1][1] if between else stop, ev.end)
    # a place between is where or whose, not who (益阳市委组织部在桃江召开现场推进会，在全市推广…; 九江市委组织部将
    # 修水县的做法在全市推广), unless 全X can be it
    if m is not None and region.level in _ACROSS_LEVEL[m.group(1)] \
            and all((text[s - 1:s] in _WHERE or _WHOSE.match(text, e)) and not place.name.endswith(m.group(1))
                    for s, e, place in between):
        return [region.code]
    if between:
        return []
    deploys = _DEPLOYS.search(text, stop, ev.end)
    if deploys is not None and deploys.start() - stop <= _DEPLOYER_GAP and region.level in ("province", "prefecture") \
            and re.search("委|政府|厅|局|部|办", text[stop:deploys.start()]):
        return [region.code]
    return []


# a county or town a report on a prefecture or province refers back to (目前，全县已建成…)
_ANAPHOR = re.compile(r"(?:全|该|本)([县镇乡])")
_ANAPHOR_LEVEL = {"县": "county", "镇": "township", "乡": "township"}
# counties counted back to (两县还同步推行…, 三地都…): the last ones named before the sentence
_COUNTED_ANAPHOR = re.compile(r"(?<![\d一二三四五六七八九十百])([两三四])(?:个)?(?:县|区|县区|县市|旗)(?![委级域长])")
_COUNT_WORDS = {"两": 2, "三": 3, "四": 4}


def _referred(text: str, begins: int, start: int, places: list[tuple[int, int, Region]]) -> list[str]:
    """The code of the place 全县/该镇… before ``start`` in its sentence refers to: the last one of its
    level named before the sentence."""
    counted = _COUNTED_ANAPHOR.search(text, begins, start)
    if counted is not None and not text[begins:counted.start()].split("，")[-1].split(",")[-1].strip(" 　"):
        # 两县还同步推行“…”, opening its clause (not 在总结三县经验的基础上): the last two counties named before
        wanted = _COUNT_WORDS[counted.group(1)]
        codes = list(dict.fromkeys(region.code for _, stop, region in reversed(places)
                                   if stop <= begins and region.level == "county"))
        return sorted(codes[:wanted]) if len(codes) >= wanted else []
    m = _ANAPHOR.search(text, begins, start)
    if m is None:
        return []
    level = _ANAPHOR_LEVEL[m.group(1)]
    earlier = [region for _, stop, region in places if stop <= begins and region.level == level]
    return [earlier[-1].code] if earlier else []


ENUMERATORS = ("、", "和", "与", "及", ",", "，")
# what ends the clause a program and its spread verb must share
SEPARATORS = "。；;！!？?\n"


def _subjects(text: str, before: list[tuple[int, int, Region]]) -> list[str]:
    """The codes of the last place named before a program, with the places enumerated with it."""
    if not before:
        return []
    group = [before[-1]]
    for prev in reversed(before[:-1]):
        gap = text[prev[1]:group[0][0]]
        # 漳州市平和县、龙岩市上杭县: a county may come after its prefecture's name
        if gap not in ENUMERATORS and not (gap[:1] in ENUMERATORS and len(gap) > 2
                                           and any(step.name.startswith(gap[1:]) for step in group[0][2].path[:-1])):
            break
        group.insert(0, prev)
    return [region.code for _, _, region in group]


