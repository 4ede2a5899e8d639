"""The graph page: one self-contained HTML file that draws a kg graph offline.

The page is what a researcher opens to see which initiatives spread across
which counties: one dot per region, program, organisation, slogan, person or
report, coloured by kind and sized by spread, with a tooltip giving the
canonical name, aliases, dates, the evidence sentences and the reports they
come from, and a box that filters the dots by name and by kind.

It draws with vis-network, the library pyvis ships, but not with pyvis's own
template (which loads Bootstrap and more from CDNs): the page inlines
vis-network's JavaScript and CSS from the installed pyvis package into
``page_template.html``, so it opens from a USB stick with no network at all.

Every string on the page comes from a report and is treated as hostile: the
title is HTML-escaped, the graph travels as JSON inside a non-executable
``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029
escaped, and the page's script builds labels and tooltips as text nodes.
"""
from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from collections.abc import Hashable
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import ConfigError

#: Kinds of node in the order of the legend, with their colour and legend name.
KINDS: dict[str, tuple[str, str]] = {
    "region": ("#4e79a7", "地区 region"),
    "program": ("#e15759", "项目 program"),
    "organization": ("#f28e2b", "组织 organization"),
    "slogan": ("#59a14f", "口号 slogan"),
    "person": ("#b07aa1", "人物 person"),
    "report": ("#9c755f", "报道 report"),
}
OTHER_KIND = ("#9d9d9d", "其他 other")

#: Fixed seed of vis-network's initial layout, so a page draws the same way each time.
LAYOUT_SEED = 7
#: Evidence sentences shown per tooltip, and the characters kept of each.
EVIDENCE_SHOWN = 5
EVIDENCE_CHARS = 240
#: Room per node, in pixels, of the fixed layout used past the physics threshold.
NODE_SPACING = 55
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

_PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


def write_page(graph: nx.Graph, path: Path, *, title: str = "kg", top: int | None = 300,
               physics_threshold: int = 500) -> Path:
    """Write the offline graph page of ``graph`` to ``path``.

    Parameters
    ----------
    graph : a kg graph; nodes carry ``kind``, ``label`` and optionally
        ``aliases``, ``dates``, ``evidence``, ``reports``, ``spread``, ``code``;
        edges carry ``relation`` and optionally ``date``, ``evidence``, ``report(s)``.
    path : the HTML file to write; its folder is created if missing.
    title : the page's heading.
    top : keep only ``top`` nodes: the widest-spread (then most linked) of each
        kind, kinds in proportion; the page says how many were left out.
        ``None`` keeps every node.
    physics_threshold : past this many nodes the page does not simulate
        physics; the nodes get fixed places, one disk per kind.

    Returns
    -------
    ``path``. The same graph always gives the same bytes.

    Complexity: O(n log n + m) for n nodes and m edges.

    Example
    -------
    >>> import tempfile
    >>> g = nx.Graph()
    >>> g.add_node("program:三会一课", kind="program", label="三会一课", spread=2)
    >>> page = write_page(g, Path(tempfile.mkdtemp()) / "graph.html")
    >>> "三会一课" in page.read_text(encoding="utf-8")
    True
    """
    path = Path(path)
    shown = _top_nodes(graph, top)
    ids = {node: f"n{i}" for i, node in enumerate(shown)}
    physics = len(shown) <= physics_threshold
    positions = {} if physics else _disk_positions(graph, shown)
    nodes = [_node_record(graph, node, ids[node], positions.get(node)) for node in shown]
    edges = _edge_records(graph, ids)
    omitted = graph.number_of_nodes() - len(shown)
    kinds = Counter(record["kind"] for record in nodes)
    data = {
        "nodes": nodes,
        "edges": edges,
        "kinds": [{"kind": kind, "color": color, "name": name, "count": kinds[kind]}
                  for kind, (color, name) in [*KINDS.items(), ("other", OTHER_KIND)]
                  if kinds[kind]],
        "options": _options(physics, directed=graph.is_directed()),
    }
    css, js = _vis_assets()
    values = {
        "title": html.escape(title),
        "vis_css": css,
        "vis_js": js,
        "data": _script_json(data),
        "nodes_total": str(graph.number_of_nodes()),
        "nodes_shown": str(len(shown)),
        "nodes_omitted": str(omitted),
        "physics": "on" if physics else "off",
        "note": _note(len(shown), graph.number_of_nodes(), physics),
    }
    page = _PLACEHOLDER.sub(lambda m: values[m.group(1)], _template())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise ConfigError(f"cannot write the graph page: {exc.strerror}", path=str(path),
                          hint="choose an output folder you can write to") from exc
    return path


