"""``ccmctl unga import``: a year's per-state votes on the UNGA resolution "Implementation
of the Convention on Cluster Munitions", from the UN Digital Library's voting record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import app
from .common import fail, say
from .options import DataOpt
from .record import DryRunOpt, SourceOpt, commit, day_option, sources

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..recording import Change

unga_app = typer.Typer(
    name="unga",
    help="The yearly UNGA resolution on the Convention and each state's vote.\n\n"
    "Examples:\n\n"
    "  ccmctl unga import votes-2026.csv --year 2026 --resolution A/RES/81/40 "
    "--date 2026-12-02 --source undl-2026-ccm",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(unga_app, name="unga")


@unga_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The votes, as CSV (UTF-8).")],
    year: Annotated[int, typer.Option("--year", metavar="YEAR", help="Year of adoption.")],
    resolution: Annotated[
        str, typer.Option("--resolution", metavar="SYMBOL", help="e.g. A/RES/81/40.")
    ],
    date: Annotated[dt.date, day_option("--date", "The day of the plenary vote")],
    source: SourceOpt,
    tally: Annotated[
        str | None,
        typer.Option(
            "--tally",
            metavar="YES-NO-ABSTAIN",
            help="The recorded totals (default: the file's total_* columns, else the "
            "tally already in data/unga.yaml).",
        ),
    ] = None,
    record: Annotated[
        str | None,
        typer.Option("--record", metavar="ID", help="UN Digital Library voting record id."),
    ] = None,
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Record each state's vote for a year, checked against the tally before anything is
    written (a file whose votes do not add up changes nothing).

    FILE is the UN Digital Library's voting-data CSV (columns ms_code, ms_name, ms_vote
    with Y, N, A or blank; rows of other resolutions are passed over when a resolution
    column is there), or a simple CSV with a state column (ISO alpha-3 code or name) and
    a vote column (yes, no, abstain, absent). Each UN member's vote goes into its state
    file; data/unga.yaml gets the symbol, day, tally and per_state: true.

    Examples:

      ccmctl unga import votes-2026.csv --year 2026 --resolution A/RES/81/40 --date 2026-12-02 --source undl-2026-ccm --dry-run

      ccmctl unga import votes.csv --year 2026 --resolution A/RES/81/40 --date 2026-12-02 --source undl-2026-ccm --tally 140-1-36
    """  # noqa: E501
    from ..queries.names import find_state
    from ..recording import RecordError
    from ..recording.imports import parse_tally, unga_import

    if not file.is_file():
        raise fail(f"FILE {file}: no such file")
    if not 2015 <= year <= 2100:
        raise fail(f"--year {year}: the resolution series starts in 2015")
    expected = None
    if tally is not None:
        try:
            expected = parse_tally(tally)
        except RecordError as exc:
            raise fail(exc.message) from None

    def build(ds: Dataset) -> list[Change]:
        result = unga_import(
            ds,
            file,
            str(file),
            year=year,
            resolution=resolution,
            adopted=date,
            source=sources(source, required=True),
            tally=expected,
            record=record,
            find_state=lambda t: find_state(ds, t),
        )
        for line in result.problems:
            say(line)
        if result.problems:
            n = len(result.problems)
            raise RecordError(f"{file}: {n} problem{'s' if n != 1 else ''}; nothing was written", 1)
        if result.members_missing:
            say(
                f"note: {len(result.members_missing)} UN member(s) have no row, their "
                f"{year} vote is not recorded: {', '.join(result.members_missing[:12])}"
                + ("…" if len(result.members_missing) > 12 else "")
            )
        c = result.counted
        say(f"{year}: {c['yes']} yes, {c['no']} no, {c['abstain']} abstain: matches the tally")
        return result.changes

    def summary(done: list[str]) -> list[str]:
        votes = [d for d in done if not d.startswith("UNGA ")]
        return [f"{len(votes)} votes of {year}"] + [d for d in done if d.startswith("UNGA ")]

    commit(data, build, dry_run=dry_run, summary=summary)
