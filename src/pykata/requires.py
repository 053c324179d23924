"""Version requirements such as ``>=3.10`` or ``>=3.11,<3.14``, for kata.toml's requires-python.

A small subset of PEP 440 specifiers is enough here (comparisons on release numbers), and it keeps
the engine free of a packaging dependency.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable

_CLAUSE = re.compile(r"^\s*(>=|<=|==|!=|>|<)\s*(\d+(?:\.\d+){0,2})\s*$")
_OPERATORS: dict[str, Callable[[tuple[int, ...], tuple[int, ...]], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    "<": operator.lt,
}

__all__ = ["RequirementError", "check_requirement", "satisfies"]


class RequirementError(ValueError):
    """A requirement string is not a comma-separated list of comparisons."""


def check_requirement(spec: str) -> None:
    """Raise RequirementError unless ``spec`` is a valid requirement."""
    _parse(spec)


def satisfies(spec: str, version: tuple[int, ...]) -> bool:
    """Tell whether ``version`` (e.g. ``sys.version_info[:3]``) meets every clause of ``spec``."""
    for symbol, wanted in _parse(spec):
        width = len(wanted)
        if not _OPERATORS[symbol](tuple(version[:width]), wanted):
            return False
    return True


def _parse(spec: str) -> list[tuple[str, tuple[int, ...]]]:
    clauses = []
    for part in spec.split(","):
        match = _CLAUSE.match(part)
        if match is None:
            raise RequirementError(
                f"{spec!r} is not a version requirement such as '>=3.10' or '>=3.11,<3.14'"
            )
        clauses.append((match[1], tuple(int(n) for n in match[2].split("."))))
    return clauses
