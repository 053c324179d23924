# Mistake: strips leading and trailing underscores, losing private and dunder markers
"""PEP 8 names: snake_case and PascalCase conversions, and a naming checker. Read README.md."""

from __future__ import annotations

import ast
import re
from typing import NamedTuple


class Violation(NamedTuple):
    """One badly named thing: where it is, its name, and which rule it breaks."""

    line: int
    col: int
    name: str
    rule: str  # "function", "class", "argument" or "variable"


# Word boundaries inside an identifier, found in two passes:
#   "HTTPServer" -> "HTTP_Server": a run of capitals, then a capital that starts a lower word;
#   "getHTTP", "Version2Beta" -> "get_HTTP", "Version2_Beta": a lower letter or digit, then a
#   capital.
_ACRONYM_END = re.compile(r"([A-Z]+)([A-Z][a-z])")
_LOWER_TO_UPPER = re.compile(r"([a-z0-9])([A-Z])")
_EDGES = re.compile(r"^(_*)(.*?)(_*)$", re.DOTALL)


def _is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def _words(core: str) -> list[str]:
    """Split the part of a name between its edge underscores into words, keeping their case."""
    marked = _LOWER_TO_UPPER.sub(r"\1_\2", _ACRONYM_END.sub(r"\1_\2", core))
    return [word for word in marked.split("_") if word]


def to_snake_case(name: str) -> str:
    """Convert an identifier to snake_case: ``"getHTTP2Response"`` -> ``"get_http2_response"``.

    Leading and trailing underscores are kept, and dunder names are returned unchanged.
    """
    return "_".join(word.lower() for word in _words(name.strip("_")))


def to_pascal_case(name: str) -> str:
    """Convert an identifier to PascalCase: ``"http_server_error"`` -> ``"HttpServerError"``.

    Every word is capitalized, acronyms included. Leading and trailing underscores are kept,
    and dunder names are returned unchanged.
    """
    if _is_dunder(name):
        return name
    leading, core, trailing = _EDGES.match(name).groups()
    return leading + "".join(word.capitalize() for word in _words(core)) + trailing


def _snake_ok(name: str) -> bool:
    return name == name.lower()


def _upper_ok(name: str) -> bool:
    return name == name.upper()


def _pascal_ok(name: str) -> bool:
    core = name.lstrip("_")
    return core[:1].isupper() and "_" not in core


class _Checker(ast.NodeVisitor):
    """Walks the tree, remembering whether it is inside a function (where names are locals)."""

    def __init__(self) -> None:
        self.found: list[Violation] = []
        self.in_function = False

    def report(self, node: ast.AST, name: str, rule: str) -> None:
        self.found.append(Violation(node.lineno, node.col_offset, name, rule))

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if not _is_dunder(node.name) and not _pascal_ok(node.name):
            self.report(node, node.name, "class")
        outer, self.in_function = self.in_function, False  # a class body is not a function scope
        self.generic_visit(node)
        self.in_function = outer

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if not _is_dunder(node.name) and not _snake_ok(node.name):
            self.report(node, node.name, "function")
        self._visit_scope(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._visit_scope(node)

    def _visit_scope(self, node: ast.AST) -> None:
        outer, self.in_function = self.in_function, True
        self.generic_visit(node)
        self.in_function = outer

    def visit_arg(self, node: ast.arg) -> None:
        if not _snake_ok(node.arg):
            self.report(node, node.arg, "argument")
        self.generic_visit(node)  # the annotation

    def visit_Name(self, node: ast.Name) -> None:
        # Only bindings count: a name that is read was named somewhere else (an import, say).
        if not isinstance(node.ctx, ast.Store) or _is_dunder(node.id) or _snake_ok(node.id):
            return
        if self.in_function or not _upper_ok(node.id):  # constants live at module or class level
            self.report(node, node.id, "variable")


def check_names(source: str) -> list[Violation]:
    """Report the functions, classes, arguments and variables in ``source`` that break PEP 8.

    The source is parsed with ``ast``, never run. Violations are sorted by position.
    """
    checker = _Checker()
    checker.visit(ast.parse(source))
    return sorted(checker.found)
