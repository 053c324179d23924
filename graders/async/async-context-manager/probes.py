"""Probes for async/async-context-manager: they run in the sandbox beside apool.py.

Every probe enters through asyncio.run, so each gets a fresh event loop. Tasks are ordered with
asyncio.Event and Queue, never with sleeps. "Still waiting" is judged by letting the loop run a
fixed number of rounds (asyncio.sleep(0)), and anything that could hang is given a short bound
and reported as "hung". RuntimeWarnings (a coroutine never awaited) and errors that asyncio logs
(a task destroyed while pending, an exception never retrieved) come back as "problems".
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import warnings

from pykata_sandbox.probing import raised

ROUNDS = 200  # loop rounds a correct pool needs at most a handful of
HANG_SECONDS = 0.5  # only a hanging mutant ever waits this long


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage().splitlines()[0])


def _reraise(error):
    raise error


def _describe(error):
    """An exception object as data; NotImplementedError propagates (the code is unfinished)."""
    if isinstance(error, NotImplementedError):
        raise error
    return raised(_reraise, error)


def _run(main):
    """asyncio.run(main()); return (result, problems). Unfinished code propagates."""
    collector = _Collector()
    logger = logging.getLogger("asyncio")
    logger.addHandler(collector)
    # Objects that exist already are not this probe's: freezing them keeps the collection below,
    # which flushes "never awaited" warnings out of reference cycles, down to what it made.
    gc.freeze()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = asyncio.run(main())
            gc.collect()
    finally:
        logger.removeHandler(collector)
    problems = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    return result, problems + collector.messages


async def _spin(task, rounds=ROUNDS):
    """Let the loop run up to `rounds` rounds, stopping early once `task` is done."""
    for _ in range(rounds):
        if task.done():
            return
        await asyncio.sleep(0)


async def _finish(awaitable):
    """Await with a bound: ("returned", value), ("raised", Raised), ("cancelled", None) or
    ("hung", None)."""
    task = asyncio.ensure_future(awaitable)
    await _spin(task)
    if not task.done():
        await asyncio.wait({task}, timeout=HANG_SECONDS)
    if not task.done():
        task.cancel()
        await asyncio.wait({task}, timeout=HANG_SECONDS)
        return ("hung", None)
    return _task_outcome(task)


def _task_outcome(task):
    if task.cancelled():
        return ("cancelled", None)
    error = task.exception()
    if error is not None:
        return ("raised", _describe(error))
    return ("returned", task.result())


class Connection:
    """A fake connection that counts how often it is closed."""

    def __init__(self, number, log):
        self.number = number
        self.closes = 0
        self._log = log

    async def close(self):
        self.closes += 1
        self._log.append(("close", self.number))


def _factory(log, opened, fail_on=None):
    async def open_connection():
        number = len(opened)
        if number == fail_on:
            raise ConnectionError(f"the database refused connection number {number}")
        await asyncio.sleep(0)  # a real open would await something
        connection = Connection(number, log)
        opened.append(connection)
        log.append(("open", number))
        return connection

    return open_connection


async def _borrow(pool, log, label):
    """Acquire, note the connection's number, release."""
    async with pool.acquire() as connection:
        log.append((label, connection.number))
        return connection.number


def lifecycle(mod, size, body):
    """Enter a pool, borrow connections one after another, then leave normally or by raising."""
    log, opened = [], []
    failure = ValueError("the block failed")

    async def main():
        pool = mod.AsyncPool(_factory(log, opened), size)
        try:
            async with pool as entered:
                log.append(("entered", len(opened), entered is pool))
                for i in range(3):
                    log.append(("borrow", i, await _finish(_borrow(pool, log, "got"))))
                if body == "raise":
                    raise failure
        except BaseException as error:
            if isinstance(error, NotImplementedError):
                raise
            return {"raised": _describe(error), "same_object": error is failure}
        return {"raised": None, "same_object": False}

    result, problems = _run(main)
    return {
        **result,
        "log": log,
        "opened": len(opened),
        "closes": [c.closes for c in opened],
        "problems": problems,
    }


def failing_open(mod):
    """The third connection refuses to open (size 3)."""
    log, opened = [], []

    async def main():
        pool = mod.AsyncPool(_factory(log, opened, fail_on=2), 3)
        try:
            async with pool:
                log.append("body")
        except BaseException as error:
            if isinstance(error, NotImplementedError):
                raise
            return {"raised": _describe(error)}
        return {"raised": None}

    result, problems = _run(main)
    return {**result, "log": log, "closes": [c.closes for c in opened], "problems": problems}


