"""``ccmctl survey``: the universalization survey's answers tallied (overall and by region);
``survey template`` writes the questionnaire, ``survey import`` records the answers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, get_args

import typer

from .app import app
from .common import emit, fail, listing, load, render_listing, resolve_as_of, say, today
from .options import (
    AsOfOpt,
    DataOpt,
    IncludeInternalOpt,
    ListingFormat,
    ListingFormatOpt,
    OutputOpt,
)
from .outreach import left_out_note
from .record import DryRunOpt, VisibilityOpt, commit, sources

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..recording import Change

survey_app = typer.Typer(
    name="survey",
    help="The survey of states not party on why they have not joined (2023-2024 work "
    "plan): with no subcommand, the latest answer of each state not party tallied by "
    "position and reason, overall and by region (internal answers left out unless "
    "--include-internal).\n\n"
    "Examples:\n\n"
    "  ccmctl survey --include-internal\n\n"
    "  ccmctl survey template -o survey-2027.xlsx\n\n"
    "  ccmctl survey import answers.xlsx --dry-run",
    invoke_without_command=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(survey_app, name="survey")


@survey_app.callback()
def tally(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    include_internal: IncludeInternalOpt = False,
    fmt: ListingFormatOpt = ListingFormat.table,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> None:
    """Tally the latest survey answers: positions and reasons, overall and by region."""
    if ctx.invoked_subcommand is not None:
        return
    from ..queries.outreach import survey as compute
    from ..schema.outreach import SurveyPosition

    ds = load(data)
    on = resolve_as_of(ds, as_of)
    result = compute(ds, on, include_internal=include_internal)
    positions = list(get_args(SurveyPosition))
    if fmt is ListingFormat.json:
        doc: dict[str, Any] = {
            "as_of": on.isoformat(),
            "answered": result.overall.answered,
            "positions": result.overall.positions,
            "reasons": result.overall.reasons,
            "regions": [
                {
                    "region": slug,
                    "name": name,
                    "answered": t.answered,
                    "positions": t.positions,
                    "reasons": t.reasons,
                }  # fmt: skip
                for slug, name, t in result.regions
            ],
            "states": [
                {
                    "iso3": iso3,
                    "name": name,
                    "date": a.date.isoformat(),
                    "position": a.position,
                    "reasons": list(a.reasons),
                }  # fmt: skip
                for iso3, name, a in result.states
            ],
            "left_out": result.left_out,
        }
        listing([], [], "json", json_data=doc, output=output)
        left_out_note(result.left_out, "survey answer")
        return
    everywhere = [("", "All regions", result.overall), *result.regions]
    rows = [
        {"region": name, "answered": t.answered, **{p: t.positions.get(p, 0) for p in positions}}
        for _, name, t in everywhere
    ]
    columns = [("region", "region"), ("answered", "answered")] + [(p, p) for p in positions]
    tty = output is None
    text = render_listing(
        rows, columns, fmt.value, title=f"Survey answers of states not party, as of {on}", tty=tty
    )
    reasons = [{"reason": k, "states": n} for k, n in result.overall.reasons.items()]
    text += "\n" + render_listing(
        reasons, [("reason", "reason given"), ("states", "states")], fmt.value,
        title="Reasons given for not joining", tty=tty,
    )  # fmt: skip
    emit(text, output)
    left_out_note(result.left_out, "survey answer")


@survey_app.command("template")
def template(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="FILE", help="FILE.xlsx (a workbook) or FILE.csv."),
    ],
    as_of: AsOfOpt = None,
    data: DataOpt = None,
) -> None:
    """Write the questionnaire: one row per state not party (code and name filled in),
    columns date, position, reasons, note, source, visibility; the workbook has drop-down
    lists and a sheet saying what each column takes.

    Examples:

      ccmctl survey template -o survey-2027.xlsx

      ccmctl survey template -o survey-2027.csv --as-of 14msp
    """
    from ..recording.imports import questionnaire, template_csv, template_xlsx

    suffix = output.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise fail(f"--output {output}: write FILE.xlsx or FILE.csv")
    ds = load(data)
    on = resolve_as_of(ds, as_of)
    rows = questionnaire(ds, on)
    content: str | bytes = template_csv(rows) if suffix == ".csv" else template_xlsx(rows, on)
    emit(content, output)
    say(f"wrote {output}: {len(rows) - 1} states not party on {on}")


@survey_app.command("import")
def import_(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The answers: .xlsx or .csv (UTF-8).")
    ],
    source: Annotated[
        list[str],
        typer.Option(
            "--source", metavar="ID", help="Source of rows that name none (e.g. the ISU's note)."
        ),
    ] = [],  # noqa: B006  (Typer's idiom for a repeatable option)
    visibility: VisibilityOpt = "internal",
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Record the survey answers of a spreadsheet (one row per state), all in one write.

    Every bad row is reported as FILE:ROW: what is wrong; the others are recorded (and
    the command exits 1 if any row was bad, so that none goes unnoticed). A row with no
    position and no date is a state that has not answered; an answer already recorded
    (same state, day and position) is passed over.

    Examples:

      ccmctl survey import answers.xlsx --dry-run

      ccmctl survey import answers.csv --source isu-survey-2027
    """
    from ..queries.names import find_state
    from ..recording import RecordError
    from ..recording.imports import survey_import

    if not file.is_file():
        raise fail(f"FILE {file}: no such file")
    bad: list[str] = []
    summary: dict[str, int] = {}

    def build(ds: Dataset) -> list[Change]:
        result = survey_import(
            ds,
            file,
            str(file),
            today=today(),
            find_state=lambda t: find_state(ds, t),
            source=sources(source),
            visibility=visibility,
        )
        bad.extend(result.problems)
        summary.update(
            answers=len(result.changes), unanswered=result.unanswered, already=result.already
        )
        for line in result.problems:
            say(line)
        if not result.changes:
            raise RecordError(
                f"{file}: no answer to record"
                + (f" ({len(bad)} bad row{'s' if len(bad) != 1 else ''})" if bad else ""),
                1,
            )
        return result.changes

    commit(data, build, dry_run=dry_run)
    say(
        f"{summary.get('answers', 0)} answer(s) {'to record' if dry_run else 'recorded'}, "
        f"{summary.get('unanswered', 0)} state(s) without an answer, "
        f"{summary.get('already', 0)} already recorded, {len(bad)} bad row(s)"
    )
    if bad:
        raise typer.Exit(1)
