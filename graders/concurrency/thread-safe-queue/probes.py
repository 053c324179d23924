"""Probes for concurrency/thread-safe-queue: they run in the sandbox and report what they saw.

Threads start together on a Barrier. To know that a thread is *blocked* inside put, get or join
(and not merely on its way there), a probe looks at the thread's innermost frame: a thread asleep
in ``threading.Condition.wait``, whose private waiter lock is still held, stays asleep until
someone notifies the condition. ``_settle`` polls for that state with a deadline; it never sleeps
a fixed time to "wait long enough". Every thread is a daemon joined with a timeout, so a queue
that never wakes its waiters is reported as data ("waiting") instead of hanging the kata.
"""

from __future__ import annotations

import dis
import functools
import random
import sys
import threading
import time

from pykata_sandbox.probing import outcome, run_in_thread

WAIT = 1.5  # seconds before a thread that should have finished counts as stuck

STEADY = 0.02  # seconds a thread must sit still at a lock acquisition to count as blocked

_CONDITION_WAIT = threading.Condition.wait.__code__


# ---------------------------------------------------------------------------------------------
# Helpers


class _Runner:
    """Run ``function(*args)`` in a daemon thread and keep its outcome."""

    def __init__(self, function, *args):
        self.result = None
        self.unwritten = None
        self.thread = threading.Thread(target=self._run, args=(function, args), daemon=True)
        self.thread.start()

    def _run(self, function, args):
        try:
            self.result = outcome(function, *args)
        except NotImplementedError as error:
            self.unwritten = error

    def status(self):
        """("returned", value), ("raised", Raised), or "waiting" until the call has ended."""
        if self.unwritten is not None:
            raise self.unwritten  # unfinished code: let the grader say so plainly
        return "waiting" if self.result is None else self.result


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


def _settle_runners(runners):
    """_settle for the threads of ``runners``."""
    return _settle([runner.thread for runner in runners])


def _finish(runners, timeout=WAIT):
    """Join the runners with one shared deadline; return their statuses."""
    deadline = time.monotonic() + timeout
    for runner in runners:
        runner.thread.join(max(0.0, deadline - time.monotonic()))
    return [runner.status() for runner in runners]


def _name(error):
    """The class name of an exception raised inside a probe's own thread."""
    return type(error).__name__


def _apply(queue, op):
    """Run one operation given as a tuple, such as ("put_nowait", 3); return its result."""
    name, *args = op
    if name == "put_nowait":
        return queue.put_nowait(args[0])
    if name == "get_nowait":
        return queue.get_nowait()
    if name == "put":
        return queue.put(args[0])
    if name == "get":
        return queue.get()
    if name == "put_timeout":
        return queue.put(args[0], timeout=args[1])
    if name == "get_timeout":
        return queue.get(timeout=args[0])
    if name == "qsize":
        return queue.qsize()
    if name == "task_done":
        return queue.task_done()
    if name == "close":
        return queue.close()
    if name == "join":
        return queue.join()
    raise ValueError(f"unknown operation {name!r}")  # a grader bug, not the learner's


# ---------------------------------------------------------------------------------------------
# One thread


def operations(mod, maxsize, ops):
    """Run ``ops`` on a fresh BoundedQueue(maxsize) in one thread; report every result.

    Each result is ("ok", value) or ("raised", Raised); the run goes on after a raise. The
    operations run in a thread joined with a timeout: if one blocks (a get_nowait that waits),
    ``stuck`` is True and the results stop before it.
    """
    queue = mod.BoundedQueue(maxsize)
    results = []

    def run():
        for op in ops:
            kind, value = outcome(_apply, queue, op)
            results.append(("ok", value) if kind == "returned" else ("raised", value))

    stuck = run_in_thread(run, WAIT)[0] == "hung"
    return {"results": list(results), "stuck": stuck}


def bad_maxsize(mod, maxsize):
    """What BoundedQueue(maxsize) did: ("returned", None) or ("raised", Raised)."""
    kind, value = outcome(mod.BoundedQueue, maxsize)
    return (kind, None) if kind == "returned" else (kind, value)


def timed_out(mod, method, timeout):
    """Time get(timeout) on an empty queue, or put(x, timeout) on a full BoundedQueue(1)."""
    queue = mod.BoundedQueue(1)
    if method == "put":
        queue.put_nowait("only")
        call = lambda: queue.put("more", timeout=timeout)  # noqa: E731
    else:
        call = lambda: queue.get(timeout=timeout)  # noqa: E731
    started = time.monotonic()
    kind, value = run_in_thread(call, timeout + WAIT)
    elapsed = time.monotonic() - started
    return {"kind": kind, "value": value, "elapsed": elapsed, "qsize": queue.qsize()}


