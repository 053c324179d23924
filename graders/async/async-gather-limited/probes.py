"""Probes for async/async-gather-limited: they run in the sandbox beside agather.py.

Every probe enters through asyncio.run. The jobs handed to the learner's code wait on
asyncio.Events that the probe sets one at a time, so the probe decides the order in which they
finish. Nothing sleeps to order events: where the probe must let the learner's code react, it
yields to the loop a fixed number of times (`_settle`). A wait that a wrong solution could leave
hanging ends as soon as the event loop is idle (nothing ready, no timer: nothing can happen any
more), with a generous time limit as a last resort, and the stall comes back as data.
RuntimeWarnings (such as "coroutine ... was never awaited") and errors asyncio logs (such as
"Task exception was never retrieved") are recorded and returned.
"""

from __future__ import annotations

import asyncio
import gc
import threading
import warnings

from pykata_sandbox.probing import outcome, raised

# Everything alive now (the interpreter, the learner's module) is old: leave it out of the
# gc.collect() each probe runs to flush "never awaited" warnings, which keeps that collect cheap.
gc.freeze()

LIMIT = 5.0  # seconds: the last-resort bound on a wait; an idle loop ends a stall long before


def _reraise(error):
    raise error


def _describe(error):
    """An exception caught inside the loop, described as data."""
    if isinstance(error, NotImplementedError):
        raise error
    return raised(_reraise, error)


async def _settle(rounds=20):
    """Let every ready callback run: yield to the loop, never wait for time to pass."""
    for _ in range(rounds):
        await asyncio.sleep(0)


def _idle(loop):
    """Whether nothing but the caller can run: no ready callbacks and no live timers.

    Reads the loop's private queues (present in CPython 3.10-3.14); without them, never idle.
    """
    ready, timers = getattr(loop, "_ready", None), getattr(loop, "_scheduled", None)
    if ready is None or timers is None:
        return False
    return not ready and all(timer.cancelled() for timer in timers)


async def _wait_any(*aws, idle_ends=True):
    """Wait until one of the futures is done: True, or False once the loop goes idle first.

    With idle_ends=False only the time limit ends the wait: for work done in another thread,
    which wakes the loop from outside.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LIMIT
    idle_turns = 0
    while not any(aw.done() for aw in aws):
        idle_turns = idle_turns + 1 if idle_ends and _idle(loop) else 0
        if idle_turns > 2 or loop.time() > deadline:
            return False
        await asyncio.sleep(0)
    return True


async def _bounded(awaitable, idle_ends=True):
    """("returned", value), ("raised", BaseException) or ("stalled", None).

    Stalled means the call could make no more progress (see _wait_any). asyncio.wait_for is
    not used: it raises TimeoutError itself, which could be mistaken for the learner's own.
    """
    task = asyncio.ensure_future(awaitable)
    if not await _wait_any(task, idle_ends=idle_ends):
        task.cancel()
        await _settle()
        return ("stalled", None)
    await asyncio.sleep(0)  # let the task's done callbacks run first
    if task.cancelled():
        return ("raised", asyncio.CancelledError())
    error = task.exception()
    if error is None:
        return ("returned", task.result())
    if isinstance(error, NotImplementedError):
        raise error
    return ("raised", error)


def _leftover_tasks():
    """Tasks, other than the probe's own, that are still running."""
    me = asyncio.current_task()
    return sum(1 for task in asyncio.all_tasks() if task is not me and not task.done())


def _run(main):
    """asyncio.run(main()); return its value with the warnings and asyncio errors seen."""
    logged = []

    async def runner():
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda loop, context: logged.append(context["message"]))
        return await main()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        kind, value = outcome(asyncio.run, runner())
        gc.collect()
    if kind == "raised":
        value = {"probe_raised": value}
    value["warnings"] = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    value["logged"] = logged
    return value


