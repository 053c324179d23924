"""Tests for pykata.plugin: how a grader test's ending becomes a learner's message."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pykata.catalog import Catalog
from pykata.grading import LearnerRaised
from pykata.jobs import learner_jobs
from pykata.kata_sandbox import GraderFault, ProbeFailed, SandboxFailure
from pykata.plugin import classify_failure
from pykata.runner import run_jobs
from pykata.sandbox.codec import Raised

if sys.version_info >= (3, 11):
    from builtins import ExceptionGroup
else:  # pragma: no cover
    from exceptiongroup import ExceptionGroup


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (AssertionError("add(1, 2) returned 4"), ("failed", "add(1, 2) returned 4")),
        (AssertionError("msg\nassert 4 == 3"), ("failed", "msg")),
        (AssertionError(), ("failed", "a check failed")),
        (SandboxFailure("timeout", "too slow"), ("failed", "too slow")),
        (ProbeFailed("too big"), ("failed", "too big")),
        (LearnerRaised(Raised("E", ("E",), ""), "f()", "m.py"), ("failed", "f() raised E")),
        (GraderFault("no probe"), ("error", "the graders are broken: no probe")),
        (KeyError("x"), ("error", "the graders could not check this (KeyError: 'x')")),
        (None, ("error", "the graders could not check this (an unknown error: None)")),
        (ExceptionGroup("many", [AssertionError("first")]), ("failed", "first")),
    ],
)
def test_failures_are_classified_and_explained(
    error: BaseException | None, expected: tuple[str, str]
) -> None:
    assert expected == classify_failure(error)


def test_pytest_fail_is_the_learners_failure() -> None:
    with pytest.raises(pytest.fail.Exception) as caught:
        pytest.fail("explicit")
    assert ("failed", "explicit") == classify_failure(caught.value)


def test_a_flaky_hypothesis_failure_is_explained() -> None:
    FlakyFailure = type("FlakyFailure", (Exception,), {})
    assert "different results" in classify_failure(FlakyFailure())[1]


def test_a_hypothesis_example_is_added_to_the_message() -> None:
    error = AssertionError("wrong")
    error.__notes__ = ["Falsifying example: test_x(ops=[1, 2])"]
    assert ("failed", "wrong\nFalsifying example: test_x(ops=[1, 2])") == classify_failure(error)


def write_graders(catalog: Catalog, text: str) -> None:
    (catalog.root / "graders/sample/adder/test_adder.py").write_text(text)


def grade_adder(catalog: Catalog, source: Path) -> object:
    jobs = learner_jobs([catalog.katas[1]], source)
    return run_jobs(jobs, catalog.root, "fork")


def test_weights_docstrings_parameters_and_skips_shape_the_result(
    catalog: Catalog, learner_tree: Callable[..., Path]
) -> None:
    write_graders(
        catalog,
        '''
import pytest

@pytest.mark.points(3)
def test_heavy(kata):
    """Adds two numbers."""
    assert kata.call("add", 1, 2) == 3, "add(1, 2)"

@pytest.mark.parametrize("n", [1, 2])
def test_light(kata, n):
    assert kata.call("add", n, 0) == 0, f"add({n}, 0) returned {n}"

def test_not_here(kata):
    pytest.skip("not on this Python")
''',
    )
    outcome = grade_adder(catalog, learner_tree())
    result = outcome.results[0]  # type: ignore[attr-defined]
    assert [
        ("Adds two numbers.", 3.0, "passed"),
        ("light (n=1)", 1.0, "failed"),
        ("light (n=2)", 1.0, "failed"),
        ("not here", 1.0, "skipped"),
    ] == [(t.name, t.points, t.outcome) for t in result.tests]
    assert ["add(1, 0) returned 1", "add(2, 0) returned 2"] == [
        t.message for t in result.tests[1:3]
    ]
    assert ("partial", 6.0) == (result.status, result.score)


def test_a_points_marker_without_a_positive_number_stops_the_run(
    catalog: Catalog, learner_tree: Callable[..., Path]
) -> None:
    write_graders(
        catalog,
        "import pytest\n\n@pytest.mark.points(0)\ndef test_x(kata):\n    assert True, 'x'\n",
    )
    outcome = grade_adder(catalog, learner_tree())
    assert outcome.problems  # type: ignore[attr-defined]


def test_each_test_records_the_hint_it_names_and_a_case_can_name_its_own(
    catalog: Catalog, learner_tree: Callable[..., Path]
) -> None:
    write_graders(
        catalog,
        """
import pytest


@pytest.mark.hint(1)
@pytest.mark.parametrize("n", [1, pytest.param(2, marks=pytest.mark.hint(2))])
def test_cases(kata, n):
    assert kata.call("add", n, 0) == n + 1, "wrong"


def test_untied(kata):
    assert False, "wrong"
""",
    )
    outcome = grade_adder(catalog, learner_tree())
    (result,) = outcome.results  # type: ignore[attr-defined]
    assert [1, 2, 0] == [t.hint for t in result.tests]


@pytest.mark.parametrize("mark", ["hint(3)", "hint(0)", "hint('1')", "hint()"])
def test_a_hint_mark_naming_no_hint_of_the_kata_is_a_grader_problem(
    catalog: Catalog, learner_tree: Callable[..., Path], mark: str
) -> None:
    write_graders(
        catalog,
        f"import pytest\n\n@pytest.mark.{mark}\ndef test_x(kata):\n    assert True, 'x'\n",
    )
    problems = grade_adder(catalog, learner_tree()).problems  # type: ignore[attr-defined]
    assert any("@pytest.mark.hint needs a hint number from 1 to 2" in p for p in problems)