def _sort_key(node: Hashable) -> tuple[str, str]:
    return str(node), repr(node)


def _spread(graph: nx.Graph, node: Hashable) -> int:
    """A node's spread as given, else its degree (a malformed value counts as 0)."""
    value = graph.nodes[node].get("spread")
    if value is None:
        return graph.degree(node)
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _top_nodes(graph: nx.Graph, top: int | None) -> list[Hashable]:
    """The nodes to draw, in a stable order: each kind's widest-spread, most linked nodes.

    Spreads of different kinds count different things (adopting counties for a
    program, programs for a region), so kinds are not ranked against each other:
    a node's place is its rank within its kind as a fraction of the kind's size,
    and the cut keeps each kind in proportion, e.g. 200 regions and 100
    programs of a graph of 2000 regions and 1000 programs.
    """
    if top is None or top >= graph.number_of_nodes():
        return sorted(graph.nodes, key=_sort_key)
    by_kind: dict[str, list[Hashable]] = {}
    for node in graph.nodes:
        by_kind.setdefault(_kind(graph.nodes[node]), []).append(node)
    places = []
    for members in by_kind.values():
        members.sort(key=lambda n: (-_spread(graph, n), -graph.degree(n), _sort_key(n)))
        places += [((rank + 1) / len(members), -_spread(graph, node), -graph.degree(node),
                    _sort_key(node), node) for rank, node in enumerate(members)]
    places.sort(key=lambda place: place[:4])
    return sorted((place[4] for place in places[:max(top, 0)]), key=_sort_key)


def _kind(attrs: dict[str, Any]) -> str:
    """A node's kind if kg knows it, else ``"other"``."""
    kind = attrs.get("kind")
    return kind if isinstance(kind, str) and kind in KINDS else "other"


