"""Probes for basics/numeric-tower: they run in the sandbox and return plain data.

Fractions and Decimals cannot cross the sandbox boundary as themselves, so both directions use
tagged tuples: ("Fraction", numerator, denominator) and ("Decimal", "text").
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from pykata_sandbox.probing import outcome


def _decode(value):
    if isinstance(value, tuple) and value and value[0] == "Fraction":
        return Fraction(value[1], value[2])
    if isinstance(value, tuple) and value and value[0] == "Decimal":
        return Decimal(value[1])
    return value


def _encode(value):
    """Plain data for a result; other objects are described by their type name and repr."""
    if type(value) is Fraction:
        return ("Fraction", value.numerator, value.denominator)
    if type(value) is Decimal:
        return ("Decimal", str(value))
    if type(value) in (int, float, complex, bool, type(None)):
        return value
    if isinstance(value, tuple):
        return tuple(_encode(item) for item in value)
    return ("object", type(value).__name__, repr(value)[:80])


def _encoded_outcome(function, *args):
    kind, value = outcome(function, *args)
    return (kind, _encode(value)) if kind == "returned" else (kind, value)


def parsed(mod, texts):
    """parse_number on each text: ("returned", encoded value) or ("raised", Raised)."""
    return [_encoded_outcome(mod.parse_number, text) for text in texts]


def ranks(mod, values):
    return [outcome(mod.rank, _decode(value)) for value in values]


def promoted(mod, pairs):
    """promote(a, b) for each encoded pair."""
    return [_encoded_outcome(mod.promote, _decode(a), _decode(b)) for a, b in pairs]
