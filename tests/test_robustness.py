"""Bad input never crashes ccmctl: a corpus of broken files, generated monsters, random
mutations of real files. No command writes to data/ (but fmt); output is deterministic.

The corpus is laid over a copy of the small fixture data set (tests/fixtures/data), not
of data/: adding a record to data/ never moves the line a case must print."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccmctl.validation import load

CORPUS = ROOT / "tests" / "bad_inputs"
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
"""The data set the corpus is laid over: small, and untouched by edits to data/."""


def corpus() -> list[tuple[str, str, str]]:
    rows = []
    for line in (CORPUS / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, target, expected = line.split("\t")
            rows.append((name, target, expected))
    return rows


def test_corpus_is_large_and_complete():
    rows = corpus()
    assert len(rows) >= 40
    assert {r[0] for r in rows} == {p.name for p in CORPUS.glob("*.yaml")}


def problems_of(runner, data: Path) -> tuple[int, list[str], str]:
    result = run(runner, "validate", "--data", str(data))
    lines = [
        ln.replace(f"{data}/", "")
        for ln in result.stderr.splitlines()
        if ": warning:" not in ln and not ln[0].isdigit()
    ]
    return result.exit_code, lines, result.stderr + result.stdout


def corpus_case_data(dest: Path, name: str, target: str) -> Path:
    """A copy of the fixture data set at ``dest`` with case ``name`` placed at ``target``."""
    shutil.copytree(FIXTURE_DATA, dest)
    shutil.copyfile(CORPUS / name, dest / target)
    return dest


@pytest.mark.parametrize("name, target, expected", corpus(), ids=[r[0] for r in corpus()])
def test_corpus_case_gives_its_one_line(runner, tmp_path, name, target, expected):
    data = corpus_case_data(tmp_path / "data", name, target)
    code, lines, everything = problems_of(runner, data)
    assert code == 1
    assert lines == [expected]
    assert "Traceback" not in everything


def test_twenty_megabyte_file(runner, data_copy):
    with (data_copy / "states" / "IDN.yaml").open("w") as fh:
        fh.write("iso3: IDN\nnotes:\n")
        line = "- " + "x" * 98 + "\n"
        for _ in range(200_000):
            fh.write(line)
    code, lines, everything = problems_of(runner, data_copy)
    assert code == 1 and len(lines) == 1
    assert lines[0].startswith("states/IDN.yaml: file too large (20.")
    assert "Traceback" not in everything


def test_directory_where_a_file_is_expected(runner, data_copy):
    (data_copy / "states" / "IDN.yaml").unlink()
    (data_copy / "states" / "IDN.yaml").mkdir()
    code, lines, _ = problems_of(runner, data_copy)
    assert code == 1 and lines == ["states/IDN.yaml: is a directory, expected a YAML file"]


def test_broken_symlink(runner, data_copy):
    (data_copy / "states" / "IDN.yaml").unlink()
    (data_copy / "states" / "IDN.yaml").symlink_to(data_copy / "nowhere.yaml")
    code, lines, _ = problems_of(runner, data_copy)
    assert code == 1 and len(lines) == 1
    assert lines[0].startswith("states/IDN.yaml: broken symbolic link")


def test_missing_catalogue_file(runner, data_copy):
    (data_copy / "meetings.yaml").unlink()
    code, lines, everything = problems_of(runner, data_copy)
    assert code == 1 and "meetings.yaml: missing file" in lines
    assert "Traceback" not in everything


# --- random mutations of real files -----------------------------------------------------

SAMPLES = [
    "states/IDN.yaml",
    "states/LTU.yaml",
    "states/IRQ.yaml",
    "states/USA.yaml",
    "plans/universalization-2016-2017.yaml",
    "meetings.yaml",
    "regions.yaml",
]


@pytest.fixture(scope="module")
def small_data(tmp_path_factory) -> Path:
    """Catalogues, plans and a handful of states: fast to load many times."""
    dest = tmp_path_factory.mktemp("small") / "data"
    shutil.copytree(DATA, dest, ignore=shutil.ignore_patterns("states"))
    (dest / "states").mkdir()
    for iso3 in ("IDN", "LTU", "IRQ", "USA", "NGA", "ZMB", "FRA", "DEU"):
        shutil.copyfile(DATA / "states" / f"{iso3}.yaml", dest / "states" / f"{iso3}.yaml")
    return dest


def mutate(data: bytes, op: int, pos: int, junk: bytes) -> bytes:
    lines = data.split(b"\n")
    i = pos % len(lines)
    if op == 0:  # delete a line (a key, or part of a value)
        del lines[i]
    elif op == 1:  # duplicate a line (duplicate keys, repeated items)
        lines.insert(i, lines[i])
    elif op == 2:  # swap a value's type
        if b": " in lines[i]:
            key = lines[i].split(b": ")[0]
            lines[i] = key + b": " + [b"[1, 2]", b"{a: b}", b"12", b"true", b"~", b"''"][pos % 6]
    elif op == 3:  # corrupt bytes
        flat = b"\n".join(lines)
        j = pos % max(1, len(flat))
        return flat[:j] + junk + flat[j + len(junk) :]
    elif op == 4:  # truncate
        return data[: pos % max(1, len(data))]
    else:  # re-indent a line
        lines[i] = b" " * (pos % 5) + lines[i].lstrip()
    return b"\n".join(lines)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sample=st.sampled_from(SAMPLES),
    op=st.integers(0, 5),
    pos=st.integers(0, 10_000),
    junk=st.binary(min_size=1, max_size=8),
)
def test_mutated_real_files_never_crash(small_data, tmp_path_factory, sample, op, pos, junk):
    target = small_data / sample
    original = target.read_bytes()
    try:
        target.write_bytes(mutate(original, op, pos, junk))
        ds = load(small_data)  # must not raise
        for p in ds.problems:
            text = p.text()
            assert "\n" not in text and text.startswith(str(small_data))
    finally:
        target.write_bytes(original)


# --- nothing writes to data/; same input, same bytes ----------------------------------


def tree_hash(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        h.update(str(path.relative_to(root)).encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


COMMANDS = [
    ["validate"],
    ["status", "--by", "region", "--list"],
    ["targets"],
    ["show", "IDN"],
    ["deadlines", "--all"],
    ["deadlines", "--format", "ics"],
    ["report", "12msp"],
    ["fmt", "--check"],
    ["targets", "--format", "json"],
    ["status", "--format", "csv"],
]


def test_no_command_modifies_data(runner, tmp_path):
    before = tree_hash(DATA)
    for args in COMMANDS:
        run(runner, *args)
    run(runner, "schema", "--out", str(tmp_path / "schemas"))
    run(runner, "report", "7msp", "-o", str(tmp_path / "r.md"))
    assert tree_hash(DATA) == before


def cli(args: list[str], seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "CCMCTL_TODAY": "2026-11-22", "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-m", "ccmctl", *args], capture_output=True, env=env, cwd=ROOT, check=False
    ).stdout


@pytest.mark.parametrize(
    "args",
    [
        ["targets", "--format", "json"],
        ["deadlines", "--format", "ics"],
        ["report", "12msp"],
        ["status", "--list", "--by", "subregion"],
    ],
)
def test_output_does_not_depend_on_hash_seed(args):
    assert cli(args, "1") == cli(args, "2") != b""


def test_validate_and_json_do_not_import_jinja2_or_rich():
    code = (  # printed at exit: ccmctl's main() ends the process
        "import atexit, sys, runpy; sys.argv = ['ccmctl'] + sys.argv[1:]\n"
        "atexit.register(lambda: print(sorted(m for m in ('jinja2', 'rich', 'ruamel',"
        " 'icalendar') if m in sys.modules), file=sys.stderr))\n"
        "runpy.run_module('ccmctl', run_name='__main__')\n"
    )
    for args in (["validate"], ["targets", "--format", "json"], ["status", "--format", "json"]):
        out = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "CCMCTL_TODAY": "2026-11-22"},
        )
        assert out.stderr.strip().splitlines()[-1] == "[]", (args, out.stderr)


def test_benchmark_data_is_valid_so_the_benchmark_times_real_work(tmp_path):
    """benchmarks/generate.py clones every state; a clone set that failed validation would
    make `make bench` time the error path instead of the commands."""
    out = tmp_path / "x2"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "2", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    result = load(out)
    assert not result.problems, [p.text() for p in result.problems[:3]]
    assert len(result.dataset.states) == 2 * len(list((DATA / "states").glob("*.yaml")))
