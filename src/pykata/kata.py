"""One kata's metadata, loaded from its kata.toml and checked field by field.

A mistake in kata.toml is an author's mistake, so every error names the file and the key and says
what was expected, instead of failing later somewhere inside the grading.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .requires import RequirementError, check_requirement
from .scan import FLAG_KINDS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

KATA_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
MODULE_FILE = re.compile(r"^[a-z_][a-z0-9_]*\.py$")
DEFAULT_TIMEOUT = 10.0
MAX_TIMEOUT = 300.0

__all__ = ["CatalogError", "Kata", "SandboxSettings", "load_kata", "read_toml"]


class CatalogError(Exception):
    """The katas on disk are inconsistent; the message says where and how to fix it."""


@dataclass(frozen=True)
class SandboxSettings:
    """What a kata's sandbox may do beyond the defaults."""

    processes: int = 0
    memory_mb: int = 1024
    subprocess: bool = False


@dataclass(frozen=True)
class Kata:
    """A kata: its identity, its metadata and where its three folders live."""

    id: str
    title: str
    module: str
    difficulty: int
    points: int
    order: int
    concepts: tuple[str, ...]
    questions: tuple[str, ...]
    hints: tuple[str, ...]
    timeout: float
    requires_python: str
    sandbox: SandboxSettings
    root: Path = field(compare=False, repr=False)
    allow: tuple[str, ...] = ()  # static-scan flags this kata's solutions legitimately raise

    @property
    def topic(self) -> str:
        return self.id.split("/")[0]

    @property
    def slug(self) -> str:
        return self.id.split("/")[1]

    @property
    def module_name(self) -> str:
        """The importable name of the learner's module: ``repeat`` for ``repeat.py``."""
        return self.module[: -len(".py")]

    @property
    def kata_dir(self) -> Path:
        return self.root / "katas" / self.id

    @property
    def graders_dir(self) -> Path:
        return self.root / "graders" / self.id

    @property
    def solution_dir(self) -> Path:
        return self.root / "solutions" / self.id

    @property
    def stub(self) -> Path:
        return self.kata_dir / self.module

    @property
    def solution(self) -> Path:
        return self.solution_dir / self.module

    def mutants(self) -> list[Path]:
        """The known-wrong implementations, in name order."""
        return sorted((self.solution_dir / "mutants").glob("*.py"))


_Fields = dict[str, Any]


def read_toml(path: Path) -> _Fields:
    """Parse a TOML file; raise CatalogError naming the file if it cannot be read."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise CatalogError(f"{path}: cannot read it: {error}") from None


def load_kata(root: Path, kata_id: str) -> Kata:
    """Load ``katas/<kata_id>/kata.toml`` below ``root``; raise CatalogError if it is invalid."""
    path = root / "katas" / kata_id / "kata.toml"
    if not KATA_ID.match(kata_id):
        raise CatalogError(f"{path}: the kata id {kata_id!r} is not topic/slug in kebab-case")
    reader = _Reader(path, read_toml(path))
    kata = reader.build(root, kata_id)
    reader.reject_unknown()
    return kata


class _Reader:
    """Takes typed values out of a parsed kata.toml, remembering which keys were used."""

    KNOWN = frozenset(
        {
            "title",
            "module",
            "difficulty",
            "points",
            "order",
            "concepts",
            "questions",
            "hints",
            "timeout",
            "requires-python",
            "sandbox",
            "allow",
        }
    )
    SANDBOX_KNOWN = frozenset({"processes", "memory_mb", "subprocess"})

    def __init__(self, path: Path, data: _Fields, prefix: str = "") -> None:
        self.path = path
        self.data = data
        self.prefix = prefix

    def build(self, root: Path, kata_id: str) -> Kata:
        difficulty = self.integer("difficulty", low=1, high=5)
        module = self.text("module")
        if not MODULE_FILE.match(module):
            self.fail("module", f"expected a file name such as 'repeat.py', got {module!r}")
        return Kata(
            id=kata_id,
            title=self.text("title"),
            module=module,
            difficulty=difficulty,
            points=self.integer("points", low=1, default=10 * difficulty),
            order=self.integer("order", low=0, default=0),
            concepts=self.texts("concepts", minimum=0),
            questions=self.texts("questions", minimum=1),
            hints=self.texts("hints", minimum=1),
            timeout=self.seconds("timeout"),
            requires_python=self.requirement("requires-python"),
            sandbox=self.sandbox(),
            root=root,
            allow=self.allowed(),
        )

    def reject_unknown(self) -> None:
        unknown = sorted(set(self.data) - self.KNOWN)
        if unknown:
            self.fail(
                unknown[0], f"unknown key; the known keys are {', '.join(sorted(self.KNOWN))}"
            )

    def fail(self, key: str, problem: str) -> None:
        raise CatalogError(f"{self.path}: {self.prefix}{key}: {problem}")

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self.data:
            if default is None:
                self.fail(key, "this key is required")
            return default
        return self.data[key]

    def text(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"expected non-empty text, got {value!r}")
        return str(value)

    def texts(self, key: str, minimum: int) -> tuple[str, ...]:
        value = self.get(key, default=[])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(key, "expected a list of non-empty strings")
        if len(value) < minimum:
            self.fail(key, f"expected at least {minimum} entry")
        return tuple(value)

    def integer(
        self, key: str, low: int, high: int | None = None, default: int | None = None
    ) -> int:
        value = self.get(key, default)
        if type(value) is not int or value < low or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f"of at least {low}"
            self.fail(key, f"expected a whole number {bounds}, got {value!r}")
        return int(value)

    def seconds(self, key: str) -> float:
        value = self.get(key, default=DEFAULT_TIMEOUT)
        if type(value) not in (int, float) or not 0 < value <= MAX_TIMEOUT:
            self.fail(key, f"expected seconds between 0 and {MAX_TIMEOUT:g}, got {value!r}")
        return float(value)

    def requirement(self, key: str) -> str:
        value = self.get(key, default=">=3.10")
        try:
            check_requirement(value if isinstance(value, str) else "")
        except RequirementError as error:
            self.fail(key, str(error))
        return str(value)

    def allowed(self) -> tuple[str, ...]:
        kinds = self.texts("allow", minimum=0)
        for kind in kinds:
            if kind not in FLAG_KINDS:
                self.fail("allow", f"unknown flag {kind!r}; the flags are {', '.join(FLAG_KINDS)}")
        return kinds

    def sandbox(self) -> SandboxSettings:
        table = self.get("sandbox", default={})
        if not isinstance(table, dict):
            self.fail("sandbox", "expected a table")
        unknown = sorted(set(table) - self.SANDBOX_KNOWN)
        if unknown:
            self.fail(
                f"sandbox.{unknown[0]}",
                "unknown key; the known keys are " + ", ".join(sorted(self.SANDBOX_KNOWN)),
            )
        inner = _Reader(self.path, table, prefix="sandbox.")
        defaults = SandboxSettings()
        subprocess = table.get("subprocess", defaults.subprocess)
        if type(subprocess) is not bool:
            self.fail("sandbox.subprocess", f"expected true or false, got {subprocess!r}")
        return SandboxSettings(
            processes=inner.integer("processes", low=0, high=64, default=defaults.processes),
            memory_mb=inner.integer("memory_mb", low=64, high=16384, default=defaults.memory_mb),
            subprocess=subprocess,
        )
