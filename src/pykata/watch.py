"""``pykata watch``: grade the kata being worked on each time its file is saved.

The process stays warm: pytest, Hypothesis and the graders' imports are paid once, so a save is
graded in a fraction of a second. The learner's file is polled (a cheap read of one small file)
instead of relying on platform file-change APIs, so it behaves the same everywhere and notices
every editor's way of saving. Each result is also recorded in ``reports/``, so ``pykata
progress`` sees it.
"""

from __future__ import annotations

import platform
import sys
import time
from dataclasses import replace
from typing import TextIO

from .catalog import Catalog
from .grade_records import record_run
from .hints import choose_hint, mark_seen, seen_hints
from .jobs import MAX_SOURCE_BYTES, learner_jobs
from .kata import Kata
from .keys import KeyReader
from .learner_progress import load_progress, next_kata
from .results import RunResult
from .runner import GradingInterrupted, run_jobs
from .terminal import Style, is_terminal
from .watch_screen import WatchView, render_list, render_watch_screen

POLL_SECONDS = 0.025  # a read of one small file: cheap enough to do 40 times a second
CLEAR = "\033[H\033[2J"

__all__ = ["Watcher", "first_kata_to_watch", "watch"]


class Watcher:
    """The watch loop: keys and file changes in, screens out."""

    def __init__(
        self, catalog: Catalog, kata: Kata, mode: str, out: TextIO, keys: KeyReader
    ) -> None:
        self.catalog = catalog
        self.mode = mode
        self.out = out
        self.keys = keys
        self.style = Style.for_stream(out)
        self.live = is_terminal(out)
        self.view = self._fresh_view(kata)
        self.content = _read(kata)
        self.listing = False

    def run(self) -> int:
        """Watch until the learner quits; return the exit code."""
        self._grade()
        try:
            while True:
                key = self.keys.read(POLL_SECONDS)
                if key is not None and not self._on_key(key):
                    break
                content = _read(self.view.kata)
                if content != self.content:
                    self.content = content
                    self._grade()
        except (KeyboardInterrupt, GradingInterrupted):
            pass  # Ctrl-C is a fine way to stop watching, even in the middle of a grading
        progress = load_progress(self.catalog)
        self.out.write(f"\n{progress.passed} of {len(progress.katas)} katas passed. Bye!\n")
        self.out.flush()
        return 0

    def _on_key(self, key: str) -> bool:
        """React to one key; return False to quit."""
        if key in ("q", "Q"):
            return False
        if self.listing:  # any other key closes the list
            self.listing = False
            self._draw()
        elif key in ("n", "N"):
            self._move_on()
        elif key in ("h", "H"):
            self._show_hint()
        elif key in ("l", "L"):
            self.listing = True
            self._draw()
        return True

    def _grade(self) -> None:
        kata = self.view.kata
        started = time.perf_counter()
        if self.view.result is not None:  # the first screen already says "Grading…"
            self.out.write(self.style.paint("Grading your change…", "dim") + "\n")
            self.out.flush()
        jobs = learner_jobs([kata], self.catalog.root / "katas")
        outcome = run_jobs(jobs, self.catalog.root, self.mode)
        result = outcome.results[0]
        record_run(self.catalog.root, RunResult(platform.python_version(), "katas", (result,)))
        offer = None
        if result.status == "passed":
            offer = next_kata(load_progress(self.catalog), after=kata.id)
        note = ""
        if outcome.problems:
            note = "The graders themselves are broken (not your fault):\n  " + "\n  ".join(
                outcome.problems
            )
        graded_in = time.perf_counter() - started
        self.view = replace(
            self.view, result=result, graded_in=graded_in, offer=offer, hint=None, note=note
        )
        self._draw()

    def _move_on(self) -> None:
        following = self.view.offer or next_kata(load_progress(self.catalog), self.view.kata.id)
        if following is None:
            self.view = replace(self.view, note="Every kata passes!")
            self._draw()
            return
        self.view = self._fresh_view(following)
        self.content = _read(following)
        self._draw()
        self._grade()

    def _show_hint(self) -> None:
        kata = self.view.kata
        result = self.view.result
        failure = result.first_failure if result is not None else None
        wanted = failure.hint if failure is not None and failure.hint else None
        hint = choose_hint(kata, seen_hints(self.catalog.root, kata.id), wanted)
        mark_seen(self.catalog.root, kata.id, hint.number)
        self.view = replace(self.view, hint=hint)
        self._draw()

    def _fresh_view(self, kata: Kata) -> WatchView:
        position = next(i for i, k in enumerate(self.catalog.katas, 1) if k.id == kata.id)
        return WatchView(kata, position, len(self.catalog.katas), platform.python_version())

    def _draw(self) -> None:
        if self.listing:
            text = render_list(load_progress(self.catalog), self.view.kata.id, self.style)
        else:
            text = render_watch_screen(self.view, self.style)
        self.out.write((CLEAR if self.live else "\n" + "-" * 72 + "\n") + text)
        self.out.flush()


def first_kata_to_watch(catalog: Catalog) -> Kata:
    """With no kata named: the first one not passed yet, in curriculum order."""
    return next_kata(load_progress(catalog)) or catalog.katas[0]


def _read(kata: Kata) -> bytes | None:
    try:
        with kata.stub.open("rb") as handle:
            return handle.read(MAX_SOURCE_BYTES + 1)
    except OSError:
        return None


def watch(catalog: Catalog, kata: Kata, mode: str, out: TextIO | None = None) -> int:
    """Run the watch loop on ``kata`` with keys from standard input."""
    with KeyReader() as keys:
        return Watcher(catalog, kata, mode, out or sys.stdout, keys).run()
