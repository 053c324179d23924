"""Probes for basics/string-formatting: they run in the sandbox beside formatting.py."""

from __future__ import annotations

import decimal
import types

from pykata_sandbox.probing import outcome


def table(mod, rows, columns):
    """format_table on plain data; columns arrive as lists and are passed as tuples."""
    return outcome(mod.format_table, rows, [tuple(column) for column in columns])


def table_of_decimals(mod):
    rows = [
        {"code": "A1", "amount": decimal.Decimal("1234567.891")},
        {"code": "B22", "amount": decimal.Decimal("-5")},
    ]
    return outcome(mod.format_table, rows, [("code", ""), ("amount", ",.1f")])


def rendered(mod, template, values):
    return outcome(mod.render, template, values)


def rendered_with_objects(mod, template):
    """render with an attribute-bearing object and a list in the values."""
    values = {
        "user": types.SimpleNamespace(name="Ada", langs=["en", "fr"]),
        "items": ["first", "second"],
        "prices": {"tea": 2.5},
    }
    return outcome(mod.render, template, values)


def rendered_readonly(mod, template):
    """render with a read-only mapping that is not a dict."""
    return outcome(mod.render, template, types.MappingProxyType({"a": "A", "n": 3}))


def formatted(mod, fmt, value):
    return outcome(mod.percent, fmt, value)
