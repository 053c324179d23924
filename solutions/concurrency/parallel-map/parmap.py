"""Parallel map: one function over many items, on threads or processes. Read README.md first."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import pickle
import time
from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

_MODES = {"io": "thread", "cpu": "process"}


class TaskError(Exception):
    """A task failed. ``index`` is the position of its item; ``__cause__`` is the original error."""

    def __init__(self, index: int, message: str = "") -> None:
        super().__init__(message or f"task {index} failed")
        self.index = index


def recommend_mode(kind: str) -> str:
    """``"thread"`` for ``"io"``-bound work, ``"process"`` for ``"cpu"``-bound work.

    Any other ``kind`` raises ValueError.
    """
    try:
        return _MODES[kind]
    except (KeyError, TypeError):
        raise ValueError(f"kind must be 'io' or 'cpu', got {kind!r}") from None


def parallel_map(
    func: Callable[[Any], Any],
    items: Iterable[Any],
    *,
    mode: str = "thread",
    workers: int = 4,
    chunksize: int = 1,
    timeout: float | None = None,
) -> list[Any]:
    """Return ``[func(item) for item in items]``, computed by a pool of ``workers``.

    ``mode`` is ``"thread"`` or ``"process"`` (a spawn-context process pool). Results come back
    in input order. At most ``workers`` tasks are in flight at once; in process mode each task
    carries ``chunksize`` consecutive items. The first failure cancels what has not started and
    raises ``TaskError(index)`` from the original exception. In process mode ``func`` must
    pickle: ``TypeError`` is raised before any process starts if it does not. If the results
    are not all ready ``timeout`` seconds after the call, ``TimeoutError`` is raised.
    """
    if mode not in ("thread", "process"):
        raise ValueError(f"mode must be 'thread' or 'process', got {mode!r}")
    for name, value in (("workers", workers), ("chunksize", chunksize)):
        if type(value) is not int or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}")
    deadline = None if timeout is None else time.monotonic() + timeout
    if mode == "process":
        _check_picklable(func)
        size = chunksize
    else:
        size = 1  # threads share memory: there is nothing to save by batching items
    values = list(items)
    if not values:
        return []  # nothing to do, so no pool and no process is started
    chunks = [(start, values[start : start + size]) for start in range(0, len(values), size)]

    if mode == "process":
        # spawn, not the platform default: the same behaviour on Linux, macOS and Windows, and no
        # forked copy of this process's threads and locks inside the workers.
        context = multiprocessing.get_context("spawn")
        executor: concurrent.futures.Executor = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, mp_context=context
        )
    else:
        executor = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
    try:
        results = _run(executor, func, chunks, workers, deadline)
    except concurrent.futures.TimeoutError:
        # A stuck task cannot be interrupted: drop what has not started and do not wait for it.
        executor.shutdown(wait=False, cancel_futures=True)
        raise TimeoutError(f"parallel_map did not finish within {timeout} s") from None
    except BaseException:
        # A failure: cancel what has not started, then wait for the few tasks still running, so
        # no worker (thread or process) outlives the call.
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
    return results


def _run(
    executor: concurrent.futures.Executor,
    func: Callable[[Any], Any],
    chunks: list[tuple[int, list[Any]]],
    workers: int,
    deadline: float | None,
) -> list[Any]:
    """Submit chunks through a window of ``workers`` futures; collect results by index.

    ``executor.map`` would submit every item at once, so after a failure queued tasks would still
    start. Keeping at most ``workers`` futures in flight means a failure stops everything that
    has not been submitted yet.
    """
    results: dict[int, Any] = {}
    in_flight: dict[concurrent.futures.Future[list[Any]], int] = {}
    pending = iter(chunks)
    while True:
        # Top the window up: one new task for each one that finished.
        for start, values in islice(pending, workers - len(in_flight)):
            in_flight[executor.submit(_apply, func, start, values)] = start
        if not in_flight:
            return [results[index] for index in range(len(results))]
        remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
        done, _ = concurrent.futures.wait(
            in_flight, timeout=remaining, return_when=concurrent.futures.FIRST_COMPLETED
        )
        if not done:
            raise concurrent.futures.TimeoutError
        for future in sorted(done, key=in_flight.__getitem__):
            start = in_flight.pop(future)
            error = future.exception()
            if isinstance(error, _ItemFailed):
                failed, original = error.index, error.error
                raise TaskError(failed, f"task {failed} failed: {original!r}") from original
            if error is not None:
                raise error  # the pool itself broke (a worker died): not the task's own exception
            for offset, value in enumerate(future.result()):
                results[start + offset] = value


class _ItemFailed(Exception):
    """Carries the index of the failing item back from a worker, with its exception."""

    def __init__(self, index: int, error: BaseException) -> None:
        super().__init__(index, error)
        self.index = index
        self.error = error


def _apply(func: Callable[[Any], Any], start: int, values: list[Any]) -> list[Any]:
    """Run ``func`` over one chunk in a worker; a failure names the item's index."""
    out = []
    for offset, value in enumerate(values):
        try:
            out.append(func(value))
        except Exception as error:
            raise _ItemFailed(start + offset, error) from None
    return out


def _check_picklable(func: Callable[[Any], Any]) -> None:
    """Fail early and clearly when ``func`` cannot travel to a worker process.

    Functions pickle by reference (module and qualified name), so lambdas and functions defined
    inside other functions cannot; without this check the error would surface later, from the
    pool's feeder thread, or not at all.
    """
    try:
        pickle.dumps(func)
    except (pickle.PicklingError, AttributeError, TypeError) as error:
        raise TypeError(
            f"{func!r} cannot be pickled, so it cannot be sent to a worker process: use a "
            "function defined at the top level of a module"
        ) from error
