"""How a run ends: ``ccmctl.cli.main`` runs every exit handler, flushes the output and
leaves without the interpreter's teardown; the exit status is the command's; output that
cannot be written is one line and exit 1, never a traceback or an 'internal error'."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CCMCTL_DEBUG"}
    return {**env, "CCMCTL_DATA": str(DATA), "CCMCTL_TODAY": "2026-11-22", **extra}


def _script(body: str, argv: list[str]) -> list[str]:
    return [sys.executable, "-c", f"import sys\nsys.argv = ['ccmctl', *{argv!r}]\n{body}"]


MAIN = "from ccmctl.cli import main\nmain()\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],  # a few bytes: they fail when the output is flushed at the end
        ["targets", "--format", "json"],  # more than a buffer: they fail while written
    ],
)
def test_a_full_disk_under_the_output_is_one_line_and_exit_1(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "ccmctl", *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
            cwd=ROOT,
            timeout=120,
        )
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines()[-1] == (
        "ccmctl: cannot write the output: No space left on device"
    )
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_a_reader_that_stops_reading_ends_the_run_quietly() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "ccmctl", "show", "IDN", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # `ccmctl show IDN | head -0`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1, err
    assert "Traceback" not in err and "Exception ignored" not in err, err


def test_every_exit_handler_runs_and_the_status_is_the_commands(tmp_path: Path) -> None:
    """Handlers registered before ccmctl is imported (as coverage or a sitecustomize
    does) and after it both run; the command's status is the process's."""
    marks = tmp_path / "marks"

    def register(word: str) -> str:
        return f"atexit.register(lambda: open({str(marks)!r}, 'a').write('{word} '))\n"

    body = (
        "import atexit\n"
        + register("before")
        + MAIN.replace("main()", register("after") + "main()")
    )
    broken = tmp_path / "data"
    broken.mkdir()
    (broken / "dataset.yaml").write_text("current_to: [\n", encoding="utf-8")
    for argv, status in (
        (["--version"], 0),
        (["status", "--as-of", "not-a-date"], 2),
        (["validate", "--data", str(broken)], 1),
        (["deadlines", "--fail-on", "unconfirmed", "--as-of", "2026-11-22"], 1),  # Art. 4 due
    ):
        marks.unlink(missing_ok=True)
        done = subprocess.run(
            _script(body, argv), capture_output=True, text=True, env=_env(), cwd=ROOT
        )
        assert done.returncode == status, (argv, done.stderr[-500:])
        assert marks.read_text().split() == ["after", "before"], argv  # last in, first run
        assert "Traceback" not in done.stderr


def test_a_thread_still_running_is_waited_for(tmp_path: Path) -> None:
    """With another thread alive the run exits as Python normally does: after it."""
    mark = tmp_path / "thread"
    body = (
        "import threading, time\n"
        "def late():\n"
        "    time.sleep(0.3)\n"
        f"    open({str(mark)!r}, 'w').write('done')\n"
        "threading.Thread(target=late).start()\n" + MAIN
    )
    done = subprocess.run(
        _script(body, ["--version"]), capture_output=True, text=True, env=_env(), cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert mark.read_text() == "done"


def test_an_unexpected_error_is_one_line_and_exit_70() -> None:
    body = (
        "import ccmctl.cli.common as common\n"
        "def boom(*a, **k):\n"
        "    raise RuntimeError('boom')\n"
        "common.today = boom\n" + MAIN
    )
    done = subprocess.run(
        _script(body, ["status"]), capture_output=True, text=True, env=_env(), cwd=ROOT
    )
    assert done.returncode == 70, done.stderr
    assert (
        done.stderr.strip()
        .splitlines()[-1]
        .startswith("ccmctl: internal error: RuntimeError: boom")
    )
