"""String formatting: format specs, str.format fields and % formatting. Read README.md first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def format_table(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> str:
    """Render ``rows`` as a text table with one column per ``(key, format_spec)``.

    The header row holds the keys, centred; a rule of dashes follows; then one line per row.
    A column is as wide as its widest text, header included, measured after formatting.
    """
    raise NotImplementedError("write format_table()")


def render(template: str, values: Mapping[str, Any]) -> str:
    """Fill ``template`` like ``template.format_map(values)``, but leave unknown fields as written.

    Attribute and index fields, ``!r``/``!s``/``!a`` and format specs work as in ``str.format``.
    A field whose name is not in ``values`` (and any positional field such as ``{}`` or ``{0}``)
    is copied to the output unchanged, its conversion and spec included.
    """
    raise NotImplementedError("write render()")


def percent(fmt: str, value: Any) -> str:
    """Apply printf-style ``fmt % value``, counting ``value`` as one argument, even a tuple."""
    raise NotImplementedError("write percent()")
