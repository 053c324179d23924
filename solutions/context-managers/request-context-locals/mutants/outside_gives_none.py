# Mistake: returns None when no context is active instead of raising RuntimeError, so `request.path` outside a request fails with a puzzling AttributeError
"""Flask-style application and request contexts, kept in a ContextVar."""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from types import SimpleNamespace, TracebackType
from typing import Any, NamedTuple


class _Top(NamedTuple):
    """What is current: the innermost app context and request context (None if there is none)."""

    app_ctx: AppContext | None
    request_ctx: RequestContext | None


# One variable holds the whole "top of the stack". Every push sets a new _Top and keeps the token
# it got back; every pop resets with that token. A ContextVar gives each thread and each asyncio
# task its own value: a task starts with a copy of its creator's context, so it sees the request
# it was created in, and what it pushes later stays its own.
_NOTHING = _Top(None, None)  # a tuple: immutable, so it is safe as the default
_top: contextvars.ContextVar[_Top] = contextvars.ContextVar("appctx_top", default=_NOTHING)


class LocalProxy:
    """Stands for whatever ``lookup()`` returns at the moment of each attribute access.

    Reading, setting and deleting attributes are forwarded to that object.
    ``_get_current_object()`` returns the object itself (to pass it on, or compare it with `is`).
    """

    __slots__ = ("_lookup",)

    def __init__(self, lookup: Callable[[], Any]) -> None:
        """A proxy that calls ``lookup()`` on every access to find the current object."""
        # Not `self._lookup = lookup`: that would go through our own __setattr__ and be forwarded.
        object.__setattr__(self, "_lookup", lookup)

    def _get_current_object(self) -> Any:
        """The object this proxy stands for right now (RuntimeError if there is none)."""
        return self._lookup()

    def __getattr__(self, name: str) -> Any:
        """Read ``name`` from the current object (called only for names the proxy lacks)."""
        return getattr(self._get_current_object(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        """Set ``name`` on the current object, never on the proxy."""
        setattr(self._get_current_object(), name, value)

    def __delattr__(self, name: str) -> None:
        """Delete ``name`` from the current object."""
        delattr(self._get_current_object(), name)


class AppContext:
    """Makes ``app`` the current application, with a fresh ``g``, while it is pushed."""

    def __init__(self, app: Any) -> None:
        """A context for ``app``; its ``g`` is an empty namespace, created here."""
        self.app = app
        self.g = SimpleNamespace()
        self._pushed: list[tuple[contextvars.Token[_Top], _Top]] = []

    def push(self) -> None:
        """Make this context current (the current request, if any, stays current)."""
        _push(self._pushed, _Top(self, _top.get().request_ctx))

    def pop(self) -> None:
        """Undo the last push; RuntimeError if this context is not the one on top."""
        _pop(self._pushed, "app context")

    def __enter__(self) -> AppContext:
        """Push, and return this context."""
        self.push()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Pop; an exception from the block passes through."""
        self.pop()


class RequestContext:
    """Makes ``request`` the current request while it is pushed.

    If no app context for ``app`` is current, pushing also pushes a new ``AppContext(app)``,
    and popping pops it again.
    """

    def __init__(self, app: Any, request: Any) -> None:
        """A context for ``request``, handled by ``app``."""
        self.app = app
        self.request = request
        self._pushed: list[tuple[contextvars.Token[_Top], _Top]] = []

    def push(self) -> None:
        """Make this request current, with an app context for its app."""
        app_ctx = _top.get().app_ctx
        if app_ctx is None or app_ctx.app is not self.app:
            # Implicit app context: it lives exactly as long as this push, because popping
            # restores the _Top from before it, and with it the previous app context.
            app_ctx = AppContext(self.app)
        _push(self._pushed, _Top(app_ctx, self))

    def pop(self) -> None:
        """Undo the last push; RuntimeError if this context is not the one on top."""
        _pop(self._pushed, "request context")

    def __enter__(self) -> RequestContext:
        """Push, and return this context."""
        self.push()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Pop; an exception from the block passes through."""
        self.pop()


def _push(pushed: list[tuple[contextvars.Token[_Top], _Top]], top: _Top) -> None:
    pushed.append((_top.set(top), top))


def _pop(pushed: list[tuple[contextvars.Token[_Top], _Top]], what: str) -> None:
    # ContextVar.reset() itself does not care about order: given an older token it silently
    # restores an older state. Compare with what our last push set, by identity, first.
    if not pushed or _top.get() is not pushed[-1][1]:
        raise RuntimeError(
            f"popped the wrong {what}: pop contexts in the reverse order of pushing them"
        )
    token, _ = pushed.pop()
    _top.reset(token)


def _find_app_ctx() -> AppContext:
    app_ctx = _top.get().app_ctx
    if app_ctx is None:
        raise RuntimeError("working outside of an application context: push an AppContext")
    return app_ctx


def _find_request() -> Any:
    request_ctx = _top.get().request_ctx
    if request_ctx is None:
        return None
    return request_ctx.request


current_app: LocalProxy = LocalProxy(lambda: _find_app_ctx().app)
request: LocalProxy = LocalProxy(_find_request)
g: LocalProxy = LocalProxy(lambda: _find_app_ctx().g)
