"""The public API of a module, read with ``ast``: to check that a stub matches its solution.

The stub is the learner's contract: the same public names, signatures, decorators and base
classes as the reference solution. Private names (a leading underscore) may differ; dunder
methods are public.
"""

from __future__ import annotations

import ast

__all__ = ["api_differences", "public_api"]


def public_api(source: str) -> dict[str, str]:
    """Map each public name (``Class.method`` for members) to a one-line description."""
    tree = ast.parse(source)
    api: dict[str, str] = {}
    _collect(tree.body, "", api)
    return api


def _collect(body: list[ast.stmt], prefix: str, api: dict[str, str]) -> None:
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _public(node.name, prefix):
            api[prefix + node.name] = _function(node)
        elif isinstance(node, ast.ClassDef) and _public(node.name, prefix):
            bases = ", ".join(ast.unparse(b) for b in [*node.bases, *node.keywords])
            api[prefix + node.name] = f"{_decorators(node)}class {node.name}({bases})"
            _collect(node.body, f"{prefix}{node.name}.", api)
        else:
            for name in _assigned(node):
                if _public(name, prefix) and not name.startswith("__"):
                    api[prefix + name] = f"{name} = ..."


def _public(name: str, prefix: str) -> bool:
    if not name.startswith("_"):
        return True
    return bool(prefix) and name.startswith("__") and name.endswith("__")


def _function(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    keyword = "async def" if isinstance(node, ast.AsyncFunctionDef) else "def"
    returns = f" -> {ast.unparse(node.returns)}" if node.returns else ""
    return f"{_decorators(node)}{keyword} {node.name}({ast.unparse(node.args)}){returns}"


def _decorators(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> str:
    return "".join(f"@{ast.unparse(d)} " for d in node.decorator_list)


def _assigned(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    return []


def api_differences(stub: str, solution: str) -> list[str]:
    """Describe every way the stub's public API differs from the solution's."""
    expected, actual = public_api(solution), public_api(stub)
    problems = [
        f"the stub lacks {name}: {expected[name]}" for name in expected if name not in actual
    ]
    problems += [
        f"the stub has {name}, the solution does not" for name in actual if name not in expected
    ]
    problems += [
        f"{name} differs: the stub has `{actual[name]}`, the solution `{expected[name]}`"
        for name in expected
        if name in actual and actual[name] != expected[name]
    ]
    return problems
