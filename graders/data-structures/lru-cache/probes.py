"""Probes for the LRU cache: they run in the sandbox and report what they saw as plain data."""

from __future__ import annotations

import random
import sys
import threading
import time

from pykata_sandbox.probing import outcome, raised, run_in_thread

# ---------------------------------------------------------------------------------------------
# LRUCache


def _apply(cache, op):
    """Run one operation given as a tuple, such as ("put", key, value); return its result."""
    name, *args = op
    if name == "put":
        return cache.put(args[0], args[1])
    if name == "get":
        return cache.get(args[0])
    if name == "get_or":
        return cache.get(args[0], args[1])
    if name == "in":
        return args[0] in cache
    if name == "len":
        return len(cache)
    if name == "items":
        return cache.items()
    raise ValueError(f"unknown operation {name!r}")  # a grader bug, not the learner's


def scenario(mod, capacity, ops, snapshots=False):
    """Run ``ops`` on a fresh LRUCache(capacity), stopping at the first one that raises.

    Returns the result of each operation as ("ok", value) or ("raised", Raised), and what
    ``_check_invariants()`` raised at the end (None if nothing). With ``snapshots``, what
    ``items()`` returned after each operation is recorded too, the same way. The operations run
    in a thread joined with a 2-second timeout: if one never returns (a method holding a
    non-reentrant lock calls another that takes it again), ``hung`` is True and the results stop
    before it.
    """
    cache = mod.LRUCache(capacity)
    results = []
    after = []
    report = {
        "results": results,
        "snapshots": after if snapshots else None,
        "invariants": None,
        "hung": False,
    }

    def record(into, function, *args):
        kind, value = outcome(function, *args)
        into.append(("ok", value) if kind == "returned" else ("raised", value))
        return kind == "returned"

    def run():
        for op in ops:
            if not record(results, _apply, cache, op):
                return
            if snapshots and not record(after, cache.items):
                return
        report["invariants"] = raised(cache._check_invariants)

    if run_in_thread(run, 2.0)[0] == "hung":
        return {**report, "results": list(results), "hung": True}
    return report


def bad_capacity(mod, capacity):
    """What LRUCache(capacity) raised (None if nothing)."""
    return raised(mod.LRUCache, capacity)


def comparison_counts(mod, capacity, operations):
    """Count the __hash__ and __eq__ calls on keys during ``operations`` random gets and puts.

    The cache is filled first; the counting starts after. Every lookup uses a fresh key object
    equal to the stored one, so a scan through a list of keys pays one __eq__ per element.
    """
    counts = {"hash": 0, "eq": 0}

    class Key:
        __slots__ = ("n",)

        def __init__(self, n):
            self.n = n

        def __hash__(self):
            counts["hash"] += 1
            return hash(self.n)

        def __eq__(self, other):
            counts["eq"] += 1
            return isinstance(other, Key) and self.n == other.n

    cache = mod.LRUCache(capacity)
    for n in range(capacity):
        cache.put(Key(n), n)
    counts["hash"] = counts["eq"] = 0
    rng = random.Random(2024)
    for _ in range(operations):
        n = rng.randrange(2 * capacity)
        if rng.random() < 0.5:
            cache.get(Key(n))
        else:
            cache.put(Key(n), n)
    return {"hash": counts["hash"], "eq": counts["eq"], "len": len(cache)}


