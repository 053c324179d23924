"""The few GitHub REST calls PR grading needs, through one small client.

Standard library only (urllib). The base URL comes from ``GITHUB_API_URL`` on Actions, which also
lets tests point the client at a local fake server.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

__all__ = ["GitHubClient", "GitHubError"]

PAGE_SIZE = 100
MAX_PAGES = 30
TIMEOUT_S = 30


class GitHubError(RuntimeError):
    """The API refused a request or answered something unexpected."""


class GitHubClient:
    """Calls on one repository (``owner/name``) with one token."""

    def __init__(self, api_url: str, repository: str, token: str) -> None:
        if repository.count("/") != 1:
            raise GitHubError(f"expected the repository as owner/name, got {repository!r}")
        self._base = f"{api_url.rstrip('/')}/repos/{repository}"
        self._token = token

    def open_pulls(self) -> list[dict[str, Any]]:
        return self._pages("/pulls?state=open")

    def issue_comments(self, number: int) -> list[dict[str, Any]]:
        return self._pages(f"/issues/{number}/comments")

    def create_comment(self, number: int, body: str) -> dict[str, Any]:
        return self._object("POST", f"/issues/{number}/comments", {"body": body})

    def update_comment(self, comment_id: int, body: str) -> dict[str, Any]:
        return self._object("PATCH", f"/issues/comments/{comment_id}", {"body": body})

    def set_status(self, sha: str, state: str, description: str, target_url: str) -> None:
        payload = {
            "state": state,
            "context": "pykata",
            "description": description[:140],
            "target_url": target_url,
        }
        self._object("POST", f"/statuses/{sha}", payload)

    def _pages(self, path: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        joiner = "&" if "?" in path else "?"
        for page in range(1, MAX_PAGES + 1):
            batch = self._request("GET", f"{path}{joiner}per_page={PAGE_SIZE}&page={page}")
            if not isinstance(batch, list):
                raise GitHubError(f"GET {path}: expected a list")
            items.extend(item for item in batch if isinstance(item, dict))
            if len(batch) < PAGE_SIZE:
                break
        return items

    def _object(self, method: str, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        answer = self._request(method, path, payload)
        if not isinstance(answer, dict):
            raise GitHubError(f"{method} {path}: expected an object")
        return answer

    def _request(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        request = urllib.request.Request(
            self._base + path,
            method=method,
            data=None if payload is None else json.dumps(payload).encode(),
            headers={
                "Accept": "application/vnd.github+json",
                "Authorization": f"Bearer {self._token}",
                "Content-Type": "application/json",
                "User-Agent": "pykata",
                "X-GitHub-Api-Version": "2022-11-28",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            detail = error.read(500).decode("utf-8", errors="replace")
            raise GitHubError(f"{method} {path}: HTTP {error.code}: {detail}") from None
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise GitHubError(f"{method} {path}: {error}") from None
