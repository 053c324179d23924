"""Probes for basics/loop-guard: they run in the sandbox beside loopguard.py."""

from __future__ import annotations

import itertools

from pykata_sandbox.probing import outcome, raised, run_in_thread


def _chain_map(mu, lam):
    """The map 0 -> 1 -> ... -> mu+lam-1 -> mu: a tail of mu states, then a cycle of lam."""
    last = mu + lam - 1
    return lambda n: n + 1 if n < last else mu


def _quadratic_map(c, m):
    return lambda n: (n * n + c) % m


def _make_map(shape):
    kind, a, b = shape
    return _chain_map(a, b) if kind == "chain" else _quadratic_map(a, b)


def cycles(mod, cases):
    """find_cycle for each case ``(shape, start)``, with states wrapped in counting objects.

    Stops after a case whose call did not return within 2 s: the stuck thread keeps running.
    """
    results = []
    for shape, start in cases:
        results.append(_one_cycle(mod, _make_map(shape), start))
        if results[-1]["kind"] == "hung":
            break
    return results


def _one_cycle(mod, function, start):
    """Every state is a fresh ``State``: count the calls to ``step`` and the most States alive.

    CPython frees an object as soon as its last reference goes, and ``__del__`` counts that.
    """
    alive = {"now": 0, "peak": 0, "calls": 0}

    class State:
        __slots__ = ("value",)

        def __init__(self, value):
            self.value = value
            alive["now"] += 1
            alive["peak"] = max(alive["peak"], alive["now"])

        def __del__(self):
            alive["now"] -= 1

        def __eq__(self, other):
            return isinstance(other, State) and self.value == other.value

        def __hash__(self):
            return hash(self.value)

        def __repr__(self):
            return f"State({self.value})"

    def step(state):
        alive["calls"] += 1
        return State(function(state.value))

    kind, value = run_in_thread(lambda: mod.find_cycle(step, State(start)), 2.0)
    if kind == "returned":
        value = tuple(value) if isinstance(value, (tuple, list)) else repr(value)
    return {"kind": kind, "value": value, "calls": alive["calls"], "peak": alive["peak"]}


def plain_cycle(mod, shape, start):
    """find_cycle on plain ints, and the type of what it returned."""
    result = mod.find_cycle(_make_map(shape), start)
    return {"type": type(result).__name__, "value": tuple(result)}


def countdown(n):
    return max(n - 1, 0)


def settle(mod, start, max_steps):
    """run_until_stable(countdown, start, max_steps): the result or the exception's attributes."""
    calls = []

    def step(n):
        calls.append(n)
        return countdown(n)

    try:
        return {"returned": mod.run_until_stable(step, start, max_steps), "calls": len(calls)}
    except NotImplementedError:
        raise
    except BaseException as error:  # describe whatever came out, for the test to judge
        return {
            "raised": type(error).__name__,
            "hierarchy": [cls.__name__ for cls in type(error).__mro__],
            "last_state": getattr(error, "last_state", "<missing>"),
            "steps": getattr(error, "steps", "<missing>"),
            "str": str(error),
            "calls": len(calls),
        }


def settle_oscillating(mod, max_steps):
    """A step that flips between two states forever: the budget must stop it."""
    calls = []

    def flip(n):
        calls.append(n)
        return 1 - n

    kind, value = run_in_thread(lambda: raised(mod.run_until_stable, flip, 0, max_steps), 2.0)
    return {"kind": kind, "raised": value, "calls": len(calls)}


def newton(mod):
    """Heron's square root of 2 from 1.0: floats reach a fixed point after a few steps."""
    return mod.run_until_stable(lambda x: (x + 2 / x) / 2, 1.0, 100)


def floats(mod, start, stop, step, limit=1000):
    """Up to ``limit`` values of frange(start, stop, step), read in a thread with a timeout."""

    def read():
        return list(itertools.islice(mod.frange(start, stop, step), limit))

    return run_in_thread(read, 2.0)


def zero_step(mod):
    """Whether frange(0, 1, 0) raised when called, before anything was iterated."""
    kind, value = outcome(mod.frange, 0, 1, 0)
    if kind == "raised":
        return {"when": "call", "raised": value}
    later = raised(lambda: next(iter(value)))
    return {"when": "next" if later is not None else "never", "raised": later}


def is_lazy(mod):
    """frange over a huge range: only the first three values are computed."""

    def first_three():
        iterator = mod.frange(0, 10.0**18, 1.0)
        return [next(iterator) for _ in range(3)]

    return run_in_thread(first_three, 2.0)
