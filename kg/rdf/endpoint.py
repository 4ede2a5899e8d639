"""A read-only SPARQL 1.1 Protocol endpoint over a build's store: ``kg serve OUTDIR``.

``GET /sparql?query=…``, ``POST /sparql`` form-encoded (``query=…``) or with the
query as an ``application/sparql-query`` body. SELECT and ASK answer as SPARQL
results in JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE as Turtle, N-Triples,
JSON-LD or RDF/XML, chosen by the ``format`` parameter (``json``, ``turtle``, …,
or a media type), else by the ``Accept`` header, else JSON / Turtle. ``GET /``
serves the build's graph page. Like ``kg query``, the default graph is the union
of every report's graph (``default-graph-uri`` / ``named-graph-uri`` narrow it).

Read-only: the store is opened read-only and SPARQL Update (``update=`` or an
``application/sparql-update`` body) is refused with 403. A query that runs longer
than ``timeout`` seconds is stopped and answered 503: queries run in a small pool
of worker processes (:class:`QueryPool`), and pyoxigraph cannot interrupt a query
in a thread, so the worker running it is killed and replaced. Rows (or triples)
past ``limit`` are cut and the answer carries ``KG-Truncated: true``; every answer
to a query names the limit in ``KG-Result-Limit``. Design and measured overhead:
``docs/decisions/0006-endpoint-and-remote-store.md``.
"""
from __future__ import annotations

import json
from itertools import islice
import multiprocessing
import queue
import sys
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from ..errors import ConfigError, QueryError
from .namespaces import PREFIXES
from .store import open_store

__all__ = ["Answer", "FORMATS", "QueryPool", "QueryRequest", "make_server", "negotiate", "serve"]

