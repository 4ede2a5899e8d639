"""``kg build --watch``: each change is built once, when it holds still, into what a new build would write."""
from __future__ import annotations

import importlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kg.bench.corpus import generate
from kg.build import build
from kg.watch import fingerprint, settle, watch

BUILD = importlib.import_module("kg.build")
TEXTS = [text for text, _ in generate(5, seed=11)]


def _write(folder: Path, index: int, extra: str = "") -> Path:
    path = folder / f"r{index}.txt"
    path.write_text(TEXTS[index] + extra, encoding="utf-8")
    return path


def _run(folder: Path, out: Path, steps, **options):
    """Watch ``folder``; before each poll the next step acts on the folder; stop when they are done."""
    builds, errors = [], []
    script = iter(steps)
    done = []

    def sleep(_):
        step = next(script, None)
        if step is None:
            done.append(True)
        else:
            step()

    watch([folder], out, interval=0, on_build=lambda report, s: builds.append(report),
          on_error=errors.append, should_stop=lambda: bool(done), sleep=sleep, exports=False, **options)
    return builds, errors


def test_each_change_is_built_once_and_the_outputs_are_a_fresh_builds(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(2):
        _write(folder, i)
    def nothing() -> None:
        pass

    steps = [
        lambda: _write(folder, 2), nothing,  # added: seen, then built once it held still
        nothing, nothing,  # no change: no build
        lambda: _write(folder, 0, "\n镇党委推行“三会一课”。"), nothing,  # rewritten
        lambda: (folder / "r1.txt").unlink(), nothing,  # removed
    ]
    builds, errors = _run(folder, tmp_path / "out", steps)
    assert errors == []
    assert [(b.built, b.unchanged, b.removed) for b in builds] == [(2, 0, 0), (1, 2, 0), (1, 2, 0), (0, 2, 1)]
    fresh = tmp_path / "fresh"
    build([folder], fresh, jobs=1, exports=False)
    for name in ("extraction.jsonl", "aliases.csv", "graph.html"):
        assert (tmp_path / "out" / name).read_bytes() == (fresh / name).read_bytes(), name


def test_rebuilds_take_the_outputs_state_from_memory_and_leave_it_pickled_for_a_later_build(tmp_path,
                                                                                           monkeypatch):
    from kg.build import BuildCache

    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, 0)
    out = tmp_path / "out"
    build([folder], out, jobs=1, exports=False)  # the watch starts on a build: nothing to do at first
    kept, taken = [], []
    set_outputs, outputs = BuildCache.set_outputs, BuildCache.outputs
    monkeypatch.setattr(BuildCache, "set_outputs", lambda self, state, **o: kept.append(state) or set_outputs(
        self, state, **o))
    monkeypatch.setattr(BuildCache, "outputs", lambda self: taken.append(outputs(self)) or taken[-1])
    builds, _ = _run(folder, out, [lambda: _write(folder, 1), lambda: None, lambda: _write(folder, 2),
                                   lambda: None])
    assert [b.built for b in builds] == [0, 1, 1]
    assert len(taken) == 3 and len(kept) == 2
    assert taken[1] is taken[0]  # the state the first build left in the cache, loaded before the first change
    assert taken[2] is kept[0]  # then the very state the build before left, not a copy
    monkeypatch.undo()

    BUILD._HELD.clear()  # as a later process starts
    saved = BuildCache(out / "reports.sqlite")
    try:  # a later process finds the last state in the cache: it grows from it
        assert saved.outputs().count == 3
    finally:
        saved.close()
    _write(folder, 3)
    build([folder], out, jobs=1, exports=False)
    fresh = tmp_path / "fresh"
    build([folder], fresh, jobs=1, exports=False)
    for name in ("extraction.jsonl", "aliases.csv", "graph.html"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


def test_a_held_state_is_not_taken_once_another_build_has_written_one(tmp_path):
    from kg.build import BuildCache, OutputsState
    from kg.link.programs import AliasTable

    path = tmp_path / "reports.sqlite"
    ours, theirs = BuildCache(path), BuildCache(path)
    try:
        ours.set_outputs(OutputsState("ours", 1, 10, None, AliasTable()), hold=True)
        ours.commit()
        held = dict(BUILD._HELD)
        theirs.set_outputs(OutputsState("theirs", 2, 20, None, AliasTable()))  # another process's build
        theirs.commit()
        BUILD._HELD.update(held)  # which this process does not see
        assert ours.outputs().fingerprint == "theirs"
        assert ours.outputs().fingerprint == "theirs"  # and what this process held is let go
    finally:
        ours.close()
        theirs.close()


def test_between_builds_what_survives_is_frozen_and_garbage_frozen_before_is_still_collected():
    import gc
    import weakref

    class Node:
        pass

    kept, cycle = Node(), Node()
    cycle.self = cycle  # garbage only a full collection finds, once it is dropped
    dead = weakref.ref(cycle)
    settle()
    frozen = gc.get_freeze_count()
    assert frozen > 0 and gc.is_tracked(kept)
    del cycle
    settle()  # the cycle was frozen by the settle before: it is found all the same
    assert dead() is None and gc.get_freeze_count() > 0
    gc.unfreeze()


def test_the_watch_settles_after_its_first_build_and_each_rebuild(tmp_path, monkeypatch):
    import kg.watch

    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, 0)
    settled = []
    monkeypatch.setattr(kg.watch, "settle", lambda: settled.append(True))
    builds, _ = _run(folder, tmp_path / "out", [lambda: _write(folder, 1), lambda: None])
    assert len(builds) == 2 and len(settled) == 2


