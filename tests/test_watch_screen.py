"""Tests for pykata.watch_screen: what the watch screen says in each situation."""

from __future__ import annotations

import pytest

from pykata.catalog import Catalog
from pykata.hints import Hint
from pykata.kata import Kata
from pykata.learner_progress import load_progress
from pykata.results import KataResult, TestResult
from pykata.terminal import Style
from pykata.watch_screen import KEYS, WatchView, render_list, render_watch_screen

PLAIN = Style(color=False, unicode=True)


@pytest.fixture
def adder(catalog: Catalog) -> Kata:
    kata = catalog.get("sample/adder")
    assert kata is not None
    return kata


def view(kata: Kata, **fields: object) -> WatchView:
    return WatchView(kata, 2, 2, "3.12.1", **fields)  # type: ignore[arg-type]


def test_before_the_first_grading_the_screen_says_it_is_grading(adder: Kata) -> None:
    screen = render_watch_screen(view(adder), PLAIN)
    assert screen.startswith("pykata watch · sample/adder (2 of 2) · Python 3.12.1\n")
    assert "Adder · edit katas/sample/adder/adder.py\n" in screen
    assert "The task: katas/sample/adder/README.md, or pykata show sample/adder\n" in screen
    assert "Grading…" in screen
    assert screen.endswith(f"{KEYS}\nWatching katas/sample/adder/adder.py for changes…\n")


def test_a_failure_shows_the_count_the_first_failure_and_its_hint(adder: Kata) -> None:
    tests = (
        TestResult("adds small numbers", 1, "passed"),
        TestResult("adds negative numbers", 1, "failed", "add(-2, -3) returned 5", "dbg", 2),
    )
    result = KataResult("sample/adder", "Adder", 10, 5.0, "partial", "", 0.1, tests)
    screen = render_watch_screen(view(adder, result=result, graded_in=0.123), PLAIN)
    assert "◐ partial     5/10 points · graded in 0.12 s" in screen
    assert "1 of 2 checks pass." in screen
    assert "First failure: adds negative numbers\n  add(-2, -3) returned 5" in screen
    assert "  your code printed:\n    dbg" in screen
    assert "Hint 2 explains this: press h." in screen


def test_a_kata_level_message_is_shown_instead_of_a_test(adder: Kata) -> None:
    result = KataResult(
        "sample/adder", "Adder", 10, 0.0, "timeout", "adder.py ran past 10 s", 10, ()
    )
    screen = render_watch_screen(view(adder, result=result), PLAIN)
    assert "  adder.py ran past 10 s" in screen
    assert "Stuck? Press h for a hint." in screen


def test_a_pass_offers_the_next_kata_or_celebrates_the_end(adder: Kata, catalog: Catalog) -> None:
    result = KataResult("sample/adder", "Adder", 10, 10.0, "passed", "", 0.1, ())
    echo = catalog.get("sample/echo")
    offered = render_watch_screen(view(adder, result=result, offer=echo), PLAIN)
    assert "Next in the curriculum: sample/echo (Echo). Press n." in offered
    last = render_watch_screen(view(adder, result=result), PLAIN)
    assert "every kata passes" in last


def test_a_shown_hint_says_when_it_is_the_last(adder: Kata) -> None:
    hint = Hint("sample/adder", 2, 2, "Negative numbers add the same way.")
    screen = render_watch_screen(view(adder, hint=hint), PLAIN)
    assert "Hint 2 of 2:\n  Negative numbers add the same way." in screen
    assert "That is the last hint" in screen


def test_a_long_hint_is_wrapped_for_the_terminal(adder: Kata) -> None:
    hint = Hint("sample/adder", 1, 2, " ".join(["word"] * 60))
    screen = render_watch_screen(view(adder, hint=hint), PLAIN)
    lines = screen.split("Hint 1 of 2:\n")[1].split("\n\n")[0].splitlines()
    assert len(lines) > 1
    assert all(line.startswith("  word") and len(line) <= 88 for line in lines)


def test_colour_is_used_only_when_the_style_asks(adder: Kata) -> None:
    assert "\033[" not in render_watch_screen(view(adder), PLAIN)
    assert "\033[1m" in render_watch_screen(view(adder), Style(color=True, unicode=True))


def test_the_list_marks_the_current_kata(catalog: Catalog) -> None:
    text = render_list(load_progress(catalog), "sample/adder", PLAIN)
    assert "Katas · 0 of 2 passed\n\nsample\n" in text
    assert "   · not-started sample/echo\n > · not-started sample/adder" in text
