"""Plots of diffusion (matplotlib, PNG and SVG), with Chinese labels in a CJK font.

- :func:`plot_spread`: the programs that reached the most counties;
- :func:`plot_timeline`: one program's cumulative adopters over time, each
  county named where it joined.

Matplotlib's default font has no Chinese glyphs and draws empty boxes ("tofu").
:func:`cjk_font` finds a CJK font, in this order: ``$KG_CJK_FONT`` (a font
file), the Noto Sans CJK SC that the ``mplfonts`` package (a kg dependency)
ships, then a system CJK font (Debian ``fonts-noto-cjk``, WenQuanYi, Source Han,
Microsoft YaHei, PingFang...). It registers the font with matplotlib's font
manager when a plot is drawn, and raises :class:`kg.errors.ConfigError` with
an install hint when there is none. Figures are built without pyplot (no global
state, any backend) and saved with fixed metadata, so the same graph gives the
same files.
"""
from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import networkx as nx

from ..errors import ConfigError
from .diffusion import date_bounds, first_seen, program_spread

__all__ = ["FORMATS", "cjk_font", "missing_glyphs", "plot_spread", "plot_timeline"]

#: The formats every plot is written in.
FORMATS = ("png", "svg")
#: Characters a CJK font must draw to be used (common in every report).
PROBE = "县市镇党委三会一课"
#: File-name fragments of system CJK fonts, best first (simplified Chinese forms first).
SYSTEM_FONTS = ("NotoSansCJKsc", "NotoSansCJK-", "NotoSansCJK", "SourceHanSansSC", "SourceHanSans",
                "NotoSerifCJK", "wqy-microhei", "wqy-zenhei", "DroidSansFallback", "msyh", "PingFang",
                "simhei", "simsun")
_INSTALL_HINT = ("pip install mplfonts (kg's dependency, ships Noto Sans CJK SC), or apt-get install "
                 "fonts-noto-cjk, or set KG_CJK_FONT to a .otf/.ttf/.ttc font file with Chinese glyphs")


def missing_glyphs(font: str | Path, text: str) -> set[str]:
    """The characters of ``text`` that ``font`` cannot draw (whitespace ignored).

    Parameters
    ----------
    font : a font file (for a ``.ttc`` collection, its first face).
    text : the labels to check.

    Returns
    -------
    The set of characters without a glyph; empty when every one can be drawn.

    Complexity: O(len(text)).

    Example
    -------
    >>> from matplotlib import font_manager
    >>> sorted(missing_glyphs(font_manager.findfont("DejaVu Sans"), "A县"))
    ['县']
    """
    from matplotlib.ft2font import FT2Font

    face = FT2Font(str(font))
    return {c for c in set(text) if not c.isspace() and face.get_char_index(ord(c)) == 0}


def _packaged_font() -> Path | None:
    """Noto Sans CJK SC as shipped by the ``mplfonts`` package, found without importing it."""
    spec = importlib.util.find_spec("mplfonts")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "fonts" / "NotoSansCJKsc-Regular.otf"
        if path.is_file():
            return path
    return None


def _system_font() -> Path | None:
    from matplotlib import font_manager

    found = sorted(font_manager.findSystemFonts())
    for fragment in SYSTEM_FONTS:
        for path in found:
            name = Path(path).name
            if fragment.lower() in name.lower() and "bold" not in name.lower() and "mono" not in name.lower():
                return Path(path)
    return None


@functools.lru_cache(maxsize=None)
def _usable(path: Path) -> bool:
    try:
        return path.is_file() and not missing_glyphs(path, PROBE)
    except (OSError, RuntimeError, ValueError):
        return False


def cjk_font() -> tuple[Path, str]:
    """The CJK font plots use, registered with matplotlib: its file and family name.

    Returns
    -------
    ``(font file, family name)``; the family can be given to ``rcParams["font.family"]``.
    No usable font raises :class:`kg.errors.ConfigError` saying what to install.

    Complexity: a scan of the system fonts the first time (matplotlib caches it).

    Example
    -------
    >>> path, family = cjk_font()
    >>> missing_glyphs(path, "三会一课")
    set()
    """
    from matplotlib import font_manager

    override = os.environ.get("KG_CJK_FONT")
    if override and not _usable(Path(override)):
        raise ConfigError("KG_CJK_FONT is not a font with Chinese glyphs", path=override, hint=_INSTALL_HINT)
    for candidate in ([Path(override)] if override else [_packaged_font(), _system_font()]):
        if candidate is not None and _usable(candidate):
            font_manager.fontManager.addfont(str(candidate))
            return candidate, font_manager.FontProperties(fname=str(candidate)).get_name()
    raise ConfigError("no font with Chinese glyphs: plot labels would be empty boxes", hint=_INSTALL_HINT)


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def _save(figure, path: Path, formats: Sequence[str]) -> tuple[Path, ...]:
    """Save ``figure`` next to ``path`` in each format, with fixed metadata (same input, same bytes)."""
    import matplotlib

    path = Path(path)
    written = []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with matplotlib.rc_context({"svg.hashsalt": "kg", "svg.fonttype": "path"}):
            for fmt in formats:
                target = path.with_suffix(f".{fmt}")
                metadata = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
                figure.savefig(target, format=fmt, metadata=metadata, dpi=150 if fmt == "png" else 72)
                written.append(target)
    except OSError as exc:
        raise ConfigError(f"cannot write the plot: {exc.strerror}", path=str(path),
                          hint="choose an output folder you can write to") from exc
    return tuple(written)