def test_a_file_still_changing_is_not_built_until_it_holds_still(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, 0)
    growing = folder / "r1.txt"
    steps = [lambda: growing.write_text(TEXTS[1][:40], encoding="utf-8"),
             lambda: growing.write_text(TEXTS[1][:400], encoding="utf-8"),
             lambda: growing.write_text(TEXTS[1], encoding="utf-8"),
             lambda: None]
    builds, _ = _run(folder, tmp_path / "out", steps)
    assert [b.built for b in builds] == [1, 1]
    assert [i.status for i in builds[-1].inputs] == ["unchanged", "built"]


def test_a_folder_gone_is_told_once_and_the_watch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, 0)
    away = tmp_path / "away"
    steps = [lambda: folder.rename(away), lambda: None, lambda: None,
             lambda: away.rename(folder), lambda: _write(folder, 1), lambda: None]
    builds, errors = _run(folder, tmp_path / "out", steps)
    assert [str(e) for e in errors] == [f"{folder}: no such file or folder (check the path)"]
    assert [b.built for b in builds] == [1, 1]  # back as it was: nothing to build until r1 came


def test_rebuilds_run_in_this_process(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, 0)
    jobs = []
    original = BUILD.build

    def spy(*args, **options):
        jobs.append((options["jobs"], options["engine"], options["scheduler"]))
        return original(*args, **{**options, "engine": "local", "scheduler": None})  # no cluster to reach here
    monkeypatch.setattr(BUILD, "build", spy)
    _run(folder, tmp_path / "out", [lambda: _write(folder, 1), lambda: None], jobs=2, engine="dask",
         scheduler="tcp://head:8786")
    assert jobs == [(2, "dask", "tcp://head:8786"), (1, "local", None)]


def test_the_fingerprint_sees_a_file_added_rewritten_in_place_or_replaced(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    path = _write(folder, 0)
    first = fingerprint([folder])
    _write(folder, 1)
    added = fingerprint([folder])
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    touched = fingerprint([folder])
    (folder / ".r0.swp").write_text("editor's", encoding="utf-8")  # hidden: no report
    assert len({first, added, touched}) == 3 and fingerprint([folder]) == touched


def _until(condition, timeout: float = 120) -> None:
    waited = time.monotonic()
    while not condition():
        assert time.monotonic() - waited < timeout, "the watching build did not get there"
        time.sleep(0.1)


def test_the_command_builds_a_report_dropped_in_and_stops_cleanly_on_ctrl_c(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, 0)
    command = [sys.executable, "-m", "kg", "build", str(folder), "-o", str(tmp_path / "out"), "--watch",
               "--interval", "0.2", "--jobs", "1", "--no-exports"]
    env = {**os.environ, "COLUMNS": "200"}
    report = tmp_path / "out" / "build-report.json"

    def unchanged() -> int | None:  # of the last build, once its report is written
        try:
            return json.loads(report.read_text(encoding="utf-8"))["incremental"]["unchanged"]
        except (OSError, ValueError):  # not yet written, or being written
            return None

    printed: list[str] = []

    def told(line: str) -> bool:  # the build's line on stdout, read as it comes (build-report.json is
        chunk = run.stdout.read()  # written before the line, so a Ctrl-C between them would lose it)
        printed.append(chunk or "")
        return line in "".join(printed)

    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as run:
        os.set_blocking(run.stdout.fileno(), False)
        try:
            _until(lambda: unchanged() == 0)
            _write(folder, 1)
            _until(lambda: unchanged() == 1 and told(" 1 built, 1 unchanged"))
        finally:
            run.send_signal(signal.SIGINT)
            os.set_blocking(run.stdout.fileno(), True)
            out, err = run.communicate(timeout=60)
            out = "".join(printed) + out
    assert run.returncode == 0, err
    assert "watching" in err and "stopped watching" in err
    assert " 1 built, 1 unchanged, 0 duplicate, 0 rejected, 0 removed in " in out
    lines = (tmp_path / "out" / "extraction.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
