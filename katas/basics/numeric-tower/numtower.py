"""Parse numbers without eval, place them in the numeric tower, and mimic mixed arithmetic.

Read README.md in this folder first.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any


def parse_number(text: str) -> int | float | complex | Fraction:
    """Parse one number written as Python would write it, plus rationals ``a/b``; never eval.

    Accepts integer literals (sign, underscores, ``0x``/``0o``/``0b``), decimal and exponent
    floats, ``inf``/``nan``, complex numbers such as ``2+3j`` or ``-1.5j``, and ``a/b`` which
    gives a ``Fraction``. Surrounding whitespace is ignored. Raises ValueError for anything else
    and ZeroDivisionError for a zero denominator.
    """
    raise NotImplementedError("write parse_number()")


def rank(x: Any) -> int:
    """Place ``x`` in the numeric tower: 0 Integral, 1 Rational, 2 Real, 3 Complex.

    Uses the ``numbers`` ABCs, so ``bool`` ranks 0. Raises TypeError for anything outside the
    tower, including ``Decimal``, which is registered only as a ``numbers.Number``.
    """
    raise NotImplementedError("write rank()")


def promote(a: Any, b: Any) -> tuple[Any, Any]:
    """Convert ``a`` and ``b`` to the type that ``a + b`` would produce, and return both.

    ints (and bools) stay ``int``; with a Fraction both become Fractions; with a float, floats;
    with a complex, complex numbers. ``Decimal`` mixes only with ints and other Decimals, and
    raises TypeError with anything else, exactly as ``Decimal("1") + 1.0`` does.
    """
    raise NotImplementedError("write promote()")
