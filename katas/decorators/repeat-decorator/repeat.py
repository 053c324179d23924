"""Repeat decorator: call a function several times. Read README.md in this folder first."""

from __future__ import annotations

from typing import Any


def repeat(times: int = 2, *, collect: bool = False) -> Any:
    """Return a decorator that calls the decorated function ``times`` times.

    The wrapper returns the last result, or the list of all results when ``collect`` is true.
    ``repeat`` also works bare (``@repeat``), and wraps ``async def`` functions with an async
    wrapper. ``times`` must be an int of at least 1 (``bool`` is refused): TypeError or
    ValueError is raised when the decorator is created or applied, never on a call.
    """
    raise NotImplementedError("write repeat()")
