"""The SPARQL store and the shipped queries, on the hand-made reports of test_rdf."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pyoxigraph as ox
import pytest

from kg.errors import QueryError, StoreError
from kg.rdf.queries import named_query, query_names, resolve_query
from kg.rdf.serialise import report_quads
from kg.rdf.store import Result, format_result, open_store, query, replace_report

from test_rdf import DANFENG_REPORT, REPORTS, YUNXI_REPORT, ZAOYANG_REPORT


def load(store: ox.Store, *extractions) -> ox.Store:
    for item in extractions:
        replace_report(store, *report_quads(item))
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return load(open_store(tmp_path_factory.mktemp("store") / "store"), *REPORTS)


def rows(result: Result) -> list[dict]:
    return result.records()


# -- opening and loading ------------------------------------------------------------

def test_reloading_a_report_never_duplicates(tmp_path):
    store = load(open_store(tmp_path / "store"), *REPORTS)
    size = len(store)
    load(store, *REPORTS)
    assert len(store) == size


def test_reloading_a_changed_report_drops_what_it_no_longer_says(tmp_path):
    store = load(open_store(tmp_path / "store"), DANFENG_REPORT)
    fewer = replace(DANFENG_REPORT, adoptions=DANFENG_REPORT.adoptions[:1])
    load(store, fewer)
    assert len(rows(query(store, "SELECT ?a WHERE { ?a a <https://kg.example.org/ontology#Adoption> }"))) == 1


def test_store_persists_and_opens_read_only(tmp_path):
    store = load(open_store(tmp_path / "store"), YUNXI_REPORT)
    size = len(store)
    del store
    assert len(open_store(tmp_path / "store", read_only=True)) == size


@pytest.mark.parametrize("make, read_only, message", [
    (lambda p: p.write_text("not a store"), False, "cannot open the store"),
    (lambda p: None, True, "no store here"),
])
def test_a_store_that_cannot_be_opened_names_its_path(tmp_path, make, read_only, message):
    make(tmp_path / "store")
    with pytest.raises(StoreError, match=message) as error:
        open_store(tmp_path / "store", read_only=read_only)
    assert error.value.path == str(tmp_path / "store") and error.value.hint


def test_a_store_in_use_says_so(tmp_path):
    first = open_store(tmp_path / "store")  # noqa: F841 - holds the lock
    with pytest.raises(StoreError, match="in use"):
        open_store(tmp_path / "store")


# -- querying ---------------------------------------------------------------------

def test_queries_see_every_report_through_the_union_graph(store):
    result = query(store, "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a <https://kg.example.org/ontology#Report> }")
    assert rows(result) == [{"n": "3"}]


@pytest.mark.parametrize("value, expected", [("420322", ["郧西县"]), ("611022", ["丹凤县"]), ("000000", [])])
def test_a_binding_is_a_parameter(store, value, expected):
    sparql = ("SELECT ?code ?name WHERE { ?r <https://kg.example.org/ontology#adminCode> ?code ; "
              "<http://www.w3.org/2004/02/skos/core#prefLabel> ?name }")
    assert [r["name"] for r in rows(query(store, sparql, {"code": value}))] == expected


class _Asked:
    """A store that keeps the query texts it is asked."""

    def __init__(self, store):
        self.store, self.asked = store, []

    def query(self, sparql, **options):
        self.asked.append(sparql)
        return self.store.query(sparql, **options)


def test_bound_values_open_the_query_so_its_plan_starts_from_them(store):
    """Oxigraph plans a query before it applies substitutions, so the values are also written into
    it as a VALUES block (the text oxigraph writes for each term, never the raw value); the rows
    are the substitutions' alone."""
    asked = _Asked(store)
    result = run(asked, "programs_of_county", code="420000")
    assert {(r["program"], r["adopter"]) for r in result} == {("三会一课", "郧西县"), ("第一书记", "郧西县"),
                                                              ("三会一课", "枣阳市")}
    assert 'VALUES (?code) { ("420000") }' in asked.asked[0]
    sneaky = '420322" } ?x ?y ?z . { "'
    assert rows(query(asked, "SELECT ?code WHERE { ?r <https://kg.example.org/ontology#adminCode> ?code }",
                      {"code": sneaky})) == []
    assert '"420322\\" } ?x ?y ?z . { \\""' in asked.asked[-1]


def test_a_binding_the_query_does_not_select_is_a_query_error(store):
    with pytest.raises(QueryError, match="program"):
        query(store, "SELECT ?s WHERE { ?s ?p ?program }", {"program": "三会一课"})


def test_a_syntax_error_gives_its_position(store):
    with pytest.raises(QueryError, match=r"line 2, column \d+"):
        query(store, "SELECT ?x\nWHERE { ?x ?y }")


