"""Probes for basics/floor-division: they run in the sandbox beside division.py."""

from __future__ import annotations

from pykata_sandbox.probing import outcome

FUNCTIONS = ("floor_divmod", "trunc_divmod", "ceil_div")


def divisions(mod, pairs):
    """Run floor_divmod, trunc_divmod and ceil_div on each (a, b); report every outcome."""
    return [{name: outcome(getattr(mod, name), a, b) for name in FUNCTIONS} for a, b in pairs]


def attempt(mod, name, *args):
    """Call one function and report ("returned", value) or ("raised", Raised)."""
    return outcome(getattr(mod, name), *args)


def splits(mod, cases):
    """Run split_evenly on each (total, parts); report every outcome."""
    return [outcome(mod.split_evenly, total, parts) for total, parts in cases]
