"""Tests for pykata.learner_progress: progress worked out from reports, never stored."""

from __future__ import annotations

import os
from pathlib import Path

from pykata.catalog import Catalog
from pykata.learner_progress import load_progress, next_kata
from pykata.report_json import write_report
from pykata.results import KataResult, RunResult


def result(kata_id: str, status: str, score: float) -> KataResult:
    return KataResult(kata_id, kata_id, 10, score, status, "", 0.1, ())


def report(catalog: Catalog, name: str, python: str, *katas: KataResult, age: float = 0) -> None:
    path = catalog.root / "reports" / name
    write_report(RunResult(python, "katas", katas), path)
    stamp = path.stat().st_mtime - age
    os.utime(path, (stamp, stamp))


def test_with_no_reports_nothing_is_graded_and_every_kata_is_not_started(
    catalog: Catalog,
) -> None:
    progress = load_progress(catalog)
    assert () == progress.pythons
    assert ["not-started", "not-started"] == [k.status for k in progress.katas]
    assert (0, 0.0, 20) == (progress.passed, progress.score, progress.points)


def test_a_kata_passes_only_where_every_python_passed_and_scores_its_worst(
    catalog: Catalog,
) -> None:
    report(catalog, "a.json", "3.11.7", result("sample/echo", "passed", 10))
    report(catalog, "b.json", "3.12.1", result("sample/echo", "partial", 5))
    echo = load_progress(catalog).get("sample/echo")
    assert echo is not None
    assert (False, "partial", 5.0) == (echo.passed, echo.status, echo.score)


def test_the_newest_report_wins_for_each_python(catalog: Catalog) -> None:
    report(catalog, "old.json", "3.12.0", result("sample/echo", "passed", 10), age=100)
    report(catalog, "new.json", "3.12.1", result("sample/echo", "failed", 0))
    progress = load_progress(catalog)
    assert ("3.12",) == progress.pythons
    assert "failed" == progress.katas[0].status


def test_skipped_results_do_not_count_against_a_kata(catalog: Catalog) -> None:
    report(catalog, "a.json", "3.10.1", result("sample/echo", "skipped", 0))
    report(catalog, "b.json", "3.12.1", result("sample/echo", "passed", 10))
    progress = load_progress(catalog)
    assert progress.katas[0].passed
    assert {"3.10": (0, 0), "3.12": (1, 1)} == progress.per_python()


def test_topics_sum_their_katas(catalog: Catalog) -> None:
    report(catalog, "a.json", "3.12.1", result("sample/echo", "passed", 10))
    (topic,) = load_progress(catalog).topics()
    assert ("sample", 1, 2, 10.0, 20) == (
        topic.topic,
        topic.passed,
        topic.total,
        topic.score,
        topic.points,
    )


def test_katas_the_catalog_does_not_have_are_ignored(catalog: Catalog) -> None:
    report(catalog, "a.json", "3.12.1", result("gone/kata", "passed", 10))
    assert None is load_progress(catalog).get("gone/kata")


def test_next_kata_follows_the_curriculum_and_wraps_around(catalog: Catalog) -> None:
    progress = load_progress(catalog)
    first = next_kata(progress)
    assert first is not None
    assert "sample/echo" == first.id
    after_echo = next_kata(progress, after="sample/echo")
    assert after_echo is not None
    assert "sample/adder" == after_echo.id
    after_adder = next_kata(progress, after="sample/adder")
    assert after_adder is not None
    assert "sample/echo" == after_adder.id


def test_next_kata_is_none_once_every_kata_passed(catalog: Catalog) -> None:
    report(
        catalog,
        "a.json",
        "3.12.1",
        result("sample/echo", "passed", 10),
        result("sample/adder", "passed", 10),
    )
    assert None is next_kata(load_progress(catalog))


def test_a_missing_learner_file_is_not_counted_as_changed(catalog: Catalog) -> None:
    report(catalog, "a.json", "3.12.1", result("sample/echo", "failed", 0), age=60)
    (catalog.root / "katas/sample/echo/echo.py").unlink()
    echo = load_progress(catalog).get("sample/echo")
    assert echo is not None
    assert not echo.changed


def test_reports_folder_may_hold_other_files(catalog: Catalog) -> None:
    folder = catalog.root / "reports"
    folder.mkdir()
    (folder / "index.html").write_text("<html></html>")
    (folder / "notes.txt").write_text("mine")
    assert () == load_progress(catalog).problems


def test_progress_reads_the_records_of_grading(catalog: Catalog, tmp_path: Path) -> None:
    from pykata.grade_records import record_run

    record_run(catalog.root, RunResult("3.13.0", "katas", (result("sample/adder", "passed", 10),)))
    assert 1 == load_progress(catalog).passed
