# Mistake: centres headers with str.center, which puts an odd space on the other side
"""String formatting: format specs, str.format fields and % formatting. Read README.md first."""

from __future__ import annotations

import numbers
import re
import string
from collections.abc import Mapping
from typing import Any

_FORMATTER = string.Formatter()
_ALIGNS = {"<": "<", ">": ">", "^": "^", "=": ">"}


def _alignment(spec: str, value: object) -> str:
    """The side a cell leans to: the spec's own alignment, else format()'s default."""
    # The mini-language starts [[fill]align]: the align character is first or second.
    if len(spec) > 1 and spec[1] in _ALIGNS:
        return _ALIGNS[spec[1]]
    if spec[:1] in _ALIGNS:
        return _ALIGNS[spec[0]]
    is_number = isinstance(value, numbers.Number) and not isinstance(value, bool)
    return ">" if is_number else "<"


def format_table(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> str:
    """Render ``rows`` as a text table with one column per ``(key, format_spec)``.

    The header row holds the keys, centred; a rule of dashes follows; then one line per row.
    A column is as wide as its widest text, header included, measured after formatting.
    """
    texts = []
    for key, spec in columns:
        # row[key] raises KeyError naming the key when a row lacks it.
        cells = [(format(row[key], spec), _alignment(spec, row[key])) for row in rows]
        # Measure what will be printed: ",.2f" makes 1234.5 eight characters, not six.
        width = max([len(key)] + [len(text) for text, _ in cells])
        header = key.center(width)
        texts.append(
            (header, "-" * width, [format(text, f"{side}{width}") for text, side in cells])
        )
    lines = [
        " | ".join(header for header, _, _ in texts),
        "-+-".join(rule for _, rule, _ in texts),
    ]
    lines += [" | ".join(column[2][index] for column in texts) for index in range(len(rows))]
    return "\n".join(lines)


def _verbatim(field: str, conversion: str | None, spec: str) -> str:
    """Rebuild a replacement field exactly as it was written (minus any empty ':')."""
    text = field
    if conversion:
        text += "!" + conversion
    if spec:
        text += ":" + spec
    return "{" + text + "}"


def render(template: str, values: Mapping[str, Any]) -> str:
    """Fill ``template`` like ``template.format_map(values)``, but leave unknown fields as written.

    Attribute and index fields, ``!r``/``!s``/``!a`` and format specs work as in ``str.format``.
    A field whose name is not in ``values`` (and any positional field such as ``{}`` or ``{0}``)
    is copied to the output unchanged, its conversion and spec included.
    """
    out = []
    # parse() yields (literal text, field name, format spec, conversion); "{{" arrives as "{".
    for literal, field, spec, conversion in _FORMATTER.parse(template):
        out.append(literal)
        if field is None:
            continue
        name = re.match(r"[^.\[]*", field).group()  # type: ignore[union-attr]
        if not name or name.isdigit() or name not in values:
            out.append(_verbatim(field, conversion, spec or ""))
            continue
        value, _ = _FORMATTER.get_field(field, (), values)
        value = _FORMATTER.convert_field(value, conversion)
        # A spec may itself hold fields, as in "{x:>{width}}".
        out.append(format(value, render(spec, values) if spec else ""))
    return "".join(out)


def percent(fmt: str, value: Any) -> str:
    """Apply printf-style ``fmt % value``, counting ``value`` as one argument, even a tuple."""
    # `fmt % value` would unpack a tuple into several arguments; a 1-tuple never is.
    return fmt % (value,)
