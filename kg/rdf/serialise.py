"""One report's extraction as RDF quads, and the exported files of a whole graph.

Each report is a named graph whose IRI is the report's own (``report/<sha256[:16]>``):
what the report says about programs, organisations, people, adoptions and the
evidence for them. The region hierarchy, true whatever report names it, goes to
the shared ``graph/gazetteer`` graph: every region with its level, code, labels
and the ``kg:partOf`` chain up to its province, named or not.

IRIs are minted under a configurable base from what identifies a thing, so the
same input always gives the same triples (see ``docs/decisions/0004-rdf-model.md``):

- region, county level and above: ``region/<code>``
- region below county: ``region/<county code>/<township>[/<village>]``
- program, slogan, organisation, person: ``program/<name>``, ``slogan/<name>``,
  ``organization/<name>``, ``person/<name>``
- report: ``report/<sha256[:16]>``; evidence span: ``report/<sha256[:16]>/span/<start>-<end>``
- adoption: ``adoption/<sha256[:16]>/<code>/<program>``
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from ..errors import LinkError
from ..records import Evidence, Extraction, Kind, PathStep, Region
from .namespaces import DCTERMS, KG, ORG, PREFIXES, PROV, RDF, SKOS, XSD, node, ontology_dir

__all__ = ["DEFAULT_BASE", "Iris", "iri_segment", "report_quads", "write_exports"]

DEFAULT_BASE = "https://kg.example.org/"

_UNRESERVED_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
_LEVELS = {"province": KG.Province, "prefecture": KG.Prefecture, "county": KG.County,
           "township": KG.Township, "village": KG.Village}
_CLASSES: dict[Kind, tuple[URIRef, ...]] = {
    "region": (KG.Region,),
    "program": (KG.Program, SKOS.Concept),
    "slogan": (KG.Slogan, SKOS.Concept),
    "organization": (ORG.Organization,),
    "person": (KG.Person,),
}
_SCHEMES = {"program": KG.Programs, "slogan": KG.Slogans}
_PREDICATES = {
    "part_of": DCTERMS.isPartOf,
    "located_in": KG.locatedIn,
    "sub_organization_of": ORG.subOrganizationOf,
    "member_of": ORG.memberOf,
}
_DATE_TYPES = ((re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date), (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
               (re.compile(r"\d{4}"), XSD.gYear))


def iri_segment(name: str) -> str:
    """A name as one IRI path segment: Chinese stays readable, delimiters are percent-encoded.

    >>> iri_segment("三会一课")
    '三会一课'
    >>> iri_segment("2+5工作法 / 一")
    '2%2B5%E5%B7%A5%E4%BD%9C%E6%B3%95%20%2F%20%E4%B8%80'
    """
    if all(c in _UNRESERVED_ASCII or (ord(c) > 127 and unicodedata.category(c)[0] not in "ZC") for c in name):
        return name
    return "".join(c if c in _UNRESERVED_ASCII else "".join(f"%{b:02X}" for b in c.encode("utf-8"))
                   for c in name)


@dataclass(frozen=True)
class Iris:
    """The IRIs kg mints under one base."""

    base: str = DEFAULT_BASE

    def _iri(self, *segments: str) -> ox.NamedNode:
        return ox.NamedNode(self.base + "/".join(iri_segment(s) for s in segments))

    def region(self, path: tuple[PathStep, ...]) -> ox.NamedNode:
        """The division at the end of ``path``: its code, or its nearest coded ancestor's code and the names below."""
        coded = max((i for i, step in enumerate(path) if step.code), default=None)
        if coded is None:
            return self._iri("region", *(step.name for step in path))
        return self._iri("region", path[coded].code, *(step.name for step in path[coded + 1:]))

    def entity(self, kind: Kind, name: str) -> ox.NamedNode:
        """A program, slogan, organisation or person, by canonical name."""
        return self._iri(kind, name)

    def report(self, sha256: str) -> ox.NamedNode:
        return self._iri("report", sha256[:16])

    def span(self, sha256: str, evidence: Evidence) -> ox.NamedNode:
        return self._iri("report", sha256[:16], "span", f"{evidence.start}-{evidence.end}")

    def adoption(self, sha256: str, code: str, program: str) -> ox.NamedNode:
        return self._iri("adoption", sha256[:16], code, program)

    def gazetteer(self) -> ox.NamedNode:
        """The named graph of the region hierarchy shared by all reports."""
        return self._iri("graph", "gazetteer")

    def concepts(self) -> ox.NamedNode:
        """The named graph of what names a program, slogan, organisation or person (type,
        preferred label, scheme): said once for all reports, so a query that joins on labels
        sees each label once however many reports name the thing."""
        return self._iri("graph", "concepts")


