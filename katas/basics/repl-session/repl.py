"""A tiny interactive session: compile, run, and watch names change type. Read README.md first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Session:
    """An interactive session that keeps its names between snippets, like the ``>>>`` prompt."""

    def __init__(self) -> None:
        raise NotImplementedError("write Session.__init__")

    def run(self, source: str) -> object:
        """Run ``source`` in this session and return the value of a final bare expression.

        The whole snippet is compiled before any of it runs, so a syntax error leaves the session
        untouched. If the last statement is an expression, the statements before it run first and
        then the expression is evaluated once; its value is returned. Otherwise returns ``None``.
        Exceptions raised by the snippet propagate; bindings made before them stay.
        """
        raise NotImplementedError("write Session.run")

    @property
    def namespace(self) -> Mapping[str, Any]:
        """A read-only mapping of the names the session has bound, without ``__builtins__``."""
        raise NotImplementedError("write Session.namespace")

    def type_history(self, name: str) -> list[str]:
        """The type names of every value bound to ``name`` at top level, oldest first.

        A name the session never bound gives an empty list. The list is a new one each time.
        """
        raise NotImplementedError("write Session.type_history")
