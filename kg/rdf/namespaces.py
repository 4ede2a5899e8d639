"""The vocabularies kg writes, each closed so a misspelt term fails.

``KG`` is built from the terms ``ontology/kg.ttl`` declares; the reused
vocabularies are rdflib's closed ``DefinedNamespace`` classes. ``node`` turns
a term into the pyoxigraph ``NamedNode`` the store takes.

>>> KG.Region
rdflib.term.URIRef('https://kg.example.org/ontology#Region')
>>> KG.Regoin  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
AttributeError: term 'Regoin' not in namespace 'https://kg.example.org/ontology#'
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, ClosedNamespace

from ..errors import ConfigError

__all__ = ["KG", "KG_IRI", "DCTERMS", "ORG", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD",
           "PREFIXES", "node", "ontology_dir"]

KG_IRI = "https://kg.example.org/ontology#"


def ontology_dir() -> Path:
    """The folder of ``kg.ttl``, ``shapes.ttl``, ``context.jsonld`` and ``queries/``.

    Package data (``kg/ontology``) when kg is installed with it, else the
    repository's ``ontology/`` folder.
    """
    for folder in (Path(str(files("kg"))) / "ontology", Path(__file__).resolve().parents[2] / "ontology"):
        if (folder / "kg.ttl").is_file():
            return folder
    raise ConfigError("kg's ontology folder (kg.ttl, shapes.ttl, queries/) is missing",
                      hint="reinstall kg, or run it from its source tree")


def _declared_terms(path: Path) -> list[str]:
    graph = Graph().parse(path, format="turtle")
    return sorted({str(s)[len(KG_IRI):] for s in graph.subjects() if str(s).startswith(KG_IRI)})


KG = ClosedNamespace(KG_IRI, _declared_terms(ontology_dir() / "kg.ttl"))

PREFIXES: dict[str, str] = {
    "kg": KG_IRI,
    "skos": str(SKOS),
    "prov": str(PROV),
    "org": str(ORG),
    "dcterms": str(DCTERMS),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


@lru_cache(maxsize=None)
def node(term: URIRef) -> ox.NamedNode:
    """The pyoxigraph node of a vocabulary term."""
    return ox.NamedNode(str(term))
