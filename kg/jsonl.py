"""The per-report record of the annotation guidelines (``kg extract`` writes one a line).

Fields: ``doc``, ``focus``, ``focus_confidence``, ``date``, ``publisher``, ``title``,
``authors``, ``regions`` (name, level, code, path), ``organizations``, ``programs``,
``slogans``, ``persons``, ``adoptions`` as ``[code, program]``; every entity also
carries its ``evidence``: sentence and character offsets, normalised and original.
"""
from __future__ import annotations

from typing import Any

from .records import Entity, Evidence, Extraction


def _evidence(items: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [{"sentence": e.sentence, "start": e.start, "end": e.end,
             "original_start": e.original_start, "original_end": e.original_end} for e in items]


def _entity(entity: Entity) -> dict[str, Any]:
    record: dict[str, Any] = {"name": entity.name}
    if entity.region is not None:
        r = entity.region
        record.update(level=r.level, code=r.code, path=[s.name for s in r.path])
    if entity.aliases:
        record["aliases"] = list(entity.aliases)
    record.update(dict(entity.attrs))
    record["evidence"] = _evidence(entity.evidence)
    return record


def annotation_record(extraction: Extraction) -> dict[str, Any]:
    """The JSON-ready record of one report, in the schema ``eval/score.py`` reads."""
    doc = extraction.document
    meta = doc.meta
    named = [e for e in extraction.entities if e.evidence or e.kind != "region" or ("named", "outlet") in e.attrs]
    kinds = {kind: [_entity(e) for e in named if e.kind == kind]
             for kind in ("region", "organization", "program", "slogan", "person")}
    return {
        "doc": doc.doc_id,
        "source": doc.source,
        "focus": extraction.focus,
        "focus_confidence": round(extraction.focus_confidence, 3),
        "date": meta.date,
        "publisher": meta.publisher,
        "title": meta.title,
        "authors": [{"name": p.name, "role": p.role} for p in meta.authors],
        "regions": kinds["region"],
        "organizations": kinds["organization"],
        "programs": kinds["program"],
        "slogans": kinds["slogan"],
        "persons": kinds["person"],
        "adoptions": [[a.code, a.program] for a in extraction.adoptions],
        "relations": [[r.subject[0], r.subject[1], r.predicate, r.object[0], r.object[1]]
                      for r in extraction.relations],
    }
