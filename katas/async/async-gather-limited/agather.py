"""Bounded concurrency with asyncio. Read README.md in this folder first."""

from __future__ import annotations

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
    raise NotImplementedError("write gather_limited()")


async def first_completed(
    factories: Iterable[Callable[[], Awaitable[Any]]], timeout: float | None = None
) -> Any:
    """Start every awaitable at once and return the first successful result.

    Failures are skipped; when every awaitable fails, the last failure propagates. The others are
    cancelled as soon as there is a result. When no result arrives within ``timeout`` seconds,
    everything is cancelled and TimeoutError is raised. No factories at all raise ValueError.
    """
    raise NotImplementedError("write first_completed()")


async def run_blocking(func: Callable[..., Any], *args: Any) -> Any:
    """Run the blocking ``func(*args)`` in a worker thread; the event loop keeps running."""
    raise NotImplementedError("write run_blocking()")
