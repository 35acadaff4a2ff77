"""The report's charts, drawn by matplotlib from the report's context (plain data).

matplotlib is imported only when a chart is drawn (with the Agg backend, no display), so
``import ccmctl.cli`` and every other command stay fast. Output is deterministic: a fixed
``svg.hashsalt`` (ids that do not change from run to run), no date in the metadata, text
kept as text (``svg.fonttype = none``) and laid out with the DejaVu Sans that matplotlib
ships. Colours are Okabe and Ito's colour-blind-safe palette, the map's too; every chart
carries a text alternative (:attr:`Chart.alt`) that says what it shows in numbers.

Each chart is one function ``(ctx) -> Drawing | None`` registered in :data:`CHARTS`; None
means the context has nothing to draw.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .palette import STATUS_COLOURS, STATUS_ORDER

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

INK = "#222222"
GRID = "#DDDDDD"
BLUE, ORANGE, VERMILLION, GREY = "#0072B2", "#E69F00", "#D55E00", "#999999"
VOTE_COLOURS = {"yes": "#009E73", "no": "#D55E00", "abstain": "#E69F00"}
HASHSALT = "ccmctl"


@dataclass(frozen=True)
class Drawing:
    """A chart, not yet rendered: its figure, its caption and its text alternative."""

    figure: Figure
    caption: str
    alt: str


@dataclass(frozen=True)
class Chart:
    """A rendered chart: SVG text or PNG bytes, with its caption and alt text."""

    id: str
    caption: str
    alt: str
    svg: str | None = None
    png: bytes | None = None


def _setup() -> None:
    import matplotlib

    matplotlib.use("Agg", force=True)
    matplotlib.rcParams.update(
        {
            "svg.hashsalt": HASHSALT,
            "svg.fonttype": "none",
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "axes.edgecolor": INK,
            "axes.labelcolor": INK,
            "xtick.color": INK,
            "ytick.color": INK,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 10,
            "axes.titlelocation": "left",
            "path.simplify": True,
            "text.parse_math": False,  # a '$' in a label is a dollar, not mathematics
        }
    )


def new_figure(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure of ``width`` x ``height`` inches with one axes, on the Agg backend."""
    _setup()
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)


def svg_text(fig: Figure, alt: str) -> str:
    """The figure as an SVG element for inlining in HTML: no XML prolog or doctype, a
    ``role="img"`` and ``aria-label`` carrying ``alt``, no fixed size (it scales to its
    container)."""
    from xml.sax.saxutils import quoteattr

    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    text = _PROLOG.sub("", buf.getvalue())
    text = re.sub(
        r'<svg ([^>]*?)width="[^"]*" height="[^"]*"',
        lambda m: f'<svg {m.group(1)}width="100%" role="img" aria-label={quoteattr(alt)}',
        text,
        count=1,
    )
    return text


def png_bytes(fig: Figure, dpi: int = 150) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


# --- the charts -----------------------------------------------------------------------

ChartFn = Callable[[Mapping[str, Any]], Drawing | None]
CHARTS: dict[str, ChartFn] = {}


def chart(id: str) -> Callable[[ChartFn], ChartFn]:
    def add(fn: ChartFn) -> ChartFn:
        CHARTS[id] = fn
        return fn

    return add


