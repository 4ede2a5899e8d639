"""``kg bench``: kg's throughput and memory on a generated corpus, beside the floor and a peer baseline.

:func:`bench` generates ``docs`` reports (:mod:`kg.bench.corpus`), then measures

* **stages** (on up to :data:`STAGE_SAMPLE` reports, in this process): normalise,
  extract (the spaCy pipeline), link, RDF (N-Quads and the JSONL line), store load
  (in batches, to a store on disk, as a build writes):
  reports/s, MB/s, and the store's load rate in quads/s;
* **kg** end to end: ``kg build --jobs 1`` in a child process over the whole
  corpus (ingest → store, ``extraction.jsonl``, graph page, alias table; the
  whole-graph exports are left out, see ``docs/decisions/0008-scale.md``):
  reports/s, MB/s, peak RSS, quads in the store; then the same with all cores;
* **incremental**: the same build again into the same folder (nothing to do); then 1 % new
  reports, by a new ``kg build`` and by a watching one (``kg build --watch``, its start paid);
* **queries**: the latency of each named SPARQL query on the built store;
* **floor**: plain ``jieba.lcut`` over the same texts, one core;
* **peer**: jionlp ``recognize_location`` + ``jieba.posseg`` + quoted strings, on
  up to :data:`PEER_SAMPLE` reports (it is slow), one core;
* **quality**: kg's output scored against the corpus's ground truth.

It is a measurement that prints, not a test.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import write_corpus

__all__ = ["bench", "format_bench"]

STAGE_SAMPLE = 1000
PEER_SAMPLE = 40
QUERY_TIMEOUT = 15.0
_QUOTED = re.compile(r"“([^”]{2,20})”")
_BINDINGS = {"programs_of_county": "code", "first_adoption": "program"}


def _texts(corpus: Path) -> list[str]:
    with corpus.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines]


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else float("inf")


def _stages(corpus: Path, sample: int) -> dict:
    """Per-stage throughput on the first ``sample`` reports, in this process."""
    import pyoxigraph as ox

    from ..build import FLUSH_EVERY, jsonl_line
    from ..extract.pipeline import make_nlp
    from ..ingest import read_reports
    from ..link.gazetteer import gazetteer
    from ..link.linker import link
    from ..normalise import normalise
    from ..rdf.serialise import DEFAULT_BASE, report_nquads

    nlp = make_nlp()
    reports = []
    for item in read_reports([corpus]):
        reports.append(item)
        if len(reports) >= sample:
            break
    size = sum(len(r.text.encode("utf-8")) for r in reports) / 1e6
    nlp(normalise(reports[0]).text)  # warm up: the gazetteer and jieba load
    gazetteer().prepare()  # the steady state: a build scans with the Rust automaton after ~700 reports
    clock = dict.fromkeys(("normalise", "extract", "link", "rdf", "store"), 0.0)
    scratch = tempfile.TemporaryDirectory(prefix="kg-bench-store-")
    store, quads_loaded, batch = ox.Store(scratch.name), 0, []
    for number, report in enumerate(reports, 1):
        t0 = time.perf_counter()
        document = normalise(report)
        t1 = time.perf_counter()
        doc = nlp(document.text)
        t2 = time.perf_counter()
        extraction = link(document, doc)
        t3 = time.perf_counter()
        _, data = report_nquads(extraction, DEFAULT_BASE)
        jsonl_line(extraction)
        t4 = time.perf_counter()
        batch.append(data)
        quads_loaded += data.count(b"\n")
        if len(batch) == FLUSH_EVERY or number == len(reports):  # as a build writes: in batches, to disk
            store.bulk_load(b"".join(batch), format=ox.RdfFormat.N_QUADS, lenient=True)
            store.flush()
            batch.clear()
        t5 = time.perf_counter()
        for name, seconds in zip(clock, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
            clock[name] += seconds
    out = {name: {"docs_per_s": _rate(len(reports), s), "mb_per_s": round(size / s, 2) if s else None,
                  "ms_per_doc": round(1000 * s / len(reports), 3)} for name, s in clock.items()}
    out["store"]["quads_per_s"] = _rate(quads_loaded, clock["store"])
    total = sum(clock.values())
    out["all"] = {"docs_per_s": _rate(len(reports), total), "ms_per_doc": round(1000 * total / len(reports), 3)}
    out["sample"] = len(reports)
    del store
    scratch.cleanup()
    return out


_CHILD = """
import json, resource, sys, time
from kg.build import build
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
start, cpu_start = time.perf_counter(), cpu()
report = build([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]), exports=False)
seconds, cpu_seconds = time.perf_counter() - start, cpu() - cpu_start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_rss_mb": peak / 1024,
                  "quads": report.quads, "built": report.built, "unchanged": report.unchanged}))
