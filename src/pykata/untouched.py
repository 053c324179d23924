"""Tell an untouched stub from a started kata by reading its code, never by running it.

A stub is untouched while every function in it still only raises ``NotImplementedError`` (a
docstring may precede the raise) and the module adds nothing else that could act: imports,
docstrings, class bodies of plain attributes, and constants that do not rebind a defined name.
Comments, formatting and docstrings may change freely. This needs no pristine copy of the stub,
so it works the same in a learner's clone, in a pull request and in ``--source`` trees.
"""

from __future__ import annotations

import ast

__all__ = ["functions_not_only_raising", "is_untouched_stub"]

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def is_untouched_stub(source: str) -> bool:
    """Tell whether ``source`` still has the shape of an untouched stub."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    functions = [node for node in ast.walk(tree) if isinstance(node, _FUNCTIONS)]
    if not functions or not all(_only_raises(function) for function in functions):
        return False
    defined = {node.name for node in tree.body if isinstance(node, (*_FUNCTIONS, ast.ClassDef))}
    return all(_inert(node, defined) for node in tree.body)


def functions_not_only_raising(source: str) -> list[str]:
    """Name the functions of ``source`` whose body does more than raise NotImplementedError."""
    tree = ast.parse(source)
    return [n.name for n in ast.walk(tree) if isinstance(n, _FUNCTIONS) and not _only_raises(n)]


def _only_raises(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    body = function.body[1:] if _is_docstring(function.body[0]) else function.body
    return len(body) == 1 and raises_not_implemented(body[0])


def raises_not_implemented(node: ast.stmt) -> bool:
    """Tell whether ``node`` is ``raise NotImplementedError``, with or without arguments."""
    if not isinstance(node, ast.Raise) or node.exc is None:
        return False
    target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
    return isinstance(target, ast.Name) and target.id == "NotImplementedError"


def _inert(node: ast.stmt, defined: set[str]) -> bool:
    """Tell whether a statement of the stub can do nothing on its own."""
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.Pass, *_FUNCTIONS)):
        return True
    if isinstance(node, ast.Expr):
        is_ellipsis = isinstance(node.value, ast.Constant) and node.value.value is ...
        return _is_docstring(node) or is_ellipsis
    if isinstance(node, ast.ClassDef):
        return all(_inert(member, set()) for member in node.body)
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return all(isinstance(t, ast.Name) and t.id not in defined for t in targets)
    return False


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )
