"""The engine every ``record``, ``amend``, ``remove`` and import goes through.

One change is a list of :class:`Change`: a data file and a function that edits its YAML
tree in place (ruamel.yaml round-trip, so comments, key order, quoting and the schema line
stay as they are). :func:`apply` then, under the data folder's lock:

1. re-reads every file it changes (so two processes recording at once both land: the
   second one edits the first one's result);
2. runs the edits and dumps each tree back to text;
3. validates the whole data set as it would be (:func:`ccmctl.validation.load` with the new
   bytes laid over the disk) and compares it with the data set as it is: a problem the
   change brings is a refusal, one that was there before is not the change's fault;
4. unless it is a dry run, writes every changed file through :func:`ccmctl.writing.write_files`
   in one call (temporary file, fsync, rename), or nothing at all when refused.

The result carries the unified diff, what was recorded, the new problems and warnings.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..files import FileKind, kind_of, shown
from ..problems import Problem

Tree = Any
"""A ruamel.yaml round-trip tree (CommentedMap at the top)."""


class RecordError(Exception):
    """The change cannot be built: nothing was written. ``code`` is the exit status the
    command gives (2: the request is wrong, 1: the data disagrees with it)."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Change:
    """Edit one data file: ``edit`` changes the tree in place and says what it did
    (``"engagement 2026-11-22-bilateral of IDN"``). ``create``: the file may not exist yet
    (it starts as an empty mapping under its schema line)."""

    path: Path
    edit: Callable[[Tree], str]
    create: bool = False


@dataclass
class Edit:
    """One file's text before (None: new file) and after."""

    path: Path
    shown: str
    before: str | None
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        before = (self.before or "").splitlines(keepends=True)
        return "".join(
            difflib.unified_diff(
                before,
                self.after.splitlines(keepends=True),
                fromfile=f"{self.shown} (now)" if self.before is not None else "/dev/null",
                tofile=f"{self.shown} (recorded)",
            )
        )


@dataclass
class Outcome:
    """What :func:`apply` did or would do."""

    edits: list[Edit]
    done: list[str]
    problems: list[Problem] = field(default_factory=list)
    """Errors the change would bring: the write was refused (nothing written)."""
    warnings: list[Problem] = field(default_factory=list)
    """Warnings the change brings (written anyway)."""
    written: list[Path] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.problems)

    def diff(self) -> str:
        return "".join(e.diff() for e in self.edits if e.changed)


# --- YAML round trip ------------------------------------------------------------------------


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=2, offset=0)  # the canonical layout (ccmctl fmt)
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def load_tree(text: str) -> Tree:
    from ruamel.yaml.comments import CommentedMap

    tree = _yaml().load(text)
    return CommentedMap() if tree is None else tree


def dump_tree(tree: Tree, header: str | None = None) -> str:
    buf = io.StringIO()
    _yaml().dump(tree, buf)
    out = buf.getvalue()
    if header and not out.startswith(header):
        out = header + out
    return out


# --- problems the change brings -------------------------------------------------------------


def _key(p: Problem) -> tuple[str, str, str]:
    # no line and no list index: an insertion above a problem moves both
    return (p.file, p.severity, re.sub(r"line [0-9]+", "line N", p.message))


def new_problems(before: Sequence[Problem], after: Sequence[Problem]) -> list[Problem]:
    """The problems of ``after`` that ``before`` does not have (counted, so that a second
    instance of a known problem is new)."""
    budget = Counter(_key(p) for p in before)
    paths = {(_key(p), p.path) for p in before}
    out: list[Problem] = []
    # first the problems at paths not seen before, then any left over
    ranked = sorted(after, key=lambda p: (_key(p), p.path) in paths)
    for p in ranked:
        k = _key(p)
        if budget[k] > 0:
            budget[k] -= 1
        else:
            out.append(p)
    return sorted(out, key=lambda p: (p.file, p.line, p.path, p.message))


class Check:
    """``check`` for :func:`ccmctl.writing.write_files`: the errors the would-be data set has
    that the present one has not (and the new warnings, kept for the caller)."""

    def __init__(self, root: Path, today: dt.date | None) -> None:
        self.root = root
        self.today = today
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def __call__(self, would_be: Mapping[Path, bytes]) -> list[Problem]:
        from ..validation import load

        after = load(self.root, today=self.today, overlay=would_be)
        if not after.problems:  # nothing to compare: the data set as it would be is clean
            self.errors, self.warnings = [], []
            return []
        before = load(self.root, today=self.today)
        self.errors = new_problems(before.errors, after.errors)
        self.warnings = new_problems(before.warnings, after.warnings)
        return self.errors


# --- apply ------------------------------------------------------------------------------------


def _read(path: Path, create: bool) -> str | None:
    if path.is_symlink():
        raise RecordError(f"{shown(path)}: is a symbolic link (ccmctl does not follow links)", 1)
    if not path.exists():
        if create:
            return None
        raise RecordError(f"{shown(path)}: no such file", 1)
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise RecordError(f"{shown(path)}: not UTF-8 text: run 'ccmctl validate'", 1) from None
    except OSError as exc:
        raise RecordError(f"{shown(path)}: cannot read: {exc.strerror or exc}", 1) from None


def _unreadable(path: Path, exc: Exception) -> str:
    """One line for a file ruamel.yaml cannot load: where, and what."""
    mark = getattr(exc, "problem_mark", None)
    where = f"{shown(path)}:{mark.line + 1}" if mark is not None else shown(path)
    what = getattr(exc, "problem", None) or (str(exc).splitlines() or ["cannot be read"])[0]
    return f"{where}: {what} (run 'ccmctl validate' and fix it first)"


def _header(root: Path, path: Path) -> str | None:
    kind: FileKind | None = kind_of(root, path)
    return f"# yaml-language-server: $schema={kind.schema_line}\n" if kind else None


def apply(
    root: Path,
    changes: Sequence[Change],
    *,
    today: dt.date | None,
    dry_run: bool = False,
) -> Outcome:
    """Run ``changes`` on the data folder ``root`` (see the module's docstring). Raises
    :class:`RecordError` when a change cannot be built, :class:`ccmctl.writing.WriteError`
    when a file cannot be written; a refusal is ``Outcome.problems``, never an exception."""
    from ruamel.yaml.error import YAMLError

    from ..writing import RefusedWrite, lock, write_files

    root = Path(root)
    with lock(root):
        trees: dict[Path, Tree] = {}
        before: dict[Path, str | None] = {}
        done: list[str] = []
        for change in changes:
            path = change.path
            if path not in trees:
                text = _read(path, change.create)
                before[path] = text
                try:
                    trees[path] = load_tree(text or "")
                except YAMLError as exc:
                    raise RecordError(_unreadable(path, exc), 1) from None
            done.append(change.edit(trees[path]))
        edits = [
            Edit(p, shown(p), before[p], dump_tree(t, _header(root, p))) for p, t in trees.items()
        ]
        outcome = Outcome(edits, done)
        check = Check(root, today)
        new = {e.path: e.after for e in edits if e.changed}
        if dry_run or not new:
            check({p: t.encode("utf-8") for p, t in new.items()})
        else:
            try:
                outcome.written = write_files(root, new, check=check)
            except RefusedWrite:
                pass
        outcome.problems, outcome.warnings = check.errors, check.warnings
        return outcome