def _label(name: str) -> ox.Literal:
    return ox.Literal(name, language="zh")


def _date(value: str) -> ox.Literal:
    for pattern, datatype in _DATE_TYPES:
        if pattern.fullmatch(value):
            return ox.Literal(value, datatype=node(datatype))
    return ox.Literal(value)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=node(XSD.integer))


class _Quads:
    """The quads of one report being written: a list without repeats, in first-written order."""

    def __init__(self, report: ox.NamedNode, gazetteer: ox.NamedNode, concepts: ox.NamedNode):
        self.report = report
        self.gazetteer = gazetteer
        self.concepts = concepts
        self._quads: dict[ox.Quad, None] = {}

    def say(self, subject, predicate: URIRef, obj, graph: ox.NamedNode | None = None) -> None:
        self._quads[ox.Quad(subject, node(predicate), obj, graph or self.report)] = None

    def quads(self) -> list[ox.Quad]:
        return list(self._quads)


def report_quads(extraction: Extraction, base: str = DEFAULT_BASE) -> tuple[ox.NamedNode, list[ox.Quad]]:
    """The named graph of one report: its IRI and its quads (plus the gazetteer quads of its regions).

    Loading the quads with :func:`kg.rdf.store.replace_report` replaces what an earlier
    build said about the same report.
    """
    iris = Iris(base)
    doc = extraction.document
    report = iris.report(doc.sha256)
    out = _Quads(report, iris.gazetteer(), iris.concepts())
    regions: dict[str, ox.NamedNode] = {}  # canonical name → IRI
    by_code: dict[str, ox.NamedNode] = {}

    def region_node(region: Region) -> ox.NamedNode:
        parent = None
        for i, step in enumerate(region.path):
            iri = iris.region(region.path[: i + 1])
            out.say(iri, RDF.type, node(KG.Region), out.gazetteer)
            out.say(iri, SKOS.prefLabel, _label(step.name), out.gazetteer)
            out.say(iri, KG.level, node(_LEVELS[step.level]), out.gazetteer)
            if step.code:
                out.say(iri, KG.adminCode, ox.Literal(step.code), out.gazetteer)
                by_code.setdefault(step.code, iri)
            if parent is not None:
                out.say(iri, KG.partOf, parent, out.gazetteer)
            parent = iri
        for alias in region.aliases:
            out.say(parent, SKOS.altLabel, _label(alias), out.gazetteer)
        return parent

    def coded_region(code: str) -> ox.NamedNode:
        if code not in by_code:
            from ..link.gazetteer import gazetteer  # only for a code no region of the report leads to

            places = gazetteer()
            division = places.by_code(code)
            if division is None:
                raise LinkError(f"region code {code!r} is not in the gazetteer", path=doc.source,
                                hint="the extraction names a division kg does not know; re-run the extraction")
            region_node(places.region(division.id))
        return by_code[code]

    def describe(kind: Kind, name: str) -> ox.NamedNode:
        if kind == "region":
            return regions[name]
        iri = iris.entity(kind, name)
        for cls in _CLASSES[kind]:
            out.say(iri, RDF.type, node(cls), out.concepts)
        out.say(iri, SKOS.prefLabel, _label(name), out.concepts)
        if kind in _SCHEMES:
            out.say(iri, SKOS.inScheme, node(_SCHEMES[kind]), out.concepts)
        return iri

    def mention(evidence: Evidence) -> ox.NamedNode:
        iri = iris.span(doc.sha256, evidence)
        out.say(iri, RDF.type, node(KG.Mention))
        out.say(iri, PROV.wasQuotedFrom, report)
        out.say(iri, KG.surface, ox.Literal(doc.text[evidence.start:evidence.end]))
        out.say(iri, KG.sentence, ox.Literal(evidence.sentence))
        out.say(iri, KG.startOffset, _integer(evidence.start))
        out.say(iri, KG.endOffset, _integer(evidence.end))
        if evidence.original_start >= 0 and evidence.original_end >= 0:
            out.say(iri, KG.originalStartOffset, _integer(evidence.original_start))
            out.say(iri, KG.originalEndOffset, _integer(evidence.original_end))
        return iri

    for entity in extraction.of_kind("region"):
        if entity.region is not None:
            regions[entity.name] = region_node(entity.region)
    for entity in extraction.entities:
        if entity.kind == "region" and entity.name not in regions:
            continue
        iri = describe(entity.kind, entity.name)
        for alias in entity.aliases:
            if alias != entity.name:
                out.say(iri, SKOS.altLabel, _label(alias))
        for evidence in entity.evidence:
            out.say(iri, KG.evidence, mention(evidence))
        attrs = dict(entity.attrs)
        if entity.kind == "person" and attrs.get("role"):
            out.say(iri, KG.role, ox.Literal(attrs["role"]))
        if entity.kind == "organization" and attrs.get("type") == "media":
            out.say(iri, RDF.type, node(KG.MediaOutlet))

    for relation in extraction.relations:
        (skind, sname), (okind, oname) = relation.subject, relation.object
        if skind == okind == "region" or (skind == "region" and sname not in regions) or (
                okind == "region" and oname not in regions):
            continue  # the region hierarchy comes whole from the regions' paths
        out.say(describe(skind, sname), _PREDICATES[relation.predicate], describe(okind, oname))

    meta = doc.meta
    out.say(report, RDF.type, node(KG.Report))
    out.say(report, DCTERMS.identifier, ox.Literal(doc.doc_id))
    out.say(report, KG.sha256, ox.Literal(doc.sha256))
    if meta.title:
        out.say(report, DCTERMS.title, _label(meta.title))
    if meta.date:
        out.say(report, DCTERMS.date, _date(meta.date))
    if meta.url:
        out.say(report, DCTERMS.source, _url(meta.url))
    if meta.publisher:
        publisher = _publisher_name(extraction, meta.publisher)
        iri = describe("organization", publisher)
        out.say(iri, RDF.type, node(KG.MediaOutlet))
        out.say(report, DCTERMS.publisher, iri)
    for person in meta.authors:
        iri = describe("person", person.name)
        if person.role:
            out.say(iri, KG.role, ox.Literal(person.role))
        out.say(report, DCTERMS.creator, iri)
    if extraction.focus:
        out.say(report, KG.focus, coded_region(extraction.focus))

    for adoption in extraction.adoptions:
        iri = iris.adoption(doc.sha256, adoption.code, adoption.program)
        out.say(iri, RDF.type, node(KG.Adoption))
        out.say(iri, KG.adopter, coded_region(adoption.code))
        out.say(iri, KG.program, describe("program", adoption.program))
        out.say(iri, DCTERMS.source, report)
        if adoption.organization:
            out.say(iri, KG.adoptingOrganization, describe("organization", adoption.organization))
        if adoption.date:
            out.say(iri, DCTERMS.date, _date(adoption.date))
        if adoption.evidence is not None:
            out.say(iri, KG.evidence, mention(adoption.evidence))
    return report, out.quads()


