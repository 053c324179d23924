"""Loops that are guaranteed to end: cycle detection, step budgets, float ranges. Read README.md."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


class LoopLimitExceeded(RuntimeError):
    """``run_until_stable`` used up its budget of ``steps`` calls without settling."""

    def __init__(self, last_state: Any, steps: int) -> None:
        raise NotImplementedError("write LoopLimitExceeded.__init__()")

    def __str__(self) -> str:
        raise NotImplementedError("write LoopLimitExceeded.__str__()")


def find_cycle(step: Callable[[T], T], start: T) -> tuple[int, int]:
    """Return ``(mu, lam)`` for the sequence start, step(start), step(step(start)), ...

    ``mu`` is the index of the first state that lies on the cycle and ``lam`` the cycle's length.
    Use O(mu + lam) calls to ``step`` and keep only a constant number of states.
    """
    raise NotImplementedError("write find_cycle()")


def run_until_stable(step: Callable[[T], T], state: T, max_steps: int) -> T:
    """Apply ``step`` until it returns a state equal to its input, and return that state.

    At most ``max_steps`` calls are made; if none of them settles, LoopLimitExceeded is raised
    with the last state computed and the number of calls. A negative budget is a ValueError.
    """
    raise NotImplementedError("write run_until_stable()")


def frange(start: float, stop: float, step: float) -> Iterator[float]:
    """Yield start, start + step, start + 2*step, ... while the value stays before ``stop``.

    Each value is computed as ``start + i * step`` from an integer counter ``i``, so rounding
    errors never accumulate and the iteration always ends. A zero step raises ValueError at once.
    """
    raise NotImplementedError("write frange()")
