"""``ccmctl show``."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app
from .common import emit, fail, load, note_currency, resolve_as_of
from .options import AsOfOpt, DataOpt, DocumentFormat, OutputOpt


@app.command()
def show(
    state: Annotated[str, typer.Argument(metavar="STATE", help="ISO alpha-3 code or name.")],
    as_of: AsOfOpt = None,
    fmt: Annotated[
        DocumentFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DocumentFormat.text,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> None:
    """One state's profile: CCM status and the events behind it, other treaties,
    votes, commitments, profile, outreach, and every target criterion with its evidence.

    Examples:

      ccmctl show IDN

      ccmctl show "viet nam" --as-of 2016-10-03 --format json
    """
    from ..queries.names import find_state
    from ..queries.profile import profile

    ds = load(data)
    on = resolve_as_of(ds, as_of)
    try:
        s = find_state(ds, state)
    except LookupError as exc:
        raise fail(str(exc)) from None
    note_currency(ds, on)
    doc = profile(ds, s, on)
    if fmt is DocumentFormat.json:
        from ..render.json import to_json

        emit(to_json(doc), output)
    else:
        from ..render.profile import profile_text

        emit(profile_text(doc), output)
