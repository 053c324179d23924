"""Parse numbers without eval, place them in the numeric tower, and mimic mixed arithmetic.

Read README.md in this folder first.
"""

from __future__ import annotations

import numbers
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

# The shapes of Python's numeric literals. Digits may be grouped with single underscores.
_DIGITS = r"[0-9](?:_?[0-9])*"
_EXPONENT = rf"[eE][+-]?{_DIGITS}"
# A float literal needs a point or an exponent: "1.5", ".5", "5.", "1e3", "1.5e-3".
_FLOAT = rf"(?:(?:{_DIGITS})?\.{_DIGITS}|{_DIGITS}\.)(?:{_EXPONENT})?|{_DIGITS}{_EXPONENT}"
_WORDS = r"inf|infinity|nan"
_SIGNED_FLOAT = re.compile(rf"[+-]?(?:{_FLOAT}|{_WORDS})", re.IGNORECASE)
_RATIONAL = re.compile(rf"(?P<num>[+-]?{_DIGITS})/(?P<den>{_DIGITS})")
# The parts of a complex number may be written as floats or as plain decimal digits.
_PART = rf"[+-]?(?:{_FLOAT}|{_DIGITS}|{_WORDS})"
_COMPLEX = re.compile(rf"(?P<real>{_PART}(?=[+-]))?(?P<imag>{_PART})[jJ]", re.IGNORECASE)
# int(text, 0) applies Python's integer-literal rules (prefixes, underscores, no "007"), but it
# also accepts digits from other scripts, so the characters are checked first.
_INTEGER_CHARACTERS = re.compile(r"[+-]?[0-9a-fA-FxXoObB_]+")

# The position of each numeric ABC in the tower, from the narrowest up.
_TOWER = (numbers.Integral, numbers.Rational, numbers.Real, numbers.Complex)
_TYPE_AT_RANK = (int, Fraction, float, complex)


def parse_number(text: str) -> int | float | complex | Fraction:
    """Parse one number written as Python would write it, plus rationals ``a/b``; never eval.

    Accepts integer literals (sign, underscores, ``0x``/``0o``/``0b``), decimal and exponent
    floats, ``inf``/``nan``, complex numbers such as ``2+3j`` or ``-1.5j``, and ``a/b`` which
    gives a ``Fraction``. Surrounding whitespace is ignored. Raises ValueError for anything else
    and ZeroDivisionError for a zero denominator.
    """
    text = text.strip()
    if _INTEGER_CHARACTERS.fullmatch(text):
        try:
            return int(text, 0)
        except ValueError:
            pass  # not an integer literal; "1e5" is made of the same characters, for example
    if _SIGNED_FLOAT.fullmatch(text):
        return float(text)
    match = _RATIONAL.fullmatch(text)
    if match:
        # Fraction raises ZeroDivisionError for a zero denominator, as 1/0 would.
        return Fraction(int(match["num"]), int(match["den"]))
    match = _COMPLEX.fullmatch(text)
    if match:
        real = float(match["real"]) if match["real"] else 0.0
        return complex(real, float(match["imag"]))
    raise ValueError(f"not a number: {text!r}")


def rank(x: Any) -> int:
    """Place ``x`` in the numeric tower: 0 Integral, 1 Rational, 2 Real, 3 Complex.

    Uses the ``numbers`` ABCs, so ``bool`` ranks 0. Raises TypeError for anything outside the
    tower, including ``Decimal``, which is registered only as a ``numbers.Number``.
    """
    for position, abc in enumerate(_TOWER):
        if isinstance(x, abc):
            return position
    raise TypeError(f"{type(x).__name__} is not in the numeric tower")


def promote(a: Any, b: Any) -> tuple[Any, Any]:
    """Convert ``a`` and ``b`` to the type that ``a + b`` would produce, and return both.

    ints (and bools) stay ``int``; with a Fraction both become Fractions; with a float, floats;
    with a complex, complex numbers. ``Decimal`` mixes only with ints and other Decimals, and
    raises TypeError with anything else, exactly as ``Decimal("1") + 1.0`` does.
    """
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        for value in (a, b):
            if not isinstance(value, (Decimal, numbers.Integral)):
                raise TypeError(f"Decimal does not mix with {type(value).__name__}")
        return _as_decimal(a), _as_decimal(b)
    target = _TYPE_AT_RANK[max(rank(a), rank(b))]
    return target(a), target(b)


def _as_decimal(value: Any) -> Decimal:
    # int() first, so an Integral such as True becomes Decimal(1), not Decimal(True).
    return value if isinstance(value, Decimal) else Decimal(int(value))
