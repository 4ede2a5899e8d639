"""Diffusion measures over the region–program graph: how far, how fast, from where.

Every function takes the bipartite graph of
:func:`kg.graphs.store_graphs.region_program_graph` (or
:func:`~kg.graphs.store_graphs.adoption_network` over hand-made events) and
returns a plain value:

- per program: :func:`program_spread` (adopting counties, prefectures, provinces,
  first and last date, spread rank), :func:`first_seen` (first date per county),
  :func:`adoption_curve` (cumulative adopters);
- per county: :func:`shared_programs`, :func:`similar_counties` (Jaccard);
- the corpus: :func:`cascade_network` (an inferred who-may-have-influenced-whom
  network, each edge a hypothesis with its support) and :func:`adoption_panel`
  (a county × year × program table for event-history analysis).

Dates are as precise as the reports give them (``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD``); :func:`date_bounds` turns one into the interval of days it may
mean, so "A before B" is only claimed when A's interval ends before B's begins.
A date is when a report *first mentions* the adoption, not when it happened:
the measures describe what the corpus saw (see ``docs/decisions/0007-diffusion.md``).
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from functools import partial

import networkx as nx

__all__ = ["FirstAdoption", "PanelRow", "ProgramSpread", "adoption_curve", "adoption_panel", "cascade_network",
           "date_bounds", "first_adoptions", "first_seen", "program_spread", "shared_programs",
           "similar_counties"]

_UNDATED = (dt.date.max, dt.date.max)


def date_bounds(date: str | None) -> tuple[dt.date, dt.date]:
    """The first and last day a date of a report may mean.

    Parameters
    ----------
    date : ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (longer strings are cut to
        ten characters); ``None``, ``""`` or an unreadable date is undated.

    Returns
    -------
    ``(first day, last day)``; an undated value gives ``(date.max, date.max)``, so
    sorting by it puts undated last.

    Complexity: O(1).

    Example
    -------
    >>> date_bounds("2018-02")
    (datetime.date(2018, 2, 1), datetime.date(2018, 2, 28))
    >>> date_bounds(None)[0] == dt.date.max
    True
    """
    if not date:
        return _UNDATED
    parts = date[:10].split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 1:
            return dt.date(numbers[0], 1, 1), dt.date(numbers[0], 12, 31)
        if len(numbers) == 2:
            year, month = numbers
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        day = dt.date(*numbers[:3])
        return day, day
    except (ValueError, TypeError):
        return _UNDATED


def _dated(date: str | None) -> bool:
    return date_bounds(date) != _UNDATED


def _program_node(graph: nx.Graph, program: str) -> str:
    node = program if program.startswith("program:") else f"program:{program}"
    if node not in graph:
        from ..errors import ConfigError

        raise ConfigError(f"no program named {program!r} in the graph",
                          hint="use a program's canonical name, as kg query spread lists them")
    return node


def _adopters(graph: nx.Graph, program_node: str, level: str | None) -> list[str]:
    return sorted(r for r in graph[program_node]
                  if graph.nodes[r].get("kind") == "region" and (level is None or graph.nodes[r].get("level") == level))


def _programs(graph: nx.Graph) -> list[str]:
    return sorted(n for n, d in graph.nodes(data=True) if d.get("kind") == "program")


def _regions(graph: nx.Graph, level: str | None) -> list[str]:
    return sorted(n for n, d in graph.nodes(data=True) if d.get("kind") == "region"
                  and (level is None or d.get("level") == level))


@dataclass(frozen=True)
class ProgramSpread:
    """How far one program spread: distinct adopters by level, first and last date, rank."""

    program: str
    counties: int
    prefectures: int
    provinces: int
    adopters: int
    first: str
    last: str
    rank: int
    county_names: tuple[str, ...] = ()


def program_spread(graph: nx.Graph) -> tuple[ProgramSpread, ...]:
    """Every program's spread, widest first.

    Parameters
    ----------
    graph : a region–program graph.

    Returns
    -------
    One :class:`ProgramSpread` per program: adopting county-level regions;
    distinct prefectures and provinces any adopter rolls up to (an adopter of
    that level counts for itself); adopters of any level; the earliest and latest
    adoption dates (``""`` when undated). ``rank`` is the competition rank
    ("1224") by (counties, prefectures, provinces), widest first; ties are listed
    by first date, then name.

    Complexity: O(m + p log p) for m adoptions and p programs.

    Example
    -------
    >>> from kg.graphs.store_graphs import AdoptionEvent, adoption_network
    >>> g = adoption_network([AdoptionEvent("1", "甲县", "county", "A", "r", "2018"),
    ...                       AdoptionEvent("2", "乙县", "county", "A", "s", "2019"),
    ...                       AdoptionEvent("2", "乙县", "county", "B", "s", "2019")])
    >>> [(s.program, s.counties, s.rank, s.first) for s in program_spread(g)]
    [('A', 2, 1, '2018'), ('B', 1, 2, '2019')]
    """
    spreads = []
    for program in _programs(graph):
        adopters = _adopters(graph, program, None)
        counties = [r for r in adopters if graph.nodes[r].get("level") == "county"]
        prefectures, provinces = set(), set()
        for region in adopters:
            attrs = graph.nodes[region]
            prefectures.add(attrs["code"] if attrs.get("level") == "prefecture" else attrs.get("prefecture"))
            provinces.add(attrs["code"] if attrs.get("level") == "province" else attrs.get("province"))
        dates = sorted((d for r in adopters for d in graph.edges[r, program].get("dates", ()) if _dated(d)),
                       key=date_bounds)
        spreads.append((len(counties), len(prefectures - {"", None}), len(provinces - {"", None}),
                        len(adopters), dates[0] if dates else "", dates[-1] if dates else "",
                        graph.nodes[program]["label"],
                        tuple(graph.nodes[r]["label"] for r in counties)))
    spreads.sort(key=lambda s: (-s[0], -s[1], -s[2], date_bounds(s[4]), s[6]))
    result = []
    for i, s in enumerate(spreads):
        rank = i + 1 if i == 0 or s[:3] != spreads[i - 1][:3] else result[-1].rank
        result.append(ProgramSpread(s[6], s[0], s[1], s[2], s[3], s[4], s[5], rank, s[7]))
    return tuple(result)


def first_seen(graph: nx.Graph, program: str, *, level: str | None = "county") -> dict[str, str | None]:
    """When each adopter of ``program`` was first seen adopting it.

    Parameters
    ----------
    graph : a region–program graph.
    program : the program's canonical name (or its node id ``program:NAME``).
    level : only adopters of this level (``None``: all).

    Returns
    -------
    ``{code: first date}`` in order of first date (undated adopters last, with ``None``).
    An unknown program raises :class:`kg.errors.ConfigError`.

    Complexity: O(a log a) for a adopters.

    Example
    -------
    >>> from kg.graphs.store_graphs import AdoptionEvent, adoption_network
    >>> g = adoption_network([AdoptionEvent("2", "乙县", "county", "A", "s", "2019-03"),
    ...                       AdoptionEvent("1", "甲县", "county", "A", "r", "2018"),
    ...                       AdoptionEvent("1", "甲县", "county", "A", "t", "2020")])
    >>> first_seen(g, "A")
    {'1': '2018', '2': '2019-03'}
    """
    node = _program_node(graph, program)
    firsts = [(graph.edges[r, node].get("first") or None, graph.nodes[r]["code"])
              for r in _adopters(graph, node, level)]
    firsts.sort(key=lambda f: (date_bounds(f[0]), f[1]))
    return {code: date for date, code in firsts}


def adoption_curve(graph: nx.Graph, program: str, *, by: str = "year",
                   level: str | None = "county") -> list[tuple[str, int]]:
    """The cumulative number of adopters of ``program`` over time.

    Parameters
    ----------
    graph : a region–program graph.
    program : the program's canonical name.
    by : ``"year"``: one point per year from the first adoption to the last, gaps
        filled; ``"date"``: one point per distinct first date, as precise as given.
    level : count adopters of this level (``None``: all). Undated adopters are left out.

    Returns
    -------
    ``[(period, adopters so far), ...]`` in time order.

    Complexity: O(a log a) for a adopters.

    Example
    -------
    >>> from kg.graphs.store_graphs import AdoptionEvent, adoption_network
    >>> g = adoption_network([AdoptionEvent("1", "甲县", "county", "A", "r", "2016"),
    ...                       AdoptionEvent("2", "乙县", "county", "A", "s", "2018-05"),
    ...                       AdoptionEvent("3", "丙县", "county", "A", "t", "2018")])
    >>> adoption_curve(g, "A")
    [('2016', 1), ('2017', 1), ('2018', 3)]
    """
    dates = [d for d in first_seen(graph, program, level=level).values() if _dated(d)]
    if by == "year":
        years = sorted(date_bounds(d)[0].year for d in dates)
        if not years:
            return []
        return [(str(y), sum(1 for x in years if x <= y)) for y in range(years[0], years[-1] + 1)]
    if by == "date":
        curve: list[tuple[str, int]] = []
        for i, date in enumerate(sorted(dates, key=date_bounds), 1):
            if curve and curve[-1][0] == date:
                curve[-1] = (date, i)
            else:
                curve.append((date, i))
        return curve
    from ..errors import ConfigError

    raise ConfigError(f"unknown curve resolution {by!r}", hint="use by='year' or by='date'")


def _region_node(graph: nx.Graph, code: str) -> str:
    node = code if code.startswith("region:") else f"region:{code}"
    if node not in graph:
        from ..errors import ConfigError

        raise ConfigError(f"no adopting region with code {code!r} in the graph",
                          hint="use a six-digit GB/T 2260 code of an adopter (kg query spread names them)")
    return node


def _program_set(graph: nx.Graph, region: str) -> set[str]:
    return {graph.nodes[p]["label"] for p in graph[region] if graph.nodes[p].get("kind") == "program"}


def shared_programs(graph: nx.Graph, code: str, *, level: str | None = "county") -> dict[str, list[str]]:
    """The programs county ``code`` shares with each other adopter.

    Parameters
    ----------
    graph : a region–program graph.
    code : the county's code.
    level : compare with adopters of this level (``None``: all).

    Returns
    -------
    ``{other code: [shared programs, sorted]}``, most shared first (then by code);
    adopters sharing nothing are left out.

    Complexity: O(sum of the degrees of the county's programs).

    Example
    -------
    >>> from kg.graphs.store_graphs import AdoptionEvent, adoption_network
    >>> g = adoption_network([AdoptionEvent("1", "甲县", "county", "A", "r"),
    ...                       AdoptionEvent("1", "甲县", "county", "B", "r"),
    ...                       AdoptionEvent("2", "乙县", "county", "B", "s")])
    >>> shared_programs(g, "1")
    {'2': ['B']}
    """
    node = _region_node(graph, code)
    shared: dict[str, set[str]] = defaultdict(set)
    for program in graph[node]:
        for other in _adopters(graph, program, level):
            if other != node:
                shared[graph.nodes[other]["code"]].add(graph.nodes[program]["label"])
    ordered = sorted(shared.items(), key=lambda item: (-len(item[1]), item[0]))
    return {other: sorted(programs) for other, programs in ordered}


def similar_counties(graph: nx.Graph, code: str, *, top: int = 5,
                     level: str | None = "county") -> list[tuple[str, float]]:
    """The adopters whose programs are most like county ``code``'s, by Jaccard similarity.

    Parameters
    ----------
    graph : a region–program graph.
    code : the county's code.
    top : how many to return.
    level : compare with adopters of this level (``None``: all).

    Returns
    -------
    ``[(other code, |A ∩ B| / |A ∪ B|), ...]``, most similar first (then by code),
    only adopters sharing at least one program; similarity rounded to 4 places.

    Complexity: O(sum of the degrees of the county's programs + k·p) for k candidates of p programs.

    Example
    -------
    >>> from kg.graphs.store_graphs import AdoptionEvent, adoption_network
    >>> g = adoption_network([AdoptionEvent("1", "甲县", "county", "A", "r"),
    ...                       AdoptionEvent("1", "甲县", "county", "B", "r"),
    ...                       AdoptionEvent("2", "乙县", "county", "B", "s"),
    ...                       AdoptionEvent("2", "乙县", "county", "C", "s")])
    >>> similar_counties(g, "1")
    [('2', 0.3333)]
    """
    node = _region_node(graph, code)
    mine = _program_set(graph, node)
    scores = []
    for other in shared_programs(graph, code, level=level):
        theirs = _program_set(graph, f"region:{other}")
        scores.append((other, round(len(mine & theirs) / len(mine | theirs), 4)))
    scores.sort(key=lambda s: (-s[1], s[0]))
    return scores[:top]


@dataclass(frozen=True)
class FirstAdoption:
    """One row of ``adoptions.csv``: a county's first sighting of a program."""

    county_code: str
    county: str
    prefecture: str
    province: str
    program: str
    first_date: str
    report: str


def first_adoptions(graph: nx.Graph, *, level: str | None = "county") -> tuple[FirstAdoption, ...]:
    """Every (county, program) pair with its first date and the report that gave it.

    Parameters
    ----------
    graph : a region–program graph.
    level : adopters of this level (``None``: all).

    Returns
    -------
    Rows sorted by program, first date (undated last) and county code.

    Complexity: O(m log m) for m adoptions.

    Example
    -------
    >>> from kg.graphs.store_graphs import AdoptionEvent, adoption_network
    >>> g = adoption_network([AdoptionEvent("1", "甲县", "county", "A", "r", "2018")])
    >>> first_adoptions(g)[0].first_date
    '2018'
    """
    rows = []
    for program in _programs(graph):
        for region in _adopters(graph, program, level):
            attrs, edge = graph.nodes[region], graph.edges[region, program]
            rows.append(FirstAdoption(attrs["code"], attrs["label"], attrs.get("prefecture_name", ""),
                                      attrs.get("province_name", ""), graph.nodes[program]["label"],
                                      edge.get("first", ""), edge.get("first_report", "")))
    rows.sort(key=lambda r: (r.program, date_bounds(r.first_date), r.county_code))
    return tuple(rows)


def cascade_network(graph: nx.Graph, *, level: str | None = "county", window_days: int | None = None,
                    min_support: int = 1, max_adopters: int | None = 500) -> nx.DiGraph:
    """Who may have learnt a program from whom: a network inferred from adoption cascades.

    Each program is a cascade: its adopters ordered by first date. An adopter
    ``v`` may have learnt it from any adopter ``u`` seen *certainly earlier*
    (``u``'s date interval ends before ``v``'s begins, within ``window_days`` when
    given). ``v``'s adoption is one unit of credit shared equally among those
    candidates (a uniform-credit cascade model, a simpler relative of NetInf,
    Gomez-Rodriguez, Leskovec & Krause 2010: no transmission-time model, no
    greedy choice of a sparse network). Over all programs an edge ``u → v``
    collects its ``support`` (programs in which ``u`` preceded ``v``) and
    ``credit`` (the summed shares). Every edge is a hypothesis, not a finding:
    two counties may follow the same provincial directive without learning from
    each other.

    Parameters
    ----------
    graph : a region–program graph.
    level : adopters of this level (``None``: all).
    window_days : only candidates seen at most this many days earlier (``None``: any).
    min_support : keep edges supported by at least this many programs.
    max_adopters : skip the cascades of programs with more dated adopters than this
        (``None``: none skipped). A campaign every county runs says little about who
        learnt from whom and costs a² edges; the skipped programs are listed in
        ``network.graph["skipped"]``.

    Returns
    -------
    A directed graph of region nodes (attributes of ``graph``; ``spread`` = out-degree).
    Edge attributes: ``relation="may_have_influenced"``, ``support``, ``credit``
    (rounded to 4 places), ``programs`` (sorted), ``lag_days`` (median days between
    the starts of the two dates' intervals), ``evidence`` (one line per program:
    ``program: A date → B date``).

    Complexity: O(sum over programs of a²) for a dated adopters per program.

    Example
    -------
    >>> from kg.graphs.store_graphs import AdoptionEvent, adoption_network
    >>> g = adoption_network([AdoptionEvent("1", "甲县", "county", "A", "r", "2016"),
    ...                       AdoptionEvent("2", "乙县", "county", "A", "s", "2018"),
    ...                       AdoptionEvent("3", "丙县", "county", "A", "t", "2018-06")])
    >>> net = cascade_network(g)
    >>> sorted(net.edges(data="credit"))
    [('region:1', 'region:2', 1.0), ('region:1', 'region:3', 1.0)]
    """
    network = nx.DiGraph(skipped=[])
    lags: dict[tuple[str, str], list[int]] = defaultdict(list)
    for program in _programs(graph):
        name = graph.nodes[program]["label"]
        dated = [(date_bounds(graph.edges[r, program].get("first")), r) for r in _adopters(graph, program, level)]
        dated = sorted(((bounds[1], bounds[0]), r) for bounds, r in dated if bounds != _UNDATED)  # by end
        if max_adopters is not None and len(dated) > max_adopters:
            network.graph["skipped"].append(name)
            continue
        ends = [end for (end, _), _ in dated]
        for (_, v_start), v in sorted(dated, key=lambda d: (d[0][1], d[1])):
            earlier = [((u_start, u_end), u) for (u_end, u_start), u in dated[:bisect.bisect_left(ends, v_start)]
                       if window_days is None or (v_start - u_start).days <= window_days]
            for (u_start, _), u in earlier:
                if not network.has_edge(u, v):
                    network.add_edge(u, v, relation="may_have_influenced", support=0, credit=0.0,
                                     programs=[], evidence=[])
                edge = network.edges[u, v]
                edge["support"] += 1
                edge["credit"] += 1 / len(earlier)
                edge["programs"].append(name)
                edge["evidence"].append(f"{name}: {graph.nodes[u]['label']} {graph.edges[u, program]['first']}"
                                        f" → {graph.nodes[v]['label']} {graph.edges[v, program]['first']}")
                lags[u, v].append((v_start - u_start).days)
    weak = [(u, v) for u, v, support in network.edges(data="support") if support < min_support]
    network.remove_edges_from(weak)
    network.remove_nodes_from([n for n in list(network.nodes) if network.degree(n) == 0])
    for u, v, edge in network.edges(data=True):
        edge["credit"] = round(edge["credit"], 4)
        edge["programs"].sort()
        edge["evidence"].sort()
        edge["lag_days"] = statistics.median(lags[u, v])
    for node in network.nodes:
        network.nodes[node].update({k: v for k, v in graph.nodes[node].items() if k != "spread"})
        network.nodes[node]["spread"] = network.out_degree(node)
    return network


@dataclass(frozen=True)
class PanelRow:
    """One county-year at risk of adopting one program (see :func:`adoption_panel`)."""

    county_code: str
    county: str
    prefecture: str
    province: str
    program: str
    year: int
    adopted: int
    prior_adopters: int
    prior_adopters_prefecture: int
    prior_adopters_province: int


def _prior(new: dict, counted: dict, key: tuple[str, str], year: int) -> int:
    """The adopters ``new`` counts under ``key`` (all, a prefecture's, a province's) before ``year``."""
    if not (key == ("", "") or key[1]):
        return 0
    if (key, year) not in counted:
        counted[key, year] = sum(n for y, n in new[key].items() if y < year)
    return counted[key, year]


def adoption_panel(graph: nx.Graph, *, end_year: int | None = None) -> tuple[PanelRow, ...]:
    """A county × year × program table ready for event-history (discrete-time hazard) analysis.

    For each program with at least one dated county adoption, every county-level
    adopter in ``graph`` (the corpus's counties: the risk set) is at risk from the
    year of the program's first adoption. A county has one row per year until the
    year it is first seen adopting (``adopted=1``, its last row) or, never seen
    adopting, until ``end_year`` (right-censored: ``adopted=0`` throughout). A
    county whose adoption of the program is undated is left out of that program:
    it adopted, but when is unknown.

    Parameters
    ----------
    graph : a region–program graph.
    end_year : the last year observed (default: the latest year of any dated
        adoption in ``graph``).

    Returns
    -------
    Rows sorted by program, county code and year. ``prior_adopters`` counts the
    counties first seen adopting the program in earlier years (all, in the same
    prefecture, in the same province): the usual diffusion covariates.

    Complexity: O(p · c · y) for p programs, c counties and y years.

    Example
    -------
    >>> from kg.graphs.store_graphs import AdoptionEvent, adoption_network
    >>> g = adoption_network([AdoptionEvent("1", "甲县", "county", "A", "r", "2016"),
    ...                       AdoptionEvent("2", "乙县", "county", "A", "s", "2017")])
    >>> [(r.county_code, r.year, r.adopted, r.prior_adopters) for r in adoption_panel(g)]
    [('1', 2016, 1, 0), ('2', 2016, 0, 0), ('2', 2017, 1, 1)]
    """
    counties = _regions(graph, "county")
    years = [date_bounds(d)[0].year for _, _, dates in graph.edges(data="dates") for d in dates or () if _dated(d)]
    if not years:
        return ()
    last = end_year if end_year is not None else max(years)
    rows = []
    for program in _programs(graph):
        adopted_in: dict[str, int | None] = {}
        for county in counties:
            if graph.has_edge(county, program):
                first = graph.edges[county, program].get("first")
                adopted_in[county] = date_bounds(first)[0].year if _dated(first) else None
        dated = [y for y in adopted_in.values() if y is not None]
        if not dated:
            continue
        start = min(dated)
        # new adopters per year: in all, per prefecture, per province
        new: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for county, year in adopted_in.items():
            if year is not None:
                attrs = graph.nodes[county]
                for key in (("", ""), ("prefecture", attrs.get("prefecture") or ""),
                            ("province", attrs.get("province") or "")):
                    if key == ("", "") or key[1]:
                        new[key][year] += 1

        counted: dict[tuple[tuple[str, str], int], int] = {}  # a county's rows ask the same sums again
        prior = partial(_prior, new, counted)

        for county in counties:
            if county in adopted_in and adopted_in[county] is None:
                continue
            attrs = graph.nodes[county]
            adoption_year = adopted_in.get(county)
            for year in range(start, min(last, adoption_year or last) + 1):
                rows.append(PanelRow(
                    attrs["code"], attrs["label"], attrs.get("prefecture_name", ""),
                    attrs.get("province_name", ""), graph.nodes[program]["label"], year,
                    int(adoption_year == year), prior(("", ""), year),
                    prior(("prefecture", attrs.get("prefecture") or ""), year),
                    prior(("province", attrs.get("province") or ""), year)))
    rows.sort(key=lambda r: (r.program, r.county_code, r.year))
    return tuple(rows)

