# Mistake: abatch always yields the leftover batch, even when it is empty
"""Async generators as building blocks. Read README.md in this folder first."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")


async def _close(iterator: Any) -> None:
    """Close an upstream iterator if it can be closed (async generators can; not every one)."""
    aclose = getattr(iterator, "aclose", None)
    if aclose is not None:
        await aclose()


async def ticker(
    n: int,
    *,
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    interval: float = 0,
) -> AsyncIterator[int]:
    """Yield 0, 1, ..., n-1, awaiting ``sleep(interval)`` before every value but the first.

    ``n`` below 0 raises ValueError.
    """
    if n < 0:
        raise ValueError(f"n must be at least 0, got {n!r}")
    for i in range(n):
        if i:
            # Sleeping before a value, not after, means a consumer that stops early never
            # waits for a value it will not take.
            await sleep(interval)
        yield i


async def abatch(source: AsyncIterable[T], size: int) -> AsyncIterator[list[T]]:
    """Yield lists of ``size`` items from ``source``; the last one may be shorter.

    ``size`` below 1 raises ValueError. The upstream is closed however iteration ends.
    """
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size!r}")
    upstream = aiter(source)
    try:
        batch: list[T] = []
        async for item in upstream:
            batch.append(item)
            if len(batch) == size:
                yield batch
                batch = []
        yield batch
    finally:
        await _close(upstream)


async def atake(source: AsyncIterable[T], n: int) -> AsyncIterator[T]:
    """Yield the first ``n`` items of ``source``, never asking it for one more; then close it.

    ``n`` below 0 raises ValueError.
    """
    if n < 0:
        raise ValueError(f"n must be at least 0, got {n!r}")
    upstream = aiter(source)
    try:
        for _ in range(n):
            try:
                item = await anext(upstream)
            except StopAsyncIteration:
                return
            yield item
    finally:
        # Without this the upstream stays suspended at its `yield` until the garbage collector
        # finds it, and its `finally` (releasing a connection, say) runs who knows when.
        await _close(upstream)


async def _next(iterator: AsyncIterator[T]) -> T:
    return await anext(iterator)


async def amerge(*sources: AsyncIterable[T]) -> AsyncIterator[T]:
    """Yield the items of all ``sources`` in the order they arrive.

    An exception from a source propagates; on any exit, the pending reads are cancelled and
    every source is closed.
    """
    iterators = [aiter(source) for source in sources]
    # One pending read per source that is not exhausted yet, mapped to the source's position.
    reads: dict[asyncio.Task[T], int] = {}
    try:
        for index, iterator in enumerate(iterators):
            reads[asyncio.ensure_future(_next(iterator))] = index
        while reads:
            done, _ = await asyncio.wait(reads, return_when=asyncio.FIRST_COMPLETED)
            for read in sorted(done, key=reads.__getitem__):
                index = reads.pop(read)
                try:
                    item = read.result()
                except StopAsyncIteration:
                    continue
                reads[asyncio.ensure_future(_next(iterators[index]))] = index
                yield item
    finally:
        # Reached when a source fails and when the consumer stops early (aclose). Cancel the
        # reads still waiting, and wait for them: a source cannot be closed while a read runs,
        # and a task dropped while pending is reported as "destroyed but it is pending".
        for read in reads:
            read.cancel()
        if reads:
            await asyncio.wait(reads)
        for read in reads:
            if not read.cancelled():
                read.exception()  # mark a failure as seen, so asyncio does not log it
        for iterator in iterators:
            await _close(iterator)


async def collect(source: AsyncIterable[T]) -> list[T]:
    """Every item of ``source``, in a list."""
    return [item async for item in source]
