"""A local stand-in for the few GitHub REST endpoints pull-request grading uses, over real HTTP."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

BOT = "github-actions[bot]"


@dataclass
class GitHubState:
    """What the fake repository holds; tests read and change it directly."""

    repository: str
    token: str
    pulls: list[dict[str, Any]] = field(default_factory=list)
    comments: dict[int, dict[str, Any]] = field(default_factory=dict)  # id -> comment
    statuses: list[dict[str, Any]] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    next_id: int = 1000

    def add_pull(self, number: int, head_sha: str) -> None:
        self.pulls.append({"number": number, "head": {"sha": head_sha}, "state": "open"})

    def add_comment(self, number: int, body: str, login: str) -> int:
        self.next_id += 1
        self.comments[self.next_id] = {
            "id": self.next_id,
            "issue": number,
            "body": body,
            "user": {"login": login},
        }
        return self.next_id

    def comments_on(self, number: int) -> list[dict[str, Any]]:
        return [c for c in self.comments.values() if c["issue"] == number]


class FakeGitHub:
    """Serve ``GitHubState`` on a free loopback port until ``close``."""

    def __init__(self, state: GitHubState) -> None:
        self.state = state
        handler = type("Handler", (_Handler,), {"state": state})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class _Handler(BaseHTTPRequestHandler):
    state: GitHubState

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PATCH(self) -> None:
        self._route("PATCH")

    def _route(self, method: str) -> None:
        url = urlsplit(self.path)
        self.state.requests.append(f"{method} {url.path}")
        if self.headers.get("Authorization") != f"Bearer {self.state.token}":
            return self._reply(401, {"message": "Bad credentials"})
        prefix = f"/repos/{self.state.repository}"
        if not url.path.startswith(prefix + "/"):
            return self._reply(404, {"message": "Not Found"})
        parts = url.path[len(prefix) + 1 :].split("/")
        query = parse_qs(url.query)
        body = self._body() if method in ("POST", "PATCH") else {}
        self._dispatch(method, parts, query, body)

    def _dispatch(
        self, method: str, parts: list[str], query: dict[str, list[str]], body: dict[str, Any]
    ) -> None:
        state = self.state
        if method == "GET" and parts == ["pulls"]:
            return self._page([p for p in state.pulls if p["state"] == "open"], query)
        if len(parts) == 3 and parts[0] == "issues" and parts[2] == "comments":
            number = int(parts[1])
            if method == "GET":
                return self._page(state.comments_on(number), query)
            comment_id = state.add_comment(number, str(body["body"]), BOT)
            return self._reply(201, state.comments[comment_id])
        if method == "PATCH" and parts[:2] == ["issues", "comments"]:
            comment = state.comments.get(int(parts[2]))
            if comment is None:
                return self._reply(404, {"message": "Not Found"})
            if comment["user"]["login"] != BOT:
                return self._reply(403, {"message": "Resource not accessible by integration"})
            comment["body"] = str(body["body"])
            return self._reply(200, comment)
        if method == "POST" and parts[0] == "statuses":
            state.statuses.append({"sha": parts[1], **body})
            return self._reply(201, {"id": len(state.statuses), **body})
        return self._reply(404, {"message": "Not Found"})

    def _body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        data = json.loads(self.rfile.read(length) or b"{}")
        return data if isinstance(data, dict) else {}

    def _page(self, items: list[dict[str, Any]], query: dict[str, list[str]]) -> None:
        size = int(query.get("per_page", ["30"])[0])
        page = int(query.get("page", ["1"])[0])
        self._reply(200, items[(page - 1) * size : page * size])

    def _reply(self, code: int, data: Any) -> None:
        payload = json.dumps(data).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
