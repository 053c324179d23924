# Mistake: raises ConversionError for an unsupported target, although the caller passed a wrong type
"""Strict type conversion: convert only when nothing is lost. Read README.md first."""

from __future__ import annotations

from typing import Any

_TRUE_WORDS = frozenset({"true", "yes", "on", "1"})
_FALSE_WORDS = frozenset({"false", "no", "off", "0"})


class ConversionError(ValueError):
    """``value`` cannot be converted to ``target`` without losing information or guessing."""

    def __init__(self, value: object, target: type, reason: str = "") -> None:
        message = f"cannot convert {value!r} to {target.__name__}"
        super().__init__(f"{message}: {reason}" if reason else message)
        self.value = value
        self.target = target


def convert(value: Any, target: type) -> Any:
    """Convert ``value`` to ``target`` (int, float, bool, str, list, tuple or set), strictly.

    Raises ConversionError (a ValueError) when the conversion would lose information or rely on
    truthiness, and TypeError when ``target`` is not one of the supported types.
    """
    converter = _CONVERTERS.get(target) if isinstance(target, type) else None
    if converter is None:
        raise ConversionError(value, target, "unsupported target")
    return converter(value)


def _to_int(value: Any) -> int:
    if isinstance(value, int):  # bool included: True is exactly 1
        return int(value)
    if isinstance(value, float):
        # is_integer() is False for inf and nan, so int() below can neither overflow nor fail.
        if not value.is_integer():
            raise ConversionError(value, int, "it is not a whole number")
        return int(value)
    if isinstance(value, str):
        # int() already allows a sign, surrounding whitespace and underscores, and refuses "4.0".
        try:
            return int(value)
        except ValueError:
            raise ConversionError(value, int, "it is not an integer") from None
    raise ConversionError(value, int, f"{type(value).__name__} is not accepted")


def _to_float(value: Any) -> float:
    if isinstance(value, float):
        return value
    if isinstance(value, int):
        # Above 2**53 not every int has a float; refuse the ones that would be rounded.
        try:
            result = float(value)
        except OverflowError:
            raise ConversionError(value, float, "it is too large for a float") from None
        if int(result) != value:
            raise ConversionError(value, float, "a float cannot hold it exactly")
        return result
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            raise ConversionError(value, float, "it is not a number") from None
    raise ConversionError(value, float, f"{type(value).__name__} is not accepted")


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return value == 1
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    # Anything else would have to rely on truthiness, where every non-empty string is True.
    raise ConversionError(value, bool, "only 0, 1 and the documented words are booleans")


def _to_str(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError as error:
            # Chained explicitly, so the caller can still see which byte was wrong.
            raise ConversionError(value, str, "it is not valid UTF-8") from error
    if isinstance(value, (int, float)):  # bool included
        return str(value)
    raise ConversionError(value, str, f"{type(value).__name__} is not accepted")


def _container(kind: type) -> Any:
    def build(value: Any) -> Any:
        try:
            items = iter(value)
        except TypeError:
            raise ConversionError(value, kind, "it is not iterable") from None
        try:
            return kind(items)
        except TypeError as error:  # a set of unhashable items
            raise ConversionError(value, kind, str(error)) from error

    return build


_CONVERTERS = {
    int: _to_int,
    float: _to_float,
    bool: _to_bool,
    str: _to_str,
    list: _container(list),
    tuple: _container(tuple),
    set: _container(set),
}
