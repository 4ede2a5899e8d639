"""``kg validate``: the example build conforms to the shapes; a hand-broken graph does not, and says where."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import StoreError
from kg.rdf.store import open_store
from kg.rdf.validate import ValidationReport, Violation, validate

KG = "https://kg.example.org/ontology#"
YUNXI = "<https://kg.example.org/region/420322>"


def broken_copy(example_build, update: str) -> ox.Store:
    """An in-memory copy of the example store with ``update`` applied to every named graph."""
    out, _ = example_build
    store = ox.Store()
    store.extend(open_store(out / "store", read_only=True))
    store.update(update)
    return store


def test_the_example_build_conforms(example_build):
    out, _ = example_build
    report = validate(out)
    assert report.conforms, "\n".join(report.lines())
    assert report.violations == () and report.triples > 1000


# focus node, then the path or the words of the message that name what is missing
@pytest.mark.parametrize("update, focus, where", [
    (f"DELETE WHERE {{ GRAPH ?g {{ {YUNXI} <{KG}adminCode> ?c }} }}",
     "region:420322", "needs its kg:adminCode"),
    (f"DELETE WHERE {{ GRAPH ?g {{ {YUNXI} <{KG}level> ?l }} }}",
     "region:420322", "region:420322  kg:level:"),
    (f"DELETE {{ GRAPH ?g {{ {YUNXI} <{KG}adminCode> ?c }} }} INSERT {{ GRAPH ?g {{ {YUNXI} <{KG}adminCode> '4203' }} }}"
     f" WHERE {{ GRAPH ?g {{ {YUNXI} <{KG}adminCode> ?c }} }}",
     "region:420322", "kg:adminCode: "),
    ("DELETE WHERE { GRAPH ?g { ?r <http://purl.org/dc/terms/identifier> ?i } }",
     "<https://kg.example.org/report/", "dcterms:identifier: "),
    ("DELETE WHERE { GRAPH ?g { ?p <http://www.w3.org/2004/02/skos/core#inScheme> ?s } }",
     "program:", "skos:inScheme: "),
])
def test_a_broken_graph_names_focus_node_and_path(example_build, update, focus, where):
    report = validate(broken_copy(example_build, update))
    assert not report.conforms
    assert any(line.startswith(focus) and where in line for line in report.lines()), report.lines()


def test_a_wrong_value_is_shown():
    line = Violation("region:420322", "kg:adminCode", "does not match", "\"4203\"").line()
    assert line == 'region:420322  kg:adminCode: does not match (value: "4203")'


def test_cli_exit_codes(tmp_path, example_build):
    out, _ = example_build
    good = CliRunner().invoke(app, ["validate", str(out)])
    assert good.exit_code == 0 and "conforms" in good.output
    broken = broken_copy(example_build, f"DELETE WHERE {{ GRAPH ?g {{ {YUNXI} <{KG}level> ?l }} }}")
    folder = tmp_path / "broken"
    folder.mkdir()
    broken.dump(folder / "graph.nq", ox.RdfFormat.N_QUADS)  # a build folder without its store
    bad = CliRunner().invoke(app, ["validate", str(folder)])
    assert bad.exit_code == 1
    assert "region:420322  kg:level:" in bad.output


def test_a_folder_without_a_graph_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="neither a build folder nor a store"):
        validate(tmp_path)


def test_report_lines_follow_violations():
    report = ValidationReport(False, (Violation("a", "", "m"), Violation("b", "p", "n", "v")), 2)
    assert report.lines() == ["a: m", "b  p: n (value: v)"]
