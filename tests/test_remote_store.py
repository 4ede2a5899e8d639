"""The store on a SPARQL server: the example reports built into an ``oxigraph serve`` through
:class:`RemoteStore` answer every shipped query as the embedded store does."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.build import extract
from kg.cli import app
from kg.errors import QueryError, StoreError
from kg.ingest import Rejected
from kg.rdf.queries import named_query, query_names
from kg.rdf.remote import RemoteStore, connect, with_values
from kg.rdf.serialise import report_quads, write_exports
from kg.rdf.store import open_store, query, replace_report

from conftest import EXAMPLES

BINDINGS = {"programs_of_county": {"code": "420322"}, "first_adoption": {"program": "三会一课"}}


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"  # the venv's, also when it is not on PATH
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``oxigraph serve`` on a free loopback port, over an empty folder."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph, in the dev extra)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            len(RemoteStore(url))
            break
        except StoreError:
            if process.poll() is not None:
                pytest.fail("oxigraph serve exited")
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def remote(server):
    """The example reports loaded into the server as build.py loads them: report_quads, then replace_report."""
    store = connect(server)
    for item in extract([EXAMPLES]):
        if not isinstance(item, Rejected):
            replace_report(store, *report_quads(item))
    return store


@pytest.fixture(scope="module")
def local(example_build):
    out, _ = example_build
    return open_store(out / "store", read_only=True)


@pytest.mark.parametrize("name", query_names())
def test_every_shipped_query_gives_the_same_rows(remote, local, name):
    bindings = BINDINGS.get(name, {})
    expected = query(local, named_query(name), bindings)
    assert expected.rows, "a query without rows proves nothing"
    assert query(remote, named_query(name), bindings) == expected


@pytest.mark.parametrize("sparql", [
    "ASK { ?a a <https://kg.example.org/ontology#Adoption> }",
    "CONSTRUCT WHERE { ?r a <https://kg.example.org/ontology#Report> }",
    "SELECT (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } }",
])
def test_ask_construct_and_graphs_agree(remote, local, sparql):
    remote_rows, local_rows = query(remote, sparql), query(local, sparql)
    assert remote_rows.variables == local_rows.variables
    assert sorted(map(str, remote_rows.rows)) == sorted(map(str, local_rows.rows))


def test_the_server_holds_the_same_quads(remote, local):
    assert len(remote) == len(local)
    assert {str(q) for q in remote} == {str(q) for q in local}
    assert remote.contains_named_graph(next(iter(local.named_graphs())))


def test_reloading_a_report_never_duplicates(remote):
    size = len(remote)
    extraction = next(i for i in extract([EXAMPLES]) if not isinstance(i, Rejected))
    replace_report(remote, *report_quads(extraction))
    assert len(remote) == size


def test_exports_read_the_server(remote, example_build, tmp_path):
    out, report = example_build
    assert write_exports(remote, tmp_path) == report.triples
    written = {str(q) for q in ox.parse(path=str(tmp_path / "graph.nq"), format=ox.RdfFormat.N_QUADS)}
    assert written == {str(q) for q in ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS)}


def test_kg_query_takes_a_url(remote, example_build):
    out, _ = example_build
    runs = [CliRunner().invoke(app, ["query", "spread", "--store", store, "-f", "csv"])
            for store in (remote.url, str(out / "store"))]
    assert runs[0].exit_code == runs[1].exit_code == 0
    assert runs[0].output == runs[1].output and runs[0].output.count("\n") > 10


def test_a_read_only_connection_refuses_writes(server):
    store = connect(server, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        store.remove_graph(ox.NamedNode("https://kg.example.org/report/x"))


def test_a_syntax_error_is_a_query_error(remote):
    with pytest.raises(QueryError):
        query(remote, "SELEC ?x")


def test_an_unreachable_server_is_a_store_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(StoreError, match="cannot reach"):
        len(RemoteStore(f"http://127.0.0.1:{port}", timeout=5))


def test_connect_opens_a_folder_as_the_embedded_store(tmp_path):
    assert isinstance(connect(tmp_path / "store"), ox.Store)


CODE = {"code": ox.Literal("420322")}


@pytest.mark.parametrize("sparql, expected", [
    ("SELECT ?code WHERE { ?r ?p ?code }",
     'SELECT ?code WHERE { VALUES (?code) { ("420322") } ?r ?p ?code }'),
    ("PREFIX kg: <https://kg.example.org/ontology#>\n# a { in a comment\nASK {\n  ?r kg:adminCode ?code }",
     'PREFIX kg: <https://kg.example.org/ontology#>\n# a { in a comment\nASK { VALUES (?code) { ("420322") } '
     '?r kg:adminCode ?code }'),
    ("CONSTRUCT { ?r ?p ?code } WHERE { ?r ?p ?code }",
     'CONSTRUCT { ?r ?p ?code } WHERE { VALUES (?code) { ("420322") } ?r ?p ?code }'),
    ("CONSTRUCT WHERE { ?r ?p ?code }",
     'CONSTRUCT WHERE { VALUES (?code) { ("420322") } ?r ?p ?code }'),
    ("select ?code { ?r ?p ?code }",
     'select ?code { VALUES (?code) { ("420322") } ?r ?p ?code }'),
])
def test_bindings_open_the_where_group(sparql, expected):
    assert with_values(sparql, CODE) == expected


def test_bindings_need_a_where_group():
    with pytest.raises(QueryError):
        with_values("DESCRIBE <urn:x>", CODE)
