"""``ccmctl fmt``: the canonical format of data files, so diffs in pull requests
stay small. This module computes the canonical text; :mod:`ccmctl.writing` writes it.

Canonical means: keys in the order the schema documents them, two-space indent,
sequences flush with their key, dates unquoted, text quoted only where needed
(and always for yes/no/on/off), the ``yaml-language-server`` schema line first.
Writing uses ruamel.yaml's round-trip mode so comments survive; a rewrite is
refused unless the strict reader reads the same data back.

The round trip is slow (pure Python, about 20 ms a file), and nearly every file is
already canonical: :func:`is_canonical` decides that from the strict reader's value, by
writing it as the round trip would (the same key order, ruamel's own choice of quoting)
and comparing the text. Anything that writer does not handle (a comment other than the
schema line, flow style, multi-line or double-quoted text, floats) is left undecided and
goes through the round trip, so ``fmt`` prints and writes exactly what it did before.

Longer than 400 lines because the round trip and the writer that stands in for it must
agree character for character (key order, quoting): they share their rules here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .cache import Store
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


def _field_names(model: type[BaseModel]) -> list[str]:
    """The keys of a model's file, in the order the schema documents them."""
    return [("from" if n == "from_" else n) for n in model.model_fields]


def _inner_model(model: type[BaseModel] | None, key: Any) -> type[BaseModel] | None:
    """The model of the value under ``key``: one model, or None (not reordered)."""
    inner = _models_in(_field_model(model, str(key))) if model else []
    return inner[0] if len(inner) == 1 else None


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
            names = _field_names(model)
            for key in sorted(node, key=lambda k: names.index(k) if k in names else len(names)):
                node.move_to_end(key)
        for key in list(node):
            value = node[key]
            if isinstance(value, str) and _needs_quotes(value):
                node[key] = SingleQuotedScalarString(value)
                continue
            _order(value, _inner_model(model, key))
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


# --- deciding without the round trip ---------------------------------------------------

# ruamel.yaml's YAML 1.2 implicit resolvers (ruamel/yaml/resolver.py), by first character:
# a plain scalar that one of them matches is not text, so ruamel quotes text that looks so.
# tests/test_fmt.py checks this copy against ruamel itself.
_RT_FLOAT = re.compile(
    r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)"
    r"|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN))$"
)
_RT_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$")
_RT_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_RT_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_RT_TIMESTAMP = re.compile(
    r"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
    r"|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
    r"(?:[Tt]|[ \t]+)[0-9][0-9]?"
    r":[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"
)
_RT_RESOLVERS: dict[str, tuple[re.Pattern[str], ...]] = {}
for _first, _pattern in (
    ("tTfF", _RT_BOOL),
    ("-+0123456789.", _RT_FLOAT),
    ("-+0123456789", _RT_INT),
    ("<", re.compile(r"^(?:<<)$")),
    ("~nN", _RT_NULL),
    ("0123456789", _RT_TIMESTAMP),
    ("=", re.compile(r"^(?:=)$")),
    ("!&*", re.compile(r"^(?:!|&|\*)$")),
):
    for _ch in _first:
        _RT_RESOLVERS[_ch] = (*_RT_RESOLVERS.get(_ch, ()), _pattern)

_SPACE = "\0 \t\r\n\x85\u2028\u2029"
_BREAKS = "\n\x85\u2028\u2029"
_LONGEST_LINE = 4000
"""Longer lines are left to the round trip (its writer folds text past 4096 columns)."""


class _Undecided(Exception):
    """The value holds something only the round trip can say how it writes."""


def _reads_as_text(value: str) -> bool:
    """Whether ruamel reads ``value``, written plain, back as text."""
    if not value:
        return False  # the empty plain scalar is null
    return not any(p.match(value) for p in _RT_RESOLVERS.get(value[0], ()))


_SIMPLE = re.compile(
    "[^\\s#,\\[\\]{}&*!|>'\"%@`?:.\\-][^\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]*"
)
"""Text that ruamel's analysis lets through every style at once: no indicator first, no
control or line-break character (the common case, decided without the loop below)."""


