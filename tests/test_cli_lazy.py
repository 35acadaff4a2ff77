"""A run imports only the module of the command it runs; ``ccmctl --help`` lists every
command from ``app.COMMANDS`` without importing them. These tests hold that table to the
commands themselves, so the listing can never drift from what the commands say."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer.core
import typer.main
from conftest import DATA, ROOT

from ccmctl.cli.app import COMMANDS, app, load_all


def _python(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100", "CCMCTL_DATA": str(DATA)}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )


def _built() -> dict[str, object]:
    load_all()
    return dict(typer.main.get_group(app).commands.built)  # type: ignore[attr-defined]


def test_the_table_names_every_command_and_nothing_else() -> None:
    assert sorted(_built()) == sorted(COMMANDS), "help would list a different set"


@pytest.mark.parametrize("limit", [20, 45, 80, 10**6])
def test_the_listed_help_is_each_commands_own(limit: int) -> None:
    built = _built()
    for name, (_module, line) in COMMANDS.items():
        real = built[name].get_short_help_str(limit)  # type: ignore[attr-defined]
        listed = typer.core.TyperCommand(name, help=line).get_short_help_str(limit)
        assert listed == real, f"{name}: the table says {listed!r}, the command {real!r}"


def test_each_module_registers_the_commands_the_table_gives_it() -> None:
    script = (
        "import typer.main\n"
        "from ccmctl.cli.app import COMMANDS, app, load\n"
        "for name, (module, _line) in COMMANDS.items():\n"
        "    load(name)\n"
        "    built = typer.main.get_group(app).commands.built\n"
        "    assert name in built, (name, module)\n"
        "print('ok')\n"
    )
    result = _python("-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"


def test_help_from_the_table_is_the_help_of_the_commands() -> None:
    cold = _ccmctl("--help")
    assert cold.returncode == 0, cold.stderr
    warm = _ccmctl("--help", all_loaded=True)
    assert warm.returncode == 0, warm.stderr
    assert cold.stdout == warm.stdout
    for name in COMMANDS:
        assert f"\n  {name} " in cold.stdout


def _ccmctl(
    *argv: str, report_modules: bool = False, all_loaded: bool = False
) -> subprocess.CompletedProcess[str]:
    """``ccmctl ARGV`` in a fresh interpreter; with ``report_modules``, the modules it
    imported on the last line of standard output; with ``all_loaded``, every command's
    module imported first."""
    script = (
        "import atexit, sys\n"
        + (
            "atexit.register(lambda: print(' '.join(sorted(sys.modules))))\n"
            if report_modules
            else ""
        )
        + ("from ccmctl.cli.app import load_all; load_all()\n" if all_loaded else "")
        + f"sys.argv = ['ccmctl', *{list(argv)!r}]\n"
        "from ccmctl.cli import main\n"
        "main()\n"
    )
    return _python("-c", script)


def _imported(*argv: str) -> set[str]:
    result = _ccmctl(*argv, report_modules=True)
    assert result.returncode == 0, result.stderr[-2000:]
    return set(result.stdout.splitlines()[-1].split())


def test_a_run_imports_only_its_own_command() -> None:
    modules = _imported("validate")
    assert "ccmctl.cli.check" in modules
    for other in ("ccmctl.cli.record", "ccmctl.cli.report", "ccmctl.cli.targets"):
        assert other not in modules, f"validate imported {other}"
    for heavy in ("ccmctl.recording", "jinja2", "matplotlib", "ruamel", "ruamel.yaml"):
        assert heavy not in modules, f"validate imported {heavy}"


def test_help_imports_no_command_and_no_model() -> None:
    modules = _imported("--help")
    assert not {m for m in modules if m.startswith("ccmctl.cli.") and m != "ccmctl.cli.app"}
    assert "ccmctl.schema" not in modules
    assert "yaml" not in modules


def test_an_unknown_command_still_suggests_the_nearest(runner) -> None:  # noqa: ANN001
    result = runner.invoke(app, ["valdate"])
    assert result.exit_code == 2
    assert "Did you mean 'validate'?" in result.output


def test_a_group_resolves_lazily_too(runner) -> None:  # noqa: ANN001
    result = runner.invoke(app, ["record", "--help"])
    assert result.exit_code == 0
    assert "engagement" in result.output


def _entry_point_scans(env: dict[str, str]) -> int:
    """How many times a ccmctl run asks the installed distributions for Pydantic plugins."""
    import os
    import subprocess
    import sys

    from conftest import DATA

    script = (
        "import atexit, importlib.metadata as md, sys\n"
        "calls = []\n"
        "real = md.entry_points\n"
        "md.entry_points = lambda **k: calls.append(k) or real(**k)\n"
        "atexit.register(lambda: sys.stderr.write(f'scans={len(calls)}\\n'))\n"
        f"sys.argv = ['ccmctl', '--no-cache', 'validate', '--data', {str(DATA)!r}]\n"
        "from ccmctl.cli import main\n"
        "main()\n"
    )
    full = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"} | env
    done = subprocess.run([sys.executable, "-c", script], env=full, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return int(done.stderr.strip().splitlines()[-1].removeprefix("scans="))


def test_pydantic_plugins_are_not_looked_for_unless_the_user_asks():
    assert _entry_point_scans({}) == 0
    assert _entry_point_scans({"PYDANTIC_DISABLE_PLUGINS": ""}) == 1  # the user's choice kept


def _cold_validate_imports(plugins: str | None) -> tuple[str, set[str]]:
    """What a run that builds every validator (no cache) prints, and the modules it
    imported, with ``PYDANTIC_DISABLE_PLUGINS`` unset (None) or set to ``plugins``."""
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(' '.join(sorted(sys.modules))))\n"
        f"sys.argv = ['ccmctl', '--no-cache', 'validate', '--data', {str(DATA)!r}]\n"
        "from ccmctl.cli import main\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if plugins is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = plugins
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    *shown, modules = done.stdout.splitlines()
    return "\n".join(shown), set(modules.split())


def test_with_plugins_off_pydantic_s_plugin_loader_is_never_imported():
    """Its import of importlib.metadata (email, zipfile, csv…) is for finding plugins:
    with every plugin off, ccmctl's stand-in answers, and the output is the same."""
    off, off_modules = _cold_validate_imports(None)
    on, on_modules = _cold_validate_imports("")  # the user's own plugins: the real loader
    assert "importlib.metadata" not in off_modules and "email" not in off_modules
    assert "importlib.metadata" in on_modules
    assert off == on and off.startswith("ok: ")


def test_the_stand_in_loader_answers_as_pydantic_s_own(monkeypatch):
    """No plugins, and any other name from the real loader, then in its place."""
    from ccmctl import cli

    real = sys.modules.get(cli.PLUGIN_LOADER)
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    monkeypatch.delitem(sys.modules, cli.PLUGIN_LOADER, raising=False)
    cli._no_plugin_loader()
    stand_in = sys.modules[cli.PLUGIN_LOADER]
    assert stand_in is not real
    assert list(stand_in.get_plugins()) == []
    import importlib.util

    assert importlib.util.find_spec(cli.PLUGIN_LOADER) is stand_in.__spec__
    assert stand_in.PYDANTIC_ENTRY_POINT_GROUP == "pydantic"  # looked up in the real one
    assert sys.modules[cli.PLUGIN_LOADER] is not stand_in  # which now stands in its place
    monkeypatch.delitem(sys.modules, cli.PLUGIN_LOADER)
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "")
    cli._no_plugin_loader()  # plugins on: nothing stands in
    assert cli.PLUGIN_LOADER not in sys.modules
