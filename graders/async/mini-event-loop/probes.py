"""Probes for async/mini-event-loop: they run in the sandbox beside miniloop.py.

Every scenario runs on the learner's own Loop, in a helper thread. A loop that never finishes
is stopped by a budget of function calls and reported as data, with a time limit as the last
resort; time.sleep is replaced by a function that raises. Time is the loop's virtual clock; the
only real clock read is the wall time a scenario took.
"""

from __future__ import annotations

import asyncio
import sys
import time

from pykata_sandbox.probing import outcome, raised, run_in_thread

HANG = 5.0  # seconds of real time: the last resort, for a loop that spins without calling
BUDGET = 100_000  # Python calls a scenario may make; the solution makes a few hundred


class RealSleep(Exception):
    """Raised in place of time.sleep while a scenario runs."""


class CallBudgetExceeded(BaseException):
    """Raised inside a scenario that keeps running far longer than any correct loop would."""


def _no_real_sleep(seconds):
    raise RealSleep(
        f"the loop called time.sleep({seconds!r}); a virtual clock jumps to the next timer "
        "instead of sleeping"
    )


def _budgeted(scenario):
    """scenario(), stopped by CallBudgetExceeded after BUDGET function calls."""
    calls = 0

    def count_calls(frame, event, arg):
        nonlocal calls
        calls += 1
        if calls > BUDGET:
            sys.settrace(None)
            raise CallBudgetExceeded(
                f"the loop made over {BUDGET} calls without finishing: it seems to run forever"
            )
        # No local trace function: only calls are counted, lines are not traced.

    sys.settrace(count_calls)
    try:
        return scenario()
    finally:
        sys.settrace(None)


def _drive(scenario):
    """Run scenario() in a thread; ("returned", data), ("raised", Raised) or ("hung", None).

    A loop that never finishes is stopped by a budget of function calls, so it is reported at
    once; a loop that spins without calling anything is reported as hung after HANG seconds.
    time.sleep is replaced while the scenario runs, so a loop that sleeps for real fails at once.
    """
    real_sleep = time.sleep
    time.sleep = _no_real_sleep
    try:
        return run_in_thread(lambda: _budgeted(scenario), HANG)
    finally:
        time.sleep = real_sleep


def _run(mod, make_main, log):
    """Build a Loop, run make_main(loop)() on it, and report the result and the log."""

    def scenario():
        loop = mod.Loop()
        started = time.monotonic()
        kind, value = outcome(loop.run_until_complete, make_main(loop)())
        return {
            "ending": kind,
            "value": value,
            "log": log,
            "time": loop.time(),
            "wall": time.monotonic() - started,
        }

    kind, value = _drive(scenario)
    if kind == "returned":
        return value
    return {"ending": kind, "value": value, "log": log}


def callbacks(mod, delays):
    """call_soon twice, then call_later for each delay (tagged by index); log (tag, time)."""
    log = []

    def scenario():
        loop = mod.Loop()

        def note(tag):
            log.append((tag, loop.time()))

        loop.call_soon(note, "soon-1")
        for index, delay in enumerate(delays):
            loop.call_later(delay, note, index)
        loop.call_soon(note, "soon-2")
        cancelled = loop.call_later(0.5, note, "cancelled")
        cancelled.cancel()

        async def main():
            note("main")
            await mod.sleep(max(delays, default=0) + 1)
            note("main-end")

        loop.run_until_complete(main())
        return log

    return _drive(scenario)


def two_sleepers(mod):
    """Tasks sleeping 5 and 3 seconds, awaited with gather."""
    log = []

    def make_main(loop):
        async def sleeper(name, delay):
            await mod.sleep(delay)
            log.append((name, loop.time()))
            return name

        async def main():
            return await mod.gather(sleeper("five", 5), sleeper("three", 3))

        return main

    return _run(mod, make_main, log)


def chained_sleeps(mod):
    """One task sleeping 1, then 2, then 0 seconds; the clock after each."""
    log = []

    def make_main(loop):
        async def main():
            for delay in (1, 2, 0):
                await mod.sleep(delay)
                log.append(loop.time())
            return "done"

        return main

    return _run(mod, make_main, log)


def shared_future(mod, fail):
    """Two tasks await one Future; main sets a result (or an exception) at time 1."""
    log = []
    error = ValueError("shared failure")

    def make_main(loop):
        future = mod.Future()

        async def waiter(name):
            try:
                value = await future
            except ValueError as caught:
                log.append((name, "raised", caught is error))
            else:
                log.append((name, "got", value))

        async def main():
            first, second = loop.create_task(waiter("a")), loop.create_task(waiter("b"))
            await mod.sleep(1)
            log.append(("done-before-set", future.done()))
            if fail:
                future.set_exception(error)
            else:
                future.set_result(42)
            await first
            await second
            return sorted(log, key=repr)

        return main

    return _run(mod, make_main, log)


