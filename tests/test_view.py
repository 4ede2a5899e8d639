"""The graph page without a browser: offline, escaped, cut to the top nodes, deterministic."""
from __future__ import annotations

import html
import json
import re

import networkx as nx
import pytest

from kg.errors import ConfigError
from kg.graphs.view import write_page

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</script><script>window.__pwned=1</script>",
    "<!--<script>",
    "\u2028\u2029行分隔",
    "&lt;b&gt;已转义&amp;",
    "\"'><svg onload=alert(1)>",
]

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def county_graph() -> nx.Graph:
    """Two counties adopting two programs, as ``kg.graphs.networks.adoption_graph`` builds them."""
    g = nx.Graph()
    g.add_node("region:420683", kind="region", label="枣阳市", code="420683", aliases=["枣阳"],
               reports=["001"], dates=[], evidence=[], spread=2)
    g.add_node("region:610000", kind="region", label="丹凤县", code="611022", reports=["002"], spread=1)
    g.add_node("program:三会一课", kind="program", label="三会一课", aliases=["“三会一课”"],
               dates=["2016-05"], evidence=["全县坚持“三会一课”制度。"], reports=["001", "002"], spread=2)
    g.add_node("program:两学一做", kind="program", label="两学一做", spread=1)
    g.add_edge("region:420683", "program:三会一课", relation="adopts", date="2016-05",
               evidence="全县坚持“三会一课”制度。", report="001")
    g.add_edge("region:420683", "program:两学一做", relation="adopts")
    g.add_edge("region:610000", "program:三会一课", relation="adopts", report="002")
    return g


def page_data(text: str) -> dict:
    """The graph JSON the page carries in its ``kg-data`` script."""
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    assert match, "the page carries no kg-data script"
    return json.loads(match.group(1))


def test_the_page_loads_nothing_from_the_network(tmp_path):
    text = write_page(county_graph(), tmp_path / "graph.html").read_text(encoding="utf-8")
    assert not EXTERNAL.findall(text)
    assert not re.search(r"<script[^>]*\ssrc\s*=", text, re.IGNORECASE)
    assert not re.search(r"<link\b", text, re.IGNORECASE)
    assert "vis-network" in text and "new vis.Network(" in text   # the library is inlined


def test_the_page_draws_the_graph_it_is_given(tmp_path):
    data = page_data(write_page(county_graph(), tmp_path / "graph.html").read_text(encoding="utf-8"))
    labels = {n["label"]: n for n in data["nodes"]}
    assert set(labels) == {"枣阳市", "丹凤县", "三会一课", "两学一做"}
    program = labels["三会一课"]
    assert (program["kind"], program["spread"], program["aliases"], program["dates"], program["reports"],
            program["evidence"]) == ("program", 2, ["“三会一课”"], ["2016-05"], ["001", "002"],
                                     ["全县坚持“三会一课”制度。"])
    assert labels["枣阳市"]["code"] == "420683"
    assert len(data["edges"]) == 3
    assert {k["kind"]: k["count"] for k in data["kinds"]} == {"region": 2, "program": 2}
    assert len({k["color"] for k in data["kinds"]}) == 2


@pytest.mark.parametrize(
    ("attrs", "expected"),
    [
        ({"kind": "program", "spread": 5}, ("program", 5)),
        ({"kind": "program"}, ("program", 1)),            # no spread: its degree
        ({"kind": "program", "spread": "many"}, ("program", 0)),
        ({"kind": "<b>county</b>"}, ("other", 1)),
        ({"kind": ["region"]}, ("other", 1)),
        ({}, ("other", 1)),
    ],
)
def test_kind_and_spread_of_a_node(tmp_path, attrs, expected):
    g = nx.Graph()
    g.add_node("a", label="甲", **attrs)
    g.add_node("b", kind="region", label="乙", spread=1)
    g.add_edge("a", "b", relation="adopts")
    data = page_data(write_page(g, tmp_path / "graph.html").read_text(encoding="utf-8"))
    node = next(n for n in data["nodes"] if n["label"] == "甲")
    assert (node["kind"], node["spread"]) == expected


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("field", ["label", "aliases", "evidence", "reports", "dates", "code", "edge", "title"])
def test_report_text_cannot_break_out_of_its_place(tmp_path, hostile, field):
    g = county_graph()
    node = g.nodes["program:三会一课"]
    if field == "label":
        node["label"] = hostile
    elif field == "code":
        g.nodes["region:420683"]["code"] = hostile
    elif field == "edge":
        g.edges["region:420683", "program:三会一课"]["evidence"] = hostile
    elif field != "title":
        node[field] = [hostile]
    text = write_page(g, tmp_path / "graph.html",
                      title=hostile if field == "title" else "kg").read_text(encoding="utf-8")

    for raw in ("<script>alert", "<img src=x onerror", "</script><script>", "<svg onload",
                "<!--<script>", "&lt;b&gt;已转义"):
        assert raw not in text
    script = re.search(r'id="kg-data">(.*?)</script>', text, re.S).group(1)
    assert not re.search("[<>&\u2028\u2029]", script)
    data = page_data(text)
    if field == "title":
        assert f"<title>{html.escape(hostile)}</title>" in text
    elif field == "edge":
        assert hostile in [s for e in data["edges"] for s in e["evidence"]]
    else:
        found = [n[field] for n in data["nodes"]]
        assert hostile in found or [hostile] in found


