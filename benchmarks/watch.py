"""How fast ``pykata watch`` shows the result of a save (DESIGN section 9: <= 0.3 s).

``pykata watch ID`` runs in a pseudo-terminal on a scratch copy of the catalog. Each round saves
the solution (the screen must then say "passed") and then the stub again ("not-started"); the
time from the save to the finished screen is measured, as a learner would see it. In the same
run, a cold ``pykata grade ID`` is timed, so the warm process's gain is reported as a ratio.
Usage: ``python benchmarks/watch.py [--rounds N] [--kata ID]`` (POSIX only: it needs a pty).
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="saves of each kind (default 10)")
    parser.add_argument("--kata", default="decorators/repeat-decorator", help="the kata watched")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pykata-bench-") as temp:
        root = scratch_catalog(Path(temp))
        topic, slug = args.kata.split("/")
        module = next((root / "solutions" / topic / slug).glob("*.py")).name
        target = root / "katas" / topic / slug / module
        stub, solution = (
            target.read_bytes(),
            (root / "solutions" / topic / slug / module).read_bytes(),
        )
        session = WatchSession(root, args.kata)
        session.next_screen_with("not-started", 0)
        passes, resets = [], []
        try:
            for _ in range(args.rounds):
                passes.append(save_and_time(session, target, solution, "passed"))
                resets.append(save_and_time(session, target, stub, "not-started"))
        finally:
            session.close()
        colds = [cold_grade(root, args.kata) for _ in range(max(3, args.rounds // 2))]
    python = sys.version.split()[0]
    print(f"pykata watch benchmark · Python {python} · {args.kata} · {args.rounds} rounds")
    watched = statistics.median(passes + resets)
    cold = statistics.median(colds)
    print(
        f"   save -> screen, solution saved:  median {statistics.median(passes):.3f} s, "
        f"worst {max(passes):.3f} s"
    )
    print(
        f"   save -> screen, stub saved again: median {statistics.median(resets):.3f} s, "
        f"worst {max(resets):.3f} s"
    )
    print(f"   a cold `pykata grade {args.kata}`: median {cold:.3f} s")
    print(f"   watch / cold grade: {watched / cold:.2f}x")
    verdict = "meets" if watched <= TARGET else "MISSES"
    print(f"   watch {verdict} the target of {TARGET} s after a save ({watched:.3f} s median)")


if __name__ == "__main__":
    main()
