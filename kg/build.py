"""The main job: reports in, a knowledge graph out.

:func:`extract` streams reports through ingest → normalise → extract → link and
yields one :class:`~kg.records.Extraction` per report built, one
:class:`~kg.ingest.Rejected` per input that was not; :func:`build` writes what
they make into an output folder: ``extraction.jsonl``, ``aliases.csv``,
``graph.ttl``, ``graph.trig``, ``graph.nq``, ``graph.jsonld``, the embedded
store ``store/``, ``graph.html`` and ``build-report.json`` accounting for every input.

A build streams: each report is processed into a :class:`Processed` record
(its JSONL line, its named graph as N-Quads, a small digest for the graph page
and the alias table), loaded into the store and written to the build cache
``reports.sqlite`` at once, so memory does not grow with the corpus. The cache
also makes rebuilds incremental: a report whose input and build settings are
unchanged, and whose graph is still in the store, is not processed again. Reports
are processed in this process, in a pool of processes (``jobs``) or on a Dask
cluster (``engine="dask"``); the output is the same, in input order
(``docs/decisions/0008-scale.md``).
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ConfigError, StoreError
from .ingest import Deduplicator, Rejected, discover, duplicate_reason, read_file, read_reports
from .jsonl import annotation_record
from .link.programs import AliasTable, Overrides, write_aliases
from .normalise import normalise
from .records import Extraction, Report

Progress = Callable[[str], None]

#: Output files of a build, in the order the build report lists them.
FILES = ("extraction.jsonl", "aliases.csv", "graph.ttl", "graph.trig", "graph.nq", "graph.jsonld",
         "store", "graph.html", "build-report.json", "reports.sqlite")
#: The whole-graph RDF files a build writes with its exports.
RDF_EXPORTS = ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld")
ENGINES = ("local", "dask")
#: Reports between flushes of the store and commits of the build cache: bounds the memory of a build.
FLUSH_EVERY = 200


@dataclass(frozen=True)
class InputOutcome:
    """What became of one input: ``built``, ``unchanged`` (skipped, already built), ``duplicate`` or ``rejected``."""

    source: str
    status: str
    doc_id: str | None = None
    reason: str = ""
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class BuildReport:
    """Every input of a build accounted for, and what the build wrote."""

    outdir: str
    inputs: tuple[InputOutcome, ...]
    triples: int | None  # distinct triples over all graphs (graph.ttl's), counted when the exports are written
    files: tuple[str, ...]
    quads: int = 0  # quads in the store (as the last build that wrote to it left it)
    removed: int = 0  # sources of an earlier build the inputs no longer hold, dropped from the graph
    unread: tuple[str, ...] = ()  # files in the input folders in no report format (images, PDFs…)

    @property
    def built(self) -> int:
        return sum(1 for i in self.inputs if i.status == "built")

    @property
    def unchanged(self) -> int:
        """Reports skipped because the store already holds their graph from the same input and settings."""
        return sum(1 for i in self.inputs if i.status == "unchanged")

    def to_json(self) -> dict:
        statuses = [i.status for i in self.inputs]
        return {
            "outdir": self.outdir,
            "summary": {s: statuses.count(s) for s in ("built", "duplicate", "rejected")},
            # reports skipped because this folder already held their graph from the same input and settings
            "incremental": {"processed": statuses.count("built"), "unchanged": statuses.count("unchanged"),
                            "removed": self.removed},
            "triples": self.triples,
            "quads": self.quads,
            "files": list(self.files),
            "inputs": [{"source": i.source, "status": i.status, "doc_id": i.doc_id, "reason": i.reason,
                        "counts": i.counts} for i in self.inputs],
            # files in the input folders in none of the formats kg reads (kg.ingest.FORMATS)
            "unread": list(self.unread),
        }


@dataclass(frozen=True)
class Processed:
    """One report made ready to write; picklable, so it can come back from a worker process or node.

    ``graph`` is the IRI of the report's named graph, ``nquads`` its quads (with
    the gazetteer quads of its regions), ``jsonl`` its line of ``extraction.jsonl``,
    ``digest`` a pickled :func:`digest` of its extraction for the graph page and
    the alias table, ``size`` the number of quads in its own graph.
    """

    outcome: InputOutcome
    graph: str
    nquads: bytes
    jsonl: str
    digest: bytes
    size: int = 0


def extract(inputs: Sequence[str | Path], *, max_bytes: int = 5_000_000,
            progress: Progress | None = None, overrides: Overrides = Overrides(),
            unread: list[Path] | None = None) -> Iterator[Extraction | Rejected]:
    """Extract every report under ``inputs``: an Extraction per report, a Rejected per bad input.

    ``unread``, when given, receives the folders' files in no report format.

    >>> from kg.build import extract
    >>> results = list(extract(["examples/reports/000_fe7e9151aa82acd0.txt"]))
    >>> results[0].focus
    '420322'
    """
    for item in read_reports(inputs, max_bytes=max_bytes, unread=unread):
        if progress:
            progress(item.source)
        if isinstance(item, Rejected):
            yield item
            continue
        yield extract_report(item, overrides)


def extract_report(report: Report, overrides: Overrides = Overrides()) -> Extraction:
    """Normalise, extract and link one report (the pipeline loads once per process)."""
    from .extract.pipeline import make_nlp
    from .link.linker import link

    document = normalise(report)
    return link(document, make_nlp()(document.text), overrides)


def counts(extraction: Extraction) -> dict[str, int]:
    """How many entities of each kind, and adoptions, one report gave."""
    out = {kind: len([e for e in extraction.of_kind(kind) if e.evidence or kind != "region"])
           for kind in ("region", "organization", "program", "slogan", "person")}
    out["adoption"] = len(extraction.adoptions)
    return out


def jsonl_line(extraction: Extraction) -> str:
    """The line of ``extraction.jsonl`` of one report, newline included."""
    return json.dumps(annotation_record(extraction), ensure_ascii=False) + "\n"


def write_jsonl(results: Iterable[Extraction], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for extraction in results:
            out.write(jsonl_line(extraction))


def outcome(item: Extraction | Rejected) -> InputOutcome:
    if isinstance(item, Rejected):
        return InputOutcome(item.source, item.status, None, item.reason)
    return InputOutcome(item.document.source, "built", item.document.doc_id, "", counts(item))


def digest(extraction: Extraction) -> Extraction:
    """The part of an extraction the graph page and the alias table read: no text, no mention evidence.

    The document keeps its id, source, metadata and hash; entities their names,
    aliases, regions and attributes; adoptions their evidence sentence. A digest
    is a few kilobytes where the extraction holds the whole text twice.
    """
    doc = replace(extraction.document, original="", text="", offsets=(0,))
    entities = tuple(replace(e, evidence=()) for e in extraction.entities
                     if e.kind in ("region", "program", "slogan", "organization"))
    adoptions = tuple(replace(a, evidence=None if a.evidence is None else
                              replace(a.evidence, start=0, end=0, original_start=-1, original_end=-1))
                      for a in extraction.adoptions)
    return replace(extraction, document=doc, entities=entities, relations=(), adoptions=adoptions)


def process_report(report: Report, base: str, overrides: Overrides = Overrides()) -> Processed:
    """Everything a build writes for one report, computed without touching the output folder."""
    from .rdf.serialise import report_nquads

    extraction = extract_report(report, overrides)
    graph, nquads = report_nquads(extraction, base)
    return Processed(outcome(extraction), graph, nquads, jsonl_line(extraction),
                     pickle.dumps(digest(extraction), protocol=pickle.HIGHEST_PROTOCOL),
                     nquads.count(f" <{graph}> .\n".encode()))  # a line ends with its graph


# -- the build cache --------------------------------------------------------------
def settings_key(base: str, overrides_path: str | Path | None) -> str:
    """A hash of what decides a report's output besides its input: kg's version, data, base IRI, aliases."""
    from importlib import metadata

    h = hashlib.sha256()
    try:
        h.update(metadata.version("kg").encode())
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        h.update(b"source")
    data = Path(__file__).resolve().parent / "data"
    for path in sorted(p for p in data.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(data)).encode())
        h.update(path.read_bytes())
    h.update(base.encode())
    if overrides_path:
        h.update(Path(overrides_path).read_bytes())
    return h.hexdigest()


@dataclass(frozen=True)
class CacheRow:
    """What the build cache holds of one source."""

    input_key: str
    graph: str
    doc_id: str
    counts: dict[str, int]
    dedup: bytes | None  # the digest of its normalised text, for the duplicate check


def fingerprint(sources: Sequence[str], settings: str) -> str:
    """A hash of the reports a build writes out, in order, under its settings."""
    h = hashlib.sha256(settings.encode())
    for source in sources:
        h.update(b"\0" + source.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


#: A file modified this recently (ns) is read again at the next build whatever its size and time say:
#: it may still have been being written when it was read.
SETTLED_NS = 2_000_000_000


def file_key(path: Path, settings: str, max_bytes: int) -> str | None:
    """A key of a report file as it lies on disk (size, modification time, inode) under the build
    settings, or None when it was modified too recently to be trusted (:data:`SETTLED_NS`).

    As for ``make`` and ``rsync``, a file whose size and time are unchanged is taken as unchanged.
    """
    stat = path.stat()
    if time.time_ns() - stat.st_mtime_ns < SETTLED_NS:
        return None
    h = hashlib.sha256(settings.encode())
    h.update(f"\0{max_bytes}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ino}".encode())
    return h.hexdigest()


def replay(records: list[list], rows: dict[str, CacheRow], seen: Deduplicator,
           has_graph: Callable[[str], bool]) -> list[InputOutcome] | None:
    """The outcomes of an unchanged file's inputs, from what the last build made of them.

    ``records`` are the file's ``[source, status, reason, digest]`` from the build cache
    (status ``kept``, ``duplicate`` or ``rejected``). A kept report is ``unchanged``
    when its row and graph are still there, or a duplicate of an earlier report now;
    a rejected input is rejected again. Returns None, leaving ``seen`` as it was, when
    an input must be read again: a report that was a duplicate and is none any longer,
    or one whose row or graph is gone.
    """
    outcomes, claimed = [], {}
    for source, status, reason, digest in records:
        if status == "rejected":
            outcomes.append(InputOutcome(source, "rejected", None, reason))
            continue
        key = bytes.fromhex(digest)
        first = seen.first(key) or claimed.get(key)
        if first is not None and first != source:
            outcomes.append(InputOutcome(source, "duplicate", None, duplicate_reason(first)))
            continue
        row = rows.get(source)
        if status != "kept" or row is None or not has_graph(row.graph):
            return None
        claimed[key] = source
        outcomes.append(InputOutcome(source, "unchanged", row.doc_id, "input and settings unchanged", row.counts))
    for key, source in claimed.items():
        seen.remember(key, source)
    return outcomes


def input_key(report: Report, settings: str) -> str:
    """A hash of one report as read (text, id, given metadata) under the build ``settings``."""
    h = hashlib.sha256(settings.encode())
    for part in (report.doc_id, repr(report.meta), report.text):
        h.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


#: The cache rows of one file's sources: the file itself, or its ``PATH:LINE`` records (with :func:`_of_file`).
_OF_FILE = "FROM reports WHERE source = ? OR (source > ? AND source < ?)"


def _of_file(path: str) -> tuple[str, str, str]:
    return path, path + ":", path + ";"


#: The outputs' state a watching build holds in its process between builds, by build cache: (token, state).
_HELD: dict[str, tuple[str, OutputsState]] = {}


class BuildCache:
    """``OUTDIR/reports.sqlite``: per source, the input key, graph IRI, JSONL line, digest, counts and
    duplicate-check digest; and the fingerprint of the last build's list of reports."""

    def __init__(self, path: Path):
        self._path = str(Path(path).resolve())
        try:
            self._db = sqlite3.connect(str(path))
            self._db.execute("CREATE TABLE IF NOT EXISTS reports (source TEXT PRIMARY KEY, input_key TEXT,"
                             " graph TEXT, doc_id TEXT, counts TEXT, jsonl TEXT, digest BLOB, dedup BLOB)")
            self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            # what became of each input of a report file, to replay when the file has not changed
            self._db.execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, key TEXT, records TEXT)")
            # the graph page's and the alias table's state after the last build, to add the next reports to
            self._db.execute("CREATE TABLE IF NOT EXISTS outputs (key TEXT PRIMARY KEY, value BLOB)")
            # "does another source keep this graph?" is asked for every changed or removed source
            self._db.execute("CREATE INDEX IF NOT EXISTS reports_graph ON reports (graph)")
            # "was this file read before under another name?" is asked for every file not known by its own
            self._db.execute("CREATE INDEX IF NOT EXISTS files_key ON files (key)")
            # "was this report built before under another name?" is asked for every report not known by its own
            self._db.execute("CREATE INDEX IF NOT EXISTS reports_key ON reports (input_key)")
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(reports)")}
            if "dedup" not in columns:  # a cache of an earlier kg
                self._db.execute("ALTER TABLE reports ADD COLUMN dedup BLOB")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the build cache: {exc}", path=str(path),
                             hint="remove the file and build again; the next build processes every report") from exc

    def get(self, source: str) -> CacheRow | None:
        row = self._db.execute("SELECT input_key, graph, doc_id, counts, dedup FROM reports WHERE source = ?",
                               (source,)).fetchone()
        return None if row is None else CacheRow(row[0], row[1], row[2], json.loads(row[3]), row[4])

    def put(self, source: str, key: str, done: Processed, dedup: bytes | None = None) -> str | None:
        """Record ``done``; return the graph the source had before when no source keeps it any longer."""
        before = self._db.execute("SELECT graph FROM reports WHERE source = ?", (source,)).fetchone()
        self._db.execute("INSERT OR REPLACE INTO reports (source, input_key, graph, doc_id, counts, jsonl,"
                         " digest, dedup) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (source, key, done.graph, done.outcome.doc_id, json.dumps(done.outcome.counts),
                          done.jsonl, done.digest, dedup))
        if before and before[0] != done.graph and not self._db.execute(
                "SELECT 1 FROM reports WHERE graph = ?", (before[0],)).fetchone():
            return before[0]
        return None

    def rows_of_file(self, path: str) -> dict[str, CacheRow]:
        """The rows of the sources a file holds: the file itself, or its ``PATH:LINE`` records."""
        found = self._db.execute(f"SELECT source, input_key, graph, doc_id, counts, dedup {_OF_FILE}",
                                 _of_file(path)).fetchall()
        counts = json.loads(f"[{','.join(row[4] for row in found)}]")  # one parse, not one a row (100k: 0.9 s)
        return {row[0]: CacheRow(row[1], row[2], row[3], n, row[5]) for row, n in zip(found, counts)}

    def file_records(self, path: str, key: str) -> list[list] | None:
        """What the last build made of each input of the file ``path``, if the file then had ``key``."""
        row = self._db.execute("SELECT key, records FROM files WHERE path = ?", (path,)).fetchone()
        return json.loads(row[1]) if row and row[0] == key else None

    def set_files(self, entries: Iterable[tuple[str, str, list[list]]], paths: set[str]) -> None:
        """Record ``entries`` (path, key, records) and forget the files not in ``paths``."""
        self._db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?)",
                             [(path, key, json.dumps(records, ensure_ascii=False)) for path, key, records in entries])
        gone = [(path,) for (path,) in self._db.execute("SELECT path FROM files") if path not in paths]
        self._db.executemany("DELETE FROM files WHERE path = ?", gone)

    def path_with_key(self, key: str, taken: set[str]) -> str | None:
        """The path, not in ``taken``, under which the last build read a file whose key was ``key``."""
        for (path,) in self._db.execute("SELECT path FROM files WHERE key = ? ORDER BY path", (key,)):
            if path not in taken:
                return path
        return None

    def respell(self, old: str, new: str) -> bool:
        """Call the file ``old`` ``new`` from now on: its sources, their ``extraction.jsonl`` lines
        and its records (the same file named another way: ``reports/`` and ``./reports/``, a
        relative path and an absolute one, a folder moved or renamed). Nothing is done, and
        False returned, when the cache already holds sources under ``new``."""
        def moved(source: str) -> str:
            return new + source[len(old):]

        if self._db.execute(f"SELECT 1 {_OF_FILE}", _of_file(new)).fetchone():
            return False
        rows = self._db.execute(f"SELECT source {_OF_FILE}", _of_file(old)).fetchall()
        self._rename([(source, moved(source)) for source, in rows])
        key, records = self._db.execute("SELECT key, records FROM files WHERE path = ?", (old,)).fetchone()
        records = [[moved(source) if source == old or source.startswith(old + ":") else source, *rest]
                   for source, *rest in json.loads(records)]
        self._db.execute("DELETE FROM files WHERE path = ?", (old,))
        self._db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?)",
                         (new, key, json.dumps(records, ensure_ascii=False)))
        return True

    def take(self, key: str, source: str, taken: set[str]) -> CacheRow | None:
        """The row of a report the last build read under another source, not in ``taken``, with the
        input key ``key``, renamed to ``source``; None when there is none.

        The file was named another way and its outcomes were not recorded (it was written too
        recently to be trusted by size and time, see :data:`SETTLED_NS`), so only its reports'
        keys tell that they were built before. ``taken`` are the sources this build has kept:
        a report of theirs with this key would make ``source`` a duplicate, never a rename.
        """
        for (other,) in self._db.execute("SELECT source FROM reports WHERE input_key = ? ORDER BY source",
                                         (key,)).fetchall():
            if other != source and other not in taken:
                self._rename([(other, source)])
                return self.get(source)
        return None

    def _rename(self, pairs: list[tuple[str, str]]) -> None:
        """Call each source ``old`` of ``pairs`` ``new``: its row and its ``extraction.jsonl`` line."""
        def spelt(source: str) -> str:
            return f'"source": {json.dumps(source, ensure_ascii=False)}'

        lines = dict(self._db.execute(f"SELECT source, jsonl FROM reports WHERE source IN "
                                      f"({','.join('?' * len(pairs))})", [old for old, _ in pairs]).fetchall())
        self._db.executemany("UPDATE reports SET source = ?, jsonl = ? WHERE source = ?",
                             [(new, lines[old].replace(spelt(old), spelt(new), 1), old)
                              for old, new in pairs if old in lines])

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def outputs(self) -> OutputsState | None:
        """The outputs' state the last build left: held in this process (see :meth:`set_outputs`),
        when no other build has written one since, or else unpickled from the cache."""
        held = _HELD.pop(self._path, None)  # taken: a build that stops half way leaves none behind
        if held is not None and held[0] == self.meta("outputs"):
            return held[1]
        row = self._db.execute("SELECT value FROM outputs WHERE key = 'state'").fetchone()
        try:
            return pickle.loads(row[0]) if row else None
        except (pickle.UnpicklingError, AttributeError, EOFError, ImportError, TypeError):
            return None  # the state of an earlier kg: the outputs are written from scratch

    def set_outputs(self, state: OutputsState, *, hold: bool = False) -> None:
        """Keep ``state`` for the next build: pickled in the cache, or, ``hold``, in this process
        until :meth:`sync_held` pickles it (a watching build, whose next build takes it from
        memory: pickling and unpickling it is a third of a rebuild at 10k reports)."""
        token = uuid.uuid4().hex  # names this state: one held in memory is taken only while it is current
        self.set_meta("outputs", token)
        if hold:
            _HELD[self._path] = (token, state)
            self._db.execute("DELETE FROM outputs WHERE key = 'state'")  # no out-of-date state is left
        else:
            _HELD.pop(self._path, None)
            self._save_state(state)

    def _save_state(self, state: OutputsState) -> None:
        self._db.execute("INSERT OR REPLACE INTO outputs VALUES ('state', ?)",
                         (pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL),))

    def sync_held(self) -> bool:
        """Make the state this process holds for this cache and the one pickled in it the same: pickle
        the held state when it is current, or else hold the pickled one. Returns whether a state is held."""
        held, token = _HELD.get(self._path), self.meta("outputs")
        if held is not None and held[0] == token:
            self._save_state(held[1])
        else:
            state = self.outputs()
            if state is None:
                return False
            if token is None:  # the state of a kg before tokens
                token = uuid.uuid4().hex
                self.set_meta("outputs", token)
            _HELD[self._path] = (token, state)
        self._db.commit()
        return True

    def lines(self, sources: Iterable[str]) -> Iterator[str]:
        for source in sources:
            yield self._db.execute("SELECT jsonl FROM reports WHERE source = ?", (source,)).fetchone()[0]

    def digests(self, sources: Iterable[str]) -> Iterator[Extraction]:
        for source in sources:
            yield pickle.loads(self._db.execute("SELECT digest FROM reports WHERE source = ?",
                                                (source,)).fetchone()[0])

    def set_dedup(self, source: str, dedup: bytes) -> None:
        self._db.execute("UPDATE reports SET dedup = ? WHERE source = ?", (dedup, source))

    def forget(self, sources: set[str]) -> list[str]:
        """Drop the rows of every source not in ``sources``; return their graphs no other source keeps."""
        gone = [(source, graph) for source, graph in self._db.execute("SELECT source, graph FROM reports")
                if source not in sources]
        self._db.executemany("DELETE FROM reports WHERE source = ?", [(source,) for source, _ in gone])
        return sorted({graph for _, graph in gone if not self._db.execute(
            "SELECT 1 FROM reports WHERE graph = ?", (graph,)).fetchone()})

    def fingerprint(self) -> str | None:
        """The fingerprint of the reports the last build wrote out (see :func:`fingerprint`)."""
        return self.meta("written")

    def set_fingerprint(self, value: str) -> None:
        self.set_meta("written", value)

    def commit(self) -> None:
        self._db.commit()

    def close(self) -> None:
        self._db.commit()
        self._db.close()


