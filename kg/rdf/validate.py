"""SHACL validation of a build: ``kg validate OUTDIR``.

The merged graph of a build (every report's graph and the gazetteer, as in
``graph.ttl``) is checked with pyshacl against ``ontology/shapes.ttl``, with the
ontology ``kg.ttl`` for RDFS inference (a ``kg:MediaOutlet`` is an
``org:Organization``). Each violation becomes one readable line naming the focus
node, the path, the message and the offending value, in a stable order.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from ..errors import ConfigError, StoreError
from .namespaces import PREFIXES, ontology_dir
from .serialise import DEFAULT_BASE, _data_prefixes

__all__ = ["ValidationReport", "Violation", "validate"]


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the focus node, the path (empty for a node-level shape), message and value."""

    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"

    def line(self) -> str:
        """``focus  path: message (value: …)`` with prefixed names."""
        where = f"{self.focus}  {self.path}" if self.path else self.focus
        value = f" (value: {self.value})" if self.value and self.value != self.focus else ""
        level = "" if self.severity == "Violation" else f"[{self.severity}] "
        return f"{level}{where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """Whether the graph conforms to ``shapes.ttl``, and every violation, sorted."""

    conforms: bool
    violations: tuple[Violation, ...]
    triples: int

    def lines(self) -> list[str]:
        """One readable line per violation."""
        return [v.line() for v in self.violations]


def _merged(quads: Iterable[ox.Quad]) -> Graph:
    store = ox.Store()
    store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return Graph().parse(data=data.decode("utf-8"), format="nt")


def _quads_of(target) -> Iterable[ox.Quad]:
    """The quads of a store object, a store folder, a build folder or a store URL."""
    if not isinstance(target, (str, Path)):
        return target  # an ox.Store, a RemoteStore, or quads
    text = str(target)
    if text.startswith(("http://", "https://")):
        from .remote import connect

        return connect(text, read_only=True)
    path = Path(target)
    if (path / "store" / "CURRENT").is_file():
        path = path / "store"
    if (path / "CURRENT").is_file():
        from .store import open_store

        return open_store(path, read_only=True)
    if (path / "graph.nq").is_file():
        return ox.parse(path=str(path / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    raise StoreError("neither a build folder nor a store", path=text,
                     hint="give OUTDIR of kg build ... -o OUTDIR, its store folder, or a SPARQL server URL")


def _name(graph: Graph, node: Node | None) -> str:
    return "" if node is None else node.n3(graph.namespace_manager)


def validate(target, *, base: str = DEFAULT_BASE) -> ValidationReport:
    """Check the merged graph of ``target`` against ``ontology/shapes.ttl``.

    Parameters
    ----------
    target: a build folder (its ``store/``, else its ``graph.nq``), a store folder,
        a SPARQL server URL, a ``pyoxigraph.Store``, a ``RemoteStore`` or an iterable of quads.
    base: the base IRI of the build, only to print its nodes as short names (``region:420322``).

    Returns
    -------
    A :class:`ValidationReport`: ``conforms`` and the violations, sorted by focus node and path.

    Example
    -------
    >>> from kg.rdf.validate import validate
    >>> validate([]).conforms
    True
    """
    try:
        from pyshacl import validate as shacl
    except ImportError as exc:  # pragma: no cover - pyshacl is a dependency
        raise ConfigError("pyshacl is not installed", hint="pip install pyshacl") from exc
    data = _merged(_quads_of(target))
    shapes = Graph().parse(ontology_dir() / "shapes.ttl")
    ontology = Graph().parse(ontology_dir() / "kg.ttl")
    conforms, results, _ = shacl(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs",
                                 advanced=True)
    names = Graph()
    for prefix, iri in {**PREFIXES, **_data_prefixes(base)}.items():
        names.bind(prefix, iri, override=True)
    violations = set()
    for result in results.subjects(SH.resultSeverity, None):
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        violations.add(Violation(
            focus=_name(names, results.value(result, SH.focusNode)),
            path=_name(names, results.value(result, SH.resultPath)),
            message=str(message) if message is not None else "does not conform",
            value=_name(names, results.value(result, SH.value)),
            severity=severity.split("#")[-1] if severity is not None else "Violation"))
    ordered = tuple(sorted(violations, key=lambda v: (v.focus, v.path, v.message, v.value)))
    return ValidationReport(bool(conforms), ordered, len(data))
