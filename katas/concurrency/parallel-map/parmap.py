"""Parallel map: one function over many items, on threads or processes. Read README.md first."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


class TaskError(Exception):
    """A task failed. ``index`` is the position of its item; ``__cause__`` is the original error."""

    def __init__(self, index: int, message: str = "") -> None:
        raise NotImplementedError("write TaskError.__init__")


def recommend_mode(kind: str) -> str:
    """``"thread"`` for ``"io"``-bound work, ``"process"`` for ``"cpu"``-bound work.

    Any other ``kind`` raises ValueError.
    """
    raise NotImplementedError("write recommend_mode()")


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
    raise NotImplementedError("write parallel_map()")
