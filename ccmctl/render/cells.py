"""One value -> one display string, and text made safe for a terminal.

``Column`` is a ``NamedTuple(key, heading)``: it *is* a ``tuple[str, str]``, so every
reporter takes ``Sequence[tuple[str, str]]`` and both ``Column("iso3", "ISO")`` and the
older ``("iso3", "ISO")`` form work unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from enum import Enum
from typing import Any, NamedTuple


class Column(NamedTuple):
    """One column of a listing: the row key to show and its heading."""

    key: str
    heading: str


Columns = Sequence[tuple[str, str]]
"""What every reporter accepts as ``columns``: ``Column`` values or plain pairs."""


def cell(value: Any) -> str:
    """Render one value for a table, CSV or Markdown cell.

    ``None`` -> ``""``; ``True``/``False`` -> ``yes``/``no``; a list, tuple or set ->
    ``"a, b"`` (sets sorted); a date, datetime or time -> ISO 8601; anything with a
    ``.label`` attribute (a three-valued verdict) -> its label; another ``Enum`` -> its value;
    everything else -> ``str(value)``. No escaping happens here: each format escapes for itself.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    label = getattr(value, "label", None)
    if label is not None:
        return str(label)
    if isinstance(value, Enum):
        return cell(value.value)
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return ", ".join(sorted(cell(v) for v in value))
    if isinstance(value, (dt.date, dt.time)):  # dt.datetime is a dt.date
        return value.isoformat()
    return str(value)


# Escape sequences, longest forms first. String sequences (OSC, DCS, SOS, PM, APC) run to
# BEL or ST; an unterminated one is dropped up to the next control character, so a stray
# "ESC ]8;;http://evil" cannot swallow the rest of the text nor survive as a hyperlink.
_ESCAPES = re.compile(
    r"""
      (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])   # OSC / DCS / SOS / PM / APC introducer
      [^\x00-\x1f\x7f-\x9f]*                     # payload
      (?:\x07|\x1b\\|\x9c)?                      # BEL or ST (optional: unterminated)
    | (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]           # CSI ... final byte (colours, cursor, ...)
    | \x1b[ -/]*[0-~]                            # other two-or-more byte escapes (ESC c, ESC ( B)
    """,
    re.VERBOSE,
)

# C0 controls except \t and \n, DEL, C1 controls; bidi embeddings/overrides (U+202A-202E)
# and isolates (U+2066-2069); zero-width space/non-joiner/joiner (U+200B-200D) and the
# zero-width no-break space / BOM (U+FEFF).
_UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u202a-\u202e\u2066-\u2069\ufeff]"
)


def safe_terminal(text: str) -> str:
    """Return ``text`` with everything a terminal would act on, rather than show, removed.

    Removed (replaced by nothing, not by ``?``): ANSI/ECMA-48 escape sequences (CSI such as
    ``ESC [ 31 m``; OSC such as ``ESC ] 8 ;; url BEL`` hyperlinks or ``ESC ] 0 ; title``; DCS,
    SOS, PM, APC; both the 7-bit ``ESC x`` and the 8-bit C1 introducers), then every remaining
    C0/C1 control character except ``\\n`` and ``\\t`` (so ``\\r`` goes: ``\\r\\n`` becomes
    ``\\n``), the bidi overrides and isolates U+202A-202E and U+2066-2069 ("Trojan Source"),
    and the zero-width characters U+200B-200D and U+FEFF.

    Nothing rather than ``?`` because these characters are invisible in the data's intended
    display anyway: dropping them shows what an honest viewer would show (``Indo\\u200bnesia``
    reads ``Indonesia``) and keeps column widths right, while a ``?`` would invent a visible
    character. The data files stay untouched; ``ccmctl validate`` is where such characters
    should be reported.
    """
    # Fast paths: every escape starts with a character _UNSAFE_CHARS matches.
    if text.isprintable() or _UNSAFE_CHARS.search(text) is None:
        return text
    return _UNSAFE_CHARS.sub("", _ESCAPES.sub("", text))
