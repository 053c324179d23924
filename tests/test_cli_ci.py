"""A pull request graded end to end, with the commands the workflows run.

A real git repository holds the default branch and the students' branches; the API calls go over
real HTTP to a fake GitHub. What the PR can change outside its kata files must not move its score.
"""

from __future__ import annotations

import platform
from pathlib import Path

import pytest
from fake_github import FakeGitHub
from test_ci_collect import ADDER, ECHO, branch

from pykata.ci_comment import MARKER
from pykata.cli import main
from pykata.jobs import MAX_SOURCE_BYTES

RUN_URL = "https://github.com/class/katas/actions/runs/7"
ALWAYS_PASSES = "def test_anything(kata):\n    pass\n"


class PullRequestGrading:
    """The collect, grade and post steps of the workflows, for one head commit at a time."""

    def __init__(self, repo: Path, work: Path, github: FakeGitHub) -> None:
        self.repo, self.work, self.github = repo, work, github

    def grade(self, head: str, grading: str = "success") -> tuple[int, str]:
        out, reports = self.work / head / "pr", self.work / head / "reports"
        root = ["--root", str(self.repo)]
        collect = ["ci", "collect", "--git", str(self.repo), "--base", "main", "--head", head]
        assert 0 == main([*root, *collect, "--out", str(out)])
        report = reports / f"python{platform.python_version()}.json"
        grade = ["grade", "--source", str(out / "katas"), "--json", str(report), "--exit-zero"]
        assert 0 == main([*root, *grade])
        summary = self.work / head / "summary.md"
        post = [
            *("ci", "post", "--reports", str(reports), "--manifest", str(out / "manifest.json")),
            *("--sha", head, "--repository", "class/katas", "--run-url", RUN_URL),
            *("--summary", str(summary), "--grading", grading),
        ]
        return main([*root, *post]), summary.read_text(encoding="utf-8")

    def comment(self, number: int) -> str:
        (comment,) = self.github.state.comments_on(number)
        return str(comment["body"])

    def status(self, head: str) -> tuple[str, str]:
        found = [s for s in self.github.state.statuses if s["sha"] == head]
        return found[-1]["state"], found[-1]["description"]


@pytest.fixture
def grading(
    git_repo: Path, tmp_path: Path, github: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> PullRequestGrading:
    monkeypatch.setenv("GITHUB_TOKEN", github.state.token)
    monkeypatch.setenv("GITHUB_API_URL", github.url)
    monkeypatch.setenv("NO_COLOR", "1")
    return PullRequestGrading(git_repo, tmp_path / "work", github)


def solved(repo: Path, module: str) -> str:
    return (repo / "solutions" / module.removeprefix("katas/")).read_text()


def test_a_solved_kata_is_scored_commented_and_given_a_status(
    grading: PullRequestGrading, git_repo: Path
) -> None:
    head = branch(git_repo, "solve", {ECHO: solved(git_repo, ECHO)})
    grading.github.state.add_pull(1, head)

    code, summary = grading.grade(head)

    comment = grading.comment(1)
    assert 0 == code
    assert comment.startswith(MARKER)
    assert "## pykata: 10/20 points" in comment
    assert "| sample/echo | ✅ passed | 10/10 |" in comment
    assert "| sample/adder | ⬜ not-started | 0/10 |" in comment
    assert "Ignored changes" not in comment
    assert ("success", "10/20 points · 1 katas passed") == grading.status(head)
    assert "## pykata: 10/20 points" in summary


def test_editing_graders_noxfile_and_workflows_changes_nothing_but_the_ignored_list(
    grading: PullRequestGrading, git_repo: Path
) -> None:
    honest = branch(git_repo, "honest", {ECHO: solved(git_repo, ECHO)})
    cheat = branch(
        git_repo,
        "cheat",
        {
            ECHO: solved(git_repo, ECHO),
            "graders/sample/adder/test_adder.py": ALWAYS_PASSES,
            "graders/sample/echo/test_echo.py": ALWAYS_PASSES,
            "noxfile.py": "import nox\n\n@nox.session\ndef grade(session):\n    pass\n",
            ".github/workflows/grade.yml": "on: push\n",
        },
    )
    grading.github.state.add_pull(1, honest)
    grading.github.state.add_pull(2, cheat)

    grading.grade(honest)
    grading.grade(cheat)

    assert grading.status(honest) == grading.status(cheat)
    comment = grading.comment(2)
    assert "## pykata: 10/20 points" in comment
    assert "Ignored changes (4)" in comment
    for path in ("graders/sample/adder/test_adder.py", "noxfile.py", ".github/workflows/grade.yml"):
        assert f"- `{path}`: outside katas/" in comment


def test_smuggled_conftest_sitecustomize_symlink_and_huge_file_score_nothing(
    grading: PullRequestGrading, git_repo: Path
) -> None:
    huge = solved(git_repo, ECHO) + "#" * MAX_SOURCE_BYTES
    head = branch(
        git_repo,
        "smuggle",
        {
            "katas/sample/echo/conftest.py": "def pytest_runtest_call(item):\n    pass\n",
            "katas/sitecustomize.py": "import builtins\n",
            ADDER: "->../../../solutions/sample/adder/adder.py",
            ECHO: huge,
        },
    )
    grading.github.state.add_pull(3, head)

    grading.grade(head)

    comment = grading.comment(3)
    assert "## pykata: 0/20 points" in comment
    assert "Ignored changes (4)" in comment
    assert f"- `{ADDER}`: a symlink" in comment
    assert f"- `{ECHO}`: larger than" in comment
    assert "- `katas/sample/echo/conftest.py`: not a kata's module" in comment


def test_a_second_push_updates_the_one_comment_with_the_change(
    grading: PullRequestGrading, git_repo: Path
) -> None:
    first = branch(git_repo, "solve", {ECHO: solved(git_repo, ECHO)})
    grading.github.state.add_pull(1, first)
    grading.grade(first)
    second = branch(git_repo, "solve-more", {ADDER: solved(git_repo, ADDER)}, start="solve")
    grading.github.state.pulls[0]["head"]["sha"] = second

    grading.grade(second)

    comment = grading.comment(1)
    assert "## pykata: 20/20 points" in comment
    assert "Change since the previous graded push: **+10** (was 10)" in comment
    assert ("success", "20/20 points · 2 katas passed") == grading.status(second)


def test_a_failed_grading_job_posts_an_error_status(
    grading: PullRequestGrading, git_repo: Path
) -> None:
    head = branch(git_repo, "solve", {ECHO: solved(git_repo, ECHO)})
    grading.github.state.add_pull(1, head)

    grading.grade(head, grading="failure")

    assert "error" == grading.status(head)[0]
    assert "the grading job ended with failure" in grading.comment(1)


def test_a_head_commit_that_belongs_to_no_pull_request_is_an_error(
    grading: PullRequestGrading, git_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = branch(git_repo, "solve", {ECHO: solved(git_repo, ECHO)})

    code, _ = grading.grade(head)

    assert 3 == code
    assert "no open pull request" in capsys.readouterr().err
