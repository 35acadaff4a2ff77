"""The strict YAML reader: the only module that touches YAML.

PyYAML's C parser composes the node tree (fast); this module then builds
plain Python values from the nodes itself, so that it can

* keep the line of every key and item (``positions``), for error messages;
* reject duplicate keys, naming both lines;
* refuse aliases and merge keys (no "billion laughs" expansion);
* resolve only ``true``/``false`` as booleans, decimal numbers as numbers,
  and flag unquoted ``yes``/``no``/``on``/``off`` (YAML 1.1 reads them as
  booleans, YAML 1.2 as text: either way the file is ambiguous);
* report an impossible date such as ``2023-02-30`` with file and line, and a date or a
  number no computation can hold (years outside 1900..9998, integers of more than 18
  digits: Python's ``int()`` refuses 4,300) as a problem rather than a crash later;
* refuse control characters arriving through escapes (``"\\0"``, ``"\\e"``) in any
  text, and invisible characters (bidi overrides and isolates, zero-width characters)
  in names and ids, where they would make two different ids look the same;
* give the line git and GitHub show, counting only ``\\n``, also when a file holds the
  other line breaks YAML counts (U+0085, U+2028, U+2029, a lone CR);
* explain empty files, a byte-order mark, non-UTF-8 bytes, binary files,
  directories and broken links in one line each, never with a traceback.

Longer than 400 lines because the resolver, the node builder and the file's front door
(size, kind, encoding) are one unit: each relies on what the others refuse.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .domain.dates import MAX_YEAR, MIN_YEAR
from .problems import Problem, Severity, format_path

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64

_TAG = "tag:yaml.org,2002:"
_AMBIGUOUS = {"yes", "no", "on", "off"}
_NUMBER_LIKE = re.compile(
    r"^(?:[-+]?(0[0-9_]+|[0-9][0-9_]*(:[0-5]?[0-9])+|0o[0-7]+|0x[0-9a-fA-F]+|[0-9]+[eE][-+]?[0-9]+)"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
MAX_DIGITS = 18
"""The longest integer a data file may hold: years, counts and tallies need far fewer,
and every JSON reader holds 18 digits exactly (beyond 4,300, Python's ``int()`` raises)."""


def ambiguous(text: str) -> str | None:
    """Why a plain (unquoted) scalar would be read differently by other YAML tools:
    ``yes``/``no``/``on``/``off``, ``029``, ``1:20``, ``0x1F``, ``1e3``, ``.inf``, ``.nan``."""
    if text.lower() in _AMBIGUOUS:
        return "a boolean by YAML 1.1 tools"
    if _NUMBER_LIKE.match(text):
        return "a number by some YAML tools"
    return None


# Text checks. Control characters (C0 but TAB and LF, DEL, C1) can only arrive through a
# double-quoted escape ("\0", "\x07", "\e", "\N"): the YAML reader refuses them raw.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Invisible characters that make a name or an id look like another: bidi embeddings,
# overrides and isolates, zero-width space / non-joiner / joiner, word joiner, the BOM;
# and line breaks, which a name never holds.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\u202a-\u202e\u2066-\u2069\ufeff]")
_NAME_BREAKS = re.compile("[\n\x85\u2028\u2029]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
NAME_KEYS = frozenset({"id", "iso3", "slug", "name", "person", "city", "country", "symbol"})
"""Fields that name or identify something: no invisible character, no line break."""
_CONTROL_NAMES = {
    0: "NUL",
    7: "BEL",
    8: "BS",
    0x0B: "VT",
    0x0C: "FF",
    0x0D: "CR",
    0x1B: "ESC",
    0x85: "NEL",
    0x9B: "CSI",
}


def _char(ch: str) -> str:
    """``U+001B (ESC)``, ``U+202E (RIGHT-TO-LEFT OVERRIDE)``."""
    import unicodedata

    code = ord(ch)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(ch, "")
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def visible(text: str, limit: int = 60) -> str:
    """``text`` quoted, with every character that is not plainly visible written as an
    escape (``'Indo\\x1b]8;;'``): safe to echo in a message, on any terminal."""
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return (
        "'"
        + "".join(
            c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in shown
        )
        + "'"
    )


def git_lines(text: str) -> Callable[[Any], int] | None:
    """For text holding line breaks that YAML counts but git does not (U+0085, U+2028,
    U+2029, a CR not followed by LF): a function from a YAML mark to the line git
    shows, found through the mark's character index. ``None`` for every other text,
    where the mark's own line is right (the common case costs two scans)."""
    if text.isascii():
        if "\r" not in text or text.count("\r") == text.count("\r\n"):
            return None
    elif not (
        "\x85" in text
        or "\u2028" in text
        or "\u2029" in text
        or text.count("\r") != text.count("\r\n")
    ):
        return None
    newlines = [m.start() for m in re.finditer("\n", text)]

    def line(mark: Any) -> int:
        return bisect_left(newlines, mark.index) + 1

    return line


_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class _StrictResolver(yaml.resolver.Resolver):
    """Resolver that keeps only the unsurprising YAML 1.1 implicit types."""


_StrictResolver.yaml_implicit_resolvers = {}
_FORMS = {
    "bool": re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    "int": re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"),
    "float": re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    "null": re.compile(r"^(?:~|null|Null|NULL|)$"),
}
"""How a boolean, an integer, a float and a null are written; a value tagged as one
(``!!int 12``) must be written so too."""
_StrictResolver.add_implicit_resolver(_TAG + "bool", _FORMS["bool"], list("tTfF"))
_StrictResolver.add_implicit_resolver(_TAG + "int", _FORMS["int"], list("-+0123456789"))
_StrictResolver.add_implicit_resolver(_TAG + "float", _FORMS["float"], list("-+0123456789."))
_StrictResolver.add_implicit_resolver(_TAG + "null", _FORMS["null"], ["~", "n", "N", ""])
_StrictResolver.add_implicit_resolver(
    _TAG + "timestamp",
    re.compile(
        r"^(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
        r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
        r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$"
    ),
    list("0123456789"),
)


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """C parser and composer with the strict resolver.

    The composer calls back into Python three times a node (``descend_resolver``,
    ``resolve``, ``ascend_resolver``: 2.5 million calls at 10x the bundled data). This
    loader has no path resolvers, so the first and the last do nothing, and ``resolve`` is
    PyYAML's own without what only path resolvers need and without building a list a call;
    tests/test_loading.py checks it resolves as PyYAML's on every file of the corpora."""

    yaml_implicit_resolvers = _StrictResolver.yaml_implicit_resolvers

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return tag  # type: ignore[no-any-return]
            return _TAG + "str"
        if kind is yaml.SequenceNode:
            return _TAG + "seq"
        return _TAG + "map"


_IMPLICIT = _StrictResolver.yaml_implicit_resolvers
"""The strict resolvers by the first character of a plain scalar ('' for an empty one);
none is a wildcard (``None``), which ``_Loader.resolve`` relies on."""
assert None not in _IMPLICIT


@dataclass(frozen=True)
class Read:
    """A parsed file: its value, the line of every key path, and what the reader found
    wrong. Nothing changes it after reading: validation keeps its own state."""

    path: str
    data: Any = None
    positions: dict[tuple[Any, ...], int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    bad_paths: frozenset[tuple[Any, ...]] = frozenset()
    """Paths the reader already reported (later checks say nothing more of them)."""
    fatal: bool = False
    """The reader refused the file's structure (aliases, merge keys, tags, nesting):
    its value is not what the author wrote, so it is not validated further."""

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def line(self, path: tuple[Any, ...] | list[Any]) -> int:
        """Line of the longest prefix of ``path`` that the file has (1 if none)."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), 1)

    def problem(
        self,
        path: tuple[Any, ...] | list[Any],
        message: str,
        *,
        severity: Severity = "error",
        hint: str | None = None,
    ) -> Problem:
        """A problem at ``path`` in this file, with its line."""
        return Problem(self.path, self.line(path), format_path(list(path)), message, severity, hint)


@dataclass
class _Draft:
    """What the builder collects while it reads one file."""

    path: str
    positions: dict[tuple[Any, ...], int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    bad_paths: set[tuple[Any, ...]] = field(default_factory=set)
    fatal: bool = False

    def line(self, path: tuple[Any, ...]) -> int:
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), 1)

    def done(self, data: Any = None) -> Read:
        return Read(
            self.path,
            data,
            self.positions,
            self.problems,
            frozenset(self.bad_paths),
            self.fatal,
        )


_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
_TIMESTAMP, _SEQ, _MAP, _MERGE = (_TAG + t for t in ("timestamp", "seq", "map", "merge"))
_SCALAR, _MAPPING = yaml.ScalarNode, yaml.MappingNode
_NUMBER_START = frozenset("0123456789+-.")
_EXPLICIT = {_TAG + kind: form for kind, form in _FORMS.items()}
_WORDS = {"bool": "true or false", "int": "a whole number", "float": "a number", "null": "null"}


class _Builder:
    def __init__(
        self,
        loaded: _Draft,
        check_aliases: bool = True,
        lines: Callable[[Any], int] | None = None,
    ) -> None:
        self.loaded = loaded
        self.seen: set[int] = set()
        self.check_aliases = check_aliases
        """Only a text with an anchor (&) can hold an alias; others skip the check."""
        self.lines = lines
        """Mark -> git's line, for texts with other line breaks (see :func:`git_lines`)."""

    def line_of(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 if self.lines is None else self.lines(node.start_mark)

    def fail(
        self,
        node: yaml.Node | None,
        path: tuple[Any, ...],
        message: str,
        hint: str | None = None,
        fatal: bool = False,
        severity: Severity = "error",
        shown: tuple[Any, ...] | None = None,
    ) -> None:
        if fatal:
            if self.loaded.fatal and message.startswith("aliases"):
                return  # one line per file is enough
            self.loaded.fatal = True

        if node is None:  # an alias: its node's mark is the anchor's; use where it stands
            in_list = bool(path) and isinstance(path[-1], int)
            line = self.loaded.line(path[:-1] if in_list else path)
        else:
            line = self.line_of(node)
        if severity == "error":
            self.loaded.bad_paths.add(path)
        where = format_path(list(path if shown is None else shown))
        self.loaded.problems.append(Problem(self.loaded.path, line, where, message, severity, hint))

    def build(self, node: yaml.Node, path: tuple[Any, ...], depth: int = 0) -> Any:
        if self.check_aliases:
            if id(node) in self.seen:
                self.fail(
                    None,
                    path,
                    "aliases (*name) are not allowed in data files",
                    "write the value out in full",
                    fatal=True,
                )
                return None
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.fail(node, path, f"nested more than {MAX_DEPTH} levels deep", fatal=True)
            return None
        cls = node.__class__
        if cls is _SCALAR:
            return self.scalar(node, path)  # type: ignore[arg-type]
        if cls is _MAPPING:
            return self.mapping(node, path, depth)  # type: ignore[arg-type]
        if node.tag != _SEQ:
            self.fail(node, path, f"unsupported tag {node.tag!r}", fatal=True)
        positions = self.loaded.positions
        lines = self.lines
        out = []
        for i, item in enumerate(node.value):
            sub = path + (i,)
            positions[sub] = item.start_mark.line + 1 if lines is None else lines(item.start_mark)
            out.append(self.build(item, sub, depth + 1))
        return out

    def mapping(self, node: yaml.MappingNode, path: tuple[Any, ...], depth: int) -> dict[Any, Any]:
        if node.tag != _MAP:
            self.fail(node, path, f"unsupported tag {node.tag!r}", fatal=True)
        out: dict[Any, Any] = {}
        positions = self.loaded.positions
        lines = self.lines
        plain = not self.check_aliases and depth < MAX_DEPTH  # a scalar value: no detour
        for key_node, value_node in node.value:
            if key_node.__class__ is not _SCALAR:
                self.fail(key_node, path, "a key must be plain text or a number")
                continue
            raw = key_node.value
            if key_node.tag == _MERGE or (raw == "<<" and not key_node.style):
                self.fail(
                    key_node,
                    path,
                    "merge keys (<<) are not allowed in data files",
                    "write the keys out in full",
                    fatal=True,
                )
                continue
            sub = path + (raw,)
            key = self.scalar(key_node, sub, is_key=True)
            if key is None or key.__class__ in (dt.date, float, bool):
                key = raw
            elif key is not raw:
                sub = path + (key,)
            mark = key_node.start_mark
            line = mark.line + 1 if lines is None else lines(mark)
            if key in out:
                self.fail(
                    key_node,
                    sub,
                    f"duplicate key '{key}' (first on line {positions[sub]})",
                    "keep one of them",
                )
                continue
            positions[sub] = line
            if plain and value_node.__class__ is _SCALAR:
                out[key] = self.scalar(value_node, sub)
            else:
                out[key] = self.build(value_node, sub, depth + 1)
        return out

    def scalar(self, node: yaml.ScalarNode, path: tuple[Any, ...], is_key: bool = False) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR:
            if not value.isprintable():  # fast: plain ASCII and most prose pass here
                self.text(node, path, value, is_key)
            if (
                not node.style
                and value
                and (value[0] in _NUMBER_START or len(value) <= 3 and value.lower() in _AMBIGUOUS)
            ):
                why = ambiguous(value)
                if why:
                    self.fail(
                        node,
                        path,
                        f"unquoted '{value}' is read as {why}",
                        f'write "{value}" in quotes'
                        + (", or true/false for a yes/no field" if "boolean" in why else ""),
                    )
            return value
        if tag == _TIMESTAMP:
            m = _DATE_RE.match(value)
            if not m:
                self.fail(node, path, f"'{value}' has a time; dates are written YYYY-MM-DD")
                return value
            if not MIN_YEAR <= int(m[1]) <= MAX_YEAR:
                self.fail(
                    node,
                    path,
                    f"date '{value}' is outside the years ccmctl computes ({MIN_YEAR}..{MAX_YEAR})",
                    "check the year",
                )
                return value
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError as exc:
                self.fail(node, path, f"invalid date '{value}' ({exc})")
                return value
        if tag in _EXPLICIT and not _EXPLICIT[tag].match(value):  # tagged, e.g. !!int x
            kind = tag.removeprefix(_TAG)
            self.fail(
                node,
                path,
                f"{visible(value)} is tagged !!{kind} but is not {_WORDS[kind]}",
                f"remove the !!{kind} tag, or write {_WORDS[kind]}",
            )
            return value
        if tag == _INT:
            digits = len(value) - (value[0] in "+-")
            if digits > MAX_DIGITS:
                self.fail(node, path, *_too_large(value, digits))
                return value
            return int(value)
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _FLOAT:
            number = float(value)
            if number in (_INF, -_INF):
                self.fail(node, path, *_too_large(value, None))
                return value
            return number
        self.fail(
            node,
            path,
            f"unsupported tag {tag!r}",
            "data files hold only text, numbers, dates, lists and mappings",
            fatal=True,
        )
        return value

    def text(self, node: yaml.ScalarNode, path: tuple[Any, ...], value: str, is_key: bool) -> None:
        """Characters a text must not hold: control characters anywhere; in names, ids
        and keys, invisible characters and line breaks; bidi controls elsewhere warn."""
        what = "key" if is_key else "text"
        shown = path[:-1] if is_key else None  # the key itself is shown escaped, in the message
        bad = _CONTROL.search(value)
        if bad:
            self.fail(
                node,
                path,
                f"control character {_char(bad[0])} in {what} {visible(value)}",
                "remove it; it was written as an escape such as \\0, \\a or \\e",
                shown=shown,
            )
            return
        field_name = next((p for p in reversed(path) if isinstance(p, str)), "")
        if is_key or field_name in NAME_KEYS:
            where = "a key" if is_key else "a name"
            bad = _INVISIBLE.search(value)
            if bad:
                self.fail(
                    node,
                    path,
                    f"invisible character {_char(bad[0])} in {where} {visible(value)}",
                    "names, ids and keys must read as they are written: remove it",
                    shown=shown,
                )
            elif _NAME_BREAKS.search(value):
                self.fail(
                    node,
                    path,
                    f"line break in {where} {visible(value)}",
                    "a name, an id or a key is one line",
                    shown=shown,
                )
            return
        if "\ufeff" in value:
            self.fail(
                node,
                path,
                f"invisible character {_char(chr(0xFEFF))} inside text {visible(value)}",
                "remove it: a byte-order mark pasted into the text",
            )
            return
        bad = _BIDI.search(value)
        if bad:
            self.fail(
                node,
                path,
                f"bidi control character {_char(bad[0])} in text {visible(value)}",
                "it changes the order in which the text is shown; remove it unless needed",
                severity="warning",
            )


_INF = float("inf")


def _too_large(value: str, digits: int | None) -> tuple[str, str]:
    shown = value if len(value) <= 24 else value[:20] + "…"
    size = f" ({digits} digits)" if digits else ""
    return (
        f"number '{shown}'{size} is too large to compute with",
        "numbers in data files are years, counts and tallies; quote it if it is text",
    )


def _file_problem(path: str, message: str, line: int = 0, hint: str | None = None) -> Problem:
    return Problem(path, line, "", message, "error", hint)


def read_bytes(path: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """Read a file's bytes, turning every way that can fail into a problem: a broken
    link, a folder, a named pipe or a device (opened without waiting, never read), a file
    over :data:`MAX_FILE_BYTES` (never read past the limit, even if it grows meanwhile),
    no permission."""
    try:
        if path.is_symlink() and not path.exists():
            return None, [
                _file_problem(shown, "broken symbolic link", hint=f"it points to {path.readlink()}")
            ]
        if path.is_dir():
            return None, [_file_problem(shown, "is a directory, expected a YAML file")]
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags)
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return None, [_file_problem(shown, "not a regular file (a pipe, socket or device)")]
            if st.st_size > MAX_FILE_BYTES:
                return None, [_too_big(shown, st.st_size)]
            chunks: list[bytes] = []
            size = 0
            while size <= MAX_FILE_BYTES:
                chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            if size > MAX_FILE_BYTES:
                return None, [_too_big(shown, size)]
            return b"".join(chunks), []
        finally:
            os.close(fd)
    except OSError as exc:
        return None, [_file_problem(shown, f"cannot read: {exc.strerror or exc}")]


def _too_big(shown: str, size: int) -> Problem:
    return _file_problem(
        shown,
        f"file too large ({size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)",
        hint="a record this big is not a record",
    )


def decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 only, no NUL bytes; a BOM is reported and removed."""
    problems: list[Problem] = []
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw[:nul].count(b"\n") + 1
        return None, [_file_problem(shown, f"binary file (NUL byte at offset {nul})", line)]
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            _file_problem(
                shown, "file starts with a UTF-8 byte-order mark", 1, "save it as UTF-8 without BOM"
            )
        )
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), problems
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        return None, problems + [
            _file_problem(
                shown,
                f"not valid UTF-8 (byte 0x{bad} at column {col})",
                line,
                "save the file as UTF-8",
            )
        ]


def parse_text(text: str, shown: str) -> Read:
    """Parse YAML text into a :class:`Read`, never raising."""
    draft = _Draft(shown)
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        lines = git_lines(text)
        line = (mark.line + 1 if lines is None else lines(mark)) if mark else 0
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        draft.problems.append(_file_problem(shown, f"YAML syntax error: {what}", line))
        return draft.done()
    except yaml.reader.ReaderError as exc:  # a raw control character in the file
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        draft.problems.append(
            _file_problem(
                shown,
                f"control character {_char(chr(exc.character))} at column {col}"
                if isinstance(exc.character, int)
                else f"YAML error: {exc}".splitlines()[0],
                line,
                "remove it; a data file holds only printable text",
            )
        )
        return draft.done()
    except yaml.YAMLError as exc:
        draft.problems.append(_file_problem(shown, f"YAML error: {exc}".splitlines()[0]))
        return draft.done()
    if node is None:
        draft.problems.append(
            _file_problem(shown, "empty file", 1, "a data file must hold a mapping")
        )
        return draft.done()
    lines = git_lines(text)
    try:
        draft.positions[()] = node.start_mark.line + 1 if lines is None else lines(node.start_mark)
        data = _Builder(draft, "&" in text, lines).build(node, ())
    except RecursionError:
        draft.problems.append(_file_problem(shown, "nested too deeply", 1))
        return draft.done()
    return draft.done(data)


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The one front door to a data file's text, shared by every command that reads
    one (validate, fmt, the writers): size, kind of file, permission and encoding
    checks, each failure a problem with the file's name."""
    raw, problems = read_bytes(path, shown)
    if raw is None:
        return None, problems
    text, more = decode(raw, shown)
    return text, problems + more


def read_yaml(path: Path, shown: str | None = None) -> Read:
    """Read one data file strictly. Every failure becomes a problem; nothing raises."""
    shown = shown or str(path)
    text, problems = read_text(path, shown)
    if text is None:
        return Read(shown, problems=problems)
    read = parse_text(text, shown)
    if problems:
        read = replace(read, problems=problems + read.problems)
    return read