def targets_in(ctx: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The plans' targets for the number of States Parties (metric ``states_parties``)."""
    out = []
    for plan in ctx.get("plans") or []:
        for ind in plan.get("indicators") or []:
            if ind.get("metric") == "states_parties" and ind.get("target") is not None:
                out.append({"target": int(ind["target"]), "title": str(ind["title"])})
    return out


@chart("parties")
def parties_over_time(ctx: Mapping[str, Any]) -> Drawing | None:
    """States Parties at the opening of each meeting, with the plans' targets."""
    points = ctx.get("chart") or []
    if not points:
        return None
    labels = [str(p["label"]) for p in points]
    values = [int(p["parties"]) for p in points]
    targets = targets_in(ctx)
    fig, ax = new_figure(6.6, 3.0)
    xs = list(range(len(points)))
    ax.plot(xs, values, color=BLUE, marker="o", markersize=4, linewidth=1.8, label="States Parties")
    for x, v in zip(xs, values, strict=True):
        ax.annotate(
            str(v), (x, v), textcoords="offset points", xytext=(0, 5), ha="center", fontsize=7
        )
    for t in targets:
        ax.axhline(t["target"], color=VERMILLION, linestyle="--", linewidth=1.2)
        ax.annotate(
            f"target {t['target']}: {t['title']}",
            (0, t["target"]),
            textcoords="offset points",
            xytext=(2, 3),
            fontsize=7,
            color=VERMILLION,
        )
    top = max(values + [t["target"] for t in targets])
    ax.set_ylim(0, (top // 20 + 1) * 20)
    ax.set_xticks(
        xs, labels, rotation=45 if len(xs) > 8 else 0, ha="right" if len(xs) > 8 else "center"
    )
    ax.set_ylabel("States Parties")
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_title("States Parties at the opening of each meeting")
    first, last = points[0], points[-1]
    alt = (
        "Line chart of States Parties at the opening of each meeting: "
        + ", ".join(f"{lab} {v}" for lab, v in zip(labels, values, strict=True))
        + f". From {first['parties']} on {first['date']} to {last['parties']} on {last['date']}."
        + "".join(f" Dashed line: target of {t['target']} ({t['title']})." for t in targets)
    )
    caption = "States Parties at the opening of each meeting" + (
        "; dashed: the plan's target" if targets else ""
    )
    return Drawing(fig, caption, alt)


@chart("regions")
def status_by_region(ctx: Mapping[str, Any]) -> Drawing | None:
    """Status of the states of each M49 region, as stacked horizontal bars."""
    regions = ctx.get("regions") or []
    if not regions:
        return None
    names = [str(r["name"]) for r in regions][::-1]
    labels = ctx.get("labels", {}).get("status", {})
    fig, ax = new_figure(6.6, 0.45 * len(names) + 1.1)
    left = [0] * len(names)
    for key in STATUS_ORDER:
        values = [int(r.get(key, 0)) for r in regions][::-1]
        bars = ax.barh(
            names,
            values,
            left=left,
            color=STATUS_COLOURS[key],
            label=str(labels.get(key, key)),
            height=0.6,
        )
        for bar, v in zip(bars, values, strict=True):
            if v >= 4:
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_y() + bar.get_height() / 2,
                    str(v),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if key in ("party", "signatory") else INK,
                )
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlabel("States")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=4, frameon=False, fontsize=8)
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    alt = "Stacked bar chart of each region's states by status: " + "; ".join(
        f"{r['name']}: " + ", ".join(f"{r.get(k, 0)} {labels.get(k, k)}" for k in STATUS_ORDER)
        for r in regions
    )
    return Drawing(fig, "States by status in each region", alt + ".")


@chart("unga")
def unga_votes(ctx: Mapping[str, Any]) -> Drawing | None:
    """The yearly UNGA resolution's plenary votes: yes, no and abstentions per year."""
    rows = (ctx.get("summary") or {}).get("unga") or []
    if not rows:
        return None
    years = [str(r["year"]) for r in rows]
    fig, ax = new_figure(6.6, 2.8)
    width = 0.26
    xs = list(range(len(rows)))
    for i, key in enumerate(("yes", "no", "abstain")):
        vals = [r.get(key) for r in rows]
        pos = [x + (i - 1) * width for x in xs]
        ax.bar(
            [p for p, v in zip(pos, vals, strict=True) if v is not None],
            [v for v in vals if v is not None],
            width=width,
            color=VOTE_COLOURS[key],
            label={"yes": "yes", "no": "no", "abstain": "abstention"}[key],
        )
        for p, v in zip(pos, vals, strict=True):
            if v is not None and key == "yes":
                ax.text(p, v + 2, str(v), ha="center", fontsize=7)
    for x, r in zip(xs, rows, strict=True):
        if r.get("yes") is None:
            ax.text(x, 8, "tally\nnot found", ha="center", fontsize=6.5, color=GREY)
    ax.set_xticks(xs, years)
    ax.set_ylabel("States")
    ax.set_ylim(0, 200)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", ncol=3, frameon=False, fontsize=8)
    ax.set_title("UNGA resolution on the Convention: plenary votes by year")

    def tally(r: Mapping[str, Any]) -> str:
        if r.get("yes") is None:
            return f"{r['year']} not found"
        parts = [f"{r['yes']} yes"]
        parts += [f"{r[k]} {k}" for k in ("no", "abstain") if r.get(k) is not None]
        return f"{r['year']} " + ", ".join(parts)

    alt = "Bar chart of the yearly UNGA resolution's plenary votes: " + "; ".join(
        tally(r) for r in rows
    )
    return Drawing(fig, "Plenary votes on the UNGA resolution, by year", alt + ".")


def render_chart(id: str, ctx: Mapping[str, Any], fmt: str = "svg") -> Chart | None:
    """Chart ``id`` drawn from ``ctx`` as ``svg`` or ``png``; None if there is nothing to draw."""
    fn = CHARTS.get(id)
    if fn is None:
        raise KeyError(f"unknown chart {id!r} (known: {', '.join(sorted(CHARTS))})")
    drawing = fn(ctx)
    if drawing is None:
        return None
    if fmt == "png":
        return Chart(id, drawing.caption, drawing.alt, png=png_bytes(drawing.figure))
    return Chart(id, drawing.caption, drawing.alt, svg=svg_text(drawing.figure, drawing.alt))


# --- a Markdown template's Mermaid chart, drawn for HTML and Word -------------------------

_MERMAID_TITLE = re.compile(r'^title\s+"([^"]*)"$')
_MERMAID_X = re.compile(r"^x-axis\s+\[(.*)\]$")
_MERMAID_Y = re.compile(r'^y-axis(?:\s+"([^"]*)")?(?:\s+(-?[0-9.]+)\s*-->\s*(-?[0-9.]+))?$')
_MERMAID_SERIES = re.compile(r"^(line|bar)\s+\[(.*)\]$")
_MERMAID_LABEL = re.compile(r'\s*(?:"([^"]*)"|([^,"]+?))\s*(?:,|$)')
MAX_MERMAID_POINTS = 500


def _labels(inner: str) -> list[str] | None:
    out, pos = [], 0
    while pos < len(inner):
        m = _MERMAID_LABEL.match(inner, pos)
        if m is None or m.end() == pos:
            return None
        out.append(m.group(1) if m.group(1) is not None else m.group(2).strip())
        pos = m.end()
    return out


def mermaid_xychart(source: str) -> Drawing | None:
    """A Mermaid ``xychart-beta`` of the subset the Markdown report writes (a title, an
    x-axis of labels, a y-axis title and range, line and bar series of numbers), drawn as
    the other charts are; None for anything else, which is then shown as its text."""
    lines = [ln.strip() for ln in source.strip().splitlines() if ln.strip()]
    if not lines or lines[0] != "xychart-beta":
        return None
    title, ylabel, yrange, labels = "", "", None, None
    series: list[tuple[str, list[float]]] = []
    for line in lines[1:]:
        if m := _MERMAID_TITLE.match(line):
            title = m.group(1)
        elif m := _MERMAID_X.match(line):
            labels = _labels(m.group(1))
        elif m := _MERMAID_Y.match(line):
            ylabel = m.group(1) or ""
            if m.group(2) is not None:
                yrange = (float(m.group(2)), float(m.group(3)))
        elif m := _MERMAID_SERIES.match(line):
            try:
                values = [float(v) for v in m.group(2).split(",") if v.strip()]
            except ValueError:
                return None
            series.append((m.group(1), values))
        else:
            return None
    if not labels or not series or len(labels) > MAX_MERMAID_POINTS:
        return None
    if any(len(values) != len(labels) for _, values in series):
        return None
    fig, ax = new_figure(6.3, 2.8)
    xs = list(range(len(labels)))
    colours = iter([BLUE, ORANGE, VERMILLION, GREY] * 4)
    for kind, values in sorted(series, key=lambda s: s[0] != "bar"):  # lines over bars
        if kind == "bar":
            ax.bar(xs, values, color=next(colours))
        else:
            ax.plot(xs, values, color=next(colours), marker="o", markersize=3)
    ax.set_xticks(xs, labels, rotation=45 if len(labels) > 8 else 0, ha="right")
    if yrange is not None and yrange[0] < yrange[1]:
        ax.set_ylim(*yrange)
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    points = "; ".join(
        f"{label}: " + ", ".join(f"{v:g}" for v in values)
        for label, values in zip(labels, zip(*(v for _, v in series), strict=True), strict=True)
    )
    alt = f"{title or 'Chart'}. {ylabel + ' — ' if ylabel else ''}{points}."
    return Drawing(fig, title or "Chart", alt)
