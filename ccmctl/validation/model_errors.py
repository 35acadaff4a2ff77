"""Pydantic's validation errors as problems: one line each, at the right line of the
right file, in words a data editor understands ("unknown field 'nmae' (did you mean
'name'?)"), never Pydantic's own vocabulary. The only module that reads a
``ValidationError``.
"""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from ..problems import Problem, Severity, format_path
from ..reading import Read


def _clean_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Keep the parts of a Pydantic error location that are real keys or indexes
    (dropping union tags such as ``str`` or ``list[str]``)."""
    out: list[Any] = []
    cur = data
    for part in loc:
        if isinstance(cur, dict):
            key = part
            if key not in cur and isinstance(part, str) and part.isdigit() and int(part) in cur:
                key = int(part)
            if key in cur:
                out.append(key)
                cur = cur[key]
            elif key == "from_" and "from" in cur:
                out.append("from")
                cur = cur["from"]
            elif (
                not out
                or isinstance(part, str)
                and part not in ("str", "int")
                and "[" not in part
                and not part.startswith(("function-", "constrained-"))
            ):
                # a missing or unknown field: keep its name, stop descending
                out.append(key)
                cur = None
        elif isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
            out.append(part)
            cur = cur[part]
    return tuple(out)


def _model_at(model: type[BaseModel], path: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that a path points into, for "did you mean" hints."""
    cur: Any = model
    for part in path:
        if not (isinstance(cur, type) and issubclass(cur, BaseModel)):
            return None
        if isinstance(part, int):
            continue
        name = "from_" if part == "from" else part
        fld = cur.model_fields.get(name)
        if fld is None:
            return None
        cur = _unwrap(fld.annotation)
    return cur if isinstance(cur, type) and issubclass(cur, BaseModel) else None


