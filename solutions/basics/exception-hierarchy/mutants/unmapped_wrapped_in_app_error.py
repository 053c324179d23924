# Mistake: wraps every unmapped exception in AppError instead of letting it through
"""Domain exceptions, translation with explicit chaining, root causes. Read README.md first."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import ContextDecorator
from types import TracebackType
from typing import Any


class AppError(Exception):
    """The base of every error this application raises on purpose."""


class ValidationError(AppError):
    """A value given for ``field`` was rejected; ``message`` says why."""

    def __init__(self, field: str, message: str) -> None:
        # Pass every constructor argument to Exception.__init__: it stores them in self.args,
        # and pickle and copy rebuild the exception by calling ValidationError(*self.args).
        super().__init__(field, message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"invalid {self.field}: {self.message}"


class NotFoundError(AppError):
    """No ``kind`` exists under ``key``."""

    def __init__(self, kind: str, key: object) -> None:
        super().__init__(kind, key)
        self.kind = kind
        self.key = key

    def __str__(self) -> str:
        return f"{self.kind} {self.key!r} not found"


class OverdraftError(AppError):
    """A withdrawal of ``requested`` asked for more than the ``available`` balance."""

    def __init__(self, requested: float, available: float) -> None:
        # Positional, even when the caller used keywords: self.args must hold both values.
        super().__init__(requested, available)
        self.requested = requested
        self.available = available

    def __str__(self) -> str:
        return f"cannot withdraw {self.requested}: only {self.available} available"


class _Translator(ContextDecorator):
    """The object ``translate`` returns; ContextDecorator makes it usable as a decorator too."""

    def __init__(self, mapping: Mapping[type[BaseException], Any]) -> None:
        self._mapping = dict(mapping)

    def __enter__(self) -> _Translator:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if exc is None:
            return False
        entry = next(
            # isinstance: subclasses match too, and the first match wins, as in except clauses
            (value for low_level, value in self._mapping.items() if isinstance(exc, low_level)),
            None,
        )
        if entry is None:
            raise AppError(str(exc)) from exc
        if isinstance(entry, tuple):
            factory, _ = entry  # (factory, None): the caller asked for "raise ... from None"
            raise factory(exc) from None
        raise entry(exc) from exc


def translate(mapping: Mapping[type[BaseException], Any]) -> ContextDecorator:
    """Re-raise mapped low-level exceptions as domain exceptions, chained explicitly.

    ``mapping`` maps an exception class (subclasses match, first entry wins) to a factory called
    with the caught exception, which returns the exception to raise ``from`` it. An entry whose
    value is the pair ``(factory, None)`` raises ``from None`` instead. Unmapped exceptions pass
    through untouched. Works as ``with translate(...):`` and as ``@translate(...)``.
    """
    return _Translator(mapping)


def withdraw(balance: float, amount: float) -> float:
    """Return the balance left after taking ``amount`` out of ``balance``.

    A negative ``amount`` raises ValidationError (field ``"amount"``); more than ``balance``
    raises OverdraftError.
    """
    if amount < 0:
        raise ValidationError("amount", f"must not be negative, got {amount}")
    if amount > balance:
        raise OverdraftError(requested=amount, available=balance)
    return balance - amount


def root_cause(exc: BaseException) -> BaseException:
    """Follow the chain Python would print back to the first exception, and return it.

    Each step takes ``__cause__`` if set, otherwise ``__context__`` unless
    ``__suppress_context__`` is true. The walk stops at the end of the chain, or before it comes
    back to an exception it has already visited.
    """
    seen = {id(exc)}
    while True:
        if exc.__cause__ is not None:
            following = exc.__cause__
        elif not exc.__suppress_context__:
            following = exc.__context__
        else:
            following = None
        if following is None or id(following) in seen:
            return exc
        # The chain keeps every exception alive while we walk it, so ids cannot be reused.
        seen.add(id(following))
        exc = following
