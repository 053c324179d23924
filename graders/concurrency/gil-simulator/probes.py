"""Probes for concurrency/gil-simulator: they run in the sandbox beside gilsim.py.

The simulator works in virtual time, so the probes only call it and report what came back. Each
call runs under run_in_thread, so a simulation that never ends (a tick counter that skips past
zero, say) is reported as "hung" instead of stopping the whole kata.
"""

from __future__ import annotations

import copy

from pykata_sandbox.probing import run_in_thread

LIMIT = 2.0  # seconds; the solution needs well under a millisecond per workload here


def _seen(result):
    """What a Result holds, as plain data (the types are judged by the tests)."""
    return {
        "type": type(result).__name__,
        "total": getattr(result, "total_ticks", None),
        "trace": getattr(result, "trace", None),
    }


def _call(mod, threads, options):
    kind, value = run_in_thread(lambda: mod.simulate(threads, **options), LIMIT)
    return (kind, _seen(value) if kind == "returned" else value)


def run(mod, threads, **options):
    """simulate(threads, **options): ("returned", {...}), ("raised", Raised) or ("hung", None)."""
    return _call(mod, threads, options)


def run_many(mod, cases):
    """Run every (threads, options) case and report each outcome; stop after a hang."""
    outcomes = []
    for threads, options in cases:
        outcomes.append(_call(mod, threads, options))
        if outcomes[-1][0] == "hung":
            break
    return outcomes


def run_twice(mod, threads, **options):
    """Run the same input twice; report both results and whether the input was left unchanged."""
    before = copy.deepcopy(threads)
    return {
        "first": _call(mod, threads, options),
        "second": _call(mod, threads, options),
        "input_unchanged": threads == before,
    }
