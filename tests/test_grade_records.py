"""Tests for pykata.grade_records: one small report per kata and Python."""

from __future__ import annotations

from pathlib import Path

from pykata.grade_records import RECORDS, minor_version, record_run
from pykata.report_json import load_report
from pykata.results import KataResult, RunResult


def test_each_kata_gets_its_own_report_per_python_minor_version(
    tmp_path: Path, sample_run: RunResult
) -> None:
    written = record_run(tmp_path, sample_run)
    assert tmp_path / RECORDS / "math/adder/python3.12.json" == written[0]
    assert 4 == len(written)
    again = load_report(written[0])
    assert ("3.12.1", "katas") == (again.python, again.source)
    assert (sample_run.katas[0],) == again.katas


def test_a_newer_result_replaces_the_older_one(tmp_path: Path, sample_run: RunResult) -> None:
    record_run(tmp_path, sample_run)
    newer = RunResult("3.12.4", "katas", sample_run.katas[3:])
    (path,) = record_run(tmp_path, newer)
    assert "3.12.4" == load_report(path).python
    assert not list((tmp_path / RECORDS).rglob("*.tmp"))


def test_skipped_katas_are_not_recorded(tmp_path: Path) -> None:
    skipped = KataResult("math/new", "New", 10, 0.0, "skipped", "needs Python >=3.11", 0.0, ())
    assert [] == record_run(tmp_path, RunResult("3.10.1", "katas", (skipped,)))


def test_minor_version_drops_the_patch_level() -> None:
    assert "3.12" == minor_version("3.12.1")
    assert "3.13" == minor_version("3.13.0rc1")
