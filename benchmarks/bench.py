"""Benchmark ccmctl against the floor (read + validate with the frozen models, nothing
else: benchmarks/floor.py) at 1x, 10x and 50x the bundled data.

    python benchmarks/bench.py [--pairs 15] [--scales 1,10,50]      (or: make bench)

ccmctl runs as a user runs it: built into a wheel, installed into a folder of its own
and compiled to bytecode first (an editable install with bytecode writing off would
compile every module on every run). Each command is timed in two states of the parse
cache: **cold** (an empty cache folder for every run, so the run reads, validates and
writes every entry) and **warm** (the cache filled by an earlier run). Each figure is a
ratio taken pair by pair, the command and the floor run in turn (A B A B ...), and the
median of those ratios is printed, with the median times and the peak memory (the
largest resident set of the process). It reports; it does not assert, but it fails
(exit 1) when a scale cannot be made or a command fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
BASE_ENV = {
    **{k: v for k, v in os.environ.items() if not k.startswith("CCMCTL_")},
    "CCMCTL_TODAY": "2026-11-22",
    "CCMCTL_QUIET": "1",
}


class BenchError(Exception):
    """A scale or a command that could not run: the benchmark says so and stops."""


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mib: float


def run_once(cmd: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> Run:
    """One run of ``cmd``: wall time, user+system time and peak RSS of the process. A run
    that exits with anything but ``ok`` stops the benchmark (a crash is not a fast run)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        tail = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
        raise BenchError(f"exit {code}: {' '.join(cmd)}: {tail[0]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


@dataclass
class Pairs:
    a: list[Run]
    b: list[Run]

    def ratio(self, what: str = "wall") -> float:
        return statistics.median(getattr(x, what) / getattr(y, what) for x, y in self.pairs())

    def pairs(self) -> list[tuple[Run, Run]]:
        return list(zip(self.a, self.b, strict=True))

    def median(self, side: str, what: str = "wall") -> float:
        return statistics.median(getattr(r, what) for r in getattr(self, side))

    def peak(self, side: str) -> float:
        return max(r.peak_mib for r in getattr(self, side))


Setup = Callable[[], dict[str, str]]


def interleaved(
    a: list[str], b: list[str], n: int, env_a: Setup, env_b: Setup, done: Callable[[], None]
) -> Pairs:
    """``n`` pairs of runs, A then B; ``env_*`` make each run's environment (a fresh cache
    folder for a cold run) and ``done`` tidies up after each pair, outside the timing."""
    out = Pairs([], [])
    for _ in range(n):
        out.a.append(run_once(a, env_a()))
        out.b.append(run_once(b, env_b()))
        done()
    return out


# --- what is measured ------------------------------------------------------------------------


def install(where: Path) -> Path:
    """Build a wheel of this tree, install it (no dependencies: the venv has them) into
    ``where`` and compile it; return the folder to put first on PYTHONPATH."""
    wheels = where / "wheel"
    target = where / "site"
    build = subprocess.run(
        [PYTHON, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w"]
        + [str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if build.returncode != 0:
        raise BenchError(f"cannot build the wheel: {build.stderr.strip()[-300:]}")
    wheel = next(wheels.glob("ccmctl-*.whl"))
    inst = subprocess.run(
        [PYTHON, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target)]
        + [str(wheel)],
        capture_output=True,
        text=True,
    )
    if inst.returncode != 0:
        raise BenchError(f"cannot install the wheel: {inst.stderr.strip()[-300:]}")
    for folder in (target / "ccmctl", BENCH / "floor_models"):
        subprocess.run([PYTHON, "-m", "compileall", "-q", str(folder)], check=True)
    env = {**BASE_ENV, "PYTHONPATH": str(target)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    found = subprocess.run(
        [PYTHON, "-P", "-c", "import ccmctl; print(ccmctl.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    ).stdout.strip()
    if not found.startswith(str(target)):
        raise BenchError(f"the installed wheel is not what runs ({found})")
    return target


def dataset(scale: int) -> Path:
    if scale == 1:
        return ROOT / "data"
    out = ROOT / "bench-data" / f"x{scale}"
    stamp = out / ".made-from"
    made_from = fingerprint()
    if not stamp.is_file() or stamp.read_text() != made_from:  # stale when data/ changed
        made = subprocess.run(
            [PYTHON, str(BENCH / "generate.py"), str(scale), str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if made.returncode != 0:
            raise BenchError(f"cannot make the {scale}x data: {made.stderr.strip()[-300:]}")
        stamp.write_text(made_from)
    return out


def fingerprint() -> str:
    """A hash of data/ and the generator: the scaled copies are remade when it changes."""
    import hashlib

    h = hashlib.sha256()
    files = sorted((ROOT / "data").rglob("*.yaml")) + [BENCH / "generate.py"]
    for path in files:
        h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


COMMANDS = {
    "validate": ["validate"],
    "status --format json": ["status", "--format", "json"],
    "targets --format json": ["targets", "--format", "json"],
    "deadlines --format json": ["deadlines", "--format", "json"],
    "show IDN --format json": ["show", "IDN", "--format", "json"],
    "report 12msp": ["report", "12msp"],
}
LARGE = ("validate", "targets --format json", "report 12msp")
"""The commands timed at 10x and 50x (each run there takes seconds)."""


class Bench:
    def __init__(self, site: Path, tmp: Path, pairs: int) -> None:
        self.site = site
        self.tmp = tmp
        self.pairs = pairs
        self.warm_dir = tmp / "warm-cache"
        self.cold_dirs: list[Path] = []
        self.env = {**BASE_ENV, "PYTHONPATH": str(site)}
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.ccmctl = [PYTHON, "-P", "-m", "ccmctl"]

    def warm(self) -> dict[str, str]:
        return {**self.env, "XDG_CACHE_HOME": str(self.warm_dir)}

    def cold(self) -> dict[str, str]:
        folder = Path(tempfile.mkdtemp(prefix="cold-", dir=self.tmp))
        self.cold_dirs.append(folder)
        return {**self.env, "XDG_CACHE_HOME": str(folder)}

    def tidy(self) -> None:
        while self.cold_dirs:
            shutil.rmtree(self.cold_dirs.pop(), ignore_errors=True)

    def floor(self, data: Path) -> list[str]:
        return [PYTHON, "-P", str(BENCH / "floor.py"), str(data)]

    def vs_floor(self, args: list[str], data: Path, state: str, n: int) -> Pairs:
        cmd = [*self.ccmctl, *args, "--data", str(data)]
        setup = self.cold if state == "cold" else self.warm
        if state == "warm":
            run_once(cmd, self.warm())  # fill the cache
        return interleaved(cmd, self.floor(data), n, setup, lambda: self.env, self.tidy)


def row(name: str, p: Pairs, states: int | None = None) -> str:
    per_state = f"  {p.peak('a') * 1024 / states:6.1f} KiB/state" if states else ""
    return (
        f"  {name:<26} {p.median('a') * 1000:7.0f} ms  {p.ratio():5.2f}x floor "
        f"(cpu {p.ratio('cpu'):4.2f}x)  peak {p.peak('a'):6.1f} MiB{per_state}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--pairs", type=int, default=15, help="interleaved pairs at 1x (>= 15)")
    ap.add_argument("--large-pairs", type=int, default=3, help="pairs at 10x and 50x")
    ap.add_argument("--scales", default="1,10,50")
    ap.add_argument("--data", type=Path, help="time this data folder instead (scale 1 only)")
    args = ap.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    try:
        with tempfile.TemporaryDirectory(prefix="ccmctl-bench-") as tmp:
            return _bench(Path(tmp), scales, args)
    except BenchError as exc:
        print(f"bench: FAILED: {exc}", file=sys.stderr)
        return 1


def _bench(tmp: Path, scales: list[int], args: argparse.Namespace) -> int:
    folders = {s: args.data if args.data and s == 1 else dataset(s) for s in scales}
    for s, data in folders.items():  # every scale made before anything is timed
        if not list((data / "states").glob("*.yaml")):
            raise BenchError(f"{s}x: {data} holds no state files")
    site = install(tmp)
    b = Bench(site, tmp, args.pairs)
    print(f"ccmctl installed from a wheel into {site.parent.name}/site, compiled\n")
    n = args.pairs
    bare = interleaved(
        [*b.ccmctl, "--help"], [PYTHON, "-c", "pass"], n, b.warm, lambda: b.env, b.tidy
    )
    print(
        f"--help: {bare.median('a') * 1000:.0f} ms, {bare.ratio():.2f}x python -c pass "
        f"({bare.median('b') * 1000:.0f} ms) (goal: <= 6x)\n"
    )
    results: dict[int, dict[str, dict[str, Pairs]]] = {}
    states_at: dict[int, int] = {}
    for scale in scales:
        data = folders[scale]
        states = len(list((data / "states").glob("*.yaml")))
        states_at[scale] = states
        pairs = n if scale == 1 else args.large_pairs
        names = list(COMMANDS) if scale == 1 else list(LARGE)
        print(f"scale {scale}x: {states} state files, {pairs} pairs each, medians")
        results[scale] = {}
        for state in ("cold", "warm"):
            results[scale][state] = {}
            for name in names:
                p = b.vs_floor(COMMANDS[name], data, state, pairs)
                results[scale][state][name] = p
                print(row(f"{name} ({state})", p, states if scale > 1 else None))
        floor = next(iter(results[scale]["warm"].values()))
        print(
            f"  {'floor':<26} {floor.median('b') * 1000:7.0f} ms               "
            f"         peak {floor.peak('b'):6.1f} MiB"
        )
        for state in ("cold", "warm"):
            d = [*b.ccmctl, "--data", str(data)]
            setup = b.cold if state == "cold" else b.warm
            fmt = [*d[:4], "fmt", "--check", *d[4:]]
            val = [*d[:4], "validate", *d[4:]]
            if state == "warm":
                run_once(fmt, b.warm())
            p = interleaved(fmt, val, pairs, setup, setup, b.tidy)
            print(
                f"  fmt --check ({state}): {p.median('a') * 1000:.0f} ms, "
                f"{p.ratio():.2f}x validate ({state}) (goal: <= 1.5x)"
            )
        worst = {
            s: max(p.ratio() for p in results[scale][s].values()) for s in ("cold", "warm")
        }
        goals = (1.1, 0.8) if scale == 1 else (None, 0.5)
        print(
            f"  worst data command / floor: cold {worst['cold']:.2f}x"
            + (f" (goal: <= {goals[0]})" if goals[0] else "")
            + f", warm {worst['warm']:.2f}x (goal: <= {goals[1]})\n"
        )
    large = [s for s in scales if s > 1]
    if 1 in results and large:
        print("marginal cost per extra state (ms), against the floor's (goal: within 10%):")
        for s in large:
            extra = states_at[s] - states_at[1]
            for state in ("cold", "warm"):
                for name in LARGE:
                    big, small = results[s][state][name], results[1][state][name]
                    mine = (big.median("a") - small.median("a")) / extra * 1000
                    floor = (big.median("b") - small.median("b")) / extra * 1000
                    print(
                        f"  {s}x {name} ({state}): {mine:.3f} vs floor {floor:.3f}"
                        f" = {mine / floor:.2f}"
                    )
        print("\npeak memory per state (goal at 50x: <= 24 KiB):")
        for s in large:
            for state in ("cold", "warm"):
                peak = max(p.peak("a") for p in results[s][state].values())
                floor_peak = max(p.peak("b") for p in results[s][state].values())
                print(
                    f"  {s}x {state}: {peak:.0f} MiB, {peak * 1024 / states_at[s]:.1f} KiB "
                    f"per state (the floor: {floor_peak:.0f} MiB)"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
