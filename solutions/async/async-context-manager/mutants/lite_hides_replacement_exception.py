# Mistake: asynccontextmanager_lite returns False whatever athrow raised, so an exception raised by the cleanup is replaced by the original
"""An async connection pool and a hand-made asynccontextmanager. Read README.md first."""

from __future__ import annotations

import asyncio
import functools
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
        if size < 1:
            raise ValueError(f"size must be at least 1, got {size!r}")
        self._factory = factory
        self._size = size
        self._state = "new"  # then "open", then "closed": a pool is used once
        self._connections: list[Any] = []
        self._idle: asyncio.Queue[Any] = asyncio.Queue()

    async def __aenter__(self) -> AsyncPool:
        """Open ``size`` connections and return the pool itself.

        If opening one fails, the ones already open are closed and the error propagates.
        Raises RuntimeError if the pool has been entered before.
        """
        if self._state != "new":
            raise RuntimeError("an AsyncPool can be entered only once; create a new one")
        self._state = "opening"
        try:
            for _ in range(self._size):
                self._connections.append(await self._factory())
        except BaseException:
            # Cancellation included: never leave half a pool of open connections behind.
            self._state = "closed"
            await self._close_all()
            raise
        for connection in self._connections:
            self._idle.put_nowait(connection)
        self._state = "open"
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        """Close every connection exactly once, however the block ended.

        Returns False, so an exception from the block propagates unchanged.
        """
        self._state = "closed"
        await self._close_all()
        return False

    def acquire(self) -> AbstractAsyncContextManager[Any]:
        """Return an async context manager that lends one connection for its block.

        Entering it waits while every connection is in use. The connection goes back to the pool
        however the block ends: normally, by an exception or by cancellation. Raises
        RuntimeError if the pool is not open (not entered yet, or already closed).
        """
        if self._state != "open":
            raise RuntimeError(f"the pool is {self._state}: acquire() needs an open pool")
        return _Lease(self)

    async def _close_all(self) -> None:
        connections, self._connections = self._connections, []
        for connection in connections:
            await connection.close()


class _Lease:
    """The context manager ``acquire()`` returns: one connection, borrowed for one block."""

    def __init__(self, pool: AsyncPool) -> None:
        self._pool = pool
        self._connection: Any = None

    async def __aenter__(self) -> Any:
        # Queue.get waits while the queue is empty. If this task is cancelled while it waits,
        # the queue itself makes sure no connection is lost.
        self._connection = await self._pool._idle.get()
        return self._connection

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        # __aexit__ runs for every exception, CancelledError (a BaseException) included, so the
        # connection always comes back. put_nowait cannot block: the queue is unbounded.
        self._pool._idle.put_nowait(self._connection)
        self._connection = None
        return False


def asynccontextmanager_lite(
    func: Callable[..., AsyncIterator[Any]],
) -> Callable[..., AbstractAsyncContextManager[Any]]:
    """Turn an async generator function into a factory of async context managers.

    The code before the generator's single ``yield`` runs on entry and the yielded value is what
    ``as`` binds; the code after it runs on exit. An exception from the block is thrown in at the
    ``yield``. Each call makes a fresh generator, so the result can be used many times.
    """

    @functools.wraps(func)
    def make(*args: Any, **kwargs: Any) -> AbstractAsyncContextManager[Any]:
        return _GeneratorContextManager(func(*args, **kwargs))

    return make


class _GeneratorContextManager:
    """Drives one async generator through exactly one ``yield``."""

    def __init__(self, gen: Any) -> None:
        self._gen = gen

    async def __aenter__(self) -> Any:
        try:
            return await self._gen.__anext__()
        except StopAsyncIteration:
            raise RuntimeError("generator didn't yield") from None

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        if exc_type is None:
            try:
                await self._gen.__anext__()
            except StopAsyncIteration:
                return False  # finished after its single yield: the normal case
            await self._gen.aclose()
            raise RuntimeError("generator didn't stop")
        if exc is None:
            exc = exc_type()
        try:
            await self._gen.athrow(exc)
        except StopAsyncIteration as stop:
            # The generator caught the exception and finished: suppress it. The one exception
            # is a StopAsyncIteration from the block itself, which must propagate.
            return stop is not exc
        except RuntimeError as error:
            if error is exc:
                return False
            # An async generator cannot let StopAsyncIteration escape: Python turns it into a
            # RuntimeError whose __cause__ is the original. That is the block's own exception
            # coming back, so let the with statement re-raise the original.
            if isinstance(exc, StopAsyncIteration) and error.__cause__ is exc:
                return False
            raise
        except BaseException:
            return False  # the generator re-raised: let the original propagate
        await self._gen.aclose()
        raise RuntimeError("generator didn't stop after athrow()")
