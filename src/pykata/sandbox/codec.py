"""A type-preserving codec for the plain data that crosses the sandbox boundary.

Probes run beside untrusted code and send back builtin values only; the trusted side must get back
exactly the types that were sent (``1`` is not ``True``, a tuple is not a list) and must never be
made to build anything else. A value becomes a JSON tree in which arrays, strings, numbers,
``true``, ``false`` and ``null`` keep their JSON meaning and every JSON object is a tagged wrapper
for the other types. Anything the codec does not carry travels as an ``Opaque`` description, so a
learner's object with an ``__eq__`` that always says yes can never compare equal to an expectation.

This module runs on both sides of the boundary, so it uses the standard library only.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

MAX_DEPTH = 64
MAX_ITEMS = 500_000
MAX_INT_BITS = 8192
MAX_TEXT = 4_000_000

__all__ = ["CodecError", "Opaque", "Raised", "from_tree", "to_tree"]


class CodecError(ValueError):
    """A value could not be carried across the boundary, or arrived malformed."""


@dataclass(frozen=True)
class Raised:
    """An exception raised on the far side of the boundary, described as data.

    ``hierarchy`` holds the names of the exception's class and of its bases, so a test can ask
    whether it "is a" ``ValueError`` without the exception object ever crossing.
    """

    type: str
    hierarchy: tuple[str, ...]
    message: str
    location: str = ""

    def is_a(self, name: str) -> bool:
        """Tell whether the exception's class is ``name`` or derives from it."""
        return name in self.hierarchy

    def __str__(self) -> str:
        text = f"{self.type}: {self.message}" if self.message else self.type
        return f"{text} ({self.location})" if self.location else text


@dataclass(frozen=True)
class Opaque:
    """A value the codec does not carry: its type's name and a short, safe ``repr``."""

    type: str
    repr: str

    def __repr__(self) -> str:
        if self.repr.startswith("<"):
            return self.repr
        return f"<{self.type} object: {self.repr}>"


class _Budget:
    """Counts the items of one value so a huge or self-referential value is refused early."""

    def __init__(self) -> None:
        self.items = 0

    def spend(self, count: int) -> None:
        self.items += count
        if self.items > MAX_ITEMS:
            raise CodecError(f"the value holds more than {MAX_ITEMS} items")


def to_tree(value: Any) -> Any:
    """Turn a builtin value into a JSON-ready tree (see the module docstring)."""
    return _encode(value, 0, _Budget())


def _encode(value: Any, depth: int, budget: _Budget) -> Any:
    if depth > MAX_DEPTH:
        raise CodecError(f"the value is nested deeper than {MAX_DEPTH} levels")
    budget.spend(1)
    kind = type(value)
    if value is None or kind is bool or kind is float:
        return value
    if kind is int:
        if value.bit_length() > MAX_INT_BITS:
            raise CodecError(f"an integer is larger than {MAX_INT_BITS} bits")
        return value
    if kind is str:
        if len(value) > MAX_TEXT:
            raise CodecError(f"a string is longer than {MAX_TEXT} characters")
        return value
    if kind is list:
        return [_encode(item, depth + 1, budget) for item in value]
    if kind in _CONTAINER_TAGS:
        items = [_encode(item, depth + 1, budget) for item in list(value)]
        return {"t": _CONTAINER_TAGS[kind], "v": items}
    if kind is dict:
        pairs = [
            [_encode(key, depth + 1, budget), _encode(item, depth + 1, budget)]
            for key, item in list(value.items())
        ]
        return {"t": "dict", "v": pairs}
    return _encode_special(value, kind)


