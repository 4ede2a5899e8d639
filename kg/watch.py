"""``kg build --watch``: keep a graph current while an archive grows.

A crawler drops reports into a folder; the researcher wants the graph to follow without
paying kg's start for each batch. A new ``kg build`` process spends 2–3.5 s before its first
report (spaCy's import, jieba's dictionary and part-of-speech table, the gazetteer, the
automata), which is most of what adding a few reports costs (decision 0008). A watching
build pays that once: it builds, loads the pipeline, then polls the inputs and builds again
in the same process whenever they change. Each rebuild is an ordinary incremental build
(unchanged reports replay from the build cache), so its outputs are those a new ``kg build``
would write. The state the page and the alias table are written from stays in the process
between builds (a third of a rebuild at 10k reports went to pickling and unpickling it): it
is pickled into the build cache after each build, for a later process, or loaded from it
when the build changed nothing, before the first change comes.

Rebuilds run in this process: worker processes would each pay the start again, which is
what the watch is there to avoid. A change is built once the inputs have stayed the same
for one poll, so a file still being copied in is not read half written.
"""
from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import KGError

__all__ = ["fingerprint", "settle", "warm", "watch"]

#: What a poll compares: each report file with its size, modification time and inode.
Fingerprint = tuple[tuple[str, int, int, int], ...]


def fingerprint(inputs: Sequence[str | Path]) -> Fingerprint:
    """The report files ``inputs`` name (as :func:`kg.ingest.discover` finds them), each with
    its size, modification time (ns) and inode: a file added, removed, rewritten or replaced
    changes it. Raises :class:`~kg.errors.InputError` as ``discover`` does (a folder gone)."""
    from .ingest import discover

    files = []
    for path in discover(inputs):
        try:
            stat = path.stat()
        except FileNotFoundError:  # removed between the listing and the stat: the next poll sees it gone
            continue
        files.append((str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino))
    return tuple(files)


def warm() -> None:
    """Load what the first report of a build would (the pipeline, jieba and its tagger, the
    gazetteer's Rust automaton), so that the first change is built at the steady rate."""
    from .extract.pipeline import make_nlp
    from .link.gazetteer import gazetteer

    gazetteer().prepare()
    make_nlp()("中共湖北省郧西县委组织部开展“三会一课”。")


def settle() -> None:
    """Collect the garbage a build left, then freeze what survives (the pipeline, the held
    state, the caches) out of the collector's sight. A full collection walks every object
    tracked; in a watching build most of them outlive every rebuild, and one such walk took
    0.3 s of a 1.7–2.3 s rebuild at 11k reports (decision 0008). Run between builds, each
    time with what the last one froze unfrozen first, so garbage among it is still found."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def watch(inputs: Sequence[str | Path], outdir: str | Path, *, interval: float = 2.0,
          on_build: Callable[[object, float], None] = lambda report, seconds: None,
          on_error: Callable[[KGError], None] = lambda error: None,
          should_stop: Callable[[], bool] = lambda: False, sleep: Callable[[float], None] = time.sleep,
          jobs: int | None = 1, **options) -> None:
    """Build ``inputs`` into ``outdir``, then build again each time they change, until ``should_stop()``.

    Parameters
    ----------
    inputs, outdir, options: as :func:`kg.build.build` takes them (``exports``, ``aliases``...);
        ``progress`` is passed to the first build only.
    interval: seconds between polls of the inputs.
    on_build: called after each build with its :class:`~kg.build.BuildReport` and its seconds.
    on_error: called with a :class:`~kg.errors.KGError` a rebuild or a poll raised (an input
        folder removed, a file unreadable as a whole); the watch goes on. The first build's
        errors are raised: they are the user's to mend before there is anything to watch.
    should_stop: polled before each sleep; the watch returns once it is true.
    jobs: processes for the first build; rebuilds run in this process (see the module), also
        when the first build ran on a Dask cluster (``engine="dask"``).
    """
    from .build import build, hold_outputs_state

    def timed(**extra):
        start = time.perf_counter()
        try:
            report = build(inputs, outdir, hold_outputs=True, **{**options, **extra})
        finally:  # pickled for a later process (also after a build that stopped once it had written
            hold_outputs_state(outdir)  # its outputs), held for the next rebuild
        on_build(report, time.perf_counter() - start)

    seen = fingerprint(inputs)
    timed(jobs=jobs)
    options.pop("progress", None)
    warm()
    settle()
    pending: Fingerprint | None = None
    told = ""  # the last error reported: a folder gone is told once, not at every poll

    def tell(error: KGError) -> None:
        nonlocal told
        if str(error) != told:
            told = str(error)
            on_error(error)

    while not should_stop():
        sleep(interval)
        try:
            now = fingerprint(inputs)
        except KGError as error:
            tell(error)
            continue
        except OSError as error:  # a folder unreadable mid-walk
            tell(KGError(f"cannot read the inputs: {error.strerror or error}",
                         path=os.fsdecode(error.filename) if error.filename else None))
            continue
        told = ""
        if now == seen:
            pending = None
            continue
        if now != pending:  # changed since the last poll: wait until it holds still
            pending = now
            continue
        seen, pending = now, None  # a rebuild that fails is not retried until the inputs change again
        try:
            timed(jobs=1, engine="local", scheduler=None)
        except KGError as error:
            tell(error)
        settle()
