"""``ccmctl status``."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from .app import app
from .common import emit, listing, load, note_currency, render_listing, resolve_as_of
from .options import AsOfOpt, DataOpt, ListingFormat, ListingFormatOpt, OutputOpt


class GroupBy(str, enum.Enum):
    region = "region"
    subregion = "subregion"


@app.command()
def status(
    as_of: AsOfOpt = None,
    by: Annotated[
        GroupBy | None, typer.Option("--by", help="Also count by M49 region or sub-region.")
    ] = None,
    list_states: Annotated[
        bool, typer.Option("--list", help="List the states behind each count.")
    ] = False,
    fmt: ListingFormatOpt = ListingFormat.table,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> None:
    """Count States Parties, signatories, states not signed and withdrawn states on a date.

    Examples:

      ccmctl status

      ccmctl status --as-of 2016-10-03 --list

      ccmctl status --as-of 12msp --by region --format json
    """
    from ..domain.treaty import STATUS_LABELS, STATUSES
    from ..queries.status import status as compute

    ds = load(data)
    on = resolve_as_of(ds, as_of)
    note_currency(ds, on)
    result = compute(ds, on, by.value if by else None)
    if fmt is ListingFormat.json:
        doc = result.as_json()
        if ds.current_to:
            doc["current_to"] = ds.current_to.isoformat()
        listing([], [], "json", json_data=doc, output=output)
        return
    columns = [("status", "status"), ("count", "count")]
    if list_states:
        columns.append(("states", "states"))
    labels = dict(STATUS_LABELS)
    if result.before_entry_into_force:  # Art. 17(1): no States Parties before 1 Aug 2010
        labels["party"] = "deposited, not yet in force"
    rows = [
        {"status": labels[k], "count": result.counts[k], "states": " ".join(result.states[k])}
        for k in STATUSES
    ]
    if result.not_yet_in_force and not result.before_entry_into_force:
        waiting = result.not_yet_in_force
        rows.insert(
            1,
            {
                "status": "  of which not yet in force",
                "count": len(waiting),
                "states": " ".join(waiting),
            },
        )
    tty = output is None
    text = render_listing(
        rows, columns, fmt.value, title=f"Convention on Cluster Munitions, as of {on}", tty=tty
    )
    if by:
        cols = [("name", by.value), *[(k, STATUS_LABELS[k]) for k in STATUSES], ("total", "total")]
        text += "\n" + render_listing(
            result.groups, cols, fmt.value, title=f"By {by.value}, as of {on}", tty=tty
        )
    emit(text, output)