#: Result formats by short name: (media type, pyoxigraph format). SELECT/ASK use the first four.
FORMATS: dict[str, tuple[str, object]] = {
    "json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "csv": ("text/csv", ox.QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}
_SOLUTIONS = ("json", "xml", "csv", "tsv")
_GRAPHS = ("turtle", "ntriples", "jsonld", "rdfxml")
# other names clients use; for a graph, "json" and "xml" mean JSON-LD and RDF/XML
_NAMES = {"application/json": "json", "text/xml": "xml", "application/xml": "xml",
          "application/x-turtle": "turtle", "application/turtle": "turtle", "text/plain": "ntriples",
          "nt": "ntriples", "n-triples": "ntriples", "ttl": "turtle", "json-ld": "jsonld", "rdf": "rdfxml"}
_AS_GRAPH = {"json": "jsonld", "xml": "rdfxml"}
_MAX_BODY = 1_000_000
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def negotiate(form: str, fmt: str | None, accept: str | None) -> str:
    """The short name of the format to answer a ``form`` query in (``select``, ``ask``, ``construct``, ``describe``).

    An explicit ``fmt`` (short name or media type) wins; else the ``Accept`` entry
    of highest q that kg can write; else ``json`` for solutions, ``turtle`` for graphs.

    Parameters
    ----------
    form: the query form, lower case.
    fmt: the request's ``format`` parameter, or None.
    accept: the request's ``Accept`` header, or None.

    Returns
    -------
    A key of :data:`FORMATS`. Raises :class:`~kg.errors.QueryError` for an unknown ``fmt``.

    Example
    -------
    >>> negotiate("select", None, "text/csv;q=0.5, application/sparql-results+xml")
    'xml'
    >>> negotiate("construct", "json", None)
    'jsonld'
    """
    allowed = _SOLUTIONS if form in ("select", "ask") else _GRAPHS

    def name(text: str) -> str | None:
        text = text.strip().lower()
        by_type = {media: key for key, (media, _) in FORMATS.items()}
        key = _NAMES.get(text) or (text if text in FORMATS else None)
        if key is None:
            key = by_type.get(text)  # a full media type means just that format
        elif allowed is _GRAPHS:
            key = _AS_GRAPH.get(key, key)
        return key if key in allowed else None

    if fmt:
        chosen = name(fmt)
        if chosen is None:
            raise QueryError(f"cannot answer a {form.upper()} query as {fmt!r}",
                             hint=f"use format= one of {', '.join(allowed)}")
        return chosen
    entries = []
    for position, entry in enumerate((accept or "").split(",")):
        media, *params = entry.split(";")
        q = next((p.split("=", 1)[1] for p in params if p.strip().startswith("q=")), "1")
        try:
            entries.append((-float(q), position, media))
        except ValueError:
            continue
    for _, _, media in sorted(entries):
        if name(media):
            return name(media)
    return allowed[0]


@dataclass(frozen=True)
class QueryRequest:
    """One query as the protocol delivered it."""

    sparql: str
    fmt: str | None = None
    accept: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, media type, body and extra headers."""

    status: int
    media_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = field(default=())


def _text(status: HTTPStatus, message: str) -> Answer:
    return Answer(int(status), "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))


# -- the worker side: runs in its own process -----------------------------------------------------

def _binding(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}  # an RDF-star triple term, written as text


def _limit_header(limit: int, truncated: bool) -> tuple[tuple[str, str], ...]:
    return (("KG-Result-Limit", str(limit)),) + ((("KG-Truncated", "true"),) if truncated else ())


def _first(results, limit: int) -> tuple[list, bool]:
    """The first ``limit`` results, and whether more were left behind."""
    taken = list(islice(results, limit + 1))
    return taken[:limit], len(taken) > limit


def answer_query(store: ox.Store, request: QueryRequest, limit: int) -> Answer:
    """Run ``request`` on ``store`` and write the answer, at most ``limit`` rows or triples (in a worker)."""
    graphs = {}
    if request.default_graphs:
        graphs["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs]
    else:
        graphs["use_default_graph_as_union"] = True
    if request.named_graphs:
        graphs["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    try:
        result = store.query(request.sparql, **graphs)
        if isinstance(result, ox.QueryBoolean):
            form = "ask"
            document = {"head": {}, "boolean": bool(result)}
            truncated = False
        elif isinstance(result, ox.QuerySolutions):
            form = "select"
            variables = [v.value for v in result.variables]
            solutions, truncated = _first(result, limit)
            rows = [{v: _binding(s[v]) for v in variables if s[v] is not None} for s in solutions]
            document = {"head": {"vars": variables}, "results": {"bindings": rows}}
        else:
            form = "construct"
            triples, truncated = _first(result, limit)
        fmt = negotiate(form, request.fmt, request.accept)
        media, syntax = FORMATS[fmt]
        if form == "construct":
            body = ox.serialize(triples, format=syntax, **({"prefixes": PREFIXES} if fmt == "turtle" else {}))
        else:
            body = json.dumps(document, ensure_ascii=False).encode("utf-8")
            if fmt != "json":
                body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=syntax)
        text = media.startswith("text/") or fmt in ("json", "ntriples", "jsonld")
        return Answer(200, media + ("; charset=utf-8" if text else ""), body, _limit_header(limit, truncated))
    except (SyntaxError, ValueError) as exc:
        return _text(HTTPStatus.BAD_REQUEST, f"malformed query: {exc}")
    except QueryError as exc:
        return _text(HTTPStatus.NOT_ACCEPTABLE, str(exc))
    except (RuntimeError, OSError) as exc:
        return _text(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query failed: {exc}")


def _work(store_path: str, connection) -> None:  # pragma: no cover - runs in a worker process
    store = ox.Store.read_only(store_path)
    while True:
        try:
            request, limit = connection.recv()
        except (EOFError, KeyboardInterrupt):
            return
        connection.send(answer_query(store, request, limit))


# -- the server side --------------------------------------------------------------------------------

class _Worker:
    def __init__(self, context, store: Path):
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_work, args=(str(store), theirs), daemon=True)
        self.process.start()
        theirs.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class QueryPool:
    """Worker processes, each with the store open read-only; a query past its time is killed.

    Parameters
    ----------
    store: the store folder (``OUTDIR/store``).
    workers: queries that may run at once; more wait for a free worker, within ``timeout``.
    timeout: seconds a query may run (and wait for a worker) before it is stopped.
    limit: rows or triples an answer holds at most.

    Example
    -------
    ``QueryPool(Path("output/store")).run(QueryRequest("ASK { ?s ?p ?o }"))`` is an
    :class:`Answer` with status 200 and a JSON boolean. Each query costs one round
    trip through a pipe (about 1 ms); a killed worker is replaced by a fresh process.
    """

    def __init__(self, store: Path, *, workers: int = 2, timeout: float = 10.0, limit: int = 10_000):
        if workers < 1 or timeout <= 0 or limit < 1:
            raise ConfigError("workers, timeout and limit must be positive",
                              hint="e.g. --workers 2 --timeout 10 --limit 10000")
        open_store(store, read_only=True)  # a missing or damaged store fails here, with its path
        self.store, self.timeout, self.limit = Path(store), timeout, limit
        self._context = multiprocessing.get_context("spawn")  # never fork a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        for _ in range(workers):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self.store)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
        self._idle.put(self._start())

    def run(self, request: QueryRequest) -> Answer:
        """Answer ``request``, or 503 when it ran (or waited for a worker) longer than the timeout."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return _text(HTTPStatus.SERVICE_UNAVAILABLE,
                         f"every worker is busy: no query could start within {self.timeout:g} s; retry later")
        try:
            worker.connection.send((request, self.limit))
            if worker.connection.poll(self.timeout):
                answer = worker.connection.recv()
                self._idle.put(worker)
                return answer
        except (EOFError, OSError):
            self._replace(worker)
            return _text(HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker died; the query was not answered")
        self._replace(worker)
        return _text(HTTPStatus.SERVICE_UNAVAILABLE,
                     f"query timeout: stopped after {self.timeout:g} s (kg serve --timeout); "
                     "narrow the query or add a LIMIT")

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()


# -- HTTP ---------------------------------------------------------------------------------------------

_USAGE = ("kg SPARQL endpoint: GET /sparql?query=..., or POST /sparql with a form (query=...) or an "
          "application/sparql-query body; format=json|xml|csv|tsv|turtle|ntriples|jsonld or an Accept header")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, pool: QueryPool, page: Path, quiet: bool):
        super().__init__(address, _Handler)
        self.pool, self.page, self.quiet = pool, page, quiet

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "kg-sparql"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if not self.server.quiet:
            super().log_message(format, *args)

    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.media_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Vary", "Accept")
        for name, value in answer.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/sparql":
            self._send(self._protocol(params))
        elif url.path in ("/", "/graph.html") and not params:
            if self.server.page.is_file():
                self._send(Answer(200, "text/html; charset=utf-8", self.server.page.read_bytes()))
            else:
                self._send(_text(HTTPStatus.NOT_FOUND, f"no graph page in this build ({self.server.page.name})"))
        else:
            self._send(_text(HTTPStatus.NOT_FOUND, _USAGE))

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._send(_text(HTTPStatus.NOT_FOUND, _USAGE))
        params = parse_qs(url.query, keep_blank_values=True)
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            return self._send(_read_only())
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            return self._send(_text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a request body of at most {_MAX_BODY} bytes"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        if media == "application/x-www-form-urlencoded":
            for name, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(name, []).extend(values)
        elif media == "application/sparql-query":
            if "query" in params:
                return self._send(_text(HTTPStatus.BAD_REQUEST, "the query is both in the body and in the URL"))
            params["query"] = [body]
        else:
            return self._send(_text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                                    "POST application/x-www-form-urlencoded or application/sparql-query"))
        self._send(self._protocol(params))

    def _protocol(self, params: Mapping[str, Sequence[str]]) -> Answer:
        if "update" in params:
            return _read_only()
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return _text(HTTPStatus.BAD_REQUEST, "give exactly one query. " + _USAGE)
        request = QueryRequest(queries[0], (params.get("format") or [None])[0], self.headers.get("Accept"),
                               tuple(params.get("default-graph-uri", ())), tuple(params.get("named-graph-uri", ())))
        return self.server.pool.run(request)


