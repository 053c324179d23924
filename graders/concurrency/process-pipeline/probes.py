"""Probes for concurrency/process-pipeline: they run in the sandbox beside procpipe.py.

Stage functions live at the top level of this module, which worker processes import by name.
Workers coordinate through a small loopback server kept by the probe (no sleeps, no Manager
process to start). Each run_pipeline call runs in a helper thread with a time limit, so a hang
comes back as "hung"; afterwards the probe kills whatever the call left running, so the next
test starts clean. Process starts are slow, so each pipeline is run once per sandbox and its
report cached.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.process
import socket
import threading

WAIT = 5.0  # seconds a stage function waits for its signal: workers may still be starting
LIMIT = 10.0  # seconds before a pipeline counts as hung
QUICK_LIMIT = 3.0  # for calls that should fail before any real work


# ---------------------------------------------------------------------------------------------
# Watching what happened


def _attempt(call, limit):
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
    error = box["error"]
    report = {"kind": "raised", "error": raised(_rethrow, error)}
    for name in ("stage_index", "seq", "remote_traceback"):
        value = getattr(error, name, None)
        report[name] = value if type(value) in (int, str) else repr(value)
    return report


def _rethrow(error):
    raise error


def raised(function, *args):
    """pykata_sandbox.probing.raised, imported only when needed.

    Worker processes import this module by name to find the functions they run; importing the
    sandbox's helpers at the top would make each of them slower to start, for nothing.
    """
    from pykata_sandbox.probing import raised as describe

    return describe(function, *args)


def _run(mod, stages, items, workers, limit):
    """run_pipeline under a time limit: its outcome, and what became of the processes it started.

    Process.start and Process.join are watched while it runs: every process it started should
    have been joined by the time it returns or raises.
    """
    before = {p.pid for p in multiprocessing.active_children()}
    started, joined = [], set()
    original_start = multiprocessing.process.BaseProcess.start
    original_join = multiprocessing.process.BaseProcess.join

    def start(process):
        started.append(process)
        return original_start(process)

    def join(process, timeout=None):
        result = original_join(process, timeout)
        if process.exitcode is not None:
            joined.add(id(process))
        return result

    multiprocessing.process.BaseProcess.start = start
    multiprocessing.process.BaseProcess.join = join
    try:
        report = _attempt(lambda: mod.run_pipeline(stages, items, workers_per_stage=workers), limit)
    finally:
        multiprocessing.process.BaseProcess.start = original_start
        multiprocessing.process.BaseProcess.join = original_join
    left = [p for p in multiprocessing.active_children() if p.pid not in before]
    report["started"] = [type(process).__name__ for process in started]
    report["not_joined"] = sum(id(process) not in joined for process in started)
    report["left_behind"] = len(left)
    for process in left:  # clean up after a faulty pipeline, so later tests start clean
        process.kill()
        process.join(1.0)
    return report


# ---------------------------------------------------------------------------------------------
# A rendezvous server: item 0 may leave stage 0 only when items 1..n-1 have reached stage 1


class _Signals:
    """Counts "done" messages; answers every "wait" once `needed` of them have arrived."""

    def __init__(self, needed):
        self.needed, self.done, self.waiters = needed, 0, []
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(LIMIT)
        self.address = self.server.getsockname()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        try:
            while self.done < self.needed or not self.waiters:
                connection = self.server.accept()[0]
                connection.settimeout(WAIT)
                word = b""
                while not word.endswith(b"\n"):
                    chunk = connection.recv(16)
                    if not chunk:
                        break
                    word += chunk
                if word == b"wait\n":
                    self.waiters.append(connection)
                else:
                    self.done += 1
                    connection.close()
            for connection in self.waiters:
                connection.sendall(b"go")
        except OSError:  # nobody came in time; the waiting stage function gives up on its own
            pass
        finally:
            for connection in self.waiters:
                connection.close()
            self.server.close()


def _signal(address, word):
    """Send "done" or "wait" to the probe's server; for "wait", block until it answers."""
    try:
        with socket.create_connection(tuple(address), timeout=WAIT) as connection:
            connection.sendall(word + b"\n")
            answer = connection.recv(2) if word == b"wait" else b"go"
    except OSError:
        answer = b""
    if answer != b"go":
        raise RuntimeError("item 0 was never released: did items 1 and up get past stage 0?")


def hold_first(arg):
    """Stage 0: item 0 waits until every other item has reached stage 1."""
    address, seq = arg
    if seq == 0:
        _signal(address, b"wait")
    return (address, seq, seq * 3)


def report_done(arg):
    """Stage 1: items other than 0 report that they got here."""
    address, seq, value = arg
    if seq != 0:
        _signal(address, b"done")
    return value + 1


class BadItem(ValueError):
    """An exception that cannot be unpickled: its __init__ needs two arguments, args holds one."""

    def __init__(self, item, stage):
        super().__init__(f"bad item {item} in stage {stage}")


def double(x):
    return x * 2


def fail_on_seven_and_nine(x):
    """Stage 1 of the failing pipeline: items 7 and 9 (doubled by stage 0) raise BadItem."""
    if x in (14, 18):
        raise BadItem(x // 2, 1)
    return x + 1


# ---------------------------------------------------------------------------------------------
# The probes

_cache = {}


def ordered(mod, count):
    """Two stages, two workers each; item 0 is held back until all others have passed it."""
    if "ordered" not in _cache:
        signals = _Signals(needed=count - 1)
        items = [(signals.address, seq) for seq in range(count)]
        _cache["ordered"] = _run(mod, [hold_first, report_done], items, 2, LIMIT)
    return _cache["ordered"]


def failing(mod):
    """Two stages, one worker each; stage 1 raises BadItem for items 7 and 9."""
    if "failing" not in _cache:
        _cache["failing"] = _run(mod, [double, fail_on_seven_and_nine], range(12), 1, LIMIT)
    return _cache["failing"]


def unpicklable_item(mod):
    """Item 2 is a lock, which cannot be pickled."""
    return _run(mod, [double], [1, 2, threading.Lock(), 4], 1, QUICK_LIMIT)


def unpicklable_stage(mod):
    """Stage 1 is a lambda, which cannot be pickled."""
    return _run(mod, [double, lambda x: x], [1, 2], 1, QUICK_LIMIT)


def empty(mod):
    """No items at all."""
    return _run(mod, [double, double], [], 2, QUICK_LIMIT)


def invalid_workers(mod, workers):
    return _run(mod, [double], [1], workers, QUICK_LIMIT)
