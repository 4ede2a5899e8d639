"""``kg serve``: the SPARQL 1.1 Protocol endpoint over the example build, started as a subprocess.

Queried with SPARQLWrapper and with plain urllib (GET, POST form, POST query body); answers
parse in every format; updates are refused; a runaway query is stopped; the limit cuts.
"""
from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
import rdflib

from kg.rdf.endpoint import make_server, negotiate
from kg.rdf.queries import named_query
from kg.rdf.store import open_store, query
from kg.errors import QueryError

LIMIT = 50
TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
MARKER = "ASK { <urn:kg:test> <urn:kg:says> 'inserted' }"
INSERT = "INSERT DATA { <urn:kg:test> <urn:kg:says> 'inserted' }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(example_build):
    """``kg serve`` on a free loopback port with a 1-second timeout and a limit of 50 rows."""
    out, _ = example_build
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(out), "--port", str(port),
                               "--timeout", "1", "--limit", str(LIMIT)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/", timeout=5).read()
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail("kg serve exited")
            time.sleep(0.1)
    yield base + "/sparql", out
    server.terminate()
    server.wait(timeout=10)


def fetch(request: urllib.request.Request | str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def get(url: str, headers: dict | None = None, **params) -> tuple[int, dict, bytes]:
    return fetch(urllib.request.Request(url + "?" + urllib.parse.urlencode(params), headers=headers or {}))


def post(url: str, body: str, media_type: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    return fetch(urllib.request.Request(url, data=body.encode("utf-8"), method="POST",
                                        headers={"Content-Type": media_type, **(headers or {})}))


def embedded(out, sparql: str) -> list[dict]:
    return query(open_store(out / "store", read_only=True), sparql).records()


# -- SPARQLWrapper -----------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_gets_the_rows_of_the_embedded_store(endpoint, method):
    from SPARQLWrapper import JSON, SPARQLWrapper

    url, out = endpoint
    client = SPARQLWrapper(url)
    client.setMethod(method)
    client.setQuery(named_query("shared_programs"))
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    expected = embedded(out, named_query("shared_programs"))[:LIMIT]
    assert [{k: v["value"] for k, v in row.items()} for row in bindings] == \
           [{k: v for k, v in row.items() if v is not None} for row in expected]


def test_sparqlwrapper_construct_as_turtle(endpoint):
    from SPARQLWrapper import TURTLE, SPARQLWrapper

    url, _ = endpoint
    client = SPARQLWrapper(url)
    client.setQuery("CONSTRUCT { ?p a <https://kg.example.org/ontology#Program> } "
                    "WHERE { ?p a <https://kg.example.org/ontology#Program> }")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert len(graph) > 5


# -- formats ----------------------------------------------------------------------------------------

def rows_of_json(body: bytes) -> list[str]:
    return [row["program"]["value"] for row in json.loads(body)["results"]["bindings"]]


def rows_of_xml(body: bytes) -> list[str]:
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    return [b.find("r:literal", ns).text for b in ET.fromstring(body).iterfind(".//r:binding[@name='program']", ns)]


def rows_of_csv(body: bytes) -> list[str]:
    return [row["program"] for row in csv.DictReader(io.StringIO(body.decode("utf-8")))]


def rows_of_tsv(body: bytes) -> list[str]:
    lines = body.decode("utf-8").splitlines()
    column = lines[0].split("\t").index("?program")
    return [json.loads(line.split("\t")[column]) for line in lines[1:]]  # "..." literals are JSON strings


@pytest.mark.parametrize("how", ["format", "accept"])
@pytest.mark.parametrize("name, media, parse", [
    ("json", "application/sparql-results+json", rows_of_json),
    ("xml", "application/sparql-results+xml", rows_of_xml),
    ("csv", "text/csv", rows_of_csv),
    ("tsv", "text/tab-separated-values", rows_of_tsv),
])
def test_select_answers_parse_in_every_format(endpoint, how, name, media, parse):
    url, out = endpoint
    sparql = named_query("spread")
    params = {"format": name} if how == "format" else {}
    status, headers, body = get(url, {"Accept": media} if how == "accept" else None, query=sparql, **params)
    assert status == 200 and headers["Content-Type"].startswith(media)
    assert parse(body) == [row["program"] for row in embedded(out, sparql)][:LIMIT]


@pytest.mark.parametrize("name, parse_as", [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"),
                                            ("rdfxml", "xml")])
def test_construct_answers_parse_with_rdflib(endpoint, name, parse_as):
    url, out = endpoint
    sparql = "CONSTRUCT WHERE { ?r a <https://kg.example.org/ontology#Report> ; <http://purl.org/dc/terms/title> ?t }"
    status, _, body = get(url, query=sparql, format=name)
    assert status == 200
    graph = rdflib.Graph().parse(data=body, format=parse_as)
    titled = embedded(out, sparql)
    assert len(graph) == len(titled) >= 3 and {str(s) for s in graph.subjects()} == {r["subject"] for r in titled}


def test_get_post_form_and_post_body_agree(endpoint):
    url, _ = endpoint
    sparql = named_query("graph_regions")
    answers = [get(url, query=sparql),
               post(url, urllib.parse.urlencode({"query": sparql}), "application/x-www-form-urlencoded"),
               post(url, sparql, "application/sparql-query")]
    assert {a[0] for a in answers} == {200}
    assert answers[0][2] == answers[1][2] == answers[2][2]


def test_ask(endpoint):
    url, _ = endpoint
    assert json.loads(get(url, query="ASK { ?s a <https://kg.example.org/ontology#Adoption> }")[2]) == \
           {"head": {}, "boolean": True}


# -- read-only, timeout, limit, errors ---------------------------------------------------------------

@pytest.mark.parametrize("send", [
    lambda url: post(url, urllib.parse.urlencode({"update": INSERT}), "application/x-www-form-urlencoded"),
    lambda url: post(url, INSERT, "application/sparql-update"),
    lambda url: get(url, update=INSERT),
], ids=["form", "body", "get"])
def test_updates_are_refused_and_change_nothing(endpoint, send):
    url, _ = endpoint
    status, _, body = send(url)
    assert status == 403 and b"read-only" in body
    assert json.loads(get(url, query=MARKER)[2])["boolean"] is False


def test_a_runaway_query_is_stopped_and_the_endpoint_goes_on(endpoint):
    url, out = endpoint
    status, _, body = get(url, query=RUNAWAY)
    assert status == 503 and b"timeout" in body
    status, _, body = get(url, query=named_query("spread"), format="csv")
    assert status == 200 and len(rows_of_csv(body)) == min(LIMIT, len(embedded(out, named_query("spread"))))


def test_the_limit_cuts_and_says_so(endpoint):
    url, _ = endpoint
    status, headers, body = get(url, query=TRIPLES)
    assert status == 200 and headers.get("KG-Truncated") == "true" and headers["KG-Result-Limit"] == str(LIMIT)
    assert len(json.loads(body)["results"]["bindings"]) == LIMIT
    status, headers, body = get(url, query=TRIPLES + " LIMIT 3")
    assert "KG-Truncated" not in headers and len(json.loads(body)["results"]["bindings"]) == 3


@pytest.mark.parametrize("params, status", [
    ({"query": "SELEC ?x"}, 400),
    ({}, 400),
    ({"query": TRIPLES, "format": "pdf"}, 406),
])
def test_bad_requests(endpoint, params, status):
    url, _ = endpoint
    assert get(url, **params)[0] == status


def test_the_graph_page_is_served_at_the_root(endpoint):
    url, out = endpoint
    status, headers, body = fetch(url.removesuffix("sparql"))
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert body == (out / "graph.html").read_bytes()


def test_listens_on_loopback_by_default(example_build):
    out, _ = example_build
    server = make_server(out, port=0, quiet=True, workers=1)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


# -- content negotiation ------------------------------------------------------------------------------

@pytest.mark.parametrize("form, fmt, accept, expected", [
    ("select", None, None, "json"),
    ("select", None, "*/*", "json"),
    ("select", None, "text/csv", "csv"),
    ("select", None, "text/csv;q=0.5, application/sparql-results+xml", "xml"),
    ("select", None, "text/html, text/tab-separated-values;q=0.1", "tsv"),
    ("ask", "xml", "text/csv", "xml"),
    ("select", "application/sparql-results+json", None, "json"),
    ("construct", None, None, "turtle"),
    ("construct", None, "application/n-triples", "ntriples"),
    ("describe", "json", None, "jsonld"),
    ("construct", "xml", None, "rdfxml"),
    ("construct", None, "application/sparql-results+json", "turtle"),
])
def test_negotiate(form, fmt, accept, expected):
    assert negotiate(form, fmt, accept) == expected


@pytest.mark.parametrize("form, fmt", [("select", "turtle"), ("construct", "csv"), ("select", "pdf")])
def test_negotiate_refuses_a_format_the_form_cannot_take(form, fmt):
    with pytest.raises(QueryError):
        negotiate(form, fmt, None)
