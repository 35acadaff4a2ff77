"""``ccmctl show``."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from .app import app
from .common import data_dir, emit, fail, load, note_currency, resolve_as_of, state_option
from .options import AsOfOpt, DataOpt, DocumentFormat, OutputOpt


@app.command()
def show(
    state: Annotated[
        str,
        typer.Argument(
            metavar="STATE",
            help="ISO alpha-3 or alpha-2 code, M49 code, name or common name (UK, Laos).",
        ),
    ],
    as_of: AsOfOpt = None,
    fmt: Annotated[
        DocumentFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DocumentFormat.text,
    include_internal: Annotated[
        bool,
        typer.Option(
            "--include-internal",
            help="Brief formats: keep internal outreach records (left out by default).",
        ),
    ] = False,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            metavar="FILE",
            help="Brief formats: your own Jinja2 template (run sandboxed). Default: "
            "templates/brief.md.j2 or brief.html.j2 next to the data, else ccmctl's.",
        ),
    ] = None,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> None:
    """One state's profile: CCM status and the events behind it, other treaties,
    votes, commitments, profile, outreach, and every target criterion with its evidence.

    --format markdown, html or docx writes a one-page country brief for a bilateral
    meeting instead: status and treaty participation, votes over time, commitments,
    profile, outreach history, open next steps, obstacles, why the state is a target,
    and the sources as numbered footnotes.

    Examples:

      ccmctl show IDN

      ccmctl show "viet nam" --as-of 2016-10-03 --format json

      ccmctl show IDN --format docx -o IDN.docx
    """
    from ..queries.profile import profile

    documents = (DocumentFormat.markdown, DocumentFormat.html, DocumentFormat.docx)
    ready = None
    if fmt in documents:
        from .documents import get_ready

        ready = partial(get_ready, fmt.value)
    ds = load(data, ready)
    on = resolve_as_of(ds, as_of)
    s = state_option(ds, state, "STATE")
    note_currency(ds, on)
    if fmt in documents:
        _brief(ds, s, on, fmt.value, include_internal, template, data, output)
        return
    doc = profile(ds, s, on)
    if fmt is DocumentFormat.json:
        from ..render.json import to_json

        emit(to_json(doc), output)
    else:
        from ..render.profile import profile_text

        emit(profile_text(doc), output)


def _brief(
    ds: Any,
    s: Any,
    on: dt.date,
    fmt: str,
    include_internal: bool,
    template: Path | None,
    data: Path | None,
    output: Path | None,
) -> None:
    from ..queries.brief import brief

    if template is not None and not template.is_file():
        raise fail(f"--template {template}: no such file")
    ctx = brief(ds, s, on, include_internal)
    title = f"{s.name}: country brief, {ctx['as_of_text']}"
    if fmt == "markdown":
        from ..render.cells import safe_terminal
        from ..render.html import find_template
        from ..render.report import TemplateProblem
        from .documents import rendered

        try:
            source = template or find_template("brief.md.j2", data_dir(data))
            emit(rendered(ctx, source, None), output)
        except FileNotFoundError as exc:
            raise fail(str(exc)) from None
        except TemplateProblem as exc:
            raise fail(safe_terminal(str(exc)).replace("\n", " ")) from None
        return
    from .documents import document

    emit(document(ctx, fmt, template, "brief.html.j2", data, on, output, title), output)
