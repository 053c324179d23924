"""Conditional expressions: `a if condition else b`. Read README.md in this folder first."""

from __future__ import annotations

from typing import Any


def sign(x: float) -> int:
    """Return -1, 0 or 1 by the sign of ``x``; NaN, which is neither, gives 0."""
    raise NotImplementedError("write sign()")


def plural(n: int, word: str, plural_form: str | None = None) -> str:
    """Return ``word`` when ``n`` is exactly 1, otherwise its plural.

    The plural is ``plural_form`` when one is given, else ``word + "s"``.
    """
    raise NotImplementedError("write plural()")


def fizzbuzz(n: int) -> str | int:
    """Return "FizzBuzz", "Fizz", "Buzz" or ``n`` itself, by divisibility by 3 and 5."""
    raise NotImplementedError("write fizzbuzz()")


def safe_ratio(a: float, b: float, default: Any = 0.0) -> Any:
    """Return ``a / b``, or ``default`` when ``b`` is zero."""
    raise NotImplementedError("write safe_ratio()")


def clamp(x: Any, lo: Any, hi: Any) -> Any:
    """Return ``x`` limited to the range ``lo``..``hi`` (``lo <= hi``)."""
    raise NotImplementedError("write clamp()")


def pick(cond: object, a: Any, b: Any) -> Any:
    """Return ``a`` if ``cond`` is true, else ``b``, even when ``a`` itself is false."""
    raise NotImplementedError("write pick()")
