"""Structure checks run by ``pykata verify``: the mirrors, the files and the graders' shape.

These catch authoring mistakes that grading would not: a grader with no kata, a stub whose API
drifted from its solution, an assert without a message for the learner, a probe that imports
something the sandbox will not have.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from .api_shape import api_differences
from .catalog import Catalog
from .kata import Kata
from .sandbox.serve import PROBES_MODULE
from .untouched import functions_not_only_raising, is_untouched_stub
from .verify import mutant_mistake

DOCS_LINK = re.compile(r"https://docs\.python\.org/3/[^\s)]*")
MIN_MUTANTS = 3
SANDBOX_IMPORTS = {"pykata_sandbox", *sys.stdlib_module_names}

__all__ = ["kata_problems", "structure_problems"]


def structure_problems(catalog: Catalog) -> list[str]:
    """Every structure problem of the catalog, each prefixed with where it is."""
    problems = _orphans(catalog)
    for kata in catalog.katas:
        problems += [f"{kata.id}: {p}" for p in kata_problems(kata)]
    return problems


def _orphans(catalog: Catalog) -> list[str]:
    known = {kata.id for kata in catalog.katas}
    problems = []
    for tree in ("graders", "solutions"):
        for folder in sorted((catalog.root / tree).glob("*/*")):
            kata_id = folder.relative_to(catalog.root / tree).as_posix()
            if folder.is_dir() and kata_id not in known:
                problems.append(
                    f"{tree}/{kata_id} has no kata: katas/{kata_id}/kata.toml is missing"
                )
    return problems


def kata_problems(kata: Kata) -> list[str]:
    """What is missing or inconsistent in one kata's three folders."""
    missing = [
        str(path.relative_to(kata.root))
        for path in (kata.kata_dir / "README.md", kata.stub, kata.solution, _test_file(kata))
        if not path.is_file()
    ]
    if missing:
        return [f"missing {', '.join(missing)}"]
    problems = _readme_problems(kata)
    problems += _mutant_problems(kata)
    stub, solution = (p.read_text(encoding="utf-8") for p in (kata.stub, kata.solution))
    problems += api_differences(stub, solution)
    problems += _stub_problems(stub)
    problems += _grader_problems(kata)
    return problems


def _test_file(kata: Kata) -> Path:
    return kata.graders_dir / f"test_{kata.module_name}.py"


def _readme_problems(kata: Kata) -> list[str]:
    text = (kata.kata_dir / "README.md").read_text(encoding="utf-8")
    problems = []
    if not DOCS_LINK.search(text):
        problems.append("README.md links to no page of https://docs.python.org/3/")
    if f"`{kata.module}`" not in text:
        problems.append(f"README.md never names the file to edit, `{kata.module}`")
    return problems


def _mutant_problems(kata: Kata) -> list[str]:
    mutants = kata.mutants()
    problems = []
    if len(mutants) < MIN_MUTANTS:
        problems.append(f"has {len(mutants)} mutants, at least {MIN_MUTANTS} are needed")
    for path in mutants:
        if mutant_mistake(path).startswith(("its first line", "unreadable")):
            problems.append(
                f"mutants/{path.name}: the first line must be a comment naming the mistake"
            )
    return problems


def _stub_problems(stub: str) -> list[str]:
    if is_untouched_stub(stub):
        return []
    busy = functions_not_only_raising(stub)
    if busy:
        return [f"the stub's {name}() should only raise NotImplementedError" for name in busy]
    return ["the stub should only define names: no code may run when it is imported"]


def _grader_problems(kata: Kata) -> list[str]:
    tests = ast.parse(_test_file(kata).read_text(encoding="utf-8"))
    problems = []
    for node in ast.walk(tests):
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            if "kata" not in [a.arg for a in node.args.args]:
                problems.append(f"grader {node.name} does not take the `kata` fixture")
            problems += [
                f"grader {node.name}, line {a.lineno}: the assert has no message for the learner"
                for a in ast.walk(node)
                if isinstance(a, ast.Assert) and a.msg is None
            ]
    probes_path = kata.graders_dir / "probes.py"
    probes = ast.parse(probes_path.read_text(encoding="utf-8")) if probes_path.is_file() else None
    defined = {n.name for n in probes.body if isinstance(n, ast.FunctionDef)} if probes else set()
    for name in sorted(_probe_names(tests) - defined):
        problems.append(f"the graders call probe {name!r}, which probes.py does not define")
    if probes is not None:
        foreign = [m for m in _imports(probes) if m.split(".")[0] not in SANDBOX_IMPORTS]
        problems += [f"probes.py imports {m}, which the sandbox does not have" for m in foreign]
    return problems


def _probe_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "probe"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
    return names


def _imports(tree: ast.Module) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
    return [m for m in found if m != PROBES_MODULE]
