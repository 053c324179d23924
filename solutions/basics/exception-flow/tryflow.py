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
    if final_returns and final is None:
        raise ValueError("final_returns=True needs a final callable")

    def note(stage: str) -> None:
        if log is not None:
            log.append(stage)

    if final is None:
        return _try_except_else(body, handlers, orelse, note)
    try:
        result = _try_except_else(body, handlers, orelse, note)
    except BaseException:
        # The finally stage with an exception in flight. Anything final raises here gets the
        # in-flight exception as its __context__, as in a real finally block.
        note("finally")
        value = final()
        if final_returns:
            return value  # like `return` in a finally block: the exception is discarded
        raise  # final finished normally: the in-flight exception carries on
    note("finally")
    value = final()
    return value if final_returns else result


def _try_except_else(
    body: Callable[[], Any],
    handlers: Sequence[tuple[ExceptionTypes, Callable[[BaseException], Any]]],
    orelse: Callable[[], Any] | None,
    note: Callable[[str], None],
) -> Any:
    """The try / except / else part of the statement."""
    note("body")
    try:
        result = body()
    except BaseException as error:  # the handlers decide what they catch, exits included
        for types, handler in handlers:
            if isinstance(error, types):
                note(f"handler:{type(error).__name__}")
                # Called inside the except block, so anything the handler raises gets `error`
                # as its __context__, and a bare `raise` in the handler re-raises `error`.
                return handler(error)
        raise  # no handler matched: the same object, with its traceback, carries on
    # Past the try block, so the handlers never see what orelse raises.
    if orelse is not None:
        note("else")
        result = orelse()
    return result
