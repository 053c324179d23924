"""Tests for pykata.scoring: points by passed weight, and the status the learner reads."""

from __future__ import annotations

import pytest

from pykata.catalog import Catalog
from pykata.jobs import GradeJob
from pykata.results import TestResult
from pykata.scoring import kata_result, kata_score, kata_status, settled_result


def make_tests(*outcomes: tuple[str, float]) -> tuple[TestResult, ...]:
    return tuple(
        TestResult(f"t{i}", points, outcome) for i, (outcome, points) in enumerate(outcomes)
    )


def test_the_score_is_points_times_the_passed_share_of_the_weight() -> None:
    assert 15.0 == kata_score(20, make_tests(("passed", 3), ("failed", 1)))
    assert 6.67 == kata_score(10, make_tests(("passed", 2), ("failed", 1)))


def test_skipped_tests_leave_the_weight_and_grader_errors_count_as_failed() -> None:
    assert 10.0 == kata_score(10, make_tests(("passed", 1), ("skipped", 5)))
    assert 5.0 == kata_score(10, make_tests(("passed", 1), ("error", 1)))
    assert 0.0 == kata_score(10, make_tests(("skipped", 1)))
    assert 0.0 == kata_score(10, ())


@pytest.mark.parametrize(
    ("outcomes", "failure", "untouched", "status"),
    [
        ((("passed", 1), ("passed", 2)), None, False, "passed"),
        ((("passed", 1), ("failed", 2)), None, False, "partial"),
        ((("failed", 1),), None, False, "failed"),
        ((), None, False, "failed"),
        ((("passed", 1),), "timeout", False, "timeout"),
        ((("failed", 1),), "error", False, "error"),
        ((("failed", 1),), "crashed", True, "not-started"),
        ((("failed", 1), ("passed", 1)), None, True, "partial"),
    ],
)
def test_the_status_says_what_happened(
    outcomes: tuple[tuple[str, float], ...], failure: str | None, untouched: bool, status: str
) -> None:
    assert status == kata_status(make_tests(*outcomes), failure, untouched)


def test_a_kata_result_carries_the_job_and_the_failure_message(catalog: Catalog) -> None:
    kata = catalog.katas[0]
    job = GradeJob(kata, kata.solution, "mutant-x")
    result = kata_result(
        job,
        make_tests(("passed", 1)),
        failure=("crashed", "boom"),
        untouched=False,
        duration_s=0.12345,
    )
    assert (kata.id, "crashed", "boom", 0.123, "mutant-x", 10.0) == (
        result.id,
        result.status,
        result.message,
        result.duration_s,
        result.variant,
        result.score,
    )


def test_a_settled_result_scores_nothing(catalog: Catalog) -> None:
    kata = catalog.katas[0]
    result = settled_result(GradeJob(kata, kata.stub), "not-started", "read the README")
    assert (0.0, "not-started", (), kata.points) == (
        result.score,
        result.status,
        result.tests,
        result.points,
    )