def future_rules(mod):
    """result() before a result, set twice, done() before and after."""
    future = mod.Future()
    seen = {"done_before": future.done(), "early_result": raised(future.result)}
    future.set_result("x")
    seen["done_after"] = future.done()
    seen["result"] = future.result()
    seen["set_again"] = raised(future.set_result, "y")
    seen["result_after_second_set"] = future.result()
    failing = mod.Future()
    error = KeyError("k")
    failing.set_exception(error)
    seen["exception_result"] = raised(failing.result)
    return seen


def gathered(mod):
    """gather over a slow coroutine, a fast one, a Task and a Future set by a timer."""
    log = []

    def make_main(loop):
        async def job(name, delay):
            await mod.sleep(delay)
            log.append(name)
            return name

        async def main():
            future = mod.Future()
            loop.call_later(2, future.set_result, "future")
            task = loop.create_task(job("task", 4))
            results = await mod.gather(job("slow", 3), job("fast", 1), task, future)
            empty = await mod.gather()
            return {"results": results, "empty": empty, "at": loop.time()}

        return main

    return _run(mod, make_main, log)


def gather_failure(mod):
    """gather(slow that returns at 5, fast that raises at 1): what main sees, and when."""
    log = []
    error = LookupError("fast failed")

    def make_main(loop):
        async def slow():
            await mod.sleep(5)
            return "slow"

        async def fast():
            await mod.sleep(1)
            raise error

        async def main():
            try:
                await mod.gather(slow(), fast())
            except LookupError as caught:
                return {"same": caught is error, "at": loop.time()}
            return {"same": None, "at": loop.time()}

        return main

    return _run(mod, make_main, log)


def cancel_sleeper(mod):
    """Cancel a task sleeping 10 s at time 1; the parent awaits it."""
    log = []

    def make_main(loop):
        async def worker():
            try:
                log.append("worker-start")
                await mod.sleep(10)
                log.append("worker-woke")
            except asyncio.CancelledError:
                log.append(("worker-cancelled-at", loop.time()))
                raise
            finally:
                log.append("worker-finally")

        async def main():
            task = loop.create_task(worker())
            await mod.sleep(1)
            first = task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                log.append(("parent-saw-cancel", loop.time()))
            log.append(("cancel-again", task.cancel()))
            await mod.sleep(20)  # the cancelled sleep's timer at 10 must not disturb anything
            log.append(("end", loop.time()))
            return first

        return main

    return _run(mod, make_main, log)


def cancel_caught(mod):
    """A task that catches CancelledError and returns a value instead."""
    log = []

    def make_main(loop):
        future = mod.Future()

        async def stubborn():
            try:
                await future
            except asyncio.CancelledError:
                log.append("caught")
                await mod.sleep(1)
                return "survived"
            return "not cancelled"

        async def main():
            task = loop.create_task(stubborn())
            await mod.sleep(1)
            task.cancel()
            return await task

        return main

    return _run(mod, make_main, log)


class _Foreign:
    """An awaitable from some other framework: it yields an object only its own loop knows."""

    def __await__(self):
        yield "a request for some other event loop"
        return "foreign value"


def foreign(mod, kind):
    """Await something that is not a miniloop Future, and try to catch what happens."""
    log = []

    def make_main(loop):
        async def main():
            try:
                if kind == "asyncio.sleep":
                    value = await asyncio.sleep(1)
                else:
                    value = await _Foreign()
            except RuntimeError as error:
                log.append(("caught RuntimeError", bool(str(error))))
                return "recovered"
            return ("resumed with", value)

        return main

    return _run(mod, make_main, log)


def foreign_uncaught(mod):
    """run_until_complete of a coroutine that awaits a foreign awaitable and does not catch."""
    log = []

    def make_main(loop):
        async def main():
            return await _Foreign()

        return main

    return _run(mod, make_main, log)


def returns_and_raises(mod):
    """run_until_complete's return value, and the very exception a coroutine raises."""
    error = ArithmeticError("from the coroutine")

    def scenario():
        loop = mod.Loop()

        async def value():
            return {"answer": 42}

        async def failing():
            await mod.sleep(1)
            raise error

        result = loop.run_until_complete(value())
        try:
            loop.run_until_complete(failing())
        except ArithmeticError as caught:
            same = caught is error
        else:
            same = None
        return {"result": result, "same_exception": same, "time": loop.time()}

    return _drive(scenario)


def direct_await(mod):
    """The order of events around awaiting a coroutine and a finished Future directly."""
    log = []

    def make_main(loop):
        async def helper():
            log.append("helper")
            return 7

        async def main():
            loop.call_soon(log.append, "callback")
            log.append("before")
            value = await helper()
            log.append(("after-coroutine", value))
            future = mod.Future()
            future.set_result(3)
            log.append(("after-done-future", await future))
            await mod.sleep(0)
            log.append("after-sleep-0")

        return main

    return _run(mod, make_main, log)


def waits_forever(mod):
    """run_until_complete of a coroutine awaiting a Future that nobody will ever set."""
    log = []

    def make_main(loop):
        async def main():
            await mod.Future()

        return main

    return _run(mod, make_main, log)


def sleep_outside(mod):
    """Step mod.sleep(1) by hand, with no Loop running."""

    def step():
        coroutine = mod.sleep(1)
        try:
            return coroutine.send(None)
        finally:
            coroutine.close()

    return raised(step)
