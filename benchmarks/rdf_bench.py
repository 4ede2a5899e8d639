"""Benchmark of the rdf stage: one report's extraction to N-Quads bytes (a tool, not a test).

    python benchmarks/rdf_bench.py [--reports 1000] [--passes 3]

Writes ``--reports`` generated reports (:func:`kg.bench.corpus.write_corpus`, the
corpus of ``kg bench``), extracts them once (not timed), then times only the rdf
step over the extractions, one core, in milliseconds per report:

- ``report_nquads``: the N-Quads bytes of each report, what a build loads;
- ``report_quads + serialize``: the pyoxigraph quads of each report, then
  ``pyoxigraph.serialize`` to N-Quads (the path the build took before ``report_nquads``).

The first pass runs with empty caches (a fresh build process: each region and named
thing is minted once, then reused); later passes show the steady state. It also
checks that both paths give the same bytes for every report.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000, help="generated reports to time")
    parser.add_argument("--passes", type=int, default=3, help="timed passes over the extractions")
    args = parser.parse_args()

    import pyoxigraph as ox

    from kg.bench.corpus import write_corpus
    from kg.build import extract
    from kg.records import Extraction
    from kg.rdf.serialise import DEFAULT_BASE, report_nquads, report_quads

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        write_corpus(corpus, args.reports)
        start = time.perf_counter()
        extractions = [item for item in extract([corpus]) if isinstance(item, Extraction)]
        print(f"{len(extractions)} generated reports extracted in {time.perf_counter() - start:.1f} s (not timed)")

    def per_report(step) -> float:
        start = time.perf_counter()
        for extraction in extractions:
            step(extraction)
        return 1000 * (time.perf_counter() - start) / len(extractions)

    def nquads(extraction):
        return report_nquads(extraction, DEFAULT_BASE)[1]

    def quads_then_serialize(extraction):
        return ox.serialize(report_quads(extraction, DEFAULT_BASE)[1], format=ox.RdfFormat.N_QUADS)

    for number in range(1, args.passes + 1):
        label = "cold caches" if number == 1 else "warm"
        print(f"pass {number} ({label}): report_nquads {per_report(nquads):.3f} ms/report, "
              f"report_quads + serialize {per_report(quads_then_serialize):.3f} ms/report")
    same = sum(nquads(e) == quads_then_serialize(e) for e in extractions)
    size = sum(len(nquads(e)) for e in extractions)
    print(f"same bytes both ways: {same}/{len(extractions)} reports; "
          f"{size / len(extractions) / 1000:.1f} kB of N-Quads a report")


if __name__ == "__main__":
    main()
