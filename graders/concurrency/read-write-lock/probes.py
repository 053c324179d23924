"""Probes for concurrency/read-write-lock: they run in the sandbox and report what they saw.

Most probes play a *script*: named actor threads ("R1", "W"...) each take commands from the
probe, one step at a time. After every step the probe waits until the scene has settled, that is
until every actor is asleep in ``threading.Condition.wait`` (waiting for its next command, or
blocked inside the lock) with its private waiter lock still held, so nobody has been woken and
not yet run. Then it records, for each actor, whether its last command returned, raised or is
still waiting. The interleaving is fixed by the script, never by timing: no sleep orders events.
A deadlocked actor simply stays "waiting", and every thread is a daemon, so nothing hangs.
"""

from __future__ import annotations

import dis
import functools
import queue
import random
import sys
import threading
import time

from pykata_sandbox.probing import outcome

WAIT = 1.5  # seconds: longest wait for a scene to settle or a thread to finish

STEADY = 0.02  # seconds a thread must sit still at a lock acquisition to count as blocked

_CONDITION_WAIT = threading.Condition.wait.__code__


# ---------------------------------------------------------------------------------------------
# Settling


def _asleep(frame):
    """Tell whether ``frame`` is Condition.wait, asleep and not notified yet (waiter held)."""
    if frame.f_code is not _CONDITION_WAIT:
        return False
    waiter = frame.f_locals.get("waiter")
    return waiter is not None and waiter.locked()


@functools.cache
def _lock_calls(code):
    """Offsets in ``code`` where a thread may block on a plain lock: `with x:`, `x.acquire()`."""
    offsets = set()
    pending = False
    for instruction in dis.get_instructions(code):
        name = instruction.opname
        if name in ("SETUP_WITH", "BEFORE_WITH"):
            offsets.add(instruction.offset)
        elif name in ("LOAD_METHOD", "LOAD_ATTR", "LOAD_SPECIAL"):
            if instruction.argval in ("acquire", "__enter__") or instruction.argrepr.endswith(
                ("acquire", "__enter__")
            ):
                pending = True
        elif name.startswith("CALL") or name == "PRECALL":
            if pending:
                offsets.add(instruction.offset)
            pending = pending and name == "PRECALL"
    return frozenset(offsets)


def _settle(threads, timeout=WAIT):
    """Wait until every thread has finished or is blocked; False if that took over ``timeout``.

    Blocked means asleep in Condition.wait, not notified yet, which is exact; or, for code that
    waits on a bare lock, sitting in a lock acquisition without moving for STEADY seconds. Code
    that waits any other way (a polling loop with sleeps) never looks blocked: the probe then
    goes on after ``timeout`` and reports what it sees, only later than it could have.
    """
    deadline = time.monotonic() + timeout
    parked = {}  # thread id -> (where it sat, since when), for threads at a lock acquisition
    while True:
        now = time.monotonic()
        frames = sys._current_frames()
        settled = True
        for thread in threads:
            frame = frames.get(thread.ident) if thread.is_alive() else None
            if frame is None or _asleep(frame):
                continue
            if frame.f_lasti in _lock_calls(frame.f_code):
                where = (id(frame), frame.f_code, frame.f_lasti)
                if thread.ident in parked and parked[thread.ident][0] == where:
                    settled = settled and now - parked[thread.ident][1] >= STEADY
                    continue
                parked[thread.ident] = (where, now)
            settled = False
        if settled:
            return True
        if now >= deadline:
            return False
        time.sleep(0.0005)  # polling for a state, not ordering events


# ---------------------------------------------------------------------------------------------
# Scripts