def _unwrap(tp: Any) -> Any:
    """Find a model class inside Optional[...], list[...], dict[..., ...]."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in typing.get_args(tp):
        found = _unwrap(arg)
        if found is not None:
            return found
    return None


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(
    err: dict[str, Any], model: type[BaseModel], path: tuple[Any, ...]
) -> tuple[str, str | None]:
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        name = path[-1] if path else "?"
        parent = _model_at(model, path[:-1])
        hint = None
        if parent is not None:
            names = [("from" if n == "from_" else n) for n in parent.model_fields]
            close = difflib.get_close_matches(str(name), names, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(names)
        return f"unknown field '{name}'", hint
    if kind == "missing":
        return f"missing required field '{path[-1] if path else '?'}'", None
    if kind == "string_type" and isinstance(value, bool):
        return f"expected text, got the boolean {str(value).lower()}", "put the value in quotes"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"expected a date YYYY-MM-DD, got {_describe(value)}", None
    if kind == "string_pattern_mismatch":
        return f"{_describe(value)} is not in the expected form", _pattern_hint(path)
    msg = err["msg"]
    if msg.startswith("Value error, "):
        return msg[len("Value error, ") :], None
    if msg.startswith("Assertion failed, "):
        return msg[len("Assertion failed, ") :], None
    if kind == "model_type" or kind == "dict_type":
        return f"expected a mapping, got {_describe(value)}", None
    return f"{msg[0].lower()}{msg[1:]}, got {_describe(value)}", None


def _pattern_hint(path: tuple[Any, ...]) -> str | None:
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    hints = {
        "iso3": "an ISO 3166-1 alpha-3 code in capitals, e.g. IDN",
        "meeting": "a meeting id such as 7msp or 2rc",
        "month": 'a month written "YYYY-MM" in quotes',
        "status": "see the allowed values in the schema",
    }
    if last in hints:
        return hints[last]
    if last in ("source", "region_source", "id", "slug", "region", "subregion", "parent"):
        return "a lower-case slug such as untc-xxvi-6"
    if last in ("owners", "partners", "by", "coordinators", "members") or isinstance(path[-1], int):
        return "an ISO alpha-3 code (IDN) or a body id (isu)"
    return None


def _problems(
    loaded: Read, exc: ValidationError, model: type[BaseModel], prefix: tuple[Any, ...] = ()
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    data = loaded.data
    for part in prefix:
        data = data[part]
    for err in exc.errors(include_url=False):
        path = prefix + _clean_loc(data, tuple(err["loc"]))
        if path in seen or any(path[: len(b)] == b for b in loaded.bad_paths):
            continue  # already reported, by the reader or for this path
        seen.add(path)
        msg, hint = _message(dict(err), model, path[len(prefix) :])
        problems.append(
            Problem(loaded.path, loaded.line(path), format_path(list(path)), msg, "error", hint)
        )
    return problems


def _merge_misspellings(problems: list[Problem]) -> list[Problem]:
    """Drop "missing required field 'x'" when a sibling unknown field is suggested as 'x':
    the misspelling already says it."""
    suggested = {
        (p.file, p.path.rsplit(".", 1)[0] if "." in p.path else "", p.hint)
        for p in problems
        if p.message.startswith("unknown field")
    }
    out = []
    for p in problems:
        if p.message.startswith("missing required field"):
            name = p.message.split("'")[1]
            parent = p.path.rsplit(".", 1)[0] if "." in p.path else ""
            if (p.file, parent, f"did you mean '{name}'?") in suggested:
                continue
        out.append(p)
    return out


def _list_fields(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """The fields of a catalogue file that are lists of records."""
    out = {}
    for name, fld in model.model_fields.items():
        if typing.get_origin(fld.annotation) is list:
            item = _unwrap(fld.annotation)
            if item is not None:
                out[name] = item
    return out


@dataclass(frozen=True)
class Checked:
    """A file validated against its model: the record (None if it failed), the
    problems, and for catalogues whose bad records were left out, where the kept
    records stood in the file (so that later checks still point at the right line)."""

    read: Read
    record: Any
    problems: tuple[Problem, ...] = ()
    kept: dict[str, list[int]] = field(default_factory=dict)
    broken_ids: frozenset[str] = frozenset()
    """Ids of catalogue records that failed validation: references to them are not
    reported again as unknown."""

    def problem(
        self,
        path: tuple[Any, ...] | list[Any],
        message: str,
        *,
        severity: Severity = "error",
        hint: str | None = None,
    ) -> Problem:
        """A problem at ``path`` of the validated record, at its line in the file."""
        path = tuple(path)
        if len(path) > 1 and path[0] in self.kept and isinstance(path[1], int):
            path = (path[0], self.kept[path[0]][path[1]]) + path[2:]
        return self.read.problem(path, message, severity=severity, hint=hint)

    def line(self, path: tuple[Any, ...]) -> int:
        return self.problem(path, "").line


def validate_model(read: Read, model: type[BaseModel], *, catalogue: bool) -> Checked:
    """Validate a read file against ``model``; problems carry file and line.

    In catalogue files (lists of records such as meetings or sources) each record
    is validated on its own, so one bad record does not hide the others."""
    if read.data is None or read.fatal:
        return Checked(read, None)
    if not isinstance(read.data, dict):
        kind = type(read.data).__name__
        return Checked(
            read,
            None,
            (Problem(read.path, 1, "", f"expected a mapping at the top of the file, got {kind}"),),
        )
    try:
        return Checked(read, model.model_validate(read.data))
    except ValidationError as exc:
        whole = exc
    lists = _list_fields(model) if catalogue else {}
    if not lists:
        return Checked(read, None, tuple(_merge_misspellings(_problems(read, whole, model))))
    problems: list[Problem] = []
    kept_data = dict(read.data)
    kept: dict[str, list[int]] = {}
    broken: set[str] = set()
    for name, item_model in lists.items():
        items = read.data.get(name)
        if not isinstance(items, list):
            continue
        good, kept[name] = [], []
        for i, item in enumerate(items):
            try:
                item_model.model_validate(item)
                good.append(item)
                kept[name].append(i)
            except ValidationError as exc:
                problems += _merge_misspellings(_problems(read, exc, item_model, (name, i)))
                raw_id = item.get("id") if isinstance(item, dict) else None
                if isinstance(raw_id, str):
                    broken.add(raw_id)
        kept_data[name] = good
    try:
        record = model.model_validate(kept_data)
    except ValidationError as exc:
        more = [p for p in _problems(read, exc, model) if p not in problems]
        return Checked(read, None, tuple(problems + more), kept, frozenset(broken))
    return Checked(read, record, tuple(problems), kept, frozenset(broken))
