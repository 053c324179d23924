"""A tiny event loop with a virtual clock. Read README.md in this folder first."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, Generator
from typing import Any

# Cancellation raises asyncio.CancelledError: `from asyncio import CancelledError` is the one
# thing this module may take from asyncio.


class Handle:
    """A scheduled callback, returned by ``call_soon`` and ``call_later``."""

    def __init__(self, callback: Callable[..., Any], args: tuple[Any, ...]) -> None:
        raise NotImplementedError("write Handle.__init__()")

    def cancel(self) -> None:
        """Make sure the callback does not run, if it has not run yet."""
        raise NotImplementedError("write Handle.cancel()")

    def cancelled(self) -> bool:
        """Whether ``cancel()`` was called."""
        raise NotImplementedError("write Handle.cancelled()")


class Future:
    """A result that is not there yet. ``await future`` waits until one is set."""

    def __init__(self) -> None:
        raise NotImplementedError("write Future.__init__()")

    def done(self) -> bool:
        """Whether a result or an exception has been set."""
        raise NotImplementedError("write Future.done()")

    def result(self) -> Any:
        """The result; raises the exception if one was set, RuntimeError if not done yet."""
        raise NotImplementedError("write Future.result()")

    def set_result(self, value: Any) -> None:
        """Finish with ``value`` and wake everything waiting. RuntimeError if already done."""
        raise NotImplementedError("write Future.set_result()")

    def set_exception(self, exception: BaseException) -> None:
        """Finish with ``exception``, raised in everything waiting. RuntimeError if already done."""
        raise NotImplementedError("write Future.set_exception()")

    def add_done_callback(self, callback: Callable[[Future], Any]) -> None:
        """Call ``callback(future)`` once the future is done (at once if it already is)."""
        raise NotImplementedError("write Future.add_done_callback()")

    def __await__(self) -> Generator[Any, Any, Any]:
        """Wait, through the task driving the awaiting coroutine, until done; give the result."""
        raise NotImplementedError("write Future.__await__()")


class Task(Future):
    """Drives a coroutine on a loop: ``send`` to resume it, ``throw`` to raise inside it."""

    def __init__(self, coro: Coroutine[Any, Any, Any], loop: Loop) -> None:
        raise NotImplementedError("write Task.__init__()")

    def cancel(self) -> bool:
        """Ask the task to stop: CancelledError is raised at its current ``await``.

        Returns False when the task has already finished. The coroutine may catch the error.
        """
        raise NotImplementedError("write Task.cancel()")


class Loop:
    """Runs callbacks and tasks; time is virtual and jumps to the next timer when idle."""

    def __init__(self) -> None:
        raise NotImplementedError("write Loop.__init__()")

    def time(self) -> float:
        """The loop's virtual clock, in seconds; it starts at 0.0."""
        raise NotImplementedError("write Loop.time()")

    def call_soon(self, callback: Callable[..., Any], *args: Any) -> Handle:
        """Run ``callback(*args)`` on the next turn, after callbacks scheduled before it."""
        raise NotImplementedError("write Loop.call_soon()")

    def call_later(self, delay: float, callback: Callable[..., Any], *args: Any) -> Handle:
        """Run ``callback(*args)`` once the clock reaches ``time() + delay``."""
        raise NotImplementedError("write Loop.call_later()")

    def create_task(self, coro: Coroutine[Any, Any, Any]) -> Task:
        """Wrap ``coro`` in a Task whose first step runs soon."""
        raise NotImplementedError("write Loop.create_task()")

    def run_until_complete(self, coro: Coroutine[Any, Any, Any]) -> Any:
        """Run ``coro`` as a task until it is done; return its result or raise its exception.

        Raises RuntimeError if it waits for something that can never happen (nothing ready, no
        timers left).
        """
        raise NotImplementedError("write Loop.run_until_complete()")


async def sleep(delay: float) -> None:
    """Wait ``delay`` seconds of the loop's virtual time."""
    raise NotImplementedError("write sleep()")


async def gather(*aws: Awaitable[Any]) -> list[Any]:
    """Run the awaitables concurrently; return their results in argument order.

    Coroutines are wrapped in tasks. The first exception, in time, propagates at once.
    """
    raise NotImplementedError("write gather()")
