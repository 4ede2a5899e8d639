"""Benchmark of the stores at a million triples: embedded pyoxigraph against rdflib (a tool, not a test).

    python benchmarks/store_bench.py [--triples 1000000] [--cap 45] [--reports examples/reports]

Synthesises many reports of kg's shape from the real extractions of the example
reports: each copy gets its own document hash (so its own report, evidence and
adoption IRIs), moves its adoptions and focus to other real counties of the
gazetteer (so the region hierarchy grows as a real corpus's would), and renames
three programs in four to one of 50 variants (so programs are shared by many
copies, as national campaigns are) and gives each copy its own organisations (named
by their county in real reports). The quads come from :func:`kg.rdf.serialise.report_quads`,
as in a build, until at least ``--triples`` quads are made.

Then, from the same N-Quads bytes, it loads an on-disk pyoxigraph store (kg's
embedded store) and an rdflib ``Dataset`` (in memory, default graph = union), prints
each load rate in triples per second, and the latency of every named query on each,
each run in a child process killed after ``--cap`` seconds (printed ``> cap``):
pyoxigraph the median of up to 3 runs, rdflib one run; with the ratios.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import multiprocessing
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINDINGS = {"programs_of_county": {"code": "420322"}, "first_adoption": {"program": "三会一课"}}


def county_codes() -> list[str]:
    from kg.link.gazetteer import gazetteer

    places = gazetteer()
    return sorted(places.get(i).code for i in range(len(places)) if places.level(i) == "county" and places.get(i).code)


def variant(extraction, copy: int, counties: list[str]):
    """Copy ``copy`` of a real extraction: its own hash and id, other counties, renamed programs."""
    doc = extraction.document
    sha = hashlib.sha256(f"{doc.sha256}/{copy}".encode()).hexdigest()
    document = replace(doc, sha256=sha, doc_id=f"{doc.doc_id}-{copy}")

    def county(code: str) -> str:
        return counties[(int(code) * 7 + copy * 131) % len(counties)] if copy else code

    def rename(kind: str, name: str) -> str:
        if kind == "program":
            return name if copy % 4 == 0 else f"{name}·{copy % 50}"
        return f"{name}·{copy}" if kind == "organization" and copy else name

    def end(pair: tuple[str, str]) -> tuple[str, str]:
        return pair[0], rename(*pair)

    entities = tuple(replace(e, name=rename(e.kind, e.name), aliases=tuple(rename(e.kind, a) for a in e.aliases))
                     for e in extraction.entities)
    relations = tuple(replace(r, subject=end(r.subject), object=end(r.object)) for r in extraction.relations)
    adoptions = tuple(replace(a, code=county(a.code), program=rename("program", a.program), doc_id=document.doc_id,
                              organization=a.organization and rename("organization", a.organization))
                      for a in extraction.adoptions)
    return replace(extraction, document=document, focus=county(extraction.focus) if extraction.focus else None,
                   entities=entities, relations=relations, adoptions=adoptions)


def synthesise(reports: Path, triples: int) -> tuple[bytes, int, int]:
    """N-Quads of at least ``triples`` quads; the number of quads and of synthetic reports."""
    import pyoxigraph as ox

    from kg.build import extract
    from kg.ingest import Rejected
    from kg.rdf.serialise import report_quads

    real = [e for e in extract([reports]) if not isinstance(e, Rejected)]
    counties = county_codes()
    seen: dict[ox.Quad, None] = {}
    copy = 0
    while len(seen) < triples:
        for extraction in real:
            seen.update(dict.fromkeys(report_quads(variant(extraction, copy, counties))[1]))
        copy += 1
    return ox.serialize(list(seen), format=ox.RdfFormat.N_QUADS), len(seen), copy * len(real)


def _rdflib_query(dataset, sparql: str, bindings: dict, out) -> None:  # runs in a forked child
    from rdflib import Literal

    start = time.perf_counter()
    rows = len(list(dataset.query(sparql, initBindings={k: Literal(v) for k, v in bindings.items()})))
    out.send((time.perf_counter() - start, rows))


def _oxigraph_query(path: str, sparql: str, bindings: dict, out) -> None:  # runs in a forked child
    import pyoxigraph as ox

    from kg.rdf.store import query

    store = ox.Store.read_only(path)
    times = []
    while len(times) < 3 and sum(times) < 2.0:  # a slow query runs once
        start = time.perf_counter()
        rows = len(query(store, sparql, bindings).rows)
        times.append(time.perf_counter() - start)
    out.send((statistics.median(times), rows))


def capped(target, args: tuple, cap: float, method: str = "fork") -> tuple[float, int] | None:
    """``target(*args, pipe)`` in a child process: its (seconds, rows), or None when killed after ``cap`` s."""
    context = multiprocessing.get_context(method)
    mine, theirs = context.Pipe()
    child = context.Process(target=target, args=(*args, theirs))
    child.start()
    answer = mine.recv() if mine.poll(cap) else None
    child.kill()
    child.join()
    return answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--cap", type=float, default=45.0, help="seconds an rdflib query may take")
    parser.add_argument("--reports", type=Path, default=ROOT / "examples" / "reports")
    args = parser.parse_args()

    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.rdf.queries import named_query, query_names
    from kg.rdf.store import open_store

    print(f"kg store benchmark, {datetime.date.today()}, Python {sys.version.split()[0]}, "
          f"pyoxigraph {ox.__version__}")
    start = time.perf_counter()
    data, quads, reports = synthesise(args.reports, args.triples)
    print(f"synthesised {quads:,} quads of {reports:,} reports in {time.perf_counter() - start:.1f} s "
          f"({len(data) / 1e6:.0f} MB of N-Quads)")

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "store")
        start = time.perf_counter()
        store.load(data, format=ox.RdfFormat.N_QUADS)
        store.flush()
        ox_load = time.perf_counter() - start
        del store  # closed: the queries below open it read-only in their own processes
        start = time.perf_counter()
        dataset = Dataset(default_union=True)
        dataset.parse(data=data, format="nquads")
        rdf_load = time.perf_counter() - start
        print(f"\nload           {'pyoxigraph (disk)':>20} {'rdflib (memory)':>18} {'ratio':>8}")
        print(f"triples/s      {quads / ox_load:>20,.0f} {quads / rdf_load:>18,.0f} {rdf_load / ox_load:>7.1f}x")
        print(f"seconds        {ox_load:>20.1f} {rdf_load:>18.1f}")

        print(f"\nquery (rows)                {'pyoxigraph ms':>14} {'rdflib ms':>12} {'ratio':>9}")
        for name in query_names():
            sparql, bindings = named_query(name), BINDINGS.get(name, {})
            # spawned: the store is opened afresh, never through a forked RocksDB
            ox_answer = capped(_oxigraph_query, (str(Path(folder) / "store"), sparql, bindings), args.cap, "spawn")
            rdf_answer = capped(_rdflib_query, (dataset, sparql, bindings), args.cap)
            cap_ms = f"> {args.cap * 1000:,.0f}"
            ox_text = cap_ms if ox_answer is None else f"{ox_answer[0] * 1000:,.1f}"
            rdf_text = cap_ms if rdf_answer is None else f"{rdf_answer[0] * 1000:,.0f}"
            rows = "?" if ox_answer is None else ox_answer[1]
            if ox_answer and rdf_answer:
                ratio = f"{rdf_answer[0] / ox_answer[0]:,.0f}x" + (" (rows differ!)" if rdf_answer[1] != rows else "")
            elif ox_answer:
                ratio = f"> {args.cap / ox_answer[0]:,.0f}x"
            else:
                ratio = "-"
            print(f"{name:<20} {rows:>7} {ox_text:>14} {rdf_text:>12} {ratio:>9}", flush=True)


if __name__ == "__main__":
    main()
