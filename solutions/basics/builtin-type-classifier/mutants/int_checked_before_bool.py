# Mistake: tests for numbers before bool, so True is filed as numeric
"""Sort any value into the built-in type families, and contrast type() with isinstance().

Read README.md in this folder first.
"""

from __future__ import annotations

import numbers
from collections.abc import (
    Mapping,
    MutableMapping,
    MutableSequence,
    MutableSet,
    Sequence,
    Set,
)
from typing import Any

# The buckets whose values keep a defined iteration order.
_ORDERED = frozenset({"text", "binary", "sequence", "mapping"})


def category(value: Any) -> str:
    """Name the family ``value`` belongs to.

    One of ``"none"``, ``"bool"``, ``"numeric"``, ``"text"``, ``"binary"``, ``"sequence"``,
    ``"set"``, ``"mapping"`` or ``"other"``. Families are recognised with ``isinstance`` against
    the ``numbers`` and ``collections.abc`` abstract base classes, so subclasses and registered
    virtual subclasses land in the right family.
    """
    if value is None:
        return "none"
    # bool is a subclass of int, so it must be picked out before the numbers.
    if isinstance(value, numbers.Number):
        return "numeric"
    if isinstance(value, bool):
        return "bool"
    # str and the binary types are Sequences too: give them their own families first.
    if isinstance(value, str):
        return "text"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "binary"
    if isinstance(value, Mapping):
        return "mapping"
    if isinstance(value, Set):
        return "set"
    if isinstance(value, Sequence):
        return "sequence"
    return "other"


def traits(value: Any) -> dict[str, bool]:
    """Describe ``value`` with three booleans: ``mutable``, ``hashable`` and ``ordered``.

    ``hashable`` says whether ``hash(value)`` succeeds. ``mutable`` says whether the value can be
    changed in place (anything in the ``"other"`` family is assumed to be). ``ordered`` says
    whether iterating gives a defined order: true for text, binary, sequences and mappings.
    """
    kind = category(value)
    return {
        "mutable": _is_mutable(value, kind),
        "hashable": _is_hashable(value),
        "ordered": kind in _ORDERED,
    }


def _is_hashable(value: Any) -> bool:
    # Asking the type (isinstance(value, Hashable)) is not enough: a tuple has __hash__, but
    # hashing it hashes its items, and a list inside makes it fail.
    try:
        hash(value)
    except (TypeError, ValueError):  # a writable memoryview raises ValueError
        return False
    return True


def _is_mutable(value: Any, kind: str) -> bool:
    if kind in ("none", "bool", "numeric", "text"):
        return False
    if kind == "binary":
        if isinstance(value, memoryview):
            return not value.readonly
        return isinstance(value, bytearray)
    if kind == "sequence":
        return isinstance(value, MutableSequence)
    if kind == "set":
        return isinstance(value, MutableSet)
    if kind == "mapping":
        return isinstance(value, MutableMapping)
    # Unknown objects: assume they can change, as instances of ordinary classes can.
    return True


def same_type(value: Any, cls: type) -> bool:
    """True when ``value``'s type is exactly ``cls``; subclasses do not count."""
    return type(value) is cls


def kind_of(value: Any, cls: type | tuple[type, ...]) -> bool:
    """True when ``value`` is an instance of ``cls`` or of a subclass (real or registered)."""
    return isinstance(value, cls)
