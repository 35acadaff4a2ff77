"""The report and other documents, rendered from a context with Jinja2.

A user's own template runs in Jinja2's immutable sandbox with undefined names as
errors; every value it receives is plain data (see :mod:`ccmctl.queries.report`).
The filters escape what the data carries: ``cell`` for a Markdown table cell,
``text`` for prose, ``mermaid`` for a chart label.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

DEFAULT_TEMPLATE = "report.md.j2"
_HERE = Path(__file__).resolve().parent.parent


def template_dir(data: Path | None = None) -> Path:
    """Where the default report template is read from, first found of:
    the data repository's own ``templates/`` (next to its ``data/``), so a
    repository can reword its reports; the copy an installed wheel ships in the
    package; the source tree's ``templates/``."""
    candidates = [data.resolve().parent / "templates"] if data is not None else []
    candidates += [_HERE / "templates", _HERE.parent / "templates"]
    for folder in candidates:
        if (folder / DEFAULT_TEMPLATE).is_file():
            return folder
    raise FileNotFoundError(
        f"{DEFAULT_TEMPLATE} not found in " + ", ".join(str(c) for c in candidates)
    )


def render(ctx: dict[str, Any], template: Path | None = None, data: Path | None = None) -> str:
    """Render ``template`` (else the default one found by :func:`template_dir` from the
    data directory) with StrictUndefined, in Jinja2's sandbox."""
    if template is None:
        template = template_dir(data) / DEFAULT_TEMPLATE
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from .markdown import escape_cell, escape_text

    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(template.parent)),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = lambda v: escape_cell("" if v is None else str(v))
    env.filters["text"] = lambda v: escape_text(" ".join(str(v).split()))
    env.filters["mermaid"] = lambda v: str(v).replace('"', "'")
    return env.get_template(template.name).render(**ctx)
