"""Upserting the sticky comment and the commit status, over real HTTP to the fake API."""

from __future__ import annotations

import pytest
from fake_github import BOT, FakeGitHub

from pykata.ci_comment import MARKER
from pykata.ci_post import find_pull_request, post_score
from pykata.github_api import GitHubClient, GitHubError


def render(previous: float | None) -> str:
    return f"{MARKER}\nprevious={previous}\n<!-- pykata:score=12/20 -->\n"


def post(github: FakeGitHub, sha: str = "head1") -> None:
    client = GitHubClient(github.url, "class/katas", "token-for-tests")
    post_score(client, sha, render, ("success", "12/20 points"), "https://example.org/run")


def test_the_first_post_creates_the_comment_and_sets_the_status(github: FakeGitHub) -> None:
    github.state.add_pull(5, "head1")

    post(github)

    (comment,) = github.state.comments_on(5)
    assert comment["body"].startswith(MARKER)
    assert "previous=None" in comment["body"]
    assert [("head1", "success", "12/20 points")] == [
        (s["sha"], s["state"], s["description"]) for s in github.state.statuses
    ]


def test_a_later_push_updates_the_same_comment_and_knows_the_previous_score(
    github: FakeGitHub,
) -> None:
    github.state.add_pull(5, "head1")
    post(github)
    github.state.pulls[0]["head"]["sha"] = "head2"

    post(github, "head2")

    (comment,) = github.state.comments_on(5)
    assert "previous=12.0" in comment["body"]


def test_a_comment_by_someone_else_imitating_the_marker_is_left_alone(github: FakeGitHub) -> None:
    github.state.add_pull(5, "head1")
    fake_id = github.state.add_comment(5, f"{MARKER}\n<!-- pykata:score=999/20 -->", "student")

    post(github)

    comments = github.state.comments_on(5)
    assert 2 == len(comments)
    assert "999" in github.state.comments[fake_id]["body"]
    assert any(c["user"]["login"] == BOT and "previous=None" in c["body"] for c in comments)


def test_the_pull_request_is_found_from_the_head_sha_only(github: FakeGitHub) -> None:
    github.state.add_pull(3, "other")
    github.state.add_pull(4, "head1")
    client = GitHubClient(github.url, "class/katas", "token-for-tests")

    assert 4 == find_pull_request(client, "head1")
    with pytest.raises(GitHubError, match="no open pull request"):
        find_pull_request(client, "unknown")
