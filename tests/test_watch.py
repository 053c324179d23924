"""Tests for pykata.watch: the loop that grades a kata on every save.

Most tests drive a ``Watcher`` in this process with scripted keys; the last ones start
``pykata watch`` in a pseudo-terminal, edit the stub into the solution and read the screen, as a
learner would. Nothing here waits for time to pass: each step waits for what it expects to see,
with a deadline that only turns a hang into a failure.
"""

from __future__ import annotations

import io
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pykata.catalog import Catalog
from pykata.hints import seen_hints
from pykata.learner_progress import load_progress
from pykata.watch import CLEAR, Watcher, first_kata_to_watch

Step = str | Callable[[], None]
DEADLINE = 60.0


class ScriptedKeys:
    """Keys from a script; a callable step does something (edit a file) and presses nothing."""

    def __init__(self, *steps: Step) -> None:
        self.steps = list(steps)

    def read(self, timeout: float) -> str | None:
        if not self.steps:
            return "q"
        step = self.steps.pop(0)
        if callable(step):
            step()
            return None
        return step


def solve(catalog: Catalog, kata_id: str) -> Callable[[], None]:
    kata = catalog.get(kata_id)
    assert kata is not None
    return lambda: shutil.copyfile(kata.solution, kata.stub)


def break_it(catalog: Catalog, kata_id: str, source: str) -> Callable[[], None]:
    kata = catalog.get(kata_id)
    assert kata is not None
    return lambda: kata.stub.write_text(source, encoding="utf-8")


def run_watcher(catalog: Catalog, kata_id: str, *steps: Step) -> list[str]:
    """Watch ``kata_id`` through ``steps``; return every screen drawn, in order."""
    kata = catalog.get(kata_id)
    assert kata is not None
    out = io.StringIO()
    code = Watcher(catalog, kata, "fork", out, ScriptedKeys(*steps)).run()  # type: ignore[arg-type]
    assert 0 == code
    return out.getvalue().split("-" * 72)[1:]


def test_the_first_screen_shows_the_kata_and_that_it_is_not_started(catalog: Catalog) -> None:
    screens = run_watcher(catalog, "sample/echo")
    assert "pykata watch · sample/echo (1 of 2)" in screens[0]
    assert "edit katas/sample/echo/echo.py" in screens[0]
    assert "not-started 0/10 points" in screens[0]
    assert "[n] next kata   [h] hint   [l] list   [q] quit" in screens[0]


def test_saving_the_solution_regrades_and_offers_the_next_kata(catalog: Catalog) -> None:
    screens = run_watcher(catalog, "sample/echo", solve(catalog, "sample/echo"))
    assert "for changes…\nGrading your change…\n" in screens[-2], "a save is acknowledged at once"
    assert "passed      10/10 points" in screens[-1]
    assert "Next in the curriculum: sample/adder (Adder). Press n." in screens[-1]


def test_a_failure_is_explained_and_points_to_the_hint_its_test_names(catalog: Catalog) -> None:
    wrong = "def add(a, b):\n    return abs(a) + abs(b)\n"
    screens = run_watcher(catalog, "sample/adder", break_it(catalog, "sample/adder", wrong), "h")
    failed = screens[-2]
    assert "First failure: adds negative numbers" in failed
    assert "add(-2, -3) returned 5, expected -5" in failed
    assert "Hint 2 explains this: press h." in failed
    assert "Hint 2 of 2:\n  Negative numbers add the same way" in screens[-1]
    assert {2} == seen_hints(catalog.root, "sample/adder")


def test_printed_output_of_a_failing_test_is_shown(catalog: Catalog) -> None:
    noisy = "def add(a, b):\n    print('adding', a, b)\n    return 0\n"
    screens = run_watcher(catalog, "sample/adder", break_it(catalog, "sample/adder", noisy))
    assert "your code printed:\n    adding 2 3" in screens[-1]


def test_the_hint_key_climbs_the_ladder_when_no_test_names_a_hint(catalog: Catalog) -> None:
    screens = run_watcher(catalog, "sample/echo", "h", "h", "h")
    assert "Hint 1 of 2:\n  Return the argument." in screens[1]
    assert "Hint 2 of 2:\n  return value" in screens[2]
    assert "That is the last hint" in screens[3]


def test_next_moves_to_the_next_kata_and_grades_it(catalog: Catalog) -> None:
    screens = run_watcher(catalog, "sample/echo", "n")
    assert "pykata watch · sample/adder (2 of 2)" in screens[-1]
    assert "not-started" in screens[-1]


def test_next_says_so_when_every_kata_passes(catalog: Catalog) -> None:
    run_watcher(catalog, "sample/adder", solve(catalog, "sample/adder"))
    screens = run_watcher(catalog, "sample/echo", solve(catalog, "sample/echo"), "n")
    assert "That was the last kata you had left" in screens[-2]
    assert "Every kata passes!" in screens[-1]


