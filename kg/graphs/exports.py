"""Files for other tools: Gephi (GEXF with a timeline), GraphML, and CSV tables for statistics.

:func:`write_graph_exports` and :func:`write_tables` are what a build writes
next to the RDF (``kg export`` runs them on an existing build):

=========================  ==================================================================
``adoptions.gexf``         region–program graph; each node and ``adopts`` edge starts on its
                           first adoption date, so Gephi's timeline replays the diffusion
``adoptions.graphml``      the same graph as GraphML (lists joined with `` | ``)
``coadoption.graphml``     programs linked by the counties that adopted both (``weight``)
``cascades.graphml``       the inferred who-may-have-influenced-whom network (``support``, ``credit``)
``adoptions.csv``          county_code, county, prefecture, province, program, first_date, report
``spread.csv``             one row per program: counties, prefectures, provinces, dates, rank
``panel.csv``              county × year × program rows at risk, ``adopted`` 0/1 (event history)
=========================  ==================================================================

The panel's layout is documented in :func:`kg.graphs.diffusion.adoption_panel`
and ``docs/decisions/0007-diffusion.md``. All files are deterministic: the same
store gives the same bytes.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import networkx as nx

from ..errors import ConfigError
from .diffusion import (FirstAdoption, PanelRow, ProgramSpread, adoption_panel, cascade_network, date_bounds, first_adoptions,
                        program_spread)
from .store_graphs import coadoption_graph, load_store, region_program_graph

__all__ = ["TABLE_FILES", "GRAPH_FILES", "flat_graph", "write_gexf", "write_graph_exports", "write_graphml",
           "write_tables"]

GRAPH_FILES = ("adoptions.gexf", "adoptions.graphml", "coadoption.graphml", "cascades.graphml")
TABLE_FILES = ("adoptions.csv", "spread.csv", "panel.csv")
SEPARATOR = " | "


def _flat(value):
    """An attribute value GEXF and GraphML can hold: lists joined, None empty, bools as ints."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return SEPARATOR.join(str(v) for v in items)
    if isinstance(value, (int, float, str)):
        return value
    return str(value)


