"""Tests for pykata.reset_stub: the pristine stub comes from git history, the work is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git

from pykata.catalog import Catalog, load_catalog
from pykata.kata import Kata
from pykata.reset_stub import ResetError, back_up, pristine_stub, reset_kata

IMPROVED_STUB = (
    'def echo(value):\n    """Return value, unchanged."""\n    raise NotImplementedError\n'
)


def echo_of(root: Path) -> Kata:
    kata = load_catalog(root).get("sample/echo")
    assert kata is not None
    return kata


def commit(repo: Path, content: str, message: str) -> None:
    (repo / "katas/sample/echo/echo.py").write_text(content, encoding="utf-8")
    git(repo, "add", "katas/sample/echo/echo.py")
    git(repo, "commit", "--quiet", "--message", message)


def test_the_newest_stub_shaped_version_is_restored(git_repo: Path) -> None:
    commit(git_repo, IMPROVED_STUB, "A clearer stub")
    commit(git_repo, "def echo(value):\n    return value\n", "Solved it")
    assert IMPROVED_STUB.encode() == pristine_stub(echo_of(git_repo))


def test_a_commit_that_deleted_the_file_is_passed_over(git_repo: Path) -> None:
    git(git_repo, "rm", "--quiet", "katas/sample/echo/echo.py")
    git(git_repo, "commit", "--quiet", "--message", "Gone")
    commit(git_repo, "def echo(v):\n    return v\n", "Back, solved")
    assert "raise NotImplementedError" in pristine_stub(echo_of(git_repo)).decode()


def test_history_without_a_stub_is_an_error_that_says_so(git_repo: Path) -> None:
    git(git_repo, "checkout", "--quiet", "--orphan", "fresh")
    commit(git_repo, "def echo(v):\n    return v\n", "Only the solution")
    with pytest.raises(ResetError, match="no committed version"):
        pristine_stub(echo_of(git_repo))


def test_backups_never_overwrite_each_other(catalog: Catalog) -> None:
    kata = catalog.get("sample/echo")
    assert kata is not None
    first = back_up(kata, now=0)
    second = back_up(kata, now=0)
    assert first is not None
    assert second is not None
    assert first != second
    assert second.name.endswith("-2.py")


def test_a_missing_file_needs_no_backup_and_is_restored(git_repo: Path) -> None:
    kata = echo_of(git_repo)
    kata.stub.unlink()
    assert None is reset_kata(kata)
    assert "raise NotImplementedError" in kata.stub.read_text(encoding="utf-8")


def test_without_git_the_error_says_what_is_missing(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    kata = catalog.get("sample/echo")
    assert kata is not None
    with pytest.raises(ResetError, match="git is not installed"):
        pristine_stub(kata)
