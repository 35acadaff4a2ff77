"""``ccmctl map``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .common import emit, fail, load, note_currency, resolve_as_of
from .options import AsOfOpt, DataOpt


@app.command("map")
def world_map(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write the map: FILE.svg or FILE.png (the suffix chooses).",
        ),
    ],
    as_of: AsOfOpt = None,
    data: DataOpt = None,
) -> None:
    """A world map of every state's CCM status on a date: State Party, signatory, not
    signed, withdrawn, with its legend, the date and the UN disclaimer on boundaries.

    Natural Earth 1:50m shapes (public domain); small states are drawn as dots. In the
    SVG each state is a group with a data-iso3 attribute and its name and status as a
    tooltip. The HTML and Word reports carry the same map.

    Examples:

      ccmctl map --as-of 12msp -o map.svg

      ccmctl map --as-of 2016-10-03 -o map.png
    """
    suffix = output.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise fail(f"--output {output}: give a file name ending in .svg or .png")
    from ..domain.treaty import STATUS_LABELS
    from ..domain.written import day_text
    from ..queries.status import status_by_iso3
    from ..render import worldmap

    ds = load(data)
    on = resolve_as_of(ds, as_of)
    note_currency(ds, on)
    states = {
        iso3: worldmap.MapState(ds.states[iso3].name, st)
        for iso3, st in sorted(status_by_iso3(ds, on).items())
    }
    missing = worldmap.missing_states(states)
    if missing:
        raise fail(
            f"no shape and no centroid for {', '.join(missing)}: add it to "
            f"{worldmap.CENTROIDS} (see geo/PROVENANCE.md)",
            1,
        )
    labels = dict(STATUS_LABELS)
    when = day_text(on)
    if suffix == ".svg":
        emit(worldmap.map_svg(states, on.isoformat(), labels, date_text=when), output)
    else:
        emit(worldmap.map_png(states, on.isoformat(), labels, date_text=when), output)
