"""Benchmark of ingest and the normaliser (a tool, not a test).

    python benchmarks/normalise_bench.py [REPORTS_DIR] [--mb 20] [--docs 2000] [--repeat 5]

Prints, one core, the best of ``--repeat`` runs:

* **throughput**: the reports of ``REPORTS_DIR`` (the examples; two of the five are
  traditional with a pinyin gloss after every character, the costliest case) repeated
  until the corpus holds ``--mb`` megabytes of UTF-8, through
  :func:`kg.normalise.normalise_text`: MB/s and reports/s;
* **per report**, in ms/report of CPU time, on the examples and on a generated corpus of
  ``--docs`` reports (:mod:`kg.bench.corpus`: a fifth traditional with pinyin glosses and
  ``???`` noise): :func:`kg.ingest.read_reports` (reading, the Chinese check and the
  de-duplicator, which normalises each text once without its offset map) and
  :func:`kg.normalise.normalise` (clean text, offset map, metadata, hash).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.bench.corpus import write_corpus  # noqa: E402
from kg.ingest import read_reports  # noqa: E402
from kg.normalise import normalise, normalise_text  # noqa: E402
from kg.records import Report  # noqa: E402


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The least CPU time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def per_report(label: str, inputs: list[str], repeat: int) -> None:
    """Print ms/report of read_reports and normalise over ``inputs``."""
    items = list(read_reports(inputs))  # warm up: OpenCC, its tables, the boilerplate cues
    reports = [item for item in items if isinstance(item, Report)]
    reading = best_of(repeat, lambda: list(read_reports(inputs)))
    normalising = best_of(repeat, lambda: [normalise(report) for report in reports])
    print(f"{label}: {len(items)} inputs, {len(reports)} reports; "
          f"read_reports {reading / len(items) * 1e3:.3f} ms/report, "
          f"normalise {normalising / len(reports) * 1e3:.3f} ms/report")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="?", default=str(ROOT / "examples" / "reports"))
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size to reach, in MB")
    parser.add_argument("--docs", type=int, default=2000, help="reports in the generated corpus")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each per-report measure; the best counts")
    args = parser.parse_args()

    reports = [p.read_text(encoding="utf-8-sig") for p in sorted(Path(args.reports).glob("*.txt"))]
    if not reports:
        sys.exit(f"no .txt reports in {args.reports}")
    sizes = [len(r.encode("utf-8")) for r in reports]
    repeats = int(args.mb * 1_000_000 // sum(sizes)) + 1
    total_bytes = sum(sizes) * repeats

    normalise_text(reports[0])  # load OpenCC and the boilerplate cues outside the timing
    start = time.perf_counter()
    chars_out = 0
    for _ in range(repeats):
        for report in reports:
            chars_out += len(normalise_text(report)[0])
    elapsed = time.perf_counter() - start

    mb = total_bytes / 1_000_000
    print(f"{len(reports)} reports × {repeats} = {len(reports) * repeats} reports, {mb:.1f} MB of UTF-8")
    print(f"normalised in {elapsed:.2f} s: {mb / elapsed:.2f} MB/s, "
          f"{len(reports) * repeats / elapsed:.0f} reports/s, "
          f"{sum(len(r) for r in reports) * repeats} → {chars_out} characters")

    per_report(f"examples ({args.reports})", [args.reports], args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        write_corpus(corpus, args.docs)
        per_report(f"generated corpus ({args.docs} reports)", [str(corpus)], args.repeat)


if __name__ == "__main__":
    main()
