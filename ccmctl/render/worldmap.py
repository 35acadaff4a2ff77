"""The world map: every state coloured by its CCM status on a date, as SVG or PNG.

Geometry: Natural Earth 1:50m admin-0 countries (public domain), through the npm package
``world-atlas``, converted once by ``scripts/make_geometry.py`` into ``geo/countries.json``
(projected with the Natural Earth projection, keyed by ISO 3166-1 alpha-3). A state the
geometry has no shape for (Tuvalu at 1:50m) is drawn as a dot at the centroid given in
``geo/centroids.csv``; a state whose shape is too small to see (Monaco, Nauru…) gets a dot
as well. See ``geo/PROVENANCE.md``.

The SVG is written here, not by a charting library, because it carries what a chart
library cannot: one ``<g data-iso3="…">`` per state (shape and dot together) with the
state's name and status in a ``<title>``, so a reader hovering sees them and a test can
count them. The PNG is drawn by matplotlib from the same projected geometry. Every name
is XML-escaped; nothing from the data is ever markup.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from .palette import STATUS_COLOURS, STATUS_ORDER

GEO = Path(__file__).resolve().parent / "geo"
GEOMETRY = GEO / "countries.json"
CENTROIDS = GEO / "centroids.csv"

WIDTH = 1000.0
"""Projected width of the whole world (longitude -180 to 180 on the equator), in map units."""

DISCLAIMER = (
    "The boundaries and names shown and the designations used on this map do not imply "
    "official endorsement or acceptance by the United Nations."
)

OTHER_COLOUR = "#DDDDDD"
"""Land that is not one of the states in the data (territories, Taiwan, Western Sahara…)."""
BORDER_COLOUR = "#FFFFFF"
DOT_AREA = 4.0
"""A state whose shape covers less than this many square map units also gets a dot."""
DOT_RADIUS = 2.6
LEGEND_HEIGHT = 92.0


# --- the projection ------------------------------------------------------------------


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Natural Earth projection (Šavrič, Jenny, Patterson, Petrovič and Hurni, 2011),
    in map units: x from -WIDTH/2 to WIDTH/2, y growing southwards (as SVG's)."""
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    scale = WIDTH / (2 * math.pi * 0.8707)
    return x * scale, -y * scale


# --- the geometry ----------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """One state's outline: an SVG path in map units, its area and a point inside it."""

    d: str
    area: float
    centre: tuple[float, float]


@dataclass(frozen=True)
class Geometry:
    view: tuple[float, float, float, float]
    shapes: Mapping[str, Shape]
    others: Sequence[str]
    centroids: Mapping[str, tuple[float, float, str]]
    """ISO3 -> (longitude, latitude, source) for states without a shape."""
    source: str


@lru_cache(maxsize=1)
def geometry() -> Geometry:
    """The committed geometry and the table of centroids (read once)."""
    raw = json.loads(GEOMETRY.read_text(encoding="utf-8"))
    shapes = {
        iso3: Shape(s["d"], float(s["a"]), (float(s["c"][0]), float(s["c"][1])))
        for iso3, s in raw["shapes"].items()
    }
    centroids: dict[str, tuple[float, float, str]] = {}
    with CENTROIDS.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            centroids[row["iso3"]] = (float(row["lon"]), float(row["lat"]), row["source"])
    return Geometry(tuple(raw["view"]), shapes, tuple(raw["others"]), centroids, raw["source"])


@dataclass(frozen=True)
class MapState:
    """What the map shows of one state: its name and its status on the map's date."""

    name: str
    status: str


@dataclass(frozen=True)
class _Mark:
    iso3: str
    state: MapState
    d: str | None
    dot: tuple[float, float] | None
    area: float


def _marks(states: Mapping[str, MapState]) -> tuple[list[_Mark], list[str]]:
    """One mark per state, biggest first (enclaves are drawn over the state around them),
    and the ISO3 codes of states with neither a shape nor a centroid."""
    geo = geometry()
    marks, missing = [], []
    for iso3 in sorted(states):
        st = states[iso3]
        shape = geo.shapes.get(iso3)
        if shape is not None:
            dot = shape.centre if shape.area < DOT_AREA else None
            marks.append(_Mark(iso3, st, shape.d, dot, shape.area))
        elif iso3 in geo.centroids:
            lon, lat, _ = geo.centroids[iso3]
            marks.append(_Mark(iso3, st, None, natural_earth(lon, lat), 0.0))
        else:
            missing.append(iso3)
    marks.sort(key=lambda m: (-m.area, m.iso3))
    return marks, missing


