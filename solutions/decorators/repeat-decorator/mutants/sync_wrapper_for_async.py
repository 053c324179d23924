# Mistake: wraps async functions in a plain wrapper, so coroutines are never awaited
"""Repeat decorator: call a function several times. Read README.md in this folder first."""

from __future__ import annotations

import functools
from typing import Any


def repeat(times: int = 2, *, collect: bool = False) -> Any:
    """Return a decorator that calls the decorated function ``times`` times.

    The wrapper returns the last result, or the list of all results when ``collect`` is true.
    ``repeat`` also works bare (``@repeat``), and wraps ``async def`` functions with an async
    wrapper. ``times`` must be an int of at least 1 (``bool`` is refused): TypeError or
    ValueError is raised when the decorator is created or applied, never on a call.
    """
    if callable(times):
        # Bare @repeat: Python passed the function itself where the count would be.
        return _decorator(2, collect)(times)
    _check_times(times)
    return _decorator(times, collect)


def _check_times(times: object) -> None:
    # bool is a subclass of int, so it has to be refused before the isinstance test.
    if isinstance(times, bool) or not isinstance(times, int):
        raise TypeError(f"times must be an int, got {type(times).__name__}")
    if times < 1:
        raise ValueError(f"times must be at least 1, got {times}")


def _decorator(times: int, collect: bool) -> Any:
    def decorate(function: Any) -> Any:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            # A comprehension stops at the first exception and lets it propagate unchanged.
            results = [function(*args, **kwargs) for _ in range(times)]
            return results if collect else results[-1]

        return wrapper

    return decorate
