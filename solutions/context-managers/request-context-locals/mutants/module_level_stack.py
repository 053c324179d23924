# Mistake: keeps the context stack in a module-level list, shared by every thread and task
"""Flask-style application and request contexts, kept in a stack."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace, TracebackType
from typing import Any

_STACK: list[tuple[AppContext | None, RequestContext | None]] = []


def _stack() -> list[tuple[AppContext | None, RequestContext | None]]:
    return _STACK


class LocalProxy:
    """Stands for whatever ``lookup()`` returns at the moment of each attribute access.

    Reading, setting and deleting attributes are forwarded to that object.
    ``_get_current_object()`` returns the object itself (to pass it on, or compare it with `is`).
    """

    __slots__ = ("_lookup",)

    def __init__(self, lookup: Callable[[], Any]) -> None:
        """A proxy that calls ``lookup()`` on every access to find the current object."""
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


def _top() -> tuple[AppContext | None, RequestContext | None]:
    stack = _stack()
    return stack[-1] if stack else (None, None)


def _pop(entry: tuple[AppContext | None, RequestContext | None], what: str) -> None:
    stack = _stack()
    if not stack or stack[-1] is not entry:
        raise RuntimeError(f"popped the wrong {what}")
    stack.pop()


class AppContext:
    """Makes ``app`` the current application, with a fresh ``g``, while it is pushed."""

    def __init__(self, app: Any) -> None:
        """A context for ``app``; its ``g`` is an empty namespace, created here."""
        self.app = app
        self.g = SimpleNamespace()
        self._entries: list[tuple[AppContext | None, RequestContext | None]] = []

    def push(self) -> None:
        """Make this context current (the current request, if any, stays current)."""
        entry = (self, _top()[1])
        _stack().append(entry)
        self._entries.append(entry)

    def pop(self) -> None:
        """Undo the last push; RuntimeError if this context is not the one on top."""
        if not self._entries:
            raise RuntimeError("this app context was not pushed")
        _pop(self._entries[-1], "app context")
        self._entries.pop()

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
        self._entries: list[tuple[AppContext | None, RequestContext | None]] = []

    def push(self) -> None:
        """Make this request current, with an app context for its app."""
        app_ctx = _top()[0]
        if app_ctx is None or app_ctx.app is not self.app:
            app_ctx = AppContext(self.app)
        entry = (app_ctx, self)
        _stack().append(entry)
        self._entries.append(entry)

    def pop(self) -> None:
        """Undo the last push; RuntimeError if this context is not the one on top."""
        if not self._entries:
            raise RuntimeError("this request context was not pushed")
        _pop(self._entries[-1], "request context")
        self._entries.pop()

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


def _find_app_ctx() -> AppContext:
    app_ctx = _top()[0]
    if app_ctx is None:
        raise RuntimeError("working outside of an application context")
    return app_ctx


def _find_request() -> Any:
    request_ctx = _top()[1]
    if request_ctx is None:
        raise RuntimeError("working outside of a request context")
    return request_ctx.request


current_app: LocalProxy = LocalProxy(lambda: _find_app_ctx().app)
request: LocalProxy = LocalProxy(_find_request)
g: LocalProxy = LocalProxy(lambda: _find_app_ctx().g)
