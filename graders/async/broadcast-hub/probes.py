"""Probes for async/broadcast-hub: they run in the sandbox beside hub.py and return plain data.

Every probe enters through asyncio.run and reads time from a fake clock it moves by hand. "No
more messages" is judged by letting the loop run a fixed number of rounds (asyncio.sleep(0))
while a receive() stays pending, then cancelling it; a broadcast that waits is given a short
bound and reported as "hung". RuntimeWarnings (a coroutine never awaited) and errors asyncio
logs (a task destroyed while pending) come back as "problems".
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import logging
import warnings

from pykata_sandbox.probing import raised

ROUNDS = 50  # loop rounds; a correct hub needs at most a handful
HANG_SECONDS = 0.5  # only a hanging hub ever waits this long
MOST_MESSAGES = 50  # a drain stops here whatever happens


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


def _task_outcome(task):
    if task.cancelled():
        return ("cancelled", None)
    error = task.exception()
    if error is not None:
        return ("raised", _describe(error))
    return ("returned", task.result())


async def _finish(awaitable):
    """Await with a bound: ("returned", value), ("raised", Raised), ("hung", None), or
    ("not awaitable", type name) when a coroutine was expected and something else came back."""
    if not inspect.isawaitable(awaitable):
        return ("not awaitable", type(awaitable).__name__)
    task = asyncio.ensure_future(awaitable)
    await _spin(task)
    if not task.done():
        await asyncio.wait({task}, timeout=HANG_SECONDS)
    if not task.done():
        task.cancel()
        await asyncio.wait({task}, timeout=HANG_SECONDS)
        return ("hung", None)
    return _task_outcome(task)


async def _drain(connection):
    """Receive until a receive() keeps waiting ("waiting") or raises (its Raised ends the list)."""
    got = []
    for _ in range(MOST_MESSAGES):
        pending = connection.receive()
        if not inspect.isawaitable(pending):
            got.append(f"receive() returned a {type(pending).__name__}, not a coroutine")
            return got
        task = asyncio.ensure_future(pending)
        await _spin(task)
        if not task.done():
            task.cancel()
            await asyncio.wait({task}, timeout=HANG_SECONDS)
            got.append("waiting")
            return got
        kind, value = _task_outcome(task)
        got.append(value)
        if kind != "returned":
            return got
    return got


class Clock:
    """A fake clock: the probe sets `now`."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def _stats(hub):
    return {client: dict(counts) for client, counts in hub.stats().items()}


def fan_out(mod):
    """Clients a, b, c; four broadcasts, some with exclude."""

    async def main():
        hub = mod.Hub(maxsize=10, heartbeat_timeout=30, clock=Clock())
        clients = {name: hub.connect(name) for name in "abc"}
        broadcasts = [
            await _finish(hub.broadcast("m1")),
            await _finish(hub.broadcast("m2", exclude={"b"})),
            await _finish(hub.broadcast("m3", exclude=["a", "c"])),
            await _finish(hub.broadcast("m4", exclude=None)),
        ]
        stats = _stats(hub)
        received = {name: await _drain(conn) for name, conn in clients.items()}
        return {"broadcasts": broadcasts, "received": received, "stats": stats}

    result, problems = _run(main)
    return {**result, "problems": problems}


def slow_client(mod, policy):
    """maxsize 2; "slow" (connected first) never reads, "fast" is drained after each broadcast."""

    async def main():
        hub = mod.Hub(maxsize=2, policy=policy, heartbeat_timeout=30, clock=Clock())
        slow = hub.connect("slow")
        fast = hub.connect("fast")
        broadcasts, fast_got = [], []
        for i in range(5):
            broadcasts.append(await _finish(hub.broadcast(f"m{i}")))
            fast_got += [m for m in await _drain(fast) if m != "waiting"]
        stats = _stats(hub)
        slow_got = await _drain(slow)
        return {
            "broadcasts": broadcasts,
            "fast": fast_got,
            "slow": slow_got,
            "slow_closed": slow.closed,
            "stats": stats,
        }

    result, problems = _run(main)
    return {**result, "problems": problems}


