"""Listings as text tables: plain aligned columns for pipes and files, rich for terminals.

Every cell, heading and title goes through :func:`~ccmctl.render.cells.safe_terminal`, so
escape sequences, control characters, bidi overrides and zero-width characters in the data
never reach the terminal. In the rich table every piece of text is a ``rich.text.Text``,
never a markup string: ``"[link=https://x]y[/link]"`` or ``"Indo [/bold] nesia"`` in the
data prints literally and can neither raise ``MarkupError`` nor make a hyperlink.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ccmctl.render.cells import Columns, cell, safe_terminal

if TYPE_CHECKING:
    from rich.text import Text


def _width(text: str) -> int:
    """Terminal columns taken by ``text``: wide East Asian characters count 2, marks 0."""
    if text.isascii():
        return len(text)
    n = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def _one_line(text: str) -> str:
    """Safe for a terminal and on one line: newlines shown as `` / ``, tabs as a space."""
    return safe_terminal(text).replace("\n", " / ").replace("\t", " ")


def plain(rows: Sequence[Mapping[str, Any]], columns: Columns, title: str | None = None) -> str:
    """Aligned plain-text columns with a dashed rule under the headings.

    Cells are :func:`cell` values made terminal-safe; a newline inside a cell is shown as
    `` / `` so that one row stays one line. A title, if given, comes first, then a blank line.
    """
    lines = [[_one_line(h) for _, h in columns]]
    lines += [[_one_line(cell(row.get(k))) for k, _ in columns] for row in rows]
    widths = [max(_width(line[i]) for line in lines) for i in range(len(columns))]
    out = [_one_line(title), ""] if title else []
    for n, line in enumerate(lines):
        padded = (c + " " * (w - _width(c)) for c, w in zip(line, widths, strict=True))
        out.append("  ".join(padded).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out) + "\n"


def _text(value: str) -> Text:
    from rich.text import Text

    return Text(safe_terminal(value))


def rich_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Columns,
    title: str | None = None,
    width: int | None = None,
) -> str:
    """A rich table rendered to a string with terminal styling (ANSI codes from rich only).

    ``width`` fixes the line width; ``None`` lets rich use the terminal's (or ``COLUMNS``,
    else 80). Colour follows rich's usual detection (``NO_COLOR`` turns it off).
    """
    from rich.console import Console
    from rich.table import Table

    table = Table(title=_text(title) if title else None)
    for _, heading in columns:
        table.add_column(_text(heading))
    for row in rows:
        table.add_row(*[_text(cell(row.get(k))) for k, _ in columns])
    buf = io.StringIO()
    console = Console(
        file=buf,
        force_terminal=True,
        width=width,
        markup=False,
        emoji=False,
        highlight=False,
    )
    console.print(table)
    return buf.getvalue()


def table(
    rows: Sequence[Mapping[str, Any]],
    columns: Columns,
    *,
    terminal: bool,
    title: str | None = None,
    width: int | None = None,
) -> str:
    """:func:`rich_table` when the output is a terminal, else :func:`plain`."""
    if terminal:
        return rich_table(rows, columns, title, width)
    return plain(rows, columns, title)
