"""The layout's own rules, checked on the code: only the CLI writes to standard output
or standard error; no module is long without saying why; registries are the one list
of their ids (help and docs read them); the table of file kinds covers the data."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import DATA, ROOT, run

from ccmctl.files import KINDS, discover
from ccmctl.queries.criteria import CRITERIA
from ccmctl.queries.deadlines import KINDS as DEADLINE_KINDS
from ccmctl.queries.report import SECTIONS

PACKAGE = ROOT / "ccmctl"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _writes_to_a_stream(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("stdout", "stderr")
            and isinstance(node.value, ast.Name)
            and node.value.id == "sys"
        ):
            lines.append(node.lineno)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "print":
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_cli_writes_to_standard_streams(path: Path):
    if path.is_relative_to(PACKAGE / "cli"):
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert _writes_to_a_stream(tree) == [], f"{path}: only ccmctl/cli writes to stdout/stderr"


def test_the_stream_check_can_see_a_write():
    assert sorted(_writes_to_a_stream(ast.parse("import sys\nsys.stdout.write(1)\nprint(1)"))) == [
        2,
        3,
    ]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_long_module_without_a_reason(path: Path):
    text = path.read_text(encoding="utf-8")
    if text.count("\n") > 400:
        doc = ast.get_docstring(ast.parse(text)) or ""
        assert "Longer than 400 lines because" in doc, f"{path}: say why it is long"


def test_every_module_says_what_it_is_for():
    for path in MODULES:
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), path


@pytest.mark.parametrize(
    "registry,command",
    [(CRITERIA, "targets"), (DEADLINE_KINDS, "deadlines")],
    ids=["criteria", "deadline kinds"],
)
def test_help_lists_every_registered_id(runner, registry, command):
    text = " ".join(run(runner, command, "--help").stdout.split())
    for entry in registry.entries():
        assert entry.id in text, f"{command} --help does not name {entry.id}"
        assert entry.doc, f"{entry.id}: a registered function needs a docstring"


def test_report_sections_each_add_to_the_context(real):
    from ccmctl.queries.report import Request

    mt = real.meetings["12msp"]
    request = Request(real, mt, mt.start, [], 3, None)
    keys: set[str] = set()
    for entry in SECTIONS.entries():
        part = entry.function(request)
        assert part and not (set(part) & keys), entry.id
        keys |= set(part)


def test_the_file_kinds_cover_every_data_file():
    found, problems = discover(DATA)
    assert problems == []
    assert sorted(f.path for f in found) == sorted(DATA.rglob("*.yaml"))
    assert {k.name for k in KINDS} == {
        p.name.split(".")[0] for p in (ROOT / "schemas").glob("*.json")
    }
