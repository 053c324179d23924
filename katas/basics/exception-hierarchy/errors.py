"""Domain exceptions, translation with explicit chaining, root causes. Read README.md first."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import ContextDecorator
from typing import Any


class AppError(Exception):
    """The base of every error this application raises on purpose."""


class ValidationError(AppError):
    """A value given for ``field`` was rejected; ``message`` says why."""

    def __init__(self, field: str, message: str) -> None:
        raise NotImplementedError("write ValidationError.__init__()")

    def __str__(self) -> str:
        raise NotImplementedError("write ValidationError.__str__()")


class NotFoundError(AppError):
    """No ``kind`` exists under ``key``."""

    def __init__(self, kind: str, key: object) -> None:
        raise NotImplementedError("write NotFoundError.__init__()")

    def __str__(self) -> str:
        raise NotImplementedError("write NotFoundError.__str__()")


class OverdraftError(AppError):
    """A withdrawal of ``requested`` asked for more than the ``available`` balance."""

    def __init__(self, requested: float, available: float) -> None:
        raise NotImplementedError("write OverdraftError.__init__()")

    def __str__(self) -> str:
        raise NotImplementedError("write OverdraftError.__str__()")


def translate(mapping: Mapping[type[BaseException], Any]) -> ContextDecorator:
    """Re-raise mapped low-level exceptions as domain exceptions, chained explicitly.

    ``mapping`` maps an exception class (subclasses match, first entry wins) to a factory called
    with the caught exception, which returns the exception to raise ``from`` it. An entry whose
    value is the pair ``(factory, None)`` raises ``from None`` instead. Unmapped exceptions pass
    through untouched. Works as ``with translate(...):`` and as ``@translate(...)``.
    """
    raise NotImplementedError("write translate()")


def withdraw(balance: float, amount: float) -> float:
    """Return the balance left after taking ``amount`` out of ``balance``.

    A negative ``amount`` raises ValidationError (field ``"amount"``); more than ``balance``
    raises OverdraftError.
    """
    raise NotImplementedError("write withdraw()")


def root_cause(exc: BaseException) -> BaseException:
    """Follow the chain Python would print back to the first exception, and return it.

    Each step takes ``__cause__`` if set, otherwise ``__context__`` unless
    ``__suppress_context__`` is true. The walk stops at the end of the chain, or before it comes
    back to an exception it has already visited.
    """
    raise NotImplementedError("write root_cause()")
