"""NetworkX graphs read from a built store with kg's named ``graph_*`` SPARQL queries.

The store is the one source of truth after a build, so every analysis (the
diffusion measures, the exports, the plots, ``kg view``) starts here:

- :func:`adoption_events`: every (adopter, program, report) adoption with its
  date, report and evidence sentences, as frozen :class:`AdoptionEvent` records;
- :func:`region_tree`: the region hierarchy (province → prefecture → county);
- :func:`region_program_graph`: the region–program bipartite graph the diffusion
  measures read, built by :func:`adoption_network` from the two above;
- :func:`coadoption_graph`: programs linked by the counties that adopted both;
- :func:`organization_graph`: organisations in their regions and under their parents.

Node ids follow :func:`kg.graphs.networks.adoption_graph` (``region:CODE``,
``program:NAME``, ``organization:NAME``) and nodes carry what
:func:`kg.graphs.view.write_page` draws: ``kind``, ``label``, ``aliases``,
``dates``, ``evidence``, ``reports``, ``spread``.

An adoption's date is its own (``dcterms:date`` of the adoption) when the report
gives one, else the date of its report: the date the adoption was *first seen*.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import networkx as nx

from ..rdf.queries import named_query
from ..rdf.store import open_store, query

__all__ = ["AdoptionEvent", "RegionInfo", "adoption_events", "adoption_network", "coadoption_graph",
           "load_store", "organization_graph", "region_hierarchy", "region_program_graph", "region_tree"]

#: Evidence sentences kept per node (the page shows five).
EVIDENCE_KEPT = 5
_LEVEL_ORDER = {"province": 0, "prefecture": 1, "county": 2, "township": 3, "village": 4}


@dataclass(frozen=True)
class RegionInfo:
    """A coded region (county level and above) and the code of the region directly above it."""

    code: str
    name: str
    level: str
    parent: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class AdoptionEvent:
    """One report's statement that a region adopted a program.

    ``date`` is the adoption's own date, else its report's (``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``), ``None`` when neither is known.
    """

    code: str
    adopter: str
    level: str
    program: str
    report: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    organization: str | None = None
    sentences: tuple[str, ...] = ()


def load_store(store):
    """``store`` itself, or the store of a build folder or store folder opened read-only.

    Parameters
    ----------
    store : a ``pyoxigraph.Store``, a build output folder (holding ``store/``) or a store folder.

    Returns
    -------
    A ``pyoxigraph.Store``; a missing store raises :class:`kg.errors.StoreError`.
    """
    if not isinstance(store, (str, Path)):
        return store
    folder = Path(store)
    if (folder / "store").is_dir():
        folder = folder / "store"
    return open_store(folder, read_only=True)


def _rows(store, name: str) -> list[dict[str, str | None]]:
    rows = query(load_store(store), named_query(name)).records()
    return [{k: (v or None) for k, v in row.items()} for row in rows]


def adoption_events(store) -> tuple[AdoptionEvent, ...]:
    """Every adoption in ``store``, one record per (adopter, program, report).

    Parameters
    ----------
    store : a store, or a build or store folder (see :func:`load_store`).

    Returns
    -------
    The events sorted by adopter code, program and report; the evidence
    sentences of each are sorted and unique.

    Complexity: O(a log a) for a rows of ``graph_adoptions.rq``.

    Example
    -------
    >>> import pyoxigraph as ox
    >>> adoption_events(ox.Store())
    ()
    """
    grouped: dict[tuple[str, str, str], dict] = {}
    for row in _rows(store, "graph_adoptions"):
        key = (row["code"], row["program"], row["report"])
        event = grouped.setdefault(key, {**row, "sentences": set()})
        for field in ("date", "reportDate", "title", "url", "organization"):
            if event[field] is None and row[field] is not None:
                event[field] = row[field]
        if row["sentence"]:
            event["sentences"].add(row["sentence"])
    return tuple(
        AdoptionEvent(code=e["code"], adopter=e["adopter"], level=e["level"], program=e["program"],
                      report=e["report"], date=e["date"] or e["reportDate"], title=e["title"],
                      url=e["url"], organization=e["organization"], sentences=tuple(sorted(e["sentences"])))
        for _, e in sorted(grouped.items()))


def region_hierarchy(regions: Iterable[RegionInfo]) -> nx.DiGraph:
    """The region tree of ``regions``: an edge from each region to each region directly below it.

    Parameters
    ----------
    regions : coded regions with their parents' codes.

    Returns
    -------
    A directed forest; nodes ``region:CODE`` with ``kind``, ``label``, ``code``,
    ``level`` and ``aliases``; edges ``relation="contains"``.

    Complexity: O(r) for r regions.

    Example
    -------
    >>> tree = region_hierarchy([RegionInfo("420000", "湖北省", "province"),
    ...                          RegionInfo("420300", "十堰市", "prefecture", "420000")])
    >>> list(tree.successors("region:420000"))
    ['region:420300']
    """
    regions = sorted(regions, key=lambda r: r.code)
    tree = nx.DiGraph()
    for region in regions:
        node = f"region:{region.code}"
        attrs = tree.nodes[node] if node in tree else {}
        aliases = sorted(set(attrs.get("aliases", ())) | set(region.aliases))
        tree.add_node(node, kind="region", label=region.name, code=region.code, level=region.level,
                      aliases=aliases)
    for region in regions:
        if region.parent and f"region:{region.parent}" in tree:
            tree.add_edge(f"region:{region.parent}", f"region:{region.code}", relation="contains")
    return tree


def region_tree(store) -> nx.DiGraph:
    """The region hierarchy of ``store`` (county level and above), see :func:`region_hierarchy`.

    Complexity: O(r) for r rows of ``graph_regions.rq``.

    Example
    -------
    >>> import pyoxigraph as ox
    >>> region_tree(ox.Store()).number_of_nodes()
    0
    """
    merged: dict[str, dict] = {}
    for row in _rows(store, "graph_regions"):
        entry = merged.setdefault(row["code"], {"name": row["name"], "level": row["level"],
                                                "parent": row["parent"] or "", "aliases": set()})
        if row["alias"]:
            entry["aliases"].add(row["alias"])
    return region_hierarchy(RegionInfo(code, e["name"], e["level"], e["parent"], tuple(sorted(e["aliases"])))
                            for code, e in merged.items())


def _ancestor(tree: nx.DiGraph, node: str, level: str) -> tuple[str, str]:
    """The code and name of ``node``'s ancestor (or itself) at ``level``, or two empty strings."""
    while node in tree:
        attrs = tree.nodes[node]
        if attrs.get("level") == level:
            return attrs.get("code", ""), attrs.get("label", "")
        parents = list(tree.predecessors(node))
        if not parents:
            break
        node = parents[0]
    return "", ""


