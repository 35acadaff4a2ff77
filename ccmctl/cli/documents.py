"""Documents people send around, for ``report`` and ``show``: one HTML page rendered from
a template, and the Word document or PDF made from it.

The template is ``--template FILE`` if given, else the data repository's own
``templates/NAME`` (next to its ``data/``), else the one shipped with ccmctl. A Markdown
template (``*.md.j2``) drives these formats too (rendered, then turned into HTML with raw
HTML off). Template and browser problems are one line and a non-zero exit: a missing
browser for PDF and a template that cannot be used are usage errors (2), a browser that
fails is exit 1.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .common import data_dir, fail


def get_ready(fmt: str, charts: bool = False) -> None:
    """Import what rendering a ``fmt`` document from a template will need (``charts``:
    drawing with matplotlib too): given to the load as its ``meanwhile``
    (:func:`ccmctl.validation.load`), so that on a cold cache this happens while helper
    processes read the data instead of after. Imports only: the rendering is the same."""
    import pickle  # noqa: F401  (the kept documents: ccmctl.cache.Rendered)

    import jinja2.sandbox  # noqa: F401

    from .. import cache  # noqa: F401
    from ..render import cells, compiled, markdown, report  # noqa: F401

    if fmt != "markdown":
        from ..render import html  # noqa: F401
    if charts and fmt != "markdown":
        import matplotlib.figure  # noqa: F401

        from ..render import worldmap  # noqa: F401


def rendered(ctx: dict[str, Any], template: Path | None, data: Path | None) -> str:
    """The text ``template`` makes of ``ctx`` (see :func:`ccmctl.render.report.render`),
    kept in the cache and used again while the context and every template file it read
    are the same (:class:`ccmctl.cache.Rendered`): no Jinja2, no compiling."""
    from .. import cache
    from ..render.report import locate, read_template, render

    folder, name, main = locate(template, data)

    def read(rel: str) -> str | None:
        path = folder / rel
        return read_template(path, folder, trusted=rel == main) if path.exists() else None

    kept = cache.Rendered.open(folder, ctx, name, main)
    if kept is not None:
        text = kept.text(read)
        if text is not None:
            return text
    texts: dict[str, str | None] = {}
    text = render(ctx, template, data, texts)
    if kept is not None:
        kept.keep(text, texts)
    return text


def document(
    ctx: Mapping[str, Any],
    fmt: str,
    template: Path | None,
    default: str,
    data: Path | None,
    on: dt.date,
    output: Path | None,
    title: str,
) -> str | bytes:
    """``ctx`` as ``html``, ``docx`` or ``pdf``."""
    from ..render.cells import safe_terminal
    from ..render.html import find_template, render_html
    from ..render.report import TemplateProblem

    if fmt in ("docx", "pdf") and output is None and sys.stdout.isatty():
        raise fail(f"--format {fmt} is binary: write it with -o FILE (or redirect the output)")
    browser = None
    if fmt == "pdf":
        from ..render.pdf import find_browser

        browser = find_browser()
        if browser is None:
            raise fail(
                "--format pdf needs a headless Chromium: install Debian's "
                "chromium-headless-shell (or chromium), or set CCMCTL_CHROMIUM to its path; "
                "--format html or docx work without one"
            )
    try:
        source = template or find_template(default, data_dir(data))
    except FileNotFoundError as exc:
        raise fail(str(exc)) from None
    try:
        page = render_html(ctx, source, images="png" if fmt == "docx" else "svg", title=title)
    except TemplateProblem as exc:
        raise fail(safe_terminal(str(exc)).replace("\n", " ")) from None
    if fmt == "html":
        return page
    if fmt == "docx":
        from ..render.docx import html_to_docx

        return html_to_docx(page, on)
    from ..render.pdf import BrowserError, html_to_pdf

    try:
        return html_to_pdf(page, browser, day=on)
    except BrowserError as exc:
        raise fail(f"--format pdf: {exc}", 1) from None
