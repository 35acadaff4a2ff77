"""``ccmctl report``."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from .app import app
from .common import data_dir, emit, fail, load, meeting, note_currency, resolve_as_of, today
from .options import DataOpt, IncludeInternalOpt, OutputOpt, ReportFormat
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
            "(report.html.j2 for html, docx, pdf) next to the data directory, else the one "
            "shipped with ccmctl.",
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReportFormat.markdown,
    include_internal: IncludeInternalOpt = False,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> None:
    """Write the universalization progress report for a meeting: Markdown, HTML, Word or PDF.

    Sections: status at a glance and by region; changes since the previous meeting;
    States Parties over time (a Mermaid chart and a table); each plan's expected outputs
    evaluated from the data (met / not met / open) and its activities; priority states
    per region with their reasons; survey answers; deadlines overdue or due soon.
    It opens with an executive summary. HTML (one self-contained file, A4 when printed),
    Word and PDF add charts and a world map; PDF needs a headless Chromium. Each format
    has its template (report.md.j2, report.html.j2); --template drives any format.

    Examples:

      ccmctl report 12msp > report.md

      ccmctl report 7msp --plan universalization-2016-2017 -o 7msp.md

      ccmctl report 13msp --template my-report.md.j2

      ccmctl report 12msp --format docx -o 12msp.docx
    """
    ds = load(data, partial(_get_ready, fmt.value))
    from ..queries.report import context, default_as_of

    mt = meeting(ds, meeting_id, "MEETING")
    for pid in plan:
        if pid not in ds.plans:
            raise fail(f"--plan {pid!r} is not one of: {', '.join(sorted(ds.plans))}")
    if template is not None and not template.is_file():
        raise fail(f"--template {template}: no such file")
    on = resolve_as_of(ds, as_of) if as_of else default_as_of(ds, mt, today())
    note_currency(ds, on)
    ctx = context(ds, mt, on, plan or None, per_region, include_internal)
    _say_left_out(ctx)
    if fmt is ReportFormat.markdown:
        emit(_render(ctx, template, data), output)
        return
    from .documents import document

    title = f"Universalization of the CCM: progress report to the {mt.name}"
    emit(document(ctx, fmt.value, template, "report.html.j2", data, on, output, title), output)


def _get_ready(fmt: str) -> None:
    """What the report needs after the load, imported while helpers read a cold cache
    (:func:`ccmctl.validation.load`'s ``meanwhile``)."""
    from ..queries import report as _  # noqa: F401
    from .documents import get_ready

    get_ready(fmt, charts=True)


def _render(ctx: dict[str, object], template: Path | None, data: Path | None) -> str:
    """The report text; a template that cannot be used (syntax, sandbox, a link out of its
    folder, too large, not UTF-8) is the user's input: a usage error naming it."""
    from ..render.cells import safe_terminal
    from ..render.report import TemplateProblem
    from .documents import rendered

    try:
        return rendered(ctx, template, data_dir(data))
    except FileNotFoundError as exc:  # no default template anywhere: a broken install
        raise fail(str(exc)) from None
    except TemplateProblem as exc:
        raise fail(safe_terminal(str(exc)).replace("\n", " ")) from None


def _say_left_out(ctx: dict[str, Any]) -> None:
    """A note on stderr when internal records were kept out of the report."""
    from .outreach import left_out_note

    left_out_note(ctx.get("outreach", {}).get("left_out", 0), "engagement")
    left_out_note(ctx.get("survey", {}).get("left_out", 0), "survey answer")
