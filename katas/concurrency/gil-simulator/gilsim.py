"""A GIL simulator: threads, one interpreter lock, and virtual ticks. Read README.md first."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """What a simulation produced.

    ``total_ticks`` is the number of ticks until every thread finished. ``trace`` has one entry per
    tick: the sorted tuple of the indices of the threads that ran a CPU tick in that tick (an
    empty tuple when none did).
    """

    total_ticks: int
    trace: list[tuple[int, ...]]


def simulate(
    threads: list[list[tuple[str, int]]],
    *,
    switch_interval: int,
    cores: int = 1,
    shared_lock: bool = True,
) -> Result:
    """Run ``threads`` in virtual time and report who used the CPU in each tick.

    Each thread is a list of ops: ``("cpu", n)`` needs a CPU slot for n ticks, ``("io", n)``
    waits n ticks without one. With ``shared_lock`` there is a single slot, the interpreter lock,
    whatever ``cores`` is; without it (one process per thread) there are ``cores`` slots. A slot
    holder that has held it for ``switch_interval`` ticks hands it over if anyone is waiting.
    Raises ValueError for an invalid op, a negative duration, or a non-positive interval or core
    count.
    """
    raise NotImplementedError("write simulate()")
