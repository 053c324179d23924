"""A bounded, closable queue for threads, from Lock and Condition only. Read README.md first."""

from __future__ import annotations

from typing import Any


class Full(Exception):
    """Raised by put_nowait, or by put when its timeout runs out, while the queue is full."""


class Empty(Exception):
    """Raised by get_nowait, or by get when its timeout runs out, while the queue is empty."""


class Closed(Exception):
    """Raised by put after close(), and by get once a closed queue has been drained."""


class BoundedQueue:
    """A first-in, first-out queue holding at most ``maxsize`` items, safe to share between threads.

    ``put`` waits while the queue is full and ``get`` waits while it is empty, each for at most
    ``timeout`` seconds (``None``: as long as it takes). ``task_done``/``join`` let a producer wait
    until every item it put has been processed. After ``close()``, ``put`` raises ``Closed`` and
    ``get`` hands out the remaining items, then raises ``Closed``.
    """

    def __init__(self, maxsize: int) -> None:
        """An empty queue for at most ``maxsize`` items; ValueError if ``maxsize`` is below 1."""
        raise NotImplementedError("write BoundedQueue.__init__")

    def put(self, item: Any, timeout: float | None = None) -> None:
        """Add ``item`` at the back, waiting while the queue is full.

        Raises ``Full`` if the queue is still full after ``timeout`` seconds, ``Closed`` if the
        queue is closed (before or during the wait), and ``ValueError`` for a negative timeout.
        """
        raise NotImplementedError("write BoundedQueue.put")

    def get(self, timeout: float | None = None) -> Any:
        """Remove and return the item at the front, waiting while the queue is empty.

        Raises ``Empty`` if the queue is still empty after ``timeout`` seconds, ``Closed`` once a
        closed queue has no items left, and ``ValueError`` for a negative timeout.
        """
        raise NotImplementedError("write BoundedQueue.get")

    def put_nowait(self, item: Any) -> None:
        """Add ``item`` if there is room right now; raise ``Full`` (or ``Closed``) otherwise."""
        raise NotImplementedError("write BoundedQueue.put_nowait")

    def get_nowait(self) -> Any:
        """Return the front item if there is one right now; raise ``Empty`` (or ``Closed``)."""
        raise NotImplementedError("write BoundedQueue.get_nowait")

    def task_done(self) -> None:
        """Mark one item taken with get() as processed; ValueError if none is outstanding."""
        raise NotImplementedError("write BoundedQueue.task_done")

    def join(self) -> None:
        """Wait until every item ever put has been marked done with task_done()."""
        raise NotImplementedError("write BoundedQueue.join")

    def qsize(self) -> int:
        """The number of items in the queue right now (a snapshot: it may change at once)."""
        raise NotImplementedError("write BoundedQueue.qsize")

    def close(self) -> None:
        """Refuse new items and wake every waiting thread; calling it again does nothing."""
        raise NotImplementedError("write BoundedQueue.close")
