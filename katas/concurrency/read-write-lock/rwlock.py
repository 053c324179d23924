"""A writer-preferring read-write lock and a count-down latch. Read README.md first."""

from __future__ import annotations

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
        raise NotImplementedError("write RWLock.__init__")

    def acquire_read(self) -> None:
        """Take the read lock, waiting while a writer holds the lock or is waiting for it."""
        raise NotImplementedError("write RWLock.acquire_read")

    def release_read(self) -> None:
        """Give back one level of the calling thread's read lock."""
        raise NotImplementedError("write RWLock.release_read")

    def acquire_write(self) -> None:
        """Take the write lock, waiting until no reader and no other writer holds the lock."""
        raise NotImplementedError("write RWLock.acquire_write")

    def release_write(self) -> None:
        """Give back the write lock, held by the calling thread."""
        raise NotImplementedError("write RWLock.release_write")

    @contextmanager
    def read(self) -> Iterator[None]:
        """``with lock.read():`` holds the read lock for the block, however the block ends."""
        raise NotImplementedError("write RWLock.read")

    @contextmanager
    def write(self) -> Iterator[None]:
        """``with lock.write():`` holds the write lock for the block, however the block ends."""
        raise NotImplementedError("write RWLock.write")


class CountDownLatch:
    """A gate that opens for good once ``count_down()`` has been called ``count`` times."""

    def __init__(self, count: int) -> None:
        """A latch that needs ``count`` count-downs; ValueError if ``count`` is negative."""
        raise NotImplementedError("write CountDownLatch.__init__")

    @property
    def count(self) -> int:
        """The number of count-downs still needed (0 once the latch is open)."""
        raise NotImplementedError("write CountDownLatch.count")

    def count_down(self) -> None:
        """Count one down; at zero, release every waiting thread. Further calls do nothing."""
        raise NotImplementedError("write CountDownLatch.count_down")

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the count reaches zero: True if it did, False if ``timeout`` ran out first."""
        raise NotImplementedError("write CountDownLatch.wait")
