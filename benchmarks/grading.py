"""Grading benchmarks, reported as ratios measured in one run (DESIGN section 9).

1. The whole catalog graded against the reference solutions, sandboxed (zygote forks, fresh
   spawns, and confined spawns where this machine allows them) versus the same graders with
   probes run in-process. Target: <= 1.5x for the default mode.
2. The wall time of ``pykata grade ID`` for one kata, as a learner types it. Target: <= 0.5 s.

Rounds alternate between modes so that a busy moment of the machine hurts each mode alike; the
median of each is reported. Usage: ``python benchmarks/grading.py [--rounds N] [--kata ID]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from pykata.catalog import load_catalog
from pykata.confine import confinement_problem
from pykata.jobs import learner_jobs
from pykata.launchers import default_mode
from pykata.runner import run_jobs

ROOT = Path(__file__).resolve().parent.parent
RATIO_TARGET = 1.5
ONE_KATA_TARGET = 0.5


def time_catalog(mode: str) -> float:
    """Seconds to grade every kata's reference solution in ``mode``; fails if one does not pass."""
    catalog = load_catalog(ROOT)
    jobs = learner_jobs(list(catalog.katas), ROOT / "solutions")
    start = time.perf_counter()
    outcome = run_jobs(jobs, ROOT, mode)
    elapsed = time.perf_counter() - start
    failed = [r.id for r in outcome.results if r.status not in ("passed", "skipped")]
    if failed or outcome.problems:
        problems = [*failed, *outcome.problems]
        sys.exit(f"benchmark aborted: the solutions did not all pass in {mode} mode: {problems}")
    return elapsed


def time_one_kata(kata_id: str) -> float:
    """Wall seconds of ``pykata grade ID`` in a fresh process, as a learner runs it."""
    command = [sys.executable, "-m", "pykata", "grade", kata_id, "--source", "solutions"]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="measurements per mode (default 5)")
    parser.add_argument("--kata", default="decorators/repeat-decorator", help="the kata of test 2")
    args = parser.parse_args()
    katas = len(load_catalog(ROOT).katas)
    python = sys.version.split()[0]
    print(f"pykata benchmarks · Python {python} · {katas} katas · {args.rounds} rounds")
    modes = ["inprocess", "fork", "spawn"] + ([] if confinement_problem() else ["confined"])
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    time_catalog("inprocess")  # warm the file cache and the imports once
    for _ in range(args.rounds):
        for mode in times:
            times[mode].append(time_catalog(mode))
    median = {mode: statistics.median(values) for mode, values in times.items()}
    base = median["inprocess"]
    print("\n1. Whole catalog against the solutions (median seconds, ratio to in-process)")
    for mode, seconds in median.items():
        print(f"   {mode:<10} {seconds:7.3f} s   {seconds / base:5.2f}x")
    default = default_mode()
    verdict = "meets" if median[default] / base <= RATIO_TARGET else "MISSES"
    print(f"   sandboxed ({default}, the default here) {verdict} the target of {RATIO_TARGET}x")

    time_one_kata(args.kata)
    walls = [time_one_kata(args.kata) for _ in range(args.rounds)]
    wall = statistics.median(walls)
    verdict = "meets" if wall <= ONE_KATA_TARGET else "MISSES"
    print(f"\n2. `pykata grade {args.kata}` wall time ({default} mode, median of {args.rounds})")
    print(f"   {wall:.3f} s: {verdict} the target of {ONE_KATA_TARGET} s")


if __name__ == "__main__":
    main()
