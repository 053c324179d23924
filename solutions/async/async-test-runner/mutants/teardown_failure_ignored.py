# Mistake: ignores an exception from teardown, so a test whose teardown fails still passes
"""A small test runner for sync and async tests. Read README.md in this folder first."""

from __future__ import annotations

import asyncio
import inspect
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

_OUTCOMES = ("pass", "fail", "error", "timeout")


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
        counts = dict.fromkeys(_OUTCOMES, 0)
        for result in self.results:
            counts[result.outcome] += 1
        return counts

    @property
    def exit_code(self) -> int:
        """0 when every test passed, 1 when any did not, 5 when there were no tests."""
        if not self.results:
            return 5  # pytest's "no tests collected"
        return 0 if all(result.outcome == "pass" for result in self.results) else 1


def discover(module: ModuleType) -> list[TestItem]:
    """Collect the callables named ``test_*`` of ``module``, in definition order."""
    # vars() keeps insertion order, which is definition order; dir() would sort by name.
    return [
        TestItem(name, value)
        for name, value in vars(module).items()
        if name.startswith("test_") and callable(value)
    ]


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
    return Report([_run_one(item, timeout, setup, teardown) for item in items])


def _run_one(
    item: TestItem,
    timeout: float,
    setup: Callable[[], Any] | None,
    teardown: Callable[[], Any] | None,
) -> TestResult:
    # A new loop per test: nothing a test leaves behind (tasks, callbacks) can reach the next.
    # It is never made the thread's current loop, so nothing can pick it up by accident.
    loop = asyncio.new_event_loop()
    try:
        result = _setup_and_test(loop, item, timeout, setup)
        if teardown is not None:
            try:
                _call(loop, teardown)
            except Exception:
                pass  # the test itself is what matters
        return result
    finally:
        _close(loop)


def _setup_and_test(
    loop: asyncio.AbstractEventLoop,
    item: TestItem,
    timeout: float,
    setup: Callable[[], Any] | None,
) -> TestResult:
    try:
        if setup is not None:
            _call(loop, setup)
        outcome = item.func()
        # An async test returns a coroutine that has not run yet: run it, with the time limit.
        if inspect.isawaitable(outcome) and not loop.run_until_complete(_within(outcome, timeout)):
            return TestResult(item.name, "timeout", f"{item.name} took over {timeout} s")
    except AssertionError as error:
        return TestResult(item.name, "fail", _format(error))
    except (Exception, asyncio.CancelledError) as error:
        # CancelledError is a BaseException; KeyboardInterrupt and SystemExit still stop the run.
        return TestResult(item.name, "error", _format(error))
    return TestResult(item.name, "pass")


async def _within(test: Awaitable[Any], timeout: float) -> bool:
    """Run the test as a task; False if it was still running after ``timeout`` seconds.

    asyncio.wait does not raise on a timeout, so a TimeoutError raised by the test itself stays
    an ordinary error instead of passing for the runner's own timeout.
    """
    task = asyncio.ensure_future(test)
    done, _ = await asyncio.wait({task}, timeout=timeout)
    if not done:
        task.cancel()
        await asyncio.wait({task}, timeout=timeout)  # let its finally blocks run
        return False
    task.result()  # re-raises what the test raised
    return True


def _call(loop: asyncio.AbstractEventLoop, func: Callable[[], Any]) -> None:
    """Call a sync or async function; await the result in ``loop`` if it is awaitable."""
    result = func()
    if inspect.isawaitable(result):
        loop.run_until_complete(result)


def _close(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel what the test left running, let it unwind, then close the loop."""
    leftovers = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in leftovers:
        task.cancel()
    if leftovers:
        loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()


def _format(error: BaseException) -> str:
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))
