"""Diffusion measures on a small hand-made corpus whose adoption dates are known.

Four counties in two provinces adopt five programs:

    program     郧西县 420322   竹山县 420323   枣阳市 420683   丹凤县 611022   湖北省 420000
    三会一课    2016            2017-03          2018-05-02       (undated)
    两学一做    2016-06                          2016                 2019
    五星支部    2017            2019
    第一书记                    2018                                                  2015
    河长制                                                            2020

郧西 and 竹山 are in 十堰市 (420300), 枣阳 in 襄阳市 (420600): all three in 湖北省;
丹凤 is in 商洛市 (611000), 陕西省 (610000). 两学一做's "2016" (枣阳) and "2016-06"
(郧西) overlap: neither is known to come first.
"""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import ConfigError
from kg.graphs.diffusion import (PanelRow, adoption_curve, adoption_panel, cascade_network, date_bounds,
                                 first_adoptions, first_seen, program_spread, shared_programs,
                                 similar_counties)
from kg.graphs.store_graphs import (AdoptionEvent, RegionInfo, adoption_network, coadoption_graph,
                                    region_hierarchy, region_program_graph, select_graph)

REGIONS = [
    RegionInfo("420000", "湖北省", "province"),
    RegionInfo("420300", "十堰市", "prefecture", "420000"),
    RegionInfo("420600", "襄阳市", "prefecture", "420000", ("襄樊市",)),
    RegionInfo("420322", "郧西县", "county", "420300", ("郧西",)),
    RegionInfo("420323", "竹山县", "county", "420300"),
    RegionInfo("420683", "枣阳市", "county", "420600"),
    RegionInfo("610000", "陕西省", "province"),
    RegionInfo("611000", "商洛市", "prefecture", "610000"),
    RegionInfo("611022", "丹凤县", "county", "611000"),
]
NAMES = {r.code: r.name for r in REGIONS}
ADOPTIONS = [  # code, program, report, date
    ("420322", "三会一课", "r1", "2016"), ("420323", "三会一课", "r2", "2017-03"),
    ("420683", "三会一课", "r3", "2018-05-02"), ("611022", "三会一课", "r4", None),
    ("420322", "两学一做", "r5", "2016-06"), ("420683", "两学一做", "r6", "2016"),
    ("611022", "两学一做", "r7", "2019"),
    ("420322", "五星支部", "r8", "2017"), ("420323", "五星支部", "r9", "2019"),
    ("420323", "第一书记", "r10", "2018"), ("420000", "第一书记", "r11", "2015"),
    ("611022", "河长制", "r12", "2020"),
]
LEVELS = {r.code: r.level for r in REGIONS}
EVENTS = [AdoptionEvent(code, NAMES[code], LEVELS[code], program, report, date,
                        sentences=(f"{NAMES[code]}推行“{program}”。",))
          for code, program, report, date in ADOPTIONS]


def hand_graph():
    return adoption_network(EVENTS, region_hierarchy(REGIONS), {"三会一课": ["“三会一课”制度"]})


@pytest.mark.parametrize("date, expected", [
    ("2016", ("2016-01-01", "2016-12-31")),
    ("2016-02", ("2016-02-01", "2016-02-29")),
    ("2017-03-05", ("2017-03-05", "2017-03-05")),
    ("2017-03-05T10:00", ("2017-03-05", "2017-03-05")),
    ("2017-13", None), ("", None), (None, None), ("近年", None),
])
def test_date_bounds(date, expected):
    bounds = date_bounds(date)
    if expected is None:
        assert bounds[0].year > 9000
    else:
        assert tuple(d.isoformat() for d in bounds) == expected