@contextlib.contextmanager
def _cjk_style(labels: Iterable[str]):
    """Matplotlib settings drawing with the CJK font; a label it cannot draw raises ConfigError."""
    import matplotlib

    font, family = cjk_font()
    missing = missing_glyphs(font, "".join(labels))
    if missing:
        raise ConfigError(f"the CJK font {font.name} cannot draw {''.join(sorted(missing))!r}",
                          hint=_INSTALL_HINT)
    with matplotlib.rc_context({"font.family": [family, "DejaVu Sans"], "axes.unicode_minus": False}):
        yield


def plot_spread(graph: nx.Graph, path: str | Path, *, top: int = 15,
                formats: Sequence[str] = FORMATS) -> tuple[Path, ...]:
    """A bar chart of the ``top`` programs by the counties they reached.

    Parameters
    ----------
    graph : a region–program graph.
    path : where to write; the suffix is replaced by each format's (``spread.png``, ``spread.svg``).
    top : how many programs to show (widest spread first, as ranked by
        :func:`~kg.graphs.diffusion.program_spread`).
    formats : image formats, ``("png", "svg")`` by default.

    Returns
    -------
    The files written.

    Complexity: that of :func:`~kg.graphs.diffusion.program_spread`, plus drawing ``top`` bars.

    Example
    -------
    >>> import tempfile
    >>> from kg.graphs.store_graphs import AdoptionEvent, adoption_network
    >>> g = adoption_network([AdoptionEvent("1", "郧西县", "county", "三会一课", "r", "2018")])
    >>> [p.suffix for p in plot_spread(g, Path(tempfile.mkdtemp()) / "spread")]
    ['.png', '.svg']
    """
    spreads = [s for s in program_spread(graph) if s.counties][:top]
    labels = [s.program for s in spreads]

    def draw():
        figure = _figure(8, 1.2 + 0.38 * max(len(spreads), 1))
        axes = figure.add_subplot()
        positions = list(range(len(spreads)))[::-1]
        axes.barh(positions, [s.counties for s in spreads], color="#e15759")
        axes.set_yticks(positions, labels)
        for y, s in zip(positions, spreads):
            axes.text(s.counties, y, f"  {s.provinces} 省 / {s.prefectures} 地市", va="center", fontsize=8,
                      color="#555555")
        most = max((s.counties for s in spreads), default=1)
        axes.set_xlim(0, most * 1.35 + 0.5)
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.set_xlabel("采纳的县级单位数 counties adopting")
        axes.set_title(f"传播最广的举措 Top {len(spreads)} initiatives by spread")
        axes.spines[["top", "right"]].set_visible(False)
        if not spreads:
            axes.text(0.5, 0.5, "没有县级采纳 no county adoptions", transform=axes.transAxes, ha="center")
        return figure

    with _cjk_style(labels):
        return _save(draw(), Path(path), formats)


def plot_timeline(graph: nx.Graph, program: str, path: str | Path, *,
                  formats: Sequence[str] = FORMATS) -> tuple[Path, ...]:
    """The adoption timeline of ``program``: cumulative counties by first date, each named.

    Parameters
    ----------
    graph : a region–program graph.
    program : the program's canonical name (an unknown one raises :class:`kg.errors.ConfigError`).
    path : where to write; the suffix is replaced by each format's.
    formats : image formats, ``("png", "svg")`` by default.

    Returns
    -------
    The files written. A date is placed at the first day it may mean (``2018`` at
    1 January 2018); counties with no date are counted in a note under the plot.

    Complexity: O(a log a) for a adopters.

    Example
    -------
    >>> import tempfile
    >>> from kg.graphs.store_graphs import AdoptionEvent, adoption_network
    >>> g = adoption_network([AdoptionEvent("1", "郧西县", "county", "三会一课", "r", "2018")])
    >>> [p.name for p in plot_timeline(g, "三会一课", Path(tempfile.mkdtemp()) / "t.png")]
    ['t.png', 't.svg']
    """
    firsts = first_seen(graph, program)
    dated = [(code, d) for code, d in firsts.items() if d]
    undated = [code for code, d in firsts.items() if not d]
    name = {graph.nodes[f"region:{code}"]["code"]: graph.nodes[f"region:{code}"]["label"] for code in firsts}
    labels = [program, *name.values()]

    def draw():
        import datetime as dt

        figure = _figure(8, 4.5)
        axes = figure.add_subplot()
        days = [date_bounds(d)[0] for _, d in dated]
        if days:
            xs = [days[0] - dt.timedelta(days=180), *days, days[-1] + dt.timedelta(days=180)]
            ys = [0, *range(1, len(days) + 1), len(days)]
            axes.step(xs, ys, where="post", color="#4e79a7", linewidth=2)
            axes.plot(days, range(1, len(days) + 1), "o", color="#e15759")
            for i, ((code, date), day) in enumerate(zip(dated, days), 1):
                axes.annotate(f"{name[code]} {date}", (day, i), textcoords="offset points", xytext=(6, -12),
                              fontsize=9)
            axes.set_ylim(0, len(days) + 1)
        else:
            axes.text(0.5, 0.5, "没有注明日期的采纳 no dated adoptions", transform=axes.transAxes, ha="center")
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.set_ylabel("累计采纳县数 counties so far")
        axes.set_title(f"“{program}”的扩散 adoption timeline")
        axes.spines[["top", "right"]].set_visible(False)
        if undated:
            axes.set_xlabel(f"另有 {len(undated)} 个县未注明日期 undated: " + "、".join(name[c] for c in undated),
                            fontsize=8, color="#555555", loc="left")
        return figure

    with _cjk_style(labels):
        return _save(draw(), Path(path), formats)

