"""Tests for pykata.sandbox.probing: helpers that turn what learner code did into data."""

from __future__ import annotations

import threading

import pytest

from pykata.sandbox.codec import Raised
from pykata.sandbox.probing import outcome, raised, run_in_thread


def fail(kind: type[BaseException]) -> None:
    raise kind("no")


def test_outcome_reports_a_return_or_a_raise() -> None:
    assert ("returned", 3) == outcome(lambda a, b: a + b, 1, b=2)
    kind, value = outcome(fail, ValueError)
    assert "raised" == kind
    assert isinstance(value, Raised)
    assert value.is_a("ValueError")


def test_exits_and_interrupts_are_reported_like_other_exceptions() -> None:
    assert outcome(fail, SystemExit)[1].is_a("SystemExit")
    assert outcome(fail, KeyboardInterrupt)[1].is_a("BaseException")


def test_unwritten_code_is_never_an_outcome() -> None:
    with pytest.raises(NotImplementedError):
        outcome(fail, NotImplementedError)
    with pytest.raises(NotImplementedError):
        raised(fail, NotImplementedError)


def test_raised_returns_none_when_nothing_was_raised() -> None:
    assert raised(lambda: 1) is None
    caught = raised(fail, KeyError)
    assert caught is not None
    assert caught.is_a("LookupError")


def test_run_in_thread_returns_the_outcome_of_a_finished_call() -> None:
    assert ("returned", "done") == run_in_thread(lambda: "done", timeout=5)
    assert run_in_thread(lambda: fail(OSError), timeout=5)[1].is_a("OSError")


def test_run_in_thread_reports_a_call_that_never_finishes_as_hung() -> None:
    release = threading.Event()
    assert ("hung", None) == run_in_thread(release.wait, timeout=0.05)
    release.set()


def test_run_in_thread_passes_unwritten_code_on() -> None:
    with pytest.raises(NotImplementedError):
        run_in_thread(lambda: fail(NotImplementedError), timeout=5)