# -- running the reports -------------------------------------------------------------
Task = tuple[InputOutcome | None, Report | None, str]  # a ready outcome, or a report to process; input key


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def run_serial(tasks: Iterable[Task], base: str, overrides: Overrides) -> Iterator[tuple[Task, Processed | None]]:
    """Process the reports of ``tasks`` one after the other in this process."""
    for task in tasks:
        yield task, (process_report(task[1], base, overrides) if task[1] is not None else None)


def build(inputs: Sequence[str | Path], outdir: str | Path, *, base: str | None = None,
          max_bytes: int = 5_000_000, progress: Progress | None = None,
          aliases: str | Path | None = None, jobs: int | None = 1, engine: str = "local",
          scheduler: str | None = None, exports: bool = True,
          store: str | None = None, hold_outputs: bool = False) -> BuildReport:
    """Build the knowledge graph of ``inputs`` into ``outdir``; re-running replaces, never duplicates.

    Parameters
    ----------
    inputs: report files, folders or globs.
    outdir: the output folder; a build into a folder that holds an earlier build
        skips every report whose input and settings are unchanged (status ``unchanged``)
        and replaces the named graph of a report whose source changed.
    aliases: a CSV of the user's corrections to merges (the columns of ``aliases.csv``).
    jobs: processes for the local engine (``None``: all cores; 1: this process).
    engine: ``local`` or ``dask`` (a ``dask.distributed`` cluster: ``scheduler``'s
        address, or a LocalCluster of ``jobs`` workers when None).
    exports: write the whole-graph files (Turtle, TriG, N-Quads, JSON-LD) and the
        diffusion tables; the store, ``extraction.jsonl`` and the page are always written.
    store: the URL of a SPARQL server to build into (SPARQL 1.1 Protocol and Graph
        Store Protocol, e.g. ``oxigraph serve``) instead of the embedded ``OUTDIR/store``.
    hold_outputs: keep the state ``extraction.jsonl``, the alias table and the page were
        written from in this process, for the next build into ``outdir`` to take up, rather
        than pickled in the build cache; :func:`hold_outputs_state` pickles it (a watching build).

    Returns
    -------
    BuildReport: every input with its outcome, the triple count and the files written.
    """
    from .parallel import check_not_bootstrapping
    from .rdf.serialise import DEFAULT_BASE, Iris
    from .rdf.remote import connect

    check_not_bootstrapping()
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}", hint=f"use one of: {', '.join(ENGINES)}")
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    base = base or DEFAULT_BASE
    jobs = default_jobs() if jobs is None else max(1, jobs)
    store = connect(store or out / "store")
    cache = BuildCache(out / "reports.sqlite")
    overrides = Overrides.read(aliases) if aliases else Overrides()
    settings = settings_key(base, aliases)

    read: dict = {}  # the report read last: its source, input key and cache row
    dedup: dict[str, bytes] = {}  # duplicate-check digests of the reports on their way to the cache

    def known(report: Report) -> bytes | None:
        """The duplicate-check digest the cache holds for an unchanged report (no need to normalise it)."""
        key, row = input_key(report, settings), cache.get(report.source)
        read.update(source=report.source, key=key, row=row)
        return row.dedup if row and row.input_key == key else None

    ledger: list[tuple[str, str, list[list]]] = []  # (path, key, records) of the files read, for the next build
    unread: list[Path] = []  # the folders' files in no report format
    paths: set[str] = set()

    def tasks() -> Iterator[Task]:
        import pyoxigraph as ox

        def has_graph(graph: str) -> bool:
            return store.contains_named_graph(ox.NamedNode(graph))

        seen = Deduplicator(known)
        taken: set[str] = set()  # sources kept unchanged so far
        for path in discover(inputs, unread=unread):
            paths.add(str(path))
            stamp = file_key(path, settings, max_bytes)
            records = cache.file_records(str(path), stamp) if stamp else None
            if stamp and records is None and (other := cache.path_with_key(stamp, paths)) \
                    and cache.respell(other, str(path)):  # the same file, named as the last build did not
                records = cache.file_records(str(path), stamp)
            outcomes = replay(records, cache.rows_of_file(str(path)), seen, has_graph) if records else None
            if outcomes is not None:  # an unchanged file: nothing to read
                for result in outcomes:
                    yield result, None, ""
                continue
            records = []
            for item in read_file(path, max_bytes=max_bytes, deduplicator=seen):
                if isinstance(item, Rejected):
                    digest = seen.last_key.hex() if item.status == "duplicate" else None
                    records.append([item.source, item.status, item.reason, digest])
                    yield InputOutcome(item.source, item.status, None, item.reason), None, ""
                    continue
                records.append([item.source, "kept", "", seen.last_key.hex()])
                key, cached = read["key"], read["row"]
                if cached is None:  # perhaps the same report, in a file named another way
                    cached = cache.take(key, item.source, taken)
                if cached and cached.input_key == key and has_graph(cached.graph):
                    taken.add(item.source)
                    if cached.dedup is None:  # a row of an earlier kg: keep the digest for the next build
                        cache.set_dedup(item.source, seen.last_key)
                    yield InputOutcome(item.source, "unchanged", cached.doc_id, "input and settings unchanged",
                                       cached.counts), None, key
                else:
                    dedup[item.source] = seen.last_key
                    yield None, item, key
            if stamp:
                ledger.append((str(path), stamp, records))

    if engine == "dask":
        from .dask_engine import run_on_dask

        results = run_on_dask(tasks(), base, overrides, scheduler=scheduler, workers=jobs,
                              parts=out / "parts")
    elif jobs > 1:
        from .parallel import run_in_pool

        results = run_in_pool(tasks(), base, overrides, jobs=jobs)
    else:
        results = run_serial(tasks(), base, overrides)

    outcomes: list[InputOutcome] = []
    kept: list[str] = []  # sources in extraction.jsonl, in input order
    fresh: set[str] = set()  # the kept sources this build processed
    batch: list[tuple[str, str, Processed, bytes | None]] = []  # processed since the last write
    # the store loads in a thread of its own while this process reads, extracts (with --jobs 1)
    # or hands out the next reports (the bulk loader lets go of the GIL)
    import pyoxigraph as ox

    # the store's quads are counted as they change (counting all of them takes 3.6 s at 100k
    # reports), from the count the last build left; the shared graphs are counted after the build
    # and compared with what they held when the last build ended (or now, if it left no count)
    counted, shared_left = cache.meta("quads"), cache.meta("shared_quads")
    counting = counted is not None and isinstance(store, ox.Store)
    cache.set_meta("quads", None)  # a build that stops half way leaves no count to start from
    cache.set_meta("shared_quads", None)
    cache.commit()
    shared = [Iris(base).gazetteer(), Iris(base).concepts()]
    if counting:
        shared_before = int(shared_left) if shared_left is not None else sum(graph_size(store, g) for g in shared)
    writer = StoreWriter(store, background=True, count=counting)
    touched = False  # whether this build has changed the store yet
    try:
        for (ready, report, key), done in results:
            result = ready if done is None else done.outcome
            outcomes.append(result)
            if progress:
                progress(result.source)
            if done is not None:
                if not touched:
                    # the store is about to change: the exports no longer hold, even if this build stops
                    cache.set_meta("exports", None)  # (committed with the batch)
                    touched = True
                batch.append((result.source, key, done, dedup.pop(result.source, None)))
                if len(batch) >= FLUSH_EVERY:
                    _write(writer, cache, batch)
                    batch = []
            if result.status in ("built", "unchanged"):
                if result.status == "built":
                    fresh.add(result.source)
                kept.append(result.source)
        _write(writer, cache, batch)
        # a source no longer built (gone from the inputs, now rejected or a duplicate) leaves the graph
        removed = cache.forget(set(kept))
        if removed:
            cache.set_meta("exports", None)
        writer.put([], removed, b"")
        writer.close()
        cache.set_files(ledger, paths)
        cache.commit()
        written = fingerprint(kept, settings)
        changed = any(o.status == "built" for o in outcomes) or bool(removed)
        if changed or cache.fingerprint() != written or not all(
                (out / name).exists() for name in ("extraction.jsonl", "aliases.csv", "graph.html")):
            _write_outputs(cache, kept, out, settings=settings, fresh=fresh, hold=hold_outputs)
            cache.set_fingerprint(written)
        shared_after = sum(graph_size(store, g) for g in shared) if isinstance(store, ox.Store) else None
        if counting and writer.delta is not None:
            quads = int(counted) + writer.delta + shared_after - shared_before
        else:
            quads = len(store)
        cache.set_meta("quads", str(quads))
        cache.set_meta("shared_quads", None if shared_after is None else str(shared_after))
        store.flush()
        triples = _exports(store, cache, out, base=base, exports=exports, written=written,
                           fresh=not changed and isinstance(store, ox.Store))
    finally:
        writer.close(wait=False)
        cache.close()
    files = FILES if exports else tuple(f for f in FILES if f not in RDF_EXPORTS)
    if exports:
        from .graphs.exports import GRAPH_FILES, TABLE_FILES

        files += TABLE_FILES + GRAPH_FILES
    report = BuildReport(str(out), tuple(outcomes), triples, files, quads, len(removed),
                         tuple(str(p) for p in unread))
    _write_report(report.to_json(), out / "build-report.json")
    return report


