"""A SPARQL server as kg's store: ``--store http://HOST:PORT``.

:class:`RemoteStore` speaks the SPARQL 1.1 Protocol (queries) and SPARQL 1.1
Update (writes) to a server such as Oxigraph's (``pip install oxigraph``, then
``oxigraph serve --location DIR --bind 127.0.0.1:7878``). It offers the part of
``pyoxigraph.Store`` that kg uses, so the same code runs on either:

- :func:`kg.rdf.store.query` (``store.query`` with the union default graph and
  bindings) returns the same :class:`~kg.rdf.store.Result`;
- :func:`kg.rdf.store.replace_report` and the build (``remove_graph``, ``extend``,
  ``load``, ``contains_named_graph``, ``flush``);
- :func:`kg.rdf.serialise.write_exports` and validation read its quads by iterating it.

:func:`connect` opens the embedded store for a folder and a RemoteStore for a URL.
Bindings become a ``VALUES`` block at the start of the query's WHERE group (the
SPARQL Protocol has no parameters); the union default graph is asked for with
Oxigraph's ``union-default-graph`` parameter (pass ``union_parameter=None`` to a
server configured to use the union as its default graph, e.g. Fuseki's
``unionDefaultGraph``). Iterating yields the quads of the named graphs, where kg
writes everything. See ``docs/decisions/0006-endpoint-and-remote-store.md``.
"""
from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError, StoreError

__all__ = ["RemoteStore", "connect", "is_url", "with_values"]

#: Quads per INSERT DATA request.
CHUNK = 20_000

_TOKEN = re.compile(r'''#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
                    r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>'''
                    r'''|[?$][\w]+|[{}]|[A-Za-z_][\w-]*:?''')
_FORMS = {"select", "ask", "construct", "describe"}


def is_url(target: str | Path) -> bool:
    """Whether ``target`` names a SPARQL server rather than a store folder."""
    return isinstance(target, str) and target.lower().startswith(("http://", "https://"))


