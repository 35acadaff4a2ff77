"""``ccmctl targets``."""

from __future__ import annotations

from typing import Annotated

import typer

from ..queries.criteria import CRITERIA
from .app import app
from .common import fail, listing, load, note_currency, region_option, resolve_as_of
from .options import AsOfOpt, DataOpt, ListingFormat, ListingFormatOpt, OutputOpt
from .types import Count

COLUMNS = [
    ("rank", "#"),
    ("name", "state"),
    ("region_name", "sub-region"),
    ("status_label", "status"),
    ("score_text", "score"),
    ("criteria", "criteria"),
    ("tier", "tier"),
    ("engagement", "latest engagement"),
]


@app.command(
    help=f"""Rank the states not party to approach next, with the reasons for each.

    Criteria (2023-2024 work plan, target states): {", ".join(CRITERIA.ids())}. The
    score adds their weights (data/dataset.yaml: target_weights); ties are broken by
    name. Tier 'dialogue' marks producers and stockpilers (2016 concept note 3(c)).

    Examples:

      ccmctl targets --region se-asia

      ccmctl targets --per-region 2 --as-of 2016-10-03

      ccmctl targets --criterion apmbc-party --criterion unga-yes --format csv
    """
)
def targets(
    region: Annotated[
        list[str],
        typer.Option(
            "--region",
            "-r",
            metavar="SLUG",
            help="M49 region, sub-region or named group (se-asia, "
            "africa, caucasus, pacific…); repeat for several.",
        ),
    ] = [],  # noqa: B006  (Typer's idiom for a repeatable option)
    criterion: Annotated[
        list[str],
        typer.Option(
            "--criterion",
            "-c",
            metavar="ID",
            help="Only states meeting this criterion; repeat: all must be met.",
        ),
    ] = [],  # noqa: B006
    min_score: Annotated[
        int,
        typer.Option(
            "--min-score", parser=Count(0), metavar="N", help="Only rows scoring at least N."
        ),
    ] = 0,
    per_region: Annotated[
        int | None,
        typer.Option(
            "--per-region",
            parser=Count(1),
            metavar="N",
            help="Keep the top N of each M49 region (the 2016 plan's 'at least two per region').",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", parser=Count(1), metavar="N", help="Show the top N rows."),
    ] = None,
    as_of: AsOfOpt = None,
    fmt: ListingFormatOpt = ListingFormat.table,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> None:
    from ..domain.treaty import STATUS_LABELS
    from ..queries.targets import UnknownRegion, as_row
    from ..queries.targets import targets as compute

    for c in criterion:
        if c not in CRITERIA:
            raise fail(f"--criterion {c!r} is not one of: {', '.join(CRITERIA)}")
    ds = load(data)
    on = resolve_as_of(ds, as_of)
    try:
        rows = compute(
            ds,
            on,
            regions=[region_option(ds, r, "--region") for r in region],
            criteria=criterion,
            min_score=min_score,
            per_region=per_region,
        )
    except UnknownRegion as exc:
        valid = ", ".join(ds.region_slugs())
        raise fail(f"--region {exc.args[0]!r} is unknown; valid: {valid}") from None
    note_currency(ds, on)
    result = [as_row(ds, t, on, i) for i, t in enumerate(rows[:limit], 1)]
    title = f"Universalization targets as of {on}"
    if fmt is ListingFormat.json:
        listing(result, COLUMNS, "json", title=title, output=output)
        return
    shown = []
    for r in result:
        eng = r["latest_engagement"]
        shown.append(
            {
                **r,
                "engagement": f"{eng['date']} {eng['kind']}" if eng else "",  # type: ignore[index]
                "region_name": ds.region_name(str(r["subregion"])),
                "status_label": STATUS_LABELS[str(r["status"])],
                "score_text": f"{r['score']}, +{r['unknown_points']} unknown"
                if r["unknown_points"]
                else r["score"],
            }
        )
    columns = COLUMNS
    if fmt is ListingFormat.csv:  # numbers stay numbers: the unknown points get a column
        columns = [c if c[0] != "score_text" else ("score", "score") for c in COLUMNS]
        columns.insert(columns.index(("score", "score")) + 1, ("unknown_points", "unknown"))
    listing(shown, columns, fmt.value, title=title, output=output)