def _exports(store, cache: BuildCache, out: Path, *, base: str, exports: bool, written: str,
             fresh: bool) -> int | None:
    """Write the whole-graph files (RDF, diffusion tables, Gephi/GraphML) unless they are up to date;
    return the distinct triples of ``graph.ttl`` (None without exports).

    The files are up to date when this build changed nothing in the store (``fresh``), they were
    written from the very reports ``written`` names and every one of them is still there: a
    rebuild of an unchanged corpus then takes seconds, where writing them takes minutes at
    10k reports. A build that changes the store without exports removes the files an earlier
    build left: they would describe another graph than the store's.
    """
    from .graphs.exports import GRAPH_FILES, TABLE_FILES, write_graph_exports, write_tables
    from .graphs.store_graphs import load_store, region_program_graph
    from .rdf.serialise import write_exports

    names = RDF_EXPORTS + TABLE_FILES + GRAPH_FILES
    if not exports:
        if not fresh:
            for name in names:
                (out / name).unlink(missing_ok=True)
            cache.set_meta("exports", None)
            cache.commit()
        return None
    done, triples = cache.meta("exports"), cache.meta("triples")
    if fresh and done == written and triples is not None and all((out / name).exists() for name in names):
        return int(triples)
    cache.set_meta("exports", None)  # a build stopped while writing them leaves them out of date
    cache.commit()
    # counting distinct triples needs memory that grows with the graph: only the exports pay for it
    count = write_exports(store, out, base=base)
    graph = region_program_graph(load_store(store))  # read once for both (8 s at 10k reports)
    write_tables(store, out, graph=graph)
    write_graph_exports(store, out, graph=graph)
    cache.set_meta("exports", written)
    cache.set_meta("triples", str(count))
    cache.commit()
    return count