class Jobs:
    """n jobs; job i waits for gates[i], then returns f"result {i}" or raises errors[i]."""

    def __init__(self, n, failing=()):
        self.gates = [asyncio.Event() for _ in range(n)]
        self.errors = {i: LookupError(f"job {i} failed") for i in failing}
        self.started = asyncio.Queue()
        self.called = []  # factory indices, in the order the factories were called
        self.cancelled = []
        self.cleaned_up = []
        self.finished = []
        self.calls_when_finished = []  # how many factories had been called as each job finished
        self.in_flight = 0
        self.max_in_flight = 0

    def factories(self):
        return [self._factory(i) for i in range(len(self.gates))]

    def _factory(self, i):
        def make():
            self.called.append(i)
            return self._job(i)

        return make

    async def _job(self, i):
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        self.started.put_nowait(i)
        try:
            await self.gates[i].wait()
        except asyncio.CancelledError:
            self.cancelled.append(i)
            await _settle(3)  # clean-up that takes a few steps, as closing a connection would
            self.cleaned_up.append(i)
            raise
        finally:
            self.in_flight -= 1
        self.finished.append(i)
        self.calls_when_finished.append(len(self.called))
        if i in self.errors:
            raise self.errors[i]
        return f"result {i}"

    async def wait_started(self, count, task, into=None):
        """Collect `count` start signals (appended to `into`).

        False if they stop coming (the loop went idle), or if `task` (the learner's call) ends
        first.
        """
        for _ in range(count):
            getter = asyncio.ensure_future(self.started.get())
            await _wait_any(getter, task)
            if not getter.done():
                getter.cancel()
                await asyncio.wait({getter})
                return False
            if into is not None:
                into.append(getter.result())
        return True

    def open_all(self):
        for gate in self.gates:
            gate.set()

    def which(self, error):
        """The index of the job whose exception object this is, or None."""
        return next((i for i, e in self.errors.items() if e is error), None)

    def watch(self, task):
        """Note which jobs had finished cleaning up the moment `task` ends."""
        self.cleaned_when_done = None

        def note(_):
            self.cleaned_when_done = sorted(self.cleaned_up)

        task.add_done_callback(note)
        return task

    def report(self):
        return {
            "called": list(self.called),
            "cancelled": sorted(self.cancelled),
            "cleaned_when_done": getattr(self, "cleaned_when_done", None),
            "finished": list(self.finished),
            "max_in_flight": self.max_in_flight,
            "calls_when_finished": list(self.calls_when_finished),
        }


def _items(values, jobs):
    """A learner's result list, with exception objects described as data."""
    if not isinstance(values, list):
        return values
    items = []
    for value in values:
        if isinstance(value, BaseException):
            items.append(("exception", type(value).__name__, jobs.which(value)))
        else:
            items.append(value)
    return items


def _ending(kind, value, jobs):
    """How the learner's call ended, as data."""
    if kind == "returned":
        return {"ending": "returned", "value": _items(value, jobs)}
    if kind == "raised":
        return {"ending": "raised", "raised": _describe(value), "job": jobs.which(value)}
    return {"ending": "stalled"}


def schedule(mod, n, limit, picks):
    """Run n jobs with gather_limited(limit); release one running job at a time.

    Before each release the probe waits until min(limit, jobs left) are running, then releases
    the one at position picks[k] (modulo how many run; -1 is the newest) of the running jobs.
    """

    async def main():
        jobs = Jobs(n)
        task = jobs.watch(asyncio.ensure_future(mod.gather_limited(jobs.factories(), limit)))
        running = []  # started and not released yet, oldest first
        picks_left = iter(picks)
        stalled = False
        for released in range(n):
            need = min(limit, n - released) - len(running)
            if need > 0:
                stalled = not await jobs.wait_started(need, task, into=running)
                if stalled:
                    break
            pick = next(picks_left, 0) % len(running)
            jobs.gates[running.pop(pick)].set()
            await _settle()
        jobs.open_all()
        kind, value = await _bounded(task)
        return {
            **_ending(kind, value, jobs),
            **jobs.report(),
            "stalled": stalled,
            "leftover_tasks": _leftover_tasks(),
        }

    return _run(main)


def lazy_calls(mod, n, limit):
    """How many factories had been called when the first job finished."""

    async def main():
        jobs = Jobs(n)
        task = asyncio.ensure_future(mod.gather_limited(iter(jobs.factories()), limit))
        stalled = not await jobs.wait_started(limit, task)
        await _settle()
        called_while_waiting = len(jobs.called)
        jobs.gates[0].set()
        await _settle()
        jobs.open_all()
        kind, value = await _bounded(task)
        return {
            **_ending(kind, value, jobs),
            **jobs.report(),
            "stalled": stalled,
            "called_while_waiting": called_while_waiting,
        }

    return _run(main)


def failure(mod, n, limit, failing):
    """Job `failing` fails as soon as `limit` jobs run; the others are never released."""

    async def main():
        jobs = Jobs(n, failing=[failing])
        task = jobs.watch(asyncio.ensure_future(mod.gather_limited(jobs.factories(), limit)))
        stalled = not await jobs.wait_started(limit, task)
        jobs.gates[failing].set()
        kind, value = await _bounded(task)
        seen = {
            **_ending(kind, value, jobs),
            **jobs.report(),
            "stalled": stalled,
            "leftover_tasks": _leftover_tasks(),
        }
        jobs.open_all()  # let whatever the learner left running end before asyncio.run does
        await _settle()
        return seen

    return _run(main)


