"""Processing reports on a Dask cluster (``kg build --engine dask [--scheduler ADDRESS]``).

The client reads the reports, sends them to the cluster in partitions of
:data:`PARTITION` reports, and each worker turns a partition into
:class:`kg.build.Processed` records (the pipeline loads once per worker
process). The client writes each partition's named graphs to an N-Quads part,
``OUTDIR/parts/part-NNNNN.nq``, and the build loads them into the store in input
order, so the store and the exported files are those of a local build. Without a
scheduler address a :class:`distributed.LocalCluster` of ``workers`` processes is
started and closed again.

Workers need kg installed (the same version) and nothing else: reports travel
to them as text and results come back as bytes, so they need not share a disk
with the client. Install the extra with ``pip install 'kg[dask]'``.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

from .errors import ConfigError
from .link.programs import Overrides

__all__ = ["run_on_dask", "PARTITION"]

#: Reports per partition sent to one worker.
PARTITION = 16
#: Partitions in flight per worker thread.
PER_WORKER = 2


def process_partition(reports: list, base: str, overrides: Overrides) -> list:
    """The :class:`kg.build.Processed` record of each report of one partition, in order (runs on a worker)."""
    from .build import process_report

    return [process_report(report, base, overrides) for report in reports]


def run_on_dask(tasks: Iterable, base: str, overrides: Overrides, *, scheduler: str | None = None,
                workers: int = 2, parts: Path | None = None, partition: int = PARTITION) -> Iterator:
    """Yield ``(task, Processed or None)`` for each task, in order, the reports processed on a Dask cluster.

    Parameters
    ----------
    tasks: the build's tasks ``(ready outcome or None, report or None, input key)``, read lazily.
    base: the base IRI. overrides: the user's corrections to merges.
    scheduler: a scheduler address (``tcp://host:8786``); None starts a LocalCluster.
    workers: worker processes of the LocalCluster (one thread each).
    parts: a folder for the N-Quads part of each partition (none written when None).
    partition: reports per partition.

    Returns
    -------
    An iterator of ``(task, result)`` pairs in the order of ``tasks``.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError("the dask engine needs dask.distributed",
                          hint="pip install 'kg[dask]', or build with --engine local") from exc
    if parts is not None:
        parts.mkdir(parents=True, exist_ok=True)
        for old in parts.glob("part-*.nq"):
            old.unlink()
    with ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout="30s"))
            except (OSError, TimeoutError) as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                                  hint="start one with: dask scheduler; dask worker ADDRESS") from exc
        else:
            cluster = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1,
                                                       processes=True, dashboard_address=None))
            client = stack.enter_context(Client(cluster))
        threads = max(1, sum(client.nthreads().values()))
        window = threads * PER_WORKER
        pending: deque = deque()  # (tasks of the partition, future or None)
        number = 0

        def drain(limit: int) -> Iterator:
            nonlocal number
            while len(pending) > limit:
                group, future = pending.popleft()
                results = iter(future.result()) if future is not None else iter(())
                done = [(task, next(results) if task[1] is not None else None) for task in group]
                if parts is not None and future is not None:
                    number += 1
                    with (parts / f"part-{number:05d}.nq").open("wb") as part:
                        for _, processed in done:
                            if processed is not None:
                                part.write(processed.nquads)
                yield from done

        group: list = []
        for task in tasks:
            group.append(task)
            if sum(1 for t in group if t[1] is not None) >= partition:
                pending.append(_submit(client, group, base, overrides))
                group = []
                yield from drain(window)
        if group:
            pending.append(_submit(client, group, base, overrides))
        yield from drain(0)


def _submit(client, group: list, base: str, overrides: Overrides):
    reports = [task[1] for task in group if task[1] is not None]
    if not reports:
        return group, None
    return group, client.submit(process_partition, reports, base, overrides, pure=False)