def _write_report(data: dict, path: Path) -> None:
    """``build-report.json``: the summary indented, then one input a line (JSON's C encoder; an
    indented dump of 100k inputs runs through the pure-Python one)."""
    head = {k: v for k, v in data.items() if k != "inputs"}
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    inputs = ",\n  ".join(json.dumps(i, ensure_ascii=False) for i in data["inputs"])
    path.write_text(f'{text},\n "inputs": [\n  {inputs}\n ]\n}}\n', encoding="utf-8")


@dataclass
class OutputsState:
    """What ``extraction.jsonl``, ``aliases.csv`` and ``graph.html`` were written from: the
    ``count`` kept sources (their :func:`fingerprint`, in input order), the size of
    ``extraction.jsonl``, and the page's and the alias table's state, ready to take more reports."""

    fingerprint: str
    count: int
    jsonl_bytes: int
    graph: object  # kg.graphs.networks.AdoptionGraph
    aliases: AliasTable


def _write_outputs(cache: BuildCache, kept: list[str], out: Path, *, settings: str, fresh: set[str],
                   hold: bool = False) -> None:
    """``extraction.jsonl``, ``aliases.csv`` and ``graph.html`` of the reports ``kept``, from the build cache.

    ``fresh`` are the kept sources this build processed. When the others are exactly the
    reports the last build wrote out, in the same order (reports were only added, wherever
    they fall in the input order), only the new reports are read from the cache: their
    digests are added to the state the last build kept (which does not depend on the order,
    see :class:`~kg.graphs.networks.AdoptionGraph`) and their lines are appended to
    ``extraction.jsonl`` or, if they fall between the others, merged into a copy of it.
    Otherwise every report's line and digest is read again.
    """
    from .graphs.networks import AdoptionGraph
    from .graphs.view import write_page

    jsonl = out / "extraction.jsonl"
    state = cache.outputs()
    known = [source for source in kept if source not in fresh]
    if not (state and state.count == len(known) and jsonl.exists() and jsonl.stat().st_size == state.jsonl_bytes
            and state.fingerprint == fingerprint(known, settings)):
        state, known = OutputsState("", 0, 0, AdoptionGraph(), AliasTable()), []
    added = [source for source in kept if source in fresh] if known else kept
    if kept[:len(known)] == known:  # nothing new before the last report written: append
        with jsonl.open("ab" if known else "wb") as lines:
            lines.writelines(line.encode("utf-8") for line in cache.lines(added))
    else:
        merged = jsonl.with_name(jsonl.name + ".tmp")
        with jsonl.open("rb") as old, merged.open("wb") as lines:
            new = cache.lines(added)
            lines.writelines(next(new).encode("utf-8") if source in fresh else next(old) for source in kept)
        os.replace(merged, jsonl)
    for extraction in cache.digests(added):  # each report's digest read once, for both
        state.aliases.add(extraction)
        state.graph.add(extraction)
    cache.set_outputs(replace(state, fingerprint=fingerprint(kept, settings), count=len(kept),
                              jsonl_bytes=jsonl.stat().st_size), hold=hold)
    write_aliases(state.aliases.rows(), out / "aliases.csv")
    write_page(state.graph.graph(), out / "graph.html", title="kg: initiatives across counties")