def collected_failures(mod, n, limit, failing):
    """return_exceptions=True: every job is released, the `failing` ones raise."""

    async def main():
        jobs = Jobs(n, failing=failing)
        task = asyncio.ensure_future(
            mod.gather_limited(jobs.factories(), limit, return_exceptions=True)
        )
        jobs.open_all()
        kind, value = await _bounded(task)
        return {**_ending(kind, value, jobs), **jobs.report()}

    return _run(main)


def cancelled_from_outside(mod, n, limit):
    """Cancel the gather_limited task while `limit` jobs run."""

    async def main():
        jobs = Jobs(n)
        task = jobs.watch(asyncio.ensure_future(mod.gather_limited(jobs.factories(), limit)))
        stalled = not await jobs.wait_started(limit, task)
        task.cancel()
        kind, value = await _bounded(task)
        await _settle()
        seen = {
            **_ending(kind, value, jobs),
            **jobs.report(),
            "stalled": stalled,
            "leftover_tasks": _leftover_tasks(),
        }
        jobs.open_all()
        await _settle()
        return seen

    return _run(main)


def bad_limit(mod, limit):
    """gather_limited with a limit below 1: what it raised, and which factories it called."""

    async def main():
        jobs = Jobs(3)
        jobs.open_all()
        kind, value = await _bounded(mod.gather_limited(jobs.factories(), limit))
        return {**_ending(kind, value, jobs), **jobs.report()}

    return _run(main)


def empty(mod):
    async def main():
        kind, value = await _bounded(mod.gather_limited([], 3))
        return _ending(kind, value, Jobs(0))

    return _run(main)


def race(mod, n, failing, release_order, timeout):
    """first_completed over n jobs; release them one by one in release_order, then wait.

    Jobs in `failing` raise when released. After each release the loop settles, so each job has
    finished, and been seen finishing, before the next is released.
    """

    async def main():
        jobs = Jobs(n, failing=failing)
        task = jobs.watch(asyncio.ensure_future(mod.first_completed(jobs.factories(), timeout)))
        stalled = not await jobs.wait_started(n, task)
        for i in release_order:
            if task.done():
                break
            jobs.gates[i].set()
            await _settle()
        kind, value = await _bounded(task)
        await _settle()
        seen = {
            **_ending(kind, value, jobs),
            **jobs.report(),
            "stalled": stalled,
            "leftover_tasks": _leftover_tasks(),
        }
        jobs.open_all()
        await _settle()
        return seen

    return _run(main)


def no_factories(mod):
    async def main():
        kind, value = await _bounded(mod.first_completed([], 1.0))
        return _ending(kind, value, Jobs(0))

    return _run(main)


def blocking_call(mod, ticks):
    """run_blocking(func, 2, 3) where func waits on a threading.Event a coroutine sets.

    The coroutine sets the Event only after it has run `ticks` steps, which it can do only if
    the event loop is free while func blocks. Called on the loop's own thread, func returns at
    once and says so, rather than freeze the loop.
    """

    async def main():
        loop = asyncio.get_running_loop()
        loop_thread = threading.get_ident()
        started = asyncio.Event()
        release = threading.Event()
        steps = []

        def func(a, b):
            if threading.get_ident() == loop_thread:  # blocking here would freeze the loop
                return {"sum": a + b, "released": False, "own_thread": False}
            loop.call_soon_threadsafe(started.set)
            released = release.wait(LIMIT)
            return {
                "sum": a + b,
                "released": released,
                "own_thread": threading.get_ident() != loop_thread,
            }

        async def other():
            await started.wait()
            for step in range(ticks):
                steps.append(step)
                await asyncio.sleep(0)
            release.set()

        helper = asyncio.ensure_future(other())
        kind, value = await _bounded(mod.run_blocking(func, 2, 3), idle_ends=False)
        await _bounded(helper)
        return {**_ending(kind, value, Jobs(0)), "steps": len(steps)}

    return _run(main)


def blocking_error(mod):
    """run_blocking(func) where func raises: is the same exception object raised?"""
    error = KeyError("missing")

    def func():
        raise error

    async def main():
        kind, value = await _bounded(mod.run_blocking(func), idle_ends=False)
        seen = _ending(kind, value, Jobs(0))
        seen["same_object"] = value is error
        return seen

    return _run(main)
