# Mistake: wraps contextlib.contextmanager instead of writing it
"""contextlib.contextmanager, rebuilt from scratch. Read README.md in this folder first."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, MutableMapping
from types import TracebackType
from typing import Any

_MISSING = object()  # "the key was not there": None could be a real value


def contextmanager(genfunc: Callable[..., Iterator[Any]]) -> Callable[..., Any]:
    """Turn a generator function with a single ``yield`` into a context manager factory.

    ``genfunc(*args, **kwargs)`` runs up to its ``yield`` on entry (the yielded value is what
    ``as`` binds) and resumes after it on exit; an exception from the block is thrown in at the
    ``yield``. What the factory returns also works as a decorator, with a fresh generator for
    every call of the decorated function.
    """

    return contextlib.contextmanager(genfunc)


class _GeneratorContextManager:
    """Drives one generator through exactly one ``yield``."""

    def __init__(self, genfunc: Callable[..., Iterator[Any]], args: tuple, kwargs: dict) -> None:
        # Kept so that a decorator use can make a fresh generator for every call.
        self._genfunc, self._args, self._kwargs = genfunc, args, kwargs
        self._gen = genfunc(*args, **kwargs)

    def __call__(self, func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def inner(*args: Any, **kwargs: Any) -> Any:
            # A generator runs once, so every call needs a manager of its own.
            with _GeneratorContextManager(self._genfunc, self._args, self._kwargs):
                return func(*args, **kwargs)

        return inner

    def __enter__(self) -> Any:
        try:
            return next(self._gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        if exc_type is None:
            try:
                next(self._gen)
            except StopIteration:
                return False  # finished after its single yield: the normal case
            self._gen.close()  # run its finally blocks before complaining
            raise RuntimeError("generator didn't stop")
        if exc is None:
            exc = exc_type()  # an exception class without an instance: make one
        try:
            self._gen.throw(exc)
        except StopIteration as stop:
            # The generator caught the exception and finished: it is handled, suppress it.
            # (A StopIteration from the block cannot come back as itself: see below.)
            return stop is not exc
        except RuntimeError as error:
            if error is exc:
                return False
            # PEP 479: a StopIteration that escapes a generator becomes a RuntimeError whose
            # __cause__ is the original. That is the block's own StopIteration coming back, not
            # the generator finishing and not a new error, so the original must propagate.
            if isinstance(exc, StopIteration) and error.__cause__ is exc:
                return False
            raise
        except BaseException as error:
            if error is exc:
                # Returning False lets the with statement re-raise the very same object, with
                # the traceback from the block.
                return False
            raise  # a different exception from the cleanup; exc is its __context__
        self._gen.close()
        raise RuntimeError("generator didn't stop after throw()")


def temp_env(environ: MutableMapping[str, Any], **values: Any) -> Any:
    """Set ``values`` in ``environ`` for a with block, then put back exactly what was there.

    Keys that existed get their old values back; keys that did not exist are removed. Only
    these keys are touched, and they are restored however the block ends. ``as`` binds
    ``environ``. Built with this module's ``contextmanager``.
    """
    return _temp_env(environ, values)


@contextmanager
def _temp_env(environ: MutableMapping[str, Any], values: dict[str, Any]) -> Iterator[Any]:
    saved = {key: environ.get(key, _MISSING) for key in values}
    try:
        environ.update(values)  # inside the try: a half-done update is undone too
        yield environ
    finally:
        # finally, not except: the values must come back whatever ended the block.
        for key, old in saved.items():
            if old is _MISSING:
                environ.pop(key, None)  # the block may have deleted it already
            else:
                environ[key] = old