def chain(n: int) -> nx.Graph:
    """``n`` programs whose spread is their number, each linked to the next."""
    g = nx.Graph()
    for i in range(n):
        g.add_node(f"program:{i}", kind="program", label=f"项目{i}", spread=i)
    nx.add_path(g, [f"program:{i}" for i in range(n)], relation="part_of")
    return g


@pytest.mark.parametrize(
    ("n", "top", "shown", "note"),
    [
        (10, 3, ["项目7", "项目8", "项目9"], "Showing 3 of 10 nodes, the widest-spread of each kind; 7 left out."),
        (10, None, [f"项目{i}" for i in range(10)], None),
        (10, 10, [f"项目{i}" for i in range(10)], None),
        (10, 0, [], "Showing 0 of 10 nodes, the widest-spread of each kind; 10 left out."),
        (0, 3, [], "The graph is empty."),
    ],
)
def test_large_graphs_keep_their_top_nodes_and_say_so(tmp_path, n, top, shown, note):
    text = write_page(chain(n), tmp_path / "graph.html", top=top).read_text(encoding="utf-8")
    data = page_data(text)
    assert sorted(node["label"] for node in data["nodes"]) == sorted(shown)
    ids = {node["id"] for node in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
    assert len(data["edges"]) == max(len(shown) - 1, 0)
    assert f'data-nodes-omitted="{n - len(shown)}"' in text
    if note is None:
        assert 'id="kg-note"' not in text
    else:
        assert re.search(r'<p class="kg-note" id="kg-note">[^<]*' + re.escape(note), text)


def test_ties_in_spread_are_broken_by_links(tmp_path):
    g = nx.Graph()
    g.add_node("lonely", kind="program", label="孤立", spread=1)
    g.add_node("linked", kind="program", label="相连", spread=1)
    g.add_node("other", kind="region", label="某县", spread=0)
    g.add_edge("linked", "other", relation="adopts")
    data = page_data(write_page(g, tmp_path / "graph.html", top=1).read_text(encoding="utf-8"))
    assert [n["label"] for n in data["nodes"]] == ["相连"]


@pytest.mark.parametrize(("top", "regions", "programs"), [(3, 2, 1), (6, 4, 2), (1, 1, 0), (9, 6, 3)])
def test_the_cut_keeps_kinds_in_proportion(tmp_path, top, regions, programs):
    """Programs' spreads (counties) outnumber regions' (programs), yet regions are kept too."""
    g = nx.Graph()
    for c in range(6):
        g.add_node(f"region:{c}", kind="region", label=f"县{c}", spread=c)
    for p in range(3):
        g.add_node(f"program:{p}", kind="program", label=f"项目{p}", spread=100 + p)
    data = page_data(write_page(g, tmp_path / "graph.html", top=top).read_text(encoding="utf-8"))
    kept = sorted(n["label"] for n in data["nodes"])
    assert kept == sorted([f"县{5 - i}" for i in range(regions)] + [f"项目{2 - i}" for i in range(programs)])


@pytest.mark.parametrize(("n", "threshold", "physics"), [(20, 500, True), (20, 20, True), (21, 20, False)])
def test_physics_stops_past_the_threshold(tmp_path, n, threshold, physics):
    text = write_page(chain(n), tmp_path / "graph.html", top=None,
                      physics_threshold=threshold).read_text(encoding="utf-8")
    data = page_data(text)
    assert data["options"]["physics"]["enabled"] is physics
    assert all(("x" in node) is (not physics) for node in data["nodes"])
    assert f'data-physics="{"on" if physics else "off"}"' in text
    if not physics:
        assert len({(node["x"], node["y"]) for node in data["nodes"]}) == n


def test_the_same_graph_gives_the_same_bytes(tmp_path):
    forward = county_graph()
    backward = nx.Graph()
    backward.add_nodes_from(reversed(list(forward.nodes(data=True))))
    backward.add_edges_from((v, u, d) for u, v, d in reversed(list(forward.edges(data=True))))
    first = write_page(forward, tmp_path / "a.html").read_bytes()
    again = write_page(forward, tmp_path / "b.html").read_bytes()
    reordered = write_page(backward, tmp_path / "c.html").read_bytes()
    assert first == again == reordered
    assert page_data(first.decode("utf-8"))["options"]["layout"]["randomSeed"] is not None


def test_large_frozen_layout_is_deterministic(tmp_path):
    first = write_page(chain(60), tmp_path / "a.html", physics_threshold=10).read_bytes()
    second = write_page(chain(60), tmp_path / "b.html", physics_threshold=10).read_bytes()
    assert first == second


def test_directed_graphs_draw_arrows(tmp_path):
    g = nx.DiGraph(county_graph())
    data = page_data(write_page(g, tmp_path / "graph.html").read_text(encoding="utf-8"))
    assert data["options"]["edges"]["arrows"]["to"]["enabled"] is True


def test_an_unwritable_place_is_a_config_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="cannot write the graph page"):
        write_page(county_graph(), blocker / "graph.html")


def test_the_folder_is_created(tmp_path):
    assert write_page(county_graph(), tmp_path / "out" / "deep" / "graph.html").is_file()
