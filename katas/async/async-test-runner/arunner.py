"""A small test runner for sync and async tests. Read README.md in this folder first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any


@dataclass
class TestItem:
    """One collected test: its name and the function to call."""

    __test__ = False  # a class named Test* would otherwise be collected by pytest

    name: str
    func: Callable[..., Any]


@dataclass
class TestResult:
    """What happened to one test: outcome is "pass", "fail", "error" or "timeout"."""

    __test__ = False

    name: str
    outcome: str
    traceback: str = ""


@dataclass
class Report:
    """The results of a run, in the order the tests ran."""

    results: list[TestResult] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        """How many tests had each outcome: all four keys, zeros included."""
        raise NotImplementedError("write Report.summary()")

    @property
    def exit_code(self) -> int:
        """0 when every test passed, 1 when any did not, 5 when there were no tests."""
        raise NotImplementedError("write Report.exit_code")


def discover(module: ModuleType) -> list[TestItem]:
    """Collect the callables named ``test_*`` of ``module``, in definition order."""
    raise NotImplementedError("write discover()")


def run(
    items: list[TestItem],
    *,
    timeout: float = 1.0,
    setup: Callable[[], Any] | None = None,
    teardown: Callable[[], Any] | None = None,
) -> Report:
    """Run every test in order, each with a fresh event loop, and report the outcomes.

    ``setup`` and ``teardown`` (sync or async, no arguments) run around every test; teardown
    runs even when setup or the test failed. An async test that takes longer than ``timeout``
    seconds is cancelled and reported as "timeout"; sync tests have no time limit.
    """
    raise NotImplementedError("write run()")
