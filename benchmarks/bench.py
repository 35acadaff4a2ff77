"""Benchmark ccmctl against the floor (read + validate with the same models) and a
peer (check-jsonschema with the exported schemas), at 1x, 10x and 50x the data.

    python benchmarks/bench.py [--runs 5] [--scales 1,10,50]      (or: make bench)

Prints median wall time, peak memory (max RSS of the process) and ratios, and the
goals from the issue it answers. It reports; it does not assert.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CCMCTL = str(BIN / "ccmctl")
ENV = {**os.environ, "CCMCTL_TODAY": "2026-11-22", "CCMCTL_QUIET": "1"}


def measure(cmd: list[str], runs: int, ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Median seconds and max peak RSS (MB) over ``runs`` runs of ``cmd``, which must
    exit with one of ``ok`` (a crash is not a fast run)."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=ROOT
        )
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) not in ok:
            raise SystemExit(f"failed: {' '.join(cmd)}")
    return statistics.median(times), max(peaks)


def peer(data: Path, runs: int) -> tuple[float, float]:
    """check-jsonschema over every file: one process per schema, times added."""
    from ccmctl.files import KINDS

    groups = [(k.name, sorted(data.glob(k.path))) for k in KINDS]
    total, peak = 0.0, 0.0
    for kind, files in groups:
        t, p = measure(
            [
                str(BIN / "check-jsonschema"),
                "--schemafile",
                str(ROOT / "schemas" / f"{kind}.schema.json"),
                *map(str, files),
            ],
            runs,
        )
        total, peak = total + t, max(peak, p)
    return total, peak


def dataset(scale: int) -> Path:
    if scale == 1:
        return ROOT / "data"
    out = ROOT / "bench-data" / f"x{scale}"
    stamp = out / ".made-from"
    made_from = fingerprint()
    if not stamp.is_file() or stamp.read_text() != made_from:  # stale when data/ changed
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(scale), str(out)],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        stamp.write_text(made_from)
    return out


def fingerprint() -> str:
    """A hash of data/ and the generator: the scaled copies are remade when it changes."""
    import hashlib

    h = hashlib.sha256()
    files = sorted((ROOT / "data").rglob("*.yaml")) + [ROOT / "benchmarks" / "generate.py"]
    for path in files:
        h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def row(name: str, t: float, mem: float, floor: float | None) -> str:
    ratio = f"{t / floor:5.2f}x" if floor else "     "
    return f"  {name:<34} {t * 1000:8.0f} ms  {ratio}  {mem:7.1f} MB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scales", default="1,10,50")
    args = ap.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    results: dict[int, dict[str, float]] = {}
    help_t, help_m = measure([CCMCTL, "--help"], args.runs)
    print(f"ccmctl --help: {help_t * 1000:.0f} ms median, {help_m:.1f} MB (goal: < 150 ms)\n")
    for scale in scales:
        data = dataset(scale)
        n = len(list((data / "states").glob("*.yaml")))
        runs = args.runs if scale < 50 else max(3, args.runs // 2)
        print(f"scale {scale}x: {n} state files, {runs} runs each (median, peak RSS)")
        floor_t, floor_m = measure(
            [sys.executable, str(ROOT / "benchmarks" / "floor.py"), str(data)], runs
        )
        print(row("floor (CSafeLoader + models)", floor_t, floor_m, None))
        d = ["--data", str(data)]
        commands = {
            "validate": [CCMCTL, "validate", *d],
            "status --format json": [CCMCTL, "status", "--format", "json", *d],
            "targets --format json": [CCMCTL, "targets", "--format", "json", *d],
            "deadlines --format json": [CCMCTL, "deadlines", "--format", "json", *d],
            "report 12msp": [CCMCTL, "report", "12msp", *d],
        }
        results[scale] = {"floor": floor_t}
        for name, cmd in commands.items():
            t, mem = measure(cmd, runs)
            results[scale][name] = t
            print(row(name, t, mem, floor_t))
        peer_t, peer_m = peer(data, 1 if scale >= 10 else runs)
        results[scale]["peer"] = peer_t
        print(row("peer: check-jsonschema (sum)", peer_t, peer_m, floor_t))
        v = results[scale]["validate"]
        print(
            f"  validate / check-jsonschema = {v / peer_t:.2f} (goal: <= 0.25); "
            f"worst data command / floor = "
            f"{max(results[scale][k] for k in commands) / floor_t:.2f} (goal: <= 1.2)\n"
        )
    if len(scales) > 1:
        base = scales[0]
        print("growth (time at scale / time at 1x, divided by the scale; 1.0 = linear):")
        for name in ["floor", "validate", "targets --format json", "report 12msp"]:
            parts = [
                f"{s}x: {results[s][name] / results[base][name] / (s / base):.2f}"
                for s in scales[1:]
            ]
            print(f"  {name:<24} " + "  ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
