"""Probes for concurrency/parallel-map: they run in the sandbox beside parmap.py.

Thread-mode probes coordinate tasks with Events and Barriers, never with sleeps. Every call of
parallel_map runs in a helper thread with a time limit, so a deadlock or a hang comes back as
"hung" instead of stopping the kata. Functions sent to worker processes live at the top level of
this module, which the workers import by name.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import multiprocessing.process
import os
import socket
import threading

LIMIT = 5.0  # seconds before a parallel_map call counts as hung
WAIT = 2.0  # seconds a task waits for its Barrier or Event before giving up
PROCESS_WAIT = 5.0  # the same for a worker process, which may still be starting up
PROCESS_LIMIT = 12.0


# ---------------------------------------------------------------------------------------------
# Watching what happened


def _attempt(call, limit=LIMIT):
    """Run call() in a daemon thread; describe how it ended, as plain data."""
    box = {}

    def target():
        try:
            box["value"] = call()
        except NotImplementedError as error:
            box["unwritten"] = error
        except BaseException as error:  # every outcome is data, exits included
            box["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(limit)
    if "unwritten" in box:
        raise box["unwritten"]
    if thread.is_alive():
        return {"kind": "hung"}
    if "error" not in box:
        return {"kind": "returned", "value": box["value"]}
    return {"kind": "raised", **_exception(box["error"])}


def _rethrow(error):
    raise error


def raised(function, *args):
    """pykata_sandbox.probing.raised, imported only when needed.

    Worker processes import this module by name to find the functions they run; importing the
    sandbox's helpers at the top would make each of them slower to start, for nothing.
    """
    from pykata_sandbox.probing import raised as describe

    return describe(function, *args)


def _exception(error):
    """The exception, its task index and its cause, described for the tests."""
    cause = error.__cause__
    index = getattr(error, "index", None)
    return {
        "error": raised(_rethrow, error),
        "builtin_timeout": isinstance(error, TimeoutError),
        "index": index if type(index) is int else repr(index),
        "cause": None if cause is None else raised(_rethrow, cause),
        "cause_message": None if cause is None else str(cause),
        "cause_object": cause,  # replaced by the probes that can judge identity
    }


class _Watch:
    """Count process starts (with their class) and ProcessPoolExecutor.submit calls."""

    def __enter__(self):
        self.started, self.submits = [], 0
        self._start = multiprocessing.process.BaseProcess.start
        self._submit = concurrent.futures.ProcessPoolExecutor.submit
        watch = self

        def start(process):
            watch.started.append(type(process).__name__)
            return watch._start(process)

        def submit(executor, *args, **kwargs):
            watch.submits += 1
            return watch._submit(executor, *args, **kwargs)

        multiprocessing.process.BaseProcess.start = start
        concurrent.futures.ProcessPoolExecutor.submit = submit
        return self

    def __exit__(self, *exc_info):
        multiprocessing.process.BaseProcess.start = self._start
        concurrent.futures.ProcessPoolExecutor.submit = self._submit


def _children():
    """How many child processes are still alive."""
    return len(multiprocessing.active_children())


def _plain(report):
    report.pop("cause_object", None)
    return report


# ---------------------------------------------------------------------------------------------
# Thread mode


def first_finishes_last(mod, count):
    """On 2 workers, task 0 may finish only once the last task has started.

    The last task can only start after the caller has collected the tasks in between, one
    completion at a time, so results are guaranteed to complete out of input order.
    """
    last_started = threading.Event()

    def task(i):
        if i == count - 1:
            last_started.set()
        if i == 0 and not last_started.wait(WAIT):
            raise RuntimeError("task 0 was never allowed to finish")
        return i * 10

    return _plain(_attempt(lambda: mod.parallel_map(task, range(count), workers=2)))


def overlap(mod, workers, count):
    """Every task waits on a Barrier(workers): only tasks that really run together get past it."""
    barrier = threading.Barrier(workers)
    lock = threading.Lock()
    active = [0, 0]  # running now, most at once

    def task(x):
        with lock:
            active[0] += 1
            active[1] = max(active[1], active[0])
        try:
            barrier.wait(WAIT)
        finally:
            with lock:
                active[0] -= 1
        return x * 2

    report = _attempt(lambda: mod.parallel_map(task, list(range(count)), workers=workers))
    report["most_at_once"] = active[1]
    return _plain(report)


def squares(mod, count, workers, as_generator):
    """A plain map, from a list or a generator."""
    items = range(count)
    source = (x for x in items) if as_generator else list(items)
    return _plain(_attempt(lambda: mod.parallel_map(_square, source, workers=workers)))


def failure(mod, workers, count, failing):
    """Task `failing` raises ValueError; report what was raised and which tasks started."""
    started, originals = [], []
    lock = threading.Lock()

    def task(x):
        with lock:
            started.append(x)
        if x == failing:
            error = ValueError(f"bad item {x}")
            originals.append(error)
            raise error
        return x

    report = _attempt(lambda: mod.parallel_map(task, range(count), workers=workers))
    cause = report.pop("cause_object", None)
    report["cause_is_original"] = bool(originals) and cause is originals[0]
    report["started"] = sorted(started)
    return report


def timeout(mod, seconds):
    """Task 1 waits on an Event nobody sets until the call has ended; report the call's end."""
    release = threading.Event()

    def task(x):
        if x == 1:
            release.wait(LIMIT)
        return x

    try:
        report = _attempt(
            lambda: mod.parallel_map(task, [0, 1, 2], workers=2, timeout=seconds), limit=2.0
        )
    finally:
        release.set()  # let the stuck worker go, whatever happened
    return _plain(report)


