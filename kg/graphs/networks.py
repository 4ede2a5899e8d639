"""NetworkX graphs of a corpus: which initiatives spread across which counties.

``adoption_graph`` is the region–program bipartite graph the graph page shows:
adopting county-level units on one side, programs on the other, an ``adopts``
edge per (county, program) with the dates and evidence sentences of its reports.
"""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from ..records import Extraction


def _official_name(code: str) -> str:
    """The official name of a division by its code (a focus the report never names: 禹城市)."""
    from ..link.gazetteer import gazetteer

    division = gazetteer().by_code(code)
    return division.name if division else code


def adoption_graph(extractions: Iterable[Extraction]) -> nx.Graph:
    """The county–program graph of ``extractions``.

    Parameters
    ----------
    extractions : the linked reports.

    Returns
    -------
    An undirected graph; region nodes are ``region:CODE`` with ``kind="region"``,
    program nodes ``program:NAME`` with ``kind="program"``; ``spread`` on a
    program counts its adopting counties, on a region its programs.

    Complexity: linear in the number of adoptions (each node's lists are checked
    through a set, so a program adopted in every report costs no more per report).

    Example
    -------
    >>> adoption_graph([]).number_of_nodes()
    0
    """
    gathered = AdoptionGraph()
    for extraction in extractions:
        gathered.add(extraction)
    return gathered.graph()


#: Evidence sentences a program node keeps: those of its earliest adoptions.
EVIDENCE_KEPT = 5


def _earliness(date: str | None, doc_id: str, sentence: str) -> tuple:
    """The order in which adoptions are told: dated before undated, then by date, report and sentence."""
    return (not date, date or "", doc_id, sentence)


class AdoptionGraph:
    """:func:`adoption_graph`, gathered one report at a time; it pickles, so a build can keep
    it and add the reports of the next build to it.

    What it holds does not depend on the order the reports come in: the lists of a node
    (``reports``, ``dates``, ``aliases``) are sorted, a program keeps the evidence of its
    earliest adoptions (:func:`_earliness`), an edge tells the earliest adoption of its
    program by its region, and a region is labelled with its official name. So a build that
    adds reports anywhere in the input order (files named by a hash) adds them to the state
    the last build kept, and gets what a fresh build of every report would.
    """

    def __init__(self) -> None:
        self._graph = nx.Graph()
        self._seen: dict[tuple[str, str], set] = {}  # (node, list) → the list's members, for O(1) checks
        self._evidence: dict[str, list[tuple[tuple, str]]] = {}  # program node → its earliest (order, sentence)
        self._edges: dict[tuple[str, str], tuple] = {}  # (region, program) → the order of the adoption its edge tells
        self._unsorted: set[tuple[str, str]] = set()  # (node, list) lists appended to since they were last sorted

    def __getstate__(self) -> dict:
        # the member sets repeat the node lists: pickled without them, the state every
        # incremental build loads and saves is smaller and quicker (100k reports: load 0.75 -> 0.49 s)
        self._sort()
        return {"_graph": self._graph, "_evidence": self._evidence, "_edges": self._edges}

    def __setstate__(self, state: dict) -> None:
        if "_edges" not in state:  # the state of a kg that kept the input order: not taken up
            raise TypeError("an adoption graph gathered in input order")
        self.__dict__.update(state)
        self._unsorted = set()
        self._seen = {(node, key): set(data[key]) for node, data in self._graph.nodes(data=True)
                      for key in ("reports", "dates", "aliases") if key in data}

    def _add(self, node: str, key: str, value) -> None:
        members = self._seen.setdefault((node, key), set())
        if value not in members:
            members.add(value)
            self._graph.nodes[node][key].append(value)
            self._unsorted.add((node, key))

    def _sort(self) -> None:
        nodes = self._graph.nodes
        for node, key in self._unsorted:
            nodes[node][key].sort()
        self._unsorted.clear()

    def _tell(self, program_node: str, order: tuple, sentence: str) -> None:
        """Keep ``sentence`` among the program's evidence if it is among its earliest."""
        kept = self._evidence.setdefault(program_node, [])
        for i, (known, said) in enumerate(kept):
            if said == sentence:
                if order >= known:
                    return
                del kept[i]
                break
        if len(kept) >= EVIDENCE_KEPT and order >= kept[-1][0]:
            return
        kept.append((order, sentence))
        kept.sort()
        del kept[EVIDENCE_KEPT:]
        self._graph.nodes[program_node]["evidence"] = [said for _, said in kept]

    def add(self, extraction: Extraction) -> None:
        """Add one report's adoptions."""
        graph, add = self._graph, self._add
        doc = extraction.document
        region_names = {e.region.code: e.region.name for e in extraction.of_kind("region")
                        if e.region is not None and e.region.code == extraction.focus
                        and e.region.level in ("county", "prefecture", "province")}
        programs = {e.name: e for e in extraction.of_kind("program")}
        for adoption in extraction.adoptions:
            region_node, program_node = f"region:{adoption.code}", f"program:{adoption.program}"
            if region_node not in graph:
                official = _official_name(adoption.code)
                graph.add_node(region_node, kind="region", code=adoption.code,
                               label=official if official != adoption.code else
                               region_names.get(adoption.code) or adoption.code,
                               reports=[], dates=[], evidence=[], aliases=[])
            add(region_node, "reports", doc.doc_id)
            if program_node not in graph:
                graph.add_node(program_node, kind="program", label=adoption.program,
                               aliases=[], reports=[], dates=[], evidence=[])
            entity = programs.get(adoption.program)
            for alias in entity.aliases if entity else ():
                add(program_node, "aliases", alias)
            add(program_node, "reports", doc.doc_id)
            if adoption.date:
                add(program_node, "dates", adoption.date)
            sentence = adoption.evidence.sentence if adoption.evidence else ""
            order = _earliness(adoption.date, doc.doc_id, sentence)
            if sentence:
                self._tell(program_node, order, sentence)
            edge = (region_node, program_node)
            if edge not in self._edges or order < self._edges[edge]:
                self._edges[edge] = order
                graph.add_edge(region_node, program_node, relation="adopts", date=adoption.date or "",
                               evidence=sentence, report=doc.doc_id)

    def graph(self) -> nx.Graph:
        """The graph of the reports added so far, each node's ``spread`` counted.

        It is the gathered graph itself, not a copy (a copy takes 0.6 s at 100k reports):
        read it, or add no more reports after changing it.
        """
        self._sort()
        graph = self._graph
        for node, data in graph.nodes(data=True):
            data["spread"] = graph.degree(node)
        return graph
