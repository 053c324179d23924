"""Run ``pykata verify`` for groups of katas in parallel worker processes.

Verifying grades every kata several times (solution, stub, each mutant), and many graders wait
on threads, processes or timeouts rather than the CPU, so a few workers finish the catalog much
sooner. Each worker is ``pykata verify --verdicts FILE IDS...`` and writes its verdicts as JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from .kata import Kata
from .verify import Verdict

__all__ = ["balance", "load_verdicts", "verify_in_workers", "write_verdicts"]


def balance(katas: list[Kata], workers: int) -> list[list[Kata]]:
    """Split ``katas`` into at most ``workers`` groups of about equal work (graded variants)."""
    groups: list[list[Kata]] = [[] for _ in range(max(1, min(workers, len(katas))))]
    loads = [0] * len(groups)
    for kata in sorted(katas, key=lambda k: -(len(k.mutants()) + 2) * k.timeout):
        lightest = loads.index(min(loads))
        groups[lightest].append(kata)
        loads[lightest] += len(kata.mutants()) + 2
    return [group for group in groups if group]


def verify_in_workers(
    root: Path, katas: list[Kata], sandbox: str, workers: int
) -> tuple[list[Verdict], list[str]]:
    """Verdicts for every kata in ``katas`` and problems of the runs, from parallel workers."""
    verdicts: list[Verdict] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="pykata-verify-") as temp:
        running = []
        for index, group in enumerate(balance(katas, workers)):
            out = Path(temp) / f"worker-{index}.json"
            command = [sys.executable, "-m", "pykata", "--root", str(root), "verify"]
            command += ["--sandbox", sandbox, "--verdicts", str(out), *(k.id for k in group)]
            process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
            )
            running.append((process, out, group))
        for process, out, group in running:
            _, errors = process.communicate()
            try:
                found, trouble = load_verdicts(out)
            except (OSError, ValueError, KeyError, TypeError):
                ids = ", ".join(k.id for k in group)
                tail = errors.strip()[-500:]
                problems.append(
                    f"a verify worker for {ids} failed (exit {process.returncode}): {tail}"
                )
                continue
            verdicts += found
            problems += trouble
    order = {kata.id: i for i, kata in enumerate(katas)}
    return sorted(verdicts, key=lambda v: order.get(v.kata_id, len(order))), problems


def write_verdicts(path: Path, verdicts: list[Verdict], problems: list[str]) -> None:
    data = {
        "problems": problems,
        "verdicts": [
            {
                "id": v.kata_id,
                "problems": list(v.problems),
                "caught": v.mutants_caught,
                "mutants": v.mutants,
            }
            for v in verdicts
        ],
    }
    path.write_text(json.dumps(data), encoding="utf-8")


def load_verdicts(path: Path) -> tuple[list[Verdict], list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    verdicts = [
        Verdict(str(v["id"]), tuple(map(str, v["problems"])), int(v["caught"]), int(v["mutants"]))
        for v in data["verdicts"]
    ]
    return verdicts, [str(p) for p in data["problems"]]
