"""Floor, truncating and ceiling division with integers only. Read README.md first."""

from __future__ import annotations


def floor_divmod(a: int, b: int) -> tuple[int, int]:
    """Return ``(q, r)`` with ``q`` rounded toward minus infinity, exactly like ``divmod(a, b)``.

    ``q * b + r == a``, and ``r`` is 0 or has the sign of ``b``.
    """
    raise NotImplementedError("write floor_divmod()")


def trunc_divmod(a: int, b: int) -> tuple[int, int]:
    """Return ``(q, r)`` with ``q`` rounded toward zero, as C and Java do.

    ``q * b + r == a``, and ``r`` is 0 or has the sign of ``a``.
    """
    raise NotImplementedError("write trunc_divmod()")


def ceil_div(a: int, b: int) -> int:
    """Return ``a / b`` rounded toward plus infinity, exactly, however large the numbers."""
    raise NotImplementedError("write ceil_div()")


def split_evenly(total: int, parts: int) -> list[int]:
    """Split ``total`` into ``parts`` whole numbers that differ by at most one.

    The first ``total % parts`` buckets get one extra. ``total`` must be at least 0 and
    ``parts`` at least 1 (ValueError otherwise).
    """
    raise NotImplementedError("write split_evenly()")
