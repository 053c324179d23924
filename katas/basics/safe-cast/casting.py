"""Strict type conversion: convert only when nothing is lost. Read README.md first."""

from __future__ import annotations

from typing import Any


class ConversionError(ValueError):
    """``value`` cannot be converted to ``target`` without losing information or guessing."""

    def __init__(self, value: object, target: type, reason: str = "") -> None:
        raise NotImplementedError("write ConversionError.__init__")


def convert(value: Any, target: type) -> Any:
    """Convert ``value`` to ``target`` (int, float, bool, str, list, tuple or set), strictly.

    Raises ConversionError (a ValueError) when the conversion would lose information or rely on
    truthiness, and TypeError when ``target`` is not one of the supported types.
    """
    raise NotImplementedError("write convert()")
