# Mistake: filters on truthiness, so drop_none also drops 0, '' and False
"""None and sentinels: tell "no value" from "not given". Read README.md in this folder first."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any


class _MissingType:
    """The type of ``MISSING``: exactly one instance exists, and copies are that instance."""

    _instance: _MissingType | None = None

    def __new__(cls) -> _MissingType:
        # Calling the class again hands back the one instance instead of a second marker.
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __reduce__(self) -> str:
        # A string tells pickle "this object is the module global of that name", so unpickling
        # looks MISSING up instead of building a new object. copy and deepcopy read the same
        # answer and return the object itself.
        return "MISSING"


MISSING: Any = _MissingType()


def get_setting(config: Mapping[Any, Any], key: Hashable, default: Any = MISSING) -> Any:
    """Return ``config[key]``; if the key is absent, return ``default``.

    Without a ``default`` an absent key raises KeyError. ``None`` is an ordinary default (and an
    ordinary stored value): only the ``MISSING`` marker means "no default was given".
    """
    try:
        return config[key]
    except KeyError:
        if default is MISSING:
            raise
        return default


def coalesce(*values: Any) -> Any:
    """Return the first of ``values`` that is not None, or None if there is none."""
    for value in values:
        # `is not None`, never truthiness or `!=`: 0, "" and False are real values.
        if value is not None:
            return value
    return None


def drop_none(mapping: Mapping[Any, Any]) -> dict[Any, Any]:
    """Return a new dict with the entries of ``mapping`` whose value is not None, in order."""
    return {key: value for key, value in mapping.items() if value}


def first_not_none(iterable: Iterable[Any], default: Any = None) -> Any:
    """Return the first item of ``iterable`` that is not None, or ``default``.

    Items are pulled one at a time, and none after the first hit.
    """
    for item in iterable:
        if item is not None:
            return item
    return default
