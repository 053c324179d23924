# Mistake: loops while the value != stop, which misses stop when rounding jumps over it
"""Loops that are guaranteed to end: cycle detection, step budgets, float ranges. Read README.md."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


class LoopLimitExceeded(RuntimeError):
    """``run_until_stable`` used up its budget of ``steps`` calls without settling."""

    def __init__(self, last_state: Any, steps: int) -> None:
        super().__init__(last_state, steps)
        self.last_state = last_state
        self.steps = steps

    def __str__(self) -> str:
        return f"no stable state after {self.steps} steps; last state {self.last_state!r}"


def find_cycle(step: Callable[[T], T], start: T) -> tuple[int, int]:
    """Return ``(mu, lam)`` for the sequence start, step(start), step(step(start)), ...

    ``mu`` is the index of the first state that lies on the cycle and ``lam`` the cycle's length.
    Floyd's tortoise and hare: O(mu + lam) calls to ``step``, O(1) states kept.
    """
    # Phase 1: the hare moves two steps for each of the tortoise's. Once both are on the cycle
    # the hare gains one position per round, so they meet within mu + lam rounds.
    tortoise, hare = step(start), step(step(start))
    while tortoise != hare:
        tortoise, hare = step(tortoise), step(step(hare))
    # The meeting index is a multiple of lam. Restart the tortoise: moving both one step at a
    # time, they now meet exactly at the start of the cycle, after mu steps.
    mu, tortoise = 0, start
    while tortoise != hare:
        tortoise, hare = step(tortoise), step(hare)
        mu += 1
    # Phase 3: walk once around the cycle from its start to measure it.
    lam, hare = 1, step(tortoise)
    while tortoise != hare:
        hare = step(hare)
        lam += 1
    return mu, lam


def run_until_stable(step: Callable[[T], T], state: T, max_steps: int) -> T:
    """Apply ``step`` until it returns a state equal to its input, and return that state.

    At most ``max_steps`` calls are made; if none of them settles, LoopLimitExceeded is raised
    with the last state computed and the number of calls. A negative budget is a ValueError.
    """
    if max_steps < 0:
        raise ValueError(f"max_steps must be at least 0, got {max_steps}")
    for _ in range(max_steps):  # a for loop over a range: the budget is built into the loop
        following = step(state)
        if following == state:
            return state
        state = following
    raise LoopLimitExceeded(last_state=state, steps=max_steps)


def frange(start: float, stop: float, step: float) -> Iterator[float]:
    """Yield start, start + step, start + 2*step, ... while the value stays before ``stop``.

    Each value is computed as ``start + i * step`` from an integer counter ``i``, so rounding
    errors never accumulate and the iteration always ends. A zero step raises ValueError at once.
    """
    if step == 0:
        raise ValueError("step must not be zero")
    # Validate here, in a plain function; the generator below only starts running at the first
    # next(), which would delay the error until someone iterates.
    return _values(start, stop, step)


def _values(start: float, stop: float, step: float) -> Iterator[float]:
    i = 0
    while True:
        value = start + i * step
        # Compare with < or >, never with !=: the values may jump over stop.
        if value == stop or (step > 0 and start >= stop) or (step < 0 and start <= stop):
            return
        yield value
        i += 1
