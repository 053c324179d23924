"""Turn test outcomes into a kata's score and status.

Score = points x (passed weight / weight of the tests that apply). The status says what happened
to the learner: a kata that could not even be imported is ``error``, one that ran out of time is
``timeout``, one whose sandbox died is ``crashed``; otherwise the tests decide.
"""

from __future__ import annotations

from .jobs import GradeJob
from .results import KataResult, TestResult

__all__ = ["kata_result", "kata_score", "kata_status", "settled_result"]


def kata_score(points: int, tests: tuple[TestResult, ...]) -> float:
    """The points earned: skipped tests do not count, every other test that did not pass fails."""
    total = sum(t.points for t in tests if t.outcome != "skipped")
    if total <= 0:
        return 0.0
    passed = sum(t.points for t in tests if t.outcome == "passed")
    return round(points * passed / total, 2)


def kata_status(tests: tuple[TestResult, ...], failure: str | None, untouched: bool) -> str:
    """The status of a graded kata; ``failure`` is the sandbox failure kind, if any.

    ``not-started`` needs both an untouched stub and a score of nothing: a stub-shaped file that
    somehow earns points gets the status its tests earned.
    """
    counted = [t for t in tests if t.outcome != "skipped"]
    passed = sum(t.outcome == "passed" for t in counted)
    if untouched and not passed:
        return "not-started"
    if failure is not None:
        return failure
    if counted and passed == len(counted):
        return "passed"
    return "partial" if passed else "failed"


def kata_result(
    job: GradeJob,
    tests: tuple[TestResult, ...],
    *,
    failure: tuple[str, str] | None,
    untouched: bool,
    duration_s: float,
) -> KataResult:
    """Build a kata's result; ``failure`` is ``(kind, message)`` of the sandbox, if it failed."""
    kata = job.kata
    status = kata_status(tests, failure[0] if failure else None, untouched)
    if status == "not-started":
        message = f"not started yet: read katas/{kata.id}/README.md, then edit {kata.module}"
    else:
        message = failure[1] if failure else ""
    return KataResult(
        id=kata.id,
        title=kata.title,
        points=kata.points,
        score=kata_score(kata.points, tests),
        status=status,
        message=message,
        duration_s=round(duration_s, 3),
        tests=tests,
        variant=job.variant,
    )


def settled_result(job: GradeJob, status: str, message: str) -> KataResult:
    """The result of a kata that was not run: skipped, not started, or impossible to grade."""
    kata = job.kata
    return KataResult(kata.id, kata.title, kata.points, 0.0, status, message, 0.0, (), job.variant)