# ---------------------------------------------------------------------------------------------
# Blocking and waking


def wakes_on_put(mod, timeouts):
    """One consumer per entry of ``timeouts`` blocks in get(timeout) on its own empty queue.

    A timeout of None means a plain get(). Once they are all asleep, the probe puts one item in
    each queue and waits (one shared deadline) for the Events the consumers set when done.
    Reports, per consumer, what it did before the put, whether it woke, and what it got.
    """
    queues = [mod.BoundedQueue(2) for _ in timeouts]
    events = [threading.Event() for _ in timeouts]

    def consume(queue, timeout, done):
        try:
            return queue.get() if timeout is None else queue.get(timeout=timeout)
        finally:
            done.set()

    consumers = [
        _Runner(consume, queue, timeout, done)
        for queue, timeout, done in zip(queues, timeouts, events, strict=True)
    ]
    _settle_runners(consumers)
    early = [consumer.status() for consumer in consumers]
    for queue in queues:
        queue.put("parcel")
    deadline = time.monotonic() + WAIT
    woke = [done.wait(max(0.0, deadline - time.monotonic())) for done in events]
    # An Event is set just before get() returns: join the threads that woke to see what they got.
    for consumer, awake in zip(consumers, woke, strict=True):
        if awake:
            consumer.thread.join(WAIT)
    return {"early": early, "woke": woke, "got": [consumer.status() for consumer in consumers]}


def producer_wakes_on_get(mod):
    """A producer blocks in put() on a full BoundedQueue(1); the probe then takes one item."""
    queue = mod.BoundedQueue(1)
    queue.put("first")
    done = threading.Event()

    def produce():
        try:
            return queue.put("second")
        finally:
            done.set()

    producer = _Runner(produce)
    asleep = _settle_runners([producer])
    early = producer.status()
    got = queue.get()
    woke = done.wait(WAIT)
    status = _finish([producer])[0]
    rest = outcome(queue.get_nowait) if woke else ("skipped", None)
    return {"asleep": asleep, "early": early, "got": got, "woke": woke, "put": status, "rest": rest}


def one_item_many_consumers(mod, consumers):
    """``consumers`` threads block in get(); one item is put while all of them are asleep.

    Reports what each consumer had after the item was taken and the others settled again
    (asleep, or finished if they woke up and did something), then releases the rest with one
    more item each and reports the final outcomes.
    """
    queue = mod.BoundedQueue(consumers)
    took = threading.Event()

    def consume():
        try:
            return queue.get()
        finally:
            took.set()

    runners = [_Runner(consume) for _ in range(consumers)]
    all_asleep = _settle_runners(runners)
    queue.put("only")
    if not took.wait(WAIT):
        # Nobody woke up: report that now rather than wait for each thread again.
        stuck = [runner.status() for runner in runners]
        return {"all_asleep": all_asleep, "after_one": stuck, "final": stuck, "qsize": None}
    _settle_runners(runners)
    after_one = [runner.status() for runner in runners]
    waiting = sum(status == "waiting" for status in after_one)
    for number in range(waiting):
        queue.put(f"extra-{number}")
    final = _finish(runners)
    return {
        "all_asleep": all_asleep,
        "after_one": after_one,
        "final": final,
        "qsize": queue.qsize(),
    }


def close_wakes_waiters(mod, consumers, producers):
    """Block consumers on an empty queue and producers on a full one, then close both queues.

    Reports the outcomes of all the threads (joined with one deadline), and then what get
    returns on the closed full queue until it raises.
    """
    empty = mod.BoundedQueue(2)
    full = mod.BoundedQueue(2)
    full.put("a")
    full.put("b")
    getters = [_Runner(empty.get) for _ in range(consumers)]
    putters = [_Runner(full.put, f"p{n}") for n in range(producers)]
    asleep = _settle_runners(getters + putters)
    empty.close()
    full.close()
    statuses = _finish(getters + putters)
    drained = []
    if all(status != "waiting" for status in statuses):
        for _ in range(4):
            kind, value = outcome(full.get_nowait)
            drained.append(("ok", value) if kind == "returned" else ("raised", value))
            if kind == "raised":
                break
    return {
        "asleep": asleep,
        "getters": statuses[:consumers],
        "putters": statuses[consumers:],
        "drained": drained,
    }