def _append(values: list, value) -> None:
    if value and value not in values:
        values.append(value)


def adoption_network(events: Iterable[AdoptionEvent], tree: nx.DiGraph | None = None,
                     program_aliases: dict[str, Iterable[str]] | None = None) -> nx.Graph:
    """The region–program bipartite graph of ``events``.

    Parameters
    ----------
    events : adoptions, e.g. :func:`adoption_events`.
    tree : the region hierarchy (:func:`region_tree`); it gives each region its
        prefecture and province and its aliases. Without it they are empty.
    program_aliases : other names of programs, by program.

    Returns
    -------
    An undirected bipartite graph. Region nodes ``region:CODE`` (``kind="region"``,
    ``bipartite=0``) carry ``code``, ``level``, ``prefecture``/``prefecture_name``,
    ``province``/``province_name``; program nodes ``program:NAME`` (``bipartite=1``).
    Each ``adopts`` edge carries ``dates`` (sorted), ``first`` (the earliest,
    ``""`` when undated), ``date`` (= ``first``), ``first_report`` (the report of the
    earliest date), ``reports``, ``evidence`` and ``organizations``. ``spread`` is a node's degree: adopters of a program,
    programs of a region.

    Complexity: O(e log e) for e events.

    Example
    -------
    >>> g = adoption_network([AdoptionEvent("420322", "郧西县", "county", "三会一课", "r1", "2018"),
    ...                       AdoptionEvent("611022", "丹凤县", "county", "三会一课", "r2", "2019-05")])
    >>> g.nodes["program:三会一课"]["spread"], g.edges["region:611022", "program:三会一课"]["first"]
    (2, '2019-05')
    """
    from .diffusion import date_bounds

    tree = tree if tree is not None else nx.DiGraph()
    aliases = program_aliases or {}
    graph = nx.Graph()
    sightings: dict[tuple[str, str], list[tuple[tuple, str]]] = defaultdict(list)
    for event in sorted(events, key=lambda e: (e.code, e.program, e.report)):
        region, program = f"region:{event.code}", f"program:{event.program}"
        if region not in graph:
            info = tree.nodes[region] if region in tree else {}
            prefecture = _ancestor(tree, region, "prefecture")
            province = _ancestor(tree, region, "province")
            graph.add_node(region, kind="region", bipartite=0, code=event.code,
                           label=info.get("label") or event.adopter, level=info.get("level") or event.level,
                           aliases=list(info.get("aliases", ())), prefecture=prefecture[0],
                           prefecture_name=prefecture[1], province=province[0], province_name=province[1],
                           reports=[], dates=[], evidence=[])
        if program not in graph:
            graph.add_node(program, kind="program", bipartite=1, label=event.program,
                           aliases=sorted(aliases.get(event.program, ())), reports=[], dates=[], evidence=[])
        if not graph.has_edge(region, program):
            graph.add_edge(region, program, relation="adopts", dates=[], reports=[], evidence=[],
                           organizations=[])
        edge = graph.edges[region, program]
        for attrs in (graph.nodes[region], graph.nodes[program], edge):
            _append(attrs["reports"], event.report)
            _append(attrs["dates"], event.date)
        for sentence in event.sentences:
            _append(edge["evidence"], sentence)
            for attrs in (graph.nodes[region], graph.nodes[program]):
                if len(attrs["evidence"]) < EVIDENCE_KEPT:
                    _append(attrs["evidence"], sentence)
        _append(edge["organizations"], event.organization)
        sightings[region, program].append((date_bounds(event.date), event.report))
    for region, program, edge in graph.edges(data=True):
        edge["dates"].sort(key=date_bounds)
        edge["first"] = edge["date"] = edge["dates"][0] if edge["dates"] else ""
        key = (region, program) if (region, program) in sightings else (program, region)
        edge["first_report"] = min(sightings[key])[1]
    for node, attrs in graph.nodes(data=True):
        attrs["dates"].sort(key=date_bounds)
        attrs["spread"] = graph.degree(node)
    return graph