def _url(url: str) -> ox.NamedNode | ox.Literal:
    try:
        return ox.NamedNode(url)
    except ValueError:
        return ox.Literal(url)


def _publisher_name(extraction: Extraction, publisher: str) -> str:
    """The organisation entity the report's outlet was linked to, else the outlet as written."""
    for entity in extraction.of_kind("organization"):
        if publisher == entity.name or publisher in entity.aliases:
            return entity.name
    return publisher


def _data_prefixes(base: str) -> dict[str, str]:
    return {**PREFIXES, **{name: f"{base}{name}/" for name in ("region", "program", "slogan", "organization", "person")}}


def write_exports(source: ox.Store | Iterable[ox.Quad], outdir: str | Path, base: str = DEFAULT_BASE) -> int:
    """Write ``graph.ttl`` (every statement, merged), ``graph.trig`` and ``graph.nq`` (one named
    graph per report, plus the gazetteer) and ``graph.jsonld`` (compacted with
    ``ontology/context.jsonld``) into ``outdir``; return the number of merged triples.
    """
    store = source if isinstance(source, ox.Store) else _in_memory(source)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    prefixes = _data_prefixes(base)
    store.dump(out / "graph.nq", ox.RdfFormat.N_QUADS)
    store.dump(out / "graph.trig", ox.RdfFormat.TRIG, prefixes=prefixes)
    merged = ox.Store()
    merged.extend(ox.Quad(q.subject, q.predicate, q.object) for q in store)
    merged.dump(out / "graph.ttl", ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes)
    dataset = Dataset().parse(out / "graph.nq", format="nquads")
    context = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    dataset.serialize(out / "graph.jsonld", format="json-ld", context=context, auto_compact=True,
                      ensure_ascii=False)
    return len(merged)


def _in_memory(quads: Iterable[ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.extend(quads)
    return store
