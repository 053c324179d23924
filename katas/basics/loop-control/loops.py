"""break, continue, pass and the else clause of loops. Read README.md in this folder first."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any


class MissingEnd(Exception):
    """A script ran out of lines before its END line."""


def run_script(lines: Iterable[str]) -> list[str]:
    """Run a tiny script, one command per line, and return what its ``say`` commands said.

    Blank lines and ``#`` comments are skipped, ``noop`` does nothing, ``END`` stops the script
    (no further line is read) and ``say TEXT`` outputs TEXT. An unknown command raises
    ValueError naming its 1-based line number; running out of lines raises MissingEnd.
    """
    raise NotImplementedError("write run_script()")


def find_in_grid(grid: Iterable[Sequence[Any]], target: Any) -> tuple[int, int] | None:
    """Return ``(row, column)`` of the first cell equal to ``target``, scanning row by row.

    Nothing after the first hit is looked at. Return None when there is no such cell.
    """
    raise NotImplementedError("write find_in_grid()")


def primes_below(n: int) -> list[int]:
    """Return the primes smaller than ``n``, in increasing order, found with a for-else loop."""
    raise NotImplementedError("write primes_below()")


def read_until(source: Callable[[], str], stop: str) -> list[str]:
    """Call ``source()`` repeatedly and collect its values until it returns ``stop``.

    ``stop`` itself is not collected and ``source`` is not called again after it. Exceptions
    from ``source`` propagate.
    """
    raise NotImplementedError("write read_until()")