def _program_aliases(store) -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in _rows(store, "graph_programs"):
        aliases[row["program"]].append(row["alias"])
    return dict(aliases)


def region_program_graph(store) -> nx.Graph:
    """The region–program bipartite graph of a built store (see :func:`adoption_network`).

    Parameters
    ----------
    store : a store, or a build or store folder (see :func:`load_store`).

    Returns
    -------
    The bipartite graph with prefectures, provinces and aliases from the store.

    Complexity: O(e log e + r) for e adoptions and r regions.

    Example
    -------
    >>> import pyoxigraph as ox
    >>> region_program_graph(ox.Store()).number_of_nodes()
    0
    """
    store = load_store(store)
    return adoption_network(adoption_events(store), region_tree(store), _program_aliases(store))


def coadoption_graph(graph: nx.Graph, *, level: str | None = "county") -> nx.Graph:
    """Programs linked by the regions that adopted both, weighted by how many.

    Parameters
    ----------
    graph : a region–program graph (:func:`region_program_graph`).
    level : count only adopters of this level (``None``: every adopter).

    Returns
    -------
    An undirected graph of the program nodes of ``graph`` (attributes kept, ``spread``
    set to the number of such adopters); an edge per pair sharing at least one
    adopter, with ``weight`` (their number), ``regions`` (their names) and
    ``relation="co_adopted"``.

    Complexity: O(sum over regions of p²) for p programs per region.

    Example
    -------
    >>> g = adoption_network([AdoptionEvent("1", "甲县", "county", "A", "r"),
    ...                       AdoptionEvent("1", "甲县", "county", "B", "r"),
    ...                       AdoptionEvent("2", "乙县", "county", "B", "s")])
    >>> coadoption_graph(g).edges["program:A", "program:B"]["weight"]
    1
    """
    programs = nx.Graph()
    regions = sorted(n for n, d in graph.nodes(data=True) if d.get("kind") == "region"
                     and (level is None or d.get("level") == level))
    counted = set(regions)
    for node, attrs in sorted(graph.nodes(data=True)):
        if attrs.get("kind") == "program":
            programs.add_node(node, **{**attrs, "spread": sum(1 for r in graph[node] if r in counted)})
    for region in regions:
        adopted = sorted(p for p in graph[region] if graph.nodes[p].get("kind") == "program")
        for a, b in combinations(adopted, 2):
            if not programs.has_edge(a, b):
                programs.add_edge(a, b, relation="co_adopted", weight=0, regions=[])
            programs.edges[a, b]["weight"] += 1
            programs.edges[a, b]["regions"].append(graph.nodes[region]["label"])
    for _, _, edge in programs.edges(data=True):
        edge["evidence"] = "、".join(edge["regions"])
    return programs


