"""``ccmctl deadlines``."""

from __future__ import annotations

from typing import Annotated

import typer

from ..queries.deadlines import KINDS, STATUSES
from .app import app
from .common import emit, fail, listing, load, note_currency, resolve_as_of
from .options import AsOfOpt, DataOpt, DeadlineFormat, OutputOpt, WithinOpt
from .types import Span

COLUMNS = [
    ("due", "due"),
    ("status", "status"),
    ("kind", "kind"),
    ("title", "what"),
    ("basis", "basis"),
]


@app.command()
def deadlines(
    as_of: AsOfOpt = None,
    within: WithinOpt = Span(30, "days"),
    state: Annotated[
        list[str],
        typer.Option("--state", "-s", metavar="ISO3", help="Only this state; repeat for several."),
    ] = [],  # noqa: B006  (Typer's idiom for a repeatable option)
    plan: Annotated[
        list[str], typer.Option("--plan", "-p", metavar="ID", help="Only this plan.")
    ] = [],  # noqa: B006
    kind: Annotated[
        list[str],
        typer.Option("--kind", "-k", metavar="KIND", help=", ".join(KINDS.ids()) + "."),
    ] = [],  # noqa: B006
    status_: Annotated[
        list[str],
        typer.Option("--status", metavar="STATUS", help=", ".join(STATUSES) + "."),
    ] = [],  # noqa: B006
    show_all: Annotated[
        bool, typer.Option("--all", help="Also list deadlines met over a year ago.")
    ] = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on", metavar="overdue", help="Exit 1 if any listed deadline is overdue."
        ),
    ] = None,
    fmt: Annotated[
        DeadlineFormat,
        typer.Option("--format", "-f", help="Output format; ics is a calendar."),
    ] = DeadlineFormat.table,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> None:
    """What is due, overdue or done: work-plan activities and the Convention's own
    deadlines (entry into force, Art. 7 reports, Art. 3 stockpile destruction, Art. 4
    clearance, withdrawals), classified on the as-of date.

    A deadline that passed with nothing recorded either way is 'no-data', never guessed
    'overdue'. Unless --all, --status, --state or --plan is given, deadlines over a year
    old that are done or have no data are hidden, and annual reports are one row per
    year for all States Parties.

    Examples:

      ccmctl deadlines --within 90d

      ccmctl deadlines --plan universalization-2023-2024 --as-of 2024-01-01

      ccmctl deadlines --state IRQ --kind clearance --as-of 2023-01-01

      ccmctl deadlines --format ics > ccm-deadlines.ics

      ccmctl deadlines --fail-on overdue
    """
    from ..queries.deadlines import as_row
    from ..queries.deadlines import deadlines as compute

    for k in kind:
        if k not in KINDS:
            raise fail(f"--kind {k!r} is not one of: {', '.join(KINDS)}")
    for st in status_:
        if st not in STATUSES:
            raise fail(f"--status {st!r} is not one of: {', '.join(STATUSES)}")
    if fail_on not in (None, "overdue"):
        raise fail(f"--fail-on {fail_on!r}: only 'overdue' is supported")
    ds = load(data)
    on = resolve_as_of(ds, as_of)
    for iso in state:
        if iso.upper() not in ds.states:
            raise fail(f"--state {iso!r}: no such state (use an ISO alpha-3 code)")
    for pid in plan:
        if pid not in ds.plans:
            raise fail(f"--plan {pid!r} is not one of: {', '.join(sorted(ds.plans))}")
    note_currency(ds, on)
    try:
        days = (within.end(on) - on).days
    except OverflowError as exc:
        raise fail(f"--within {within}: {exc}") from None
    rows = compute(
        ds,
        on,
        within=days,
        states=[s.upper() for s in state],
        plans=plan,
        kinds=kind,
        statuses=status_,
        show_all=show_all,
    )
    if fmt is DeadlineFormat.ics:
        from ..render.ics import CalEvent, to_ics

        events = [
            CalEvent(
                d.uid,
                d.due,
                f"[{d.status}] {d.title}",
                "\n".join(
                    [f"Kind: {d.kind}", f"Basis: {d.basis}"]
                    + (["Sources: " + ", ".join(d.sources)] if d.sources else [])
                ),
                (d.kind,),
            )
            for d in rows
        ]
        emit(to_ics(events, on, "CCM deadlines"), output)
    else:
        listing(
            [as_row(d) for d in rows],
            COLUMNS,
            fmt.value,
            title=f"Deadlines as of {on}",
            output=output,
        )
    if fail_on == "overdue" and any(d.status == "overdue" for d in rows):
        raise typer.Exit(1)