def invalid(mod, options):
    """parallel_map with the given options, on a small input."""
    return _plain(_attempt(lambda: mod.parallel_map(_square, [1, 2], **options)))


def recommend(mod, kind):
    return _plain(_attempt(lambda: mod.recommend_mode(kind)))


# ---------------------------------------------------------------------------------------------
# Process mode. Functions sent to workers must be importable: they live at the top level here.


def _square(x):
    return x * x


class _Rendezvous:
    """A barrier for worker processes, kept by the probe: no Manager process to start.

    Each task connects to a loopback socket and waits for a reply. A thread here answers "go"
    to every `parties` connections at once, so a task gets past only when `parties` tasks are
    waiting together, which needs `parties` distinct worker processes running at the same time.
    """

    def __init__(self, parties, rounds):
        self.parties, self.rounds = parties, rounds
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(PROCESS_WAIT)
        self.address = self.server.getsockname()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        waiting = []
        try:
            for _ in range(self.rounds):
                while len(waiting) < self.parties:
                    waiting.append(self.server.accept()[0])
                for connection in waiting:
                    connection.sendall(b"go")
                    connection.close()
                waiting = []
        except OSError:  # nobody else came in time: the waiting tasks give up on their own
            pass
        finally:
            for connection in waiting:
                connection.close()
            self.server.close()


def _pid_after_rendezvous(arg):
    """Wait at the rendezvous for another worker process; report who ran this item."""
    address, x = arg
    try:
        with socket.create_connection(tuple(address), timeout=PROCESS_WAIT) as connection:
            answer = connection.recv(2)
    except OSError:
        answer = b""
    if answer != b"go":
        raise RuntimeError(f"item {x}: no other worker process reached the barrier in time")
    return (x, os.getpid())


def _fail_at_three(x):
    if x == 3:
        raise ValueError(f"bad item {x}")
    return x * x


_process_report = {}


def process_mode(mod):
    """Everything process mode is judged on, measured once per sandbox (process starts are slow).

    First four items in chunks of 2 on 2 workers, where the items meet at a rendezvous; then a
    run on 1 worker where item 3 fails.
    """
    if _process_report:
        return _process_report
    report = {"parent": os.getpid()}
    rendezvous = _Rendezvous(parties=2, rounds=2)
    items = [(rendezvous.address, x) for x in range(4)]
    with _Watch() as watch:
        ran = _attempt(
            lambda: mod.parallel_map(
                _pid_after_rendezvous, items, mode="process", workers=2, chunksize=2
            ),
            limit=PROCESS_LIMIT,
        )
    report["ran"] = _plain(ran)
    report["started"] = watch.started
    report["submits"] = watch.submits
    report["children_after"] = _children()
    failed = _attempt(
        lambda: mod.parallel_map(_fail_at_three, range(8), mode="process", workers=1),
        limit=PROCESS_LIMIT,
    )
    report["failed"] = _plain(failed)
    report["children_after_failure"] = _children()
    _process_report.update(report)
    return report


def unpicklable(mod):
    """A lambda and a closure in process mode: what is raised, and did any process start?"""

    def closure(x):
        return x + len(report)

    report = {}
    for name, func in (("lambda", lambda x: x + 1), ("closure", closure)):
        with _Watch() as watch:
            seen = _attempt(lambda func=func: mod.parallel_map(func, [1, 2], mode="process"))
        seen = _plain(seen)
        seen["started"] = len(watch.started)
        seen["children_after"] = _children()
        report[name] = seen
    return report


def empty(mod):
    """Empty input, in both modes: the result, and whether a process started."""
    report = {}
    for mode in ("thread", "process"):
        with _Watch() as watch:
            seen = _plain(_attempt(lambda mode=mode: mod.parallel_map(_square, [], mode=mode)))
        seen["started"] = len(watch.started)
        report[mode] = seen
    return report
