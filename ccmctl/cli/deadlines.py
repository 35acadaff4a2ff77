"""``ccmctl deadlines``."""

from __future__ import annotations

from typing import Annotated

import typer

from ..queries.deadlines import ALIASES, KINDS, STATUSES
from .app import app
from .common import emit, fail, listing, load, note_currency, resolve_as_of, say, state_option
from .options import AsOfOpt, DataOpt, DeadlineFormat, IncludeInternalOpt, OutputOpt, WithinOpt
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
        typer.Option(
            "--state",
            "-s",
            metavar="STATE",
            help="Only this state (code or name, as for show); repeat for several.",
        ),
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
        typer.Option(
            "--status",
            metavar="STATUS",
            help=", ".join(STATUSES) + " (no-data: the former name of unconfirmed).",
        ),
    ] = [],  # noqa: B006
    show_all: Annotated[
        bool, typer.Option("--all", help="Also list deadlines met over a year ago.")
    ] = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="STATUS[,STATUS…]",
            help="Exit 1 if any listed deadline has one of these statuses (e.g. overdue).",
        ),
    ] = None,
    fmt: Annotated[
        DeadlineFormat,
        typer.Option("--format", "-f", help="Output format; ics is a calendar."),
    ] = DeadlineFormat.table,
    include_internal: IncludeInternalOpt = False,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> None:
    """What is due, overdue or done: work-plan activities and the Convention's own
    deadlines (entry into force, Article 7 reports, Article 3 stockpile destruction,
    Article 4 clearance, withdrawals), classified on the as-of date.

    Statuses: done, done-late, overdue (recorded as still open after the due day),
    unconfirmed (passed, nothing recorded either way: the list someone must check),
    due-soon, upcoming, cancelled. A deadline is never guessed 'overdue'. --all lists
    everything from the beginning. Unless --all, --status, --state or --plan is given,
    deadlines over a year
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
    wanted = [_status(st, "--status") for st in status_]
    failing = [_status(st.strip(), "--fail-on") for st in (fail_on or "").split(",") if st.strip()]
    if fail_on is not None and not failing:
        raise fail("--fail-on needs at least one status")
    ds = load(data)
    on = resolve_as_of(ds, as_of)
    states = list(dict.fromkeys(state_option(ds, v, "--state").iso3 for v in state))
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
        states=states,
        plans=plan,
        kinds=kind,
        statuses=wanted,
        show_all=show_all,
        include_internal=include_internal,
    )
    if not include_internal and (not kind or "next-step" in kind):
        from ..queries.outreach import next_steps

        hidden = next_steps(ds, on)[1]
        if hidden:
            say(f"note: {hidden} internal next step(s) left out (--include-internal lists them)")
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
    if failing and any(d.status in failing for d in rows):
        raise typer.Exit(1)


def _status(value: str, option: str) -> str:
    """A deadline status, or a usage error listing them (``no-data`` still accepted)."""
    status = ALIASES.get(value, value)
    if status not in STATUSES:
        raise fail(f"{option} {value!r} is not one of: {', '.join(STATUSES)}")
    return status
