"""What every command shares: where the data is, what "today" is, loading the data,
resolving a date or meeting, and writing a result to standard output or a file.

"Today" is resolved once, here: ``--as-of``, else ``CCMCTL_TODAY``, else the clock.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from .types import MeetingRef

if TYPE_CHECKING:
    from .. import schema as m
    from ..dataset import Dataset
    from ..validation import Validated


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``ccmctl: message`` to stderr (one line, safe for a terminal: a message may
    echo a file name or a problem from the data) and return the Exit to raise."""
    from ..render.cells import safe_terminal

    say("ccmctl: " + safe_terminal(message).replace("\n", " "))
    return typer.Exit(code)


def say(line: str) -> None:
    """One line to standard error (notes, progress, problems)."""
    sys.stderr.write(line + "\n")


def data_dir(option: Path | None) -> Path:
    if option is not None:
        return option
    env = os.environ.get("CCMCTL_DATA")
    if env:
        return Path(env)
    local = Path("data")
    if local.is_dir():
        return local
    bundled = Path(__file__).resolve().parents[2] / "data"
    return bundled if bundled.is_dir() else local


def today() -> dt.date:
    env = os.environ.get("CCMCTL_TODAY")
    if env:
        try:
            return dt.date.fromisoformat(env)
        except ValueError:
            raise fail(f"CCMCTL_TODAY={env!r} is not a date (YYYY-MM-DD)") from None
    return dt.date.today()


def check_jobs() -> None:
    """``CCMCTL_JOBS``, when set, must be a number of processes: a usage error otherwise
    (the loader alone would quietly use one process). Checked where the data is read, so
    that ``--help`` and the commands that read none still work."""
    wanted = os.environ.get("CCMCTL_JOBS", "").strip()
    if not wanted:
        return
    try:
        ok = int(wanted) >= 1
    except ValueError:
        ok = False
    if not ok:
        raise fail(f"CCMCTL_JOBS={wanted!r} is not a number of processes (1 or more)")


def validated(option: Path | None, meanwhile: Callable[[], object] | None = None) -> Validated:
    """The data set with every problem found in it (``meanwhile``: see
    :func:`ccmctl.validation.load`)."""
    from ..validation import DataError, load

    check_jobs()
    try:
        return load(data_dir(option), today=today(), meanwhile=meanwhile)
    except DataError as exc:
        raise fail(str(exc)) from None


def load(option: Path | None, meanwhile: Callable[[], object] | None = None) -> Dataset:
    """The data set; refuse to compute from data with errors."""
    result = validated(option, meanwhile)
    if result.errors:
        first = result.errors[0].text()
        raise fail(
            f"the data has {len(result.errors)} error(s); run 'ccmctl validate'. First: {first}",
            1,
        )
    return result.dataset


def resolve_as_of(ds: Dataset, value: object) -> dt.date:
    """The as-of day: a date, a meeting's opening day, or today."""
    if value is None:
        return today()
    if isinstance(value, dt.date):
        return value
    assert isinstance(value, MeetingRef), value
    start: dt.date = meeting(ds, value.id, "--as-of").start
    return start


def meeting(ds: Dataset, mid: str, option: str) -> Any:
    """A meeting by id, or a usage error listing the known ones."""
    found = ds.meetings.get(mid.lower())
    if found is None:
        known = ", ".join(mt.id for mt in ds.meetings_in_order())
        raise fail(f"{option} {mid!r} is neither a date (YYYY-MM-DD) nor a meeting ({known})")
    return found


def state_option(ds: Dataset, value: str, option: str) -> m.State:
    """The state a command-line value names (a code, a name or an alias: the one resolver,
    :func:`ccmctl.queries.names.find_state`), or a usage error that says what was meant."""
    from ..queries.names import find_state

    try:
        return find_state(ds, value)
    except LookupError as exc:
        raise fail(_usage(option, exc)) from None


def region_option(ds: Dataset, value: str, option: str) -> str:
    """The region slug a command-line value names (slug, alias, M49 name or code), or a
    usage error that says what was meant."""
    from ..queries.names import find_region

    try:
        return find_region(ds, value)
    except LookupError as exc:
        raise fail(_usage(option, exc)) from None


def _usage(option: str, exc: LookupError) -> str:
    from ..render.cells import safe_terminal

    return safe_terminal(f"{option}: {exc.args[0] if exc.args else exc}")


def note_currency(ds: Dataset, on: dt.date) -> None:
    """Say so on stderr when a result is asked for beyond what the data covers."""
    if ds.current_to and on > ds.current_to and not os.environ.get("CCMCTL_QUIET"):
        say(f"note: the data is current to {ds.current_to}; later events are not recorded")


def emit(content: str | bytes, output: Path | None = None) -> None:
    """The result, to standard output or (atomically) to ``output``."""
    if output is not None:
        from ..writing import WriteError, write_text

        try:
            write_text(output, content)
        except WriteError as exc:
            raise fail(str(exc)) from None
        return
    try:
        if isinstance(content, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
    except BrokenPipeError:  # the reader stopped reading (`ccmctl targets | head -1`)
        raise typer.Exit(1) from None
    except OSError as exc:  # a full disk under a redirection: the output is incomplete
        raise fail(f"cannot write the output: {exc.strerror or exc}", 1) from None


def listing(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    fmt: str,
    *,
    title: str | None = None,
    json_data: Any = None,
    output: Path | None = None,
) -> None:
    """A listing in ``fmt``: JSON carries ``json_data`` (or the rows), the others the
    columns. A table is drawn with Rich on a terminal and as plain text otherwise."""
    emit(
        render_listing(rows, columns, fmt, title=title, json_data=json_data, tty=output is None),
        output,
    )


def render_listing(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    fmt: str,
    *,
    title: str | None = None,
    json_data: Any = None,
    tty: bool = True,
) -> str:
    if fmt == "json":
        from ..render.json import to_json

        return to_json(rows if json_data is None else json_data)
    if fmt == "csv":
        from ..render.csv import to_csv

        return to_csv(rows, columns)
    if fmt == "markdown":
        from ..render.markdown import to_markdown

        return to_markdown(rows, columns, title)
    from ..render.table import table

    terminal = tty and sys.stdout.isatty()
    return table(rows, columns, terminal=terminal, title=title)