def _read_only() -> Answer:
    return _text(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused. "
                 "Change the graph by building again (kg build ... -o OUTDIR), then restart kg serve")


def make_server(outdir: str | Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
                limit: int = 10_000, workers: int = 2, quiet: bool = False) -> ThreadingHTTPServer:
    """A started-but-not-serving endpoint over ``outdir``'s store; call ``serve_forever()`` on it.

    ``port=0`` picks a free port (``server.server_address[1]``). ``server_close()`` also
    stops the query workers.
    """
    outdir = Path(outdir)
    pool = QueryPool(outdir / "store", workers=workers, timeout=timeout, limit=limit)
    try:
        return _Server((host, port), pool, outdir / "graph.html", quiet)
    except OSError as exc:
        pool.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                          hint="choose another --port, or stop what listens there") from exc


def serve(outdir: str | Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
          limit: int = 10_000, workers: int = 2) -> None:
    """Serve ``outdir``'s store and graph page until interrupted (``kg serve``)."""
    server = make_server(outdir, host=host, port=port, timeout=timeout, limit=limit, workers=workers)
    shown = f"[{host}]" if ":" in host else host
    print(f"kg: SPARQL endpoint http://{shown}:{server.server_address[1]}/sparql, "
          f"graph page http://{shown}:{server.server_address[1]}/ (Ctrl-C stops)", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
