"""Floor, truncating and ceiling division with integers only. Read README.md first."""

from __future__ import annotations


def _check_ints(**named: object) -> None:
    # bool is a subclass of int, so True would slip through a plain isinstance test.
    for name, value in named.items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")


def floor_divmod(a: int, b: int) -> tuple[int, int]:
    """Return ``(q, r)`` with ``q`` rounded toward minus infinity, exactly like ``divmod(a, b)``.

    ``q * b + r == a``, and ``r`` is 0 or has the sign of ``b``.
    """
    _check_ints(a=a, b=b)
    # Python's // and % already floor; they raise ZeroDivisionError for b == 0.
    return a // b, a % b


def trunc_divmod(a: int, b: int) -> tuple[int, int]:
    """Return ``(q, r)`` with ``q`` rounded toward zero, as C and Java do.

    ``q * b + r == a``, and ``r`` is 0 or has the sign of ``a``.
    """
    _check_ints(a=a, b=b)
    # Divide the magnitudes (where flooring and truncating agree), then put the sign back.
    q = abs(a) // abs(b)
    if (a < 0) != (b < 0):
        q = -q
    return q, a - q * b


def ceil_div(a: int, b: int) -> int:
    """Return ``a / b`` rounded toward plus infinity, exactly, however large the numbers."""
    _check_ints(a=a, b=b)
    # ceil(x) == -floor(-x); staying with // keeps it exact where a float would round.
    return -(-a // b)


def split_evenly(total: int, parts: int) -> list[int]:
    """Split ``total`` into ``parts`` whole numbers that differ by at most one.

    The first ``total % parts`` buckets get one extra. ``total`` must be at least 0 and
    ``parts`` at least 1 (ValueError otherwise).
    """
    _check_ints(total=total, parts=parts)
    if parts <= 0:
        raise ValueError(f"parts must be at least 1, got {parts}")
    if total < 0:
        raise ValueError(f"total must not be negative, got {total}")
    size, extra = divmod(total, parts)
    return [size + 1] * extra + [size] * (parts - extra)
