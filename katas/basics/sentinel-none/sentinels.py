"""None and sentinels: tell "no value" from "not given". Read README.md in this folder first."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any


class _MissingType:
    """The type of ``MISSING``; you may replace this class entirely.

    Make sure only one instance can ever exist, even through ``copy.copy``, ``copy.deepcopy``
    and ``pickle``.
    """

    def __repr__(self) -> str:
        raise NotImplementedError("write _MissingType.__repr__()")


MISSING: Any = _MissingType()


def get_setting(config: Mapping[Any, Any], key: Hashable, default: Any = MISSING) -> Any:
    """Return ``config[key]``; if the key is absent, return ``default``.

    Without a ``default`` an absent key raises KeyError. ``None`` is an ordinary default (and an
    ordinary stored value): only the ``MISSING`` marker means "no default was given".
    """
    raise NotImplementedError("write get_setting()")


def coalesce(*values: Any) -> Any:
    """Return the first of ``values`` that is not None, or None if there is none."""
    raise NotImplementedError("write coalesce()")


def drop_none(mapping: Mapping[Any, Any]) -> dict[Any, Any]:
    """Return a new dict with the entries of ``mapping`` whose value is not None, in order."""
    raise NotImplementedError("write drop_none()")


def first_not_none(iterable: Iterable[Any], default: Any = None) -> Any:
    """Return the first item of ``iterable`` that is not None, or ``default``.

    Items are pulled one at a time, and none after the first hit.
    """
    raise NotImplementedError("write first_not_none()")
