"""Tests for pykata.results: totals a report is built from."""

from __future__ import annotations

from pykata.results import RunResult


def test_totals_add_up_over_the_katas(sample_run: RunResult) -> None:
    assert (30.0, 60, 1) == (sample_run.score, sample_run.points, sample_run.passed)
    assert not sample_run.all_passed


def test_the_first_failure_skips_passed_and_skipped_tests(sample_run: RunResult) -> None:
    adder = sample_run.katas[0]
    assert adder.first_failure is not None
    assert "subtracts" == adder.first_failure.name
    assert [] == adder.grader_errors
    assert sample_run.katas[1].first_failure is None
