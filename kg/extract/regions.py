"""The ``kg_regions`` component: every place a report may name, with every division it may be.

It runs the gazetteer's automaton over ``doc.text`` and sets
``doc.spans["regions"]``: one span per (surface, candidate division), the
span's ``kb_id_`` the division's gazetteer id and its ``label_`` the rule that
gave the form (``full``, ``short``, ``common``, ``variant``, ``former``, see
:mod:`kg.link.gazetteer`). Deciding which candidate a surface means, and whether
it means a place at all, is the linker's work (:mod:`kg.link.regions`).

Townships' and villages' short forms (``万寿寺`` for 万寿寺村, ``中沟`` for
中沟村) are too many and too plain to look for everywhere; they are looked for
only under the counties and townships whose full names the text contains, and
carry the label ``local``.

A span's ``id_`` holds its exact offsets as ``"start:end"`` (see
:func:`exact_offsets`): jieba tokens may be wider than a name, and two spans
over the same tokens would otherwise share their ``_.chars``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..link.gazetteer import Gazetteer, gazetteer
from .pipeline import char_span, chars, text_of

SPAN_KEY = "regions"


def region_candidates(text: str, places: Gazetteer | None = None) -> list[tuple[int, int, int, str]]:
    """Every (start, end, division id, label) a text may name, in text order.

    Example: ``region_candidates("郧西县观音镇")`` holds ``(0, 3, id of 郧西县, "full")``
    and one ``(3, 6, id, "full")`` for each 观音镇 in China.
    """
    places = places or gazetteer()
    found = sorted(set(places.matches(text)))
    named = {ident for start, end, ident, label in found
             if label in ("full", "variant", "short", "former")
             and places.level(ident) in ("county", "township")}
    seen = {(start, end, ident) for start, end, ident, _ in found}
    for parent in sorted(named):
        for child in places.children(parent):
            short = places.short(child)
            if not short:
                continue
            at = text.find(short)
            while at >= 0:
                key = (at, at + len(short), child)
                if key not in seen:
                    seen.add(key)
                    found.append((at, at + len(short), child, "local"))
                at = text.find(short, at + 1)
    found.sort()
    return found


def exact_offsets(span) -> tuple[int, int]:
    """The exact character offsets of a span ``kg_regions`` set."""
    start, sep, end = span.id_.partition(":")
    if sep and start.isdigit() and end.isdigit():
        return int(start), int(end)
    return chars(span)


@Language.component("kg_regions")
def regions_component(doc: Doc) -> Doc:
    """Set ``doc.spans["regions"]`` to every candidate region surface of the text."""
    spans = []
    for start, end, ident, label in region_candidates(text_of(doc)):
        span = char_span(doc, start, end, label=label, kb_id=str(ident))
        span.id_ = f"{start}:{end}"  # exact offsets that survive the span group
        spans.append(span)
    doc.spans[SPAN_KEY] = spans
    return doc
