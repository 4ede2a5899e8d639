"""``kg view``, ``kg export`` and ``kg plot`` on the example build: pages offline, node counts as expected."""
from __future__ import annotations

import json
import re
import sys

import pytest
from typer.testing import CliRunner

from kg.cli import app, main
from kg.graphs.diffusion import first_seen
from kg.graphs.exports import GRAPH_FILES, TABLE_FILES
from kg.graphs.store_graphs import region_program_graph

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def page_nodes(path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    assert not EXTERNAL.findall(text) and not re.search(r"<script[^>]*\ssrc\s*=", text, re.I)
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S).group(1)
    return json.loads(data)["nodes"]


def run(*args: str):
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_view_of_one_program(tmp_path, example_build):
    out, _ = example_build
    run("view", str(out), "--program", "三会一课", "-o", str(tmp_path / "p.html"))
    nodes = page_nodes(tmp_path / "p.html")
    adopters = first_seen(region_program_graph(out), "三会一课", level=None)
    assert len(nodes) == 1 + len(adopters) >= 3
    program = next(n for n in nodes if n["kind"] == "program")
    assert program["label"] == "三会一课" and program["evidence"] and program["reports"]
    assert {n["code"] for n in nodes if n["kind"] == "region"} == set(adopters)


def test_view_of_a_province_keeps_its_counties(tmp_path, example_build):
    out, _ = example_build
    run("view", str(out), "--region", "610000", "-o", str(tmp_path / "r.html"))
    graph = region_program_graph(out)
    counties = {d["code"] for _, d in graph.nodes(data=True) if d.get("province") == "610000"}
    nodes = page_nodes(tmp_path / "r.html")
    assert {n["code"] for n in nodes if n["kind"] == "region"} == counties and len(counties) == 2
    programs = {p for c in counties for p in graph[f"region:{c}"]}
    assert len(nodes) == len(counties) + len(programs)


def test_view_top_cuts_the_page(tmp_path, example_build):
    out, _ = example_build
    run("view", str(out), "--top", "20", "-o", str(tmp_path / "top.html"))
    assert len(page_nodes(tmp_path / "top.html")) == 20
    assert "left out" in (tmp_path / "top.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("graph, kind", [("cascades", "region"), ("coadoption", "program"),
                                         ("organizations", "organization")])
def test_view_other_graphs(tmp_path, example_build, graph, kind):
    out, _ = example_build
    run("view", str(out), "--graph", graph, "-o", str(tmp_path / "g.html"))
    assert kind in {n["kind"] for n in page_nodes(tmp_path / "g.html")}


def test_export_and_plot(tmp_path, example_build):
    out, _ = example_build
    run("export", str(out), "-o", str(tmp_path / "exp"))
    assert sorted(p.name for p in (tmp_path / "exp").iterdir()) == sorted(GRAPH_FILES + TABLE_FILES)
    run("plot", str(out), "-o", str(tmp_path / "plots"), "--program", "三会一课")
    assert sorted(p.name for p in (tmp_path / "plots").iterdir()) == [
        "spread.png", "spread.svg", "timeline-三会一课.png", "timeline-三会一课.svg"]


@pytest.mark.parametrize("args, message", [
    (["--program", "不存在"], "no program named"),
    (["--region", "999999"], "no region with code"),
    (["--graph", "nope"], "unknown graph"),
])
def test_view_errors_are_one_line_and_exit_2(monkeypatch, capsys, example_build, args, message):
    out, _ = example_build
    monkeypatch.setattr(sys, "argv", ["kg", "view", str(out), *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2
    assert message in " ".join(capsys.readouterr().err.split())
