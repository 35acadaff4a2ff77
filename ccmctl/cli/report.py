"""``ccmctl report``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .common import data_dir, emit, fail, load, meeting, note_currency, resolve_as_of, today
from .options import DataOpt, OutputOpt, ReportFormat
from .types import Count, DateOrMeeting


@app.command()
def report(
    meeting_id: Annotated[
        str, typer.Argument(metavar="MEETING", help="Meeting id: 7msp, 12msp, 2rc…")
    ],
    as_of: Annotated[
        object | None,
        typer.Option(
            "--as-of",
            parser=DateOrMeeting(),
            metavar=DateOrMeeting.metavar,
            help="Default: the meeting's opening day if past, else today.",
        ),
    ] = None,
    plan: Annotated[
        list[str],
        typer.Option(
            "--plan",
            "-p",
            metavar="ID",
            help="Plans to report on (default: those running up to the meeting).",
        ),
    ] = [],  # noqa: B006  (Typer's idiom for a repeatable option)
    per_region: Annotated[
        int,
        typer.Option(
            "--per-region", parser=Count(1), metavar="N", help="Priority states shown per region."
        ),
    ] = 3,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            metavar="FILE",
            help="Your own Jinja2 template (run sandboxed). Default: templates/report.md.j2 "
            "next to the data directory, else the one shipped with ccmctl.",
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReportFormat.markdown,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> None:
    """Write the universalization progress report for a meeting, in Markdown.

    Sections: status at a glance and by region; changes since the previous meeting;
    States Parties over time (a Mermaid chart and a table); each plan's expected outputs
    evaluated from the data (met / not met / open) and its activities; priority states
    per region with their reasons; survey answers; deadlines overdue or due soon.

    Examples:

      ccmctl report 12msp > report.md

      ccmctl report 7msp --plan universalization-2016-2017 -o 7msp.md

      ccmctl report 13msp --template my-report.md.j2
    """
    from ..queries.report import context, default_as_of

    ds = load(data)
    mt = meeting(ds, meeting_id, "MEETING")
    for pid in plan:
        if pid not in ds.plans:
            raise fail(f"--plan {pid!r} is not one of: {', '.join(sorted(ds.plans))}")
    if template is not None and not template.is_file():
        raise fail(f"--template {template}: no such file")
    on = resolve_as_of(ds, as_of) if as_of else default_as_of(ds, mt, today())
    note_currency(ds, on)
    ctx = context(ds, mt, on, plan or None, per_region)
    emit(_render(ctx, template, data), output)


def _render(ctx: dict[str, object], template: Path | None, data: Path | None) -> str:
    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError

    from ..render.report import DEFAULT_TEMPLATE, render, template_dir

    try:
        source = template or template_dir(data_dir(data)) / DEFAULT_TEMPLATE
    except FileNotFoundError as exc:
        raise fail(str(exc)) from None
    try:
        return render(ctx, source)
    except SecurityError as exc:
        raise fail(f"template refused: {exc}", 1) from None
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise fail(f"{source}{':' + str(line) if line else ''}: template error: {exc}", 1) from None
