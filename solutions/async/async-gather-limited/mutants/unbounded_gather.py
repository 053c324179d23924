# Mistake: hands everything to asyncio.gather, which runs all the jobs at once
"""Bounded concurrency with asyncio. Read README.md in this folder first."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import Any


async def gather_limited(
    factories: Iterable[Callable[[], Awaitable[Any]]],
    limit: int,
    *,
    return_exceptions: bool = False,
) -> list[Any]:
    """Await what ``factories`` make, at most ``limit`` at a time; results in input order.

    A factory is called only when a slot is free. Unless ``return_exceptions`` is true, the first
    failure cancels the running awaitables, starts no more, and propagates. With
    ``return_exceptions=True`` an exception takes the place of its result instead.
    ``limit`` below 1 raises ValueError before any factory is called.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    return await asyncio.gather(
        *(factory() for factory in factories), return_exceptions=return_exceptions
    )


def _outcome(task: asyncio.Future[Any]) -> tuple[BaseException | None, Any]:
    """``(None, result)`` or ``(exception, None)``; reading the exception marks it retrieved."""
    if task.cancelled():
        return asyncio.CancelledError(), None
    error = task.exception()
    return (None, task.result()) if error is None else (error, None)


async def first_completed(
    factories: Iterable[Callable[[], Awaitable[Any]]], timeout: float | None = None
) -> Any:
    """Start every awaitable at once and return the first successful result.

    Failures are skipped; when every awaitable fails, the last failure propagates. The others are
    cancelled as soon as there is a result. When no result arrives within ``timeout`` seconds,
    everything is cancelled and TimeoutError is raised. No factories at all raise ValueError.
    """
    tasks = [asyncio.ensure_future(factory()) for factory in factories]
    if not tasks:
        raise ValueError("first_completed() needs at least one factory")
    loop = asyncio.get_running_loop()
    deadline = None if timeout is None else loop.time() + timeout
    pending = set(tasks)
    last_error: BaseException | None = None
    try:
        while pending:
            left = None if deadline is None else max(0.0, deadline - loop.time())
            # asyncio.wait never raises on timeout, so a TimeoutError raised by one of the
            # awaitables cannot be mistaken for ours.
            done, pending = await asyncio.wait(
                pending, timeout=left, return_when=asyncio.FIRST_COMPLETED
            )
            if not done:
                raise TimeoutError(f"no result within {timeout} seconds")
            outcomes = sorted(
                ((tasks.index(task), *_outcome(task)) for task in done), key=lambda item: item[0]
            )
            for _, error, value in outcomes:
                if error is None:
                    return value
                last_error = error
        assert last_error is not None
        raise last_error
    finally:
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending)


async def run_blocking(func: Callable[..., Any], *args: Any) -> Any:
    """Run the blocking ``func(*args)`` in a worker thread; the event loop keeps running."""
    # Called directly, func would block the one thread the event loop runs on, and with it
    # every other coroutine. asyncio.to_thread also carries contextvars into the thread.
    return await asyncio.to_thread(func, *args)