def _styles(value: str) -> tuple[bool, bool, bool]:
    """ruamel's Emitter.analyze_scalar, reduced to what a block context needs: whether
    ``value`` may be written plain, single-quoted, and whether it spans lines. Raises
    :class:`_Undecided` for text only double quotes can hold."""
    if (
        _SIMPLE.fullmatch(value)
        and ": " not in value
        and " #" not in value
        and value[-1] not in ": "
    ):
        return True, True, False
    return _analysis(value)


def _analysis(value: str) -> tuple[bool, bool, bool]:
    block_indicators = value.startswith(("---", "..."))
    line_breaks = special = False
    leading_space = leading_break = trailing_space = trailing_break = False
    break_space = space_break = False
    preceded_by_space = True
    followed_by_space = len(value) == 1 or value[1] in _SPACE
    previous_space = previous_break = False
    last = len(value) - 1
    for index, ch in enumerate(value):
        if index == 0:
            if ch in "#,[]{}&*!|>'\"%@`":
                block_indicators = True
            if ch in "?:" and followed_by_space:
                block_indicators = True
            if ch == "-" and followed_by_space:
                block_indicators = True
        elif ch == ":" and followed_by_space or ch == "#" and preceded_by_space:
            block_indicators = True
        if ch in _BREAKS:
            line_breaks = True
        if not (ch == "\n" or "\x20" <= ch <= "\x7e"):
            if not (
                (
                    ch == "\x85"
                    or "\xa0" <= ch <= "\ud7ff"
                    or "\ue000" <= ch <= "\ufffd"
                    or "\U00010000" <= ch <= "\U0010ffff"
                )
                and ch != "\ufeff"
            ):
                special = True
        if ch == " ":
            leading_space = leading_space or index == 0
            trailing_space = trailing_space or index == last
            break_space = break_space or previous_break
            previous_space, previous_break = True, False
        elif ch in _BREAKS:
            leading_break = leading_break or index == 0
            trailing_break = trailing_break or index == last
            space_break = space_break or previous_space
            previous_space, previous_break = False, True
        else:
            previous_space = previous_break = False
        preceded_by_space = ch in _SPACE
        followed_by_space = index + 2 > last or value[index + 2] in _SPACE
    if special:
        raise _Undecided
    plain = single = True
    if leading_space or leading_break or trailing_space or trailing_break:
        plain = False
    if break_space or space_break:
        plain = single = False
    if line_breaks or block_indicators:
        plain = False
    return plain, single, line_breaks


def _text(value: str, quoted: bool, key: bool = False) -> str:
    """``value`` as ruamel writes it in a block mapping or sequence: plain when it may and
    reads back as text (unless ``quoted``, which fmt forces for yes/no/029), else in double
    quotes if it holds an apostrophe, else in single quotes. Text with a line break or a
    character that needs an escape is left undecided."""
    if not value:
        if key:
            raise _Undecided
        return "''"
    plain, single, multiline = _styles(value)
    if multiline or key and len(value) > 100:
        raise _Undecided  # a complex key ("? ") or a multi-line scalar
    if not quoted:
        if plain and _reads_as_text(value):
            return value
        if "'" in value:  # ruamel's choice: double quotes rather than doubling the '
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if not single:
        raise _Undecided
    return "'" + value.replace("'", "''") + "'"


_WRITTEN: dict[str, str] = {}
"""Text values as written (ids, kinds and sources repeat across files)."""


def _scalar(value: Any, key: bool = False) -> str:
    cls = value.__class__
    if cls is str:
        if key:
            return _text(value, _needs_quotes(value), key)
        written = _WRITTEN.get(value)
        if written is None:
            written = _WRITTEN[value] = _text(value, _needs_quotes(value))
        return written
    if cls is bool:
        return "true" if value else "false"
    if cls is int:
        return str(value)
    if cls is dt.date and not key:
        return str(value.isoformat())
    raise _Undecided  # floats keep their own spelling; other keys are unusual