def test_the_list_shows_every_kata_and_any_key_goes_back(catalog: Catalog) -> None:
    screens = run_watcher(catalog, "sample/echo", solve(catalog, "sample/echo"), "l", "x")
    assert "Katas · 1 of 2 passed" in screens[-2]
    assert " > + passed      sample/echo\n   . not-started sample/adder" in screens[-2]
    assert "pykata watch · sample/echo" in screens[-1]


def test_q_quits_even_from_the_list(catalog: Catalog) -> None:
    screens = run_watcher(catalog, "sample/echo", "l", "q", "never read")
    assert "Katas ·" in screens[-1]


def test_ctrl_c_stops_watching_quietly(catalog: Catalog) -> None:
    def press_ctrl_c() -> None:
        raise KeyboardInterrupt

    screens = run_watcher(catalog, "sample/echo", press_ctrl_c, "never read")
    assert screens[-1].endswith("0 of 2 katas passed. Bye!\n")


def test_every_result_is_recorded_for_progress(catalog: Catalog) -> None:
    run_watcher(catalog, "sample/echo", solve(catalog, "sample/echo"))
    progress = load_progress(catalog)
    echo = progress.get("sample/echo")
    assert echo is not None
    assert echo.passed


def test_a_deleted_file_is_reported_and_its_return_is_graded(catalog: Catalog) -> None:
    kata = catalog.get("sample/echo")
    assert kata is not None
    solution = kata.solution.read_bytes()
    screens = run_watcher(
        catalog,
        "sample/echo",
        kata.stub.unlink,
        lambda: kata.stub.write_bytes(solution),
    )
    assert "is missing" in screens[1]
    assert "passed" in screens[2]


def test_broken_graders_are_said_to_be_no_fault_of_the_learner(catalog: Catalog) -> None:
    graders = catalog.root / "graders" / "sample" / "echo" / "test_echo.py"
    graders.write_text("def test_x(kata):\n    raise KeyError('oops')\n", encoding="utf-8")
    screens = run_watcher(catalog, "sample/echo", solve(catalog, "sample/echo"))
    assert "The graders themselves are broken (not your fault)" not in screens[0]
    assert "the graders could not check this" in screens[-1]


def test_with_no_kata_named_the_first_one_not_passed_is_watched(catalog: Catalog) -> None:
    assert "sample/echo" == first_kata_to_watch(catalog).id
    run_watcher(catalog, "sample/echo", solve(catalog, "sample/echo"))
    assert "sample/adder" == first_kata_to_watch(catalog).id


# Through a pseudo-terminal, as a learner runs it.


class Terminal:
    """``pykata watch`` running in a pseudo-terminal; ``expect`` reads until text appears."""

    def __init__(self, root: Path, *args: str, env: dict[str, str] | None = None) -> None:
        import pty

        self.master, slave = pty.openpty()
        environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        environ.update({"TERM": "xterm", **(env or {})})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pykata", "--root", str(root), "watch", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environ,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def press(self, key: str) -> None:
        os.write(self.master, key.encode())

    def expect(self, text: str) -> str:
        """Read until the newest screen contains ``text``; return that screen."""
        deadline = time.monotonic() + DEADLINE
        while text not in self.screen():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the process ended and closed the terminal
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"watch ended before {text!r}:\n{self.screen()}")
                self.output += chunk
        return self.screen()

    def screen(self) -> str:
        return self.output.decode(errors="replace").split(CLEAR)[-1]

    def close(self) -> int:
        try:
            return self.process.wait(timeout=DEADLINE)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            os.close(self.master)


@pytest.fixture
def terminal(catalog: Catalog) -> Iterator[Callable[..., Terminal]]:
    started: list[Terminal] = []

    def start(*args: str, env: dict[str, str] | None = None) -> Terminal:
        started.append(Terminal(catalog.root, *args, env=env))
        return started[-1]

    yield start
    for term in started:
        if term.process.poll() is None:
            term.process.kill()
            term.process.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")
def test_in_a_terminal_saving_the_solution_shows_the_pass(
    catalog: Catalog, terminal: Callable[..., Terminal]
) -> None:
    adder = catalog.get("sample/adder")
    assert adder is not None
    term = terminal("sample/adder")
    term.expect("not-started")
    shutil.copyfile(adder.solution, adder.stub)
    screen = term.expect("passed")
    assert "10/10 points" in screen
    assert "\033[32m" in screen, "a terminal gets colour"
    term.press("q")
    term.expect("Bye!")
    assert 0 == term.close()


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")
def test_in_a_terminal_keys_work_without_enter_and_no_color_is_respected(
    catalog: Catalog, terminal: Callable[..., Terminal]
) -> None:
    term = terminal("sample/echo", env={"NO_COLOR": "1"})
    term.expect("not-started")
    term.press("h")
    screen = term.expect("Hint 1 of 2")
    assert "\033[3" not in screen, "NO_COLOR means no colour"
    assert "\033[1m" not in screen, "NO_COLOR means no bold either"
    term.press("n")
    term.expect("sample/adder (2 of 2)")
    term.press("q")
    term.expect("Bye!")
    assert 0 == term.close()