def test_program_spread_counts_counties_prefectures_provinces_and_ranks():
    table = [(s.program, s.counties, s.prefectures, s.provinces, s.adopters, s.first, s.last, s.rank)
             for s in program_spread(hand_graph())]
    assert table == [
        ("三会一课", 4, 3, 2, 4, "2016", "2018-05-02", 1),
        ("两学一做", 3, 3, 2, 3, "2016", "2019", 2),
        ("五星支部", 2, 1, 1, 2, "2017", "2019", 3),
        ("第一书记", 1, 1, 1, 2, "2015", "2018", 4),   # the province adopter counts for its province
        ("河长制", 1, 1, 1, 1, "2020", "2020", 4),     # a tie: same rank, earlier first date listed first
    ]


@pytest.mark.parametrize("program, level, expected", [
    ("三会一课", "county", {"420322": "2016", "420323": "2017-03", "420683": "2018-05-02", "611022": None}),
    ("两学一做", "county", {"420683": "2016", "420322": "2016-06", "611022": "2019"}),
    ("第一书记", "county", {"420323": "2018"}),
    ("第一书记", None, {"420000": "2015", "420323": "2018"}),
])
def test_first_seen(program, level, expected):
    seen = first_seen(hand_graph(), program, level=level)
    assert seen == expected and list(seen) == list(expected)


def test_first_seen_is_the_earliest_of_several_reports():
    events = EVENTS + [AdoptionEvent("420683", "枣阳市", "county", "三会一课", "r0", "2015-11")]
    assert first_seen(adoption_network(events), "三会一课")["420683"] == "2015-11"
    assert next(r for r in first_adoptions(adoption_network(events))
                if r.county_code == "420683" and r.program == "三会一课").report == "r0"


@pytest.mark.parametrize("program, by, expected", [
    ("三会一课", "year", [("2016", 1), ("2017", 2), ("2018", 3)]),
    ("两学一做", "year", [("2016", 2), ("2017", 2), ("2018", 2), ("2019", 3)]),
    ("两学一做", "date", [("2016", 1), ("2016-06", 2), ("2019", 3)]),
    ("河长制", "date", [("2020", 1)]),
])
def test_adoption_curve(program, by, expected):
    assert adoption_curve(hand_graph(), program, by=by) == expected


@pytest.mark.parametrize("call", [
    lambda g: first_seen(g, "不存在"),
    lambda g: adoption_curve(g, "三会一课", by="month"),
    lambda g: shared_programs(g, "999999"),
])
def test_unknown_names_raise_config_errors(call):
    with pytest.raises(ConfigError):
        call(hand_graph())


def test_shared_programs_most_shared_first():
    assert shared_programs(hand_graph(), "420322") == {
        "420323": ["三会一课", "五星支部"],
        "420683": ["三会一课", "两学一做"],
        "611022": ["三会一课", "两学一做"],
    }


def test_similar_counties_by_jaccard():
    assert similar_counties(hand_graph(), "420322") == [("420683", 0.6667), ("420323", 0.5), ("611022", 0.5)]
    assert similar_counties(hand_graph(), "420322", top=1) == [("420683", 0.6667)]


@pytest.mark.parametrize("options, expected", [
    ({}, {("420322", "420323"): (2, 2.0), ("420322", "420683"): (1, 0.5), ("420323", "420683"): (1, 0.5),
          ("420322", "611022"): (1, 0.5), ("420683", "611022"): (1, 0.5)}),
    ({"min_support": 2}, {("420322", "420323"): (2, 2.0)}),
    # within 500 days only: 郧西 2016 → 竹山 2017-03 (425 days) and 竹山 → 枣阳 2018-05-02 (427 days)
    ({"window_days": 500}, {("420322", "420323"): (1, 1.0), ("420323", "420683"): (1, 1.0)}),
    # cascades of more than two dated adopters (三会一课, 两学一做) are skipped
    ({"max_adopters": 2}, {("420322", "420323"): (1, 1.0)}),
])
def test_cascade_network_edges_are_hypotheses_with_support(options, expected):
    network = cascade_network(hand_graph(), **options)
    edges = {(u.removeprefix("region:"), v.removeprefix("region:")): (d["support"], d["credit"])
             for u, v, d in network.edges(data=True)}
    assert edges == expected