def hold_outputs_state(outdir: str | Path) -> bool:
    """Between the builds of a watching build: pickle into ``outdir``'s build cache the outputs'
    state the last build (with ``hold_outputs``) left in this process, or, when it left none
    (nothing changed), load the pickled one into this process, so that the next build takes it
    from memory. Returns whether this process holds a state."""
    path = Path(outdir) / "reports.sqlite"
    if not path.exists():
        return False
    cache = BuildCache(path)
    try:
        return cache.sync_held()
    finally:
        cache.close()


#: Graphs a build counts one by one as it removes them; past this, it counts the whole store at the end.
MAX_COUNTED = 2000


def graph_size(store, graph) -> int:
    """The number of quads in the named graph ``graph`` of ``store``."""
    result = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
    return int(next(iter(result))[0].value)


def _write(writer: StoreWriter, cache: BuildCache, batch: list[tuple[str, str, Processed, bytes | None]]) -> None:
    """Record a batch of processed reports in the build cache and send their graphs to the store.

    A graph a changed source no longer has, and no other source keeps, is dropped.
    Writing reports in batches, and flushing after each, bounds the memory of a
    build (RocksDB keeps unflushed writes in memory) and pays the store's
    per-load cost once per batch. The cache row of a report may be committed before
    its graph reaches the store: a report counts as unchanged only when both hold it.
    """
    if not batch:
        return
    stale = [graph for source, key, done, dedup in batch if (graph := cache.put(source, key, done, dedup))]
    cache.commit()
    writer.put([done.graph for _, _, done, _ in batch], stale, b"".join(done.nquads for _, _, done, _ in batch),
               sum(done.size for _, _, done, _ in batch))


