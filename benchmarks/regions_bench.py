"""Benchmark of the gazetteer and region linker (a tool, not a test).

    python benchmarks/regions_bench.py [REPORTS_DIR] [--gold GOLD.jsonl] [--build] [--others]

Measures, each in a fresh process where it matters:

* gazetteer load time and traced memory from the cache (and, with ``--build``,
  the one-off build from jionlp's division list);
* linker throughput (kg_regions + link_regions) on the example reports;
* focus accuracy against gold focus codes, and with ``--others`` the same for
  jionlp's ``recognize_location`` and cpca (``pip install cpca``, a
  benchmark-only extra), with their time per report.

Gold focus codes default to those annotated for ``examples/reports``; pass
``--gold`` for another set (one JSON object a line with ``doc`` and ``focus``).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_FOCUS = {
    "000_fe7e9151aa82acd0": "420322",
    "001_5d3d10ef16287600": "611022",
    "002_c650f0279d6752d2": "420683",
    "003_a8d6e58b3abc559f": "611002",
    "004_bba86f12208dece8": "371482",
}
_PINYIN = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")

LOAD_PROBE = """
import time, tracemalloc, sys
sys.path.insert(0, {root!r})
start = time.perf_counter()
from kg.link.gazetteer import gazetteer
places = gazetteer()
seconds = time.perf_counter() - start
tracemalloc.start()
gazetteer.cache_clear()
places = gazetteer()
current, peak = tracemalloc.get_traced_memory()
print(seconds, current, peak, len(places))
"""


def normalised(text: str) -> str:
    try:
        from kg.normalise import normalise_text
    except ImportError:
        import opencc

        return _PINYIN.sub("", opencc.OpenCC("t2s").convert(text))
    result = normalise_text(text)
    return result if isinstance(result, str) else result[0]


def load_in_fresh_process() -> tuple[float, int, int, int]:
    out = subprocess.run([sys.executable, "-c", LOAD_PROBE.format(root=str(ROOT))],
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2]), int(out[3])


def code_of_path(names: list[str]) -> str | None:
    """The code of the deepest division named by a province/city/county path."""
    from kg.link.gazetteer import gazetteer

    places = gazetteer()
    found = None
    for name in names:
        if not name:
            continue
        options = [i for i in places.candidates(name) if places.name(i) == name]
        if found is not None:
            options = [i for i in options if places.is_within(i, found)] or options
        if options:
            found = options[0]
    return places.get(found).code if found is not None else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="?", default=str(ROOT / "examples" / "reports"))
    parser.add_argument("--gold", help="JSONL with doc and focus per report")
    parser.add_argument("--build", action="store_true", help="also time a cold build")
    parser.add_argument("--others", action="store_true", help="compare jionlp and cpca")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    gold = dict(EXAMPLE_FOCUS)
    if args.gold:
        gold = {}
        for line in Path(args.gold).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                gold[record["doc"]] = record.get("focus")
    paths = sorted(p for p in Path(args.reports).glob("*.txt") if p.stem in gold)
    texts = {p.stem: normalised(p.read_text(encoding="utf-8")) for p in paths}

    if args.build:
        from kg.link.gazetteer import _jionlp_dictionary, build_tables

        start = time.perf_counter()
        build_tables(_jionlp_dictionary())
        print(f"gazetteer build (once, then cached): {time.perf_counter() - start:.2f} s")
    load_in_fresh_process()  # make sure the cache exists
    seconds, current, peak, size = load_in_fresh_process()
    print(f"gazetteer load from cache: {seconds:.3f} s, {size} divisions, "
          f"traced memory {current / 2**20:.0f} MiB (peak {peak / 2**20:.0f} MiB)")

    import spacy

    import kg.extract.regions  # noqa: F401
    from kg.link.regions import link_regions

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("kg_regions")
    nlp("预热")
    predicted = {}
    start = time.perf_counter()
    for _ in range(args.rounds):
        for doc_id, text in texts.items():
            predicted[doc_id] = link_regions(nlp(text)).focus
    elapsed = time.perf_counter() - start
    chars = sum(map(len, texts.values())) * args.rounds
    print(f"kg linker: {len(texts) * args.rounds / elapsed:.1f} reports/s, "
          f"{chars / elapsed / 1000:.0f}k chars/s (tokenizer + kg_regions + link_regions)")
    rows = [("kg", predicted, elapsed / (len(texts) * args.rounds))]

    if args.others:
        import cpca
        import jionlp

        found, start = {}, time.perf_counter()
        for doc_id, text in texts.items():
            table = cpca.transform([text])
            code = table["adcode"].iloc[0]
            found[doc_id] = str(code)[:6] if isinstance(code, str) and code else None
        rows.append(("cpca", found, (time.perf_counter() - start) / len(texts)))
        jionlp.recognize_location("预热")
        found, start = {}, time.perf_counter()
        for doc_id, text in texts.items():
            domestic = jionlp.recognize_location(text).get("domestic") or []
            place = domestic[0][0] if domestic else {}
            found[doc_id] = code_of_path([place.get("province"), place.get("city"), place.get("county")])
        rows.append(("jionlp", found, (time.perf_counter() - start) / len(texts)))

    print(f"\nfocus accuracy on {len(texts)} reports")
    print(f"{'system':8} {'accuracy':>9} {'ms/report':>10}  predictions")
    for name, found, per_report in rows:
        right = sum(found.get(d) == gold[d] for d in texts)
        shown = " ".join(f"{found.get(d)}{'' if found.get(d) == gold[d] else '✗'}" for d in texts)
        print(f"{name:8} {right}/{len(texts):<7} {per_report * 1000:10.1f}  {shown}")


if __name__ == "__main__":
    main()