_PLANS: dict[type[BaseModel], tuple[dict[str, int], dict[str, type[BaseModel] | None]]] = {}


def _plan(
    model: type[BaseModel],
) -> tuple[dict[str, int], dict[str, type[BaseModel] | None]]:
    """A model's key order and the model of each key's value, as :func:`_order` uses them."""
    plan = _PLANS.get(model)
    if plan is None:
        names = _field_names(model)
        plan = _PLANS[model] = (
            {name: i for i, name in enumerate(names)},
            {name: _inner_model(model, name) for name in names},
        )
    return plan


def _write_mapping(
    node: dict[Any, Any],
    model: type[BaseModel] | None,
    indent: int,
    out: list[str],
    first: str | None = None,
) -> None:
    keys = list(node)
    if model is not None:
        names, inner = _plan(model)
        last = len(names)
        keys.sort(key=lambda k: names.get(k, last) if k.__class__ is str else last)
    pad = " " * indent
    for n, key in enumerate(keys):
        head = (first if n == 0 and first is not None else pad) + _scalar(key, key=True) + ":"
        value = node[key]
        if value.__class__ is dict:
            if not value:
                out.append(head + " {}")
                continue
            out.append(head)
            _write_mapping(value, inner.get(key) if model else None, indent + 2, out)
        elif value.__class__ is list:
            if not value:
                out.append(head + " []")
                continue
            out.append(head)
            _write_sequence(value, inner.get(key) if model else None, indent, out)
        elif value is None:
            out.append(head)  # ruamel writes null as nothing
        else:
            out.append(head + " " + _scalar(value))


def _write_sequence(
    items: list[Any], model: type[BaseModel] | None, indent: int, out: list[str]
) -> None:
    dash = " " * indent + "- "
    for item in items:
        if item.__class__ is dict and item:
            _write_mapping(item, model, indent + 2, out, dash)
        elif item is None or item.__class__ in (dict, list):
            raise _Undecided
        else:
            out.append(dash + _scalar(item))


def is_canonical(value: Any, text: str, model: type[BaseModel], schema_line: str) -> bool:
    """Whether ``text``, which the strict reader read as ``value`` without a problem, is
    already what :func:`canonical` makes of it. False also means "undecided": only the
    round trip can tell."""
    if value.__class__ is not dict or not value:
        return False
    out = [f"# yaml-language-server: $schema={schema_line}"]
    try:
        _write_mapping(value, model, 0, out)
    except _Undecided:
        return False
    if any(len(line) > _LONGEST_LINE for line in out):
        return False
    out.append("")
    return "\n".join(out) == text


def format_file(kind: FileKind, path: Path, shown: str, store: Store | None = None) -> Result:
    """The canonical form of one data file, or the problem that prevents it. Reads the
    file through the same front door as ``validate`` (size, encoding, kind of file).
    ``store`` remembers the texts found canonical (:mod:`ccmctl.cache`)."""
    original, problems = read_text(path, shown)
    if original is None:
        return Result(path, shown, "", None, problems[0])
    if store is None or problems:
        return _format(kind, path, shown, original)
    key = store.key(kind, original.encode(), "fmt")
    if store.has(key):
        return Result(path, shown, original, original)
    result = _format(kind, path, shown, original)
    if result.problem is None and not result.changed:
        store.put(key, b"")
    return result


def _format(kind: FileKind, path: Path, shown: str, original: str) -> Result:
    model, schema_line = kind.model, kind.schema_line
    before = parse_text(original, shown)
    # unquoted yes/no/029 are what fmt fixes (by quoting); any other problem blocks it
    blocking = [p for p in before.problems if not p.message.startswith("unquoted '")]
    if blocking or before.data is None:
        first = blocking[0] if blocking else Problem(shown, 0, "", "cannot be read")
        return Result(path, shown, original, None, first)
    if not before.problems and is_canonical(before.data, original, model, schema_line):
        return Result(path, shown, original, original)  # what the round trip would give
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
