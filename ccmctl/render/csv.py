"""Listings as CSV (RFC 4180 quoting, ``\\n`` line ends), safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from ccmctl.render.cells import Columns, cell

# OWASP "CSV Injection": a cell starting with one of these may be read as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> str:
    text = cell(value)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return text  # a real number: -3 stays -3
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def to_csv(rows: Sequence[Mapping[str, Any]], columns: Columns) -> str:
    """CSV with a header row of the column *keys* (stable for scripts, unlike headings).

    Values go through :func:`~ccmctl.render.cells.cell` (``yes``/``no``, ``"a, b"``, ISO
    dates, verdict labels), then the OWASP CSV-injection rule: a cell whose first character
    is ``=``, ``+``, ``-``, ``@``, TAB or CR is prefixed with a single quote ``'`` so that
    Excel, LibreOffice or Google Sheets show it as text instead of evaluating it
    (``=HYPERLINK(...)``, ``@SUM(...)``, DDE). The rule applies to text, i.e. to every value
    that is not a real number: an ``int``/``float``/``Decimal`` such as ``-3`` is written as
    it is, whereas the string ``"-3"`` becomes ``'-3``. A reader that wants the original
    text back strips one leading ``'`` where the next character is one of those six.
    Quoting (commas, quotes, CR or LF inside a cell) is the ``csv`` module's; records end
    in ``\\n``.
    """
    table = [[_csv_cell(key) for key, _ in columns]]
    table += [[_csv_cell(row.get(key)) for key, _ in columns] for row in rows]
    # The csv module quotes a field only for the characters of *its* line terminator, so a
    # lone "\r" in a cell would be written bare with "\n" (and read back as a line break).
    # Write with "\r\n", which quotes fields holding either, then end each record in "\n".
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    lines = []
    for record in table:
        buf.seek(0)
        buf.truncate()
        writer.writerow(record)
        lines.append(buf.getvalue()[:-2])
    return "\n".join(lines) + "\n"
