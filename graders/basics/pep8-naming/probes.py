"""Probes for basics/pep8-naming: they run in the sandbox beside naming.py."""

from __future__ import annotations

from pykata_sandbox.probing import outcome


def convert(mod, function, names):
    """``function`` (to_snake_case or to_pascal_case) applied to each name."""
    return [outcome(getattr(mod, function), name) for name in names]


def twice(mod, names):
    """to_snake_case applied once and twice to each name."""
    results = []
    for name in names:
        once = mod.to_snake_case(name)
        results.append((once, mod.to_snake_case(once)))
    return results


def round_trip(mod, names):
    """to_snake_case(to_pascal_case(name)) for each name."""
    return [mod.to_snake_case(mod.to_pascal_case(name)) for name in names]


def violations(mod, source):
    """check_names(source), with each violation as a plain tuple and the container's type."""
    found = mod.check_names(source)
    return {
        "type": type(found).__name__,
        "items": [tuple(item) for item in found],
        "fields": [getattr(item, "_fields", None) for item in found][:1],
    }
