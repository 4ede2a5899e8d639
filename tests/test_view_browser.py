"""The graph page in headless Chromium with no network: it draws, filters and runs no report text.

Needs ``chromium`` and ``fonts-noto-cjk`` (apt) and ``playwright`` (pip); skipped
with the reason when they are missing. Screenshots go to pytest's tmp folder and,
when ``KG_SCREENSHOT_DIR`` is set, there too.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import networkx as nx
import pytest

from browser import missing, open_page
from kg.graphs.view import write_page

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(missing() is not None and not os.environ.get("CI"),
                                 reason=f"browser test: {missing()}")]

PWN = "window.__pwned=1"
HOSTILE_LABELS = [
    "<script>window.__pwned=1</script>",
    f"<img src=x onerror={PWN}>",
    f"</script><script>{PWN}</script>",
]


def hostile_county_graph() -> nx.Graph:
    """Counties and programs with Chinese names, and nodes whose every text field is an attack."""
    g = nx.Graph()
    regions = [("420683", "枣阳市", 3), ("611022", "丹凤县", 2), ("420322", "郧西县", 1)]
    programs = [("三会一课", 3), ("两学一做", 2), ("第一书记", 1)]
    for code, name, spread in regions:
        g.add_node(f"region:{code}", kind="region", label=name, code=code, spread=spread,
                   reports=[f"report-{code}"])
    for name, spread in programs:
        g.add_node(f"program:{name}", kind="program", label=name, spread=spread, dates=["2016-05"],
                   evidence=[f"全县坚持“{name}”制度。"], aliases=[f"“{name}”"])
    for code, _, spread in regions:
        for name, _ in programs[:spread]:
            g.add_edge(f"region:{code}", f"program:{name}", relation="adopts", date="2016-05",
                       evidence=f"<img src=x onerror={PWN}>")
    for i, label in enumerate(HOSTILE_LABELS):
        g.add_node(f"slogan:{i}", kind="slogan", label=label, aliases=[label], evidence=[label],
                   reports=[label], dates=[label], spread=1)
        g.add_edge(f"slogan:{i}", "program:三会一课", relation="part_of", evidence=label)
    return g


def screenshot(visit, tmp_path: Path, name: str) -> Path:
    shot = visit.page.screenshot(path=str(tmp_path / name))
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    target = os.environ.get("KG_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / name, Path(target) / name)
    return tmp_path / name


def drawn(visit) -> int:
    return visit.page.evaluate("kgNetwork.body.data.nodes.length")


def hover_node(visit, label: str) -> str:
    """Move the mouse onto the node labelled ``label``; the tooltip's text."""
    point = visit.page.evaluate(
        """label => {
             const net = window.kgNetwork;
             const id = net.body.data.nodes.getIds({filter: n => n.label === label})[0];
             net.focus(id, {scale: 1.5, animation: false});
             const box = document.getElementById("kg-network").getBoundingClientRect();
             const p = net.canvasToDOM(net.getPositions([id])[id]);
             return {x: box.left + p.x, y: box.top + p.y};
           }""", label)
    visit.page.mouse.move(point["x"], point["y"])
    visit.page.wait_for_function(
        """label => { const tip = document.querySelector("div.vis-tooltip");
                      return tip && tip.style.visibility !== "hidden" && tip.textContent.startsWith(label); }""",
        arg=label, timeout=5000)
    return visit.page.evaluate("document.querySelector('div.vis-tooltip').textContent")


def test_the_page_draws_offline_and_runs_no_report_text(tmp_path):
    graph = hostile_county_graph()
    page = write_page(graph, tmp_path / "graph.html", title="<script>window.__pwned=1</script>各县项目")
    with open_page(page) as visit:
        visit.page.wait_for_function("window.kgNetwork !== undefined", timeout=20000)
        assert drawn(visit) == graph.number_of_nodes()
        assert visit.page.evaluate("document.body.dataset.nodesDrawn") == str(graph.number_of_nodes())
        assert visit.page.evaluate("document.title") == "<script>window.__pwned=1</script>各县项目"

        for label in HOSTILE_LABELS:
            tip = hover_node(visit, label)
            assert tip.startswith(label)
            assert visit.page.evaluate("document.querySelectorAll('.vis-tooltip img, .vis-tooltip script').length") == 0
        tip = hover_node(visit, "三会一课")
        assert "全县坚持“三会一课”制度。" in tip and "2016-05" in tip
        screenshot(visit, tmp_path, "graph-page-tooltip.png")

        visit.page.wait_for_timeout(500)
        assert visit.page.evaluate("window.__pwned") is None
        assert visit.page.evaluate("document.querySelectorAll('body img, body script:not([id])').length") == 2
        assert visit.dialogs == []
        assert visit.console_errors == [] and visit.page_errors == []
        assert visit.blocked_requests == []


@pytest.mark.parametrize(
    ("search", "untick", "expected"),
    [
        ("", None, 9),
        ("三会", None, 1),
        ("“两学", None, 1),          # an alias matches too
        ("420683", None, 1),        # a region's code matches too
        ("", "slogan", 6),
        ("", "region", 6),
        ("县", "program", 2),
        ("no such name", None, 0),
    ],
)
def test_the_search_box_and_legend_filter_nodes(tmp_path, search, untick, expected):
    page = write_page(hostile_county_graph(), tmp_path / "graph.html")
    with open_page(page) as visit:
        visit.page.wait_for_function("window.kgNetwork !== undefined", timeout=20000)
        if search:
            visit.page.fill("#kg-search", search)
        if untick:
            visit.page.locator("#kg-legend label", has_text=untick).locator("input").uncheck()
        assert drawn(visit) == expected
        assert visit.page.evaluate("document.body.dataset.nodesDrawn") == str(expected)
        assert visit.console_errors == [] and visit.page_errors == []


def test_a_cut_frozen_graph_says_what_it_left_out(tmp_path):
    g = nx.Graph()
    for i in range(40):
        g.add_node(f"program:{i}", kind="program", label=f"项目{i}", spread=i)
        g.add_edge(f"program:{i}", "region:420683", relation="adopts")
    g.nodes["region:420683"].update(kind="region", label="枣阳市", spread=40)
    page = write_page(g, tmp_path / "graph.html", top=30, physics_threshold=20)
    with open_page(page) as visit:
        visit.page.wait_for_function("window.kgNetwork !== undefined", timeout=20000)
        assert drawn(visit) == 30
        note = visit.page.locator("#kg-note")
        assert note.is_visible()
        assert "11 left out" in note.text_content()
        assert visit.page.evaluate("kgNetwork.physics.options.enabled") is False
        screenshot(visit, tmp_path, "graph-page-frozen.png")
        assert visit.console_errors == [] and visit.page_errors == []


def test_the_example_build_page_draws(example_build, tmp_path):
    out, _ = example_build
    page = out / "graph.html"
    with open_page(page) as visit:
        visit.page.wait_for_function("window.kgNetwork !== undefined", timeout=20000)
        shown = int(visit.page.evaluate("document.body.dataset.nodesShown"))
        assert shown > 0
        assert drawn(visit) == shown
        visit.page.wait_for_timeout(1500)
        screenshot(visit, tmp_path, "graph-page-examples.png")
        assert visit.console_errors == [] and visit.page_errors == [] and visit.blocked_requests == []