def many_operations(mod, capacity):
    """Fill a cache, then alternate get(2j) and put(capacity + j) for j below capacity // 2."""
    cache = mod.LRUCache(capacity)
    for key in range(capacity):
        cache.put(key, key)
    for j in range(capacity // 2):
        cache.get(2 * j)
        cache.put(capacity + j, capacity + j)
    pairs = list(cache.items())
    return {
        "len": len(cache),
        "items_len": len(pairs),
        "head": [tuple(pair) for pair in pairs[:4]],
        "tail": [tuple(pair) for pair in pairs[-2:]],
        "has_0": 0 in cache,
        "has_1": 1 in cache,
    }


def hammer_cache(mod, threads, operations, capacity, keys, rounds):
    """Hammer shared LRUCaches from ``threads`` threads released together by a Barrier.

    Each round uses a fresh cache: every thread does ``operations`` random puts (value = key * 10)
    and gets on ``keys`` overlapping keys. The GIL's switch interval is shortened meanwhile so
    that threads are interrupted often, in the middle of pointer updates if those are unguarded.
    Then, in a thread joined with a timeout (a torn list may loop forever), the probe reads the
    cache back, checks it with ``_check_invariants()``, refills it with fresh keys and reads it
    again. Returns one report per round, stopping after a round whose threads got stuck.
    """
    reports = []
    for round_number in range(rounds):
        report = _hammer_round(mod, threads, operations, capacity, keys, seed=1000 * round_number)
        reports.append(report)
        if report["hung"]:
            break  # the stuck threads may hold the lock: another round would learn nothing new
    return reports


def _hammer_round(mod, threads, operations, capacity, keys, seed):
    cache = mod.LRUCache(capacity)
    barrier = threading.Barrier(threads)
    errors = []
    wrong_values = []
    progress = [0] * threads

    def work(slot):
        rng = random.Random(seed + slot)
        barrier.wait()
        try:
            for _ in range(operations):
                progress[slot] += 1
                key = rng.randrange(keys)
                if rng.random() < 0.5:
                    cache.put(key, key * 10)
                else:
                    value = cache.get(key)
                    if value is not None and value != key * 10:
                        wrong_values.append((key, value if type(value) is int else None))
        except BaseException as error:
            errors.append(raised(_reraise, error))

    workers = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(threads)]
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        for worker in workers:
            worker.start()
        hung = _join_while_progressing(workers, progress)
    finally:
        sys.setswitchinterval(previous)

    def read_back():
        # The learner's bounded _check_invariants() goes first: on a torn list with a cycle,
        # items() would loop forever, and a looping thread slows every later test.
        report = {"invariants": raised(cache._check_invariants)}
        if report["invariants"] is not None:
            return report
        report.update(len=len(cache), items=cache.items())
        for n in range(capacity):
            cache.put(1000 + n, n)
        report["refill_len"] = len(cache)
        report["refill_items"] = cache.items()
        report["refill_invariants"] = raised(cache._check_invariants)
        return report

    after = run_in_thread(read_back, 2.0) if not hung else ("skipped", None)
    return {"errors": errors[:3], "wrong_values": wrong_values[:3], "hung": hung, "after": after}


def _join_while_progressing(workers, progress, stall=2.0):
    """Wait for ``workers`` while their ``progress`` counters move; return how many are stuck.

    A slow machine only makes the wait longer. A deadlock (or a thread looping forever in a torn
    list) stops every counter, and after ``stall`` seconds without progress the wait gives up.
    """
    last_total, last_change = -1, time.monotonic()
    while True:
        alive = [worker for worker in workers if worker.is_alive()]
        if not alive:
            return 0
        alive[0].join(0.05)
        total, now = sum(progress), time.monotonic()
        if total != last_total:
            last_total, last_change = total, now
        elif now - last_change > stall:
            return sum(worker.is_alive() for worker in workers)


def _reraise(error):
    raise error


# ---------------------------------------------------------------------------------------------
# lru_cache


def memoized_calls(mod, calls, maxsize=128, typed=False):
    """Decorate a recording function with lru_cache(maxsize, typed) and make ``calls``.

    ``calls`` is a list of (args, kwargs). The function returns how many times its body has run,
    returns None when an argument is "none" and raises LookupError when one is "boom". For each
    call the probe reports whether the body ran and what came back.
    """
    runs = []

    @mod.lru_cache(maxsize=maxsize, typed=typed)
    def record(*args, **kwargs):
        runs.append(1)
        if "boom" in args:
            raise LookupError("boom")
        if "none" in args:
            return None
        return len(runs)

    seen = []
    for args, kwargs in calls:
        before = len(runs)
        kind, value = outcome(record, *args, **kwargs)
        seen.append({"ran": len(runs) - before, "kind": kind, "value": value})
    return {"calls": seen, "info": _info(record)}


