"""Assertions for programmer errors, exceptions for bad input. Read README.md first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MAX_AGE = 150


def validate_age(age: object) -> int:
    """Return ``age`` if it is an int from 0 to 150; raise TypeError or ValueError otherwise.

    This guards input from outside the program, so it uses ``raise``, never ``assert``: the
    check must hold when Python runs with ``-O``.
    """
    raise NotImplementedError("write validate_age()")


def contract(
    pre: Callable[..., Any] | None = None,
    post: Callable[[Any], Any] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Check a precondition and a postcondition while ``__debug__`` is true.

    ``pre`` receives the call's arguments, ``post`` the result; a false answer raises
    AssertionError naming the function. Under ``python -O`` the decorator returns the function
    itself: no wrapper, and the predicates are never called.
    """
    raise NotImplementedError("write contract()")


def find_tuple_asserts(source: str) -> list[int]:
    """Return the sorted line numbers of ``assert (condition, "message")`` statements.

    Such an assert tests a non-empty tuple, which is always true, so it can never fail.
    The source is parsed, never run; a SyntaxError in it propagates.
    """
    raise NotImplementedError("write find_tuple_asserts()")
