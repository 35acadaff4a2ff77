"""The command line: the only package that writes to standard output and standard error.

``app.py`` holds the Typer application, ``options.py`` the options every command
shares, ``types.py`` their parsers, ``common.py`` loading and output, and each
command has a module of its own (``check.py``, ``status.py``…), imported only when
its command runs (``app.COMMANDS`` names them).
"""

from __future__ import annotations

import os
import sys

from .app import app


def main() -> None:
    """Console-script entry point. An unexpected error is one line, never a traceback
    (set CCMCTL_DEBUG=1 to see it)."""
    # Pydantic looks for plugins in the entry points of every installed distribution when it
    # builds its first model (2.5 ms here with 70 of them, more in a larger environment);
    # ccmctl's models need none, and what else is installed must not change how ccmctl
    # validates. Setting the variable, even empty, lets a user have their plugins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except Exception as exc:  # the last net: every known failure is reported before this
        if os.environ.get("CCMCTL_DEBUG"):
            raise
        sys.stderr.write(
            f"ccmctl: internal error: {type(exc).__name__}: {exc} "
            "(please report it; CCMCTL_DEBUG=1 shows the traceback)\n"
        )
        sys.exit(70)


__all__ = ["app", "main"]
