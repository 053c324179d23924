"""Tests for pykata.runner: grading end to end (hostile code has its own suite: test_hostile.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pykata.catalog import Catalog
from pykata.jobs import GradeJob, learner_jobs
from pykata.results import KataResult
from pykata.runner import run_jobs, settle_early


def grade(catalog: Catalog, source: Path, mode: str = "fork") -> dict[str, KataResult]:
    outcome = run_jobs(learner_jobs(list(catalog.katas), source), catalog.root, mode)
    assert [] == outcome.problems
    return {r.id: r for r in outcome.results}


def test_solutions_pass_in_every_mode(
    catalog: Catalog, learner_tree: Callable[..., Path], mode: str
) -> None:
    results = grade(catalog, learner_tree(), mode)
    assert {"sample/echo": "passed", "sample/adder": "passed"} == {
        k: r.status for k, r in results.items()
    }
    assert 10.0 == results["sample/echo"].score
    assert ["echoes an int", "echoes a tuple", "Echoes the same value on every call."] == [
        t.name for t in results["sample/echo"].tests
    ]


def test_untouched_stubs_are_graded_and_labelled_not_started(catalog: Catalog) -> None:
    results = grade(catalog, catalog.root / "katas")
    assert {"not-started"} == {r.status for r in results.values()}
    assert {0.0} == {r.score for r in results.values()}
    assert "read katas/sample/echo/README.md" in results["sample/echo"].message
    assert 3 == len(results["sample/echo"].tests), "the graders ran: the score is theirs"


def test_a_solved_kata_in_the_katas_folder_itself_is_graded(catalog: Catalog) -> None:
    """The learner edits katas/ in place: the stub's own path must not count as untouched."""
    kata = catalog.katas[0]
    kata.stub.write_bytes(kata.solution.read_bytes())
    assert "passed" == grade(catalog, catalog.root / "katas")["sample/echo"].status


def test_a_stub_with_comments_only_added_is_still_not_started(catalog: Catalog) -> None:
    kata = catalog.katas[0]
    kata.stub.write_text("# I will start tomorrow\n" + kata.stub.read_text())
    assert "not-started" == grade(catalog, catalog.root / "katas")["sample/echo"].status


def test_results_are_reported_as_each_kata_is_decided(
    catalog: Catalog, learner_tree: Callable[..., Path]
) -> None:
    seen: list[str] = []
    jobs = learner_jobs(list(catalog.katas), learner_tree())
    run_jobs(jobs, catalog.root, "fork", lambda result: seen.append(result.id))
    assert ["sample/echo", "sample/adder"] == seen


def test_a_kata_for_a_newer_python_is_skipped(catalog: Catalog, tmp_path: Path) -> None:
    kata = catalog.katas[0]
    import dataclasses

    future = dataclasses.replace(kata, requires_python=">=4.0")
    result = settle_early(GradeJob(future, kata.solution))
    assert result is not None
    assert "skipped" == result.status
    assert "needs Python >=4.0" in result.message


def test_a_missing_file_is_an_error_for_that_kata_only(
    catalog: Catalog, learner_tree: Callable[..., Path]
) -> None:
    source = learner_tree()
    (source / "sample/echo/echo.py").unlink()
    results = grade(catalog, source)
    assert ("error", "passed") == (results["sample/echo"].status, results["sample/adder"].status)


def test_a_partial_solution_scores_its_share(
    catalog: Catalog, learner_tree: Callable[..., Path], tmp_path: Path
) -> None:
    partial = tmp_path / "echo.py"
    partial.write_text("def echo(value):\n    return value if isinstance(value, int) else None\n")
    result = grade(catalog, learner_tree(echo=partial))["sample/echo"]
    assert ("partial", 5.0) == (result.status, result.score)
    failure = result.first_failure
    assert failure is not None
    assert "echo((1, 'a')) returned None" == failure.message


def test_output_of_a_failing_test_is_kept_for_the_learner(
    catalog: Catalog, learner_tree: Callable[..., Path], tmp_path: Path
) -> None:
    chatty = tmp_path / "echo.py"
    chatty.write_text("def echo(value):\n    print('debug:', value)\n    return None\n")
    result = grade(catalog, learner_tree(echo=chatty))["sample/echo"]
    assert "debug: 1\n" == result.tests[0].output


def test_a_grader_that_breaks_is_reported_as_the_graders_fault(
    catalog: Catalog, learner_tree: Callable[..., Path]
) -> None:
    graders = catalog.root / "graders/sample/echo/test_echo.py"
    graders.write_text(graders.read_text() + "\n\ndef test_broken(kata):\n    {}['x']\n")
    results = grade(catalog, learner_tree())
    broken = results["sample/echo"].tests[-1]
    assert "error" == broken.outcome
    assert "the graders could not check this (KeyError" in broken.message


def test_grader_files_that_cannot_load_are_problems(
    catalog: Catalog, learner_tree: Callable[..., Path]
) -> None:
    (catalog.root / "graders/sample/echo/test_echo.py").write_text("import nowhere\n")
    outcome = run_jobs(learner_jobs(list(catalog.katas), learner_tree()), catalog.root, "fork")
    assert any("cannot load graders" in p for p in outcome.problems)
    assert any("no grader test ran for this kata" in p for p in outcome.problems)


def test_a_grader_test_without_the_kata_fixture_is_a_problem(
    catalog: Catalog, learner_tree: Callable[..., Path]
) -> None:
    graders = catalog.root / "graders/sample/echo/test_echo.py"
    graders.write_text(graders.read_text() + "\n\ndef test_alone():\n    assert True, 'x'\n")
    outcome = run_jobs(learner_jobs(list(catalog.katas), learner_tree()), catalog.root, "fork")
    assert any("must use the `kata` fixture" in p for p in outcome.problems)