def disconnect_mid_broadcast(mod):
    """Policy "disconnect", maxsize 1: s1, f1, s2, f2, s3 connect; only f1 and f2 read."""

    async def main():
        hub = mod.Hub(maxsize=1, policy="disconnect", heartbeat_timeout=30, clock=Clock())
        clients = {name: hub.connect(name) for name in ("s1", "f1", "s2", "f2", "s3")}
        first = await _finish(hub.broadcast("m0"))
        early = {name: await _drain(clients[name]) for name in ("f1", "f2")}
        second = await _finish(hub.broadcast("m1"))
        late = {name: await _drain(clients[name]) for name in ("f1", "f2")}
        return {
            "broadcasts": [first, second],
            "early": early,
            "late": late,
            "connected": sorted(_stats(hub)),
            "closed": {name: conn.closed for name, conn in clients.items()},
        }

    result, problems = _run(main)
    return {**result, "problems": problems}


def stale_sweep(mod):
    """heartbeat_timeout 10: a, b, c, d connect at 0; b pings at 4, d at 10.5.

    Sweeps at 10, 12 and 15.
    """

    async def main():
        clock = Clock()
        hub = mod.Hub(maxsize=4, heartbeat_timeout=10, clock=clock)
        clients = {name: hub.connect(name) for name in "abcd"}
        clock.now = 1.0
        await _finish(hub.broadcast("before"))
        clock.now = 4.0
        clients["b"].ping()
        clock.now = 10.0
        first = list(hub.sweep())
        clock.now = 10.5
        clients["d"].ping()
        clock.now = 12.0
        second = list(hub.sweep())
        connected = sorted(_stats(hub))
        await _finish(hub.broadcast("after"))
        received = {name: await _drain(conn) for name, conn in clients.items()}
        clock.now = 15.0
        third = list(hub.sweep())
        return {
            "first": first,
            "second": second,
            "third": third,
            "connected": connected,
            "received": received,
            "finally_connected": sorted(_stats(hub)),
        }

    result, problems = _run(main)
    return {**result, "problems": problems}


def waiting_receivers(mod, waiters):
    """`waiters` tasks wait in receive() on an empty outbox; then the client is disconnected."""

    async def main():
        hub = mod.Hub(maxsize=4, heartbeat_timeout=30, clock=Clock())
        connection = hub.connect("a")
        tasks = [asyncio.ensure_future(connection.receive()) for _ in range(waiters)]
        for task in tasks:
            await _spin(task)
        still_waiting = [not task.done() for task in tasks]
        hub.disconnect("a")
        woken = []
        for task in tasks:
            await _spin(task)
            if not task.done():
                await asyncio.wait({task}, timeout=HANG_SECONDS)
            if task.done():
                woken.append(_task_outcome(task))
            else:
                task.cancel()
                await asyncio.wait({task}, timeout=HANG_SECONDS)
                woken.append(("hung", None))
        return {"still_waiting": still_waiting, "woken": woken, "closed": connection.closed}

    result, problems = _run(main)
    return {**result, "problems": problems}


def drain_after_disconnect(mod):
    """Three broadcasts reach a and b; a is disconnected; one more broadcast; a is drained."""

    async def main():
        hub = mod.Hub(maxsize=5, heartbeat_timeout=30, clock=Clock())
        a, b = hub.connect("a"), hub.connect("b")
        for i in range(3):
            await _finish(hub.broadcast(f"m{i}"))
        hub.disconnect("a")
        await _finish(hub.broadcast("m3"))
        again = raised(hub.disconnect, "a")
        unknown = raised(hub.disconnect, "nobody")
        a_got = await _drain(a)
        a_later = await _finish(a.receive())
        b_got = await _drain(b)
        return {
            "a": a_got,
            "a_later": a_later,
            "b": b_got,
            "again": again,
            "unknown": unknown,
            "connected": sorted(_stats(hub)),
        }

    result, problems = _run(main)
    return {**result, "problems": problems}


def duplicate_ids(mod):
    """Connect a; connect a again; disconnect a; connect a once more."""

    async def main():
        hub = mod.Hub(maxsize=5, heartbeat_timeout=30, clock=Clock())
        first = hub.connect("a")
        duplicate = raised(hub.connect, "a")
        await _finish(hub.broadcast("m0"))
        first_got = await _drain(first)
        hub.disconnect("a")
        second = hub.connect("a")
        await _finish(hub.broadcast("m1"))
        second_got = await _drain(second)
        return {
            "duplicate": duplicate,
            "first": first_got,
            "second": second_got,
            "new_object": second is not first,
            "stats": _stats(hub),
        }

    result, problems = _run(main)
    return {**result, "problems": problems}


def bad_settings(mod, maxsize, policy):
    """What Hub(maxsize=..., policy=..., heartbeat_timeout=30) raised, or None."""
    return raised(mod.Hub, maxsize=maxsize, policy=policy, heartbeat_timeout=30)
