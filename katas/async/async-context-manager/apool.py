"""An async connection pool and a hand-made asynccontextmanager. Read README.md first."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from types import TracebackType
from typing import Any


class AsyncPool:
    """A fixed-size pool of connections, opened on ``async with`` and closed when it ends.

    ``factory`` is an async callable with no arguments that opens one connection; a connection
    is anything with an ``async close()`` method. Borrow one with ``async with pool.acquire()``.
    """

    def __init__(self, factory: Callable[[], Awaitable[Any]], size: int) -> None:
        """Remember the factory and the size; nothing is opened until ``async with``.

        Raises ValueError if ``size`` is below 1.
        """
        raise NotImplementedError("write AsyncPool.__init__()")

    async def __aenter__(self) -> AsyncPool:
        """Open ``size`` connections and return the pool itself.

        If opening one fails, the ones already open are closed and the error propagates.
        Raises RuntimeError if the pool has been entered before.
        """
        raise NotImplementedError("write AsyncPool.__aenter__()")

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        """Close every connection exactly once, however the block ended.

        Returns False, so an exception from the block propagates unchanged.
        """
        raise NotImplementedError("write AsyncPool.__aexit__()")

    def acquire(self) -> AbstractAsyncContextManager[Any]:
        """Return an async context manager that lends one connection for its block.

        Entering it waits while every connection is in use. The connection goes back to the pool
        however the block ends: normally, by an exception or by cancellation. Raises
        RuntimeError if the pool is not open (not entered yet, or already closed).
        """
        raise NotImplementedError("write AsyncPool.acquire()")


def asynccontextmanager_lite(
    func: Callable[..., AsyncIterator[Any]],
) -> Callable[..., AbstractAsyncContextManager[Any]]:
    """Turn an async generator function into a factory of async context managers.

    The code before the generator's single ``yield`` runs on entry and the yielded value is what
    ``as`` binds; the code after it runs on exit. An exception from the block is thrown in at the
    ``yield``. Each call makes a fresh generator, so the result can be used many times.
    """
    raise NotImplementedError("write asynccontextmanager_lite()")
