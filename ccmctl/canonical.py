"""``ccmctl fmt``: the canonical format of data files, so diffs in pull requests
stay small. This module computes the canonical text; :mod:`ccmctl.writing` writes it.

Canonical means: keys in the order the schema documents them, two-space indent,
sequences flush with their key, dates unquoted, text quoted only where needed
(and always for yes/no/on/off), the ``yaml-language-server`` schema line first.
Writing uses ruamel.yaml's round-trip mode so comments survive; a rewrite is
refused unless the strict reader reads the same data back.
"""

from __future__ import annotations

import difflib
import io
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .files import FileKind
from .problems import Problem
from .reading import ambiguous, parse_text, read_text


def _needs_quotes(value: str) -> bool:
    return value.lower() in ("true", "false", "null", "~", "y", "n") or ambiguous(value) is not None


def _field_model(model: type[BaseModel], key: str) -> Any:
    name = "from_" if key == "from" else key
    fld = model.model_fields.get(name)
    return None if fld is None else fld.annotation


def _models_in(tp: Any) -> list[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    out: list[type[BaseModel]] = []
    for arg in typing.get_args(tp):
        out += _models_in(arg)
    return out


def _order(node: Any, model: type[BaseModel] | None) -> None:
    """Reorder a round-trip mapping's keys to the model's field order, recursively,
    and quote ambiguous text."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    if isinstance(node, CommentedMap):
        for pos, key in enumerate(list(node)):
            if (
                isinstance(key, str)
                and _needs_quotes(key)
                and not isinstance(key, SingleQuotedScalarString)
            ):
                node.insert(pos, SingleQuotedScalarString(key), node.pop(key))
        if model is not None:
            names = [("from" if n == "from_" else n) for n in model.model_fields]
            for key in sorted(node, key=lambda k: names.index(k) if k in names else len(names)):
                node.move_to_end(key)
        for key in list(node):
            value = node[key]
            if isinstance(value, str) and _needs_quotes(value):
                node[key] = SingleQuotedScalarString(value)
                continue
            inner = _models_in(_field_model(model, str(key))) if model else []
            _order(value, inner[0] if len(inner) == 1 else None)
    elif isinstance(node, CommentedSeq):
        for i, value in enumerate(node):
            if isinstance(value, str) and _needs_quotes(value):
                node[i] = SingleQuotedScalarString(value)
            else:
                _order(value, model)


@dataclass
class Result:
    path: Path
    shown: str
    original: str
    canonical: str | None
    problem: Problem | None = None

    @property
    def changed(self) -> bool:
        return self.canonical is not None and self.canonical != self.original

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                (self.canonical or "").splitlines(keepends=True),
                fromfile=f"{self.shown} (now)",
                tofile=f"{self.shown} (canonical)",
            )
        )


def canonical(text: str, model: type[BaseModel], schema_line: str) -> str:
    """The canonical form of a data file's text."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.width = 4096  # one line per value: the smallest diffs
    yaml.preserve_quotes = False
    data = yaml.load(text)
    _order(data, model)
    buf = io.StringIO()
    yaml.dump(data, buf)
    out = buf.getvalue()
    header = f"# yaml-language-server: $schema={schema_line}\n"
    if not out.startswith(header):
        out = header + out
    return out


def format_file(kind: FileKind, path: Path, shown: str) -> Result:
    """The canonical form of one data file, or the problem that prevents it. Reads the
    file through the same front door as ``validate`` (size, encoding, kind of file)."""
    model, schema_line = kind.model, kind.schema_line
    original, problems = read_text(path, shown)
    if original is None:
        return Result(path, shown, "", None, problems[0])
    before = parse_text(original, shown)
    # unquoted yes/no/029 are what fmt fixes (by quoting); any other problem blocks it
    blocking = [p for p in before.problems if not p.message.startswith("unquoted '")]
    if blocking or before.data is None:
        first = blocking[0] if blocking else Problem(shown, 0, "", "cannot be read")
        return Result(path, shown, original, None, first)
    try:
        text = canonical(original, model, schema_line)
    except Exception as exc:  # ruamel's own errors: report, never rewrite
        return Result(
            path,
            shown,
            original,
            None,
            Problem(shown, 0, "", f"cannot be formatted: {exc}".splitlines()[0]),
        )
    after = parse_text(text, shown)
    if after.data != before.data or not after.ok:
        return Result(
            path,
            shown,
            original,
            None,
            Problem(shown, 0, "", "formatting would change the data; left as it is"),
        )
    return Result(path, shown, original, text)