def flat_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` whose attributes are all strings or numbers, nodes and edges sorted.

    Parameters
    ----------
    graph : any kg graph.

    Returns
    -------
    A new graph of the same type; list attributes joined with ``" | "``.

    Complexity: O(n log n + m log m).

    Example
    -------
    >>> g = nx.Graph()
    >>> g.add_node("program:A", reports=["r1", "r2"])
    >>> flat_graph(g).nodes["program:A"]["reports"]
    'r1 | r2'
    """
    flat = graph.__class__()
    for node in sorted(graph.nodes, key=str):
        flat.add_node(node, **{k: _flat(v) for k, v in sorted(graph.nodes[node].items())})
    edges = sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))
    for u, v, attrs in edges:
        flat.add_edge(u, v, **{k: _flat(val) for k, val in sorted(attrs.items())})
    return flat


def _start(date: str | None) -> str | None:
    """The ISO day a dated adoption starts on (the first day its date may mean), else None."""
    first, _ = date_bounds(date)
    return None if first.year > 9000 else first.isoformat()


def write_gexf(graph: nx.Graph, path: Path) -> Path:
    """Write ``graph`` as GEXF 1.2 with a timeline: each dated node and edge starts on its first date.

    Parameters
    ----------
    graph : a region–program graph (edges with ``first``); nodes start on the
        earliest ``first`` of their edges, so Gephi's timeline shows programs
        reaching counties year by year. Undated nodes and edges are always present.
    path : the file to write.

    Returns
    -------
    ``path``.

    Complexity: O(n log n + m log m).

    Example
    -------
    >>> import tempfile
    >>> g = nx.Graph()
    >>> g.add_edge("region:1", "program:A", first="2018-05")
    >>> path = write_gexf(g, Path(tempfile.mkdtemp()) / "g.gexf")
    >>> nx.read_gexf(path).edges["region:1", "program:A"]["start"]
    '2018-05-01'
    """
    flat = flat_graph(graph)
    for u, v, attrs in flat.edges(data=True):
        start = _start(attrs.get("first") or None)
        if start:
            attrs["start"] = start
            for node in (u, v):
                known = flat.nodes[node].get("start")
                flat.nodes[node]["start"] = min(known, start) if known else start
    text = "\n".join(nx.generate_gexf(flat, prettyprint=True))
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text)  # today's date would make builds differ
    return _write(path, text + "\n")


def write_graphml(graph: nx.Graph, path: Path) -> Path:
    """Write ``graph`` as GraphML, list attributes joined with ``" | "``.

    Parameters
    ----------
    graph : any kg graph.
    path : the file to write.

    Returns
    -------
    ``path``.

    Complexity: O(n log n + m log m).

    Example
    -------
    >>> import tempfile
    >>> g = nx.Graph()
    >>> g.add_edge("program:A", "program:B", weight=2)
    >>> path = write_graphml(g, Path(tempfile.mkdtemp()) / "g.graphml")
    >>> nx.read_graphml(path).edges["program:A", "program:B"]["weight"]
    2
    """
    data = io.BytesIO()
    # lxml's streaming writer: half the time of generate_graphml's element tree (cascades of 10k reports,
    # 205k edges: 5.4 s against 10.7 s), and no indentation inside the data
    nx.write_graphml_lxml(flat_graph(graph), data, prettyprint=True)
    return _write(path, data.getvalue())


def _write(path: Path, text: str | bytes) -> Path:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise ConfigError(f"cannot write {path.name}: {exc.strerror}", path=str(path),
                          hint="choose an output folder you can write to") from exc
    return path


def write_graph_exports(store, outdir: str | Path, *, graph: nx.Graph | None = None) -> tuple[Path, ...]:
    """Write the graph files of ``store`` into ``outdir`` (see :data:`GRAPH_FILES`).

    Parameters
    ----------
    store : a store, or a build or store folder.
    outdir : the folder to write into.
    graph : the region–program graph of ``store`` (:func:`~kg.graphs.store_graphs.region_program_graph`),
        when the caller has it already: ``kg build`` reads it once for the tables and the graph files.

    Returns
    -------
    The paths written, in the order of :data:`GRAPH_FILES`.

    Complexity: that of :func:`~kg.graphs.diffusion.cascade_network` (quadratic in adopters per program).

    Example
    -------
    >>> import tempfile, pyoxigraph as ox
    >>> [p.name for p in write_graph_exports(ox.Store(), tempfile.mkdtemp())]
    ['adoptions.gexf', 'adoptions.graphml', 'coadoption.graphml', 'cascades.graphml']
    """
    out = Path(outdir)
    graph = region_program_graph(load_store(store)) if graph is None else graph
    return (write_gexf(graph, out / GRAPH_FILES[0]), write_graphml(graph, out / GRAPH_FILES[1]),
            write_graphml(coadoption_graph(graph), out / GRAPH_FILES[2]),
            write_graphml(cascade_network(graph), out / GRAPH_FILES[3]))


def _csv(rows: Iterable[Sequence], header: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _records(records: Sequence, columns: Sequence[str]) -> list[list]:
    def cell(value):
        return SEPARATOR.join(value) if isinstance(value, tuple) else value

    return [[cell(getattr(r, c)) for c in columns] for r in records]


def write_tables(store, outdir: str | Path, *, graph: nx.Graph | None = None) -> tuple[Path, ...]:
    """Write the CSV tables of ``store`` into ``outdir`` (see :data:`TABLE_FILES`).

    Parameters
    ----------
    store : a store, or a build or store folder.
    outdir : the folder to write into.
    graph : the region–program graph of ``store`` (:func:`~kg.graphs.store_graphs.region_program_graph`),
        when the caller has it already: ``kg build`` reads it once for the tables and the graph files.

    Returns
    -------
    The paths written: ``adoptions.csv`` (one row per county and program, first
    date and its report), ``spread.csv`` (one row per program) and ``panel.csv``
    (:func:`kg.graphs.diffusion.adoption_panel`), UTF-8 with a header row.

    Complexity: O(p · c · y) for the panel of p programs, c counties and y years.

    Example
    -------
    >>> import tempfile, pyoxigraph as ox
    >>> [p.name for p in write_tables(ox.Store(), tempfile.mkdtemp())]
    ['adoptions.csv', 'spread.csv', 'panel.csv']
    """
    out = Path(outdir)
    graph = region_program_graph(load_store(store)) if graph is None else graph
    tables = []
    for name, records, record in ((TABLE_FILES[0], first_adoptions(graph), FirstAdoption),
                                  (TABLE_FILES[1], program_spread(graph), ProgramSpread),
                                  (TABLE_FILES[2], adoption_panel(graph), PanelRow)):
        columns = [f.name for f in dataclasses.fields(record)]
        tables.append(_write(out / name, _csv(_records(records, columns), columns)))
    return tuple(tables)

