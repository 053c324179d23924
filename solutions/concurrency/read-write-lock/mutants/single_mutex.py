# Mistake: uses one reentrant mutex for readers and writers alike, so readers never share the lock
"""A read-write lock that is really one mutex, and a count-down latch."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class RWLock:
    """Many readers at once, or one writer alone; waiting writers go before new readers.

    A thread that holds the read lock may take it again (and must release it as many times), even
    while a writer waits. Asking for the write lock while holding the read lock (an upgrade), or
    for either lock while holding the write lock, raises RuntimeError instead of deadlocking.
    Releasing a lock the calling thread does not hold raises RuntimeError.
    """

    def __init__(self) -> None:
        """An unlocked lock."""
        self._lock = threading.RLock()
        self._reading: dict[int, int] = {}
        self._writer: int | None = None

    def acquire_read(self) -> None:
        """Take the read lock, waiting while a writer holds the lock or is waiting for it."""
        me = threading.get_ident()
        if self._writer == me:
            raise RuntimeError("this thread already holds the write lock")
        self._lock.acquire()
        self._reading[me] = self._reading.get(me, 0) + 1

    def release_read(self) -> None:
        """Give back one level of the calling thread's read lock."""
        me = threading.get_ident()
        if not self._reading.get(me):
            raise RuntimeError("release_read() by a thread that does not hold the read lock")
        self._reading[me] -= 1
        if not self._reading[me]:
            del self._reading[me]
        self._lock.release()

    def acquire_write(self) -> None:
        """Take the write lock, waiting until no reader and no other writer holds the lock."""
        me = threading.get_ident()
        if self._writer == me:
            raise RuntimeError("this thread already holds the write lock")
        if me in self._reading:
            raise RuntimeError("cannot upgrade a read lock to a write lock")
        self._lock.acquire()
        self._writer = me

    def release_write(self) -> None:
        """Give back the write lock, held by the calling thread."""
        if self._writer != threading.get_ident():
            raise RuntimeError("release_write() by a thread that does not hold the write lock")
        self._writer = None
        self._lock.release()

    @contextmanager
    def read(self) -> Iterator[None]:
        """``with lock.read():`` holds the read lock for the block, however the block ends."""
        self.acquire_read()
        try:
            yield
        finally:
            self.release_read()

    @contextmanager
    def write(self) -> Iterator[None]:
        """``with lock.write():`` holds the write lock for the block, however the block ends."""
        self.acquire_write()
        try:
            yield
        finally:
            self.release_write()


class CountDownLatch:
    """A gate that opens for good once ``count_down()`` has been called ``count`` times."""

    def __init__(self, count: int) -> None:
        """A latch that needs ``count`` count-downs; ValueError if ``count`` is negative."""
        if count < 0:
            raise ValueError(f"count must not be negative, got {count!r}")
        self._count = count
        self._cond = threading.Condition()

    @property
    def count(self) -> int:
        """The number of count-downs still needed (0 once the latch is open)."""
        with self._cond:
            return self._count

    def count_down(self) -> None:
        """Count one down; at zero, release every waiting thread. Further calls do nothing."""
        with self._cond:
            if self._count == 0:
                return
            self._count -= 1
            if self._count == 0:
                self._cond.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the count reaches zero: True if it did, False if ``timeout`` ran out first."""
        with self._cond:
            return self._cond.wait_for(lambda: self._count == 0, timeout)
