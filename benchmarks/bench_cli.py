"""Command-line benchmark: whole-process wall time of catalog commands, as a person runs them.

Run: `.venv/bin/python benchmarks/bench_cli.py [--runs 15] [--json]`.

Each command is run ``--runs`` times as a fresh process (`.venv/bin/tpx ...`, output discarded),
the commands interleaved so machine noise falls on all alike.  Wall time is from before the
process starts until it exits; CPU time is the child's user + system time.  The load average is
printed before and after.  One warm-up run per command first (compiles stale .pyc files).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TPX = str(Path(sys.executable).parent / "tpx")
COMMANDS = {
    "show infraspinatus --json": ["show", "infraspinatus", "--json"],
    "candidates --area temple --side right --json": ["candidates", "--area", "temple", "--side", "right", "--json"],
}


def run_once(args: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([TPX, *args], stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"n": len(values), "min": ordered[0], "median": statistics.median(ordered),
            "p90": ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))], "max": ordered[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command (>= 10)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    load_before = os.getloadavg()
    for command in COMMANDS.values():
        run_once(command)
    wall: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpu: dict[str, list[float]] = {name: [] for name in COMMANDS}
    names = list(COMMANDS)
    for i in range(args.runs):
        for name in names[i % len(names):] + names[:i % len(names)]:
            w, c = run_once(COMMANDS[name])
            wall[name].append(w)
            cpu[name].append(c)
    result = {"wall_ms": {n: summary(v) for n, v in wall.items()}, "cpu_ms": {n: summary(v) for n, v in cpu.items()},
              "load_average_before": load_before, "load_average_after": os.getloadavg()}
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"load average before {' '.join(f'{x:.2f}' for x in load_before)}, "
          f"after {' '.join(f'{x:.2f}' for x in result['load_average_after'])}; target <= 250 ms wall")
    for name in names:
        w, c = result["wall_ms"][name], result["cpu_ms"][name]
        print(f"tpx {name}\n  wall n={w['n']} min {w['min']:.0f}  median {w['median']:.0f}  p90 {w['p90']:.0f}  "
              f"max {w['max']:.0f} ms;  CPU median {c['median']:.0f}  max {c['max']:.0f} ms")


if __name__ == "__main__":
    main()
