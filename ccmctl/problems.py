"""Problems found in the data: one line each, starting with where."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


def format_path(path: tuple[object, ...] | list[object]) -> str:
    """Render a key path as ``ccm.consent.date`` or ``items[3].due``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in the data."""

    file: str
    line: int
    path: str
    message: str
    severity: Severity = "error"
    hint: str | None = field(default=None, compare=False)

    def text(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f"{self.path}: {self.message}" if self.path else self.message
        prefix = "" if self.severity == "error" else "warning: "
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {prefix}{what}{hint}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "path": self.path,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }
