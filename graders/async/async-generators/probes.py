"""Probes for async/async-generators: they run in the sandbox beside agen.py.

Every probe enters through asyncio.run. Sources are the probe's own async generators, which log
every item they produce and whether their `finally` ran; `amerge`'s sources read from
asyncio.Queues the probe fills, so the probe decides the order items arrive in. Nothing sleeps.
A wait a wrong solution could leave hanging ends as soon as the event loop is idle (nothing
ready, no timer: nothing can happen any more), with a generous time limit as a last resort, and
the stall is returned as data. RuntimeWarnings and errors asyncio logs ("Task was destroyed but it
is pending", "Task exception was never retrieved") are returned too.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import inspect
import warnings

from pykata_sandbox.probing import outcome, raised

# Everything alive now (the interpreter, the learner's module) is old: leave it out of the
# gc.collect() each probe runs to flush "never awaited" warnings, which keeps that collect cheap.
gc.freeze()

LIMIT = 5.0  # seconds: the last-resort bound on a wait; an idle loop ends a stall long before
DONE = object()  # tells a queue-fed source to finish


def _reraise(error):
    raise error


def _describe(error):
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


async def _wait_any(*aws):
    """Wait until one of the futures is done: True, or False once the loop goes idle first."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LIMIT
    idle_turns = 0
    while not any(aw.done() for aw in aws):
        idle_turns = idle_turns + 1 if _idle(loop) else 0
        if idle_turns > 2 or loop.time() > deadline:
            return False
        await asyncio.sleep(0)
    return True


def _leftover_tasks():
    me = asyncio.current_task()
    return sum(1 for task in asyncio.all_tasks() if task is not me and not task.done())


def _run(main):
    """asyncio.run(main()) with every warning recorded and asyncio's error log captured."""
    logged = []

    async def runner():
        asyncio.get_running_loop().set_exception_handler(
            lambda loop, context: logged.append(context["message"])
        )
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


def _iterate(value):
    """An async generator function that is still a stub returns a coroutine: run it to surface
    its NotImplementedError instead of failing on `async for`."""
    if inspect.iscoroutine(value):
        value.send(None)
    return value


async def _consume(agen, limit=None):
    """("returned", items) or ("raised", description), taking at most `limit` items."""
    items = []
    try:
        async for item in _iterate(agen):
            items.append(item)
            if limit is not None and len(items) >= limit:
                break
    except NotImplementedError:
        raise
    except Exception as error:
        return ("raised", _describe(error), items)
    return ("returned", items, None)


class Log:
    """What the probe's sources did."""

    def __init__(self):
        self.events = []

    def source(self, name, items, fail=None):
        """An async generator yielding `items` then raising `fail` (if given)."""

        async def generate():
            try:
                for item in items:
                    self.events.append((name, "produced", item))
                    yield item
                    await asyncio.sleep(0)
                if fail is not None:
                    raise fail
            finally:
                self.events.append((name, "finally"))

        return generate()

    def queue_source(self, name, queue):
        """An async generator yielding what arrives on `queue`, until DONE."""

        async def generate():
            try:
                while True:
                    item = await queue.get()
                    if item is DONE:
                        return
                    if isinstance(item, BaseException):
                        raise item
                    yield item
            except asyncio.CancelledError:
                self.events.append((name, "cancelled"))
                raise
            finally:
                self.events.append((name, "finally"))

        return generate()

    def closed(self):
        return sorted({name for name, *rest in self.events if rest == ["finally"]})

    def produced(self, name):
        return [
            rest[1] for source, *rest in self.events if source == name and rest[0] == "produced"
        ]


class PlainIterable:
    """An async iterable that is not a generator: it has no aclose()."""

    def __init__(self, items):
        self.items = list(items)

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.items:
            raise StopAsyncIteration
        return self.items.pop(0)


def ticks(mod, n, interval, take):
    """ticker(n, sleep=fake, interval=interval), consumed fully or for `take` items."""
    sleeps = []

    async def fake_sleep(delay):
        sleeps.append(delay)

    async def main():
        kind, value, partial = await _consume(
            mod.ticker(n, sleep=fake_sleep, interval=interval), limit=take
        )
        return {"ending": kind, "value": value, "partial": partial, "sleeps": sleeps}

    return _run(main)


def default_ticker(mod, n):
    """ticker(n) with the default sleep and interval, through collect()."""

    async def main():
        return {"value": await mod.collect(_iterate(mod.ticker(n)))}

    return _run(main)


def batches(mod, items, size):
    async def main():
        log = Log()
        kind, value, partial = await _consume(mod.abatch(log.source("src", items), size))
        return {
            "ending": kind,
            "value": value,
            "partial": partial,
            "types": sorted({type(batch).__name__ for batch in value})
            if kind == "returned"
            else [],
            "pulled": log.produced("src"),
            "closed": log.closed(),
        }

    return _run(main)


def taken(mod, items, n, plain=False):
    """atake(source, n) consumed fully; how many items the source produced."""

    async def main():
        log = Log()
        source = PlainIterable(items) if plain else log.source("src", items)
        kind, value, partial = await _consume(mod.atake(source, n))
        return {
            "ending": kind,
            "value": value,
            "partial": partial,
            "pulled": log.produced("src"),
            "closed": log.closed(),
        }

    return _run(main)


