"""The RDF of a report: golden graph, SHACL conformance, stable IRIs, closed vocabulary, exports."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.records import (Adoption, Document, Entity, Evidence, Extraction, Metadata, PathStep, Person, Region,
                        Relation)
from kg.rdf.namespaces import KG, ontology_dir
from kg.rdf.serialise import DEFAULT_BASE, Iris, report_nquads, report_quads, write_exports

GOLDEN = Path(__file__).parent / "data" / "golden"

# -- a hand-made fixture: records as the linker makes them ---------------------

HUBEI = PathStep("湖北省", "province", "420000")
SHIYAN = PathStep("十堰市", "prefecture", "420300")
YUNXI = PathStep("郧西县", "county", "420322")
GUANYIN = PathStep("观音镇", "township")
WANSHOUSI = PathStep("万寿寺村", "village")
XIANGYANG = PathStep("襄阳市", "prefecture", "420600")
ZAOYANG = PathStep("枣阳市", "county", "420683")
SHAANXI = PathStep("陕西省", "province", "610000")
SHANGLUO = PathStep("商洛市", "prefecture", "611000")
DANFENG = PathStep("丹凤县", "county", "611022")

REGIONS = {
    "郧西县": Region("郧西县", "county", "420322", (HUBEI, SHIYAN, YUNXI), ("郧西",)),
    "观音镇": Region("观音镇", "township", "420322", (HUBEI, SHIYAN, YUNXI, GUANYIN)),
    "万寿寺村": Region("万寿寺村", "village", "420322", (HUBEI, SHIYAN, YUNXI, GUANYIN, WANSHOUSI), ("万寿寺",)),
    "枣阳市": Region("枣阳市", "county", "420683", (HUBEI, XIANGYANG, ZAOYANG), ("枣阳",)),
    "襄阳市": Region("襄阳市", "prefecture", "420600", (HUBEI, XIANGYANG), ("襄阳", "襄樊市")),
    "丹凤县": Region("丹凤县", "county", "611022", (SHAANXI, SHANGLUO, DANFENG), ("丹凤",)),
}


def document(doc_id: str, text: str, meta: Metadata = Metadata()) -> Document:
    return Document(doc_id, f"{doc_id}.txt", text, text, tuple(range(len(text) + 1)), meta,
                    hashlib.sha256(text.encode("utf-8")).hexdigest())


def evidence(doc: Document, surface: str) -> Evidence:
    start = doc.text.index(surface)
    return Evidence(doc.doc_id, start, start + len(surface), doc.text, start, start + len(surface))


def extraction(doc_id: str, text: str, focus: str, *, regions=(), programs=(), slogans=(), organizations=(),
               relations=(), date=None, publisher=None, authors=()) -> Extraction:
    """An ``Extraction`` made by hand: every name is found in ``text`` for its evidence; the focus
    county adopts every program, dated by the report."""
    doc = document(doc_id, text, Metadata(title=f"报告{doc_id}", date=date, publisher=publisher, authors=authors))

    def entity(kind, name, surface=None, **extra):
        surface = surface or name
        found = (evidence(doc, surface),) if surface in text else ()
        return Entity(kind, name, (surface,), evidence=found, **extra)

    entities = (
        *(entity("region", name, surface, region=REGIONS[name]) for name, surface in regions),
        *(entity("program", name, surface) for name, surface in programs),
        *(entity("slogan", name) for name in slogans),
        *(entity("organization", name) for name in organizations),
        *(Entity("person", p.name, (p.name,), attrs=(("role", p.role),)) for p in authors),
    )
    adoptions = tuple(Adoption(focus, name, doc_id, None, date, evidence(doc, surface))
                      for name, surface in programs)
    return Extraction(doc, focus, 1.0, entities, tuple(relations), adoptions)


YUNXI_REPORT = extraction(
    "yunxi", "郧西县观音镇万寿寺村坚持“三会一课”制度，选派第一书记，架起“连心桥”。", "420322",
    regions=(("郧西县", "郧西县"), ("观音镇", "观音镇"), ("万寿寺村", "万寿寺村")),
    programs=(("三会一课", "“三会一课”制度"), ("第一书记", "第一书记")),
    slogans=("连心桥",), organizations=("观音镇党委", "秦楚网"),
    relations=(Relation(("region", "观音镇"), "part_of", ("region", "郧西县")),
               Relation(("organization", "观音镇党委"), "located_in", ("region", "观音镇"))),
    date="2018", publisher="秦楚网", authors=(Person("贾策", "通讯员"),))
DANFENG_REPORT = extraction(
    "danfeng", "丹凤县推行“三会一课”，落实第一书记制度，开展“五抓五强”和“抓班子强责任”。", "611022",
    regions=(("丹凤县", "丹凤县"),),
    programs=(("三会一课", "“三会一课”"), ("第一书记", "第一书记"), ("五抓五强", "“五抓五强”"),
              ("抓班子强责任", "“抓班子强责任”")),
    organizations=("丹凤县委组织部", "丹凤县委"),
    relations=(Relation(("program", "抓班子强责任"), "part_of", ("program", "五抓五强")),
               Relation(("organization", "丹凤县委组织部"), "sub_organization_of", ("organization", "丹凤县委")),
               Relation(("organization", "丹凤县委组织部"), "located_in", ("region", "丹凤县"))),
    date="2019-03")
ZAOYANG_REPORT = extraction(
    "zaoyang", "襄阳市枣阳市全面落实“三会一课”制度。", "420683",
    regions=(("襄阳市", "襄阳市"), ("枣阳市", "枣阳市")),
    programs=(("三会一课", "“三会一课”制度"),), date="2020-07-16")
REPORTS = (YUNXI_REPORT, DANFENG_REPORT, ZAOYANG_REPORT)


def dataset_of(*extractions: Extraction, base: str = DEFAULT_BASE) -> Dataset:
    """The rdflib dataset of the reports' quads, read back from N-Quads."""
    store = ox.Store()
    for item in extractions:
        store.extend(report_quads(item, base)[1])
    return Dataset().parse(data=store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")


def merged(dataset: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


# -- golden graph ---------------------------------------------------------------

def test_report_graph_matches_golden():
    """Any change to the RDF of a report shows here; regenerate the golden file only on purpose
    (``python tests/test_rdf.py``)."""
    expected = Dataset().parse(GOLDEN / "yunxi.trig", format="trig")
    actual = dataset_of(YUNXI_REPORT)
    names = lambda d: {g.identifier for g in d.graphs() if len(g)}  # noqa: E731
    assert names(actual) == names(expected)
    for name in names(expected):
        assert isomorphic(actual.graph(name), expected.graph(name)), name


def test_same_input_same_quads():
    assert report_quads(YUNXI_REPORT) == report_quads(YUNXI_REPORT)



ESCAPES_REPORT = extraction(
    "escapes", '引号"三会一课"与反斜杠\\及换行\n制表\t和\x01控制符，第一书记。', "420322",
    regions=(("郧西县", "郧西县"),), programs=(("三会一课", '"三会一课"'), ("第一书记", "第一书记")),
    date="2018-05")


@pytest.mark.parametrize("item, base", [
    (YUNXI_REPORT, DEFAULT_BASE),
    (DANFENG_REPORT, "http://example.com/kg/"),
    (ZAOYANG_REPORT, DEFAULT_BASE),
    (ESCAPES_REPORT, DEFAULT_BASE),  # quotes, backslash, newline, tab, a control character in literals
])
def test_nquads_are_what_pyoxigraph_writes_for_the_quads(item, base):
    graph, data = report_nquads(item, base)
    name, quads = report_quads(item, base)
    assert graph == name.value
    assert data == ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert len(data.splitlines()) == len(quads) == len(set(quads))


# -- shapes -----------------------------------------------------------------------

def test_built_graph_conforms_to_shapes():
    from pyshacl import validate

    shapes = Graph().parse(ontology_dir() / "shapes.ttl")
    ontology = Graph().parse(ontology_dir() / "kg.ttl")
    conforms, _, text = validate(merged(dataset_of(*REPORTS)), shacl_graph=shapes, ont_graph=ontology,
                                 inference="rdfs", advanced=True)
    assert conforms, text


@pytest.mark.parametrize("breakage", [
    "DELETE WHERE { ?r <https://kg.example.org/ontology#level> ?l }",
    "DELETE WHERE { ?a <https://kg.example.org/ontology#adopter> ?r }",
    "INSERT { ?r <https://kg.example.org/ontology#adminCode> '4203' } WHERE "
    "{ ?r <https://kg.example.org/ontology#adminCode> '420322' }",
    "DELETE WHERE { ?m <https://kg.example.org/ontology#sentence> ?s }",
    "DELETE WHERE { ?p <http://www.w3.org/2004/02/skos/core#inScheme> ?s }",
    "DELETE WHERE { ?r <http://purl.org/dc/terms/identifier> ?s }",
])
def test_shapes_reject_a_broken_graph(breakage):
    from pyshacl import validate

    graph = merged(dataset_of(YUNXI_REPORT))
    graph.update(breakage)
    conforms, _, _ = validate(graph, shacl_graph=Graph().parse(ontology_dir() / "shapes.ttl"),
                              ont_graph=Graph().parse(ontology_dir() / "kg.ttl"), inference="rdfs")
    assert not conforms


# -- IRIs and vocabulary -----------------------------------------------------------

@pytest.mark.parametrize("path, iri", [
    ((HUBEI, SHIYAN, YUNXI), "region/420322"),
    ((HUBEI,), "region/420000"),
    ((HUBEI, SHIYAN, YUNXI, GUANYIN, WANSHOUSI), "region/420322/观音镇/万寿寺村"),
    ((PathStep("广东省", "province", "440000"), PathStep("东莞市", "prefecture", "441900"),
      PathStep("虎门镇", "township")), "region/441900/虎门镇"),
])
def test_region_iris_come_from_code_and_path_below_county(path, iri):
    assert Iris().region(path).value == DEFAULT_BASE + iri


@pytest.mark.parametrize("kind, name, iri", [
    ("program", "三会一课", "program/三会一课"),
    ("program", "2+5工作法", "program/2%2B5%E5%B7%A5%E4%BD%9C%E6%B3%95"),
    ("slogan", "因地制宜、科学合理", "slogan/因地制宜、科学合理"),
    ("organization", "枣阳市委组织部", "organization/枣阳市委组织部"),
    ("person", "贾 策", "person/%E8%B4%BE%20%E7%AD%96"),
])
def test_entity_iris_come_from_canonical_names(kind, name, iri):
    assert Iris().entity(kind, name).value == DEFAULT_BASE + iri


def test_report_iri_is_content_hash_and_base_is_configurable():
    graph, quads = report_quads(YUNXI_REPORT, "http://example.com/kg/")
    assert graph.value == "http://example.com/kg/report/" + YUNXI_REPORT.document.sha256[:16]
    assert all(q.subject.value.startswith("http://example.com/kg/") for q in quads)


def test_a_misspelt_term_fails():
    assert str(KG.adminCode) == "https://kg.example.org/ontology#adminCode"
    with pytest.raises(AttributeError):
        KG.admincode


def test_every_kg_term_written_is_declared_with_labels_in_both_languages():
    ontology = Graph().parse(ontology_dir() / "kg.ttl")
    written = {term for q in dataset_of(*REPORTS).quads((None, None, None, None)) for term in q[:3]
               if isinstance(term, URIRef) and str(term).startswith(str(KG))}
    assert written
    for term in written:
        languages = {label.language for label in ontology.objects(term, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
        assert {"zh", "en"} <= languages, term


# -- what the graph says -------------------------------------------------------------

def ask(dataset: Dataset, pattern: str) -> bool:
    prefixes = "PREFIX kg: <https://kg.example.org/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> " \
               "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX org: <http://www.w3.org/ns/org#> " \
               "PREFIX prov: <http://www.w3.org/ns/prov#> "
    return bool(merged(dataset).query(prefixes + "ASK { " + pattern + " }").askAnswer)


@pytest.mark.parametrize("pattern", [
    # regions: levels, codes, labels and the chain up to the province, named or not
    "?v skos:prefLabel '万寿寺村'@zh ; kg:level kg:Village ; kg:partOf/kg:partOf ?c . ?c kg:adminCode '420322' ."
    " ?c kg:partOf/kg:partOf ?p . ?p skos:prefLabel '湖北省'@zh ; kg:level kg:Province ; kg:adminCode '420000' .",
    "?c kg:adminCode '420322' ; skos:altLabel '郧西'@zh .",
    # report metadata and provenance
    "?r a kg:Report ; dcterms:date '2018'^^<http://www.w3.org/2001/XMLSchema#gYear> ; dcterms:publisher ?o ;"
    " dcterms:creator ?p ; kg:focus/kg:adminCode '420322' . ?o a kg:MediaOutlet ; skos:prefLabel '秦楚网'@zh ."
    " ?p kg:role '通讯员' .",
    # programs and slogans in their schemes
    "?p a kg:Program ; skos:inScheme kg:Programs ; skos:prefLabel '三会一课'@zh ; skos:altLabel '“三会一课”制度'@zh .",
    "?s a kg:Slogan ; skos:inScheme kg:Slogans ; skos:prefLabel '连心桥'@zh .",
    # adoptions with date, evidence and report
    "?a a kg:Adoption ; kg:adopter/kg:adminCode '420322' ; kg:program/skos:prefLabel '第一书记'@zh ;"
    " dcterms:source ?r ; kg:evidence ?m . ?m kg:surface '第一书记' ; kg:sentence ?s ; prov:wasQuotedFrom ?r ;"
    " kg:startOffset ?b ; kg:endOffset ?e . ?r a kg:Report .",
    # organisations
    "?o skos:prefLabel '观音镇党委'@zh ; kg:locatedIn/skos:prefLabel '观音镇'@zh .",
])
def test_yunxi_report_says(pattern):
    assert ask(dataset_of(YUNXI_REPORT), pattern)


@pytest.mark.parametrize("pattern", [
    "?part skos:prefLabel '抓班子强责任'@zh ; dcterms:isPartOf/skos:prefLabel '五抓五强'@zh .",
    "?d skos:prefLabel '丹凤县委组织部'@zh ; org:subOrganizationOf ?c . ?c a org:Organization ;"
    " skos:prefLabel '丹凤县委'@zh .",
    "?a kg:adopter/kg:adminCode '611022' ; dcterms:date '2019-03'^^<http://www.w3.org/2001/XMLSchema#gYearMonth> .",
])
def test_danfeng_report_says(pattern):
    assert ask(dataset_of(DANFENG_REPORT), pattern)


def test_a_record_named_by_its_file_keeps_its_own_id():
    """A file's only record is named by the file (the guidelines' ``doc``); the id the crawl gave it
    stays findable as ``kg:recordId``, which the shapes allow once; a record named by its id says none."""
    from dataclasses import replace

    from pyshacl import validate

    doc = YUNXI_REPORT.document
    renamed = replace(YUNXI_REPORT, document=replace(doc, meta=replace(doc.meta, record_id="ylrb-0A3417")))
    assert ask(dataset_of(renamed), f"?r dcterms:identifier '{doc.doc_id}' ; kg:recordId 'ylrb-0A3417' .")
    own = replace(YUNXI_REPORT, document=replace(doc, meta=replace(doc.meta, record_id=doc.doc_id)))
    assert not ask(dataset_of(own), "?r kg:recordId ?id .")
    shapes = Graph().parse(ontology_dir() / "shapes.ttl")
    twice = merged(dataset_of(renamed))
    twice.add((next(twice.subjects(KG.recordId, None)), KG.recordId, Literal("another")))
    assert not validate(twice, shacl_graph=shapes)[0]
    assert validate(merged(dataset_of(renamed)), shacl_graph=shapes)[0]


def test_region_hierarchy_goes_to_the_shared_gazetteer_graph():
    dataset = dataset_of(YUNXI_REPORT, ZAOYANG_REPORT)
    gazetteer = dataset.graph(URIRef(Iris().gazetteer().value))
    hubei = URIRef(DEFAULT_BASE + "region/420000")
    assert (hubei, URIRef(str(KG.adminCode)), None) in gazetteer
    reports = [g for g in dataset.graphs() if "/report/" in str(g.identifier)]
    assert len(reports) == 2 and all((hubei, None, None) not in g for g in reports)


def test_an_unknown_focus_code_is_a_link_error(monkeypatch):
    from dataclasses import replace

    from kg.errors import LinkError

    class NoPlaces:
        def by_code(self, code):
            return None

    monkeypatch.setattr("kg.link.gazetteer.gazetteer", lambda: NoPlaces())
    with pytest.raises(LinkError, match="999999"):
        report_quads(replace(ZAOYANG_REPORT, focus="999999"))


# -- exports ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    quads = [q for item in REPORTS for q in report_quads(item)[1]]
    triples = write_exports(quads, out)
    return out, triples, quads


@pytest.mark.parametrize("name, fmt", [("graph.trig", "trig"), ("graph.nq", "nquads"), ("graph.jsonld", "json-ld")])
def test_datasets_round_trip_through_rdflib(exports, name, fmt):
    out, _, quads = exports
    expected = Dataset().parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode(), format="nquads")
    actual = Dataset().parse(out / name, format=fmt)
    graphs = lambda d: {g.identifier: g for g in d.graphs() if len(g)}  # noqa: E731
    assert graphs(actual).keys() == graphs(expected).keys()
    for name_ in graphs(expected):
        assert isomorphic(graphs(actual)[name_], graphs(expected)[name_]), name_


def test_turtle_holds_every_statement_once(exports):
    out, triples, quads = exports
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(graph) == triples == len({(q.subject, q.predicate, q.object) for q in quads})
    assert isomorphic(graph, merged(dataset_of(*REPORTS)))


def test_rdflib_output_loads_back_into_pyoxigraph(exports):
    out, _, quads = exports
    trig = Dataset().parse(out / "graph.trig", format="trig").serialize(format="trig")
    store = ox.Store()
    store.load(trig.encode("utf-8"), ox.RdfFormat.TRIG)
    assert set(store) == set(quads)


def test_json_ld_is_compacted_with_kg_context(exports):
    out, _, _ = exports
    document = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["kg"] == str(KG)
    assert "三会一课" in (out / "graph.jsonld").read_text(encoding="utf-8")



@pytest.fixture(scope="module")
def disk_quads(tmp_path_factory):
    """The three reports plus one more that repeats some of their statements, as N-Quads."""
    path = tmp_path_factory.mktemp("nq") / "reports.nq"
    quads = [q for item in (*REPORTS, ESCAPES_REPORT) for q in report_quads(item)[1]]
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return path


def test_merged_turtle_from_a_store_on_disk_is_what_a_merged_store_writes(disk_quads, tmp_path):
    """graph.ttl is streamed graph by graph, yet byte for byte what dumping every triple merged
    into one in-memory store (what kg did before) writes, statements repeated across graphs once."""
    from kg.rdf.serialise import _data_prefixes

    store = ox.Store(str(tmp_path / "store"))
    store.load(path=str(disk_quads), format=ox.RdfFormat.N_QUADS)
    merged = ox.Store()
    merged.extend(ox.Quad(q.subject, q.predicate, q.object) for q in store)
    assert len(merged) < len(store)  # some statements are made in more than one graph
    assert write_exports(store, tmp_path / "out") == len(merged)
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == merged.dump(
        format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=_data_prefixes(DEFAULT_BASE))


def test_json_ld_nodes_are_what_rdflib_makes_of_each_graph(disk_quads, tmp_path):
    """graph.jsonld hands rdflib's JSON-LD converter a light table of each graph's statements: its
    nodes are what the converter makes of an rdflib Graph of the same statements."""
    from rdflib import Graph
    from rdflib.plugins.serializers.jsonld import Converter
    from rdflib.plugins.shared.jsonld.context import Context

    from kg.rdf.namespaces import ontology_dir
    from kg.rdf.serialise import _rdflib_term

    store = ox.Store(str(tmp_path / "store"))
    store.load(path=str(disk_quads), format=ox.RdfFormat.N_QUADS)
    write_exports(store, tmp_path / "out")
    written = json.loads((tmp_path / "out" / "graph.jsonld").read_text(encoding="utf-8"))["@graph"]
    context = Context(json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"])
    converter = Converter(context, use_native_types=True, use_rdf_type=False)
    expected = []
    for graph in store.named_graphs():
        local, subjects = Graph(bind_namespaces="none"), {}
        for quad in store.quads_for_pattern(None, None, None, graph):
            subjects[_rdflib_term(quad.subject)] = None
            local.add((_rdflib_term(quad.subject), _rdflib_term(quad.predicate), _rdflib_term(quad.object)))
        nodes: dict = {}
        for subject in subjects:
            converter.process_subject(local, subject, nodes)
        expected.append({"@id": context.shrink_iri(graph.value), "@graph": list(nodes.values())})
    assert written == json.loads(json.dumps(expected, ensure_ascii=False))  # as JSON: tuples are lists
    assert len(written) == len(list(store.named_graphs())) > len(REPORTS)


def test_an_export_that_fails_in_the_dump_thread_fails_the_call(disk_quads, tmp_path):
    store = ox.Store(str(tmp_path / "store"))
    store.load(path=str(disk_quads), format=ox.RdfFormat.N_QUADS)
    (tmp_path / "out" / "graph.trig").mkdir(parents=True)  # N-Quads and TriG are dumped in a thread
    with pytest.raises(OSError):
        write_exports(store, tmp_path / "out")
    assert (tmp_path / "out" / "graph.nq").stat().st_size > 0


def test_json_ld_is_the_same_file_whatever_the_hash_seed(disk_quads, tmp_path):
    import subprocess
    import sys

    script = ("import sys, pyoxigraph as ox\nfrom kg.rdf.serialise import write_exports\n"
              "store = ox.Store(sys.argv[2])\nstore.load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)\n"
              "write_exports(store, sys.argv[3])\n")
    for seed in ("1", "2"):
        subprocess.run([sys.executable, "-c", script, str(disk_quads), str(tmp_path / f"store{seed}"),
                        str(tmp_path / seed)], check=True, env={**os.environ, "PYTHONHASHSEED": seed})
    assert (tmp_path / "1" / "graph.jsonld").read_bytes() == (tmp_path / "2" / "graph.jsonld").read_bytes()


if __name__ == "__main__":  # regenerate the golden graph after a deliberate change
    store = ox.Store()
    store.extend(report_quads(YUNXI_REPORT)[1])
    from kg.rdf.serialise import _data_prefixes

    store.dump(GOLDEN / "yunxi.trig", ox.RdfFormat.TRIG, prefixes=_data_prefixes(DEFAULT_BASE))
