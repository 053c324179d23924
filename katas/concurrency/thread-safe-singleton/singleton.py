"""Thread-safe singleton: one instance per class, however many threads ask. Read README.md first."""

from __future__ import annotations

from typing import Any, TypeVar

_T = TypeVar("_T")


class SingletonMeta(type):
    """A metaclass that gives every class built with it exactly one instance.

    ``cls()`` builds the instance on the first call, running ``__init__`` exactly once, and returns
    that same object on every later call, whatever the arguments. Many threads may call at once:
    double-checked locking with one lock per class lets exactly one of them construct. Each
    subclass gets its own instance. If the first construction raises, nothing is cached and the
    next call tries again. ``SingletonMeta.reset(cls)`` forgets the instance (for tests).
    """

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        """Return the class's one instance, constructing it on the first call."""
        raise NotImplementedError("write SingletonMeta.__call__")

    def reset(cls) -> None:
        """Forget the class's instance, so the next call constructs a fresh one (for tests).

        Call it as ``SingletonMeta.reset(SomeClass)``. Only that class is reset, not its
        subclasses or bases. Resetting a class that was never constructed does nothing.
        """
        raise NotImplementedError("write SingletonMeta.reset")


def singleton(cls: type[_T]) -> type[_T]:
    """Class decorator: make ``cls`` a singleton with the same guarantees as ``SingletonMeta``.

    The result is still a real class with the same name, qualified name, module and docstring:
    ``isinstance(obj, Decorated)`` works and ``Decorated`` can be subclassed. Each subclass is a
    singleton of its own. A class that already has a metaclass other than ``type`` or
    ``SingletonMeta`` cannot be decorated (Python reports a metaclass conflict).
    """
    raise NotImplementedError("write singleton()")
