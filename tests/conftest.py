"""Shared fixtures: the real data set, a writable copy of it, and a CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ccmctl.dataset import Dataset
from ccmctl.validation import load

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """The parse cache of the test run in a folder of its own, never the user's."""
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if saved is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = saved


@pytest.fixture(autouse=True)
def _stable_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deterministic output: fixed width, no colour, no CI annotations, a fixed today."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("CCMCTL_DATA", raising=False)
    monkeypatch.setenv("CCMCTL_TODAY", "2026-11-22")


@pytest.fixture(scope="session")
def real() -> Dataset:
    """The bundled data set, loaded once."""
    result = load(DATA)
    assert not result.errors, [p.text() for p in result.errors[:5]]
    return result.dataset


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data, for breaking one file at a time."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


FIXTURE = ROOT / "tests" / "fixtures" / "data"


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    """A writable copy of the small fixture data set (tests/fixtures/README.md)."""
    dest = tmp_path / "data"
    shutil.copytree(FIXTURE, dest)
    return dest


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str):
    """Invoke ccmctl; return the result (stdout and stderr kept apart)."""
    from ccmctl.cli import app

    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A parse cache of the test's own, on (whatever the environment says)."""
    from ccmctl import cache

    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("CCMCTL_NO_CACHE", raising=False)
    cache.disable(False)
    return home / "ccmctl"
