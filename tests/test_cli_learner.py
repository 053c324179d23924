"""Tests for pykata.cli_learner: hint, progress, next, reset and report, as a learner runs them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import Run, git

from pykata.report_json import write_report
from pykata.results import KataResult, RunResult, TestResult


def solve(root: Path, kata_id: str) -> None:
    module = f"{kata_id.split('/')[1]}.py"
    shutil.copyfile(root / "solutions" / kata_id / module, root / "katas" / kata_id / module)


def report(root: Path, name: str, python: str, *katas: KataResult, age: float = 0) -> Path:
    path = root / "reports" / name
    write_report(RunResult(python, "katas", katas), path)
    stamp = path.stat().st_mtime - age
    os.utime(path, (stamp, stamp))
    return path


def result(kata_id: str, status: str, score: float, points: int = 10) -> KataResult:
    tests = (TestResult("works", 1.0, "passed" if status == "passed" else "failed", "no"),)
    return KataResult(kata_id, kata_id, points, score, status, "", 0.1, tests)


# hint


def test_hint_shows_the_hints_one_at_a_time_and_remembers_them(run: Run) -> None:
    first = run("hint", "sample/echo")[1]
    assert "Hint 1 of 2 for sample/echo:\n\n  Return the argument." in first
    assert "Still stuck? pykata hint sample/echo" in first
    second = run("hint", "sample/echo")[1]
    assert "Hint 2 of 2 for sample/echo:\n\n  return value" in second
    assert "That was the last hint" in second
    again = run("hint", "sample/echo")[1]
    assert "You have seen every hint for sample/echo" in again
    assert "Hint 2 of 2" in again


def test_hint_with_a_number_shows_that_hint(run: Run) -> None:
    assert "Hint 2 of 2 for sample/adder" in run("hint", "sample/adder", "2")[1]
    assert "Hint 1 of 2 for sample/adder" in run("hint", "sample/adder")[1]


def test_a_hint_number_out_of_range_is_a_usage_error(run: Run) -> None:
    code, _, err = run("hint", "sample/echo", "9")
    assert 2 == code
    assert "sample/echo has hints 1 to 2" in err


def test_grading_points_to_the_hint_of_the_first_failing_test(run: Run, catalog_root: Path) -> None:
    adder = catalog_root / "katas/sample/adder/adder.py"
    adder.write_text("def add(a, b):\n    return abs(a) + abs(b)\n", encoding="utf-8")
    out = run("grade", "sample/adder")[1]
    assert "hint 2 explains this: pykata hint sample/adder 2" in out


# progress and next


def test_progress_before_any_grading_says_so_and_names_the_first_kata(run: Run) -> None:
    code, out, _ = run("progress")
    assert 0 == code
    assert "Nothing graded yet: 0 of 2 katas passed" in out
    assert "Next: sample/echo · Echo" in out
    assert "pykata watch sample/echo" in out


def test_progress_counts_what_grading_recorded_per_topic(run: Run, catalog_root: Path) -> None:
    solve(catalog_root, "sample/echo")
    run("grade")
    code, out, _ = run("progress")
    assert 0 == code
    assert "1 of 2 katas passed · 10/20 points" in out
    assert "Sample   ██████████░░░░░░░░░░  1 of 2 · 10/20 points" in out
    assert "Next: sample/adder" in out


def test_grading_one_kata_keeps_what_was_known_of_the_others(run: Run, catalog_root: Path) -> None:
    solve(catalog_root, "sample/echo")
    run("grade")
    run("grade", "sample/adder")
    assert "1 of 2 katas passed" in run("progress")[1]


def test_progress_takes_the_newest_result_per_python_and_the_worst_python(
    run: Run, catalog_root: Path
) -> None:
    report(catalog_root, "python3.11.json", "3.11.7", result("sample/echo", "failed", 0), age=60)
    report(catalog_root, "old.json", "3.11.2", result("sample/echo", "passed", 10), age=120)
    report(catalog_root, "python3.12.json", "3.12.1", result("sample/echo", "passed", 10))
    report(catalog_root, "later.json", "3.11.7", result("sample/echo", "passed", 10), age=30)
    report(catalog_root, "python3.13.json", "3.13.0", result("sample/adder", "partial", 5))
    out = run("progress", "--all")[1]
    assert "1 of 2 katas passed · 15/20 points" in out
    assert "By Python: 3.11: 1 of 1 graded passed · 3.12: 1 of 1 graded passed · " in out
    assert "3.13: 0 of 1 graded passed" in out
    assert "sample/adder" in out.split("partial")[1].splitlines()[0]


def test_reports_of_other_trees_do_not_count(run: Run, catalog_root: Path) -> None:
    path = catalog_root / "reports" / "solutions.json"
    write_report(RunResult("3.12.1", "solutions", (result("sample/echo", "passed", 10),)), path)
    assert "Nothing graded yet" in run("progress")[1]


def test_an_unreadable_report_is_named_and_skipped(run: Run, catalog_root: Path) -> None:
    (catalog_root / "reports").mkdir()
    (catalog_root / "reports" / "broken.json").write_text("{", encoding="utf-8")
    code, out, err = run("progress")
    assert 0 == code
    assert "skipped a report" in err
    assert "broken.json" in err
    assert "Nothing graded yet" in out


def test_a_file_changed_after_grading_is_pointed_out(run: Run, catalog_root: Path) -> None:
    report(catalog_root, "python3.12.json", "3.12.1", result("sample/echo", "failed", 0), age=60)
    (catalog_root / "katas/sample/echo/echo.py").touch()
    out = run("progress")[1]
    assert "Changed since last graded: sample/echo" in out
    assert "pykata grade sample/echo" in out


def test_next_names_the_next_kata_not_passed(run: Run, catalog_root: Path) -> None:
    assert "Next: sample/echo" in run("next")[1]
    solve(catalog_root, "sample/echo")
    solve(catalog_root, "sample/adder")
    run("grade")
    assert "Every kata passes. Well done!" in run("next")[1]


# reset


@pytest.fixture
def cloned(git_repo: Path) -> Path:
    """The fixture catalog committed, with a learner's attempt at echo committed on top."""
    echo = git_repo / "katas/sample/echo/echo.py"
    echo.write_text("def echo(value):\n    return 'attempt'\n", encoding="utf-8")
    git(git_repo, "commit", "--quiet", "--all", "--message", "My attempt")
    echo.write_text("def echo(value):\n    return 'work in progress'\n", encoding="utf-8")
    return git_repo


