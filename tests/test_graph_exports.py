"""Gephi and GraphML files read back with NetworkX; the CSV tables; same store, same bytes."""
from __future__ import annotations

import csv

import networkx as nx
import pytest

from kg.graphs.diffusion import adoption_panel
from kg.graphs.exports import GRAPH_FILES, TABLE_FILES, write_gexf, write_graph_exports, write_graphml, write_tables
from kg.graphs.store_graphs import region_program_graph

from test_diffusion import hand_graph, hand_store


def test_gexf_reads_back_with_the_timeline(tmp_path):
    graph = hand_graph()
    back = nx.read_gexf(write_gexf(graph, tmp_path / "g.gexf"))
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    text = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    assert "lastmodifieddate" not in text   # no build date: the same graph gives the same file
    # each adoption starts on the first day its first date may mean; a node on its earliest adoption
    assert back.edges["region:420683", "program:三会一课"]["start"] == "2018-05-02"
    assert back.edges["region:420322", "program:三会一课"]["start"] == "2016-01-01"
    assert back.nodes["program:三会一课"]["start"] == "2016-01-01"
    assert back.nodes["region:420323"]["start"] == "2017-03-01"
    assert "start" not in back.edges["region:611022", "program:三会一课"]    # undated: always there
    assert back.nodes["program:三会一课"]["label"] == "三会一课"


def test_graphml_reads_back_with_flat_attributes(tmp_path):
    graph = hand_graph()
    back = nx.read_graphml(write_graphml(graph, tmp_path / "g.graphml"))
    assert set(back.nodes) == set(graph.nodes) and back.number_of_edges() == graph.number_of_edges()
    node = back.nodes["region:420322"]
    assert (node["kind"], node["level"], node["prefecture_name"], node["spread"]) == ("region", "county", "十堰市", 3)
    assert back.nodes["program:三会一课"]["reports"] == "r1 | r2 | r3 | r4"
    assert back.edges["region:420683", "program:三会一课"]["first"] == "2018-05-02"


def test_graphml_declares_its_encoding_and_keeps_text_as_written(tmp_path):
    """Other tools read the file's Chinese as UTF-8 because it says so; the data itself is not indented."""
    graph = nx.Graph()
    graph.add_edge("region:420322", "program:三会一课", evidence=["观音镇推行“三会一课”。", "第二句 <有> & 引号"])
    path = write_graphml(graph, tmp_path / "g.graphml")
    data = path.read_bytes()
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    back = nx.read_graphml(path)
    assert back.edges["region:420322", "program:三会一课"]["evidence"] == "观音镇推行“三会一课”。 | 第二句 <有> & 引号"


def test_graph_exports_of_a_store(tmp_path):
    paths = write_graph_exports(hand_store(), tmp_path)
    assert [p.name for p in paths] == list(GRAPH_FILES)
    cascades = nx.read_graphml(tmp_path / "cascades.graphml")
    assert cascades.is_directed() and list(cascades.edges) == [("region:420322", "region:420323")]
    assert cascades.edges["region:420322", "region:420323"]["support"] == 1
    assert nx.read_graphml(tmp_path / "coadoption.graphml").number_of_nodes() == 1


def _csv(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_tables_of_a_store(tmp_path):
    assert [p.name for p in write_tables(hand_store(), tmp_path)] == list(TABLE_FILES)
    assert _csv(tmp_path / "adoptions.csv") == [
        {"county_code": "420322", "county": "郧西县", "prefecture": "十堰市", "province": "湖北省",
         "program": "三会一课", "first_date": "2016", "report": "one"},
        {"county_code": "420323", "county": "竹山县", "prefecture": "十堰市", "province": "湖北省",
         "program": "三会一课", "first_date": "2017-03", "report": "two"},
    ]
    assert [(r["county_code"], r["year"], r["adopted"]) for r in _csv(tmp_path / "panel.csv")] == [
        ("420322", "2016", "1"), ("420323", "2016", "0"), ("420323", "2017", "1")]
    spread = _csv(tmp_path / "spread.csv")
    assert (spread[0]["program"], spread[0]["counties"], spread[0]["rank"]) == ("三会一课", "2", "1")


def test_panel_csv_has_one_row_per_county_year_program(tmp_path):
    write_tables(hand_store(), tmp_path)
    header = (tmp_path / "panel.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == ("county_code,county,prefecture,province,program,year,adopted,"
                      "prior_adopters,prior_adopters_prefecture,prior_adopters_province")


@pytest.mark.parametrize("write", [write_tables, write_graph_exports])
def test_exports_are_deterministic(tmp_path, example_build, write):
    out, _ = example_build
    first = write(out, tmp_path / "a")
    second = write(out, tmp_path / "b")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_example_build_exports_read_back(tmp_path, example_build):
    out, _ = example_build
    graph = region_program_graph(out)
    write_graph_exports(out, tmp_path)
    back = nx.read_gexf(tmp_path / "adoptions.gexf")
    assert back.number_of_nodes() == graph.number_of_nodes() > 50
    assert back.number_of_edges() == graph.number_of_edges()
    write_tables(out, tmp_path)
    assert len(_csv(tmp_path / "panel.csv")) == len(adoption_panel(graph)) > 0
