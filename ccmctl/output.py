"""Turn result rows into a table, JSON, CSV or Markdown. The one place that prints.

Rows are lists of dicts with the same keys; ``columns`` names the keys to show
(and their headings) for the human formats. JSON carries every key.
Rich is imported only when a table goes to a terminal.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "json", "csv", "markdown")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([key for key, _ in columns])
    for row in rows:
        writer.writerow([_cell(row.get(key)) for key, _ in columns])
    return buf.getvalue()


def md_escape(text: str) -> str:
    """Escape a value for a GitHub-flavoured Markdown table cell."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    for ch in "<>":
        text = text.replace(ch, {"<": "&lt;", ">": "&gt;"}[ch])
    return text


def to_markdown(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> str:
    head = "| " + " | ".join(md_escape(h) for _, h in columns) + " |"
    rule = "|" + "|".join(" --- " for _ in columns) + "|"
    body = ["| " + " | ".join(md_escape(_cell(r.get(k))) for k, _ in columns) + " |" for r in rows]
    return "\n".join([head, rule, *body]) + "\n"


def to_plain(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> str:
    """Aligned plain-text columns, for pipes and files."""
    cells = [[h for _, h in columns]] + [[_cell(r.get(k)) for k, _ in columns] for r in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    out = []
    for n, line in enumerate(cells):
        out.append("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out) + "\n"


def is_terminal() -> bool:
    return sys.stdout.isatty()


def print_rich_table(
    rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]], title: str | None = None
) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for _, heading in columns:
        table.add_column(heading)
    for r in rows:
        table.add_row(*[_cell(r.get(k)) for k, _ in columns])
    Console().print(table)


def render(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    fmt: str,
    *,
    title: str | None = None,
    json_data: Any = None,
) -> None:
    """Print rows in ``fmt``. ``json_data`` replaces the rows for JSON output."""
    if fmt == "json":
        sys.stdout.write(to_json(rows if json_data is None else json_data))
    elif fmt == "csv":
        sys.stdout.write(to_csv(rows, columns))
    elif fmt == "markdown":
        if title:
            sys.stdout.write(f"## {md_escape(title)}\n\n")
        sys.stdout.write(to_markdown(rows, columns))
    elif is_terminal():
        print_rich_table(rows, columns, title)
    else:
        if title:
            sys.stdout.write(title + "\n\n")
        sys.stdout.write(to_plain(rows, columns))
