"""Hostile data and ordinary mistakes (issue 16): values Python cannot hold, fmt under a
file-size limit, templates as data, usage errors, validation gaps, terminals, and a second
bad-input corpus (tests/bad_inputs_more/) run through the CLI, on a pipe and on a
pseudo-terminal. No case may reach the catch-all ("internal error", exit 70)."""

from __future__ import annotations

import csv
import fcntl
import hashlib
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from conftest import DATA, FIXTURE, ROOT
from typer.testing import CliRunner

from ccmctl.domain.iso3166 import ALPHA3
from ccmctl.reading import git_lines, parse_text

MORE = ROOT / "tests" / "bad_inputs_more"
FIRST = ROOT / "tests" / "bad_inputs"
CCMCTL = [sys.executable, "-m", "ccmctl"]


# --- helpers ------------------------------------------------------------------------------


def unescape(text: str) -> str:
    """``\\n``, ``\\r``, ``\\t``, ``\\xHH`` and ``\\\\`` in a corpus column."""
    table = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}
    return re.sub(
        r"\\(x[0-9a-fA-F]{2}|[nrt\\])",
        lambda m: chr(int(m[1][1:], 16)) if m[1][0] == "x" else table[m[1]],
        text,
    )


def tree_digest(base: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(base).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[rel] = "dir"
    return out


def env(*, colour: bool = False) -> dict[str, str]:
    out = {**os.environ, "CCMCTL_TODAY": "2026-11-22", "COLUMNS": "250", "PYTHONPATH": str(ROOT)}
    out.pop("GITHUB_ACTIONS", None)
    out.pop("CCMCTL_DEBUG", None)
    if colour:
        out.pop("NO_COLOR", None)
        out["TERM"] = "xterm-256color"
    return out


def on_pipe(args: list[str], cwd: Path, timeout: float = 60) -> tuple[int, bytes]:
    done = subprocess.run(
        [*CCMCTL, *args], capture_output=True, env=env(), cwd=cwd, timeout=timeout, check=False
    )
    return done.returncode, done.stdout + done.stderr


def on_pty(args: list[str], cwd: Path, timeout: float = 60) -> tuple[int, bytes]:
    """Run ccmctl with standard output and error on a pseudo-terminal (colour on, 250
    columns so that no cell wraps): what a person at a terminal sees, byte for byte."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 250, 0, 0))
    proc = subprocess.Popen(
        [*CCMCTL, *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env(colour=True),
        cwd=cwd,
        close_fds=True,
    )
    os.close(slave)
    out = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(master)
    return proc.wait(timeout=timeout), out


def in_process(runner: CliRunner, args: list[str]) -> tuple[int, str]:
    """Invoke the app as the console script does; an exception escaping it is what the
    catch-all of ccmctl.cli.main would turn into 'internal error' (exit 70)."""
    from ccmctl.cli import app

    result = runner.invoke(app, args, catch_exceptions=True)
    exc = result.exception
    assert exc is None or isinstance(exc, SystemExit), (
        f"{args} reaches the catch-all: {type(exc).__name__}: {exc}"
    )
    return result.exit_code, result.stdout + result.stderr


def assert_not_caught_all(code: int, output: str | bytes, what: object) -> None:
    text = output.decode("utf-8", "replace") if isinstance(output, bytes) else output
    assert code != 70 and "internal error" not in text, (what, text[-2000:])
    assert "Traceback" not in text, (what, text[-2000:])


# --- the second corpus --------------------------------------------------------------------


def more_rows() -> list[tuple[str, str, str, int, str]]:
    rows = []
    for line in (MORE / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, target, command, code, check = line.split("\t")
            rows.append((name, unescape(target), command, int(code), check))
    return rows


def row_id(row: tuple[str, str, str, int, str]) -> str:
    return f"{row[0]}|{row[2]}"


def lay(tmp: Path, name: str, target: str) -> Path:
    """A copy of the fixture data at tmp/data with case ``name`` placed at ``target`` (a
    folder case is laid over the whole copy; ``-`` places nothing)."""
    data = tmp / "data"
    shutil.copytree(FIXTURE, data)
    case = MORE / name
    if name == "-":
        pass
    elif case.is_dir():
        shutil.copytree(case, data, dirs_exist_ok=True)
    else:
        shutil.copyfile(case, data / target)
    return data


def command_of(command: str, data: Path, tmp: Path) -> list[str]:
    args = [a.replace("{data}", str(data)).replace("{tmp}", str(tmp)) for a in command.split(" ")]
    return [*args, "--data", str(data)] if args[0] != "schema" else args


def problem_lines(output: str, data: Path) -> list[str]:
    """The problem lines of validate/fmt output, paths relative to the data folder."""
    skip = ("note: ", "ok: ")
    return [
        ln.replace(f"{data}/", "")
        for ln in output.splitlines()
        if ln and not ln.startswith(skip) and not re.match(r"^\d+ (error|file)", ln)
    ]


def check_output(check: str, code: int, output: str, data: Path, what: object) -> None:
    kind, text = check[0], unescape(check[1:])
    if kind == "=":
        assert problem_lines(output, data) == [text], what
    elif kind == "~":
        assert text in output, (what, output[-3000:])
    elif kind == "!":
        assert text not in output, (what, output[-3000:])
    elif kind == "#":
        annotations = [ln for ln in output.splitlines() if ln.startswith("::")]
        summary = re.search(r"(\d+) error\(s\), (\d+) warning\(s\)", output)
        assert summary, (what, output)
        assert len(annotations) == int(summary[1]) + int(summary[2]), (what, output)
        for ln in annotations:
            assert re.match(r"^::(error|warning) file=[^:\n]*,line=\d+::", ln), (what, ln)
    else:
        raise AssertionError(f"unknown check {check!r}")


def test_second_corpus_is_complete():
    rows = more_rows()
    names = {r[0] for r in rows} - {"-"}
    assert names == {p.name for p in MORE.iterdir() if p.name not in ("EXPECTED.tsv", "README.md")}
    assert len(rows) >= 50


@pytest.mark.parametrize("row", more_rows(), ids=[row_id(r) for r in more_rows()])
def test_second_corpus_case(runner, tmp_path, row):
    name, target, command, expected_code, check = row
    data = lay(tmp_path, name, target)
    before = tree_digest(data)
    code, output = in_process(runner, command_of(command, data, tmp_path))
    assert_not_caught_all(code, output, row)
    assert code == expected_code, (row, output[-3000:])
    check_output(check, code, output, data, row)
    assert tree_digest(data) == before  # no command here changes the data


TERMINAL_ROWS = [r for r in more_rows() if r[0].startswith("terminal-")]


@pytest.mark.parametrize("row", TERMINAL_ROWS, ids=[row_id(r) for r in TERMINAL_ROWS])
@pytest.mark.parametrize("where", ["pipe", "pty"])
def test_terminal_cases_on_a_pipe_and_a_pseudo_terminal(tmp_path, row, where):
    name, target, command, expected_code, check = row
    data = lay(tmp_path, name, target)
    code, raw = (on_pty if where == "pty" else on_pipe)(command_of(command, data, tmp_path), ROOT)
    assert_not_caught_all(code, raw, row)
    assert code == expected_code, (where, row, raw[-2000:])
    assert b"\x1b]8;;http://e" not in raw and b"\x07" not in raw  # no OSC, no BEL from data
    output = raw.decode("utf-8")
    if where == "pty":  # drop rich's own styling and the terminal's CRLF before comparing
        output = re.sub(r"\x1b\[[0-9;]*m", "", output).replace("\r\n", "\n")
    check_output(check, code, output, data, (where, row))


# --- every case of both corpora: never the catch-all -----------------------------------------

FIRST_CASES = [
    tuple(line.split("\t")[:2])
    for line in (FIRST / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]
ON_VALID_DATA = [
    ["status", "--list"],
    ["targets", "--format", "csv"],
    ["show", "IDN"],
    ["deadlines", "--format", "ics"],
    ["report", "12msp"],
]


def every_command_on(runner: CliRunner, data: Path, alone: Path, what: object) -> None:
    """``validate --format github`` on the data, ``fmt --check`` on ``alone`` (a folder
    holding only the case's files: fmt reads each file on its own, so the fixture's other
    files would only cost time), then the commands that compute from the data (when it
    validates; else one of them shows the refusal: they all stop at the same load).
    tests/test_robustness.py runs plain validate on the first corpus."""
    codes = {}
    for args, folder in ((["validate", "--format", "github"], data), (["fmt", "--check"], alone)):
        code, output = in_process(runner, [*args, "--data", str(folder)])
        assert_not_caught_all(code, output, (what, args))
        assert code in (0, 1, 2), (what, args, code)
        codes[args[0]] = code
    for args in ON_VALID_DATA if codes["validate"] == 0 else ON_VALID_DATA[1:2]:
        code, output = in_process(runner, [*args, "--data", str(data)])
        assert_not_caught_all(code, output, (what, args))
        assert code in (0, 1, 2), (what, args, code)


@pytest.mark.parametrize("name, target", FIRST_CASES, ids=[c[0] for c in FIRST_CASES])
def test_first_corpus_never_reaches_the_catch_all(runner, tmp_path, name, target):
    data, alone = tmp_path / "data", tmp_path / "alone" / "data"
    shutil.copytree(FIXTURE, data)
    shutil.copyfile(FIRST / name, data / target)
    (alone / target).parent.mkdir(parents=True)
    shutil.copyfile(FIRST / name, alone / target)
    every_command_on(runner, data, alone, name)


SECOND_CASES = sorted({(r[0], r[1]) for r in more_rows() if r[0] != "-"})


@pytest.mark.parametrize("name, target", SECOND_CASES, ids=[c[0] for c in SECOND_CASES])
def test_second_corpus_never_reaches_the_catch_all(runner, tmp_path, name, target):
    data = lay(tmp_path, name, target)
    alone = tmp_path / "alone" / "data"
    if (MORE / name).is_dir():
        shutil.copytree(MORE / name, alone)
    else:
        (alone / target).parent.mkdir(parents=True)
        shutil.copyfile(MORE / name, alone / target)
    every_command_on(runner, data, alone, name)


# --- 1. values Python cannot hold ------------------------------------------------------------


def test_a_5000_digit_integer_is_a_problem_with_file_and_line():
    text = "iso3: IDN\nname: Indonesia\nun: member\nnotes:\n- " + "9" * 5000 + "\n"
    read = parse_text(text, "states/IDN.yaml")
    assert [p.text() for p in read.problems] == [
        "states/IDN.yaml:5: notes[0]: number '99999999999999999999…' (5000 digits) is too "
        "large to compute with (numbers in data files are years, counts and tallies; "
        "quote it if it is text)"
    ]


@pytest.mark.parametrize("day", ["9999-12-31", "1899-12-31", "0001-01-01"])
def test_dates_outside_the_computed_years_are_problems(day):
    read = parse_text(f"date: {day}\n", "x.yaml")
    assert [p.message for p in read.problems] == [
        f"date '{day}' is outside the years ccmctl computes (1900..9998)"
    ]
    assert [p.message for p in parse_text("date: 9998-12-31\n", "x.yaml").problems] == []


def test_deadlines_on_the_last_computed_day_as_a_calendar(runner, fixture_copy):
    plan = fixture_copy / "plans" / "universalization-2023-2024.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace(
            "  section: Activities, no. 2\n",
            "  section: Activities, no. 2\n  due:\n    date: 9998-12-31\n",
            1,
        ),
        encoding="utf-8",
    )
    code, out = in_process(
        runner,
        ["deadlines", "--as-of", "9998-12-31", "--format", "ics", "--data", str(fixture_copy)],
    )
    assert code == 0, out
    assert "DTSTART;VALUE=DATE:99981231" in out
    plan.write_text(text.replace("date: 2023-11-21", "date: 9999-12-31", 1), encoding="utf-8")
    code, out = in_process(runner, ["deadlines", "--format", "ics", "--data", str(fixture_copy)])
    assert code == 1 and "outside the years ccmctl computes" in out


# --- 2. fmt: no lost byte, one front door ----------------------------------------------------

FMT_UNDER_LIMIT = """
import resource, runpy, signal, sys
resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
sys.argv = ["ccmctl", "fmt", "--data", sys.argv[1]]
runpy.run_module("ccmctl", run_name="__main__")
"""


def test_fmt_under_a_64_kib_file_size_limit_loses_no_byte(data_copy):
    sources = data_copy / "sources.yaml"
    assert sources.stat().st_size > 65536  # the rewrite cannot fit under the limit
    lines = sources.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, ln in enumerate(lines) if ln.startswith("- id: "))
    lines[first], lines[first + 1] = "- " + lines[first + 1][2:], "  " + lines[first][2:]
    sources.write_text("".join(lines), encoding="utf-8")  # title before id: not canonical
    before = tree_digest(data_copy.parent)
    done = subprocess.run(
        [sys.executable, "-c", FMT_UNDER_LIMIT, str(data_copy)],
        capture_output=True,
        text=True,
        env=env(),
        cwd=data_copy.parent,
        timeout=120,
    )
    assert done.returncode != 0
    assert tree_digest(data_copy.parent) == before  # every file, and no stray temp file
    said = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(said) == 1, done.stderr
    assert said[0].startswith("ccmctl: ") and "sources.yaml: cannot write" in said[0]
    assert "the original is unchanged" in said[0]
    assert "internal error" not in done.stderr


def test_fmt_writes_correctly_when_the_limit_allows_it(data_copy):
    meetings = data_copy / "meetings.yaml"
    text = meetings.read_text(encoding="utf-8")
    meetings.write_text(text.replace("\n  kind: ", "\n  kind:   ", 1), encoding="utf-8")
    assert meetings.stat().st_size < 65536
    done = subprocess.run(
        [sys.executable, "-c", FMT_UNDER_LIMIT, str(data_copy)],
        capture_output=True,
        text=True,
        env=env(),
        cwd=data_copy.parent,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert meetings.read_text(encoding="utf-8") == text


def one_line_of(output: bytes, shown: str) -> list[str]:
    return [ln for ln in output.decode().splitlines() if ln.startswith(shown)]


@pytest.mark.parametrize("kind", ["latin-1", "directory", "broken-link", "fifo", "50-mb"])
def test_fmt_check_says_what_validate_says_quickly(fixture_copy, kind):
    target = fixture_copy / "states" / ("x.yaml" if kind != "latin-1" else "IDN.yaml")
    if kind == "latin-1":
        target.write_bytes(target.read_bytes().replace(b"Indonesia", b"Indon\xe9sia"))
    elif kind == "directory":
        target.mkdir()
    elif kind == "broken-link":
        target.symlink_to(fixture_copy / "nowhere.yaml")
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        with target.open("wb") as fh:
            fh.write(b"iso3: XXX\nnotes:\n")
            fh.write((b"- " + b"x" * 98 + b"\n") * 500_000)
    shown = "data/states/" + target.name
    started = time.monotonic()
    v_code, v_out = on_pipe(["validate", "--data", "data"], fixture_copy.parent, timeout=30)
    f_code, f_out = on_pipe(["fmt", "--check", "--data", "data"], fixture_copy.parent, timeout=30)
    assert time.monotonic() - started < 30
    assert v_code == 1 and f_code == 1
    assert_not_caught_all(f_code, f_out, kind)
    said = one_line_of(v_out, shown)
    assert len(said) == 1 and said == one_line_of(f_out, shown), (v_out, f_out)


def test_fmt_check_on_a_folder_without_data_files(runner, tmp_path):
    code, out = in_process(runner, ["fmt", "--check", "--data", str(tmp_path)])
    assert code == 1 and out.strip().splitlines() == [
        f"ccmctl: {tmp_path}: no data files found (see 'ccmctl validate --data {tmp_path}')"
    ]
    assert in_process(runner, ["validate", "--data", str(tmp_path)])[0] == 1


# --- 3. templates are data ---------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A data repository: data/ (the fixture) and its own templates/ beside it."""
    shutil.copytree(FIXTURE, tmp_path / "data")
    (tmp_path / "templates").mkdir()
    return tmp_path


def report(runner: CliRunner, repo: Path, *extra: str) -> tuple[int, str]:
    """``report 12msp`` on the repository, its notes (what was left out) dropped."""
    code, out = in_process(runner, ["report", "12msp", "--data", str(repo / "data"), *extra])
    return code, "".join(ln for ln in out.splitlines(keepends=True) if not ln.startswith("note: "))


def test_data_repository_template_is_used(runner, repo):
    (repo / "templates" / "report.md.j2").write_text("{{ meeting.id }}\n", encoding="utf-8")
    assert report(runner, repo) == (0, "12msp\n")


def test_include_linked_outside_the_template_folder_is_refused(runner, repo, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not show\n", encoding="utf-8")
    (repo / "templates" / "part.md").symlink_to(secret)
    (repo / "templates" / "report.md.j2").write_text(
        "# x\n{% include 'part.md' %}\n", encoding="utf-8"
    )
    code, out = report(runner, repo)
    assert code == 2 and "do not show" not in out
    assert out.strip().endswith(
        f"outside the template folder {repo / 'templates'} "
        f"(included at {repo / 'templates' / 'report.md.j2'}:2)"
    )
    assert "part.md: template refused: it is a symbolic link to" in out


def test_default_template_linked_outside_is_refused(runner, repo, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not show\n", encoding="utf-8")
    (repo / "templates" / "report.md.j2").symlink_to(secret)
    code, out = report(runner, repo)
    assert code == 2 and "do not show" not in out and "template refused" in out


def test_links_inside_the_template_folder_are_fine(runner, repo):
    (repo / "templates" / "real.md").write_text("inside\n", encoding="utf-8")
    (repo / "templates" / "part.md").symlink_to(repo / "templates" / "real.md")
    (repo / "templates" / "report.md.j2").write_text("{% include 'part.md' %}", encoding="utf-8")
    assert report(runner, repo) == (0, "inside\n")


@pytest.mark.parametrize(
    "body, line, words",
    [
        ("x\n{{ range(10**6) | list | length }}\n", 2, "Range too big"),
        ("x\n\n{{ ''.__class__ }}\n", 3, "template refused: access to attribute '__class__'"),
        ("x\n{{ 'ab' * 10**8 }}\n", 2, "template refused: repeating 2 x 100000000"),
        ("x\n{{ 2 ** 100000 }}\n", 2, "template refused: 2 ** 100000 is too large"),
        ("{{ 1 / 0 }}\n", 1, "template error: ZeroDivisionError"),
        ("a\nb\n{% if %}\n", 3, "template error: "),
        ("{{ meeting.nmae }}\n", 1, "template error: "),
    ],
)
def test_template_faults_are_usage_errors_naming_template_and_line(runner, repo, body, line, words):
    mine = repo / "mine.md.j2"
    mine.write_text(body, encoding="utf-8")
    code, out = report(runner, repo, "--template", str(mine))
    assert code == 2, out
    assert out.startswith(f"ccmctl: {mine}:{line}: ") and words in out, out
    assert len(out.strip().splitlines()) == 1


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_template_loop_that_prints_nothing_is_stopped(runner, repo, monkeypatch, fmt):
    """Nested ranges within the sandbox's limit, printing nothing: 10**10 turns without one
    chunk of output, so only a clock can stop them (MAX_SECONDS, lowered here)."""
    import time

    from ccmctl.render import report as rendering

    monkeypatch.setattr(rendering, "MAX_SECONDS", 0.5)
    mine = repo / ("mine.md.j2" if fmt == "markdown" else "mine.html.j2")
    mine.write_text(
        "x\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
        encoding="utf-8",
    )
    start = time.monotonic()
    code, out = report(runner, repo, "--format", fmt, "--template", str(mine))
    assert time.monotonic() - start < 30
    assert code == 2, out
    assert out.startswith(f"ccmctl: {mine}:2: template refused: the template ran longer than")
    assert len(out.strip().splitlines()) == 1


def test_non_utf8_and_oversized_templates_are_refused(runner, repo):
    (repo / "templates" / "report.md.j2").write_bytes(b"ok\nnot \xe9 utf-8\n")
    code, out = report(runner, repo)
    shown = repo / "templates" / "report.md.j2"
    assert code == 2 and out.startswith(f"ccmctl: {shown}:2: template is not valid UTF-8")
    (repo / "templates" / "report.md.j2").write_text("x" * (1024 * 1024 + 1), encoding="utf-8")
    code, out = report(runner, repo)
    assert code == 2 and out.startswith(f"ccmctl: {shown}: template refused: larger than 1 MB")


# --- 4. ordinary mistakes --------------------------------------------------------------------


@pytest.mark.parametrize(
    "where, words",
    [
        ("{tmp}", "it is a folder, not a file"),
        ("{tmp}/missing/out.csv", "does not exist"),
        ("/proc/version", "cannot write"),
    ],
)
def test_output_that_cannot_be_written_is_a_usage_error(runner, tmp_path, where, words):
    target = where.replace("{tmp}", str(tmp_path))
    code, out = in_process(runner, ["targets", "-o", target, "--data", str(FIXTURE)])
    lines = [ln for ln in out.splitlines() if not ln.startswith("note: ")]
    assert code == 2 and len(lines) == 1 and lines[0].startswith(f"ccmctl: {target}: ")
    assert words in lines[0]
    if target == "/proc/version":  # as root no EACCES: /proc refuses new files instead
        assert "does not exist" not in lines[0]


def test_schema_out_dir_onto_a_file(runner, tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    code, out = in_process(runner, ["schema", "--out-dir", str(afile)])
    assert code == 2 and out == f"ccmctl: --out-dir {afile}: is a file, not a folder\n"


# --- 5. validation gaps --------------------------------------------------------------------


def test_iso3166_module_is_the_reference_table():
    table = ROOT / "provenance" / "reference" / "iso3166-m49.csv"
    with table.open(encoding="utf-8") as fh:
        codes = {row["alpha-3"] for row in csv.DictReader(fh)}
    assert ALPHA3 == codes
    assert {"VAT", "PSE", "COK", "NIU"} <= ALPHA3 and not {"CON", "NUL", "XKX"} & ALPHA3
    assert {p.stem for p in (DATA / "states").glob("*.yaml")} <= ALPHA3


@pytest.mark.parametrize(
    "text",
    [
        'a: "x\u2028y"\nb: 1\nc: ]\n',  # LINE SEPARATOR inside a quoted text
        "a: 1\rb: 2\nc: ]\nd: 1\n",  # a lone CR: YAML counts a line, git does not
        'a: "x\u0085y"\nb: "\u2029"\nc: ]\n',  # NEL, PARAGRAPH SEPARATOR
        "a: 1\r\nb: 2\r\nc: ]\r\n",  # CRLF: both count one line
    ],
)
def test_lines_are_counted_as_git_counts_them(text):
    (problem,) = parse_text(text, "x.yaml").problems
    assert problem.line == text[: text.index("]")].count("\n") + 1


def test_unknown_key_after_a_line_separator_has_gits_line():
    text = 'a: "one\u2028two\u2029three"\nb: "x\u0085y"\nc: 1\n'
    read = parse_text(text, "x.yaml")
    assert read.positions[("c",)] == 3
    assert git_lines("plain\ntext\n") is None and git_lines("a\r\nb\r\n") is None


def test_bundled_data_has_no_new_problem():
    from ccmctl.validation import load

    assert [p.text() for p in load(DATA).errors] == []


# --- 6. terminals ----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["targets"], ["show", "IDN"], ["validate"]])
def test_data_escapes_never_reach_a_terminal(fixture_copy, args):
    idn = fixture_copy / "states" / "IDN.yaml"
    idn.write_text(
        idn.read_text(encoding="utf-8").replace(
            "name: Indonesia", 'name: "Indo [/bold] nesia\\e]8;;http://e\\ax"'
        ),
        encoding="utf-8",
    )
    code, raw = on_pty([*args, "--data", str(fixture_copy)], ROOT)
    assert_not_caught_all(code, raw, args)
    assert code == 1  # the escape is reported by validate, and stops the others
    assert b"\x1b]8;;http://e" not in raw and b"\x07" not in raw
    assert b"Indo [/bold] nesia" in raw


@pytest.mark.parametrize("args", [["targets"], ["show", "IDN"], ["status", "--list"]])
def test_markup_in_data_prints_literally_on_a_terminal(fixture_copy, args):
    idn = fixture_copy / "states" / "IDN.yaml"
    idn.write_text(
        idn.read_text(encoding="utf-8").replace(
            "name: Indonesia", "name: 'Indo [/bold] nesia [link=http://e]x[/link]'"
        ),
        encoding="utf-8",
    )
    code, raw = on_pty([*args, "--data", str(fixture_copy)], ROOT)
    assert code == 0, raw[-2000:]
    assert b"\x1b]8;" not in raw  # no hyperlink made
    if args[0] != "status":
        assert b"Indo [/bold] nesia [link=http://e]x[/link]" in raw.replace(b"\r\n", b"")
