"""Probes for basics/conditional-expressions: they run in the sandbox beside ternary.py."""

from __future__ import annotations

from pykata_sandbox.probing import outcome


class Measured:
    """A number-like value that counts how often it is divided."""

    def __init__(self, value):
        self.value = value
        self.divisions = 0

    def __truediv__(self, other):
        self.divisions += 1
        return self.value / other


def ratio_divisions(mod, a, b, *default):
    """safe_ratio with a dividend that counts divisions: was a / b computed at all?"""
    dividend = Measured(a)
    kind, value = outcome(mod.safe_ratio, dividend, b, *default)
    return {"kind": kind, "value": value, "divisions": dividend.divisions}


def identity_kept(mod):
    """pick and clamp hand back the very objects they were given."""
    first, second = [], ["x"]
    inside = 5.5
    return {
        "pick_a": mod.pick(True, first, second) is first,
        "pick_b": mod.pick(0, first, second) is second,
        "clamp_x": mod.clamp(inside, 0, 10) is inside,
    }
