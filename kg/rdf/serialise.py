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
import textwrap
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from ..errors import LinkError
from ..records import Evidence, Extraction, Kind, PathStep, Region
from .namespaces import DCTERMS, KG, ORG, PREFIXES, PROV, RDF, SKOS, XSD, node, ontology_dir

__all__ = ["DEFAULT_BASE", "Iris", "iri_segment", "report_nquads", "report_quads", "write_exports"]

DEFAULT_BASE = "https://kg.example.org/"

_UNRESERVED_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
_DATE_TYPES = ((re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date), (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
               (re.compile(r"\d{4}"), XSD.gYear))


@lru_cache(maxsize=1 << 16)
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
        return ox.NamedNode(self.base + "/".join(map(iri_segment, segments)))

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


# -- one report as N-Quads ---------------------------------------------------------
# A statement is a tuple of four terms in their N-Triples form (subject, predicate,
# object, graph), written by the term's own pyoxigraph ``str``: one N-Quads line is
# the four joined by spaces and " .", exactly as ``pyoxigraph.serialize`` writes it.

Statement = tuple[str, str, str, str]


def _nt(term: URIRef) -> str:
    """The N-Triples form of a vocabulary term."""
    return str(node(term))


def _terms(namespace, *names: str) -> SimpleNamespace:
    """The N-Triples forms of the ``names`` of a closed ``namespace``, looked up once (a misspelt name fails at import)."""
    return SimpleNamespace(**{name: _nt(getattr(namespace, name)) for name in names})


_RDF = _terms(RDF, "type")
_SKOS = _terms(SKOS, "prefLabel", "altLabel", "inScheme")
_PROV = _terms(PROV, "wasQuotedFrom")
_DCTERMS = _terms(DCTERMS, "identifier", "title", "date", "source", "publisher", "creator")
_KG = _terms(KG, "Region", "Mention", "Report", "Adoption", "MediaOutlet", "level", "adminCode", "partOf",
             "evidence", "role", "sha256", "surface", "sentence", "startOffset", "endOffset", "originalStartOffset",
             "originalEndOffset", "focus", "adopter", "program", "adoptingOrganization", "recordId")
_LEVELS = {"province": _nt(KG.Province), "prefecture": _nt(KG.Prefecture), "county": _nt(KG.County),
           "township": _nt(KG.Township), "village": _nt(KG.Village)}
_CLASSES: dict[Kind, tuple[str, ...]] = {
    "program": (_nt(KG.Program), _nt(SKOS.Concept)),
    "slogan": (_nt(KG.Slogan), _nt(SKOS.Concept)),
    "organization": (_nt(ORG.Organization),),
    "person": (_nt(KG.Person),),
}
_SCHEMES = {"program": _nt(KG.Programs), "slogan": _nt(KG.Slogans)}
_PREDICATES = {
    "part_of": _nt(DCTERMS.isPartOf),
    "located_in": _nt(KG.locatedIn),
    "sub_organization_of": _nt(ORG.subOrganizationOf),
    "member_of": _nt(ORG.memberOf),
}


@lru_cache(maxsize=1 << 16)
def _label(name: str) -> str:
    return str(ox.Literal(name, language="zh"))


def _literal(value: str) -> str:
    return str(ox.Literal(value))


def _date(value: str) -> str:
    for pattern, datatype in _DATE_TYPES:
        if pattern.fullmatch(value):
            return str(ox.Literal(value, datatype=node(datatype)))
    return _literal(value)


@lru_cache(maxsize=1 << 14)
def _integer(value: int) -> str:
    return str(ox.Literal(str(value), datatype=node(XSD.integer)))


@lru_cache(maxsize=1 << 16)
def _minted(base: str, *segments: str) -> str:
    """The N-Triples form of a named thing's IRI (a region, program, organisation…): the same
    names come back in report after report, so each is minted and checked once."""
    return str(Iris(base)._iri(*segments))


@lru_cache(maxsize=1 << 14)
def _region_statements(base: str, region: Region) -> tuple[str, tuple[Statement, ...], tuple[tuple[str, str], ...]]:
    """The gazetteer statements of a region's path: its IRI, the statements, and (code, IRI) of each coded step."""
    iris = Iris(base)
    gazetteer = _minted(base, "graph", "gazetteer")
    said: list[Statement] = []
    coded: list[tuple[str, str]] = []
    parent = None
    for i, step in enumerate(region.path):
        iri = str(iris.region(region.path[: i + 1]))
        said.append((iri, _RDF.type, _KG.Region, gazetteer))
        said.append((iri, _SKOS.prefLabel, _label(step.name), gazetteer))
        said.append((iri, _KG.level, _LEVELS[step.level], gazetteer))
        if step.code:
            said.append((iri, _KG.adminCode, _literal(step.code), gazetteer))
            coded.append((step.code, iri))
        if parent is not None:
            said.append((iri, _KG.partOf, parent, gazetteer))
        parent = iri
    said.extend((parent, _SKOS.altLabel, _label(alias), gazetteer) for alias in region.aliases)
    return parent, tuple(said), tuple(coded)


@lru_cache(maxsize=1 << 16)
def _concept_statements(base: str, kind: Kind, name: str) -> tuple[str, tuple[Statement, ...]]:
    """A program, slogan, organisation or person in graph/concepts: its IRI, types, label and scheme."""
    iri = _minted(base, kind, name)
    concepts = _minted(base, "graph", "concepts")
    said = [(iri, _RDF.type, cls, concepts) for cls in _CLASSES[kind]]
    said.append((iri, _SKOS.prefLabel, _label(name), concepts))
    if kind in _SCHEMES:
        said.append((iri, _SKOS.inScheme, _SCHEMES[kind], concepts))
    return iri, tuple(said)


class _Statements:
    """The statements of one report being written: without repeats, in first-written order."""

    def __init__(self, report: str):
        self.report = report
        self._said: dict[Statement, None] = {}

    def say(self, subject: str, predicate: str, obj: str) -> None:
        """Say something in the report's own graph."""
        self._said[subject, predicate, obj, self.report] = None

    def extend(self, statements: tuple[Statement, ...]) -> None:
        """Say statements that carry their own graph (the gazetteer's, the concepts')."""
        self._said.update(dict.fromkeys(statements))

    def nquads(self) -> bytes:
        return "".join([f"{s} {p} {o} {g} .\n" for s, p, o, g in self._said]).encode("utf-8")


def report_nquads(extraction: Extraction, base: str = DEFAULT_BASE) -> tuple[str, bytes]:
    """The named graph of one report as N-Quads: its IRI and the UTF-8 bytes of its quads (plus the
    gazetteer quads of its regions and the concepts quads of what it names), one quad a line.

    Parameters
    ----------
    extraction: one linked report.
    base: the base IRI everything is minted under.

    Returns
    -------
    The report graph's IRI and the N-Quads bytes, the same as ``pyoxigraph.serialize`` writes for
    the quads of :func:`report_quads`; same input, same bytes. Linear in the report's statements:
    the statements of a region or a named thing are made once per process and reused.

    Example
    -------
    >>> from kg.build import extract
    >>> extraction = next(extract(["examples/reports/000_fe7e9151aa82acd0.txt"]))
    >>> graph, data = report_nquads(extraction)
    >>> graph.startswith("https://kg.example.org/report/")
    True
    >>> data == ox.serialize(report_quads(extraction)[1], format=ox.RdfFormat.N_QUADS)
    True
    """
    iris = Iris(base)
    doc = extraction.document
    report = str(iris.report(doc.sha256))
    out = _Statements(report)
    regions: dict[str, str] = {}  # canonical name → IRI
    by_code: dict[str, str] = {}

    def region_node(region: Region) -> str:
        iri, said, coded = _region_statements(base, region)
        out.extend(said)
        for code, coded_iri in coded:
            by_code.setdefault(code, coded_iri)
        return iri

    def coded_region(code: str) -> str:
        if code not in by_code:
            from ..link.gazetteer import gazetteer  # only for a code no region of the report leads to

            places = gazetteer()
            division = places.by_code(code)
            if division is None:
                raise LinkError(f"region code {code!r} is not in the gazetteer", path=doc.source,
                                hint="the extraction names a division kg does not know; re-run the extraction")
            region_node(places.region(division.id))
        return by_code[code]

    def describe(kind: Kind, name: str) -> str:
        if kind == "region":
            return regions[name]
        iri, said = _concept_statements(base, kind, name)
        out.extend(said)
        return iri

    def mention(evidence: Evidence) -> str:
        iri = str(iris.span(doc.sha256, evidence))
        out.say(iri, _RDF.type, _KG.Mention)
        out.say(iri, _PROV.wasQuotedFrom, report)
        out.say(iri, _KG.surface, _literal(doc.text[evidence.start:evidence.end]))
        out.say(iri, _KG.sentence, _literal(evidence.sentence))
        out.say(iri, _KG.startOffset, _integer(evidence.start))
        out.say(iri, _KG.endOffset, _integer(evidence.end))
        if evidence.original_start >= 0 and evidence.original_end >= 0:
            out.say(iri, _KG.originalStartOffset, _integer(evidence.original_start))
            out.say(iri, _KG.originalEndOffset, _integer(evidence.original_end))
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
                out.say(iri, _SKOS.altLabel, _label(alias))
        for evidence in entity.evidence:
            out.say(iri, _KG.evidence, mention(evidence))
        attrs = dict(entity.attrs)
        if entity.kind == "person" and attrs.get("role"):
            out.say(iri, _KG.role, _literal(attrs["role"]))
        if entity.kind == "organization" and attrs.get("type") == "media":
            out.say(iri, _RDF.type, _KG.MediaOutlet)

    for relation in extraction.relations:
        (skind, sname), (okind, oname) = relation.subject, relation.object
        if skind == okind == "region" or (skind == "region" and sname not in regions) or (
                okind == "region" and oname not in regions):
            continue  # the region hierarchy comes whole from the regions' paths
        out.say(describe(skind, sname), _PREDICATES[relation.predicate], describe(okind, oname))

    meta = doc.meta
    out.say(report, _RDF.type, _KG.Report)
    out.say(report, _DCTERMS.identifier, _literal(doc.doc_id))
    out.say(report, _KG.sha256, _literal(doc.sha256))
    if meta.record_id and meta.record_id != doc.doc_id:  # a file's only record, named by its file
        out.say(report, _KG.recordId, _literal(meta.record_id))
    if meta.title:
        out.say(report, _DCTERMS.title, _label(meta.title))
    if meta.date:
        out.say(report, _DCTERMS.date, _date(meta.date))
    if meta.url:
        out.say(report, _DCTERMS.source, str(_url(meta.url)))
    if meta.publisher:
        publisher = _publisher_name(extraction, meta.publisher)
        iri = describe("organization", publisher)
        out.say(iri, _RDF.type, _KG.MediaOutlet)
        out.say(report, _DCTERMS.publisher, iri)
    for person in meta.authors:
        iri = describe("person", person.name)
        if person.role:
            out.say(iri, _KG.role, _literal(person.role))
        out.say(report, _DCTERMS.creator, iri)
    if extraction.focus:
        out.say(report, _KG.focus, coded_region(extraction.focus))

    for adoption in extraction.adoptions:
        iri = str(iris.adoption(doc.sha256, adoption.code, adoption.program))
        out.say(iri, _RDF.type, _KG.Adoption)
        out.say(iri, _KG.adopter, coded_region(adoption.code))
        out.say(iri, _KG.program, describe("program", adoption.program))
        out.say(iri, _DCTERMS.source, report)
        if adoption.organization:
            out.say(iri, _KG.adoptingOrganization, describe("organization", adoption.organization))
        if adoption.date:
            out.say(iri, _DCTERMS.date, _date(adoption.date))
        if adoption.evidence is not None:
            out.say(iri, _KG.evidence, mention(adoption.evidence))
    return report[1:-1], out.nquads()


def report_quads(extraction: Extraction, base: str = DEFAULT_BASE) -> tuple[ox.NamedNode, list[ox.Quad]]:
    """The named graph of one report: its IRI and its quads (plus the gazetteer quads of its regions).

    The quads of :func:`report_nquads`, read back. Loading them with
    :func:`kg.rdf.store.replace_report` replaces what an earlier build said about the same report.
    """
    graph, data = report_nquads(extraction, base)
    return ox.NamedNode(graph), list(ox.parse(data, format=ox.RdfFormat.N_QUADS))


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

    Every file is written from ``source`` graph by graph: memory holds the list of graph names
    and one named graph at a time (the largest are the shared gazetteer and concepts graphs),
    never the whole graph, when ``source`` is a store on disk. Quads given any other way (a list,
    a remote store) are first copied into an in-memory store.
    """
    store = source if isinstance(source, ox.Store) else _in_memory(source)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    prefixes = _data_prefixes(base)
    # Oxigraph dumps N-Quads and TriG without the GIL: in a thread of their own they take no time
    # from the Turtle and JSON-LD writers, which run in Python (a fifth of the time at 10k reports)
    failed: list[BaseException] = []

    def dump() -> None:
        try:
            store.dump(out / "graph.nq", ox.RdfFormat.N_QUADS)
            store.dump(out / "graph.trig", ox.RdfFormat.TRIG, prefixes=prefixes)
        except BaseException as exc:  # noqa: BLE001 - raised again below, in the calling thread
            failed.append(exc)

    dumping = threading.Thread(target=dump, name="kg-dump", daemon=True)
    dumping.start()
    try:
        graphs = [ox.DefaultGraph(), *store.named_graphs()]
        merged = _Counted(_merged_triples(store, graphs))
        ox.serialize(merged, output=out / "graph.ttl", format=ox.RdfFormat.TURTLE, prefixes=prefixes)
        _write_json_ld(store, graphs, out / "graph.jsonld")
    finally:
        dumping.join()
    if failed:
        raise failed[0]
    return merged.count


class _Counted:
    """An iterable that counts what went through it."""

    def __init__(self, items: Iterable):
        self.items = items
        self.count = 0

    def __iter__(self):
        for item in self.items:
            self.count += 1
            yield item


def _merged_triples(store: ox.Store, graphs: list) -> Iterator[ox.Triple]:
    """Every distinct triple of ``store`` once, read one graph at a time.

    A triple stated in several graphs is written with the graph the store lists it in first
    (``quads_for_pattern`` on its subject, predicate and object). Graphs go last to first and
    so do the triples in a graph: the order of the merged in-memory store kg used to dump, so
    ``graph.ttl`` comes out byte for byte as before.

    A statement about a report's own nodes (its mentions, its report node: IRIs under the
    report graph's own) is made in that report's graph only, and is not looked up: three in
    four quads of a report graph. Every other statement (about a region, a program, an
    adoption) is looked up: it may be made in other graphs too.

    Parameters
    ----------
    store: the quads.
    graphs: the default graph then every named graph, in the store's order.

    Returns
    -------
    The triples, lazily. Memory holds one graph's quads; time is linear in the quads, plus
    one index lookup per quad about a node that is not the graph's own.
    """
    for graph in reversed(graphs):
        own = None if isinstance(graph, ox.DefaultGraph) else (graph.value + "/", graph.value + "#")
        for quad in reversed(list(store.quads_for_pattern(None, None, None, graph))):
            subject = quad.subject
            if not (own and isinstance(subject, ox.NamedNode) and subject.value.startswith(own)) and next(iter(
                    store.quads_for_pattern(subject, quad.predicate, quad.object, None))).graph_name != graph:
                continue  # written with the graph that comes first
            yield ox.Triple(subject, quad.predicate, quad.object)


def _write_json_ld(store: ox.Store, graphs: list, path: Path) -> None:
    """``graph.jsonld``: the context, then one ``{"@id": graph, "@graph": [nodes]}`` object per
    named graph, compacted by rdflib one graph at a time; nodes in the order of their subjects'
    first statements, so the same store always gives the same file."""
    from rdflib.plugins.serializers.jsonld import Converter
    from rdflib.plugins.shared.jsonld.context import Context

    context_data = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    context = Context(context_data)
    converter = Converter(context, use_native_types=True, use_rdf_type=False)
    head = json.dumps({"@context": context_data}, indent=2, sort_keys=True, ensure_ascii=False)
    with path.open("w", encoding="utf-8") as out:
        out.write(head[:-2] + ',\n  "@graph": [')
        separator = "\n"
        for graph in graphs:
            local = _LocalGraph()
            for quad in store.quads_for_pattern(None, None, None, graph):
                local.add(_rdflib_term(quad.subject), _rdflib_term(quad.predicate), _rdflib_term(quad.object))
            if not local.spo:
                continue
            nodes: dict = {}
            for subject in local.spo:  # in the store's order: rdflib's own order changes from run to run
                if isinstance(subject, URIRef) or (isinstance(subject, BNode) and not any(local.subjects(None, subject))):
                    converter.process_subject(local, subject, nodes)
            named = {} if isinstance(graph, ox.DefaultGraph) else {"@id": context.shrink_iri(graph.value)}
            text = json.dumps({**named, "@graph": list(nodes.values())}, indent=2, sort_keys=True, ensure_ascii=False)
            out.write(separator + textwrap.indent(text, "    "))
            separator = ",\n"
        out.write("\n  ]\n}\n")


class _LocalGraph:
    """One graph's statements as rdflib terms, by subject, predicate and object in the order they
    were added, answering the few reads rdflib's JSON-LD ``Converter`` makes of a graph as an
    rdflib ``Graph`` in its memory store would, in the same order: a third of the time of
    building that graph, which indexes every statement three ways and tracks its contexts."""

    def __init__(self) -> None:
        self.spo: dict = {}

    def add(self, s, p, o) -> None:
        self.spo.setdefault(s, {}).setdefault(p, {})[o] = None

    def predicate_objects(self, subject):
        for predicate, objects in self.spo.get(subject, {}).items():
            for obj in objects:
                yield predicate, obj

    def value(self, subject, predicate):
        objects = self.spo.get(subject, {}).get(predicate)
        return next(iter(objects)) if objects else None

    def subjects(self, predicate, obj):
        for subject, edges in self.spo.items():
            for p, objects in edges.items():
                if (predicate is None or p == predicate) and obj in objects:
                    yield subject


_XSD_STRING = ox.NamedNode(str(XSD.string))


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal):
    """The rdflib term of a pyoxigraph term, as rdflib's N-Triples parser would read it."""
    if isinstance(term, ox.NamedNode):
        return _uri(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return _literal_term(term.value, term.language, None if term.datatype == _XSD_STRING else term.datatype.value)


@lru_cache(maxsize=1 << 16)
def _uri(iri: str) -> URIRef:
    return URIRef(iri)


@lru_cache(maxsize=1 << 16)
def _literal_term(value: str, language: str | None, datatype: str | None) -> Literal:
    # a literal's value is cast to Python once (offsets, dates and labels come back again and again:
    # 1.3 M literals of 10k reports took 17 s to build one by one)
    if language:
        return Literal(value, lang=language)
    return Literal(value, datatype=None if datatype is None else _uri(datatype))


def _in_memory(quads: Iterable[ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.extend(quads)
    return store