def _encode_special(value: Any, kind: type) -> Any:
    if kind is bytes or kind is bytearray:
        if len(value) > MAX_TEXT:
            raise CodecError(f"a bytes value is longer than {MAX_TEXT} bytes")
        tag = "bytes" if kind is bytes else "bytearray"
        return {"t": tag, "v": base64.b64encode(value).decode("ascii")}
    if kind is complex:
        return {"t": "complex", "v": [value.real, value.imag]}
    if kind is Raised:
        return {
            "t": "raised",
            "v": [value.type, list(value.hierarchy), value.message, value.location],
        }
    if kind is Opaque:
        return {"t": "opaque", "v": [value.type, value.repr]}
    return {"t": "opaque", "v": [type_name(kind), safe_repr(value)]}


_CONTAINER_TAGS: dict[type, str] = {tuple: "tuple", set: "set", frozenset: "frozenset"}


def from_tree(tree: Any) -> Any:
    """Rebuild a value from a tree made by ``to_tree``; refuse anything else with CodecError."""
    try:
        return _decode(tree, 0, _Budget())
    except CodecError:
        raise
    except (TypeError, ValueError, KeyError, IndexError) as error:
        raise CodecError(f"malformed value: {error}") from None


def _decode(tree: Any, depth: int, budget: _Budget) -> Any:
    if depth > MAX_DEPTH:
        raise CodecError(f"the value is nested deeper than {MAX_DEPTH} levels")
    budget.spend(1)
    kind = type(tree)
    if tree is None or kind in (bool, int, float, str):
        return tree
    if kind is list:
        return [_decode(item, depth + 1, budget) for item in tree]
    if kind is not dict or set(tree) != {"t", "v"}:
        raise CodecError(f"malformed value of type {kind.__name__}")
    return _decode_tagged(tree["t"], tree["v"], depth, budget)


def _decode_tagged(tag: Any, body: Any, depth: int, budget: _Budget) -> Any:
    if tag in ("tuple", "set", "frozenset", "dict"):
        if type(body) is not list:
            raise CodecError(f"malformed {tag}")
        items = [_decode(item, depth + 1, budget) for item in body]
        if tag == "dict":
            return dict(_pair(item) for item in items)
        return {"tuple": tuple, "set": set, "frozenset": frozenset}[tag](items)
    if tag in ("bytes", "bytearray"):
        data = base64.b64decode(_text(body), validate=True)
        return data if tag == "bytes" else bytearray(data)
    if tag == "complex":
        real, imag = body
        return complex(_number(real), _number(imag))
    if tag == "raised":
        name, hierarchy, message, location = body
        return Raised(
            _text(name), tuple(_text(m) for m in hierarchy), _text(message), _text(location)
        )
    if tag == "opaque":
        name, text = body
        return Opaque(_text(name), _text(text))
    raise CodecError(f"unknown tag {tag!r}")


def _pair(item: Any) -> tuple[Any, Any]:
    if type(item) is not list or len(item) != 2:
        raise CodecError("malformed dict entry")
    return item[0], item[1]


def _text(value: Any) -> str:
    if type(value) is not str:
        raise CodecError("malformed text field")
    return value


def _number(value: Any) -> float:
    if type(value) not in (int, float):
        raise CodecError("malformed number")
    return float(value)


def type_name(kind: type) -> str:
    """Name a class for a message without trusting its metaclass."""
    try:
        name = type.__getattribute__(kind, "__qualname__")
        module = type.__getattribute__(kind, "__module__")
    except BaseException:  # a hostile metaclass must not break the description
        return "<unknown type>"
    if not isinstance(name, str):
        return "<unknown type>"
    if isinstance(module, str) and module not in ("builtins", "__main__"):
        return f"{module}.{name}"
    return name


def safe_repr(value: Any, limit: int = 200) -> str:
    """Return ``repr(value)`` cut to ``limit`` characters, or a placeholder if repr fails."""
    try:
        text = repr(value)
    except BaseException:  # learner code may raise anything from __repr__
        return f"<{type_name(type(value))} object (its repr failed)>"
    if not isinstance(text, str):
        return f"<{type_name(type(value))} object>"
    return text if len(text) <= limit else text[: limit - 3] + "..."