def organization_graph(store) -> nx.Graph:
    """Organisations in their regions and under the organisations above them.

    Parameters
    ----------
    store : a store, or a build or store folder (see :func:`load_store`).

    Returns
    -------
    An undirected graph: ``organization:NAME`` nodes (``kind="organization"``,
    ``aliases``, ``reports``, ``evidence``, ``code`` of their county or the most
    specific coded region they roll up to), linked to their ``region:CODE`` node by
    ``relation="located_in"`` and to their parent by ``"sub_organization_of"``.

    Complexity: linear in the rows of ``graph_organizations.rq`` (organisation × coded
    region × parent), ``graph_organization_aliases.rq`` and ``graph_organization_evidence.rq``.

    Example
    -------
    >>> import pyoxigraph as ox
    >>> organization_graph(ox.Store()).number_of_nodes()
    0
    """
    store = load_store(store)
    tree = region_tree(store)
    graph = nx.Graph()
    places: dict[str, tuple[int, str]] = {}
    for row in _rows(store, "graph_organizations"):
        node = f"organization:{row['organization']}"
        if node not in graph:
            graph.add_node(node, kind="organization", label=row["organization"], aliases=[], reports=[],
                           evidence=[], code="")
        if row["code"]:
            rank = _LEVEL_ORDER.get(row["level"] or "", -1)
            if rank > places.get(node, (-2, ""))[0]:
                places[node] = (rank, row["code"])
        if row["parent"]:
            parent = f"organization:{row['parent']}"
            if parent not in graph:
                graph.add_node(parent, kind="organization", label=row["parent"], aliases=[], reports=[],
                               evidence=[], code="")
            graph.add_edge(node, parent, relation="sub_organization_of")
    for row in _rows(store, "graph_organization_aliases"):
        _append(graph.nodes[f"organization:{row['organization']}"]["aliases"], row["alias"])
    for row in _rows(store, "graph_organization_evidence"):
        attrs = graph.nodes[f"organization:{row['organization']}"]
        _append(attrs["reports"], row["report"])
        if len(attrs["evidence"]) < EVIDENCE_KEPT:
            _append(attrs["evidence"], row["sentence"])
    for node, (_, code) in sorted(places.items()):
        graph.nodes[node]["code"] = code
        region = f"region:{code}"
        if region not in graph:
            info = tree.nodes[region] if region in tree else {}
            graph.add_node(region, kind="region", code=code, label=info.get("label", code),
                           level=info.get("level", ""), aliases=list(info.get("aliases", ())))
        graph.add_edge(node, region, relation="located_in")
    for node in graph.nodes:
        graph.nodes[node]["spread"] = graph.degree(node)
    return graph