def test_reset_restores_the_stub_and_keeps_a_backup(run: Run, cloned: Path) -> None:
    code, out, _ = run("reset", "sample/echo", "--yes")
    assert 0 == code
    echo = cloned / "katas/sample/echo/echo.py"
    assert "raise NotImplementedError" in echo.read_text(encoding="utf-8")
    backups = list((cloned / ".pykata/backups/sample/echo").glob("echo-*.py"))
    assert 1 == len(backups)
    assert "work in progress" in backups[0].read_text(encoding="utf-8")
    assert str(backups[0].relative_to(cloned)) in out


def test_reset_asks_first_and_a_no_changes_nothing(
    run: Run, cloned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = []
    monkeypatch.setattr("builtins.input", lambda question: asked.append(question) or "n")
    code, out, _ = run("reset", "sample/echo")
    assert 1 == code
    assert "Put katas/sample/echo/echo.py back to the stub?" in asked[0]
    assert "Nothing changed." in out
    assert "work in progress" in (cloned / "katas/sample/echo/echo.py").read_text()


def test_reset_with_a_yes_at_the_prompt_restores(
    run: Run, cloned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("builtins.input", lambda question: "y")
    assert 0 == run("reset", "sample/echo")[0]
    assert "NotImplementedError" in (cloned / "katas/sample/echo/echo.py").read_text()


def test_reset_with_no_answer_at_all_changes_nothing(
    run: Run, cloned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def end_of_input(question: str) -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", end_of_input)
    assert 1 == run("reset", "sample/echo")[0]


def test_reset_outside_git_says_why_and_changes_nothing(run: Run, catalog_root: Path) -> None:
    echo = catalog_root / "katas/sample/echo/echo.py"
    echo.write_text("mine\n", encoding="utf-8")
    code, _, err = run("reset", "sample/echo", "--yes")
    assert 2 == code
    assert "git could not read the kata's history" in err
    assert "mine\n" == echo.read_text(encoding="utf-8")
    assert not (catalog_root / ".pykata/backups").exists()


# report


def test_report_writes_the_progress_page_where_asked(run: Run, catalog_root: Path) -> None:
    solve(catalog_root, "sample/echo")
    run("grade")
    page = catalog_root / "reports" / "index.html"
    code, out, _ = run("report", "--html", str(page))
    assert 0 == code
    assert f"Wrote {page}: 1 of 2 katas passed · 10/20 points." in out
    html = page.read_text(encoding="utf-8")
    assert "<title>pykata progress: 1 of 2 katas passed</title>" in html
    assert "sample/adder" in html
    assert "1 of 2 katas passed" in run("progress")[1], "the page is not read as a report"


def test_progress_all_lines_the_heading_up_with_its_columns(run: Run, catalog_root: Path) -> None:
    report(catalog_root, "python3.12.json", "3.12.1", result("sample/echo", "passed", 10))
    lines = run("progress", "--all")[1].splitlines()
    heading = next(line for line in lines if line.strip().startswith("kata"))
    row = next(line for line in lines if "sample/echo" in line and "passed" in line)
    assert heading.index("kata") == row.index("sample/echo")
    assert heading.index("3.12") + len("3.12") == len(row.rstrip())
