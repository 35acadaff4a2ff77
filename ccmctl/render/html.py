"""Documents as one self-contained HTML file: the report and the country brief.

A template drives every format. An HTML template (``*.html.j2``: the shipped
``templates/report.html.j2`` and ``templates/brief.html.j2``, a data repository's own
copies next to its ``data/``, or ``--template FILE``) is rendered in Jinja2's immutable
sandbox with autoescaping on and undefined names as errors; the Word document
(:mod:`ccmctl.render.docx`) and the PDF (:mod:`ccmctl.render.pdf`) are made from that HTML.
A Markdown template (``*.md.j2``) can drive them too: it is rendered as for ``--format
markdown`` (data escaped for Markdown), then turned into HTML by markdown-it-py with raw
HTML off, inside ``base.html.j2``.

Templates call one helper that draws from the context, lazily: ``figure(id)``, a chart
of :data:`ccmctl.render.charts.CHARTS` (``parties``, ``regions``, ``unga``) or the world
map (``map``). For HTML they give inline SVG;
for Word, PNG images (Word cannot show SVG without a PNG fallback). Every image has alt
text. Nothing is fetched: CSS is in the page, images are inline.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

from ..domain.written import iso_day_text

Images = Literal["svg", "png"]
_HERE = Path(__file__).resolve().parent.parent
MARKDOWN_SUFFIXES = (".md.j2", ".md", ".markdown.j2")


def shipped_dirs() -> list[Path]:
    """Where ccmctl's own templates are: inside an installed wheel, or the source tree."""
    return [d for d in (_HERE / "templates", _HERE.parent / "templates") if d.is_dir()]


def find_template(name: str, data: Path | None = None) -> Path:
    """The template ``name``, first found of: the data repository's own ``templates/``
    (next to its ``data/``), the copy an installed wheel ships, the source tree's."""
    candidates = [data.resolve().parent / "templates"] if data is not None else []
    candidates += [_HERE / "templates", _HERE.parent / "templates"]
    for folder in candidates:
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"{name} not found in " + ", ".join(str(c) for c in candidates))


def is_markdown(template: Path) -> bool:
    return template.name.endswith(MARKDOWN_SUFFIXES)


def _cap(value: object) -> str:
    text = "" if value is None else str(value)
    return text[:1].upper() + text[1:]


def _environment(template: Path, loaded: set[str]) -> Any:
    """The report's sandbox (:func:`ccmctl.render.report._environment`: the folder-bound
    loader, the limits on ``*`` and ``**``) with autoescaping on, and ccmctl's own
    templates as a fallback so that any template can extend ``base.html.j2``."""
    from jinja2 import ChoiceLoader, FileSystemLoader

    from .report import _environment as sandbox

    env = sandbox(template.parent, template.name, loaded)
    env.autoescape = True
    folder = template.parent.resolve()
    fallbacks = [FileSystemLoader(str(d)) for d in shipped_dirs() if d.resolve() != folder]
    env.loader = ChoiceLoader([env.loader, *fallbacks])
    env.filters["day"] = iso_day_text
    env.filters["cap"] = _cap
    env.filters["refs"] = _refs
    return env


def _refs(numbers: object) -> Any:
    """Footnote references ``[1, 3]`` as superscript links to the list of sources."""
    from markupsafe import Markup

    nums = [int(n) for n in numbers] if isinstance(numbers, (list, tuple)) else []
    if not nums:
        return Markup("")
    links = ", ".join(f'<a href="#source-{n}">{n}</a>' for n in nums)
    return Markup(f'<sup class="fn">[{links}]</sup>')


