"""The score that counts for a pull request, from reports that are checked, not trusted."""

from __future__ import annotations

import json
from pathlib import Path

from pykata.catalog import Catalog
from pykata.ci_score import load_reports, score_pull_request
from pykata.report_json import write_report
from pykata.results import KataResult, RunResult


def result(kata_id: str, score: float, status: str, points: int = 10) -> KataResult:
    return KataResult(kata_id, kata_id, points, score, status, "", 0.1, ())


def run(python: str, *katas: KataResult) -> RunResult:
    return RunResult(python, "katas", katas)


def by_id(catalog: Catalog, runs: list[RunResult]) -> dict[str, tuple[float, str]]:
    score = score_pull_request(catalog, runs)
    return {k.kata.id: (k.score, k.status) for k in score.katas}


def test_a_kata_scores_its_worst_python_and_passes_only_where_it_passes_everywhere(
    catalog: Catalog,
) -> None:
    runs = [
        run("3.12.1", result("sample/echo", 10, "passed"), result("sample/adder", 10, "passed")),
        run("3.10.13", result("sample/echo", 5, "partial"), result("sample/adder", 10, "passed")),
    ]

    score = score_pull_request(catalog, runs)

    assert ("3.10.13", "3.12.1") == score.pythons
    assert {"sample/echo": (5, "partial"), "sample/adder": (10, "passed")} == by_id(catalog, runs)
    assert (15, 20, 1) == (score.score, score.points, score.passed)


def test_a_python_that_skipped_a_kata_does_not_count_against_it(catalog: Catalog) -> None:
    runs = [
        run("3.10.13", result("sample/echo", 0, "skipped")),
        run("3.13.0", result("sample/echo", 10, "passed")),
    ]

    assert (10, "passed") == by_id(catalog, runs)["sample/echo"]


def test_a_kata_missing_from_a_report_scores_nothing(catalog: Catalog) -> None:
    runs = [run("3.12.1", result("sample/echo", 10, "passed"))]

    score = score_pull_request(catalog, runs)

    adder = next(k for k in score.katas if k.kata.id == "sample/adder")
    assert (0, "error") == (adder.score, adder.status)
    assert "did not include" in adder.failure


def test_no_report_at_all_scores_every_kata_as_an_error(catalog: Catalog) -> None:
    score = score_pull_request(catalog, [])

    assert {"error"} == {k.status for k in score.katas}
    assert 0 == score.score


def test_points_come_from_the_catalog_not_the_report(catalog: Catalog) -> None:
    runs = [run("3.12.1", result("sample/echo", 500, "passed", points=500))]

    score = score_pull_request(catalog, runs)

    assert (0, "error") == by_id(catalog, runs)["sample/echo"]
    assert any("does not add up" in note for note in score.notes)


def test_a_score_that_contradicts_its_status_is_dropped(catalog: Catalog) -> None:
    runs = [run("3.12.1", result("sample/echo", 10, "failed"), result("sample/adder", 3, "passed"))]

    assert {(0, "error")} == set(by_id(catalog, runs).values())


def test_unknown_katas_duplicates_and_bad_versions_are_noted_and_ignored(
    catalog: Catalog,
) -> None:
    runs = [
        run("3.12.1", result("sample/echo", 10, "passed"), result("evil/kata", 10, "passed")),
        run("3.12.1", result("sample/adder", 10, "passed")),
        run("<b>3</b>", result("sample/adder", 10, "passed")),
    ]

    score = score_pull_request(catalog, runs)

    assert ("3.12.1",) == score.pythons
    assert 10 == score.score
    assert 3 == len(score.notes)


def test_reports_that_fail_the_schema_are_refused_with_a_note(
    tmp_path: Path, catalog: Catalog
) -> None:
    write_report(run("3.12.1", result("sample/echo", 10, "passed")), tmp_path / "python3.12.json")
    data = json.loads((tmp_path / "python3.12.json").read_text())
    data["python"] = "3.11.7"
    data["katas"][0]["score"] = float("nan")
    (tmp_path / "python3.11.json").write_text(json.dumps(data))
    data["katas"][0]["score"] = -1
    (tmp_path / "python3.13.json").write_text(json.dumps(data))

    runs, notes = load_reports(tmp_path)

    assert ["3.12.1"] == [r.python for r in runs]
    assert 2 == len(notes)