class _Actor:
    """A thread that runs the commands it is sent, one at a time, against a shared RWLock."""

    def __init__(self, name, lock, log):
        self.name = name
        self.lock = lock
        self.log = log
        self.last = None
        self.unwritten = None
        self.contexts = []  # context managers entered by enter_read/enter_write, not yet exited
        self.inbox = queue.Queue()
        self.thread = threading.Thread(target=self._serve, daemon=True, name=name)
        self.thread.start()

    def send(self, command):
        self.last = "waiting"
        self.inbox.put(command)

    def _serve(self):
        while True:
            command = self.inbox.get()
            if command is None:
                return
            try:
                result = outcome(self._perform, *command)
            except NotImplementedError as error:
                self.unwritten = error
                result = ("unwritten", None)
            self.log.append((self.name, command[0], result[0]))
            self.last = result

    def _perform(self, name, *args):
        lock = self.lock
        if name in ("acquire_read", "release_read", "acquire_write", "release_write"):
            return getattr(lock, name)()
        if name in ("enter_read", "enter_write"):
            manager = lock.read() if name == "enter_read" else lock.write()
            manager.__enter__()
            self.contexts.append(manager)
            return None
        if name == "exit":
            return self.contexts.pop().__exit__(None, None, None)
        if name in ("read_raises", "write_raises"):
            with lock.read() if name == "read_raises" else lock.write():
                raise KeyError("raised inside the block")
        raise ValueError(f"unknown command {name!r}")  # a grader bug, not the learner's


def script(mod, steps):
    """Play ``steps``, a list of (actor, command), against one fresh RWLock.

    After each step, once the scene has settled, the probe records every actor's status:
    "waiting", ("returned", value) or ("raised", Raised). Returns those snapshots, whether each
    step settled, and the log of finished commands in the order they finished.
    """
    lock = mod.RWLock()
    log = []
    actors = {}
    snapshots = []
    settled = []
    try:
        for name, command in steps:
            if name not in actors:
                actors[name] = _Actor(name, lock, log)
            actors[name].send(command if isinstance(command, tuple) else (command,))
            settled.append(_settle([actor.thread for actor in actors.values()]))
            for actor in actors.values():
                if actor.unwritten is not None:
                    raise actor.unwritten  # unfinished code: let the grader say so plainly
            snapshots.append({name: actor.last for name, actor in actors.items()})
    finally:
        for actor in actors.values():
            if actor.last != "waiting":
                actor.inbox.put(None)  # idle actors leave; stuck ones stay behind as daemons
    return {"snapshots": snapshots, "settled": settled, "log": list(log)}


# ---------------------------------------------------------------------------------------------
# Many threads


