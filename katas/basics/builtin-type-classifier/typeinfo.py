"""Sort any value into the built-in type families, and contrast type() with isinstance().

Read README.md in this folder first.
"""

from __future__ import annotations

from typing import Any


def category(value: Any) -> str:
    """Name the family ``value`` belongs to.

    One of ``"none"``, ``"bool"``, ``"numeric"``, ``"text"``, ``"binary"``, ``"sequence"``,
    ``"set"``, ``"mapping"`` or ``"other"``. Families are recognised with ``isinstance`` against
    the ``numbers`` and ``collections.abc`` abstract base classes, so subclasses and registered
    virtual subclasses land in the right family.
    """
    raise NotImplementedError("write category()")


def traits(value: Any) -> dict[str, bool]:
    """Describe ``value`` with three booleans: ``mutable``, ``hashable`` and ``ordered``.

    ``hashable`` says whether ``hash(value)`` succeeds. ``mutable`` says whether the value can be
    changed in place (anything in the ``"other"`` family is assumed to be). ``ordered`` says
    whether iterating gives a defined order: true for text, binary, sequences and mappings.
    """
    raise NotImplementedError("write traits()")


def same_type(value: Any, cls: type) -> bool:
    """True when ``value``'s type is exactly ``cls``; subclasses do not count."""
    raise NotImplementedError("write same_type()")


def kind_of(value: Any, cls: type | tuple[type, ...]) -> bool:
    """True when ``value`` is an instance of ``cls`` or of a subclass (real or registered)."""
    raise NotImplementedError("write kind_of()")