"""


def _build(corpus: Path, outdir: Path, jobs: int) -> dict:
    """One build in a fresh child process: its time, its peak RSS (workers included) and its counts."""
    run = subprocess.run([sys.executable, "-c", _CHILD, str(corpus), str(outdir), str(jobs)],
                         capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"the benchmark build failed: {run.stderr[-2000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


_WATCH_CHILD = """
import json, os, sys, time
from kg.build import build, hold_outputs_state
from kg.watch import settle, warm
build([sys.argv[1]], sys.argv[2], jobs=1, exports=False, hold_outputs=True)  # as a watching build starts:
hold_outputs_state(sys.argv[2])  # nothing to do; the outputs' state held for the first change
warm()
settle()
os.replace(sys.argv[3], sys.argv[4])  # the crawler drops a file of new reports
start = time.perf_counter()
report = build([sys.argv[1]], sys.argv[2], jobs=1, exports=False, hold_outputs=True)
print(json.dumps({"seconds": time.perf_counter() - start, "built": report.built}))
"""


def _watching(corpus: Path, outdir: Path, staged: Path) -> dict:
    """What ``kg build --watch`` spends on the reports of ``staged`` once it is moved into ``corpus``
    (the start paid before, as a watching build pays it once)."""
    run = subprocess.run([sys.executable, "-c", _WATCH_CHILD, str(corpus), str(outdir), str(staged),
                          str(corpus / staged.name)], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"the benchmark's watching build failed: {run.stderr[-2000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


_QUERY_CHILD = """
import json, sys, time
from kg.rdf.queries import named_query
from kg.rdf.store import open_store, query
store = open_store(sys.argv[1], read_only=True)
bindings = json.loads(sys.argv[3]) or None
start = time.perf_counter()
result = query(store, named_query(sys.argv[2]), bindings)
print(json.dumps({"ms": round(1000 * (time.perf_counter() - start), 1), "rows": len(result.rows)}))
"""


def _queries(store_dir: Path, truths, timeout: float = QUERY_TIMEOUT) -> dict:
    """The latency of each named query, each in a child process given ``timeout`` seconds."""
    from ..rdf.queries import query_names

    values = {"code": truths[0].focus, "program": truths[0].programs[0]}
    out = {}
    for name in query_names():
        bindings = {_BINDINGS[name]: values[_BINDINGS[name]]} if name in _BINDINGS else {}
        try:
            run = subprocess.run([sys.executable, "-c", _QUERY_CHILD, str(store_dir), name, json.dumps(bindings)],
                                 capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            out[name] = {"ms": None, "rows": None, "note": f"over {timeout:.0f} s, stopped"}
            continue
        if run.returncode != 0:
            out[name] = {"ms": None, "rows": None, "note": run.stderr.strip().splitlines()[-1][:200]}
            continue
        out[name] = json.loads(run.stdout.strip().splitlines()[-1])
    return out


def _write_more(path: Path, docs: int, more: int, seed: int) -> None:
    """Reports ``docs`` to ``docs + more`` of the corpus ``seed`` gives, to add to a built corpus."""
    from itertools import islice

    from .corpus import generate

    with path.open("w", encoding="utf-8") as out:
        for text, truth in islice(generate(docs + more, seed=seed), docs, None):
            out.write(json.dumps({"id": truth.doc, "text": text}, ensure_ascii=False) + "\n")


def _floor(texts: list[str]) -> dict:
    import jieba

    jieba.initialize()
    start = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    seconds = time.perf_counter() - start  # one thread: its wall time is its CPU time
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return {"docs_per_s": _rate(len(texts), seconds), "mb_per_s": round(size / seconds, 2), "docs": len(texts)}


def _peer(texts: list[str]) -> dict:
    import contextlib

    import jieba.posseg

    with contextlib.redirect_stdout(sys.stderr):  # jionlp prints a banner on import
        import jionlp

        jionlp.recognize_location(texts[0])  # warm up: jionlp loads its dictionaries
    start = time.perf_counter()
    for text in texts:
        jionlp.recognize_location(text)
        jieba.posseg.lcut(text)
        _QUOTED.findall(text)
    seconds = time.perf_counter() - start
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return {"docs_per_s": _rate(len(texts), seconds), "mb_per_s": round(size / seconds, 2), "docs": len(texts)}


def _score(extraction: Path, truths) -> dict:
    """Focus, date and publisher accuracy; program and adoption recall and precision over campaign names."""
    from ..extract.lexicon import campaigns

    national = {c.name for c in campaigns()}
    truth = {t.doc: t for t in truths}
    focus = date = publisher = 0
    found = expected = predicted = 0
    adopted = adopted_expected = adopted_predicted = 0
    with extraction.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            t = truth.get(record["doc"])
            if t is None:
                continue
            focus += record["focus"] == t.focus
            date += record["date"] == t.date
            publisher += record["publisher"] == t.publisher
            programs = {p["name"] for p in record["programs"]} & national
            found += len(programs & set(t.programs))
            expected += len(t.programs)
            predicted += len(programs)
            adoptions = {tuple(a) for a in record["adoptions"] if a[1] in national}
            adopted += len(adoptions & set(t.adoptions))
            adopted_expected += len(t.adoptions)
            adopted_predicted += len(adoptions)
    n = len(truths)
    return {"focus": round(focus / n, 4), "date": round(date / n, 4), "publisher": round(publisher / n, 4),
            "programs_recall": round(found / expected, 4), "programs_precision": round(found / max(1, predicted), 4),
            "adoptions_recall": round(adopted / adopted_expected, 4),
            "adoptions_precision": round(adopted / max(1, adopted_predicted), 4)}


def bench(docs: int = 1000, *, jobs: int | None = None, workdir: str | Path | None = None, seed: int = 8,
          peer_docs: int = PEER_SAMPLE, progress=None) -> dict:
    """Generate ``docs`` reports and measure kg on them (see the module docstring).

    Parameters
    ----------
    docs: the corpus size.
    jobs: processes of the parallel build (None: all cores).
    workdir: a folder for the corpus and the builds (a temporary one when None).
    seed: the corpus seed.
    peer_docs: reports the (slow) peer baseline runs on.
    progress: called with the name of each step as it starts.

    Returns
    -------
    A dict with ``corpus``, ``stages``, ``kg`` (``docs_per_s``, ``peak_rss_mb``, ...),
    ``parallel``, ``incremental``, ``queries``, ``floor``, ``peer``, ``ratios`` and ``quality``.
    """
    from ..build import default_jobs

    jobs = jobs or default_jobs()
    say = progress or (lambda step: None)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = Path(workdir) if workdir else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        (work / "corpus").mkdir(exist_ok=True)
        corpus = work / "corpus" / "corpus.jsonl"
        say("generating the corpus")
        truths = write_corpus(corpus, docs, seed=seed)
        texts = _texts(corpus)
        size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        say("stages")
        stages = _stages(corpus, min(docs, STAGE_SAMPLE))
        say("kg build --jobs 1")
        one = _build(work / "corpus", work / "out-1", 1)
        say("kg build again (incremental)")
        again = _build(work / "corpus", work / "out-1", 1)
        parallel = None
        if jobs > 1:
            say(f"kg build --jobs {jobs}")
            parallel = _build(work / "corpus", work / f"out-{jobs}", jobs)
        say("queries")
        queries = _queries(work / "out-1" / "store", truths)
        say("floor: jieba.lcut")
        floor = _floor(texts)
        say("peer: jionlp + jieba.posseg")
        peer = _peer(texts[:max(1, peer_docs)])
        quality = _score(work / "out-1" / "extraction.jsonl", truths)
        more = max(1, docs // 100)
        say(f"kg build with {more} new reports (incremental)")
        _write_more(work / "corpus" / "more.jsonl", docs, more, seed)
        added = _build(work / "corpus", work / "out-1", 1)
        say(f"kg build --watch, {more} more new reports")
        _write_more(work / "staged.jsonl", docs + more, more, seed)
        watching = _watching(work / "corpus", work / "out-1", work / "staged.jsonl")
    kg = {"docs_per_s": _rate(docs, one["seconds"]), "mb_per_s": round(size / one["seconds"], 2),
          "seconds": round(one["seconds"], 2), "peak_rss_mb": round(one["peak_rss_mb"], 1),
          # the store's threads (bulk loader, RocksDB compactions) run beside the build's own
          "cpu_ms_per_doc": round(1000 * one["cpu_seconds"] / docs, 3),
          "cores_busy": round(one["cpu_seconds"] / one["seconds"], 2),
          "quads": one["quads"], "built": one["built"]}
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "corpus": {"docs": docs, "mb": round(size, 2), "seed": seed,
                   "traditional": sum(t.traditional for t in truths)},
        "stages": stages,
        "kg": kg,
        "incremental": {"seconds": round(again["seconds"], 2), "built": again["built"],
                        "unchanged": again["unchanged"],
                        "share_of_full": round(again["seconds"] / one["seconds"], 3),
                        "added": {"reports": more, "built": added["built"], "seconds": round(added["seconds"], 2),
                                  "share_of_full": round(added["seconds"] / one["seconds"], 3)},
                        "watching": {"reports": more, "built": watching["built"],
                                     "seconds": round(watching["seconds"], 2),
                                     "share_of_full": round(watching["seconds"] / one["seconds"], 3)}},
        "queries": queries,
        "floor": floor,
        "peer": peer,
        "quality": quality,
    }
    if parallel is not None:
        result["parallel"] = {"jobs": jobs, "docs_per_s": _rate(docs, parallel["seconds"]),
                              "seconds": round(parallel["seconds"], 2),
                              "peak_rss_mb": round(parallel["peak_rss_mb"], 1),
                              "speedup": round(one["seconds"] / parallel["seconds"], 2)}
    result["ratios"] = {"kg_over_floor": round(kg["docs_per_s"] / floor["docs_per_s"], 3),
                        # per CPU second: the floor's ms of CPU a report over kg's (all its threads)
                        "kg_over_floor_per_cpu": round(1000 / floor["docs_per_s"] / kg["cpu_ms_per_doc"], 3),
                        "kg_over_peer": round(kg["docs_per_s"] / peer["docs_per_s"], 2)}
    return result


def format_bench(result: dict) -> str:
    """A plain-text table of a :func:`bench` result."""
    c, kg, floor, peer = result["corpus"], result["kg"], result["floor"], result["peer"]
    inc = result["incremental"]
    lines = [f"kg bench {result['date']}: {c['docs']} reports, {c['mb']} MB "
             f"({c['traditional']} traditional with glosses and noise)", "",
             f"{'stage':<12}{'reports/s':>12}{'MB/s':>10}{'ms/report':>12}"]
    for name in ("normalise", "extract", "link", "rdf", "store", "all"):
        s = result["stages"][name]
        lines.append(f"{name:<12}{s['docs_per_s']:>12}{s.get('mb_per_s') or '':>10}{s['ms_per_doc']:>12}")
    lines.append(f"(stages on {result['stages']['sample']} reports; store load "
                 f"{result['stages']['store']['quads_per_s']} quads/s)")
    lines += ["", f"{'end to end':<26}{'reports/s':>12}{'MB/s':>10}",
              f"{'kg build --jobs 1':<26}{kg['docs_per_s']:>12}{kg['mb_per_s']:>10}"
              f"   peak RSS {kg['peak_rss_mb']} MB, {kg['quads']} quads, "
              f"{kg['cpu_ms_per_doc']} ms CPU a report ({kg['cores_busy']} cores busy)"]
    if "parallel" in result:
        p = result["parallel"]
        lines.append(f"{'kg build --jobs ' + str(p['jobs']):<26}{p['docs_per_s']:>12}{'':>10}"
                     f"   speedup {p['speedup']}x, peak RSS {p['peak_rss_mb']} MB (all processes' max)")
    lines += [f"{'floor: jieba.lcut':<26}{floor['docs_per_s']:>12}{floor['mb_per_s']:>10}",
              f"{'peer: jionlp+posseg':<26}{peer['docs_per_s']:>12}{peer['mb_per_s']:>10}"
              f"   (on {peer['docs']} reports)",
              f"kg/floor {result['ratios']['kg_over_floor']} (per CPU second "
              f"{result['ratios']['kg_over_floor_per_cpu']}), kg/peer {result['ratios']['kg_over_peer']}",
              f"rebuild of the unchanged corpus: {inc['seconds']} s ({inc['share_of_full']:.1%} of the full build), "
              f"{inc['built']} processed, {inc['unchanged']} unchanged",
              f"rebuild with {inc['added']['reports']} new reports: {inc['added']['seconds']} s "
              f"({inc['added']['share_of_full']:.1%} of the full build), {inc['added']['built']} processed",
              (f"the same in a watching build (kg build --watch): {inc['watching']['seconds']} s "
               f"({inc['watching']['share_of_full']:.1%}), {inc['watching']['built']} processed"), "",
              "query latency: " + ", ".join(f"{k} {v['ms']} ms" if v["ms"] is not None else f"{k} ({v['note']})"
                                    for k, v in result["queries"].items()), "",
              "quality vs ground truth: " + ", ".join(f"{k} {v}" for k, v in result["quality"].items())]
    return "\n".join(lines) + "\n"

