"""try / except / else / finally, acted out with callables. Read README.md in this folder first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

ExceptionTypes = type[BaseException] | tuple[type[BaseException], ...]


def run_try(
    body: Callable[[], Any],
    handlers: Sequence[tuple[ExceptionTypes, Callable[[BaseException], Any]]],
    orelse: Callable[[], Any] | None = None,
    final: Callable[[], Any] | None = None,
    *,
    final_returns: bool = False,
    log: list[str] | None = None,
) -> Any:
    """Run ``body`` the way a ``try`` statement would, with ``handlers`` as its except clauses.

    - ``handlers`` is a list of ``(exception_types, handler)``; the first whose types match the
      exception raised by ``body`` (by ``isinstance``) is called with it. Its result is returned,
      and whatever it raises propagates. No match: the exception propagates unchanged.
    - ``orelse`` runs only when ``body`` raised nothing; its result is then returned, and its
      exceptions are never offered to the handlers.
    - ``final`` always runs last. What it raises replaces any exception in flight. With
      ``final_returns`` its result is returned instead, discarding any exception in flight.
    - Each stage appends its name to ``log`` as it starts: "body", "handler:<ExceptionName>",
      "else", "finally".
    """
    raise NotImplementedError("write run_try()")
