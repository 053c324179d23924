# Mistake: uses one condition for producers and consumers and wakes a single waiter with notify(): the woken thread may be of the wrong kind, and the wake-up is lost
"""A bounded, closable FIFO queue for threads, built from one lock and three conditions."""

from __future__ import annotations

import threading
import time
from collections import deque
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
        if maxsize < 1:
            raise ValueError(f"maxsize must be at least 1, got {maxsize!r}")
        self._maxsize = maxsize
        self._items: deque[Any] = deque()
        self._unfinished = 0
        self._closed = False
        # One lock guards all the state; each condition is a separate waiting room on that lock,
        # so a put wakes a consumer, never another producer that could do nothing with it.
        self._lock = threading.Lock()
        self._not_empty = self._not_full = threading.Condition(self._lock)
        self._all_done = threading.Condition(self._lock)

    def put(self, item: Any, timeout: float | None = None) -> None:
        """Add ``item`` at the back, waiting while the queue is full.

        Raises ``Full`` if the queue is still full after ``timeout`` seconds, ``Closed`` if the
        queue is closed (before or during the wait), and ``ValueError`` for a negative timeout.
        """
        deadline = _deadline(timeout)
        with self._not_full:
            # `while`, not `if`: after waking up, another thread may already have taken the room.
            while not self._closed and len(self._items) >= self._maxsize:
                if not _wait(self._not_full, deadline):
                    raise Full(f"the queue stayed full ({self._maxsize} items)")
            if self._closed:
                raise Closed("put() on a closed queue")
            self._items.append(item)
            self._unfinished += 1
            self._not_empty.notify()  # one item: one consumer can use it

    def get(self, timeout: float | None = None) -> Any:
        """Remove and return the item at the front, waiting while the queue is empty.

        Raises ``Empty`` if the queue is still empty after ``timeout`` seconds, ``Closed`` once a
        closed queue has no items left, and ``ValueError`` for a negative timeout.
        """
        deadline = _deadline(timeout)
        with self._not_empty:
            while not self._items and not self._closed:
                if not _wait(self._not_empty, deadline):
                    raise Empty("the queue stayed empty")
            if not self._items:
                raise Closed("get() on a closed, drained queue")
            item = self._items.popleft()
            self._not_full.notify()  # one free slot: one producer can use it
            return item

    def put_nowait(self, item: Any) -> None:
        """Add ``item`` if there is room right now; raise ``Full`` (or ``Closed``) otherwise."""
        self.put(item, timeout=0)

    def get_nowait(self) -> Any:
        """Return the front item if there is one right now; raise ``Empty`` (or ``Closed``)."""
        return self.get(timeout=0)

    def task_done(self) -> None:
        """Mark one item taken with get() as processed; ValueError if none is outstanding."""
        with self._all_done:
            if self._unfinished <= 0:
                raise ValueError("task_done() called more times than there were items")
            self._unfinished -= 1
            if self._unfinished == 0:
                self._all_done.notify_all()  # every joiner waits for the same moment

    def join(self) -> None:
        """Wait until every item ever put has been marked done with task_done()."""
        with self._all_done:
            while self._unfinished:
                self._all_done.wait()

    def qsize(self) -> int:
        """The number of items in the queue right now (a snapshot: it may change at once)."""
        with self._lock:
            return len(self._items)

    def close(self) -> None:
        """Refuse new items and wake every waiting thread; calling it again does nothing."""
        with self._lock:
            self._closed = True
            # Every waiter must re-check: producers will raise Closed, consumers drain or raise.
            self._not_empty.notify_all()
            self._not_full.notify_all()


def _deadline(timeout: float | None) -> float | None:
    """The monotonic time at which a wait of ``timeout`` seconds gives up (None: never)."""
    if timeout is None:
        return None
    if timeout < 0:
        raise ValueError(f"timeout must be a non-negative number, got {timeout!r}")
    return time.monotonic() + timeout


def _wait(condition: threading.Condition, deadline: float | None) -> bool:
    """Wait on ``condition`` until notified or ``deadline``; False once the deadline has passed.

    The time left is recomputed on every call, so a thread woken for nothing (another thread
    took the item first) keeps its original deadline instead of starting a fresh timeout.
    """
    if deadline is None:
        condition.wait()
        return True
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return False
    condition.wait(remaining)
    return True
