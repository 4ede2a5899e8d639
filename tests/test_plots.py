"""Plots: PNG and SVG written, Chinese drawn in a CJK font, a clear error without one."""
from __future__ import annotations

import pytest

from kg.errors import ConfigError
from kg.graphs import plots
from kg.graphs.plots import cjk_font, missing_glyphs, plot_spread, plot_timeline
from kg.graphs.store_graphs import AdoptionEvent, adoption_network, region_program_graph

from test_diffusion import hand_graph


def test_a_cjk_font_is_found_and_draws_every_example_label(example_build):
    font, family = cjk_font()
    graph = region_program_graph(example_build[0])
    labels = "".join(str(d.get("label")) for _, d in graph.nodes(data=True))
    assert missing_glyphs(font, labels) == set()
    assert missing_glyphs(font, "三会一课") == set() and family


@pytest.mark.parametrize("draw", [
    lambda g, p: plot_spread(g, p / "spread.png"),
    lambda g, p: plot_timeline(g, "三会一课", p / "timeline.png"),
])
def test_plots_write_png_and_svg_in_the_cjk_font(tmp_path, draw):
    from matplotlib.image import imread

    paths = draw(hand_graph(), tmp_path)
    assert [p.suffix for p in paths] == [".png", ".svg"]
    height, width, _ = imread(paths[0]).shape
    assert width > 600 and height > 300
    svg = paths[1].read_text(encoding="utf-8")
    font = cjk_font()[0].stem.replace("-", "")
    assert font[:8].lower() in svg.replace("-", "").lower()   # the glyphs drawn come from the CJK font


def test_plots_are_deterministic(tmp_path):
    a = plot_timeline(hand_graph(), "三会一课", tmp_path / "a.png")
    b = plot_timeline(hand_graph(), "三会一课", tmp_path / "b.png")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_no_cjk_font_is_a_config_error_with_a_hint(monkeypatch, tmp_path):
    monkeypatch.delenv("KG_CJK_FONT", raising=False)
    monkeypatch.setattr(plots, "_packaged_font", lambda: None)
    monkeypatch.setattr(plots, "_system_font", lambda: None)
    with pytest.raises(ConfigError, match="Chinese glyphs") as error:
        plot_spread(hand_graph(), tmp_path / "spread.png")
    assert "fonts-noto-cjk" in str(error.value) and "mplfonts" in str(error.value)


def test_a_font_without_chinese_is_refused(monkeypatch, tmp_path):
    from matplotlib import font_manager

    monkeypatch.setenv("KG_CJK_FONT", font_manager.findfont("DejaVu Sans"))
    with pytest.raises(ConfigError, match="KG_CJK_FONT"):
        cjk_font()


def test_a_label_the_font_cannot_draw_is_refused_not_drawn_as_tofu(tmp_path):
    graph = adoption_network([AdoptionEvent("420322", "郧西县", "county", "\U000F0000计划", "r", "2018")])
    with pytest.raises(ConfigError, match="cannot draw"):
        plot_spread(graph, tmp_path / "spread.png")
    assert not (tmp_path / "spread.png").exists()


def test_timeline_of_an_unknown_program(tmp_path):
    with pytest.raises(ConfigError):
        plot_timeline(hand_graph(), "不存在", tmp_path / "t.png")
