"""Tests for pykata.report_json: the report's schema, and strict loading of untrusted reports."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from pykata.report_json import SCHEMA, ReportError, load_report, report_data, write_report
from pykata.results import RunResult


def test_the_report_follows_the_documented_schema(sample_run: RunResult) -> None:
    data = report_data(sample_run)
    assert SCHEMA == data["schema"]
    assert {"score": 30.0, "points": 60, "katas": 4, "passed": 1} == data["total"]
    kata = data["katas"][0]
    keys = {"id", "title", "points", "score", "status", "message", "duration_s", "flags", "tests"}
    assert keys == set(kata)
    assert {"name", "points", "outcome", "message", "output", "hint"} == set(kata["tests"][0])


def test_a_written_report_loads_back_unchanged(sample_run: RunResult, tmp_path: Path) -> None:
    path = tmp_path / "reports" / "3.12.json"
    flagged = dataclasses.replace(sample_run.katas[0], flags=("echo.py:1: imports gc (...)",))
    run = dataclasses.replace(sample_run, katas=(flagged, *sample_run.katas[1:]))
    write_report(run, path)
    assert run == load_report(path)


def test_a_test_s_hint_loads_back_and_may_be_absent(sample_run: RunResult, tmp_path: Path) -> None:
    adder = sample_run.katas[0]
    tied = dataclasses.replace(adder.tests[1], hint=2)
    run = dataclasses.replace(
        sample_run, katas=(dataclasses.replace(adder, tests=(adder.tests[0], tied)),)
    )
    write_report(run, tmp_path / "tied.json")
    assert run == load_report(tmp_path / "tied.json")
    data = report_data(sample_run)
    for test in data["katas"][0]["tests"]:
        del test["hint"]
    (tmp_path / "old.json").write_text(json.dumps(data))
    assert sample_run == load_report(tmp_path / "old.json")


def test_a_report_without_flags_still_loads(sample_run: RunResult, tmp_path: Path) -> None:
    data = report_data(sample_run)
    for kata in data["katas"]:
        del kata["flags"]
    (tmp_path / "r.json").write_text(json.dumps(data))
    assert sample_run == load_report(tmp_path / "r.json")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.update(schema="other/1"), "not a pykata-report/1 report"),
        (lambda d: d["katas"][0].update(score=-1), "expected a number"),
        (lambda d: d["katas"][0].update(score=float("nan")), "expected a number"),
        (lambda d: d["katas"][0].update(score=31), "expected a number from 0 to 30"),
        (lambda d: d["katas"][0].update(status="hacked"), "expected one of"),
        (lambda d: d["katas"][0].update(tests={}), "expected a list"),
        (lambda d: d["katas"][0]["tests"][0].update(name=3), "expected text"),
        (lambda d: d["katas"][0]["tests"][0].update(outcome="great"), "expected one of"),
        (lambda d: d.pop("python"), "'python'"),
        (lambda d: d["katas"][0]["tests"][0].update(hint=-1), "expected a whole number"),
        (lambda d: d["katas"][0]["tests"][0].update(hint="2"), "expected a whole number"),
        (lambda d: d["katas"][0]["tests"][0].update(hint=True), "expected a whole number"),
    ],
)
def test_a_tampered_report_is_refused(
    sample_run: RunResult, tmp_path: Path, change: object, problem: str
) -> None:
    data = report_data(sample_run)
    change(data)  # type: ignore[operator]
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ReportError, match=problem):
        load_report(path)


def test_a_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text("{")
    with pytest.raises(ReportError, match="not a readable JSON file"):
        load_report(path)


def test_a_huge_report_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pykata.report_json.MAX_REPORT_BYTES", 10)
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"schema": SCHEMA, "padding": "x" * 20}))
    with pytest.raises(ReportError, match="larger than"):
        load_report(path)
