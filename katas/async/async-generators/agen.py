"""Async generators as building blocks. Read README.md in this folder first."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")


async def ticker(
    n: int,
    *,
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    interval: float = 0,
) -> AsyncIterator[int]:
    """Yield 0, 1, ..., n-1, awaiting ``sleep(interval)`` before every value but the first.

    ``n`` below 0 raises ValueError.
    """
    raise NotImplementedError("write ticker()")


async def abatch(source: AsyncIterable[T], size: int) -> AsyncIterator[list[T]]:
    """Yield lists of ``size`` items from ``source``; the last one may be shorter.

    ``size`` below 1 raises ValueError. The upstream is closed however iteration ends.
    """
    raise NotImplementedError("write abatch()")


async def atake(source: AsyncIterable[T], n: int) -> AsyncIterator[T]:
    """Yield the first ``n`` items of ``source``, never asking it for one more; then close it.

    ``n`` below 0 raises ValueError.
    """
    raise NotImplementedError("write atake()")


async def amerge(*sources: AsyncIterable[T]) -> AsyncIterator[T]:
    """Yield the items of all ``sources`` in the order they arrive.

    An exception from a source propagates; on any exit, the pending reads are cancelled and
    every source is closed.
    """
    raise NotImplementedError("write amerge()")


async def collect(source: AsyncIterable[T]) -> list[T]:
    """Every item of ``source``, in a list."""
    raise NotImplementedError("write collect()")
