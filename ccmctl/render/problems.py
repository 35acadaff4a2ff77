"""Problems found in the data, as text lines, GitHub workflow annotations or JSON."""

from __future__ import annotations

from collections.abc import Sequence

from ..problems import Problem
from .cells import safe_terminal
from .github import Level, annotation
from .json import to_json as _json


def to_text(p: Problem) -> str:
    """``FILE:LINE: FIELD: MESSAGE (HINT)``, safe for a terminal."""
    return safe_terminal(p.text()).replace("\n", " ")


def to_github(p: Problem) -> str:
    """One workflow annotation: ``::error file=…,line=…::FIELD: MESSAGE (HINT)``."""
    msg = (f"{p.path}: " if p.path else "") + p.message
    if p.hint:
        msg += f" ({p.hint})"
    level: Level = "error" if p.severity == "error" else "warning"
    return annotation(level, p.file, p.line or None, None, msg)


def to_json(problems: Sequence[Problem], summary: str, *, ok: bool) -> str:
    return _json({"ok": ok, "summary": summary, "problems": [p.as_dict() for p in problems]})