def test_skipped_cascades_are_listed():
    assert cascade_network(hand_graph(), max_adopters=2).graph["skipped"] == ["三会一课", "两学一做"]
    assert cascade_network(hand_graph()).graph["skipped"] == []


def test_cascade_edge_attributes():
    edge = cascade_network(hand_graph()).edges["region:420322", "region:420323"]
    assert edge["programs"] == ["三会一课", "五星支部"]
    assert edge["lag_days"] == (425 + 730) / 2
    assert edge["evidence"] == ["三会一课: 郧西县 2016 → 竹山县 2017-03", "五星支部: 郧西县 2017 → 竹山县 2019"]


def test_overlapping_dates_order_nobody():
    """枣阳 "2016" and 郧西 "2016-06" overlap: no 两学一做 edge between them either way."""
    network = cascade_network(hand_graph())
    for u, v in (("420322", "420683"), ("420683", "420322")):
        if network.has_edge(f"region:{u}", f"region:{v}"):
            assert "两学一做" not in network.edges[f"region:{u}", f"region:{v}"]["programs"]


def test_panel_rows_of_one_program():
    rows = [r for r in adoption_panel(hand_graph()) if r.program == "三会一课"]
    assert rows == [
        PanelRow("420322", "郧西县", "十堰市", "湖北省", "三会一课", 2016, 1, 0, 0, 0),
        PanelRow("420323", "竹山县", "十堰市", "湖北省", "三会一课", 2016, 0, 0, 0, 0),
        PanelRow("420323", "竹山县", "十堰市", "湖北省", "三会一课", 2017, 1, 1, 1, 1),
        PanelRow("420683", "枣阳市", "襄阳市", "湖北省", "三会一课", 2016, 0, 0, 0, 0),
        PanelRow("420683", "枣阳市", "襄阳市", "湖北省", "三会一课", 2017, 0, 1, 0, 1),
        PanelRow("420683", "枣阳市", "襄阳市", "湖北省", "三会一课", 2018, 1, 2, 0, 2),
    ]  # 丹凤's adoption is undated: left out of this program


@pytest.mark.parametrize("program, rows, adopters", [
    ("三会一课", 6, 3), ("两学一做", 1 + 1 + 4 + 5, 3),  # 郧西 2016, 枣阳 2016, 丹凤 2016–19, 竹山 2016–20 censored
    ("五星支部", 1 + 3 + 4 + 4, 2), ("第一书记", 3 + 1 + 3 + 3, 1), ("河长制", 4, 1),
])
def test_panel_layout(program, rows, adopters):
    panel = [r for r in adoption_panel(hand_graph()) if r.program == program]
    assert len(panel) == rows
    assert sum(r.adopted for r in panel) == adopters
    by_county: dict[str, list[PanelRow]] = {}
    for row in panel:
        by_county.setdefault(row.county_code, []).append(row)
    for county_rows in by_county.values():
        years = [r.year for r in county_rows]
        assert years == list(range(years[0], years[0] + len(years)))       # consecutive years
        assert all(r.adopted == 0 for r in county_rows[:-1])              # at risk until adoption
        assert county_rows[-1].adopted == 1 or county_rows[-1].year == 2020  # else censored at the end


def test_panel_end_year_censors():
    panel = adoption_panel(hand_graph(), end_year=2017)
    assert max(r.year for r in panel) == 2017
    assert not [r for r in panel if r.program == "河长制"]


def test_coadoption_weights_are_shared_counties():
    graph = coadoption_graph(hand_graph())
    assert graph.edges["program:三会一课", "program:两学一做"]["weight"] == 3
    assert graph.edges["program:三会一课", "program:五星支部"]["weight"] == 2
    assert not graph.has_edge("program:第一书记", "program:河长制")
    assert graph.nodes["program:第一书记"]["spread"] == 1   # the province adopter is not a county