def error_in_acquire(mod):
    """Raise inside `async with pool.acquire()` on a size-1 pool, then borrow again."""
    log, opened, caught = [], [], []
    failure = KeyError("lookup failed")

    async def main():
        async with mod.AsyncPool(_factory(log, opened), 1) as pool:

            async def fail():
                try:
                    async with pool.acquire() as connection:
                        log.append(("inside", connection.number))
                        raise failure
                except BaseException as error:
                    caught.append(error)
                    raise

            first = await _finish(fail())
            again = await _finish(_borrow(pool, log, "again"))
        return {"first": first, "again": again}

    result, problems = _run(main)
    same_object = bool(caught) and caught[0] is failure
    return {
        **result,
        "same_object": same_object,
        "log": log,
        "opened": len(opened),
        "problems": problems,
    }


def cancelled_inside(mod):
    """Cancel a task while it holds the only connection, then borrow again."""
    log, opened = [], []

    async def main():
        async with mod.AsyncPool(_factory(log, opened), 1) as pool:
            holding = asyncio.Event()
            never = asyncio.Event()

            async def hold():
                async with pool.acquire() as connection:
                    log.append(("holding", connection.number))
                    holding.set()
                    await never.wait()

            task = asyncio.ensure_future(hold())
            started = await _finish(holding.wait())
            task.cancel()
            await asyncio.wait({task}, timeout=HANG_SECONDS)
            holder = _task_outcome(task) if task.done() else ("hung", None)
            again = await _finish(_borrow(pool, log, "again"))
        return {"started": started[0], "holder": holder, "again": again}

    result, problems = _run(main)
    return {**result, "log": log, "opened": len(opened), "problems": problems}


def exhausted(mod):
    """Two tasks hold both connections of a size-2 pool; a third acquires, then one is released."""
    log, opened = [], []

    async def main():
        async with mod.AsyncPool(_factory(log, opened), 2) as pool:
            got = asyncio.Queue()
            release = {"a": asyncio.Event(), "b": asyncio.Event()}

            async def hold(label):
                async with pool.acquire() as connection:
                    await got.put((label, connection.number))
                    await release[label].wait()

            holders = [asyncio.ensure_future(hold(label)) for label in ("a", "b")]
            held = [await _finish(got.get()), await _finish(got.get())]
            third = asyncio.ensure_future(_borrow(pool, log, "third"))
            await _spin(third)
            early = _task_outcome(third) if third.done() else ("waiting", None)
            opened_while_full = len(opened)
            release["b"].set()
            late = await _finish(third)
            release["a"].set()
            await asyncio.wait(holders, timeout=HANG_SECONDS)
        return {
            "held": held,
            "early": early,
            "late": late,
            "opened_while_full": opened_while_full,
        }

    result, problems = _run(main)
    return {**result, "opened": len(opened), "problems": problems}


def cancelled_waiter(mod):
    """A task waiting for a connection is cancelled; the connection must still reach the next."""
    log, opened = [], []

    async def main():
        async with mod.AsyncPool(_factory(log, opened), 1) as pool:
            holding = asyncio.Event()
            release = asyncio.Event()

            async def hold():
                async with pool.acquire():
                    holding.set()
                    await release.wait()

            holder = asyncio.ensure_future(hold())
            await _finish(holding.wait())
            waiter = asyncio.ensure_future(_borrow(pool, log, "waiter"))
            await _spin(waiter)
            waiting = not waiter.done()
            waiter.cancel()
            await asyncio.wait({waiter}, timeout=HANG_SECONDS)
            waiter_outcome = _task_outcome(waiter) if waiter.done() else ("hung", None)
            release.set()
            holder_outcome = await _finish(holder)
            again = await _finish(_borrow(pool, log, "again"))
        return {
            "waiting": waiting,
            "waiter": waiter_outcome,
            "holder": holder_outcome,
            "again": again,
        }

    result, problems = _run(main)
    return {**result, "log": log, "problems": problems}


