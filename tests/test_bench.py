"""The benchmark scripts run (on tiny data, once each): no timing is asserted here; the
figures come from `make bench`, which CI never runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import FIXTURE, ROOT

BENCH = ROOT / "benchmarks"


def test_the_generator_makes_valid_scaled_data(tmp_path: Path):
    out = tmp_path / "x2"
    made = subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), "2", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    states = len(list((ROOT / "data" / "states").glob("*.yaml")))
    assert len(list((out / "states").glob("*.yaml"))) == 2 * states
    check = subprocess.run(
        [sys.executable, "-m", "ccmctl", "--no-cache", "validate", "--data", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr[-500:]
    fmt = subprocess.run(
        [sys.executable, "-m", "ccmctl", "--no-cache", "fmt", "--check", "--data", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert fmt.returncode == 0, fmt.stdout[-500:]  # canonical, as a data repository's is


def test_the_floor_reads_every_file():
    done = subprocess.run(
        [sys.executable, str(BENCH / "floor.py"), str(FIXTURE)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("floor: read and validated ")


def test_the_benchmark_runs_on_tiny_data():
    done = subprocess.run(
        [sys.executable, str(BENCH / "bench.py"), "--scales", "1", "--pairs", "1"]
        + ["--data", str(FIXTURE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-1000:]
    for figure in ("--help:", "validate (cold)", "report 12msp (warm)", "fmt --check (warm)"):
        assert figure in done.stdout


def test_the_benchmark_fails_loudly_on_data_it_cannot_use(tmp_path: Path):
    (tmp_path / "states").mkdir()
    done = subprocess.run(
        [sys.executable, str(BENCH / "bench.py"), "--scales", "1", "--data", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1
    assert "bench: FAILED" in done.stderr
