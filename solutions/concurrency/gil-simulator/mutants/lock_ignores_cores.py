# Mistake: the shared lock lets one thread per core run, so more cores speed up CPU-bound threads
"""A GIL simulator: threads, one interpreter lock, and virtual ticks. Read README.md first."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

_KINDS = ("cpu", "io")


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
    _check_int("switch_interval", switch_interval)
    _check_int("cores", cores)
    programs = [_validated(index, ops) for index, ops in enumerate(threads)]

    slots = cores
    position = [0] * len(programs)  # index of each thread's current op
    remaining = [0] * len(programs)  # ticks left in that op
    waiting: deque[int] = deque()  # threads ready for CPU, in the order they queued
    holders: dict[int, int] = {}  # thread -> ticks it has held its slot so far

    def enter_op(thread: int) -> None:
        """Move `thread` to its next non-empty op; queue it if that op needs the CPU."""
        program = programs[thread]
        while position[thread] < len(program) and program[position[thread]][1] == 0:
            position[thread] += 1  # a zero-length op takes no time at all
        if position[thread] < len(program):
            kind, ticks = program[position[thread]]
            remaining[thread] = ticks
            if kind == "cpu" and thread not in holders:
                waiting.append(thread)

    def current_kind(thread: int) -> str | None:
        program = programs[thread]
        return program[position[thread]][0] if position[thread] < len(program) else None

    for thread in range(len(programs)):
        enter_op(thread)
    _fill(slots, holders, waiting)

    trace: list[tuple[int, ...]] = []
    while any(current_kind(thread) is not None for thread in range(len(programs))):
        running = tuple(sorted(holders))
        trace.append(running)
        # Every thread in I/O makes progress in the same tick, lock or no lock: blocking I/O
        # releases the GIL, which is why threads do help I/O-bound programs.
        in_io = [t for t in range(len(programs)) if current_kind(t) == "io"]
        for thread in running:
            holders[thread] += 1
        finished = []
        for thread in (*running, *in_io):
            remaining[thread] -= 1
            if remaining[thread] == 0:
                finished.append(thread)
        # At the end of the tick: threads whose op ended move on. A holder whose next op is not
        # CPU work gives its slot back right away, so no tick is wasted.
        for thread in sorted(finished):
            position[thread] += 1
            enter_op(thread)
            if thread in holders and current_kind(thread) != "cpu":
                del holders[thread]
        # Preemption: a holder that used up its interval goes to the back of the queue, behind
        # everyone already waiting, but only if someone is waiting at all.
        if waiting:
            for thread in sorted(holders):
                if holders[thread] >= switch_interval:
                    del holders[thread]
                    waiting.append(thread)
        _fill(slots, holders, waiting)
    return Result(total_ticks=len(trace), trace=trace)


def _fill(slots: int, holders: dict[int, int], waiting: deque[int]) -> None:
    """Hand free slots to the threads that have waited longest; a new holder starts at 0 ticks."""
    while waiting and len(holders) < slots:
        holders[waiting.popleft()] = 0


def _check_int(name: str, value: object) -> None:
    if type(value) is not int or value < 1:
        raise ValueError(f"{name} must be a positive int, got {value!r}")


def _validated(index: int, ops: object) -> list[tuple[str, int]]:
    """Check one thread's ops; return them as a list of (kind, ticks) tuples."""
    if not isinstance(ops, (list, tuple)):
        raise ValueError(f"thread {index} must be a list of ops, got {ops!r}")
    program = []
    for op in ops:
        if not isinstance(op, (list, tuple)) or len(op) != 2:
            raise ValueError(f"thread {index}: an op is a (kind, ticks) pair, got {op!r}")
        kind, ticks = op
        if kind not in _KINDS:
            raise ValueError(f"thread {index}: unknown op kind {kind!r}, expected 'cpu' or 'io'")
        # bool is a subclass of int, but True ticks is a mistake, not a duration.
        if type(ticks) is not int:
            raise ValueError(f"thread {index}: ticks must be an int, got {ticks!r}")
        if ticks < 0:
            raise ValueError(f"thread {index}: ticks cannot be negative, got {ticks}")
        program.append((kind, ticks))
    return program
