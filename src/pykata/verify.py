"""``pykata verify``: prove each kata's graders fair by grading known answers.

For every kata the reference solution must earn full marks, the untouched stub must fail every
test (so it scores nothing and reads ``not-started``), and every mutant, a plausible wrong
implementation, must lose points. A grader that lets a mutant through is too weak.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .jobs import GradeJob
from .kata import Kata
from .results import KataResult

__all__ = ["Verdict", "judge", "mutant_mistake", "verify_jobs"]


@dataclass(frozen=True)
class Verdict:
    """What verifying one kata found; it is fair when ``problems`` is empty."""

    kata_id: str
    problems: tuple[str, ...]
    mutants_caught: int
    mutants: int


def verify_jobs(katas: list[Kata]) -> list[GradeJob]:
    """Jobs grading each kata's solution, stub and mutants."""
    jobs = []
    for kata in katas:
        jobs.append(GradeJob(kata, kata.solution, "solution"))
        jobs.append(GradeJob(kata, kata.stub, "stub"))
        jobs.extend(GradeJob(kata, m, f"mutant-{m.stem}") for m in kata.mutants())
    return jobs


def judge(kata: Kata, results: list[KataResult]) -> Verdict:
    """Check one kata's results from ``verify_jobs``."""
    by_variant = {r.variant: r for r in results}
    problems: list[str] = []
    solution, stub = by_variant.get("solution"), by_variant.get("stub")
    if solution is None or solution.status != "passed" or solution.score != kata.points:
        problems.append(f"the solution scored {_score(solution)}: {_why(solution)}")
    problems += [
        f"the static scan flags the solution: {flag}; if the kata needs it, list its kind "
        "under `allow` in kata.toml"
        for flag in (solution.flags if solution else ())
    ]
    if stub is None or stub.status != "not-started" or stub.score != 0:
        problems.append(f"the untouched stub should score 0 as not-started, got {_score(stub)}")
    passing = [t.name for t in (stub.tests if stub else ()) if t.outcome == "passed"]
    if passing:
        problems.append(f"these tests pass on the untouched stub: {', '.join(passing)}")
    mutants = [r for r in results if r.variant.startswith("mutant-")]
    caught = 0
    for result in mutants:
        if result.score < kata.points:
            caught += 1
        else:
            path = kata.solution_dir / "mutants" / (result.variant.removeprefix("mutant-") + ".py")
            problems.append(
                f"mutant {path.name} survived ({mutant_mistake(path)}): no test fails on it"
            )
    for result in results:
        problems.extend(f"{result.variant}: {t.name}: {t.message}" for t in result.grader_errors)
    return Verdict(kata.id, tuple(problems), caught, len(mutants))


def _score(result: KataResult | None) -> str:
    return (
        "nothing (it did not run)"
        if result is None
        else f"{result.score:g}/{result.points} ({result.status})"
    )


def _why(result: KataResult | None) -> str:
    if result is None:
        return "it was not graded"
    failure = result.first_failure
    if result.message:
        return result.message
    return f"{failure.name}: {failure.message}" if failure else "no test failed"


def mutant_mistake(path: Path) -> str:
    """The mistake a mutant makes, from its first line: ``# Mistake: forgets the lock``."""
    try:
        first = path.read_text(encoding="utf-8").splitlines()[0]
    except (OSError, IndexError, UnicodeDecodeError):
        return "unreadable"
    return first.lstrip("#").strip() if first.startswith("#") else "its first line names no mistake"
