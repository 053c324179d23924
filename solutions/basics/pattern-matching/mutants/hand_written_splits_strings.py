# Mistake: an if/elif chain instead of match, which also splits command strings into words
"""A toy robot's messages, dispatched with structural pattern matching. Read README.md first."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass
class Point:
    """A position on the grid. As a dataclass it gets ``__match_args__ == ("x", "y")``."""

    x: int
    y: int


def dispatch(msg: object) -> str:
    """Answer one message: a command string, a list or tuple, a dict, or a Point."""
    if isinstance(msg, str) and " " in msg:
        msg = msg.split()  # "helpfully" accept "move 1 2" as a command too
    if msg == "stop":
        return "stopping"
    if msg in ("halt", "pause"):
        return "pausing"
    if isinstance(msg, (list, tuple)) and len(msg) == 3 and msg[0] == "move":
        return f"moving by {msg[1]}, {msg[2]}"
    if isinstance(msg, (list, tuple)) and len(msg) >= 1 and msg[0] == "say":
        return f"saying {' '.join(msg[1:])!r}"
    if isinstance(msg, Mapping) and msg.get("op") == "rotate" and isinstance(msg.get("deg"), int):
        return f"rotating {msg['deg']} degrees"
    if isinstance(msg, Point):
        x, y = msg.x, msg.y
        if x == 0 and y == 0:
            return "at origin"
        if x == y:
            return f"diagonal at {x}"
        if x == 0:
            return f"on y axis at {y}"
        if y == 0:
            return f"on x axis at {x}"
        return f"point at ({x}, {y})"
    return f"unknown message {msg!r}"


def kind(value: object) -> str:
    """Name the kind of ``value``: "bool", "int", "str", "list", "dict" or "other"."""
    match value:
        # bool before int: True is an instance of int, and the first matching case wins.
        case bool():
            return "bool"
        case int():
            return "int"
        case str():
            return "str"
        case list():
            return "list"
        case dict():
            return "dict"
        case _:
            return "other"
