# Mistake: tests case int() before case bool(), so True is reported as an int
"""A toy robot's messages, dispatched with structural pattern matching. Read README.md first."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Point:
    """A position on the grid. As a dataclass it gets ``__match_args__ == ("x", "y")``."""

    x: int
    y: int


def dispatch(msg: object) -> str:
    """Answer one message: a command string, a list or tuple, a dict, or a Point."""
    match msg:
        case "stop":  # a literal pattern: compared with ==
            return "stopping"
        case "halt" | "pause":  # an OR pattern: the first alternative that matches wins
            return "pausing"
        # Sequence patterns match lists and tuples (any Sequence) but never str or bytes.
        case ["move", dx, dy]:
            return f"moving by {dx}, {dy}"
        case ["say", *words]:  # the star captures the rest as a list, possibly empty
            return f"saying {' '.join(words)!r}"
        # Mapping patterns check only the keys they name: extra keys are allowed.
        case {"op": "rotate", "deg": int(degrees)}:
            return f"rotating {degrees} degrees"
        # Class patterns: positional ones go through Point.__match_args__.
        case Point(0, 0):
            return "at origin"
        case Point(x, y) if x == y:  # the guard runs only once the pattern has matched
            return f"diagonal at {x}"
        case Point(x=0, y=y):
            return f"on y axis at {y}"
        case Point(x=x, y=0):
            return f"on x axis at {x}"
        case Point(x, y):
            return f"point at ({x}, {y})"
        case _:
            return f"unknown message {msg!r}"


def kind(value: object) -> str:
    """Name the kind of ``value``: "bool", "int", "str", "list", "dict" or "other"."""
    match value:
        # bool before int: True is an instance of int, and the first matching case wins.
        case int():
            return "int"
        case bool():
            return "bool"
        case str():
            return "str"
        case list():
            return "list"
        case dict():
            return "dict"
        case _:
            return "other"
