"""kg's spaCy components. Each sets spans of one kind; the linker reads them.

=================== ============================ =====================================
component           spans it sets                 what finds them
=================== ============================ =====================================
``kg_regions``      ``regions`` (one per          gazetteer automaton (kg.extract.regions)
                    candidate division)
``kg_programs``     ``programs``, ``slogans``     quotes in context, campaign lexicon,
                                                  head nouns, composite parts
``kg_organizations`` ``organizations``            region/level/enterprise/institution + body
``kg_persons``      ``persons``                   role + name in bylines
=================== ============================ =====================================

Span ``kb_id_`` carries the name the linker canonicalises (the gazetteer id for
regions); ``label_`` the rule (``part-of:PARENT`` for the named part of a
composite program); ``span.id_`` the exact character offsets (``start:end``).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from . import regions as _regions  # noqa: F401  registers kg_regions
from .organizations import (enterprise_organizations, enumerated_organizations, find_organizations,
                            institution_organizations, is_generic, sector_organizations)
from .pipeline import char_span, chars, text_of
from .programs import find_programs_and_slogans

PIPELINE = ("kg_regions", "kg_programs", "kg_organizations", "kg_persons")

@Language.component("kg_programs")
def programs_component(doc: Doc) -> Doc:
    programs, slogans = [], []
    for cand in find_programs_and_slogans(text_of(doc)):
        label = f"part-of:{cand.parent}" if cand.parent else cand.rule
        span = char_span(doc, cand.start, cand.end, label=label, kb_id=cand.name)
        (programs if cand.kind == "program" else slogans).append(span)
    doc.spans["programs"] = programs
    doc.spans["slogans"] = slogans
    return doc


def region_spans(doc: Doc) -> list[tuple[int, int]]:
    """Distinct region candidate spans, longest first where they overlap, in text order."""
    spans = sorted({chars(s) for s in doc.spans.get("regions", [])}, key=lambda se: (se[0], -se[1]))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


@Language.component("kg_organizations")
def organizations_component(doc: Doc) -> Doc:
    regions = region_spans(doc)
    text = text_of(doc)
    found = find_organizations(text, regions)
    for more in (enterprise_organizations(text, regions), institution_organizations(text),
                 sector_organizations(text)):
        taken = [(c.start, c.end) for c in found]
        found += [c for c in more if not any(s < c.end and c.start < e for s, e in taken)]
    found += enumerated_organizations(text, regions)
    spans = []
    for cand in sorted(found, key=lambda c: c.start):
        if is_generic(text, cand):
            continue
        if cand.region is not None:
            label, key = "explicit", f"{regions[cand.region][0]}:{regions[cand.region][1]}|{cand.rest}"
        elif cand.level:
            label, key = "implied", f"{cand.level}|{cand.rest}"
        else:
            label, key = "institution", f"|{cand.rest}"
        spans.append(char_span(doc, cand.start, cand.end, label=label, kb_id=key))
    doc.spans["organizations"] = spans
    return doc


ROLE = "组织部长|部长|书记|副书记|县长|市长|区长|镇长|乡长|主任|局长|常委|记者|通讯员|编辑|作者"
BYLINE = re.compile(rf"[(（]([^()（）\n]{{2,40}})[)）]\s*$")
ROLE_NAME = re.compile(rf"(?:^|[、,， ])(?:中共)?([\u4e00-\u9fff]*?)(?:、)?({ROLE})\s*([\u4e00-\u9fff]{{2,3}})$")


@Language.component("kg_persons")
def persons_component(doc: Doc) -> Doc:
    """People named with their role in a closing byline: (中共丹凤县委常委、组织部长王建刚)."""
    spans = []
    for m in BYLINE.finditer(text_of(doc).rstrip()):
        inner = m.group(1)
        hit = ROLE_NAME.search(inner)
        if hit:
            start = m.start(1) + hit.start(3)
            affiliation = inner[: hit.start(2)].rstrip("、,， ")
            spans.append(char_span(doc, start, start + len(hit.group(3)), label=hit.group(2),
                                   kb_id=affiliation))
    doc.spans["persons"] = spans
    return doc