class StoreWriter:
    """Writes batches of report graphs to a store, in order: in this thread, or in a thread of its own.

    Each batch replaces the named graphs it holds (removing those that exist),
    drops the stale graphs it names, bulk-loads its N-Quads and flushes. In the
    background, at most two batches wait; an error in the thread is raised here,
    at the next :meth:`put` or at :meth:`close`, as a :class:`~kg.errors.StoreError`.
    """

    def __init__(self, store, *, background: bool = False, count: bool = False):
        import queue
        import threading

        self.store = store
        # quads written minus quads removed, in the report graphs; None: not counted (or too
        # many graphs to count one by one were removed: len(store) is cheaper then)
        self.delta: int | None = 0 if count else None
        self._counted = 0  # graphs counted as they were removed
        self._error: BaseException | None = None
        self._queue: queue.Queue | None = queue.Queue(maxsize=2) if background else None
        self._thread = threading.Thread(target=self._run, name="kg-store-writer", daemon=True) \
            if background else None
        if self._thread:
            self._thread.start()

    def put(self, graphs: list[str], stale: list[str], nquads: bytes, size: int = 0) -> None:
        """Write a batch: ``graphs`` replaced by ``nquads`` (``size`` quads in those graphs), ``stale`` dropped."""
        self._raise()
        if self._queue is None:
            try:
                self._write(graphs, stale, nquads, size)
            except (OSError, RuntimeError) as exc:
                self._error = exc
                self._raise()
        else:
            self._queue.put((graphs, stale, nquads, size))

    def close(self, *, wait: bool = True) -> None:
        """Wait for every batch to be written (raising the thread's error), or, ``wait=False``, just stop."""
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        if wait:
            self._raise()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if self._error is None:  # after an error, batches are drained, not written
                try:
                    self._write(*item)
                except BaseException as exc:  # noqa: BLE001 - raised again in the building thread
                    self._error = exc

    def _count_out(self, graph) -> None:
        """Take the quads of ``graph``, about to be removed, off :attr:`delta`."""
        if self.delta is None:
            return
        self._counted += 1
        if self._counted > MAX_COUNTED:
            self.delta = None
            return
        self.delta -= graph_size(self.store, graph)

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            if isinstance(error, StoreError):
                raise error
            raise StoreError(f"cannot write report graphs to the store: {error}",
                             hint="check free disk space and that no other process writes the store") from error

    def _write(self, graphs: list[str], stale: list[str], nquads: bytes, size: int = 0) -> None:
        import pyoxigraph as ox

        store = self.store
        for graph in [g for g in map(ox.NamedNode, graphs) if store.contains_named_graph(g)] + \
                [ox.NamedNode(g) for g in stale]:
            self._count_out(graph)
            store.remove_graph(graph)
        if self.delta is not None:
            self.delta += size
        if nquads:  # kg wrote these N-Quads itself (IRIs escaped, literals quoted): the
            # bulk loader need not validate them again (lenient parsing: 15 % less load time)
            if isinstance(store, ox.Store):
                store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
            else:
                store.load(nquads, format=ox.RdfFormat.N_QUADS)
        store.flush()

