"""Flask-style application and request contexts on contextvars. Read README.md first."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any


class LocalProxy:
    """Stands for whatever ``lookup()`` returns at the moment of each attribute access.

    Reading, setting and deleting attributes are forwarded to that object.
    ``_get_current_object()`` returns the object itself (to pass it on, or compare it with `is`).
    """

    def __init__(self, lookup: Callable[[], Any]) -> None:
        """A proxy that calls ``lookup()`` on every access to find the current object."""
        raise NotImplementedError("write LocalProxy.__init__")

    def _get_current_object(self) -> Any:
        """The object this proxy stands for right now (RuntimeError if there is none)."""
        raise NotImplementedError("write LocalProxy._get_current_object")

    def __getattr__(self, name: str) -> Any:
        """Read ``name`` from the current object (called only for names the proxy lacks)."""
        raise NotImplementedError("write LocalProxy.__getattr__")

    def __setattr__(self, name: str, value: Any) -> None:
        """Set ``name`` on the current object, never on the proxy."""
        raise NotImplementedError("write LocalProxy.__setattr__")

    def __delattr__(self, name: str) -> None:
        """Delete ``name`` from the current object."""
        raise NotImplementedError("write LocalProxy.__delattr__")


class AppContext:
    """Makes ``app`` the current application, with a fresh ``g``, while it is pushed."""

    def __init__(self, app: Any) -> None:
        """A context for ``app``; its ``g`` is an empty namespace, created here."""
        raise NotImplementedError("write AppContext.__init__")

    def push(self) -> None:
        """Make this context current (the current request, if any, stays current)."""
        raise NotImplementedError("write AppContext.push")

    def pop(self) -> None:
        """Undo the last push; RuntimeError if this context is not the one on top."""
        raise NotImplementedError("write AppContext.pop")

    def __enter__(self) -> AppContext:
        """Push, and return this context."""
        raise NotImplementedError("write AppContext.__enter__")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Pop; an exception from the block passes through."""
        raise NotImplementedError("write AppContext.__exit__")


class RequestContext:
    """Makes ``request`` the current request while it is pushed.

    If no app context for ``app`` is current, pushing also pushes a new ``AppContext(app)``,
    and popping pops it again.
    """

    def __init__(self, app: Any, request: Any) -> None:
        """A context for ``request``, handled by ``app``."""
        raise NotImplementedError("write RequestContext.__init__")

    def push(self) -> None:
        """Make this request current, with an app context for its app."""
        raise NotImplementedError("write RequestContext.push")

    def pop(self) -> None:
        """Undo the last push; RuntimeError if this context is not the one on top."""
        raise NotImplementedError("write RequestContext.pop")

    def __enter__(self) -> RequestContext:
        """Push, and return this context."""
        raise NotImplementedError("write RequestContext.__enter__")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Pop; an exception from the block passes through."""
        raise NotImplementedError("write RequestContext.__exit__")


# The three proxies, for the current app, the current request and the current app context's g.
# Create them here once LocalProxy works, each with a lookup function of yours, for example
#     request: LocalProxy = LocalProxy(_find_request)
current_app: LocalProxy
request: LocalProxy
g: LocalProxy
