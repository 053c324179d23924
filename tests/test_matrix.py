"""Tests for pykata.matrix: a kata passes overall only where it passes on every Python graded."""

from __future__ import annotations

from pykata.matrix import merge_runs
from pykata.results import KataResult, RunResult


def run(python: str, **statuses: str) -> RunResult:
    katas = tuple(
        KataResult(
            kata_id.replace("_", "/"), "T", 10, 10.0 if s == "passed" else 0.0, s, "", 0.0, ()
        )
        for kata_id, s in statuses.items()
    )
    return RunResult(python, "katas", katas)


def test_versions_are_columns_in_version_order() -> None:
    matrix = merge_runs(
        [run("3.13.0", a_b="passed"), run("3.9.1", a_b="passed"), run("3.10.2", a_b="passed")]
    )
    assert ("3.9.1", "3.10.2", "3.13.0") == matrix.pythons


def test_a_kata_passes_overall_only_if_it_passes_everywhere_it_was_graded() -> None:
    matrix = merge_runs(
        [
            run("3.10.1", a_one="passed", a_two="passed", a_new="skipped"),
            run("3.13.0", a_one="passed", a_two="failed", a_new="passed"),
        ]
    )
    overall = {kata_id: passed for kata_id, _, passed in matrix.rows}
    assert {"a/one": True, "a/two": False, "a/new": True} == overall
    assert 2 == matrix.passed


def test_a_kata_missing_from_a_report_shows_a_dash_and_never_graded_is_not_passed() -> None:
    matrix = merge_runs([run("3.10.1", a_one="skipped"), run("3.11.1")])
    assert [("a/one", ("skipped", "-"), False)] == list(matrix.rows)
