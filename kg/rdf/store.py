"""The SPARQL store: an on-disk pyoxigraph store holding one named graph per report.

Queries see every report at once (the default graph is the union of all graphs),
take their parameters as bindings (terms, never raw text) and come back as a
:class:`Result` that :func:`format_result` prints as a table, CSV or JSON.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError, StoreError

__all__ = ["Result", "format_result", "open_store", "query", "replace_report"]

Term = ox.NamedNode | ox.BlankNode | ox.Literal


def open_store(path: str | Path, *, read_only: bool = False) -> ox.Store:
    """The store in folder ``path`` (created if missing unless ``read_only``)."""
    path = Path(path)
    if read_only and not (path / "CURRENT").is_file():
        raise StoreError("no store here", path=str(path), hint="build one first: kg build INPUTS -o OUTDIR")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as exc:
        reason = str(exc)
        if "lock" in reason.lower():
            raise StoreError("the store is in use by another build or process", path=str(path),
                             hint="wait for it to finish, or open it read-only to query") from exc
        raise StoreError(f"cannot open the store: {reason}", path=str(path),
                         hint="give a folder kg may write, or remove a damaged store and rebuild") from exc


def replace_report(store: ox.Store, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
    """Drop what the store holds in the report's named graph ``graph``, then add ``quads``.

    Re-loading a report therefore never duplicates or keeps stale statements; quads
    in other graphs (the shared gazetteer) are added, which is idempotent.
    """
    try:
        store.remove_graph(graph)
        store.extend(quads)
    except OSError as exc:  # pragma: no cover - a failing disk
        raise StoreError(f"cannot load graph {graph.value}: {exc}",
                         hint="check free disk space and that no other process writes the store") from exc


@dataclass(frozen=True)
class Result:
    """A query's answer: column names and rows of terms (None where a variable is unbound).

    An ASK query has the one column ``ask``; CONSTRUCT and DESCRIBE have
    ``subject``, ``predicate``, ``object``.
    """

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]

    def records(self) -> list[dict[str, str | None]]:
        """The rows as dicts of plain strings: IRIs and literal values."""
        return [{v: None if t is None else t.value for v, t in zip(self.variables, row)} for row in self.rows]


def _term(value: object) -> Term:
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return value
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise QueryError(f"cannot bind a {type(value).__name__} ({value!r})",
                     hint="bind a string, an integer or a pyoxigraph term")


_POSITION = re.compile(r"error at (\d+):(\d+)")


def query(store: ox.Store, sparql: str, bindings: Mapping[str, object] | None = None) -> Result:
    """Run ``sparql`` over all reports, with ``bindings`` (``{"code": "420322"}``) as fixed values.

    A string binds a plain literal; pass a ``pyoxigraph.NamedNode`` to bind an IRI. A bound
    variable must be selected (``SELECT ?code ...``). A statement several reports make
    matches once per report: use ``DISTINCT`` or ``COUNT(DISTINCT ...)``.
    """
    substitutions = {ox.Variable(name.lstrip("?$")): _term(value) for name, value in (bindings or {}).items()}
    try:
        answer = store.query(_planned(sparql, substitutions), use_default_graph_as_union=True,
                             substitutions=substitutions)
        if isinstance(answer, ox.QueryBoolean):
            return Result(("ask",), ((ox.Literal(str(bool(answer)).lower()),),))
        if isinstance(answer, ox.QuerySolutions):
            variables = tuple(v.value for v in answer.variables)
            return Result(variables, tuple(tuple(solution[v] for v in variables) for solution in answer))
        return Result(("subject", "predicate", "object"),
                      tuple((t.subject, t.predicate, t.object) for t in answer))
    except SyntaxError as exc:
        found = _POSITION.search(str(exc))
        where = f" at line {found.group(1)}, column {found.group(2)}" if found else ""
        raise QueryError(f"SPARQL syntax error{where}: {exc}", hint="fix the query text") from exc
    except RuntimeError as exc:  # e.g. a bound variable the query does not select
        raise QueryError(f"cannot run the query: {exc}",
                         hint="select every bound variable, and bind only variables the query uses") from exc
    except OSError as exc:
        raise StoreError(f"the store cannot be read: {exc}", hint="rebuild the store") from exc


def _planned(sparql: str, substitutions: Mapping[ox.Variable, Term]) -> str:
    """``sparql`` with its bound values also in a ``VALUES`` block opening its WHERE group.

    Oxigraph plans a query before it applies substitutions, so a bound value narrows nothing
    until the end: ``programs_of_county`` joined every adoption of 10,000 reports (2 s) before it
    kept one county's. Written in the query, the value is where the plan starts (3 ms). The
    substitutions stay, so a bound variable the query does not select is still an error.
    """
    if not substitutions or not all(isinstance(t, (ox.NamedNode, ox.Literal)) for t in substitutions.values()):
        return sparql
    from .remote import with_values

    try:
        return with_values(sparql, {variable.value: term for variable, term in substitutions.items()})
    except QueryError:  # no WHERE group to open: oxigraph says what is wrong with the query
        return sparql


def _cell(term: Term | None) -> str:
    return "" if term is None else term.value


def format_result(result: Result, fmt: str = "table") -> str:
    """``result`` as ``table`` (rich, for a terminal), ``csv`` (header row first) or ``json`` (list of objects)."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows([_cell(t) for t in row] for row in result.rows)
        return out.getvalue()
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=1) + "\n"
    if fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table(*result.variables)
        for row in result.rows:
            table.add_row(*(_cell(t) for t in row))
        console = Console(file=io.StringIO(), width=160, color_system=None)
        console.print(table)
        return console.file.getvalue()
    raise QueryError(f"unknown output format {fmt!r}", hint="use table, csv or json")