def closed_blocking_calls(mod):
    """After close(): a blocking get() on an empty queue, a blocking put() on a full one."""
    empty = mod.BoundedQueue(1)
    empty.close()
    full = mod.BoundedQueue(1)
    full.put("x")
    full.close()
    return {
        "get": run_in_thread(empty.get, WAIT),
        "get_timeout": run_in_thread(lambda: empty.get(timeout=30), WAIT),
        "put_full": run_in_thread(lambda: full.put("y"), WAIT),
        "put_timeout": run_in_thread(lambda: full.put("y", timeout=30), WAIT),
        "close_again": run_in_thread(full.close, WAIT),
        "drain": [outcome(full.get_nowait), outcome(full.get_nowait)],
    }


def join_waits_for_task_done(mod, items):
    """Put ``items`` items, start a thread in join(), then get them all and mark them done.

    After each step the probe lets the joiner settle and records whether it is still waiting.
    """
    queue = mod.BoundedQueue(items)
    empty_join = run_in_thread(queue.join, WAIT)
    for n in range(items):
        queue.put(n)
    joiner = _Runner(queue.join)
    steps = []
    _settle_runners([joiner])
    steps.append(("after put", joiner.status()))
    for _ in range(items):
        queue.get()
    _settle_runners([joiner])
    steps.append(("after get", joiner.status()))
    for n in range(items):
        queue.task_done()
        if n < items - 1:
            _settle_runners([joiner])
            steps.append((f"after task_done {n + 1}", joiner.status()))
    final = _finish([joiner])[0]
    extra = outcome(queue.task_done)
    return {"empty_join": empty_join, "steps": steps, "final": final, "extra": extra}


# ---------------------------------------------------------------------------------------------
# Many threads


def stress(mod, producers, consumers, per_producer, maxsize, seed):
    """Producers and consumers released together by a Barrier share one BoundedQueue(maxsize).

    Producer p puts p * 100_000 + i for i in range(per_producer); the consumers share out the
    same number of gets and call task_done after each. The GIL's switch interval is shortened
    so threads are interrupted often. Waits while threads make progress; gives up after WAIT s
    without any. Reports the sorted items consumed, how many times a consumer saw one producer's
    items out of order, errors, stuck threads, and how join() and qsize() ended.
    """
    queue = mod.BoundedQueue(maxsize)
    total = producers * per_producer
    shares = [total // consumers + (c < total % consumers) for c in range(consumers)]
    barrier = threading.Barrier(producers + consumers)
    progress = [0] * (producers + consumers)
    consumed = [[] for _ in range(consumers)]
    errors = []
    unwritten = []
    rng = random.Random(seed)
    jitter = [rng.random() < 0.5 for _ in range(producers + consumers)]

    def produce(slot):
        barrier.wait(WAIT)
        for i in range(per_producer):
            queue.put(slot * 100_000 + i)
            progress[slot] += 1
            if jitter[slot] and i % 97 == 0:
                time.sleep(0)  # let others run: varies the interleaving, orders nothing

    def consume(slot):
        barrier.wait(WAIT)
        mine = consumed[slot - producers]
        for _ in range(shares[slot - producers]):
            mine.append(queue.get())
            queue.task_done()
            progress[slot] += 1

    def guarded(work, slot):
        try:
            work(slot)
        except NotImplementedError as error:
            unwritten.append(error)
        except BaseException as error:
            errors.append(f"{_name(error)}: {error}"[:200])

    threads = [
        threading.Thread(target=guarded, args=(produce, slot), daemon=True)
        for slot in range(producers)
    ] + [
        threading.Thread(target=guarded, args=(consume, slot), daemon=True)
        for slot in range(producers, producers + consumers)
    ]
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        for thread in threads:
            thread.start()
        stuck = _join_while_progressing(threads, progress)
    finally:
        sys.setswitchinterval(previous)
    if unwritten:
        raise unwritten[0]
    out_of_order = 0
    for items in consumed:
        last = {}
        for item in list(items):
            producer, index = divmod(item, 100_000)
            if index < last.get(producer, -1):
                out_of_order += 1
            last[producer] = index
    report = {
        "stuck": stuck,
        "errors": errors[:3],
        "consumed": sorted(item for items in consumed for item in items),
        "out_of_order": out_of_order,
        "join": "skipped",
        "qsize": None,
    }
    if not stuck and not errors:
        report["join"] = run_in_thread(queue.join, WAIT)[0]
        report["qsize"] = queue.qsize()
    return report


def _join_while_progressing(threads, progress, stall=WAIT):
    """Wait for ``threads`` while their ``progress`` counters move; return how many are stuck.

    A slow machine only makes the wait longer; a lost wake-up stops every counter, and after
    ``stall`` seconds without progress the wait gives up.
    """
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
