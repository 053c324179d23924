"""A static look at a learner's file for constructs no kata needs, to show an instructor.

Learner code shares its interpreter with the probes inside the sandbox, so code written to find
and patch them (through ``gc``, frames, ``ctypes``, ``builtins``, the engine's modules) could
fake what a probe observes. Such code is rare and recognisable. This scan parses the file with
``ast`` and never runs it; each finding becomes a flag in the report and the PR comment. A flag
does not change the score: it asks a person to look. A kata that needs one of these constructs
lists its kind under ``allow`` in kata.toml.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

__all__ = ["FLAG_KINDS", "Flag", "kata_flags", "scan_source"]

FLAG_KINDS = {
    "gc": "walks every object through the garbage collector",
    "frames": "inspects call frames",
    "ctypes": "reaches into memory through ctypes or cffi",
    "builtins": "replaces built-in names for everyone",
    "engine": "touches pytest or pykata's own modules",
    "ci-environment": "looks at CI variables or prints workflow commands",
}
MAX_FLAGS = 20

_MODULES = {
    "gc": "gc",
    "ctypes": "ctypes",
    "cffi": "ctypes",
    "pytest": "engine",
    "_pytest": "engine",
    "pykata": "engine",
    "pykata_probes": "engine",
    "pykata_sandbox": "engine",
    "pluggy": "engine",
}
_FRAME_ATTRIBUTES = {"f_back", "f_locals", "f_globals", "f_builtins", "tb_frame", "gi_frame"}
_FRAME_CALLS = {"_getframe", "currentframe", "stack", "getouterframes", "getframeinfo", "trace"}
_CI_TEXT = re.compile(r"(GITHUB_|ACTIONS_|RUNNER_)[A-Z]|::[a-z-]+(::| )")


@dataclass(frozen=True)
class Flag:
    kind: str
    line: int
    detail: str

    def describe(self, module: str) -> str:
        return f"{module}:{self.line}: {self.detail} ({FLAG_KINDS[self.kind]})"


def scan_source(source: str, allow: tuple[str, ...] = ()) -> list[Flag]:
    """Flags for ``source``, minus the kinds in ``allow``; none for a file that does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    flags: dict[tuple[str, int], Flag] = {}
    for node in ast.walk(tree):
        for flag in _flags_of(node):
            if flag.kind not in allow:
                flags.setdefault((flag.kind, flag.line), flag)
    return sorted(flags.values(), key=lambda f: (f.line, f.kind))[:MAX_FLAGS]


def kata_flags(source: bytes, module: str, allow: tuple[str, ...]) -> tuple[str, ...]:
    """The flags of a kata's graded file, described for the reports."""
    text = source.decode("utf-8", errors="replace")
    return tuple(flag.describe(module) for flag in scan_source(text, allow))


def _flags_of(node: ast.AST) -> list[Flag]:
    line = getattr(node, "lineno", 0)
    if isinstance(node, ast.Import):
        return [_imported(alias.name, line) for alias in node.names if _kind(alias.name)]
    if isinstance(node, ast.ImportFrom) and node.module and _kind(node.module):
        return [_imported(node.module, line)]
    if isinstance(node, ast.Call) and _called_name(node) == "__import__":
        return [Flag("engine", line, "imports a module by name at run time")]
    if isinstance(node, ast.Attribute):
        return _attribute_flags(node, line)
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
        return _builtins_writes(node, line)
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and _CI_TEXT.match(node.value)
    ):
        return [Flag("ci-environment", line, f"mentions {node.value[:30]!r}")]
    return []


def _kind(module: str) -> str | None:
    return _MODULES.get(module.split(".")[0])


def _imported(module: str, line: int) -> Flag:
    kind = _kind(module) or "engine"
    return Flag(kind, line, f"imports {module}")


def _called_name(node: ast.Call) -> str:
    function = node.func
    if isinstance(function, ast.Name):
        return function.id
    return function.attr if isinstance(function, ast.Attribute) else ""


def _attribute_flags(node: ast.Attribute, line: int) -> list[Flag]:
    if node.attr in _FRAME_ATTRIBUTES:
        return [Flag("frames", line, f"reads .{node.attr}")]
    base = node.value.id if isinstance(node.value, ast.Name) else ""
    if node.attr in _FRAME_CALLS and base in ("sys", "inspect"):
        return [Flag("frames", line, f"calls {base}.{node.attr}")]
    if base == "sys" and node.attr in ("settrace", "setprofile", "addaudithook"):
        return [Flag("frames", line, f"calls sys.{node.attr}")]
    return []


def _builtins_writes(node: ast.AST, line: int) -> list[Flag]:
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        targets = [node.target]
    elif isinstance(node, ast.Delete):
        targets = node.targets
    for target in targets:
        owner = target.value if isinstance(target, (ast.Attribute, ast.Subscript)) else None
        if isinstance(owner, ast.Name) and owner.id in ("builtins", "__builtins__"):
            return [Flag("builtins", line, f"assigns to {owner.id}")]
    return []
