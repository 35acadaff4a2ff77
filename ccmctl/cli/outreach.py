"""``ccmctl outreach``: who was approached, when, by whom, with what outcome and next step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, get_args

import typer

from .app import app
from .common import fail, listing, load, resolve_as_of, say
from .options import (
    DataOpt,
    IncludeInternalOpt,
    ListingFormat,
    ListingFormatOpt,
    OutputOpt,
    StatesOpt,
    UpToOpt,
)
from .types import DateOrMeeting, MeetingRef

if TYPE_CHECKING:
    import datetime as dt

    from ..dataset import Dataset

COLUMNS = [
    ("date", "date"),
    ("state", "state"),
    ("kind", "kind"),
    ("by", "by"),
    ("summary", "summary"),
    ("outcome", "outcome"),
    ("next_step", "next step"),
    ("next_due", "due"),
    ("id", "id"),
]

SinceOpt = Annotated[
    object | None,
    typer.Option(
        "--since",
        parser=DateOrMeeting(),
        metavar=DateOrMeeting.metavar,
        help="From this day on (a meeting id: from its opening day).",
    ),
]


def since_day(ds: Dataset, value: object) -> dt.date | None:
    """A --since value: a day, or a meeting's opening day."""
    if value is None:
        return None
    if isinstance(value, MeetingRef):
        return resolve_as_of(ds, value)
    assert not isinstance(value, str)
    return value  # type: ignore[return-value]


def left_out_note(n: int, what: str) -> None:
    if n:
        say(
            f"note: {n} internal {what}{'s' if n != 1 else ''} left out "
            "(--include-internal shows them)"
        )


@app.command()
def outreach(
    since: SinceOpt = None,
    as_of: UpToOpt = None,
    state: StatesOpt = [],  # noqa: B006  (Typer's idiom for a repeatable option)
    by: Annotated[
        list[str],
        typer.Option("--by", metavar="ACTOR", help="Only contacts by this body or state."),
    ] = [],  # noqa: B006
    region: Annotated[
        str | None,
        typer.Option("--region", "-r", metavar="REGION", help="M49 region or named group."),
    ] = None,
    kind: Annotated[
        list[str], typer.Option("--kind", "-k", metavar="KIND", help="Only this kind of contact.")
    ] = [],  # noqa: B006
    include_internal: IncludeInternalOpt = False,
    fmt: ListingFormatOpt = ListingFormat.table,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> None:
    """Engagements with states: who was approached, when, by whom, with what outcome, the
    next step and its due day, oldest first.

    Internal records (the default for an engagement) are left out unless
    --include-internal; a note on stderr says how many.

    Examples:

      ccmctl outreach --since 13msp --include-internal

      ccmctl outreach --state IDN --by isu --format csv

      ccmctl outreach --region se-asia --since 2026-01-01 --format markdown
    """
    from ..queries.outreach import engagements
    from ..schema.outreach import EngagementKind
    from .record import actor, find_state

    ds = load(data)
    on = resolve_as_of(ds, as_of)
    start = since_day(ds, since)
    kinds = list(get_args(EngagementKind))
    for k in kind:
        if k not in kinds:
            raise fail(f"--kind {k!r} is not one of: {', '.join(kinds)}")
    if region and region not in ds.region_slugs():
        raise fail(f"--region {region!r} is not a region or group (e.g. se-asia, caucasus)")
    result = engagements(
        ds,
        on,
        since=start,
        states=[find_state(ds, s, "--state") for s in state],
        by=[actor(ds, a, "--by") for a in by],
        region=region,
        kinds=kind,
        include_internal=include_internal,
    )
    rows = [r.as_dict() for r in result.rows]
    columns = COLUMNS + ([("visibility", "visibility")] if include_internal else [])
    title = f"Engagements {'since ' + str(start) + ' ' if start else ''}up to {on}"
    doc = {
        "as_of": on.isoformat(),
        "since": start.isoformat() if start else None,
        "engagements": rows,
        "left_out": result.left_out,
    }
    listing(rows, columns, fmt.value, title=title, json_data=doc, output=output)
    left_out_note(result.left_out, "engagement")
