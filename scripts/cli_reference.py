"""Print the CLI reference (docs/cli.md) generated from every command's --help.

    python scripts/cli_reference.py > docs/cli.md     (or: make docs)

tests/test_docs.py fails when docs/cli.md differs from this output.
"""

from __future__ import annotations

import os

import typer
from typer.testing import CliRunner

from ccmctl.cli import app


def commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def help_text(*args: str) -> str:
    env = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    result = CliRunner().invoke(app, [*args, "--help"], env=env, prog_name="ccmctl")
    return result.output.rstrip() + "\n"


def reference() -> str:
    out = [
        "# ccmctl command reference",
        "",
        "Generated from `--help` by `make docs`; do not edit by hand.",
        "",
        "```",
        help_text().rstrip(),
        "```",
        "",
    ]
    for name in commands():
        out += [f"## ccmctl {name}", "", "```", help_text(name).rstrip(), "```", ""]
        for sub in subcommands(name):
            out += [f"### ccmctl {name} {sub}", "", "```", help_text(name, sub).rstrip(), "```", ""]
    return "\n".join(out)


def subcommands(name: str) -> list[str]:
    """The subcommands of a command group (``record``, ``amend``…), in the order they were
    registered; none for a plain command."""
    group = typer.main.get_command(app)
    command = group.commands[name]  # type: ignore[attr-defined]
    return list(getattr(command, "commands", {}))


if __name__ == "__main__":
    os.environ.setdefault("COLUMNS", "100")
    print(reference(), end="")
