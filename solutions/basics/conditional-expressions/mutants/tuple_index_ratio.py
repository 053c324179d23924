# Mistake: picks from a tuple, (a / b, default)[b == 0], which evaluates both branches
"""Conditional expressions: `a if condition else b`. Read README.md in this folder first."""

from __future__ import annotations

from typing import Any


def sign(x: float) -> int:
    """Return -1, 0 or 1 by the sign of ``x``; NaN, which is neither, gives 0."""
    # Every comparison with NaN is false, so NaN falls through to the final 0.
    return 1 if x > 0 else -1 if x < 0 else 0


def plural(n: int, word: str, plural_form: str | None = None) -> str:
    """Return ``word`` when ``n`` is exactly 1, otherwise its plural.

    The plural is ``plural_form`` when one is given, else ``word + "s"``.
    """
    # `is None`, not truthiness: an empty plural_form is still a plural form that was given.
    return word if n == 1 else word + "s" if plural_form is None else plural_form


def fizzbuzz(n: int) -> str | int:
    """Return "FizzBuzz", "Fizz", "Buzz" or ``n`` itself, by divisibility by 3 and 5."""
    # The most specific case must be tested first: a chain stops at the first true condition.
    return "FizzBuzz" if n % 15 == 0 else "Fizz" if n % 3 == 0 else "Buzz" if n % 5 == 0 else n


def safe_ratio(a: float, b: float, default: Any = 0.0) -> Any:
    """Return ``a / b``, or ``default`` when ``b`` is zero."""
    # Only the chosen branch is evaluated, so a / b never runs when b == 0.
    return (a / b, default)[b == 0]


def clamp(x: Any, lo: Any, hi: Any) -> Any:
    """Return ``x`` limited to the range ``lo``..``hi`` (``lo <= hi``)."""
    return lo if x < lo else hi if x > hi else x


def pick(cond: object, a: Any, b: Any) -> Any:
    """Return ``a`` if ``cond`` is true, else ``b``, even when ``a`` itself is false."""
    return a if cond else b
