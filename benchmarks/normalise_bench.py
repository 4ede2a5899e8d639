"""Benchmark of the normaliser (a tool, not a test).

    python benchmarks/normalise_bench.py [REPORTS_DIR] [--mb 20]

Reads the example reports, repeats them until the corpus holds at least ``--mb``
megabytes of UTF-8, normalises every report with :func:`kg.normalise.normalise_text`
and prints the throughput in MB/s of input (two of the five examples are
traditional with pinyin glosses, the costliest case).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.normalise import normalise_text  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="?", default=str(ROOT / "examples" / "reports"))
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size to reach, in MB")
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


if __name__ == "__main__":
    main()
