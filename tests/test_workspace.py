"""Tests for pykata.workspace: the sandbox's temp copy holds the module and probes only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pykata.catalog import Catalog
from pykata.jobs import MAX_SOURCE_BYTES, GradeJob
from pykata.workspace import SourceProblem, prepare_workspace, read_learner_source


def echo_job(catalog: Catalog, source: Path) -> GradeJob:
    kata = catalog.get("sample/echo")
    assert kata is not None
    return GradeJob(kata, source)


def test_the_workspace_holds_the_module_and_the_probes_under_a_private_name(
    catalog: Catalog, tmp_path: Path
) -> None:
    kata = catalog.get("sample/echo")
    assert kata is not None
    (kata.graders_dir / "helper.py").write_text("X = 1\n")
    workspace = prepare_workspace(tmp_path, 3, GradeJob(kata, kata.solution), b"x = 1\n")
    assert ["echo.py", "helper.py", "pykata_probes.py"] == sorted(os.listdir(workspace.kata_dir))
    assert b"x = 1\n" == workspace.learner_file.read_bytes()
    assert workspace.output.exists()
    workspace.remove()
    assert not workspace.kata_dir.exists()
    assert not workspace.output.exists()


def test_a_missing_file_says_how_to_restore_it(catalog: Catalog, tmp_path: Path) -> None:
    with pytest.raises(SourceProblem, match="git checkout"):
        read_learner_source(echo_job(catalog, tmp_path / "echo.py"))


def test_a_symlink_is_refused(catalog: Catalog, tmp_path: Path) -> None:
    link = tmp_path / "echo.py"
    link.symlink_to("/etc/passwd")
    with pytest.raises(SourceProblem, match="not a regular file"):
        read_learner_source(echo_job(catalog, link))


def test_a_folder_in_place_of_the_module_is_refused(catalog: Catalog, tmp_path: Path) -> None:
    (tmp_path / "echo.py").mkdir()
    with pytest.raises(SourceProblem, match="not a regular file"):
        read_learner_source(echo_job(catalog, tmp_path / "echo.py"))


def test_a_huge_file_is_refused(catalog: Catalog, tmp_path: Path) -> None:
    big = tmp_path / "echo.py"
    big.write_bytes(b"#" * (MAX_SOURCE_BYTES + 1))
    with pytest.raises(SourceProblem, match="larger than"):
        read_learner_source(echo_job(catalog, big))


def test_an_unreadable_file_is_reported(catalog: Catalog, tmp_path: Path) -> None:
    locked = tmp_path / "echo.py"
    locked.write_text("x = 1\n")
    locked.chmod(0)
    if os.access(locked, os.R_OK):
        pytest.skip("this user can read any file (root)")
    with pytest.raises(SourceProblem, match="cannot be read"):
        read_learner_source(echo_job(catalog, locked))
