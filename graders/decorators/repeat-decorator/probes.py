"""Probes for the repeat decorator: they run in the sandbox and report what they saw."""

from __future__ import annotations

import asyncio
import gc
import inspect
import warnings

from pykata_sandbox.probing import outcome, raised


def calls_made(mod, times):
    """Decorate a recording function with repeat(times) and call it once."""
    calls = []

    @mod.repeat(times)
    def record(x, *, label="none"):
        calls.append((x, label))
        return len(calls)

    result = record(7, label="kw")
    return {"calls": calls, "result": result}


def collected(mod, times):
    counter = iter(range(100, 200))

    @mod.repeat(times, collect=True)
    def draw():
        return next(counter)

    return draw()


def bare_and_empty(mod):
    """Count calls through @repeat and @repeat()."""
    seen = {"bare": 0, "empty": 0}

    @mod.repeat
    def bare():
        seen["bare"] += 1
        return "bare"

    @mod.repeat()
    def empty():
        seen["empty"] += 1
        return "empty"

    return {"bare_result": bare(), "empty_result": empty(), **seen}


def rejected(mod, times):
    """What creating and applying repeat(times) raised, before any call (None if nothing)."""
    calls = []

    def apply():
        decorator = mod.repeat(times)
        decorator(lambda: calls.append(1))

    return {"raised": raised(apply), "calls": len(calls)}


def stops_on_error(mod):
    """The function fails on its second call."""
    calls = []
    failure = LookupError("second call fails")

    @mod.repeat(4)
    def flaky():
        calls.append(1)
        if len(calls) == 2:
            raise failure
        return len(calls)

    try:
        flaky()
    except BaseException as error:
        return {"calls": len(calls), "same_object": error is failure, "type": type(error).__name__}
    return {"calls": len(calls), "same_object": False, "type": None}


def on_methods(mod):
    """Apply repeat beneath instance, static and class methods, with keyword-only arguments."""
    log = []

    class Counter:
        def __init__(self):
            self.count = 0

        @mod.repeat(3)
        def bump(self, *, step):
            self.count += step
            return self.count

        @staticmethod
        @mod.repeat(2)
        def shout(word, *, suffix="!"):
            log.append("static")
            return word + suffix

        @classmethod
        @mod.repeat(2)
        def describe(cls, *, prefix):
            log.append("class")
            return prefix + cls.__name__

    counter = Counter()
    return {
        "bump": counter.bump(step=5),
        "count": counter.count,
        "shout": Counter.shout("hey", suffix="?"),
        "describe": Counter.describe(prefix="I am "),
        "log": log,
    }


def metadata(mod):
    def original(a, b=2, *args, flag=False, **kwargs):
        """Add things up."""
        return a

    wrapped = mod.repeat(3)(original)
    return {
        "name": getattr(wrapped, "__name__", None),
        "qualname": getattr(wrapped, "__qualname__", None),
        "doc": getattr(wrapped, "__doc__", None),
        "wrapped_is_original": getattr(wrapped, "__wrapped__", None) is original,
        "signature": str(inspect.signature(wrapped)),
    }


def async_calls(mod, times):
    """Decorate an async function, run it with asyncio.run, and collect RuntimeWarnings."""
    calls = []

    @mod.repeat(times)
    async def fetch(x):
        calls.append(x)
        await asyncio.sleep(0)
        return len(calls)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        result = outcome(lambda: asyncio.run(fetch(5)))
        gc.collect()
    kind, value = result
    return {
        "calls": len(calls),
        "is_async": inspect.iscoroutinefunction(fetch),
        "result": value if kind == "returned" and type(value) is int else None,
        "raised": value if kind == "raised" else None,
        "warnings": [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)],
    }
