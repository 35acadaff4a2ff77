"""``validate``, ``schema`` and ``fmt``: the commands about the data files themselves."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from .app import app
from .common import check_jobs, emit, fail, say, validated
from .options import DataOpt, OutputOpt, ProblemFormat


@app.command()
def validate(
    data: DataOpt = None,
    fmt: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, json or github (workflow annotations); auto = github "
            "when $GITHUB_ACTIONS is set, else text.",
        ),
    ] = ProblemFormat.auto,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    output: OutputOpt = None,
) -> None:
    """Check every data file and every cross-record rule; report all problems.

    One line per problem: FILE:LINE: FIELD: MESSAGE (HINT). Exit 0 when the data
    is clean, 1 when it has errors (or warnings, with --strict), 2 on usage errors.

    Examples:

      ccmctl validate

      ccmctl validate --data ../my-data --format github

      ccmctl validate --format json -o problems.json
    """
    from ..render.problems import to_github, to_json, to_text

    chosen = fmt.value
    if chosen == "auto":
        chosen = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    result = validated(data)
    failing = result.problems if strict else result.errors
    ds = result.dataset
    line = (
        f"{len(ds.states)} states, {len(ds.plans)} plans, {len(ds.meetings)} meetings, "
        f"{len(ds.sources)} sources"
    )
    if output is not None:  # the whole listing to the file; the exit code says the rest
        if chosen == "json":
            text = to_json(result.problems, line, ok=not failing)
        else:
            lines = [to_github(p) if chosen == "github" else to_text(p) for p in result.problems]
            text = "".join(f"{ln}\n" for ln in lines)
        emit(text, output)
        say(f"{len(result.errors)} error(s), {len(result.warnings)} warning(s) in {line}")
    elif chosen == "json":
        emit(to_json(result.problems, line, ok=not failing))
    else:
        for p in result.problems:
            if chosen == "github":
                emit(to_github(p) + "\n")
            else:
                say(to_text(p))
        n_err, n_warn = len(result.errors), len(result.warnings)
        if failing:
            say(f"{n_err} error(s), {n_warn} warning(s) in {line}")
        else:
            emit(f"ok: {line}" + (f", {n_warn} warning(s)" if n_warn else "") + "\n")
    raise typer.Exit(1 if failing else 0)


@app.command()
def schema(
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            "--out",
            metavar="DIR",
            help="Write one file per record kind into DIR instead of printing one schema.",
        ),
    ] = None,
    kind: Annotated[
        str,
        typer.Option("--kind", "-k", help="With no --out-dir: which schema to print."),
    ] = "state",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the one schema here."),
    ] = None,
) -> None:
    """Print (or write) JSON Schema for the data files, generated from the models.

    Editors that speak the YAML language server give completion and checks when a
    data file starts with a line such as:

      # yaml-language-server: $schema=../../schemas/state.schema.json

    Examples:

      ccmctl schema --out-dir schemas

      ccmctl schema --kind plan > plan.schema.json
    """
    from ..files import BY_NAME, KINDS, json_schema
    from ..render.json import to_json

    if out_dir is None:
        if kind not in BY_NAME:
            raise fail(f"--kind {kind!r} is not one of: {', '.join(BY_NAME)}")
        emit(to_json(json_schema(BY_NAME[kind])), output)
        return
    if out_dir.exists() and not out_dir.is_dir():
        raise fail(f"--out-dir {out_dir}: is a file, not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise fail(f"--out-dir {out_dir}: cannot create: {exc.strerror or exc}") from None
    for k in KINDS:
        path = out_dir / f"{k.name}.schema.json"
        emit(to_json(json_schema(k)), path)
        emit(f"wrote {path}\n")


@app.command()
def fmt(
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Only report files that are not in canonical format, with a diff; exit 1 if any.",
        ),
    ] = False,
    data: DataOpt = None,
) -> None:
    """Rewrite data files in the canonical format.

    Canonical: keys in schema order, two-space indent, dates unquoted, text quoted only
    where needed and always for yes/no/on/off, the schema line first. Comments are kept.
    A file is never rewritten if the result would read back differently; each is
    replaced atomically (temporary file, then rename) under a lock on the data folder.

    Examples:

      ccmctl fmt --check

      ccmctl fmt
    """
    from ..cache import open_store
    from ..canonical import format_file
    from ..files import discover
    from ..render.problems import to_text
    from .common import data_dir

    root = data_dir(data)
    if not root.is_dir():
        raise fail(f"{root}: no such data directory")
    found, _ = discover(root)  # a missing file or folder is validate's to report
    if not found:
        raise fail(f"{root}: no data files found (see 'ccmctl validate --data {root}')", 1)
    changed: dict[Path, str] = {}
    broken = 0
    terminal = sys.stdout.isatty()
    check_jobs()
    store = open_store(root, "fmt")  # the files found canonical before: not read again
    try:
        _mark_in_helpers(found, store)
        for item in found:
            result = format_file(item.kind, item.path, item.shown, store)
            if result.problem:  # read through validate's front door: the same one line
                broken += 1
                say(to_text(result.problem))
            elif result.changed:
                changed[item.path] = result.canonical or ""
                if check:
                    diff = result.diff()
                    emit(_safe(diff) if terminal else diff)
    finally:
        if store is not None:
            store.close()
    if check and changed:
        say(f"{len(changed)} file(s) not in canonical format; run 'ccmctl fmt'")
    elif changed:
        _write(root, changed)
    elif not broken:
        say("ok: every data file is in canonical format")
    raise typer.Exit(1 if (check and changed) or broken else 0)


def _mark_in_helpers(found: list[Any], store: Any) -> None:
    """On a first run (most files not yet known canonical), check the files in several
    processes at once (:mod:`ccmctl.validation.parallel`), each leaving in the store the
    marks of the files it found canonical; the loop of :func:`fmt` then reads each file
    once more and finds it marked, or checks it again itself (the few to show or to
    rewrite, and any a helper could not do). Nothing but the marks is handed back, so
    the output is the loop's as ever."""
    from ..canonical import format_file
    from ..validation import parallel

    if store is None or len(found) - len(store.index) < parallel.MIN_FILES:
        return
    n = parallel.jobs()
    if n < 2:
        return
    sizes = {}
    for i, item in enumerate(found):
        try:
            sizes[i] = item.path.stat().st_size
        except OSError:
            sizes[i] = 0

    def mark(into: Any, share: Iterator[int]) -> None:
        for i in share:
            format_file(found[i].kind, found[i].path, found[i].shown, into)
        into.flush()

    parallel.shared_out(
        sizes, n, lambda mine: mark(store, mine), lambda share: mark(store.reopened(), share)
    )
    store.refresh()


def _safe(text: str) -> str:
    from ..render.cells import safe_terminal

    return safe_terminal(text)


def _write(root: Path, changed: dict[Path, str]) -> None:
    """Write through :mod:`ccmctl.writing` (temporary file, rename, lock): a full disk or
    a quota leaves every file as it was. A refused change is the data's (exit 1); a file
    that cannot be written is the environment's, reported like ``-o`` (exit 2)."""
    from ..writing import RefusedWrite, WriteError, write_files

    try:
        written = write_files(root, changed)
    except RefusedWrite as exc:
        raise fail(_safe(str(exc)), 1) from None
    except WriteError as exc:
        raise fail(_safe(str(exc))) from None
    for path in written:
        say(f"formatted {path}")