@pytest.mark.parametrize("sparql, variables", [
    ("ASK { ?s ?p ?o }", ("ask",)),
    ("CONSTRUCT WHERE { ?s a <https://kg.example.org/ontology#Report> }", ("subject", "predicate", "object")),
])
def test_ask_and_construct_come_back_as_results(store, sparql, variables):
    result = query(store, sparql)
    assert result.variables == variables and result.rows


def test_results_print_as_csv_json_and_table():
    result = Result(("program", "counties"), ((ox.Literal("三会一课"), ox.Literal("3")), (ox.Literal("第一书记"), None)))
    assert list(csv.DictReader(io.StringIO(format_result(result, "csv")))) == [
        {"program": "三会一课", "counties": "3"}, {"program": "第一书记", "counties": ""}]
    assert json.loads(format_result(result, "json")) == [
        {"program": "三会一课", "counties": "3"}, {"program": "第一书记", "counties": None}]
    table = format_result(result, "table")
    assert "program" in table and "三会一课" in table
    with pytest.raises(QueryError, match="xml"):
        format_result(result, "xml")


# -- the shipped queries ----------------------------------------------------------------

def test_every_shipped_query_is_loaded_by_name():
    assert {"spread", "spread_provinces", "programs_of_county", "first_adoption", "cooccur",
            "shared_programs"} <= set(query_names())


@pytest.mark.parametrize("text, starts", [
    ("spread", "# Programs ranked"),
    ("spread.rq", "# Programs ranked"),
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
])
def test_resolve_query(text, starts):
    assert resolve_query(text).startswith(starts)


def test_resolve_query_reads_a_file(tmp_path):
    (tmp_path / "mine.rq").write_text("ASK {}", encoding="utf-8")
    assert resolve_query(str(tmp_path / "mine.rq")) == "ASK {}"


@pytest.mark.parametrize("name", ["spreed", "../kg"])
def test_an_unknown_query_names_the_shipped_ones(name):
    with pytest.raises(QueryError, match="spread"):
        named_query(name)


def run(store, name, **bindings):
    return rows(query(store, named_query(name), bindings))


def test_spread_ranks_programs_by_counties(store):
    result = run(store, "spread")
    assert [(r["program"], r["counties"]) for r in result] == [("三会一课", "3"), ("第一书记", "2"),
                                                               ("五抓五强", "1"), ("抓班子强责任", "1")]
    assert set(result[0]["names"].split("、")) == {"郧西县", "丹凤县", "枣阳市"}


def test_counties_roll_up_to_provinces(store):
    result = {r["program"]: r for r in run(store, "spread_provinces")}
    assert (result["三会一课"]["provinces"], result["三会一课"]["adopters"]) == ("2", "3")
    assert set(result["三会一课"]["names"].split("、")) == {"湖北省", "陕西省"}
    assert (result["第一书记"]["provinces"], result["第一书记"]["adopters"]) == ("2", "2")


@pytest.mark.parametrize("code, expected", [
    ("420322", {("三会一课", "郧西县"), ("第一书记", "郧西县")}),
    ("420000", {("三会一课", "郧西县"), ("第一书记", "郧西县"), ("三会一课", "枣阳市")}),  # a province gathers its counties
    ("999999", set()),
])
def test_programs_of_county(store, code, expected):
    assert {(r["program"], r["adopter"]) for r in run(store, "programs_of_county", code=code)} == expected


def test_first_adoption_orders_adopters_by_date(store):
    result = run(store, "first_adoption", program="三会一课")
    assert [(r["adopter"], r["code"], r["first"]) for r in result] == [
        ("郧西县", "420322", "2018"), ("丹凤县", "611022", "2019-03"), ("枣阳市", "420683", "2020-07-16")]


def test_first_adoption_lists_undated_adopters_last(tmp_path):
    undated = replace(ZAOYANG_REPORT, adoptions=tuple(replace(a, date=None) for a in ZAOYANG_REPORT.adoptions))
    store = load(open_store(tmp_path / "store"), DANFENG_REPORT, undated)
    assert [(r["adopter"], r["first"]) for r in run(store, "first_adoption", program="三会一课")] == [
        ("丹凤县", "2019-03"), ("枣阳市", None)]


def test_cooccur_pairs_programs_of_the_same_adopters(store):
    result = {(r["program"], r["other"]): r["adopters"] for r in run(store, "cooccur")}
    assert result[("三会一课", "第一书记")] == "2"
    assert result[("三会一课", "五抓五强")] == "1"
    assert all(a < b for a, b in result)


def test_shared_programs_give_counties_dates_and_sentences(store):
    result = run(store, "shared_programs")
    assert {r["program"] for r in result} == {"三会一课", "第一书记"}
    lessons = [r for r in result if r["program"] == "三会一课"]
    assert [(r["county"], r["date"], r["counties"]) for r in lessons] == [
        ("郧西县", "2018", "3"), ("丹凤县", "2019-03", "3"), ("枣阳市", "2020-07-16", "3")]
    assert all("三会一课" in r["sentence"] and r["report"] for r in lessons)
