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
    raise NotImplementedError("write dispatch()")


def kind(value: object) -> str:
    """Name the kind of ``value``: "bool", "int", "str", "list", "dict" or "other"."""
    raise NotImplementedError("write kind()")
