"""GitHub Actions workflow commands (``::error file=...,line=...,title=...::message``).

The runner splits a command line at the first ``::`` after the properties, splits the
properties at ``,`` and each at its first ``=``, then un-escapes. So, as in
``@actions/core``'s ``escapeData``/``escapeProperty``: the message escapes ``%`` ``\\r``
``\\n`` as ``%25`` ``%0D`` ``%0A``; property values (file, title) additionally escape ``:``
and ``,`` as ``%3A`` ``%2C``. The result is always exactly one line, whatever the data holds
(a file name containing ``\\n::error::`` cannot start a second command).
"""

from __future__ import annotations

from typing import Literal

Level = Literal["error", "warning", "notice"]
LEVELS: tuple[Level, ...] = ("error", "warning", "notice")


def escape_data(text: str) -> str:
    """Escape a workflow-command message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(
    level: Level, file: str | None, line: int | None, title: str | None, message: str
) -> str:
    """One annotation line, without a trailing newline.

    ``file``, ``line`` and ``title`` are left out when empty (``None``, ``""`` or line 0).
    Raises ``ValueError`` for a level other than error, warning or notice.
    """
    if level not in LEVELS:
        raise ValueError(f"annotation level must be one of {', '.join(LEVELS)}, not {level!r}")
    props = []
    if file:
        props.append(f"file={escape_property(file)}")
    if line:
        props.append(f"line={int(line)}")
    if title:
        props.append(f"title={escape_property(title)}")
    head = f"{level} {','.join(props)}" if props else level
    return f"::{head}::{escape_data(message)}"
