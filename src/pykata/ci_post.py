"""Publish a pull request's score: one sticky comment, upserted, and a commit status.

The pull request is found from the head SHA that GitHub gave the workflow, never from a number
carried in an artifact. Only a comment written by the bot and carrying the marker is ever
updated; a comment anyone else wrote that imitates the marker is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .ci_comment import MARKER, previous_score
from .github_api import GitHubClient, GitHubError

__all__ = ["BOT_LOGIN", "Posted", "post_score"]

BOT_LOGIN = "github-actions[bot]"


@dataclass(frozen=True)
class Posted:
    pull_number: int
    comment_id: int
    created: bool


def post_score(
    client: GitHubClient,
    head_sha: str,
    render: Callable[[float | None], str],
    status: tuple[str, str],
    run_url: str,
    bot_login: str = BOT_LOGIN,
) -> Posted:
    """Upsert the comment (``render`` gets the previous score) and set the ``pykata`` status."""
    number = find_pull_request(client, head_sha)
    sticky = _sticky_comment(client.issue_comments(number), bot_login)
    previous = previous_score(str(sticky["body"])) if sticky else None
    body = render(previous)
    if sticky is None:
        comment = client.create_comment(number, body)
    else:
        comment = client.update_comment(int(sticky["id"]), body)
    state, description = status
    client.set_status(head_sha, state, description, run_url)
    return Posted(number, int(comment.get("id", 0)), sticky is None)


def find_pull_request(client: GitHubClient, head_sha: str) -> int:
    """The open pull request whose head is ``head_sha``."""
    for pull in client.open_pulls():
        head = pull.get("head")
        if isinstance(head, dict) and head.get("sha") == head_sha:
            number = pull.get("number")
            if isinstance(number, int):
                return number
    raise GitHubError(f"no open pull request has the head commit {head_sha}")


def _sticky_comment(comments: list[dict[str, Any]], bot_login: str) -> dict[str, Any] | None:
    for comment in comments:
        user = comment.get("user")
        login = user.get("login") if isinstance(user, dict) else None
        body = comment.get("body")
        if login == bot_login and isinstance(body, str) and body.startswith(MARKER):
            return comment
    return None