def readers_meet(mod, readers, use_context_manager):
    """``readers`` threads each take the read lock and then wait at one Barrier(readers).

    They can only all reach the barrier if they hold the read lock together. Reports, per
    thread, "met" or what went wrong (the barrier breaks after WAIT seconds).
    """
    lock = mod.RWLock()
    barrier = threading.Barrier(readers)
    results = [None] * readers
    unwritten = []

    def meet():
        try:
            barrier.wait(WAIT)
            return "met"
        except threading.BrokenBarrierError:
            return "barrier broken"

    def reader(slot):
        try:
            if use_context_manager:
                with lock.read():
                    results[slot] = meet()
            else:
                lock.acquire_read()
                try:
                    results[slot] = meet()
                finally:
                    lock.release_read()
        except NotImplementedError as error:
            unwritten.append(error)
        except BaseException as error:
            results[slot] = f"raised {type(error).__name__}: {error}"[:200]

    threads = [threading.Thread(target=reader, args=(n,), daemon=True) for n in range(readers)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 2 * WAIT
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    if unwritten:
        raise unwritten[0]
    return [result if result is not None else "still waiting" for result in results]


def stress(mod, threads, operations, seed):
    """``threads`` threads released together by a Barrier do random reads and writes.

    Inside each critical section, counters guarded by a separate lock record who is inside; a
    short sleep widens the window. A reader (sometimes re-entering its read lock) must never
    meet a writer, and a writer must meet nobody. Waits while threads make progress and gives
    up after WAIT seconds without any. Reports violations, errors, stuck threads, how many
    sections ran, and the most readers seen inside at once.
    """
    lock = mod.RWLock()
    barrier = threading.Barrier(threads)
    guard = threading.Lock()
    inside = {"readers": 0, "writers": 0, "max_readers": 0}
    violations = []
    errors = []
    unwritten = []
    progress = [0] * threads
    sections = {"read": 0, "write": 0}

    def enter(kind):
        with guard:
            inside[kind] += 1
            inside["max_readers"] = max(inside["max_readers"], inside["readers"])
            if inside["writers"] > 1 or (inside["writers"] and inside["readers"]):
                violations.append(f"writers={inside['writers']}, readers={inside['readers']}")
            sections["read" if kind == "readers" else "write"] += 1

    def leave(kind):
        with guard:
            inside[kind] -= 1

    def work(slot):
        rng = random.Random(seed * 1000 + slot)
        barrier.wait(WAIT)
        for _ in range(operations):
            choice = rng.random()
            if choice < 0.3:
                with lock.write():
                    enter("writers")
                    time.sleep(0.0001)  # widens the race window inside the critical section
                    leave("writers")
            elif choice < 0.45:
                lock.acquire_read()
                try:
                    enter("readers")
                    lock.acquire_read()  # re-entry, while writers may be waiting
                    try:
                        time.sleep(0.0001)
                    finally:
                        lock.release_read()
                    leave("readers")
                finally:
                    lock.release_read()
            else:
                with lock.read():
                    enter("readers")
                    time.sleep(0.0001)
                    leave("readers")
            progress[slot] += 1

    def guarded(slot):
        try:
            work(slot)
        except NotImplementedError as error:
            unwritten.append(error)
        except BaseException as error:
            errors.append(f"{type(error).__name__}: {error}"[:200])

    workers = [threading.Thread(target=guarded, args=(n,), daemon=True) for n in range(threads)]
    for worker in workers:
        worker.start()
    stuck = _join_while_progressing(workers, progress)
    if unwritten:
        raise unwritten[0]
    return {
        "violations": violations[:3],
        "violation_count": len(violations),
        "errors": errors[:3],
        "stuck": stuck,
        "sections": sum(sections.values()),
        "max_readers": inside["max_readers"],
    }


def _join_while_progressing(threads, progress, stall=WAIT):
    """Wait for ``threads`` while their ``progress`` counters move; return how many are stuck."""
    last_total, last_change = -1, time.monotonic()
    while True:
        alive = [thread for thread in threads if thread.is_alive()]
        if not alive:
            return 0
        alive[0].join(0.05)
        total, now = sum(progress), time.monotonic()
        if total != last_total:
            last_total, last_change = total, now
        elif now - last_change > stall:
            return sum(thread.is_alive() for thread in threads)


# ---------------------------------------------------------------------------------------------
# CountDownLatch


def latch_release(mod, count, waiters):
    """``waiters`` threads wait on CountDownLatch(count); the probe counts down one at a time.

    After each count-down the scene settles and the probe records how many waiters returned,
    and what. Reports those steps, the final results, and ``count`` along the way.
    """
    latch = mod.CountDownLatch(count)
    results = [None] * waiters
    unwritten = []

    def wait(slot):
        try:
            results[slot] = outcome(latch.wait)
        except NotImplementedError as error:
            unwritten.append(error)

    threads = [threading.Thread(target=wait, args=(n,), daemon=True) for n in range(waiters)]
    for thread in threads:
        thread.start()
    steps = []
    _settle(threads)
    steps.append(
        {"count": outcome(lambda: latch.count), "done": sum(r is not None for r in results)}
    )
    for _ in range(count):
        latch.count_down()
        _settle(threads)
        if unwritten:
            raise unwritten[0]
        steps.append(
            {"count": outcome(lambda: latch.count), "done": sum(r is not None for r in results)}
        )
    deadline = time.monotonic() + WAIT
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    if unwritten:
        raise unwritten[0]
    extra = outcome(latch.count_down)
    return {
        "steps": steps,
        "results": [result if result is not None else "waiting" for result in results],
        "extra_count_down": extra,
        "count_after_extra": outcome(lambda: latch.count),
        "wait_after": outcome(latch.wait, 0),
    }


def latch_timeout(mod, count, timeout):
    """Time CountDownLatch(count).wait(timeout) when nobody counts down."""
    latch = mod.CountDownLatch(count)
    done = []
    unwritten = []

    def wait():
        try:
            done.append(outcome(latch.wait, timeout))
        except NotImplementedError as error:
            unwritten.append(error)

    thread = threading.Thread(target=wait, daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(timeout + WAIT)
    elapsed = time.monotonic() - started
    if unwritten:
        raise unwritten[0]
    return {"result": done[0] if done else "waiting", "elapsed": elapsed}


def latch_bad_count(mod, count):
    """What CountDownLatch(count) did: ("returned", None) or ("raised", Raised)."""
    kind, value = outcome(mod.CountDownLatch, count)
    return (kind, None) if kind == "returned" else (kind, value)