TRIG = """
@prefix kg: <https://kg.example.org/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix r: <https://kg.example.org/region/> .
@prefix a: <https://kg.example.org/adoption/> .
@prefix p: <https://kg.example.org/program/> .
@prefix rep: <https://kg.example.org/report/> .

<https://kg.example.org/graph/gazetteer> {
  r:420000 a kg:Region ; kg:adminCode "420000" ; skos:prefLabel "湖北省"@zh ; kg:level kg:Province .
  r:420300 a kg:Region ; kg:adminCode "420300" ; skos:prefLabel "十堰市"@zh ; kg:level kg:Prefecture ;
           kg:partOf r:420000 .
  r:420322 a kg:Region ; kg:adminCode "420322" ; skos:prefLabel "郧西县"@zh ; kg:level kg:County ;
           kg:partOf r:420300 ; skos:altLabel "郧西"@zh .
  r:420323 a kg:Region ; kg:adminCode "420323" ; skos:prefLabel "竹山县"@zh ; kg:level kg:County ;
           kg:partOf r:420300 .
}
rep:one {
  rep:one dcterms:identifier "one" ; dcterms:date "2016"^^xsd:gYear .
  p:A a kg:Program ; skos:prefLabel "三会一课"@zh ; skos:altLabel "“三会一课”制度"@zh .
  a:1 a kg:Adoption ; kg:program p:A ; kg:adopter r:420322 ; dcterms:source rep:one ;
      kg:evidence [ kg:sentence "郧西县坚持“三会一课”。" ] .
}
rep:two {
  rep:two dcterms:identifier "two" ; dcterms:date "2019-01-02"^^xsd:date .
  p:A a kg:Program ; skos:prefLabel "三会一课"@zh .
  a:2 a kg:Adoption ; kg:program p:A ; kg:adopter r:420323 ; dcterms:source rep:two ;
      dcterms:date "2017-03"^^xsd:gYearMonth .
}
"""


def hand_store() -> ox.Store:
    store = ox.Store()
    store.load(TRIG.encode("utf-8"), format=ox.RdfFormat.TRIG)
    return store


def test_the_store_gives_the_graph_the_records_give():
    graph = region_program_graph(hand_store())
    county = graph.nodes["region:420322"]
    assert (county["label"], county["prefecture_name"], county["province_name"], county["aliases"]) == \
        ("郧西县", "十堰市", "湖北省", ["郧西"])
    assert graph.nodes["program:三会一课"]["aliases"] == ["“三会一课”制度"]
    assert graph.edges["region:420322", "program:三会一课"]["evidence"] == ["郧西县坚持“三会一课”。"]
    # an adoption's own date wins over its report's
    assert first_seen(graph, "三会一课") == {"420322": "2016", "420323": "2017-03"}
    assert [(u, v) for u, v in cascade_network(graph).edges] == [("region:420322", "region:420323")]


@pytest.mark.parametrize("options, nodes", [
    ({}, {"region:420322", "region:420323", "program:三会一课"}),
    ({"program": "“三会一课”制度"}, {"region:420322", "region:420323", "program:三会一课"}),  # by alias
    ({"region": "420322"}, {"region:420322", "program:三会一课"}),
    ({"region": "420300"}, {"region:420322", "region:420323", "program:三会一课"}),
    ({"graph": "cascades"}, {"region:420322", "region:420323"}),
    ({"graph": "coadoption"}, {"program:三会一课"}),
])
def test_select_graph(options, nodes):
    assert set(select_graph(hand_store(), **options).nodes) == nodes


@pytest.mark.parametrize("options", [{"graph": "nope"}, {"program": "不存在"}, {"region": "999999"},
                                     {"graph": "organizations", "program": "三会一课"}])
def test_select_graph_errors(options):
    with pytest.raises(ConfigError):
        select_graph(hand_store(), **options)