def closed_early(mod, adapter):
    """Inside `async with aclosing(adapter(...))`, take one value and leave the block."""

    async def main():
        log = Log()
        source = log.source("src", range(100))
        if adapter == "atake":
            agen = mod.atake(source, 5)
        elif adapter == "abatch":
            agen = mod.abatch(source, 2)
        else:
            agen = mod.amerge(source, log.source("other", range(100, 200)))
        got = []
        async with contextlib.aclosing(_iterate(agen)) as values:
            async for value in values:
                got.append(value)
                log.events.append(("consumer", "got", value))
                break
        log.events.append(("consumer", "left the block"))
        return {
            "got": got,
            "order": [event for event in log.events if event[1] in ("finally", "left the block")],
            "leftover_tasks": _leftover_tasks(),
        }

    return _run(main)


def merged(mod, plan, sources):
    """amerge over `sources` queue-fed sources; put plan[k]'s item on its queue one at a time.

    After each put the probe waits until the consumer has received an item (or nothing more
    can happen), so the arrival order is exactly the plan's order.
    """

    async def main():
        log = Log()
        queues = [asyncio.Queue() for _ in range(sources)]
        agen = mod.amerge(*(log.queue_source(f"s{i}", q) for i, q in enumerate(queues)))
        received = asyncio.Queue()
        stalled = False

        async def consumer():
            async for item in _iterate(agen):
                received.put_nowait(item)

        task = asyncio.ensure_future(consumer())
        order = []
        for step, source in enumerate(plan):
            queues[source].put_nowait(f"s{source}-{step}")
            getter = asyncio.ensure_future(received.get())
            await _wait_any(getter, task)
            if not getter.done():
                getter.cancel()
                await asyncio.sleep(0)
                stalled = True
                break
            order.append(getter.result())
        for queue in queues:
            queue.put_nowait(DONE)
        await _wait_any(task)
        if (
            task.done()
            and not task.cancelled()
            and isinstance(task.exception(), NotImplementedError)
        ):
            raise task.exception()
        finished = task.done()
        if not finished:
            task.cancel()
            await _settle()
        while not received.empty():
            order.append(received.get_nowait())
        return {"order": order, "stalled": stalled, "finished": finished, "closed": log.closed()}

    return _run(main)


def merge_close(mod):
    """Take one item from amerge over three queue-fed sources, then close it (aclosing)."""

    async def main():
        log = Log()
        queues = [asyncio.Queue() for _ in range(3)]
        queues[1].put_nowait("first")
        agen = mod.amerge(*(log.queue_source(f"s{i}", q) for i, q in enumerate(queues)))
        got = []

        async def take_one():
            async with contextlib.aclosing(_iterate(agen)) as values:
                async for value in values:
                    got.append(value)
                    break

        kind, value = await _bounded(take_one())
        return {
            "ending": kind,
            "error": value if kind == "raised" else None,
            "got": got,
            "cancelled": sorted(name for name, what, *_ in log.events if what == "cancelled"),
            "closed": log.closed(),
            "leftover_tasks": _leftover_tasks(),
        }

    return _run(main)


def merge_failure(mod):
    """amerge over a source that fails after one item and two that wait on empty queues."""
    error = LookupError("source s0 failed")

    async def main():
        log = Log()
        queues = [asyncio.Queue() for _ in range(3)]
        queues[0].put_nowait("before the failure")
        queues[0].put_nowait(error)
        agen = mod.amerge(*(log.queue_source(f"s{i}", q) for i, q in enumerate(queues)))
        items = []
        caught = []

        async def drain():
            try:
                async for item in _iterate(agen):
                    items.append(item)
            except LookupError as failure:
                caught.append(failure)
                raise

        kind, value = await _bounded(drain())
        await _settle()
        return {
            "ending": kind,
            "error": value if kind == "raised" else None,
            "same_error": bool(caught) and caught[0] is error,
            "items": items,
            "closed": log.closed(),
            "leftover_tasks": _leftover_tasks(),
        }

    return _run(main)


async def _bounded(awaitable):
    """("returned", value), ("raised", description) or ("stalled", None) (see _wait_any)."""
    task = asyncio.ensure_future(awaitable)
    if not await _wait_any(task):
        task.cancel()
        await _settle()
        return ("stalled", None)
    if task.cancelled():
        return ("raised", _describe(asyncio.CancelledError()))
    error = task.exception()
    if error is None:
        return ("returned", task.result())
    if isinstance(error, NotImplementedError):
        raise error
    return ("raised", _describe(error))


def bad_argument(mod, name, value):
    """What iterating ticker(value), abatch(src, value) or atake(src, value) raised."""

    async def main():
        log = Log()
        if name == "ticker":
            agen = mod.ticker(value)
        elif name == "abatch":
            agen = mod.abatch(log.source("src", [1, 2, 3]), value)
        else:
            agen = mod.atake(log.source("src", [1, 2, 3]), value)
        kind, result, _ = await _consume(agen)
        return {"ending": kind, "value": result, "pulled": log.produced("src")}

    return _run(main)


def collected(mod, plain):
    async def main():
        log = Log()
        source = PlainIterable("abc") if plain else log.source("src", "abc")
        value = await mod.collect(source)
        return {"value": value, "type": type(value).__name__}

    return _run(main)
