"""How fast ``pykata watch`` shows the result of a save (DESIGN section 9: <= 0.3 s).

``pykata watch ID`` runs in a pseudo-terminal on a scratch copy of the catalog. Each round saves
the solution (the screen must then say "passed") and then the stub again ("not-started"); the
time from the save to the finished screen is measured, as a learner would see it. In the same
run, a cold ``pykata grade ID`` is timed, so the warm process's gain is reported as a ratio.
Then every kata's solution is saved once, to show how many katas a learner sees within the
target (graders that check much, such as the LRU cache's Hypothesis runs, take longer).
Usage: ``python benchmarks/watch.py [--rounds N] [--kata ID] [--no-catalog]`` (POSIX only: it
needs a pty).
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.3
CLEAR = b"\033[H\033[2J"
DEADLINE = 60.0


class WatchSession:
    """``pykata watch`` in a pseudo-terminal, with a way to wait for its next screen."""

    def __init__(self, root: Path, kata_id: str) -> None:
        self.master, slave = pty.openpty()
        environ = {**os.environ, "NO_COLOR": "1", "TERM": "xterm"}
        command = [sys.executable, "-m", "pykata", "--root", str(root), "watch", kata_id]
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=environ, start_new_session=True
        )
        os.close(slave)
        self.output = b""

    def next_screen_with(self, text: str, after: int) -> float:
        """Wait for a screen drawn after byte ``after`` that shows ``text``; return when."""
        deadline = time.monotonic() + DEADLINE
        wanted = text.encode()
        while True:
            screens = self.output[after:].split(CLEAR)
            if len(screens) > 1 and wanted in screens[-1] and b"Watching" in screens[-1]:
                return time.perf_counter()
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.process.poll() is not None:
                sys.exit(f"benchmark aborted: no screen showed {text!r}:\n{self.output[-2000:]!r}")
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                self.output += os.read(self.master, 65536)

    def close(self) -> None:
        os.write(self.master, b"q")
        try:
            self.process.wait(timeout=DEADLINE)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            os.close(self.master)


def scratch_catalog(into: Path) -> Path:
    """A copy of the catalog that the benchmark may edit."""
    for folder in ("katas", "graders", "solutions"):
        shutil.copytree(ROOT / folder, into / folder)
    return into


def save_and_time(session: WatchSession, target: Path, content: bytes, shows: str) -> float:
    mark = len(session.output)
    start = time.perf_counter()
    target.write_bytes(content)
    return session.next_screen_with(shows, mark) - start


def cold_grade(root: Path, kata_id: str) -> float:
    start = time.perf_counter()
    command = [sys.executable, "-m", "pykata", "--root", str(root), "grade", kata_id]
    subprocess.run(command, capture_output=True, check=False)
    return time.perf_counter() - start


def kata_files(root: Path, kata_id: str) -> tuple[Path, bytes, bytes]:
    """The learner's file of ``kata_id`` in the scratch copy, its stub and its solution."""
    solution = next((root / "solutions" / kata_id).glob("*.py"))
    target = root / "katas" / kata_id / solution.name
    return target, target.read_bytes(), solution.read_bytes()


def time_saves(root: Path, kata_id: str, rounds: int) -> tuple[list[float], list[float]]:
    """Seconds from each save to its screen: solutions saved, then stubs saved again."""
    target, stub, solution = kata_files(root, kata_id)
    session = WatchSession(root, kata_id)
    session.next_screen_with("not-started", 0)
    passes, resets = [], []
    try:
        for _ in range(rounds):
            passes.append(save_and_time(session, target, solution, "passed"))
            resets.append(save_and_time(session, target, stub, "not-started"))
    finally:
        session.close()
    return passes, resets


def catalog_ids(root: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(root / "solutions").as_posix()
        for p in (root / "solutions").glob("*/*/mutants")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="saves of each kind (default 10)")
    parser.add_argument("--kata", default="decorators/repeat-decorator", help="the kata watched")
    parser.add_argument(
        "--no-catalog", action="store_true", help="skip the one-save-per-kata catalog pass"
    )
    args = parser.parse_args()
    python = sys.version.split()[0]
    with tempfile.TemporaryDirectory(prefix="pykata-bench-") as temp:
        root = scratch_catalog(Path(temp))
        passes, resets = time_saves(root, args.kata, args.rounds)
        colds = [cold_grade(root, args.kata) for _ in range(max(3, args.rounds // 2))]
        print(f"pykata watch benchmark · Python {python} · {args.rounds} rounds")
        watched = statistics.median(passes + resets)
        cold = statistics.median(colds)
        print(f"\n1. `pykata watch {args.kata}`: from a save to the finished screen")
        for label, times in (("solution saved", passes), ("stub saved again", resets)):
            median, worst = statistics.median(times), max(times)
            print(f"   {label:<17} median {median:.3f} s, worst {worst:.3f} s")
        ratio = watched / cold
        print(f"   a cold `pykata grade` of it: median {cold:.3f} s; watch / cold: {ratio:.2f}x")
        verdict = "meets" if watched <= TARGET else "MISSES"
        print(f"   {verdict} the target of {TARGET} s ({watched:.3f} s median)")
        if not args.no_catalog:
            print_catalog_pass(root)


def print_catalog_pass(root: Path) -> None:
    """One solution save per kata: how many katas show their pass within the target."""
    times = {kata_id: time_saves(root, kata_id, 1)[0][0] for kata_id in catalog_ids(root)}
    within = sum(seconds <= TARGET for seconds in times.values())
    print(f"\n2. Every kata, the solution saved once ({len(times)} katas)")
    print(
        f"   median {statistics.median(times.values()):.3f} s; "
        f"{within} of {len(times)} within {TARGET} s"
    )
    slowest = sorted(times.items(), key=lambda item: -item[1])[:5]
    print("   slowest: " + ", ".join(f"{kata_id} {seconds:.2f} s" for kata_id, seconds in slowest))


if __name__ == "__main__":
    main()
