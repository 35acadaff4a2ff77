"""Docs that cannot drift: every command documented with an example; the CLI
reference generated from --help is current."""

from __future__ import annotations

import importlib.util

from conftest import ROOT, run


def load_reference():
    spec = importlib.util.spec_from_file_location(
        "cli_reference", ROOT / "scripts" / "cli_reference.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_command_has_help_and_an_example(runner):
    ref = load_reference()
    names = ref.commands()
    assert {"validate", "schema", "fmt", "status", "targets", "show", "deadlines", "report"} <= set(
        names
    )
    for name in names:
        text = run(runner, name, "--help").stdout
        assert "Examples:" in text, name
        assert f"ccmctl {name}" in text.split("Examples:")[1], name
        assert len(text.split("\n\n")[1].strip()) > 20, f"{name} lacks a description"


def test_cli_reference_is_current():
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == load_reference().reference(), "run `make docs`"


def test_readme_shows_every_command_and_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in load_reference().commands():
        assert f"ccmctl {name}" in readme, name
    setup = readme.split("## Quick start")[1].split("##")[0]
    assert setup.index("make run") < setup.index("make test")
