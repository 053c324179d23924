"""The GitHub client, against the fake server over real HTTP."""

from __future__ import annotations

import pytest
from fake_github import FakeGitHub

from pykata.github_api import GitHubClient, GitHubError


def client_for(github: FakeGitHub, token: str = "token-for-tests") -> GitHubClient:
    return GitHubClient(github.url, github.state.repository, token)


def test_open_pulls_follows_every_page(github: FakeGitHub) -> None:
    for number in range(1, 151):
        github.state.add_pull(number, f"sha{number}")

    pulls = client_for(github).open_pulls()

    assert list(range(1, 151)) == [p["number"] for p in pulls]
    assert 2 == github.state.requests.count("GET /repos/class/katas/pulls")


def test_a_comment_can_be_created_then_updated(github: FakeGitHub) -> None:
    client = client_for(github)

    created = client.create_comment(7, "first")
    client.update_comment(created["id"], "second")

    assert ["second"] == [c["body"] for c in client.issue_comments(7)]


def test_a_status_carries_the_pykata_context_and_a_short_description(github: FakeGitHub) -> None:
    client_for(github).set_status("abc", "success", "x" * 500, "https://example.org/run")

    (status,) = github.state.statuses
    assert ("abc", "pykata", "success") == (status["sha"], status["context"], status["state"])
    assert 140 == len(status["description"])


def test_a_refused_request_names_the_http_error(github: FakeGitHub) -> None:
    with pytest.raises(GitHubError, match="HTTP 401"):
        client_for(github, token="wrong").open_pulls()


def test_an_unreachable_api_is_a_github_error() -> None:
    with pytest.raises(GitHubError, match="GET /pulls"):
        GitHubClient("http://127.0.0.1:9", "class/katas", "t").open_pulls()


def test_a_repository_must_be_owner_slash_name() -> None:
    with pytest.raises(GitHubError, match="owner/name"):
        GitHubClient("http://127.0.0.1:9", "katas", "t")