def misuse(mod, when):
    """acquire() "before" entering or "after" exiting the pool, or entering it "twice"."""
    log, opened = [], []

    async def enter(pool):
        async with pool:
            return "entered"

    async def main():
        pool = mod.AsyncPool(_factory(log, opened), 1)
        if when == "before":
            return await _finish(_borrow(pool, log, "before"))
        async with pool:
            pass
        if when == "after":
            return await _finish(_borrow(pool, log, "after"))
        return await _finish(enter(pool))

    result, problems = _run(main)
    return {"outcome": result, "log": log, "problems": problems}


def bad_size(mod, size):
    """What AsyncPool(factory, size) raised, or None."""
    return raised(mod.AsyncPool, _factory([], []), size)


# --- asynccontextmanager_lite -------------------------------------------------------------

HANDLERS = ("finally", "swallow", "reraise", "replace")
BODIES = ("ok", "ValueError", "StopAsyncIteration")


def _scenario_genfunc(log, yields, handler, marker):
    """An async generator function with `yields` yields, each guarded by `handler`:

    "finally" cleans up in try/finally, "swallow" catches the exception and carries on,
    "reraise" notes it and re-raises it, "replace" raises a LookupError in its place.
    """

    def saw(error):
        log.append(("saw", type(error).__name__, error is marker[0]))

    async def resource(tag):
        log.append(("setup", tag))
        for i in range(yields):
            if handler == "finally":
                try:
                    yield f"{tag}-{i}"
                finally:
                    log.append(("finally", i))
            else:
                try:
                    yield f"{tag}-{i}"
                except Exception as error:
                    saw(error)
                    if handler == "reraise":
                        raise
                    if handler == "replace":
                        # A new exception raised while handling: its __context__ is `error`.
                        raise LookupError("cleanup failed")  # noqa: B904
        log.append(("teardown", tag))

    return resource


def _body_error(body):
    return {
        "ok": None,
        "ValueError": ValueError("body"),
        "StopAsyncIteration": StopAsyncIteration(),
    }[body]


async def _scenario(decorator, yields, handler, body):
    log = []
    marker = [_body_error(body)]
    manager = decorator(_scenario_genfunc(log, yields, handler, marker))("cm")
    try:
        async with manager as value:
            log.append(("as", value))
            if marker[0] is not None:
                raise marker[0]
            log.append(("body done",))
    except BaseException as error:
        if isinstance(error, NotImplementedError):
            raise
        log.append(
            (
                "escaped",
                type(error).__name__,
                error is marker[0],
                marker[0] is not None and error.__context__ is marker[0],
            )
        )
    else:
        log.append(("after the block",))
    return log


def lite_scenario(mod, yields, handler, body):
    """One scenario through asynccontextmanager_lite."""

    async def main():
        return await _finish(_scenario(mod.asynccontextmanager_lite, yields, handler, body))

    result, problems = _run(main)
    return {"outcome": result, "problems": problems}


def lite_all_scenarios(mod):
    """Every combination of yields (0, 1, 2), handler and body, through both implementations.

    Returns the list of (yields, handler, body, lite's outcome, contextlib's outcome), all run in
    one event loop. A generator left unclosed is finalized later, so its last events may come
    after the scenario's end.
    """

    async def main():
        found = []
        for yields in (0, 1, 2):
            for handler in HANDLERS:
                for body in BODIES:
                    lite = await _finish(
                        _scenario(mod.asynccontextmanager_lite, yields, handler, body)
                    )
                    reference = await _finish(
                        _scenario(contextlib.asynccontextmanager, yields, handler, body)
                    )
                    found.append((yields, handler, body, lite, reference))
        return found

    result, problems = _run(main)
    return {"scenarios": result, "problems": problems}


def lite_reuse(mod):
    """Call the decorated function twice, nest the two managers, and look at its metadata."""
    log = []

    async def opened(name):
        """Open a named resource."""
        log.append(("open", name))
        yield name.upper()
        log.append(("close", name))

    def check():
        factory = mod.asynccontextmanager_lite(opened)

        async def main():
            first, second = factory("a"), factory("b")
            async with first as x, second as y:
                log.append(("inside", x, y))
            async with factory("c") as z:
                log.append(("inside", z))
            return {
                "name": getattr(factory, "__name__", None),
                "doc": getattr(factory, "__doc__", None),
                "distinct": first is not second,
            }

        return _run(lambda: _finish(main()))

    (kind, value), problems = check()
    return {"outcome": (kind, value), "log": log, "problems": problems}
