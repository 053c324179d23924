"""Probes for async/async-test-runner: they run in the sandbox beside arunner.py.

Each probe builds a fake test module from named behaviours, runs the learner's runner on it in a
worker thread (run_in_thread, so a runner that hangs is reported as "hung" instead of stalling
the kata), and reports the results, an event log and the loops the tests ran in. The only time
limit a test can reach is the runner's own, set small by the graders; nothing here sleeps.
RuntimeWarnings (a coroutine never awaited) and errors asyncio logs (a task destroyed while
pending) come back as "problems".
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
import types
import warnings

from pykata_sandbox.probing import outcome, run_in_thread

RUN_SECONDS = 3.0  # a whole run of the reference runner takes a fraction of a second


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage().splitlines()[0])


class _Suite:
    """The shared state of one fake test module: an event log and the loops tests ran in."""

    def __init__(self):
        self.log = []
        self.loops = []
        self.hang_seconds = None


def _behaviour(suite, name, kind):
    """A test function named `name` that behaves as `kind` says."""
    log = suite.log

    async def passes_async():
        await asyncio.sleep(0)
        log.append(("ran", name))

    def passes_sync():
        log.append(("ran", name))

    async def fails_async():
        await asyncio.sleep(0)
        log.append(("ran", name))
        assert 1 + 1 == 3, "one plus one is not three"

    def fails_sync():
        log.append(("ran", name))
        raise AssertionError("the sync check failed")

    async def errors_async():
        await asyncio.sleep(0)
        log.append(("ran", name))
        raise KeyError("missing-key")

    def errors_sync():
        log.append(("ran", name))
        raise ValueError("bad-value")

    async def own_timeout():
        await asyncio.sleep(0)
        log.append(("ran", name))
        # asyncio.TimeoutError: the builtin TimeoutError from 3.11, a class of its own on 3.10.
        raise asyncio.TimeoutError("the test's own deadline passed")

    async def hangs():
        log.append(("ran", name))
        started = time.monotonic()
        try:
            await asyncio.Event().wait()  # never set
        finally:
            suite.hang_seconds = time.monotonic() - started
            log.append(("cancelled", name))

    async def leaks_a_task():
        async def forgotten():
            try:
                await asyncio.Event().wait()
            finally:
                log.append(("leaked task ended", name))

        # Deliberately dropped: the test "forgets" this task, and the runner must clean up.
        asyncio.ensure_future(forgotten())  # noqa: RUF006
        await asyncio.sleep(0)
        log.append(("ran", name))

    async def records_loop():
        suite.loops.append(asyncio.get_running_loop())
        await asyncio.sleep(0)
        log.append(("ran", name))

    def records_no_loop():
        try:
            asyncio.get_running_loop()
            running = True
        except RuntimeError:
            running = False
        log.append(("ran", name, "inside a running loop" if running else "no running loop"))

    found = {
        f.__name__: f
        for f in (
            passes_async,
            passes_sync,
            fails_async,
            fails_sync,
            errors_async,
            errors_sync,
            own_timeout,
            hangs,
            leaks_a_task,
            records_loop,
            records_no_loop,
        )
    }[kind]
    found.__name__ = found.__qualname__ = name
    return found


def _hook(suite, kind, label):
    """A setup or teardown: "sync", "async", "fails" (sync, raises) or "async fails"."""
    log = suite.log

    def sync_hook():
        log.append((label,))

    async def async_hook():
        await asyncio.sleep(0)
        log.append((f"async {label}",))

    def failing_hook():
        log.append((label,))
        raise RuntimeError(f"{label} broke")

    async def async_failing_hook():
        await asyncio.sleep(0)
        log.append((f"async {label}",))
        raise RuntimeError(f"async {label} broke")

    return {
        "none": None,
        "sync": sync_hook,
        "async": async_hook,
        "fails": failing_hook,
        "async fails": async_failing_hook,
    }[kind]


def _module(suite, tests, extras=None):
    """A fresh module whose attributes are the tests, set in the given order."""
    module = types.ModuleType("fake_tests")
    for name, kind in tests:
        setattr(module, name, _behaviour(suite, name, kind))
    for name, value in (extras or {}).items():
        setattr(module, name, value)
    return module


def _watched(function):
    """Call `function` collecting RuntimeWarnings and asyncio's logged errors."""
    collector = _Collector()
    logger = logging.getLogger("asyncio")
    logger.addHandler(collector)
    # Objects that exist already are not this probe's: freezing them keeps the collection below,
    # which flushes "never awaited" warnings out of reference cycles, down to what it made.
    gc.freeze()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = function()
            gc.collect()
    finally:
        logger.removeHandler(collector)
    problems = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    return result, problems + collector.messages


def _report(report):
    """The learner's Report as data."""
    results = []
    for result in report.results:
        results.append((result.name, result.outcome, result.traceback))
    kind, summary = outcome(report.summary)
    _, exit_code = outcome(lambda: report.exit_code)
    return {
        "results": results,
        "summary": dict(summary) if kind == "returned" and isinstance(summary, dict) else summary,
        "exit_code": exit_code,
    }


def run_suite(mod, tests, setup="none", teardown="none", timeout=1.0):
    """discover() a fake module holding `tests` ((name, behaviour) pairs), then run() it."""
    suite = _Suite()
    module = _module(suite, tests)

    def go():
        items = mod.discover(module)
        return mod.run(
            items,
            timeout=timeout,
            setup=_hook(suite, setup, "setup"),
            teardown=_hook(suite, teardown, "teardown"),
        )

    (kind, value), problems = _watched(lambda: run_in_thread(go, RUN_SECONDS))
    seen = {
        "ran": kind,
        "raised": value if kind == "raised" else None,
        "log": list(suite.log),
        "problems": problems,
        "loops": len(suite.loops),
        "distinct_loops": len({id(loop) for loop in suite.loops}),
        "loops_closed": [loop.is_closed() for loop in suite.loops],
        "hang_seconds": suite.hang_seconds,
    }
    if kind == "returned":
        seen.update(_report(value))
    return seen


def run_nothing(mod):
    """run([]): the report of a run with no tests."""
    (kind, value), problems = _watched(lambda: run_in_thread(lambda: mod.run([]), RUN_SECONDS))
    seen = {"ran": kind, "raised": value if kind == "raised" else None, "problems": problems}
    if kind == "returned":
        seen.update(_report(value))
    return seen


def discovered(mod, tests):
    """discover() a module with `tests`, non-callable test_* values and other names."""
    suite = _Suite()
    extras = {
        "test_data": [1, 2, 3],
        "test_limit": 10,
        "helper": lambda: None,
        "check_something": lambda: None,
    }
    module = _module(suite, tests, extras)
    items = mod.discover(module)
    return {
        "names": [item.name for item in items],
        "same_functions": [item.func is getattr(module, item.name, None) for item in items],
        "ran": list(suite.log),
        # pytest skips a class whose __test__ is false
        "flags": {
            name: getattr(getattr(mod, name), "__test__", "missing")
            for name in ("TestItem", "TestResult")
        },
    }
