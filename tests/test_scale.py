"""Scale: parallel and Dask builds give the local build's output, rebuilds are incremental, builds stream."""
from __future__ import annotations

import importlib
import json
import multiprocessing
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from kg.bench.corpus import generate
from kg.build import build, run_serial
from kg.graphs.exports import GRAPH_FILES, TABLE_FILES
from kg.ingest import read_reports
from kg.link.programs import Overrides
from kg.rdf.serialise import DEFAULT_BASE, Iris

BUILD = importlib.import_module("kg.build")  # the module (``kg.build`` the attribute is the function)
REPORTS = 12  # enough for the pool to start (4 reports per worker), small enough to be quick
SAME_BYTES = ("extraction.jsonl", "aliases.csv", "graph.html", "graph.nq", "graph.trig", "graph.ttl")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A folder of generated reports, one file each (traditional, glossed and noisy ones among them)."""
    folder = tmp_path_factory.mktemp("corpus")
    for text, truth in generate(REPORTS, seed=3):
        (folder / f"{truth.doc}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def serial_build(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial")
    return out, build([corpus], out, jobs=1)


def _quads_by_graph(path: Path) -> dict:
    dataset = Dataset().parse(path, format="nquads")
    return {g.identifier: g for g in dataset.graphs() if len(g)}


# engine, options: each must give the single-process build's output
ENGINES = [
    pytest.param("local", {"jobs": 2}, True, id="jobs-2-identical-bytes"),
    pytest.param("dask", {"jobs": 2}, False, id="dask-two-worker-localcluster-isomorphic"),
]


@pytest.mark.parametrize("engine, options, identical", ENGINES)
def test_engines_give_the_single_process_output(corpus, serial_build, tmp_path, engine, options, identical):
    if engine == "dask":
        pytest.importorskip("distributed")
    serial, report = serial_build
    out = tmp_path / engine
    other = build([corpus], out, engine=engine, **options)
    assert [i.source for i in other.inputs] == [i.source for i in report.inputs]
    assert (other.triples, other.quads) == (report.triples, report.quads) and other.built == REPORTS
    mine, theirs = _quads_by_graph(out / "graph.nq"), _quads_by_graph(serial / "graph.nq")
    assert mine.keys() == theirs.keys()
    assert all(isomorphic(mine[name], theirs[name]) for name in mine)
    assert (out / "extraction.jsonl").read_bytes() == (serial / "extraction.jsonl").read_bytes()
    if identical:
        for name in SAME_BYTES:
            assert (out / name).read_bytes() == (serial / name).read_bytes(), name
    if engine == "dask":
        parts = sorted((out / "parts").glob("part-*.nq"))
        assert parts and sum(len(p.read_bytes().splitlines()) for p in parts) >= report.triples


def test_the_pool_really_runs_in_worker_processes(corpus):
    from kg.parallel import run_in_pool

    tasks = [(None, report, "") for report in read_reports([corpus])] * 3  # three chunks: both workers start
    serial = [done for _, done in run_serial(tasks, DEFAULT_BASE, Overrides())]
    pooled, workers = [], 0
    for _, done in run_in_pool(tasks, DEFAULT_BASE, Overrides(), jobs=2):
        workers = max(workers, len(multiprocessing.active_children()))
        pooled.append(done)
    assert workers >= 2
    assert [p.jsonl for p in pooled] == [s.jsonl for s in serial]  # input order, same results
    assert [p.nquads for p in pooled] == [s.nquads for s in serial]


def test_a_script_that_builds_unguarded_fails_with_a_clear_error_instead_of_hanging(corpus, tmp_path):
    """Every worker runs the script that started the build again; one that builds at its top level made
    each worker try to build (the store locked) and die, and the pool replaced them for ever."""
    script = tmp_path / "unguarded.py"
    script.write_text(f"from kg.build import build\nbuild([{str(corpus)!r}], {str(tmp_path / 'out')!r}, jobs=2)\n",
                      encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0
    assert "kg.errors.WorkerError" in done.stderr and 'if __name__ == "__main__":' in done.stderr
    guarded = tmp_path / "guarded.py"
    guarded.write_text(f"from kg.build import build\nif __name__ == '__main__':\n"
                       f"    print(build([{str(corpus)!r}], {str(tmp_path / 'out2')!r}, jobs=2).built)\n",
                       encoding="utf-8")
    done = subprocess.run([sys.executable, str(guarded)], capture_output=True, text=True, timeout=300, check=False)
    assert (done.returncode, done.stdout.split()[-1:]) == (0, [str(REPORTS)]), done.stderr[-2000:]


def _store_size(out: Path) -> int:
    return len(ox.Store.read_only(str(out / "store")))


def _store_graphs(out: Path) -> set[str]:
    store = ox.Store.read_only(str(out / "store"))
    return {g.value for g in store.named_graphs()}


@pytest.fixture(params=["fresh", "settled"])
def file_age(request, monkeypatch):
    """Run a test with report files just written (read again at every build) and with files
    taken as settled at once (an unchanged file's outcomes replayed from the build cache)."""
    if request.param == "settled":
        monkeypatch.setattr(BUILD, "SETTLED_NS", 0)
    return request.param


def test_rebuilds_are_incremental(corpus, tmp_path, file_age):
    folder = tmp_path / "in"
    shutil.copytree(corpus, folder)
    out = tmp_path / "out"
    first = build([folder], out, jobs=1)
    graphs = _store_graphs(out)
    assert first.quads == _store_size(out)

    # an unchanged corpus: nothing processed, the same outputs
    again = build([folder], out, jobs=1)
    assert (again.built, again.unchanged) == (0, REPORTS)
    summary = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert summary["incremental"] == {"processed": 0, "unchanged": REPORTS, "removed": 0}
    assert {i["status"] for i in summary["inputs"]} == {"unchanged"}
    assert (again.triples, again.quads) == (first.triples, first.quads)
    lines = (out / "extraction.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == REPORTS

    # one report changed, one added: those two are processed, the changed one's old graph is gone
    changed = sorted(folder.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("党委", "党工委", 1), encoding="utf-8")
    text, _ = next(generate(1, seed=99))
    (folder / "zz_new.txt").write_text(text, encoding="utf-8")
    third = build([folder], out, jobs=1)
    assert third.built == 2 and third.unchanged == REPORTS - 1
    assert third.quads == _store_size(out)  # counted as graphs were replaced and added
    now = _store_graphs(out)
    assert len(now - graphs) == 2  # the changed report's new graph, the added report's graph
    assert len(graphs - now) == 1  # the changed report's old graph is replaced, not kept beside

    # one report deleted: its graph and its line go, nothing is processed
    gone = sorted(folder.glob("*.txt"))[1]
    gone.unlink()
    fourth = build([folder], out, jobs=1)
    assert (fourth.built, fourth.removed) == (0, 1)
    assert fourth.quads == _store_size(out) < third.quads
    assert len(now - _store_graphs(out)) == 1 and not _store_graphs(out) - now
    lines = (out / "extraction.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == REPORTS and not any(str(gone) in line for line in lines)


def test_an_incremental_build_counts_the_shared_graphs_once_not_before_and_after(corpus, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    shutil.copytree(corpus, folder)
    out = tmp_path / "out"
    build([folder], out, jobs=1, exports=False)
    text, _ = next(generate(1, seed=99))
    (folder / "zz_new.txt").write_text(text, encoding="utf-8")
    counted = []
    original = BUILD.graph_size
    monkeypatch.setattr(BUILD, "graph_size", lambda store, graph: counted.append(graph) or original(store, graph))
    added = build([folder], out, jobs=1, exports=False)
    assert added.built == 1 and added.quads == _store_size(out)
    assert sorted(map(str, counted)) == sorted(map(str, [Iris(DEFAULT_BASE).concepts(), Iris(DEFAULT_BASE).gazetteer()]))
    # (once each: the last build left their count)

    cache = BUILD.BuildCache(out / "reports.sqlite")  # a build that stopped half way left no count
    cache.set_meta("shared_quads", None)
    cache.close()
    (folder / "zz_new.txt").write_text(text + "\n村党支部开展“主题党日”。", encoding="utf-8")
    counted.clear()
    again = build([folder], out, jobs=1, exports=False)
    shared = {str(Iris(DEFAULT_BASE).gazetteer()), str(Iris(DEFAULT_BASE).concepts())}
    assert again.built == 1 and again.quads == _store_size(out)
    assert len([graph for graph in counted if str(graph) in shared]) == 4  # counted before and after


def _outcomes(report) -> list[tuple]:
    return [(i.source, i.status, i.doc_id, i.reason, i.counts) for i in report.inputs]


def test_an_unchanged_file_is_not_read_again(tmp_path, monkeypatch):
    """Its outcomes are replayed, rejected lines and duplicates included; a changed file is read."""
    import kg.ingest

    monkeypatch.setattr(BUILD, "SETTLED_NS", 0)
    folder = tmp_path / "in"
    folder.mkdir()
    texts = [text for text, _ in generate(4, seed=11)]
    lines = [json.dumps({"id": f"r{n}", "text": t}, ensure_ascii=False) for n, t in enumerate(texts[:3])]
    lines += ['{"id": "broken", "text": ', json.dumps({"id": "again", "text": texts[0]}, ensure_ascii=False)]
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(texts[3], encoding="utf-8")
    (folder / "c.txt").write_text(texts[1], encoding="utf-8")  # a duplicate of line 2 of a.jsonl
    out = tmp_path / "out"
    first = build([folder], out, jobs=1, exports=False)
    assert [i.status for i in first.inputs] == ["built"] * 3 + ["rejected", "duplicate", "built", "duplicate"]

    read = []
    original = kg.ingest._read_file
    monkeypatch.setattr(kg.ingest, "_read_file", lambda path, limit: read.append(path.name) or original(path, limit))
    again = build([folder], out, jobs=1, exports=False)
    assert read == []
    assert _outcomes(again) == [(s, "unchanged" if st == "built" else st, d, "input and settings unchanged"
                                 if st == "built" else r, c) for s, st, d, r, c in _outcomes(first)]
    assert again.quads == first.quads

    (folder / "b.txt").write_text(texts[3] + "\n本报讯。", encoding="utf-8")
    third = build([folder], out, jobs=1, exports=False)
    assert read == ["b.txt"] and third.built == 1 and third.unchanged == 3


def test_a_replayed_file_follows_its_duplicates(tmp_path, monkeypatch):
    """A report that was a duplicate is built once its first copy is gone; a kept report
    becomes a duplicate of a new earlier copy."""
    monkeypatch.setattr(BUILD, "SETTLED_NS", 0)
    folder = tmp_path / "in"
    folder.mkdir()
    (first_text, _), (other, _) = generate(2, seed=12)
    (folder / "b.txt").write_text(first_text, encoding="utf-8")
    (folder / "c.txt").write_text(first_text, encoding="utf-8")
    (folder / "d.txt").write_text(other, encoding="utf-8")
    out = tmp_path / "out"
    assert [i.status for i in build([folder], out, jobs=1, exports=False).inputs] == ["built", "duplicate", "built"]

    (folder / "b.txt").unlink()
    second = build([folder], out, jobs=1, exports=False)
    assert [(Path(i.source).name, i.status) for i in second.inputs] == [("c.txt", "built"), ("d.txt", "unchanged")]
    assert second.removed == 0  # c.txt holds b.txt's text: the same graph, kept

    (folder / "a.txt").write_text(other, encoding="utf-8")  # an earlier copy of d.txt
    third = build([folder], out, jobs=1, exports=False)
    assert [(Path(i.source).name, i.status, i.reason) for i in third.inputs] == [
        ("a.txt", "built", ""), ("c.txt", "unchanged", "input and settings unchanged"),
        ("d.txt", "duplicate", f"duplicate of {folder / 'a.txt'}")]
    assert len(_store_graphs(out) - {f"{DEFAULT_BASE}graph/gazetteer", f"{DEFAULT_BASE}graph/concepts"}) == 2


def test_outputs_grow_with_added_reports_as_a_fresh_build_writes_them(tmp_path, monkeypatch, file_age):
    """Reports added after the others, or among them: only theirs are read from the cache, and the
    outputs are byte for byte a fresh build's; a change among the earlier ones rewrites them all."""
    from kg.build import BuildCache

    folder = tmp_path / "in"
    folder.mkdir()
    reports = list(generate(10, seed=21))
    for number, (text, _) in enumerate(reports[:7]):
        (folder / f"a{number}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build([folder], out, jobs=1, exports=False)

    read = []
    original = BuildCache.digests
    monkeypatch.setattr(BuildCache, "digests", lambda self, sources: original(self, read.extend(sources) or sources))
    for number, (text, _) in enumerate(reports[7:]):
        (folder / f"z{number}.txt").write_text(text, encoding="utf-8")
    assert build([folder], out, jobs=1, exports=False).built == 3
    assert [Path(source).name for source in read] == ["z0.txt", "z1.txt", "z2.txt"]
    fresh = build([folder], tmp_path / "fresh", jobs=1, exports=False)
    for name in ("extraction.jsonl", "aliases.csv", "graph.html"):
        assert (out / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name

    # reports that fall before and between the others (files named by a hash): only theirs are
    # read too, their lines merged into extraction.jsonl in input order
    read.clear()
    more = list(generate(12, seed=22))[10:]
    (folder / "0.txt").write_text(more[0][0], encoding="utf-8")
    (folder / "a3b.txt").write_text(more[1][0], encoding="utf-8")
    assert build([folder], out, jobs=1, exports=False).built == 2
    assert sorted(Path(source).name for source in read) == ["0.txt", "a3b.txt"]
    build([folder], tmp_path / "fresh2", jobs=1, exports=False)
    for name in ("extraction.jsonl", "aliases.csv", "graph.html"):
        assert (out / name).read_bytes() == (tmp_path / "fresh2" / name).read_bytes(), name
    assert not (out / "extraction.jsonl.tmp").exists()

    read.clear()
    (folder / "a1.txt").write_text(reports[1][0].replace("党委", "党工委", 1), encoding="utf-8")
    build([folder], out, jobs=1, exports=False)
    assert len(read) == 12  # all of them again
    build([folder], tmp_path / "fresh3", jobs=1, exports=False)
    for name in ("extraction.jsonl", "aliases.csv", "graph.html"):
        assert (out / name).read_bytes() == (tmp_path / "fresh3" / name).read_bytes(), name


def test_the_same_files_named_another_way_are_not_built_again(tmp_path, monkeypatch):
    """A relative path where the last build had an absolute one, or a folder moved: the reports
    are recognised (same size, time and inode), nothing is processed, and the outputs name the
    files as this build does, byte for byte what a fresh build of the new names writes."""
    import os

    monkeypatch.setattr(BUILD, "SETTLED_NS", 0)
    folder = tmp_path / "in"
    folder.mkdir()
    (one, _), (two, _), (three, _) = generate(3, seed=31)
    (folder / "a.jsonl").write_text("\n".join(json.dumps({"id": f"r{n}", "text": t}, ensure_ascii=False)
                                              for n, t in enumerate((one, two))) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(three, encoding="utf-8")
    (folder / "c.txt").write_text(one, encoding="utf-8")  # a duplicate of a.jsonl's first line
    out = tmp_path / "out"
    first = build([folder], out, jobs=1, exports=False)
    assert [i.status for i in first.inputs] == ["built", "built", "built", "duplicate"]

    monkeypatch.chdir(tmp_path)
    relative = build([Path("in")], out, jobs=1, exports=False)
    assert [(i.source, i.status) for i in relative.inputs] == [
        ("in/a.jsonl:1", "unchanged"), ("in/a.jsonl:2", "unchanged"), ("in/b.txt", "unchanged"),
        ("in/c.txt", "duplicate")]
    assert relative.inputs[3].reason == "duplicate of in/a.jsonl:1" and relative.quads == first.quads

    os.rename(folder, tmp_path / "moved")
    moved = build([Path("moved")], out, jobs=1, exports=False)
    assert (moved.built, moved.unchanged, moved.removed) == (0, 3, 0)
    fresh = build([Path("moved")], tmp_path / "fresh", jobs=1, exports=False)
    assert _outcomes(moved) == [(s, "unchanged" if st == "built" else st, d, "input and settings unchanged"
                                 if st == "built" else r, c) for s, st, d, r, c in _outcomes(fresh)]
    for name in ("extraction.jsonl", "aliases.csv", "graph.html"):
        assert (out / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    assert build([Path("moved")], out, jobs=1, exports=False).unchanged == 3


def test_reports_of_a_file_just_written_are_recognised_under_another_name(tmp_path, monkeypatch):
    """A file read too soon after it was written has no record of size and time; named another way
    at the next build, its reports are still known by their input keys, and nothing is built."""
    folder = tmp_path / "in"
    folder.mkdir()
    (one, _), (two, _) = generate(2, seed=41)
    (folder / "a.jsonl").write_text("\n".join(json.dumps({"id": f"r{n}", "text": t}, ensure_ascii=False)
                                              for n, t in enumerate((one, two))) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(one, encoding="utf-8")  # a duplicate of a.jsonl's first line
    out = tmp_path / "out"
    first = build([folder], out, jobs=1, exports=False)  # the files are seconds old: not recorded
    assert [i.status for i in first.inputs] == ["built", "built", "duplicate"]

    monkeypatch.chdir(tmp_path)
    relative = build([Path("in")], out, jobs=1, exports=False)
    assert [(i.source, i.status) for i in relative.inputs] == [
        ("in/a.jsonl:1", "unchanged"), ("in/a.jsonl:2", "unchanged"), ("in/b.txt", "duplicate")]
    assert (relative.removed, relative.quads) == (0, first.quads)
    fresh = build([Path("in")], tmp_path / "fresh", jobs=1, exports=False)
    for name in ("extraction.jsonl", "aliases.csv", "graph.html"):
        assert (out / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name


def test_a_file_just_written_is_read_again(tmp_path):
    from kg.build import file_key

    path = tmp_path / "a.txt"
    path.write_text("区委", encoding="utf-8")
    assert file_key(path, "settings", 100) is None
    old = path.stat().st_mtime_ns - 10**10
    import os

    os.utime(path, ns=(old, old))
    key = file_key(path, "settings", 100)
    assert key and key != file_key(path, "other settings", 100) and key != file_key(path, "settings", 99)


def test_an_unchanged_rebuild_does_not_rewrite_the_outputs(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out, jobs=1, exports=False)
    written = {name: (out / name).stat().st_mtime_ns for name in ("extraction.jsonl", "aliases.csv", "graph.html")}
    build([corpus], out, jobs=1, exports=False)
    assert {name: (out / name).stat().st_mtime_ns for name in written} == written
    (out / "graph.html").unlink()  # an output missing: written again
    build([corpus], out, jobs=1, exports=False)
    assert (out / "graph.html").exists()


def _reports(folder: Path, count: int, seed: int) -> Path:
    """A new folder of ``count`` generated reports, one file each."""
    folder.mkdir()
    for text, truth in generate(count, seed=seed):
        (folder / f"{truth.doc}.txt").write_text(text, encoding="utf-8")
    return folder


EXPORTS = BUILD.RDF_EXPORTS + TABLE_FILES + GRAPH_FILES


def test_an_unchanged_rebuild_keeps_the_exports_and_a_changed_one_writes_them_again(tmp_path, monkeypatch):
    folder = _reports(tmp_path / "in", 3, seed=5)
    out = tmp_path / "out"
    first = build([folder], out, jobs=1)
    written = {name: (out / name).stat().st_mtime_ns for name in EXPORTS}

    again = build([folder], out, jobs=1)
    assert {name: (out / name).stat().st_mtime_ns for name in EXPORTS} == written
    assert (again.triples, set(EXPORTS) <= set(again.files)) == (first.triples, True)

    (out / "spread.csv").unlink()  # one of them missing: all written again
    build([folder], out, jobs=1)
    assert (out / "spread.csv").exists() and (out / "graph.ttl").stat().st_mtime_ns != written["graph.ttl"]

    text, _ = next(generate(1, seed=99))
    (folder / "zz_new.txt").write_text(text, encoding="utf-8")
    before = (out / "graph.nq").read_bytes()
    grown = build([folder], out, jobs=1)
    assert grown.built == 1 and grown.triples > first.triples
    assert (out / "graph.nq").read_bytes() != before
    fresh = tmp_path / "fresh"
    build([folder], fresh, jobs=1)
    for name in ("graph.nq", "graph.trig", "graph.ttl", "adoptions.csv"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


def test_exports_a_stopped_build_left_behind_are_written_again(tmp_path, monkeypatch):
    folder = _reports(tmp_path / "in", 2, seed=7)
    out = tmp_path / "out"
    build([folder], out, jobs=1)
    before = (out / "graph.nq").read_bytes()
    changed = sorted(folder.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n镇党委推行“三会一课”。", encoding="utf-8")

    def stop(*args, **kwargs):
        raise KeyboardInterrupt  # the build stops after the store took the changed report
    with monkeypatch.context() as patch:
        patch.setattr(BUILD, "_exports", stop)
        with pytest.raises(KeyboardInterrupt):
            build([folder], out, jobs=1)

    again = build([folder], out, jobs=1)  # the changed report is unchanged now, the store is not
    assert again.built == 0
    fresh = tmp_path / "fresh"
    build([folder], fresh, jobs=1)
    assert (out / "graph.nq").read_bytes() == (fresh / "graph.nq").read_bytes() != before


def test_the_exports_read_the_region_program_graph_once(tmp_path, monkeypatch):
    from kg.graphs import exports, store_graphs

    folder = _reports(tmp_path / "in", 2, seed=8)
    calls = []
    original = store_graphs.region_program_graph
    counted = lambda *a, **k: calls.append(1) or original(*a, **k)  # noqa: E731
    monkeypatch.setattr(store_graphs, "region_program_graph", counted)
    monkeypatch.setattr(exports, "region_program_graph", counted)
    build([folder], tmp_path / "out", jobs=1)
    assert len(calls) == 1 and (tmp_path / "out" / "panel.csv").exists() and (tmp_path / "out" / "cascades.graphml").exists()


def test_a_build_without_exports_leaves_no_export_that_tells_another_graph(tmp_path):
    folder = _reports(tmp_path / "in", 2, seed=6)
    out = tmp_path / "out"
    build([folder], out, jobs=1)
    unchanged = build([folder], out, jobs=1, exports=False)  # nothing changed: the exports still hold
    assert all((out / name).exists() for name in EXPORTS) and "graph.ttl" not in unchanged.files

    text, _ = next(generate(1, seed=98))
    (folder / "zz_new.txt").write_text(text, encoding="utf-8")
    grown = build([folder], out, jobs=1, exports=False)
    assert grown.built == 1 and not [name for name in EXPORTS if (out / name).exists()]
    build([folder], out, jobs=1)  # and exports asked for again are written from the grown store
    assert all((out / name).exists() for name in EXPORTS)


def test_the_duplicate_check_reuses_the_digests_of_unchanged_reports(corpus, tmp_path, monkeypatch):
    from kg.ingest import Deduplicator

    out = tmp_path / "out"
    build([corpus], out, jobs=1, exports=False)
    normalised = []
    original = Deduplicator.digest
    monkeypatch.setattr(Deduplicator, "digest", staticmethod(lambda r: normalised.append(r) or original(r)))
    again = build([corpus], out, jobs=1, exports=False)
    assert again.unchanged == REPORTS and normalised == []


def test_settings_change_rebuilds(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    other = build([corpus], out, jobs=1, base="https://example.net/kg/")
    assert other.built == REPORTS and other.unchanged == 0


def test_build_streams_through_the_cache(corpus, tmp_path):
    """The build keeps no extractions: the JSONL, page and aliases are written back from reports.sqlite."""
    import sqlite3

    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    with sqlite3.connect(out / "reports.sqlite") as db:
        rows = db.execute("SELECT jsonl FROM reports").fetchall()
    assert sorted(r[0] for r in rows) == sorted((out / "extraction.jsonl").read_text(encoding="utf-8")
                                                .splitlines(keepends=True))


class _FailingStore:
    """A store whose disk fails on the second load."""

    def __init__(self):
        self.loaded: list[bytes] = []

    def contains_named_graph(self, graph):
        return False

    def load(self, data, format):
        if self.loaded:
            raise OSError("No space left on device")
        self.loaded.append(data)

    def flush(self):
        pass


@pytest.mark.parametrize("background", [False, True])
def test_store_writer_writes_in_order_and_raises_a_store_error(background):
    from kg.build import StoreWriter
    from kg.errors import StoreError

    store = _FailingStore()
    writer = StoreWriter(store, background=background)
    batch = b'<https://x.org/a> <https://x.org/p> "1" <https://x.org/g> .\n'
    writer.put(["https://x.org/g"], [], batch)
    with pytest.raises(StoreError, match="No space left on device"):
        writer.put(["https://x.org/h"], [], batch)  # in the background, the error comes at the next call
        writer.close()
    assert store.loaded == [batch]
