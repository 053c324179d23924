"""Taking a pull request's kata files out of git: only regular, small kata modules count."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import git

from pykata.catalog import Catalog
from pykata.ci_collect import CollectError, collect_pull_request, load_collection
from pykata.jobs import MAX_SOURCE_BYTES

ECHO = "katas/sample/echo/echo.py"
ADDER = "katas/sample/adder/adder.py"


def branch(repo: Path, name: str, files: dict[str, str | bytes], start: str = "main") -> str:
    """Commit ``files`` (text, bytes, or ``->target`` for a symlink) on a new branch."""
    git(repo, "checkout", "--quiet", "-b", name, start)
    for path, content in files.items():
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        if isinstance(content, str) and content.startswith("->"):
            os.symlink(content[2:], target)
        elif isinstance(content, str):
            target.write_text(content)
        else:
            target.write_bytes(content)
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", name)
    head = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "--quiet", "main")
    return head


def test_kata_modules_are_taken_from_the_head_commit_without_a_checkout(
    git_repo: Path, catalog: Catalog, tmp_path: Path
) -> None:
    head = branch(git_repo, "solve", {ECHO: "def echo(value):\n    return value\n"})

    found = collect_pull_request(git_repo, catalog, "main", head, tmp_path / "out")

    assert head == found.head
    assert {ECHO, ADDER} == set(found.collected)
    assert "return value" in (tmp_path / "out" / ECHO).read_text()
    assert "raise NotImplementedError" in (git_repo / ECHO).read_text()  # main is untouched
    assert () == found.ignored


def test_changes_outside_the_kata_modules_are_ignored_with_a_reason(
    git_repo: Path, catalog: Catalog, tmp_path: Path
) -> None:
    head = branch(
        git_repo,
        "cheat",
        {
            "graders/sample/echo/test_echo.py": "def test_pass():\n    pass\n",
            "noxfile.py": "# changed\n",
            "katas/sample/echo/conftest.py": "import pytest\n",
            "sitecustomize.py": "import os\n",
        },
    )

    found = collect_pull_request(git_repo, catalog, "main", head, tmp_path / "out")

    reasons = {i.path: i.reason for i in found.ignored}
    assert {
        "graders/sample/echo/test_echo.py",
        "noxfile.py",
        "katas/sample/echo/conftest.py",
        "sitecustomize.py",
    } == set(reasons)
    assert reasons["noxfile.py"].startswith("outside katas/")
    assert reasons["katas/sample/echo/conftest.py"].startswith("not a kata's module")
    assert not (tmp_path / "out" / "katas/sample/echo/conftest.py").exists()


def test_a_symlink_or_a_huge_file_is_ignored_and_graded_as_the_stub(
    git_repo: Path, catalog: Catalog, tmp_path: Path
) -> None:
    solution = (git_repo / "solutions/sample/echo/echo.py").read_bytes()
    huge = solution + b"#" * MAX_SOURCE_BYTES
    head = branch(
        git_repo, "smuggle", {ECHO: huge, ADDER: "->../../../solutions/sample/adder/adder.py"}
    )

    found = collect_pull_request(git_repo, catalog, "main", head, tmp_path / "out")

    reasons = {i.path: i.reason for i in found.ignored}
    assert reasons[ADDER].startswith("a symlink")
    assert reasons[ECHO].startswith("larger than")
    assert () == found.collected
    for path in (ECHO, ADDER):
        copied = tmp_path / "out" / path
        assert not copied.is_symlink()
        assert (git_repo / path).read_bytes() == copied.read_bytes()  # the stub


def test_changes_on_main_since_the_branch_point_are_not_listed(
    git_repo: Path, catalog: Catalog, tmp_path: Path
) -> None:
    head = branch(git_repo, "solve", {ECHO: "def echo(value):\n    return value\n"})
    (git_repo / "docs.md").write_text("new on main\n")
    git(git_repo, "add", "docs.md")
    git(git_repo, "commit", "--quiet", "--message", "docs")

    found = collect_pull_request(git_repo, catalog, "main", head, tmp_path / "out")

    assert () == found.ignored


def test_the_manifest_round_trips(git_repo: Path, catalog: Catalog, tmp_path: Path) -> None:
    head = branch(git_repo, "cheat", {"noxfile.py": "# changed\n"})

    found = collect_pull_request(git_repo, catalog, "main", head, tmp_path / "out")

    assert found == load_collection(tmp_path / "out" / "manifest.json")
    assert head == json.loads((tmp_path / "out" / "manifest.json").read_text())["head"]


def test_an_unknown_commit_is_a_collect_error(
    git_repo: Path, catalog: Catalog, tmp_path: Path
) -> None:
    with pytest.raises(CollectError, match="rev-parse"):
        collect_pull_request(git_repo, catalog, "main", "f" * 40, tmp_path / "out")


def test_a_broken_manifest_is_a_collect_error(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{not json")

    with pytest.raises(CollectError, match="not a manifest"):
        load_collection(tmp_path / "manifest.json")
