"""Listings and prose as GitHub-flavoured Markdown in which the data is inert.

Text from the data is escaped so that it renders as the same characters and nothing else:
no links, images, headings, lists or raw HTML. Backslash escapes cover ``\\ | [ ]`` (no
``[`` means no link and no image), and ``& < >`` become the entities ``&amp; &lt; &gt;`` (so
``<script>`` or ``<img>`` is text, and ``&copy;`` shows literally). Emphasis and code
spans are left alone: they change how text looks, never what it does, and escaping them
would litter every report with backslashes.
The only HTML we emit ourselves is ``<br>`` for a line break inside a table cell.

Not covered: a GitHub renderer may still turn a bare ``https://...`` or ``www.`` in the
text into a link (GFM "extended autolinks"); it shows the same URL text the data holds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ccmctl.render.cells import Columns, cell

_BACKSLASHED = re.compile(r"([\\|\[\]])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ENTITY_CHARS = re.compile(r"[&<>]")
# Block starts a paragraph could open with once on its own line: "- x", "+ x", "1. x", "1) x".
_LIST_START = re.compile(r"^([-+#>`~])|^(\d+)([.)])")


def _inline(text: str) -> str:
    text = _BACKSLASHED.sub(r"\\\1", text)
    return _ENTITY_CHARS.sub(lambda m: _ENTITIES[m.group()], text)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def escape_cell(text: str) -> str:
    """Escape ``text`` for one GFM table cell.

    Inline markup is neutralised as described in the module docstring, ``|`` is escaped so
    the row keeps its column count, and each newline (``\\n``, ``\\r\\n`` or ``\\r``) becomes
    the literal tag ``<br>``, which GFM renders as a line break inside the cell.
    """
    return "<br>".join(_inline(line) for line in _lines(text))


def escape_text(text: str) -> str:
    """Escape ``text`` for a Markdown paragraph (a title, a note).

    Same inertness as :func:`escape_cell`; newlines become spaces and surrounding
    whitespace is dropped, so the text stays one paragraph and cannot start a code block,
    a list (``- x``, ``1. x``), a heading or a block quote.
    """
    text = " ".join(line.strip() for line in _lines(text) if line.strip())
    text = _inline(text)
    return _LIST_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text
    )


def to_markdown(
    rows: Sequence[Mapping[str, Any]], columns: Columns, title: str | None = None
) -> str:
    """A GFM pipe table (headings escaped too), preceded by ``## title`` if given."""
    head = "| " + " | ".join(escape_cell(h) for _, h in columns) + " |"
    rule = "|" + "|".join(" --- " for _ in columns) + "|"
    body = [
        "| " + " | ".join(escape_cell(cell(row.get(k))) for k, _ in columns) + " |" for row in rows
    ]
    out = [f"## {escape_text(title)}", ""] if title else []
    return "\n".join([*out, head, rule, *body]) + "\n"