#: The graphs :func:`select_graph` (and ``kg view``) can draw.
GRAPHS = ("adoption", "coadoption", "cascades", "organizations")


def _find_program(graph: nx.Graph, program: str) -> str:
    """The node of the program named ``program`` (canonical name or alias) in ``graph``."""
    from ..errors import ConfigError

    for node, attrs in sorted(graph.nodes(data=True)):
        if attrs.get("kind") == "program" and (attrs.get("label") == program or program in attrs.get("aliases", ())):
            return node
    raise ConfigError(f"no program named {program!r} in this build",
                      hint="use a program's name as `kg query spread` lists it")


def _within(tree: nx.DiGraph, code: str, region: str) -> bool:
    """Whether the region coded ``code`` is ``region`` or lies below it."""
    node = f"region:{code}"
    return code == region or (node in tree and f"region:{region}" in nx.ancestors(tree, node))


def select_graph(store, *, graph: str = "adoption", program: str | None = None,
                 region: str | None = None) -> nx.Graph:
    """One of kg's graphs of ``store``, cut to a program and/or a region, ready for the graph page.

    Parameters
    ----------
    store : a store, or a build or store folder.
    graph : ``adoption`` (regions and programs), ``coadoption`` (programs linked
        by shared counties), ``cascades`` (:func:`kg.graphs.diffusion.cascade_network`)
        or ``organizations`` (organisations in their regions).
    program : keep only this program (canonical name or alias) and what it touches:
        its adopters; its co-adopted programs; the cascade edges it supports.
    region : a GB/T 2260 code; keep only the regions at or below it (a province's
        code keeps its counties) and what they touch.

    Returns
    -------
    A new graph; an unknown graph, program or region raises :class:`kg.errors.ConfigError`.

    Complexity: O(n + m) after building the chosen graph, plus O(r) per region for the tree walk.

    Example
    -------
    >>> import pyoxigraph as ox
    >>> select_graph(ox.Store()).number_of_nodes()
    0
    """
    from ..errors import ConfigError
    from .diffusion import cascade_network

    if graph not in GRAPHS:
        raise ConfigError(f"unknown graph {graph!r}", hint=f"use one of: {', '.join(GRAPHS)}")
    store = load_store(store)
    tree = region_tree(store) if region else nx.DiGraph()
    if region and f"region:{region}" not in tree:
        raise ConfigError(f"no region with code {region!r} in this build",
                          hint="give a six-digit GB/T 2260 code of a region the reports name (kg query spread)")
    if graph == "organizations":
        chosen = organization_graph(store)
        if program:
            raise ConfigError("the organisations graph has no programs", hint="drop --program, or pick another graph")
    else:
        bipartite = region_program_graph(store)
        if graph == "adoption":
            chosen = bipartite
        elif graph == "coadoption":
            chosen = coadoption_graph(bipartite)
        else:
            chosen = cascade_network(bipartite)
        if program:
            node = _find_program(bipartite, program)
            label = bipartite.nodes[node]["label"]
            if graph == "adoption":
                chosen = chosen.subgraph([node, *bipartite[node]])
            elif graph == "coadoption":
                chosen = chosen.subgraph([node, *chosen[node]]) if node in chosen else chosen.subgraph([node])
            else:
                chosen = chosen.edge_subgraph([(u, v) for u, v, ps in chosen.edges(data="programs") if label in ps])
    if region:
        keep = []
        for node, attrs in chosen.nodes(data=True):
            code = attrs.get("code") or ""
            if attrs.get("kind") == "region" or graph == "organizations":
                if code and _within(tree, code, region):
                    keep.append(node)
            elif graph == "coadoption":
                if any(_within(tree, graph_attrs.get("code", ""), region)
                       for r in bipartite[node] for graph_attrs in [bipartite.nodes[r]]):
                    keep.append(node)
        regions = set(keep)
        if graph in ("adoption", "organizations"):
            keep += [n for r in regions for n in chosen[r] if chosen.nodes[n].get("kind") != "region"]
        chosen = chosen.subgraph(keep)
    return chosen.copy()