def _strings(value: Any) -> list[str]:
    """An attribute as a list of strings: one string, a sequence, or a set (sorted)."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (set, frozenset)):
        return sorted(str(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None and v != ""]
    return [str(value)]


def _sentences(value: Any) -> list[str]:
    clipped = [s if len(s) <= EVIDENCE_CHARS else s[:EVIDENCE_CHARS] + "…" for s in _strings(value)]
    return clipped[:EVIDENCE_SHOWN]


def _node_record(graph: nx.Graph, node: Hashable, node_id: str,
                 position: tuple[int, int] | None) -> dict[str, Any]:
    attrs = graph.nodes[node]
    kind = _kind(attrs)
    record: dict[str, Any] = {
        "id": node_id,
        "kind": kind,
        "label": str(attrs.get("label") or node),
        "code": str(attrs.get("code") or ""),
        "aliases": _strings(attrs.get("aliases")),
        "dates": _strings(attrs.get("dates")),
        "reports": _strings(attrs.get("reports")),
        "evidence": _sentences(attrs.get("evidence")),
        "spread": _spread(graph, node),
    }
    if position is not None:
        record["x"], record["y"] = position
    return record


def _edge_records(graph: nx.Graph, ids: dict[Hashable, str]) -> list[dict[str, Any]]:
    """The drawn edges (both ends drawn), one per pair and relation, in a stable order."""
    order = {node_id: i for i, node_id in enumerate(ids.values())}
    records = []
    for u, v, attrs in graph.edges(data=True):
        if u not in ids or v not in ids:
            continue
        a, b = ids[u], ids[v]
        if not graph.is_directed() and order[a] > order[b]:
            a, b = b, a
        reports = _strings(attrs.get("reports")) or _strings(attrs.get("report"))
        records.append({"from": a, "to": b, "relation": str(attrs.get("relation") or ""),
                        "date": str(attrs.get("date") or ""), "reports": reports,
                        "evidence": _sentences(attrs.get("evidence"))})
    records.sort(key=lambda r: (order[r["from"]], order[r["to"]],
                                json.dumps(r, ensure_ascii=False, sort_keys=True)))
    for i, record in enumerate(records):
        record["id"] = f"e{i}"
    return records


def _disk_positions(graph: nx.Graph, shown: list[Hashable]) -> dict[Hashable, tuple[int, int]]:
    """Fixed places for a graph too large to simulate.

    One disk per kind, side by side in legend order (regions left of programs);
    inside a disk the nodes lie on a sunflower spiral, widest spread at the centre,
    evenly spaced so that no two dots overlap.
    """
    by_kind: dict[str, list[Hashable]] = {}
    for node in shown:
        by_kind.setdefault(_kind(graph.nodes[node]), []).append(node)
    places: dict[Hashable, tuple[int, int]] = {}
    left = 0.0
    for kind in [*KINDS, "other"]:
        members = sorted(by_kind.get(kind, ()), key=lambda n: (-_spread(graph, n), _sort_key(n)))
        if not members:
            continue
        radius = NODE_SPACING * math.sqrt(len(members))
        centre = left + radius
        for k, node in enumerate(members):
            r, angle = NODE_SPACING * math.sqrt(k + 0.5), k * GOLDEN_ANGLE
            places[node] = (round(centre + r * math.cos(angle)), round(r * math.sin(angle)))
        left = centre + radius + 4 * NODE_SPACING
    return places


def _options(physics: bool, *, directed: bool) -> dict[str, Any]:
    """vis-network options: fixed layout seed; physics only for graphs small enough."""
    return {
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": physics},
        "physics": ({"enabled": True, "solver": "forceAtlas2Based",
                     "stabilization": {"enabled": True, "iterations": 400, "fit": True}}
                    if physics else {"enabled": False}),
        "nodes": {"shape": "dot", "scaling": {"min": 8, "max": 40},
                  "font": {"size": 14, "face": "Noto Sans CJK SC, Source Han Sans SC, "
                                               "PingFang SC, Microsoft YaHei, sans-serif"}},
        "edges": {"color": {"color": "#b8b8b8", "highlight": "#555555"}, "smooth": False,
                  "arrows": {"to": {"enabled": directed, "scaleFactor": 0.5}}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": not physics},
    }


def _note(shown: int, total: int, physics: bool) -> str:
    """The visible note on a cut or frozen graph (numbers only: no report text)."""
    parts = []
    if shown < total:
        parts.append(f"Showing {shown} of {total} nodes, the widest-spread of each kind; "
                     f"{total - shown} left out.")
    if not physics:
        parts.append("Layout fixed (too many nodes to simulate).")
    if not total:
        parts.append("The graph is empty.")
    return f'<p class="kg-note" id="kg-note">{" ".join(parts)}</p>' if parts else ""


def _script_json(data: Any) -> str:
    """``data`` as JSON that cannot end or confuse the ``<script>`` holding it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def _template() -> str:
    return resources.files(__package__).joinpath("page_template.html").read_text(encoding="utf-8")


def _vis_assets() -> tuple[str, str]:
    """vis-network's CSS and JavaScript from the installed pyvis, ready to inline."""
    try:
        lib = resources.files("pyvis").joinpath("lib", "vis-9.1.2")
        css = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
        js = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError) as exc:
        raise ConfigError("vis-network is missing from the pyvis package",
                          hint="reinstall kg's dependencies: pip install 'pyvis>=0.3.2'") from exc
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)
    if re.search(r"</(script|style)", js + css, re.IGNORECASE):
        raise ConfigError("the installed vis-network cannot be inlined (it contains a closing tag)",
                          hint="install pyvis 0.3.2, whose vis-network 9.1.2 kg inlines")
    return css, js
