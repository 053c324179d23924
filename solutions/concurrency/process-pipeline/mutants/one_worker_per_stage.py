# Mistake: starts one worker per stage, whatever workers_per_stage says
"""A process pipeline: stages of worker processes joined by queues. Read README.md first."""

from __future__ import annotations

import multiprocessing
import pickle
import queue
import traceback
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

# Closes a stage: each worker stops at the first one it takes. A stage gets exactly one per
# worker, and each worker passes one on as it stops, so the next stage (which has as many
# workers) gets one per worker too.
_SENTINEL = None
_POLL_SECONDS = 0.2  # how often the parent checks for a worker that died without reporting


class StageError(Exception):
    """A stage function raised: which stage, for which item, and the worker's traceback text."""

    def __init__(self, stage_index: int, seq: int, remote_traceback: str) -> None:
        super().__init__(stage_index, seq, remote_traceback)
        self.stage_index = stage_index
        self.seq = seq
        self.remote_traceback = remote_traceback

    def __str__(self) -> str:
        return f"stage {self.stage_index} failed on item {self.seq}:\n{self.remote_traceback}"


class _Failure(NamedTuple):
    """What a worker sends back instead of a result: plain data that always pickles.

    The live exception may not pickle (an attribute holding a lock, a custom __init__ that
    unpickling cannot call), and a traceback object never does, so only its text travels.
    """

    stage_index: int
    seq: int
    remote_traceback: str


def run_pipeline(
    stages: list[Callable[[Any], Any]],
    items: Iterable[Any],
    *,
    workers_per_stage: int = 1,
) -> list[Any]:
    """Pass every item through ``stages`` in order, each stage run by its own worker processes.

    Returns the final results in input order. A stage function that raises makes the pipeline
    raise ``StageError(stage_index, seq, remote_traceback)`` once every worker has stopped. An
    item or a stage function that cannot be pickled raises ``TypeError`` naming it, before it is
    sent to any process, and leaves no process running.
    """
    if type(workers_per_stage) is not int or workers_per_stage < 1:
        raise ValueError(f"workers_per_stage must be a positive int, got {workers_per_stage!r}")
    stages, items = list(stages), list(items)
    # A Queue pickles in a background thread: an unpicklable object there is reported on stderr
    # and silently dropped, and the parent would wait for it forever. Check everything first.
    for index, stage in enumerate(stages):
        _check_picklable(stage, f"stage {index} ({stage!r})")
    for seq, item in enumerate(items):
        _check_picklable(item, f"item {seq} ({item!r})")
    if not items:
        return []
    if not stages:
        return items

    context = multiprocessing.get_context("spawn")
    # queues[i] feeds stage i; the last one brings results and failures back to the parent.
    queues = [context.Queue() for _ in range(len(stages) + 1)]
    results_queue = queues[-1]
    processes = [
        context.Process(
            target=_work,
            args=(index, stage, queues[index], queues[index + 1], results_queue),
            name=f"stage-{index}-worker-{number}",
        )
        for index, stage in enumerate(stages)
        for number in range(1)
    ]
    for process in processes:
        process.start()
    try:
        for seq, item in enumerate(items):
            queues[0].put((seq, item))
        for _ in range(workers_per_stage):
            queues[0].put(_SENTINEL)
        results, failures = _collect(results_queue, processes, len(items), 1)
    except BaseException:
        for process in processes:
            process.terminate()  # something went wrong in the parent: stop everything now
        raise
    finally:
        for process in processes:
            process.join()
    if failures:
        first = failures[0]
        raise StageError(first.stage_index, first.seq, first.remote_traceback)
    return [results[seq] for seq in range(len(items))]


def _collect(
    results_queue: Any, processes: list[Any], count: int, workers: int
) -> tuple[dict[int, Any], list[_Failure]]:
    """Read until every item has an outcome and every last-stage worker has stopped.

    Each item ends either as a result or as exactly one failure, so counting outcomes tells when
    all have arrived. Reading the queue empty before the joins matters: a process does not exit
    while data it put on a queue is still waiting to be read.
    """
    results: dict[int, Any] = {}
    failures: list[_Failure] = []
    stopped = 0
    while len(results) + len(failures) < count or stopped < workers:
        try:
            message = results_queue.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            dead = [p for p in processes if p.exitcode not in (None, 0)]
            if dead:
                raise RuntimeError(
                    f"worker {dead[0].name} died with exit code {dead[0].exitcode}"
                ) from None
            continue
        if message is _SENTINEL:
            stopped += 1
        elif isinstance(message, _Failure):
            failures.append(message)
        else:
            seq, value = message
            results[seq] = value  # results arrive in any order; the index puts them back
    return results, failures


def _work(
    stage_index: int, func: Callable[[Any], Any], inbox: Any, outbox: Any, failures: Any
) -> None:
    """A worker: apply ``func`` to each (seq, item) until a sentinel arrives, then pass it on."""
    while True:
        message = inbox.get()
        if message is _SENTINEL:
            outbox.put(_SENTINEL)
            return
        seq, item = message
        try:
            value = func(item)
            pickle.dumps(value)  # a result that cannot travel on is this stage's failure too
        except Exception:
            failures.put(_Failure(stage_index, seq, traceback.format_exc()))
        else:
            outbox.put((seq, value))


def _check_picklable(value: Any, what: str) -> None:
    try:
        pickle.dumps(value)
    except Exception as error:  # PicklingError, AttributeError, TypeError, depending on the object
        raise TypeError(f"{what} cannot be pickled, so it cannot be sent to a process") from error