def figure_html(
    id: str, caption: str, alt: str, svg: str | None = None, png: bytes | None = None
) -> str:
    """A ``<figure>``: inline SVG (``role="img"``, labelled by ``alt``) or a PNG data URI
    with ``alt``, and its caption. ``caption`` and ``alt`` are escaped here."""
    if svg is not None:
        body = svg
    else:
        data = base64.b64encode(png or b"").decode("ascii")
        body = f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}">'
    return (
        f'<figure id="figure-{html.escape(id)}" data-alt="{html.escape(alt, quote=True)}">'
        f"{body}<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


def helpers(ctx: Mapping[str, Any], images: Images) -> dict[str, Callable[..., Any]]:
    """The template global ``figure(id)`` for this context: a chart of
    :data:`ccmctl.render.charts.CHARTS` or ``"map"``, drawn once, empty if there is
    nothing to draw."""
    from markupsafe import Markup

    from .charts import CHARTS, render_chart

    done: dict[str, Any] = {}

    def figure(id: str) -> Any:
        key = str(id)
        if key not in done:
            if key == "map":
                done[key] = Markup(map_figure(ctx, images))
            elif key in CHARTS:
                c = render_chart(key, ctx, images)
                done[key] = Markup(
                    "" if c is None else figure_html(c.id, c.caption, c.alt, svg=c.svg, png=c.png)
                )
            else:
                raise ValueError(f"figure({key!r}): known are map, {', '.join(sorted(CHARTS))}")
        return done[key]

    return {"figure": figure}


def map_figure(ctx: Mapping[str, Any], images: Images) -> str:
    """The world map of ``ctx["world"]`` (ISO3, name, status of every state) as a figure."""
    from . import worldmap

    world = ctx.get("world") or []
    if not world:
        return ""
    states = {str(w["iso3"]): worldmap.MapState(str(w["name"]), str(w["status"])) for w in world}
    labels = dict(ctx.get("labels", {}).get("status", {}))
    as_of = str(ctx.get("as_of", ""))
    when = iso_day_text(as_of)
    counts = worldmap.legend_counts(states)
    alt = f"World map of each state's status under the Convention on {when}: " + "; ".join(
        f"{labels.get(k, k)} {n}" for k, n in counts.items()
    )
    caption = f"States by status on {when}. {worldmap.DISCLAIMER}"
    if images == "png":
        png = worldmap.map_png(states, as_of, labels, date_text=when)
        return figure_html("map", caption, alt, png=png)
    svg = worldmap.map_svg(states, as_of, labels, date_text=when, standalone=False)
    return figure_html("map", caption, alt, svg=svg)


def render_html(
    ctx: Mapping[str, Any],
    template: Path,
    *,
    images: Images = "svg",
    title: str = "ccmctl",
) -> str:
    """Render ``template`` (HTML, or Markdown turned into HTML) with ``ctx``. Raises
    :class:`ccmctl.render.report.TemplateProblem` for any fault of the template."""
    from markupsafe import Markup

    from .report import render as render_markdown

    loaded: set[str] = set()
    env = _environment(template, loaded)
    env.globals.update(helpers(ctx, images))
    if is_markdown(template):
        body = markdown_to_html(render_markdown(dict(ctx), template), images)
        shell = (
            '{% extends "base.html.j2" %}{% block title %}{{ title }}{% endblock %}'
            "{% block body %}{{ body }}{% endblock %}"
        )
        return _generate(
            lambda: env.from_string(shell), {"title": title, "body": Markup(body)}, template, loaded
        )
    return _generate(lambda: env.get_template(template.name), dict(ctx), template, loaded)


def _generate(get: Callable[[], Any], ctx: dict[str, Any], template: Path, loaded: set[str]) -> str:
    """The template's output, with every fault of the template as a TemplateProblem
    (``FILE:LINE`` and what is wrong), as :func:`ccmctl.render.report.render` does."""
    from jinja2 import TemplateError

    from .report import TemplateProblem, _where, collect, fault

    try:
        return collect(get().generate(**ctx))
    except TemplateProblem:
        raise
    except Exception as exc:
        where = _where(exc, loaded)
        if where is None and not isinstance(exc, TemplateError):
            raise  # not the template's fault: the catch-all reports it
        message = fault(exc, str(getattr(exc, "name", None)))
        line = getattr(exc, "lineno", None)
        name = getattr(exc, "filename", None) or str(template)
        raise TemplateProblem(
            where or f"{name}{':' + str(line) if line else ''}", message
        ) from None


def markdown_to_html(text: str, images: Images = "svg") -> str:
    """CommonMark with GitHub tables, raw HTML off (shown as text), no typographer. A
    Mermaid ``xychart-beta`` block of the kind the Markdown report writes is drawn as a
    chart (inline SVG, or a PNG for Word) with its numbers as the text alternative; any
    other Mermaid block stays a code block."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    fence = md.renderer.rules["fence"]  # type: ignore[attr-defined]
    drawn = iter(range(1, 1000))

    def mermaid(renderer: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        if token.info.strip() == "mermaid" and "xychart-beta" in token.content:
            from .charts import mermaid_xychart, png_bytes, svg_text

            drawing = mermaid_xychart(token.content)
            if drawing is not None:
                n = next(drawn)
                if images == "png":
                    figure = figure_html(
                        f"mermaid-{n}", drawing.caption, drawing.alt, png=png_bytes(drawing.figure)
                    )
                else:
                    svg = svg_text(drawing.figure, drawing.alt)
                    figure = figure_html(f"mermaid-{n}", drawing.caption, drawing.alt, svg=svg)
                return figure + "\n"
        return str(fence(tokens, idx, options, env))

    md.add_render_rule("fence", mermaid)
    return str(md.render(text))
