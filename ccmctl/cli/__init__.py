"""The command line: the only package that writes to standard output and standard error.

``app.py`` holds the Typer application, ``options.py`` the options every command
shares, ``types.py`` their parsers, ``common.py`` loading and output, and each
command has a module of its own (``check.py``, ``status.py``…), imported only when
its command runs (``app.COMMANDS`` names them).
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import NoReturn

from .app import app


def main() -> NoReturn:
    """Console-script entry point: run the command and end the process (so it is not for
    calling inside another program: use ``app`` there, as the tests do through Typer's
    runner). An unexpected error is one line, never a traceback (set CCMCTL_DEBUG=1 to
    see it)."""
    # Pydantic looks for plugins in the entry points of every installed distribution when it
    # builds its first model (2.5 ms here with 70 of them, more in a larger environment);
    # ccmctl's models need none, and what else is installed must not change how ccmctl
    # validates. Setting the variable, even empty, lets a user have their plugins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _no_plugin_loader()
    try:
        app()
        code = 0
    except SystemExit as exc:
        code = _exit_code(exc.code)
    except Exception as exc:  # the last net: every known failure is reported before this
        if os.environ.get("CCMCTL_DEBUG"):
            raise
        _say(
            f"ccmctl: internal error: {type(exc).__name__}: {exc} "
            "(please report it; CCMCTL_DEBUG=1 shows the traceback)"
        )
        code = 70
    _end(code)


PLUGIN_LOADER = "pydantic.plugin._loader"
PLUGINS_OFF = ("__all__", "1", "true")
"""The values of ``PYDANTIC_DISABLE_PLUGINS`` that turn every plugin off (Pydantic's own)."""


def _no_plugin_loader() -> None:
    """With every Pydantic plugin off, stand in for Pydantic's plugin loader, which it
    imports when it builds its first validator and which imports ``importlib.metadata``
    (email, zipfile, csv, socket…: 8 ms of a cold run) only to be told to load nothing.
    The stand-in's ``get_plugins()`` answers what the loader's would, no plugins; any
    other name is looked up in the real loader, imported then in its place (so another
    Pydantic that needs more of it still finds it). For the life of this process, as
    :func:`main` is the whole of one."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in PLUGINS_OFF:
        return
    if PLUGIN_LOADER in sys.modules:
        return
    import types
    from importlib.machinery import ModuleSpec

    stand_in = types.ModuleType(PLUGIN_LOADER, "ccmctl's stand-in: every plugin is off")
    stand_in.__spec__ = ModuleSpec(PLUGIN_LOADER, None, origin="ccmctl (every plugin off)")

    def get_plugins() -> tuple[()]:
        return ()

    def real(name: str) -> object:
        import importlib

        if name.startswith("__"):  # the import system asks for __path__, __spec__…
            raise AttributeError(name)
        if sys.modules.get(PLUGIN_LOADER) is stand_in:
            del sys.modules[PLUGIN_LOADER]
        return getattr(importlib.import_module(PLUGIN_LOADER), name)

    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[PLUGIN_LOADER] = stand_in


def _end(code: int) -> NoReturn:
    """End the process as a normal exit does (every exit handler run, the output flushed)
    but without the interpreter's teardown, which frees every object of the loaded data
    set one by one (15-20 ms of a run over the bundled data, more at scale) only for the
    system to drop the process's memory anyway. Every writer has closed its files by now
    (writing.py, the cache's store). Where another thread still runs, or Python is to stay
    interactive (``python -i``), or this Python cannot run the handlers, it exits
    normally."""
    import threading

    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_handlers is None or sys.flags.inspect or threading.active_count() > 1:
        sys.exit(code)
    run_handlers()  # what a normal exit runs first (coverage, a user's sitecustomize…)
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped reading (`ccmctl targets | head -1`)
        code = code or 1
    except OSError as exc:  # a full disk under a redirection: the output is incomplete
        _say(f"ccmctl: cannot write the output: {exc.strerror or exc}")
        code = code or 1
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)


def _exit_code(value: object) -> int:
    """The status ``sys.exit(value)`` gives (a message is printed and gives 1)."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    _say(str(value))
    return 1


def _say(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
    except OSError:
        pass


__all__ = ["app", "main"]
