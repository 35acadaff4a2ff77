"""The Typer application, on which each command module registers itself.

Each command lives in its own module of this package and only parses options,
calls one query and hands the result to a reporter of :mod:`ccmctl.render`.

A run imports only the module of the command it runs: :data:`COMMANDS` names each
command's module and its one-line help, which is all ``ccmctl --help`` needs to list
them (tests/test_cli_lazy.py checks the table against the commands themselves).
Importing every module and building every command cost about 100 ms a run.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
import typer.core
import typer.main

#: Every command, in the order ``ccmctl --help`` lists them: the module that registers
#: it (on :data:`app`) and its one-line help, the first paragraph of its own help.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": (
        "check",
        "Check every data file and every cross-record rule; report all problems.",
    ),
    "schema": (
        "check",
        "Print (or write) JSON Schema for the data files, generated from the models.",
    ),
    "fmt": ("check", "Rewrite data files in the canonical format."),
    "status": (
        "status",
        "Count States Parties, signatories, states not signed and withdrawn states on a date.",
    ),
    "targets": (
        "targets",
        "Rank the states not party to approach next, with the reasons for each.",
    ),
    "show": (
        "show",
        "One state's profile: CCM status and the events behind it, other treaties, votes, "
        "commitments, profile, outreach, and every target criterion with its evidence.",
    ),
    "deadlines": (
        "deadlines",
        "What is due, overdue or done: work-plan activities and the Convention's own "
        "deadlines (entry into force, Article 7 reports, Article 3 stockpile destruction, "
        "Article 4 clearance, withdrawals), classified on the as-of date.",
    ),
    "report": (
        "report",
        "Write the universalization progress report for a meeting: Markdown, HTML, Word or PDF.",
    ),
    "remove": (
        "amend",
        "Delete one record, through the same writer as record (the diff shown; refused if "
        "anything still refers to it).",
    ),
    "map": (
        "map",
        "A world map of every state's CCM status on a date: State Party, signatory, not "
        "signed, withdrawn, with its legend, the date and the UN disclaimer on boundaries.",
    ),
    "outreach": (
        "outreach",
        "Engagements with states: who was approached, when, by whom, with what outcome, the "
        "next step and its due day, oldest first.",
    ),
    "changes": (
        "changes",
        "Everything that happened since a day or a meeting, in date order: treaty events "
        "(signatures, deposits, withdrawals, Article 3 and 4 completions and extensions, UNGA "
        "resolutions, meetings) and the users' records (engagements, survey answers, "
        "obstacles, plan activity status, Article 7 reports).",
    ),
    "record": (
        "record",
        "Record what happened, without opening a YAML file: an engagement, a survey answer, "
        "an obstacle, an activity's status, an Article 7 report, a treaty event, the day the "
        "treaty record was checked, a meeting, a source, a plan or a plan item.",
    ),
    "amend": (
        "amend",
        "Correct one record: set fields (--FIELD VALUE) or remove them (--unset FIELD).",
    ),
    "survey": (
        "survey",
        "The survey of states not party on why they have not joined (2023-2024 work plan): "
        "with no subcommand, the latest answer of each state not party tallied by position "
        "and reason, overall and by region (internal answers left out unless "
        "--include-internal).",
    ),
    "unga": ("unga", "The yearly UNGA resolution on the Convention and each state's vote."),
}


def load(name: str) -> None:
    """Import the module that registers command ``name`` on :data:`app`."""
    importlib.import_module(f"{__package__}.{COMMANDS[name][0]}")


def load_all() -> None:
    """Import every command's module (the CLI reference and the tests need them all)."""
    for name in COMMANDS:
        load(name)


class _Commands(MutableMapping[str, Any]):
    """A group's commands, each built on first use: every name of :data:`COMMANDS` is
    a key (so listing, completion and "did you mean" see them all), and looking one up
    imports its module and builds it."""

    def __init__(self, built: MutableMapping[str, Any]) -> None:
        self.built = dict(built)

    def __getitem__(self, name: str) -> Any:
        if name not in self.built and name in COMMANDS:
            load(name)
            self.built.update(typer.main.get_group(app).commands.built)  # type: ignore[attr-defined]
        return self.built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        del self.built[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self.built if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS) + sum(1 for name in self.built if name not in COMMANDS)

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self.built


class LazyGroup(typer.core.TyperGroup):
    """The root group: commands built on first use; help lists them from :data:`COMMANDS`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _Commands(self.commands)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        commands = self.commands
        assert isinstance(commands, _Commands)
        listing = {
            name: commands.built.get(name) or typer.core.TyperCommand(name, help=line)
            for name, (_module, line) in COMMANDS.items()
        }
        self.commands = listing
        try:
            super().format_commands(ctx, formatter)
        finally:
            self.commands = commands


app = typer.Typer(
    name="ccmctl",
    cls=LazyGroup,
    help="Treaty status, universalization targets, deadlines and progress reports for the "
    "Convention on Cluster Munitions, computed from version-controlled YAML.\n\n"
    "Examples:\n\n"
    "  ccmctl validate\n\n"
    "  ccmctl status --as-of 12msp --by region\n\n"
    "Data is read from --data, else $CCMCTL_DATA, else ./data.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            sys.stdout.write(f"ccmctl {version('ccmctl')}\n")
        except PackageNotFoundError:
            sys.stdout.write("ccmctl (not installed)\n")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    no_cache: bool = typer.Option(
        False,
        "--no-cache",
        help="Read and validate every data file, without the parse cache in "
        "$XDG_CACHE_HOME/ccmctl (also: CCMCTL_NO_CACHE=1).",
    ),
) -> None:
    """Treaty status, universalization targets, deadlines and progress reports for the
    Convention on Cluster Munitions, computed from version-controlled YAML."""
    from ..cache import disable

    disable(no_cache)  # each invocation says (tests run many in one process)
