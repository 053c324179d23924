"""break, continue, pass and the else clause of loops. Read README.md in this folder first."""

from __future__ import annotations

import math
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
    output: list[str] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue  # nothing to run on this line: go straight to the next one
        command, _, text = line.partition(" ")
        if command == "noop":
            pass  # a command that deliberately does nothing
        elif command == "say":
            output.append(text)
        elif command == "END":
            break  # leave the loop at once, which also skips the else clause below
        else:
            raise ValueError(f"line {number}: unknown command {command!r}")
    else:
        # The loop ran out of lines without meeting `break`: there was no END.
        raise MissingEnd("the script has no END line")
    return output


def find_in_grid(grid: Iterable[Sequence[Any]], target: Any) -> tuple[int, int] | None:
    """Return ``(row, column)`` of the first cell equal to ``target``, scanning row by row.

    Nothing after the first hit is looked at. Return None when there is no such cell.
    """
    for row_index, row in enumerate(grid):
        for column_index, value in enumerate(row):
            if value == target:
                # return leaves both loops at once; a bare break would only leave the inner one.
                return row_index, column_index
    return None


def primes_below(n: int) -> list[int]:
    """Return the primes smaller than ``n``, in increasing order, found with a for-else loop."""
    primes: list[int] = []
    for candidate in range(2, n):
        # A composite number has a divisor no larger than its square root.
        for divisor in range(2, math.isqrt(candidate) + 1):
            if candidate % divisor == 0:
                break  # found a divisor: not prime, and the else clause is skipped
        else:
            # The inner loop finished without break: no divisor, so the candidate is prime.
            primes.append(candidate)
    return primes


def read_until(source: Callable[[], str], stop: str) -> list[str]:
    """Call ``source()`` repeatedly and collect its values until it returns ``stop``.

    ``stop`` itself is not collected and ``source`` is not called again after it. Exceptions
    from ``source`` propagate.
    """
    collected: list[str] = []
    # How many calls are needed is only known from inside the loop, so the loop runs
    # "forever" and the stop condition sits where the value arrives.
    while True:
        value = source()
        if value == stop:
            break
        collected.append(value)
    return collected
