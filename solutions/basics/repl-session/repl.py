"""A tiny interactive session: compile, run, and watch names change type. Read README.md first."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any


class _RecordingNamespace(dict):  # type: ignore[type-arg]
    """The session's globals: a dict that notes the type of every value stored at top level.

    Module-level code stores names with ``STORE_NAME``, which calls ``__setitem__`` when its
    namespace is a dict subclass rather than a plain dict. Functions defined in the session use
    this same object as their globals, so they see names bound by later snippets.
    """

    def __init__(self, history: dict[str, list[str]]) -> None:
        super().__init__()
        self._history = history

    def __setitem__(self, name: str, value: Any) -> None:
        self._history.setdefault(name, []).append(type(value).__name__)
        super().__setitem__(name, value)


class Session:
    """An interactive session that keeps its names between snippets, like the ``>>>`` prompt."""

    def __init__(self) -> None:
        self._history: dict[str, list[str]] = {}
        self._globals = _RecordingNamespace(self._history)

    def run(self, source: str) -> object:
        """Run ``source`` in this session and return the value of a final bare expression.

        The whole snippet is compiled before any of it runs, so a syntax error leaves the session
        untouched. If the last statement is an expression, the statements before it run first and
        then the expression is evaluated once; its value is returned. Otherwise returns ``None``.
        Exceptions raised by the snippet propagate; bindings made before them stay.
        """
        tree = ast.parse(source, filename="<session>", mode="exec")
        final = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            final = ast.Expression(body=tree.body.pop().value)
        # Compile both parts before running either: some errors ("'return' outside function")
        # are only found by the compiler, not by the parser.
        statements = compile(tree, "<session>", "exec")
        expression = compile(final, "<session>", "eval") if final is not None else None
        # One mapping as globals (and so as locals too): top-level code and the functions it
        # defines then share a single namespace, as in a module.
        exec(statements, self._globals)
        if expression is None:
            return None
        return eval(expression, self._globals)

    @property
    def namespace(self) -> Mapping[str, Any]:
        """A read-only mapping of the names the session has bound, without ``__builtins__``."""
        return MappingProxyType({k: v for k, v in self._globals.items() if k != "__builtins__"})

    def type_history(self, name: str) -> list[str]:
        """The type names of every value bound to ``name`` at top level, oldest first.

        A name the session never bound gives an empty list. The list is a new one each time.
        """
        return list(self._history.get(name, []))