def with_values(sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """``sparql`` with ``bindings`` as a ``VALUES`` block opening its WHERE group.

    The block joins the group's first pattern, so a FILTER anywhere in the group
    sees the bound value, as with pyoxigraph's substitutions.

    Parameters
    ----------
    sparql: a SELECT, ASK, CONSTRUCT or DESCRIBE query.
    bindings: variable name (without ``?``) to an IRI or literal.

    Returns
    -------
    The query text with ``VALUES (?a ?b) { (… …) }`` after the WHERE group's ``{``.

    Example
    -------
    >>> with_values('SELECT ?code WHERE { ?r <http://x/code> ?code }', {"code": ox.Literal("420322")})
    'SELECT ?code WHERE { VALUES (?code) { ("420322") } ?r <http://x/code> ?code }'
    """
    if not bindings:
        return sparql
    for value in bindings.values():
        if not isinstance(value, (ox.NamedNode, ox.Literal)):
            raise QueryError(f"cannot send a binding of {value!r} to a SPARQL server",
                             hint="bind an IRI or a literal")
    block = (f"VALUES ({' '.join('?' + name for name in bindings)}) "
             f"{{ ({' '.join(str(value) for value in bindings.values())}) }} ")
    form = None
    depth = 0
    template_done = False
    for token in _TOKEN.finditer(sparql):
        text = token.group()
        if form is None:
            if text.lower() in _FORMS:
                form = text.lower()
            continue
        if form == "construct" and not template_done:
            if text.lower() == "where":
                template_done = True
            elif text == "{":
                depth += 1
            elif text == "}":
                depth -= 1
                template_done = depth == 0
            continue
        if text == "{":
            return sparql[:token.end()] + " " + block + sparql[token.end():].lstrip()
    raise QueryError("cannot find the WHERE group of the query to bind variables in",
                     hint="check the query is a SELECT, ASK, CONSTRUCT or DESCRIBE with a WHERE group")


class RemoteStore:
    """A SPARQL 1.1 server holding kg's graphs: ``RemoteStore("http://127.0.0.1:7878")``.

    Parameters
    ----------
    url: the server's base URL; queries go to ``url/query_path``, updates to ``url/update_path``.
    read_only: refuse every write with a :class:`~kg.errors.StoreError`.
    union_parameter: the request parameter that makes the default graph the union of all
        graphs (Oxigraph's ``union-default-graph``), or None for a server configured so.
    timeout: seconds to wait for one HTTP answer.
    """

    def __init__(self, url: str, *, read_only: bool = False, query_path: str = "query",
                 update_path: str = "update", union_parameter: str | None = "union-default-graph",
                 timeout: float = 300.0):
        if not is_url(url):
            raise StoreError("not an http(s) URL", path=url, hint="give the server's URL, e.g. http://127.0.0.1:7878")
        self.url = url.rstrip("/")
        self.query_url = f"{self.url}/{query_path}"
        self.update_url = f"{self.url}/{update_path}"
        self.read_only = read_only
        self.union_parameter = union_parameter
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r}{', read_only=True' if self.read_only else ''})"

    # -- HTTP ---------------------------------------------------------------------------
    def _post(self, url: str, body: bytes, media_type: str, accept: str | None = None) -> tuple[str, bytes]:
        headers = {"Content-Type": media_type, **({"Accept": accept} if accept else {})}
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return answer.headers.get("Content-Type", "").split(";")[0].strip(), answer.read()
        except urllib.error.HTTPError as exc:
            reason = exc.read().decode("utf-8", "replace").strip()[:500]
            if exc.code == 400:
                raise QueryError(f"the server refused the request: {reason}", path=url,
                                 hint="fix the query or update text") from exc
            raise StoreError(f"the server answered {exc.code}: {reason}", path=url,
                             hint="check the server's log, and that it accepts SPARQL 1.1 Protocol and Update") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the SPARQL server: {reason}", path=url,
                             hint="start it (oxigraph serve --location DIR --bind HOST:PORT) or check the URL") from exc

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the server."""
        if self.read_only:
            raise StoreError("the store was opened read-only", path=self.url,
                             hint="connect without read_only to write")
        self._post(self.update_url, sparql.encode("utf-8"), "application/sparql-update")

    def _select(self, sparql: str, *, union: bool) -> ox.QuerySolutions | ox.QueryBoolean:
        _, body = self._ask_server(sparql, union=union, accept="application/sparql-results+json")
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)

    def _ask_server(self, sparql: str, *, union: bool, accept: str) -> tuple[str, bytes]:
        form = {"query": sparql}
        if union and self.union_parameter:
            form[self.union_parameter] = "true"
        return self._post(self.query_url, urllib.parse.urlencode(form).encode("ascii"),
                          "application/x-www-form-urlencoded", accept)

    # -- what kg uses of pyoxigraph.Store -----------------------------------------------------
    def query(self, query: str, *, use_default_graph_as_union: bool = False,
              substitutions: Mapping[ox.Variable, ox.NamedNode | ox.Literal] | None = None):
        """Like ``pyoxigraph.Store.query``: solutions, a boolean, or an iterator of triples."""
        sparql = with_values(query, {v.value: t for v, t in (substitutions or {}).items()})
        media, body = self._ask_server(sparql, union=use_default_graph_as_union,
                                       accept="application/sparql-results+json, application/n-triples;q=0.9, "
                                              "text/turtle;q=0.8")
        results = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
                   "application/sparql-results+xml": ox.QueryResultsFormat.XML,
                   "text/tab-separated-values": ox.QueryResultsFormat.TSV}
        graphs = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE}
        if media in results:
            return ox.parse_query_results(body, format=results[media])
        if media in graphs:
            return iter([ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=graphs[media])])
        raise StoreError(f"the server answered in {media or 'an unnamed format'}", path=self.query_url,
                         hint="use a server that answers SPARQL results in JSON and graphs in N-Triples")

    def remove_graph(self, graph: ox.NamedNode) -> None:
        """Drop the named graph ``graph`` (nothing happens when the server has no such graph)."""
        self.update(f"DROP SILENT GRAPH {graph}")

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add ``quads`` with ``INSERT DATA``, :data:`CHUNK` quads a request."""
        quads = iter(quads)
        while chunk := list(islice(quads, CHUNK)):
            self.update(_insert_data(chunk))

    def add(self, quad: ox.Quad) -> None:
        self.extend([quad])

    def load(self, input: bytes | str, format: ox.RdfFormat, **options) -> None:  # noqa: A002 - pyoxigraph's names
        """Parse ``input`` (any RDF format pyoxigraph reads) and add its quads."""
        self.extend(ox.parse(input, format=format, **options))

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return bool(self._select(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}", union=False))

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        for solution in self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False):
            yield solution["g"]

    def __iter__(self) -> Iterator[ox.Quad]:
        """The quads of every named graph (kg writes nothing to the default graph)."""
        for s in self._select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False):
            yield ox.Quad(s["s"], s["p"], s["o"], s["g"])

    def __len__(self) -> int:
        solutions = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)
        return int(next(iter(solutions))["n"].value)

    def flush(self) -> None:
        """Nothing to do: the server persists every update it acknowledged."""

    def optimize(self) -> None:
        """Nothing to do: the server manages its storage."""


def _insert_data(quads: list[ox.Quad]) -> str:
    by_graph: dict[object, list[str]] = {}
    for quad in quads:
        by_graph.setdefault(quad.graph_name, []).append(f"{quad.subject} {quad.predicate} {quad.object} .")
    parts = []
    for graph, triples in by_graph.items():
        body = "\n".join(triples)
        parts.append(body if isinstance(graph, ox.DefaultGraph) else f"GRAPH {graph} {{\n{body}\n}}")
    return "INSERT DATA {\n" + "\n".join(parts) + "\n}"


def connect(target: str | Path, *, read_only: bool = False):
    """The store ``target`` names: a :class:`RemoteStore` for an http(s) URL, else the embedded store folder.

    >>> connect("http://127.0.0.1:7878", read_only=True)
    RemoteStore('http://127.0.0.1:7878', read_only=True)
    """
    if is_url(target):
        return RemoteStore(str(target), read_only=read_only)
    from .store import open_store

    return open_store(target, read_only=read_only)
