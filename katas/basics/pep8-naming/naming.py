"""PEP 8 names: snake_case and PascalCase conversions, and a naming checker. Read README.md."""

from __future__ import annotations

from typing import NamedTuple


class Violation(NamedTuple):
    """One badly named thing: where it is, its name, and which rule it breaks."""

    line: int
    col: int
    name: str
    rule: str  # "function", "class", "argument" or "variable"


def to_snake_case(name: str) -> str:
    """Convert an identifier to snake_case: ``"getHTTP2Response"`` -> ``"get_http2_response"``.

    Leading and trailing underscores are kept, and dunder names are returned unchanged.
    """
    raise NotImplementedError("write to_snake_case()")


def to_pascal_case(name: str) -> str:
    """Convert an identifier to PascalCase: ``"http_server_error"`` -> ``"HttpServerError"``.

    Every word is capitalized, acronyms included. Leading and trailing underscores are kept,
    and dunder names are returned unchanged.
    """
    raise NotImplementedError("write to_pascal_case()")


def check_names(source: str) -> list[Violation]:
    """Report the functions, classes, arguments and variables in ``source`` that break PEP 8.

    The source is parsed with ``ast``, never run. Violations are sorted by position.
    """
    raise NotImplementedError("write check_names()")
