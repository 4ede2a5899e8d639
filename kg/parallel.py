"""Processing reports in a pool of local processes, results in input order.

Each worker process loads the pipeline once (jieba, spaCy, the gazetteer) and
turns reports into :class:`kg.build.Processed` records; the parent writes them.
Reports are handed out through a bounded window, so a corpus of any size never
sits in memory, and results come back in the order the reports were read, so
the output is byte for byte that of a single-process build.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from .errors import WorkerError
from .link.programs import Overrides

__all__ = ["run_in_pool"]

#: Reports in flight per worker: enough to keep every worker busy while the build writes a
#: batch to the store, few enough to bound memory (a processed report is ~60 KB).
PER_WORKER = 128
#: Reports sent to a worker at once: one message each way per chunk, not per report.
CHUNK = 16

_settings: tuple[str, Overrides] | None = None


def _start(base: str, overrides: Overrides) -> None:
    """Worker start: keep the settings and load the pipeline before the first report arrives."""
    global _settings
    _settings = (base, overrides)
    from .extract.pipeline import make_nlp
    from .link.gazetteer import gazetteer

    make_nlp()
    gazetteer()


def _process_many(reports: list) -> list:
    from .build import process_report

    base, overrides = _settings
    return [process_report(report, base, overrides) for report in reports]


def run_in_pool(tasks: Iterable, base: str, overrides: Overrides, *, jobs: int) -> Iterator:
    """Yield ``(task, Processed or None)`` for each task of ``tasks``, in order, processed by ``jobs`` workers.

    A task is ``(ready outcome or None, report or None, input key)``; only tasks
    with a report are sent to a worker. A batch of fewer than ``4 * jobs`` reports
    is too small to pay for starting workers: it runs in this process.

    Parameters
    ----------
    tasks: the build's tasks, read lazily.
    base: the base IRI.
    overrides: the user's corrections to merges.
    jobs: the number of worker processes.

    Returns
    -------
    An iterator of ``(task, result)`` pairs, in the order of ``tasks``.
    """
    from .build import run_serial

    tasks = iter(tasks)
    head: list = []
    while sum(1 for t in head if t[1] is not None) < 4 * jobs:
        more = list(islice(tasks, 4 * jobs))
        if not more:
            break
        head += more
    if sum(1 for t in head if t[1] is not None) < 4 * jobs:
        yield from run_serial(head + list(tasks), base, overrides)
        return
    context = multiprocessing.get_context("forkserver")
    # the server workers fork from imports kg, not the caller's script (each worker still runs that, as
    # every spawned process does; see check_not_bootstrapping)
    context.set_forkserver_preload([__name__])
    window = max(2, jobs * PER_WORKER // CHUNK)  # chunks in flight
    # a pool of futures, not multiprocessing.Pool: a worker that dies (at start, or killed) breaks the
    # build with an error instead of being replaced while the build waits for its results for ever
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start, initargs=(base, overrides)) as pool:
        pending: deque = deque()  # (the tasks of a chunk, the result of its reports or None)
        chunk: list = []
        reports = 0
        for task in _chain(head, tasks):
            chunk.append(task)
            reports += task[1] is not None
            if reports >= CHUNK or len(chunk) >= 4 * CHUNK:
                pending.append(_submit(pool, chunk))
                chunk, reports = [], 0
            while len(pending) > window or (pending and pending[0][1] is None):
                yield from _results(*pending.popleft())
        if chunk:
            pending.append(_submit(pool, chunk))
        while pending:
            yield from _results(*pending.popleft())


def _submit(pool: ProcessPoolExecutor, chunk: list):
    reports = [task[1] for task in chunk if task[1] is not None]
    try:
        return chunk, (pool.submit(_process_many, reports) if reports else None)
    except BrokenProcessPool as exc:
        raise _stopped() from exc


def _results(chunk: list, result) -> Iterator:
    try:
        done = iter(result.result() if result is not None else ())
    except BrokenProcessPool as exc:
        raise _stopped() from exc
    for task in chunk:
        yield task, (next(done) if task[1] is not None else None)


def _chain(head: list, rest: Iterator) -> Iterator:
    yield from head
    yield from rest


def _stopped() -> WorkerError:
    return WorkerError(
        "a worker process stopped before it finished its reports (its error, if it had one, is printed above)",
        hint="if a script of yours calls kg's build with jobs > 1, put the call under "
             "`if __name__ == \"__main__\":`, since every worker runs the script again; else run with --jobs 1 "
             "to see the report's error, or give the machine more memory")


def check_not_bootstrapping() -> None:
    """Refuse to build inside a worker that is importing its parent's script.

    A worker process (kg's, or any ``spawn``/``forkserver`` one) runs the script that started it
    again before it does its work; a script that builds at its top level would start a build in
    every worker, each opening the store the parent holds.
    """
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise WorkerError(
            "kg was asked to build while a worker process was starting from the script that called it",
            hint="put the script's call to kg under `if __name__ == \"__main__\":`")
