"""What grading produces: a result per test, per kata and per run, as plain frozen data.

Reports of every format are rendered from these, so the terminal, JSON, Markdown and JUnit views
can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("passed", "partial", "failed", "not-started", "error", "timeout", "crashed", "skipped")
OUTCOMES = ("passed", "failed", "skipped", "error")

__all__ = ["OUTCOMES", "STATUSES", "KataResult", "RunResult", "TestResult"]


@dataclass(frozen=True)
class TestResult:
    """One grader test. ``error`` means the grader itself broke, which is never the learner's."""

    __test__ = False  # a result, not a test: keep pytest from collecting it

    name: str
    points: float
    outcome: str
    message: str = ""
    output: str = ""
    hint: int = 0  # the kata.toml hint (1-based) this test relates to; 0 when it names none


@dataclass(frozen=True)
class KataResult:
    """One kata graded once: its score out of ``points`` and how it ended."""

    id: str
    title: str
    points: int
    score: float
    status: str
    message: str
    duration_s: float
    tests: tuple[TestResult, ...]
    variant: str = "learner"
    flags: tuple[str, ...] = ()  # constructs the static scan found, for a person to look at

    @property
    def first_failure(self) -> TestResult | None:
        return next((t for t in self.tests if t.outcome in ("failed", "error")), None)

    @property
    def grader_errors(self) -> list[TestResult]:
        return [t for t in self.tests if t.outcome == "error"]


@dataclass(frozen=True)
class RunResult:
    """A grading run on one Python version."""

    python: str
    source: str
    katas: tuple[KataResult, ...]

    @property
    def score(self) -> float:
        return round(sum(k.score for k in self.katas), 2)

    @property
    def points(self) -> int:
        return sum(k.points for k in self.katas)

    @property
    def passed(self) -> int:
        return sum(k.status == "passed" for k in self.katas)

    @property
    def all_passed(self) -> bool:
        return all(k.status in ("passed", "skipped") for k in self.katas)
