"""The main job: reports in, a knowledge graph out.

:func:`extract` streams reports through ingest → normalise → extract → link and
yields one :class:`~kg.records.Extraction` per report built, one
:class:`~kg.ingest.Rejected` per input that was not; :func:`build` writes what
they make into an output folder: ``extraction.jsonl``, ``graph.ttl``,
``graph.trig``, the embedded store ``store/``, ``graph.html`` and
``build-report.json`` accounting for every input.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .ingest import Rejected, read_reports
from .jsonl import annotation_record
from .link.programs import Overrides, alias_rows, write_aliases
from .normalise import normalise
from .records import Extraction

Progress = Callable[[str], None]


@dataclass(frozen=True)
class InputOutcome:
    """What became of one input: ``built``, ``duplicate`` or ``rejected``, and why."""

    source: str
    status: str
    doc_id: str | None = None
    reason: str = ""
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class BuildReport:
    """Every input of a build accounted for, and what the build wrote."""

    outdir: str
    inputs: tuple[InputOutcome, ...]
    triples: int
    files: tuple[str, ...]

    @property
    def built(self) -> int:
        return sum(1 for i in self.inputs if i.status == "built")

    def to_json(self) -> dict:
        statuses = [i.status for i in self.inputs]
        return {
            "outdir": self.outdir,
            "summary": {s: statuses.count(s) for s in ("built", "duplicate", "rejected")},
            "triples": self.triples,
            "files": list(self.files),
            "inputs": [asdict(i) for i in self.inputs],
        }


def extract(inputs: Sequence[str | Path], *, max_bytes: int = 5_000_000,
            progress: Progress | None = None, overrides: Overrides = Overrides()) -> Iterator[Extraction | Rejected]:
    """Extract every report under ``inputs``: an Extraction per report, a Rejected per bad input.

    >>> from kg.build import extract
    >>> results = list(extract(["examples/reports/000_fe7e9151aa82acd0.txt"]))
    >>> results[0].focus
    '420322'
    """
    from .extract.pipeline import make_nlp
    from .link.linker import link

    nlp = make_nlp()
    for item in read_reports(inputs, max_bytes=max_bytes):
        if progress:
            progress(item.source)
        if isinstance(item, Rejected):
            yield item
            continue
        document = normalise(item)
        yield link(document, nlp(document.text), overrides)


def counts(extraction: Extraction) -> dict[str, int]:
    """How many entities of each kind, and adoptions, one report gave."""
    out = {kind: len([e for e in extraction.of_kind(kind) if e.evidence or kind != "region"])
           for kind in ("region", "organization", "program", "slogan", "person")}
    out["adoption"] = len(extraction.adoptions)
    return out


def write_jsonl(results: Iterable[Extraction], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for extraction in results:
            out.write(json.dumps(annotation_record(extraction), ensure_ascii=False) + "\n")


def outcome(item: Extraction | Rejected) -> InputOutcome:
    if isinstance(item, Rejected):
        return InputOutcome(item.source, item.status, None, item.reason)
    return InputOutcome(item.document.source, "built", item.document.doc_id, "", counts(item))


def build(inputs: Sequence[str | Path], outdir: str | Path, *, base: str | None = None,
          max_bytes: int = 5_000_000, progress: Progress | None = None,
          aliases: str | Path | None = None) -> BuildReport:
    """Build the knowledge graph of ``inputs`` into ``outdir``; re-running replaces, never duplicates.

    ``aliases`` names a CSV of the user's corrections to merges (the columns of the
    ``aliases.csv`` a build writes).
    """
    from .graphs.networks import adoption_graph
    from .graphs.view import write_page
    from .rdf.serialise import DEFAULT_BASE, report_quads, write_exports
    from .rdf.store import open_store, replace_report

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    base = base or DEFAULT_BASE
    store = open_store(out / "store")
    extractions: list[Extraction] = []
    outcomes: list[InputOutcome] = []
    overrides = Overrides.read(aliases) if aliases else Overrides()
    for item in extract(inputs, max_bytes=max_bytes, progress=progress, overrides=overrides):
        outcomes.append(outcome(item))
        if isinstance(item, Extraction):
            extractions.append(item)
            graph, quads = report_quads(item, base)
            replace_report(store, graph, quads)
    write_jsonl(extractions, out / "extraction.jsonl")
    write_aliases(alias_rows(extractions), out / "aliases.csv")
    triples = write_exports(store, out, base=base)
    write_page(adoption_graph(extractions), out / "graph.html", title="kg: initiatives across counties")
    files = ("extraction.jsonl", "aliases.csv", "graph.ttl", "graph.trig", "graph.nq", "graph.jsonld",
             "store", "graph.html", "build-report.json")
    report = BuildReport(str(out), tuple(outcomes), triples, files)
    (out / "build-report.json").write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=1),
                                           encoding="utf-8")
    return report
