"""Tests for pykata.jobs."""

from __future__ import annotations

from pathlib import Path

from pykata.catalog import Catalog
from pykata.jobs import GradeJob, learner_jobs


def test_one_job_per_kata_points_into_the_source_tree(catalog: Catalog, tmp_path: Path) -> None:
    jobs = learner_jobs(list(catalog.katas), tmp_path)
    assert [tmp_path / "sample/echo/echo.py", tmp_path / "sample/adder/adder.py"] == [
        j.source for j in jobs
    ]
    assert {"learner"} == {j.variant for j in jobs}


def test_a_job_is_labelled_as_a_learners_unless_said_otherwise(catalog: Catalog) -> None:
    kata = catalog.katas[0]
    assert "learner" == GradeJob(kata, kata.stub).variant
