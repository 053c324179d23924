# Mistake: caches the object from __new__ but runs __init__ on every call, like __new__ singletons
"""Thread-safe singleton: one instance per class, however many threads ask. Read README.md first."""

from __future__ import annotations

import threading
from typing import Any, TypeVar

_T = TypeVar("_T")

# Marks "no instance yet". None cannot do that job: it is a value a test could store by mistake.
_MISSING: Any = object()

# Each class keeps its state in its *own* __dict__, under this name. Reading it with vars(cls)
# rather than getattr(cls, ...) matters: getattr would find a base class's state through
# inheritance, and a subclass would share its parent's instance.
_STATE = "_singleton_state"

# Guards only the creation of the per-class states: it is held for a few microseconds and never
# while a constructor runs, so it cannot serialise or deadlock the constructors themselves.
_states_guard = threading.Lock()


class _SingletonState:
    """The lock and the instance of one singleton class."""

    __slots__ = ("instance", "lock")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.instance: Any = _MISSING


def _state_of(cls: type) -> _SingletonState:
    state = vars(cls).get(_STATE)
    if state is None:
        with _states_guard:
            # Checked again: another thread may have created the state while this one waited.
            state = vars(cls).get(_STATE)
            if state is None:
                state = _SingletonState()
                setattr(cls, _STATE, state)
    return state


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
        state = _state_of(cls)
        if state.instance is _MISSING:
            with state.lock:
                if state.instance is _MISSING:
                    state.instance = cls.__new__(cls)
        # Like type.__call__ after a __new__ that returned a cached object: __init__ runs again.
        state.instance.__init__(*args, **kwargs)
        return state.instance

    def reset(cls) -> None:
        """Forget the class's instance, so the next call constructs a fresh one (for tests).

        Call it as ``SingletonMeta.reset(SomeClass)``. Only that class is reset, not its
        subclasses or bases. Resetting a class that was never constructed does nothing.
        """
        state = vars(cls).get(_STATE)
        if state is None:
            return
        with state.lock:
            state.instance = _MISSING


def singleton(cls: type[_T]) -> type[_T]:
    """Class decorator: make ``cls`` a singleton with the same guarantees as ``SingletonMeta``.

    The result is still a real class with the same name, qualified name, module and docstring:
    ``isinstance(obj, Decorated)`` works and ``Decorated`` can be subclassed. Each subclass is a
    singleton of its own. A class that already has a metaclass other than ``type`` or
    ``SingletonMeta`` cannot be decorated (Python reports a metaclass conflict).
    """
    # A thin subclass built by SingletonMeta. Rebuilding `cls` itself from its __dict__ would
    # break zero-argument super() in its methods: their __class__ cell still names the old class.
    namespace = {
        "__module__": cls.__module__,
        "__qualname__": cls.__qualname__,
        "__doc__": cls.__doc__,
        "__slots__": (),  # add no __dict__ of our own if `cls` uses __slots__
    }
    return SingletonMeta(cls.__name__, (cls,), namespace)