def _info(function):
    """Describe function.cache_info() as plain data."""
    info = function.cache_info()
    fields = getattr(info, "_fields", None)
    return {
        "type": type(info).__name__,
        "is_tuple": isinstance(info, tuple),
        "fields": tuple(fields) if isinstance(fields, tuple) else None,
        "values": tuple(info) if isinstance(info, tuple) else None,
        "by_name": {
            name: getattr(info, name, None) for name in ("hits", "misses", "maxsize", "currsize")
        },
    }


def info_and_clear(mod):
    """cache_info() along the way, and after cache_clear()."""
    runs = []

    @mod.lru_cache(3)
    def square(x):
        runs.append(x)
        return x * x

    for x in (1, 2, 1, 3, 4, 4):
        square(x)
    before = _info(square)
    cleared = square.cache_clear()
    after = _info(square)
    again = square(4)
    return {
        "before": before,
        "clear_returned": cleared,
        "after": after,
        "again": again,
        "runs": runs,
        "info_again": _info(square),
    }


def bad_maxsize(mod, maxsize):
    """What lru_cache(maxsize) raised, when called (None if nothing)."""
    return raised(mod.lru_cache, maxsize)


def metadata(mod):
    """Check the metadata kept through lru_cache(), and that a bare @lru_cache works."""

    def original(a, b=2):
        """Add two numbers."""
        return a + b

    wrapped = mod.lru_cache()(original)
    report = {
        "name": getattr(wrapped, "__name__", None),
        "doc": getattr(wrapped, "__doc__", None),
        "wrapped_is_original": getattr(wrapped, "__wrapped__", None) is original,
        "result": wrapped(1, b=5),
        "maxsize": _info(wrapped)["by_name"]["maxsize"],
    }
    runs = []

    def bare(x):
        runs.append(x)
        return -x

    bare_wrapped = outcome(mod.lru_cache, bare)
    if bare_wrapped[0] == "raised":
        report["bare"] = bare_wrapped
        return report
    function = bare_wrapped[1]
    results = [outcome(function, 7), outcome(function, 7)]
    report["bare"] = (
        "returned",
        {"results": results, "runs": runs, "info": outcome(lambda: _info(function))},
    )
    return report


def recursive_fib(mod, n):
    """Compute a cached recursive fib(n) in a thread joined with a 2-second timeout."""
    runs = []

    @mod.lru_cache(maxsize=1024)
    def fib(k):
        runs.append(k)
        return k if k < 2 else fib(k - 1) + fib(k - 2)

    previous = sys.getrecursionlimit()
    # A few frames per level (fib, the wrapper, a helper or two) must fit comfortably.
    sys.setrecursionlimit(max(previous, 6 * n + 500))
    try:
        kind, value = run_in_thread(lambda: fib(n), 2.0)
    finally:
        sys.setrecursionlimit(previous)
    return {"kind": kind, "value": value, "runs": len(runs) if kind != "hung" else None}


def hammer_decorator(mod, threads, calls, maxsize, keys):
    """Call one cached function from ``threads`` threads released together by a Barrier."""
    runs = []
    runs_lock = threading.Lock()

    @mod.lru_cache(maxsize=maxsize)
    def square(x):
        with runs_lock:
            runs.append(x)
        return x * x

    barrier = threading.Barrier(threads)
    wrong = []
    errors = []
    progress = [0] * threads

    def work(seed):
        rng = random.Random(seed)
        barrier.wait()
        try:
            for _ in range(calls):
                progress[seed] += 1
                x = rng.randrange(keys)
                result = square(x)
                if result != x * x:
                    wrong.append((x, result if type(result) is int else None))
        except BaseException as error:
            errors.append(raised(_reraise, error))

    workers = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(threads)]
    for worker in workers:
        worker.start()
    hung = _join_while_progressing(workers, progress)
    info = run_in_thread(lambda: _info(square), 2.0) if not hung else ("skipped", None)
    return {"errors": errors[:3], "wrong": wrong[:3], "hung": hung, "runs": len(runs), "info": info}
