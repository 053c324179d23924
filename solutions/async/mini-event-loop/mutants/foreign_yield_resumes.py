# Mistake: resumes a coroutine that yielded something unknown instead of raising RuntimeError in it
"""A tiny event loop with a virtual clock. Read README.md in this folder first."""

from __future__ import annotations

import heapq
import itertools
from asyncio import CancelledError
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Generator
from typing import Any

_running_loop: Loop | None = None  # the loop whose task is being stepped right now


class Handle:
    """A scheduled callback, returned by ``call_soon`` and ``call_later``."""

    def __init__(self, callback: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self._callback = callback
        self._args = args
        self._cancelled = False

    def cancel(self) -> None:
        """Make sure the callback does not run, if it has not run yet."""
        self._cancelled = True

    def cancelled(self) -> bool:
        """Whether ``cancel()`` was called."""
        return self._cancelled

    def _run(self) -> None:
        if not self._cancelled:
            self._callback(*self._args)


class Future:
    """A result that is not there yet. ``await future`` waits until one is set."""

    def __init__(self) -> None:
        self._done = False
        self._result: Any = None
        self._exception: BaseException | None = None
        self._callbacks: list[Callable[[Future], Any]] = []

    def done(self) -> bool:
        """Whether a result or an exception has been set."""
        return self._done

    def result(self) -> Any:
        """The result; raises the exception if one was set, RuntimeError if not done yet."""
        if not self._done:
            raise RuntimeError("the future has no result yet")
        if self._exception is not None:
            raise self._exception
        return self._result

    def set_result(self, value: Any) -> None:
        """Finish with ``value`` and wake everything waiting. RuntimeError if already done."""
        self._finish(value, None)

    def set_exception(self, exception: BaseException) -> None:
        """Finish with ``exception``, raised in everything waiting. RuntimeError if already done."""
        self._finish(None, exception)

    def add_done_callback(self, callback: Callable[[Future], Any]) -> None:
        """Call ``callback(future)`` once the future is done (at once if it already is)."""
        if self._done:
            callback(self)
        else:
            self._callbacks.append(callback)

    def _finish(self, value: Any, exception: BaseException | None) -> None:
        if self._done:
            raise RuntimeError("the future is already done")
        self._done, self._result, self._exception = True, value, exception
        callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback(self)

    def __await__(self) -> Generator[Any, Any, Any]:
        """Wait, through the task driving the awaiting coroutine, until done; give the result."""
        # A finished future costs no trip through the loop. Otherwise hand ourselves up to the
        # task driving this coroutine; it resumes us once we are done.
        if not self._done:
            yield self
        return self.result()


class Task(Future):
    """Drives a coroutine on a loop: ``send`` to resume it, ``throw`` to raise inside it."""

    def __init__(self, coro: Coroutine[Any, Any, Any], loop: Loop) -> None:
        super().__init__()
        self._coro = coro
        self._loop = loop
        self._waiting_on: Future | None = None
        self._must_cancel = False
        loop.call_soon(self._step, None, None)

    def cancel(self) -> bool:
        """Ask the task to stop: CancelledError is raised at its current ``await``.

        Returns False when the task has already finished. The coroutine may catch the error.
        """
        if self._done:
            return False
        self._must_cancel = True
        if self._waiting_on is not None:
            # Stop waiting; _wakeup ignores a future we no longer wait on.
            self._waiting_on = None
            self._loop.call_soon(self._step, None, None)
        return True

    def _step(self, value: Any, error: BaseException | None) -> None:
        global _running_loop
        if self._done:
            return
        if self._must_cancel:
            self._must_cancel = False
            error = CancelledError()
        previous, _running_loop = _running_loop, self._loop
        try:
            yielded = self._coro.send(value) if error is None else self._coro.throw(error)
        except StopIteration as stop:
            self._finish(stop.value, None)
            return
        except BaseException as exception:  # CancelledError too: the task ends cancelled
            self._finish(None, exception)
            return
        finally:
            _running_loop = previous
        if isinstance(yielded, Future) and yielded is not self:
            self._waiting_on = yielded
            yielded.add_done_callback(self._wakeup)
        else:
            # asyncio's futures, a bare `yield`, anything else: this loop cannot wait for it.
            problem = RuntimeError(
                f"this loop can only await miniloop Futures and coroutines, not {yielded!r}; "
                "asyncio's awaitables need asyncio's own loop"
            )
            self._loop.call_soon(self._step, None, None)
            del problem

    def _wakeup(self, future: Future) -> None:
        if future is not self._waiting_on:  # we were cancelled while waiting on it
            return
        self._waiting_on = None
        # Resume on a later turn of the loop, never in the middle of whoever finished `future`.
        if future._exception is not None:
            self._loop.call_soon(self._step, None, future._exception)
        else:
            self._loop.call_soon(self._step, future._result, None)


class Loop:
    """Runs callbacks and tasks; time is virtual and jumps to the next timer when idle."""

    def __init__(self) -> None:
        self._now = 0.0
        self._ready: deque[Handle] = deque()
        self._timers: list[tuple[float, int, Handle]] = []
        self._order = itertools.count()  # breaks ties between timers with the same deadline

    def time(self) -> float:
        """The loop's virtual clock, in seconds; it starts at 0.0."""
        return self._now

    def call_soon(self, callback: Callable[..., Any], *args: Any) -> Handle:
        """Run ``callback(*args)`` on the next turn, after callbacks scheduled before it."""
        handle = Handle(callback, args)
        self._ready.append(handle)
        return handle

    def call_later(self, delay: float, callback: Callable[..., Any], *args: Any) -> Handle:
        """Run ``callback(*args)`` once the clock reaches ``time() + delay``."""
        handle = Handle(callback, args)
        heapq.heappush(self._timers, (self._now + max(delay, 0), next(self._order), handle))
        return handle

    def create_task(self, coro: Coroutine[Any, Any, Any]) -> Task:
        """Wrap ``coro`` in a Task whose first step runs soon."""
        return Task(coro, self)

    def run_until_complete(self, coro: Coroutine[Any, Any, Any]) -> Any:
        """Run ``coro`` as a task until it is done; return its result or raise its exception.

        Raises RuntimeError if it waits for something that can never happen (nothing ready, no
        timers left).
        """
        task = self.create_task(coro)
        while not task.done():
            if not self._ready:
                if not self._timers:
                    raise RuntimeError(
                        "nothing is ready and no timer is set: it would wait forever"
                    )
                # Nothing to do now: instead of sleeping, jump the clock to the next timer.
                self._now = max(self._now, self._timers[0][0])
            while self._timers and self._timers[0][0] <= self._now:
                self._ready.append(heapq.heappop(self._timers)[2])
            # Run only what is ready now; callbacks scheduled meanwhile wait for the next turn.
            for _ in range(len(self._ready)):
                self._ready.popleft()._run()
        return task.result()


def _current_loop() -> Loop:
    if _running_loop is None:
        raise RuntimeError("miniloop.sleep() and gather() work only inside a miniloop Loop")
    return _running_loop


async def sleep(delay: float) -> None:
    """Wait ``delay`` seconds of the loop's virtual time."""
    future = Future()
    handle = _current_loop().call_later(delay, future.set_result, None)
    try:
        await future
    finally:
        handle.cancel()  # when cancelled, the timer must not fire for nobody


async def gather(*aws: Awaitable[Any]) -> list[Any]:
    """Run the awaitables concurrently; return their results in argument order.

    Coroutines are wrapped in tasks. The first exception, in time, propagates at once.
    """
    loop = _current_loop()
    children = [aw if isinstance(aw, Future) else loop.create_task(aw) for aw in aws]  # type: ignore[arg-type]
    outer = Future()
    results: list[Any] = [None] * len(children)
    pending = len(children)

    def child_done(index: int, child: Future) -> None:
        nonlocal pending
        if outer.done():
            return
        if child._exception is not None:
            outer.set_exception(child._exception)
            return
        results[index] = child._result
        pending -= 1
        if pending == 0:
            outer.set_result(results)

    if not children:
        return []
    for index, child in enumerate(children):
        child.add_done_callback(lambda child, index=index: child_done(index, child))
    return await outer
