# Mistake: searches the text for 'assert (', which also flags plain parentheses
"""Assertions for programmer errors, exceptions for bad input. Read README.md first."""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable
from typing import Any

MAX_AGE = 150


def validate_age(age: object) -> int:
    """Return ``age`` if it is an int from 0 to 150; raise TypeError or ValueError otherwise.

    This guards input from outside the program, so it uses ``raise``, never ``assert``: the
    check must hold when Python runs with ``-O``.
    """
    # bool is a subclass of int, but True is not an age.
    if type(age) is bool or not isinstance(age, int):
        raise TypeError(f"age must be an int, got {type(age).__name__}")
    if not 0 <= age <= MAX_AGE:
        raise ValueError(f"age must be between 0 and {MAX_AGE}, got {age}")
    return age


def contract(
    pre: Callable[..., Any] | None = None,
    post: Callable[[Any], Any] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Check a precondition and a postcondition while ``__debug__`` is true.

    ``pre`` receives the call's arguments, ``post`` the result; a false answer raises
    AssertionError naming the function. Under ``python -O`` the decorator returns the function
    itself: no wrapper, and the predicates are never called.
    """

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        # Decide once, when decorating. A wrapper that tested __debug__ on every call would still
        # replace the function and cost a call layer under -O.
        if not __debug__:
            return function
        name = function.__qualname__

        @functools.wraps(function)
        def checked(*args: Any, **kwargs: Any) -> Any:
            if pre is not None and not pre(*args, **kwargs):
                raise AssertionError(f"precondition of {name} failed for {args!r}, {kwargs!r}")
            result = function(*args, **kwargs)
            if post is not None and not post(result):
                raise AssertionError(f"postcondition of {name} failed for result {result!r}")
            return result

        return checked

    return decorate


def find_tuple_asserts(source: str) -> list[int]:
    """Return the sorted line numbers of ``assert (condition, "message")`` statements.

    Such an assert tests a non-empty tuple, which is always true, so it can never fail.
    The source is parsed, never run; a SyntaxError in it propagates.
    """
    # ast.parse only parses: the "assertion is always true" SyntaxWarning comes from the
    # compiler, so reading the code this way stays quiet.
    ast.parse(source)
    return [
        number
        for number, line in enumerate(source.splitlines(), start=1)
        if line.lstrip().startswith("assert (") and not line.lstrip().startswith("assert ()")
    ]