def legend_counts(states: Mapping[str, MapState]) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for st in states.values():
        counts[st.status] = counts.get(st.status, 0) + 1
    return counts


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# --- SVG -------------------------------------------------------------------------------


def map_svg(
    states: Mapping[str, MapState],
    as_of: str,
    labels: Mapping[str, str],
    *,
    title: str = "States and the Convention on Cluster Munitions",
    date_text: str | None = None,
    standalone: bool = True,
) -> str:
    """The map as SVG: every state in ``states`` (ISO3 -> name and status) is one
    ``<g data-iso3>`` holding its shape, a dot, or both; the legend counts each status;
    the date and the UN disclaimer are on the map. ``labels`` maps statuses to their
    display words. ``standalone`` adds the XML declaration for a file of its own."""
    geo = geometry()
    x0, y0, w, h = geo.view
    legend_h = LEGEND_HEIGHT
    total_h = h + legend_h
    marks, _ = _marks(states)
    when = date_text or as_of
    desc = f"{title}, on {when}. " + "; ".join(
        f"{labels.get(k, k)}: {n}" for k, n in legend_counts(states).items()
    )
    out: list[str] = []
    if standalone:
        out.append('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_n(x0)} {_n(y0)} {_n(w)} '
        f'{_n(total_h)}" width="100%" role="img" aria-labelledby="map-title map-desc" '
        f'class="ccm-map" font-family="DejaVu Sans, Verdana, sans-serif">\n'
    )
    out.append(f'<title id="map-title">{escape(title)} ({escape(when)})</title>\n')
    out.append(f'<desc id="map-desc">{escape(desc)}</desc>\n')
    out.append(
        f'<rect x="{_n(x0)}" y="{_n(y0)}" width="{_n(w)}" height="{_n(total_h)}" fill="#FFFFFF"/>\n'
    )
    out.append(
        f'<g fill="{OTHER_COLOUR}" stroke="{BORDER_COLOUR}" stroke-width="0.3" '
        'class="other-territories">\n'
    )
    out += [f'<path d="{d}"/>\n' for d in geo.others]
    out.append("</g>\n")
    out.append(f'<g stroke="{BORDER_COLOUR}" stroke-width="0.3" fill-rule="evenodd">\n')
    for mark in marks:
        colour = STATUS_COLOURS.get(mark.state.status, OTHER_COLOUR)
        status_label = labels.get(mark.state.status, mark.state.status)
        out.append(
            f"<g data-iso3={quoteattr(mark.iso3)} data-status={quoteattr(mark.state.status)} "
            f'fill="{colour}"><title>{escape(mark.state.name)}: {escape(status_label)}</title>'
        )
        if mark.d:
            out.append(f'<path d="{mark.d}"/>')
        if mark.dot is not None:
            cx, cy = mark.dot
            out.append(
                f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(DOT_RADIUS)}" stroke="#333333" '
                'stroke-width="0.4"/>'
            )
        out.append("</g>\n")
    out.append("</g>\n")
    out += _svg_legend(states, labels, x0, y0 + h, w, when)
    out.append("</svg>\n")
    return "".join(out)


def _svg_legend(
    states: Mapping[str, MapState],
    labels: Mapping[str, str],
    x0: float,
    top: float,
    w: float,
    when: str,
) -> list[str]:
    counts = legend_counts(states)
    out = ['<g class="legend" font-size="15" fill="#222222">\n']
    x = x0 + 12
    y = top + 20
    for key in STATUS_ORDER:
        text = f"{labels.get(key, key)} ({counts.get(key, 0)})"
        out.append(
            f'<rect x="{_n(x)}" y="{_n(y - 12)}" width="16" height="14" '
            f'fill="{STATUS_COLOURS[key]}"/>'
            f'<text x="{_n(x + 22)}" y="{_n(y)}">{escape(text)}</text>\n'
        )
        x += 40 + 8.6 * len(text)
    out.append(
        f'<rect x="{_n(x)}" y="{_n(y - 12)}" width="16" height="14" fill="{OTHER_COLOUR}"/>'
        f'<text x="{_n(x + 22)}" y="{_n(y)}">not in the data</text>\n'
    )
    out.append(
        f'<text x="{_n(x0 + w - 12)}" y="{_n(y)}" text-anchor="end" font-weight="bold">'
        f"{escape(when)}</text>\n"
    )
    out.append(
        f'<text x="{_n(x0 + 12)}" y="{_n(y + 28)}" font-size="12" fill="#444444">'
        "Small states are shown as dots. Geometry: Natural Earth 1:50m (public domain).</text>\n"
    )
    out.append(
        f'<text x="{_n(x0 + 12)}" y="{_n(y + 48)}" font-size="12" fill="#444444" '
        f'class="disclaimer">{escape(DISCLAIMER)}</text>\n'
    )
    out.append("</g>\n")
    return out


