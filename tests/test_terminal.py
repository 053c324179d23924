"""Tests for pykata.terminal: readable output, colour only where it belongs."""

from __future__ import annotations

import dataclasses
import io

import pytest

from pykata.results import KataResult, RunResult
from pykata.terminal import (
    Progress,
    Style,
    is_terminal,
    print_failures,
    print_flags,
    print_summary,
)


class FakeTerminal(io.StringIO):
    def __init__(self, tty: bool, encoding: str = "utf-8") -> None:
        super().__init__()
        self._tty = tty
        self._encoding = encoding

    def isatty(self) -> bool:
        return self._tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)


def test_a_terminal_gets_colour_and_a_pipe_does_not() -> None:
    assert Style.for_stream(FakeTerminal(tty=True)).color
    assert not Style.for_stream(FakeTerminal(tty=False)).color


def test_no_color_turns_colour_off_and_force_color_turns_it_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert not Style.for_stream(FakeTerminal(tty=True)).color
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert Style.for_stream(FakeTerminal(tty=False)).color


def test_a_stream_that_cannot_show_symbols_gets_ascii() -> None:
    style = Style.for_stream(FakeTerminal(tty=False, encoding="ascii"))
    assert "+ passed" in style.status("passed")
    assert "✓ passed" in Style(color=False, unicode=True).status("passed")


def test_the_summary_lists_every_kata_and_the_total(sample_run: RunResult) -> None:
    out = io.StringIO()
    print_summary(sample_run, out, Style(color=False, unicode=True))
    text = out.getvalue()
    assert "pykata · Python 3.12.1 · katas" in text
    assert "◐ partial     math/adder" in text
    assert "Total: 30/60 points · 1 of 4 katas passed" in text


def test_failures_show_the_first_failure_its_output_and_where_to_get_a_hint(
    sample_run: RunResult,
) -> None:
    out = io.StringIO()
    print_failures(sample_run, out, Style(color=False, unicode=True))
    text = out.getvalue()
    assert "math/adder (partial, 20/30)" in text
    assert "✗ subtracts\n      sub(3, 1) returned 4" in text
    assert "your code printed:\n        debug" in text
    assert "stuck? pykata hint math/adder" in text
    assert "math/loop (timeout, 0/10)\n    loop.py did not finish" in text
    assert "math/echo" not in text, "a kata not started yet is not a failure"


def test_a_failure_whose_test_names_a_hint_points_to_that_hint(sample_run: RunResult) -> None:
    adder = sample_run.katas[0]
    tied = dataclasses.replace(adder.tests[1], hint=2)
    kata = dataclasses.replace(adder, tests=(adder.tests[0], tied, *adder.tests[2:]))
    out = io.StringIO()
    print_failures(RunResult("3.12.1", "katas", (kata,)), out, Style(color=False, unicode=True))
    assert "hint 2 explains this: pykata hint math/adder 2" in out.getvalue()
    assert "stuck?" not in out.getvalue()


def test_failures_are_capped_with_a_pointer_to_the_rest(sample_run: RunResult) -> None:
    many = RunResult(
        "3.12",
        "katas",
        tuple(KataResult(f"t/k{i}", "K", 1, 0.0, "failed", "bad", 0.0, ()) for i in range(7)),
    )
    out = io.StringIO()
    print_failures(many, out, Style(color=False, unicode=False), limit=5)
    assert "and 2 more" in out.getvalue()


def test_nothing_is_printed_when_nothing_failed() -> None:
    out = io.StringIO()
    print_failures(RunResult("3.12", "katas", ()), out, Style(color=False, unicode=True))
    assert "" == out.getvalue()


def test_progress_rewrites_one_line_on_a_terminal(sample_run: RunResult) -> None:
    stream = FakeTerminal(tty=True)
    progress = Progress(2, stream)
    progress.update(sample_run.katas[0])
    progress.update(sample_run.katas[3])
    assert stream.getvalue().count("\r\033[K") == 3
    assert "\n" not in stream.getvalue()


def test_progress_prints_a_line_per_kata_when_redirected(sample_run: RunResult) -> None:
    stream = FakeTerminal(tty=False)
    progress = Progress(2, stream)
    progress.update(sample_run.katas[0])
    assert "[1/2] math/adder: partial 20/30\n" == stream.getvalue()


def test_flags_are_listed_for_review_and_nothing_is_printed_without_them(
    sample_run: RunResult,
) -> None:
    flagged = dataclasses.replace(sample_run.katas[1], flags=("echo.py:1: imports gc (gc)",))
    out = io.StringIO()
    print_flags(RunResult("3.12.1", "katas", (flagged,)), out, Style(False, False))
    assert (
        "Flagged for review (the score is unchanged):\n  math/echo\n    echo.py:1:"
        in out.getvalue()
    )
    empty = io.StringIO()
    print_flags(sample_run, empty, Style(False, False))
    assert "" == empty.getvalue()


def test_only_real_terminals_count_as_terminals() -> None:
    assert not is_terminal(io.StringIO())
    closed = io.StringIO()
    closed.close()
    assert not is_terminal(closed)
