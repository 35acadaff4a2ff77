"""An installed ccmctl (the wheel, not the source tree) renders reports: the default
template ships inside the package, and a data repository's own templates/ wins."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, ROOT

RUN = (
    "import sys, ccmctl; from pathlib import Path; "
    "assert Path(ccmctl.__file__).is_relative_to(Path(sys.argv[1])), ccmctl.__file__; "
    "sys.argv = ['ccmctl', *sys.argv[2:]]; from ccmctl.cli import main; main()"
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel hatchling builds from this tree, unpacked as an installer would."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("ccmctl-*.whl")
    site = out / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    return site


def ccmctl(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "CCMCTL_QUIET": "1"}
    return subprocess.run(
        [sys.executable, "-c", RUN, str(site), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


def test_wheel_ships_the_default_template(installed: Path) -> None:
    shipped = installed / "ccmctl" / "templates" / "report.md.j2"
    assert shipped.read_bytes() == (ROOT / "templates" / "report.md.j2").read_bytes()


def test_installed_report_without_source_tree(installed: Path, tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    done = ccmctl(installed, tmp_path, "report", "12msp")
    assert done.returncode == 0, done.stderr
    expected = (ROOT / "examples" / "12msp.md").read_text(encoding="utf-8")
    assert done.stdout == expected


def test_data_repository_templates_win(installed: Path, tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "report.md.j2").write_text(
        "{{ meeting.name }}: {{ counts.party }} States Parties\n", encoding="utf-8"
    )
    done = ccmctl(installed, tmp_path, "report", "12msp")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Twelfth Meeting of States Parties: 112 States Parties\n"


def test_installed_report_uses_the_templates_compiled_into_the_wheel(
    installed: Path, tmp_path: Path
) -> None:
    """The build hook compiled the shipped templates: an installed run renders the report
    without Jinja2 generating any code (a call to it fails the run here)."""
    assert list((installed / "ccmctl" / "templates" / "compiled").glob("*.py"))
    shutil.copytree(DATA, tmp_path / "data")
    refuse = (
        "import jinja2.environment as e; "
        "e.Environment._generate = lambda *a, **k: (_ for _ in ()).throw(AssertionError(a[2])); "
    )
    env = {**os.environ, "PYTHONPATH": str(installed), "CCMCTL_QUIET": "1", "CCMCTL_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", refuse + RUN, str(installed), "report", "12msp"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (ROOT / "examples" / "12msp.md").read_text(encoding="utf-8")