# --- PNG (matplotlib) -------------------------------------------------------------------

_TOKEN = re.compile(r"[MmLlHhVvZz]|-?(?:\d+(?:\.\d*)?|\.\d+)")


def path_rings(d: str) -> list[list[tuple[float, float]]]:
    """The rings of a path written by ``scripts/make_geometry.py`` (M, m, l, h, v, z with
    numbers), as absolute points."""
    rings: list[list[tuple[float, float]]] = []
    ring: list[tuple[float, float]] = []
    x = y = 0.0
    cmd = ""
    nums: list[float] = []

    def flush() -> None:
        nonlocal x, y
        while nums:
            if cmd in "Mm":
                dx, dy = nums.pop(0), nums.pop(0)
                x, y = (dx, dy) if cmd == "M" else (x + dx, y + dy)
            elif cmd in "Ll":
                dx, dy = nums.pop(0), nums.pop(0)
                x, y = (dx, dy) if cmd == "L" else (x + dx, y + dy)
            elif cmd == "h":
                x += nums.pop(0)
            elif cmd == "v":
                y += nums.pop(0)
            else:  # pragma: no cover - the writer emits nothing else
                raise ValueError(f"unexpected path command {cmd!r}")
            ring.append((x, y))

    for tok in _TOKEN.findall(d):
        if tok.isalpha():
            flush()
            if tok in "Zz":
                if ring:
                    rings.append(ring)
                ring = []
                cmd = ""
                continue
            if tok in "Mm" and ring:
                rings.append(ring)
                ring = []
            cmd = tok
        else:
            nums.append(float(tok))
    flush()
    if ring:
        rings.append(ring)
    return rings


def map_png(
    states: Mapping[str, MapState],
    as_of: str,
    labels: Mapping[str, str],
    *,
    title: str = "States and the Convention on Cluster Munitions",
    date_text: str | None = None,
    dpi: int = 150,
) -> bytes:
    """The same map drawn by matplotlib, as PNG bytes."""
    from .charts import new_figure, png_bytes

    geo = geometry()
    x0, y0, w, h = geo.view
    marks, _ = _marks(states)
    fig, ax = new_figure(10.0, 10.0 * (h + 70) / w)
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Circle

    rings: list[list[tuple[float, float]]] = []
    colours: list[str] = []

    def add(d: str, colour: str) -> None:
        for ring in path_rings(d):
            if len(ring) >= 3:
                rings.append(ring)
                colours.append(colour)

    for d in geo.others:
        add(d, OTHER_COLOUR)
    for mark in marks:
        if mark.d:
            add(mark.d, STATUS_COLOURS.get(mark.state.status, OTHER_COLOUR))
    ax.add_collection(
        PolyCollection(rings, facecolors=colours, edgecolors=BORDER_COLOUR, linewidths=0.2)
    )
    for mark in marks:
        if mark.dot is not None:
            colour = STATUS_COLOURS.get(mark.state.status, OTHER_COLOUR)
            ax.add_patch(
                Circle(mark.dot, DOT_RADIUS, facecolor=colour, edgecolor="#333333", lw=0.3)
            )
    ax.set_xlim(x0, x0 + w)
    ax.set_ylim(y0 + h + 70, y0)
    ax.set_aspect("equal")
    ax.axis("off")
    counts = legend_counts(states)
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=STATUS_COLOURS[k], label=f"{labels.get(k, k)} ({counts.get(k, 0)})")
        for k in STATUS_ORDER
    ] + [Patch(facecolor=OTHER_COLOUR, label="not in the data")]
    ax.legend(
        handles=handles,
        loc="lower left",
        ncol=5,
        frameon=False,
        fontsize=8,
        bbox_to_anchor=(0.0, 0.045),
    )
    when = date_text or as_of
    ax.set_title(f"{title}: status on {when}", fontsize=11, loc="left")
    ax.text(
        x0 + 6,
        y0 + h + 62,
        "Small states are shown as dots. Geometry: Natural Earth 1:50m (public domain).\n"
        + DISCLAIMER,
        fontsize=6,
        color="#444444",
        va="bottom",
    )
    return png_bytes(fig, dpi=dpi)


def missing_states(states: Mapping[str, Any]) -> list[str]:
    """States that the map cannot draw (no shape and no centroid)."""
    geo = geometry()
    return sorted(i for i in states if i not in geo.shapes and i not in geo.centroids)
