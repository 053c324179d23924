"""Tests for pykata.cli: commands, their output and their exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import HOSTILE, Run

from pykata import __version__
from pykata.catalog import Catalog
from pykata.cli import main
from pykata.report_json import write_report
from pykata.results import KataResult, RunResult
from pykata.runner import GradingInterrupted


def test_grading_untouched_stubs_shows_them_not_started_and_exits_1(run: Run) -> None:
    code, out, err = run("grade")
    assert 1 == code
    assert "· not-started sample/echo" in out
    assert "Total: 0/20 points · 0 of 2 katas passed" in out
    assert "[2/2] sample/adder: not-started 0/10" in err


def test_grading_solved_katas_exits_0_and_writes_every_report(
    run: Run, learner_tree: Callable[..., Path], tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    code, out, _ = run(
        "grade",
        "--source",
        str(learner_tree()),
        "--json",
        str(reports / "r.json"),
        "--markdown",
        str(reports / "r.md"),
        "--junit",
        str(reports / "r.xml"),
    )
    assert 0 == code
    assert "Total: 20/20 points · 2 of 2 katas passed" in out
    assert 20 == json.loads((reports / "r.json").read_text())["total"]["score"]
    assert "## pykata: 20/20 points" in (reports / "r.md").read_text()
    assert "<testsuites" in (reports / "r.xml").read_text()


def test_a_failing_kata_shows_its_first_failure_and_exit_zero_overrides_the_code(
    run: Run, learner_tree: Callable[..., Path]
) -> None:
    source = learner_tree(echo=HOSTILE / "missing_name.py")
    code, out, _ = run("grade", "sample/echo", "--source", str(source))
    assert 1 == code
    assert "echo.py does not define `echo`: did you rename or delete it?" in out
    assert "stuck? pykata hint sample/echo" in out
    assert 0 == run("grade", "sample/echo", "--source", str(source), "--exit-zero")[0]


def test_broken_graders_exit_3_and_say_it_is_not_the_learners_fault(
    run: Run, catalog_root: Path, learner_tree: Callable[..., Path]
) -> None:
    (catalog_root / "graders/sample/echo/test_echo.py").write_text("import nowhere\n")
    code, _, err = run("grade", "--source", str(learner_tree()))
    assert 3 == code
    assert "The graders themselves are broken (not your fault)" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("grade", "nothing-like-it"), "no kata or topic is called 'nothing-like-it'"),
        (("grade", "--source", "/no/such/folder"), "is not a folder"),
        (("hint", "sample/echo", "9"), "has hints 1 to 2"),
        (("show", "sample"), "names 2 katas; give one kata id"),
    ],
)
def test_usage_errors_exit_2_with_a_message(run: Run, args: tuple[str, ...], message: str) -> None:
    code, _, err = run(*args)
    assert 2 == code
    assert message in err


def test_running_outside_a_clone_is_a_usage_error(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("list", root=False)
    assert 2 == code
    assert "Run pykata from the root of your pykata clone" in err


def test_the_clone_is_found_from_the_current_folder(
    run: Run, catalog_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(catalog_root / "katas")
    assert "sample/echo" in run("list", root=False)[1]


def test_a_broken_catalog_is_an_internal_error(run: Run, catalog_root: Path) -> None:
    (catalog_root / "katas/sample/echo/kata.toml").write_text("title = 3\n")
    code, _, err = run("list")
    assert 3 == code
    assert "kata.toml" in err


def test_no_command_prints_help_and_version_is_shown(
    run: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 2 == run()[0]
    with pytest.raises(SystemExit):
        main(["--version"])
    assert __version__ in capsys.readouterr().out


def test_list_and_show_tell_the_learner_what_to_do(run: Run) -> None:
    listing = run("list")[1]
    assert "Sample\n  sample/echo" in listing
    shown = run("show", "echo")[1]
    assert "Echo (sample/echo) · difficulty 1/5 · 10 points" in shown
    assert "Edit katas/sample/echo/echo.py, then run: pykata grade sample/echo" in shown
    assert "# Echo" in shown


def test_new_scaffolds_a_kata_and_prints_what_it_made(run: Run, catalog_root: Path) -> None:
    code, out, _ = run("new", "sample/retry-loop")
    assert 0 == code
    assert "katas/sample/retry-loop/retry_loop.py" in out
    assert "Retry loop" in (catalog_root / "katas/sample/retry-loop/kata.toml").read_text()
    code, _, err = run("new", "sample/retry-loop")
    assert (3, True) == (code, "never overwrites" in err)


def test_readme_updates_the_table_and_check_reports_drift(run: Run, catalog_root: Path) -> None:
    readme = catalog_root / "README.md"
    assert (0, "up to date\n") == run("readme", "--check")[:2]
    readme.write_text(readme.read_text().replace("Adder", "Subtracter"))
    assert 1 == run("readme", "--check")[0]
    assert "updated" in run("readme")[1]
    assert "was up to date" in run("readme")[1]


def test_verify_passes_on_fair_graders_and_fails_on_drift(run: Run, catalog_root: Path) -> None:
    code, out, _ = run("verify")
    assert 0 == code
    assert "sample/echo  (3/3 mutants caught)" in out
    assert "All 2 katas are fair" in out
    (catalog_root / "solutions/sample/adder/mutants/first.py").unlink()
    readme = catalog_root / "README.md"
    readme.write_text(readme.read_text().replace("Adder", "Subtracter"))
    code, out, _ = run("verify")
    assert 1 == code
    assert "sample/adder: has 2 mutants, at least 3 are needed" in out
    assert "README.md: the catalog table is out of date" in out
    code, out, _ = run("verify", "sample/adder")
    assert "README.md" not in out


def test_verify_can_run_in_parallel_workers(run: Run) -> None:
    code, out, err = run("verify", "--jobs", "2")
    assert 0 == code
    assert "verifying 2 katas in 2 workers" in err
    assert "sample/echo  (3/3 mutants caught)" in out
    assert "All 2 katas are fair" in out


def test_matrix_merges_reports_of_several_pythons(run: Run, tmp_path: Path) -> None:
    def report(python: str, status: str) -> Path:
        kata = KataResult(
            "sample/echo", "Echo", 10, 10.0 if status == "passed" else 0.0, status, "", 0.0, ()
        )
        path = tmp_path / f"{python}.json"
        write_report(RunResult(python, "katas", (kata,)), path)
        return path

    code, out, _ = run("matrix", str(report("3.10.1", "passed")), str(report("3.13.0", "failed")))
    assert 1 == code
    assert "0 of 1 katas pass on every Python graded" in out
    assert 0 == run("matrix", str(report("3.10.1", "passed")))[0]
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    assert 3 == run("matrix", str(bad))[0]


def test_an_interrupted_run_exits_130(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*args: object, **kwargs: object) -> None:
        raise GradingInterrupted([])

    monkeypatch.setattr("pykata.cli.run_jobs", interrupt)
    assert 130 == run("grade")[0]
    monkeypatch.setattr(
        "pykata.cli.run_jobs", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt())
    )
    assert 130 == run("grade")[0]


def test_the_sandbox_mode_can_be_chosen(run: Run, learner_tree: Callable[..., Path]) -> None:
    assert 0 == run("grade", "--sandbox", "spawn", "--source", str(learner_tree()))[0]


def test_the_catalog_fixture_is_consistent(catalog: Catalog) -> None:
    assert 2 == len(catalog.katas)
