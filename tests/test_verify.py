"""Tests for pykata.verify: verify proves graders fair, and fails when they are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from pykata.catalog import Catalog
from pykata.results import KataResult, TestResult
from pykata.runner import run_jobs
from pykata.verify import judge, mutant_mistake, verify_jobs


def verify(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    katas = list(catalog.katas)
    results = run_jobs(verify_jobs(katas), catalog.root, "fork").results
    return {k.id: judge(k, [r for r in results if r.id == k.id]).problems for k in katas}


def test_jobs_grade_the_solution_the_stub_and_every_mutant(catalog: Catalog) -> None:
    jobs = verify_jobs([catalog.katas[0]])
    assert [
        "solution",
        "stub",
        "mutant-returns_none",
        "mutant-returns_true",
        "mutant-stringifies",
    ] == [j.variant for j in jobs]


def test_fair_graders_have_no_problems(catalog: Catalog) -> None:
    assert {"sample/echo": (), "sample/adder": ()} == verify(catalog)


def test_a_weakened_grader_lets_a_mutant_survive_and_verify_says_which(catalog: Catalog) -> None:
    lax = catalog.root / "graders/sample/echo/test_echo.py"
    lax.write_text(
        "def test_echoes_an_int(kata):\n"
        "    result = kata.probe('echoed', 1)\n"
        "    assert result == 1, f'echo(1) returned {result!r}'\n"  # True == 1: lax on purpose
    )
    problems = verify(catalog)["sample/echo"]
    survivor = "mutant returns_true.py survived (Mistake: returns True for everything)"
    assert [f"{survivor}: no test fails on it"] == list(problems)


def test_a_grader_that_passes_the_stub_is_reported(catalog: Catalog) -> None:
    graders = catalog.root / "graders/sample/adder/test_adder.py"
    graders.write_text(
        graders.read_text() + "\n\ndef test_always(kata):\n    assert True, 'never'\n"
    )
    problems = verify(catalog)["sample/adder"]
    assert "these tests pass on the untouched stub: always" in problems
    assert any(p.startswith("the untouched stub should score 0") for p in problems)


def test_a_solution_that_fails_is_reported_with_its_first_failure(catalog: Catalog) -> None:
    (catalog.root / "solutions/sample/adder/adder.py").write_text("def add(a, b):\n    return 0\n")
    problems = verify(catalog)["sample/adder"]
    assert problems[0].startswith(
        "the solution scored 0/10 (failed): adds small numbers: add(2, 3)"
    )


def test_a_solution_the_static_scan_flags_is_reported(catalog: Catalog) -> None:
    solution = catalog.root / "solutions/sample/echo/echo.py"
    solution.write_text("import gc\n" + solution.read_text())
    problems = verify(catalog)["sample/echo"]
    assert ["the static scan flags the solution: echo.py:1: imports gc"] == [
        p.split(" (")[0] for p in problems
    ]


def test_judging_reports_grader_errors_and_missing_results(catalog: Catalog) -> None:
    kata = catalog.katas[0]
    broken = KataResult(
        kata.id,
        "E",
        10,
        10.0,
        "passed",
        "",
        0.0,
        (TestResult("t", 1.0, "error", "boom"),),
        "solution",
    )
    verdict = judge(kata, [broken])
    assert "solution: t: boom" in verdict.problems
    assert any(
        "the untouched stub should score 0" in p and "did not run" in p for p in verdict.problems
    )
    assert (
        judge(kata, []).problems[0]
        == "the solution scored nothing (it did not run): it was not graded"
    )


@pytest.mark.parametrize(
    ("text", "mistake"),
    [
        ("# Mistake: no lock\nx = 1\n", "Mistake: no lock"),
        ("x = 1\n", "its first line names no mistake"),
        ("", "unreadable"),
    ],
)
def test_a_mutants_mistake_is_its_first_comment_line(
    tmp_path: Path, text: str, mistake: str
) -> None:
    path = tmp_path / "m.py"
    path.write_text(text)
    assert mistake == mutant_mistake(path)
