"""The Typer application, on which each command module registers itself.

Each command lives in its own module of this package and only parses options,
calls one query and hands the result to a reporter of :mod:`ccmctl.render`.
"""

from __future__ import annotations

import sys

import typer

app = typer.Typer(
    name="ccmctl",
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
