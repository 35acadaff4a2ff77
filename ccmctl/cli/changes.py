"""``ccmctl changes --since DATE|MEETING``: what happened since then, in date order."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app
from .common import fail, listing, load, note_currency, resolve_as_of
from .options import (
    DataOpt,
    IncludeInternalOpt,
    ListingFormat,
    ListingFormatOpt,
    OutputOpt,
    StatesOpt,
    UpToOpt,
)
from .outreach import left_out_note, since_day
from .types import DateOrMeeting

COLUMNS = [
    ("date", "date"),
    ("category", "what"),
    ("name", "who"),
    ("what", "change"),
    ("id", "id"),
]


@app.command()
def changes(
    since: Annotated[
        object,
        typer.Option(
            "--since",
            parser=DateOrMeeting(),
            metavar=DateOrMeeting.metavar,
            help="From this day on (a meeting id: from its opening day).",
        ),
    ],
    as_of: UpToOpt = None,
    state: StatesOpt = [],  # noqa: B006  (Typer's idiom for a repeatable option)
    category: Annotated[
        list[str],
        typer.Option(
            "--category",
            "-c",
            metavar="WHAT",
            help="Only these: treaty, obligation, report, unga, meeting (the treaty record); "
            "outreach, survey, obstacle, plan (the users' records).",
        ),
    ] = [],  # noqa: B006
    include_internal: IncludeInternalOpt = False,
    fmt: ListingFormatOpt = ListingFormat.table,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> None:
    """Everything that happened since a day or a meeting, in date order: treaty events
    (signatures, deposits, withdrawals, Article 3 and 4 completions and extensions,
    UNGA resolutions, meetings) and the users' records (engagements, survey answers,
    obstacles, plan activity status, Article 7 reports).

    Internal records are left out unless --include-internal; a note says how many.

    Examples:

      ccmctl changes --since 13msp

      ccmctl changes --since 2026-01-01 --include-internal --format markdown

      ccmctl changes --since 12msp --category treaty --format json
    """
    from ..queries.changes import CATEGORIES
    from ..queries.changes import changes as compute
    from .record import find_state

    for c in category:
        if c not in CATEGORIES:
            raise fail(f"--category {c!r} is not one of: {', '.join(CATEGORIES)}")
    ds = load(data)
    on = resolve_as_of(ds, as_of)
    start = since_day(ds, since)
    assert start is not None
    if start > on:
        raise fail(f"--since {start} is after the as-of day {on}")
    note_currency(ds, on)
    result = compute(
        ds,
        start,
        on,
        states=[find_state(ds, s, "--state") for s in state],
        categories=category,
        include_internal=include_internal,
    )
    rows = [c.as_dict() for c in result.rows]
    columns = COLUMNS + ([("visibility", "visibility")] if include_internal else [])
    doc = {
        "since": start.isoformat(),
        "as_of": on.isoformat(),
        "changes": rows,
        "left_out": result.left_out,
    }
    title = f"Changes from {start} to {on}"
    listing(rows, columns, fmt.value, title=title, json_data=doc, output=output)
    left_out_note(result.left_out, "record")
