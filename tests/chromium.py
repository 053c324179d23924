"""Headless Chromium driven over the DevTools protocol, for tests that look at an HTML page.

Only the standard library is used. Chromium is started with ``--remote-debugging-pipe``: it reads
commands on its file descriptor 3 and writes replies and events on its descriptor 4, each one a
JSON object ended by a NUL byte. One page is opened and attached as a flat session, so commands
for it carry its ``sessionId``. Every wait has a deadline and says what it was waiting for, and
closing never leaves a Chromium process behind.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import math
import os
import select
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

TIMEOUT = 30.0
VIEWPORT = (1280, 800)  # CSS pixels, until set_viewport says otherwise
FLAGS = (
    "--headless",
    "--no-sandbox",  # tests run as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
)
_CHILD_READS = 3  # the descriptor Chromium reads commands on
_CHILD_WRITES = 4  # the descriptor Chromium writes replies and events on

__all__ = ["TIMEOUT", "VIEWPORT", "Chromium", "ChromiumError"]


class ChromiumError(Exception):
    """Chromium failed, reported an error, or did not answer in time; the message says which."""


class Chromium:
    """One headless Chromium with one page, used as a context manager.

    ``requests`` lists the URLs the page asked for since the last ``open``, as Chromium's
    Network domain reports them, so a test can check that a page loads nothing else.
    """

    def __init__(self, executable: str, timeout: float = TIMEOUT) -> None:
        self.executable = executable
        self.timeout = timeout
        self.requests: list[str] = []
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._log: IO[bytes] | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._to_chromium = -1
        self._from_chromium = -1
        self._buffer = bytearray()
        self._events: list[dict[str, Any]] = []
        self._next_id = 0
        self._session = ""
        self._viewport = VIEWPORT

    def __enter__(self) -> Chromium:
        try:
            self._launch()
            self._attach_page()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def open(self, url: str) -> None:
        """Load ``url`` in the page and return once its load event has fired.

        The load event carries no sign of which document it belongs to, so the wait starts
        after the page's frame has navigated to this very load (its ``loaderId``): a late event
        of the page before cannot be taken for it.
        """
        self._events.clear()
        self.requests.clear()
        reply = self._call("Page.navigate", {"url": url})
        if reply.get("errorText"):
            raise ChromiumError(f"Chromium could not open {url}: {reply['errorText']}")
        loader = reply.get("loaderId")
        self._wait_for_event(
            "Page.frameNavigated",
            f"the page to start showing {url}",
            lambda params: params["frame"].get("loaderId") == loader,
        )
        self._wait_for_event("Page.loadEventFired", f"the load event of {url}")

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the page; raise if the page threw."""
        reply = self._call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        details = reply.get("exceptionDetails")
        if details is not None:
            thrown = details.get("exception", {}).get("description") or details.get("text")
            raise ChromiumError(f"the page threw while evaluating {expression!r}: {thrown}")
        return reply["result"].get("value")

    def set_viewport(self, width: int, height: int) -> None:
        """Make the page render as in a window of ``width`` by ``height`` CSS pixels."""
        self._resize(width, height)
        self._viewport = (width, height)

    def screenshot(self, path: Path) -> None:
        """Save the whole page, not only the visible part, as a PNG file at ``path``.

        The window is made as tall as the page for the picture, so that it is as wide as the
        window (no scroll bar takes a strip of it), then given back its height.
        """
        width, height = self._viewport
        page_height = self._call("Page.getLayoutMetrics")["cssContentSize"]["height"]
        self._resize(width, max(height, math.ceil(page_height)))
        try:
            reply = self._call("Page.captureScreenshot", {"format": "png"})
        finally:
            self._resize(width, height)
        path.write_bytes(base64.b64decode(reply["data"]))

    def close(self) -> None:
        """Ask Chromium to quit, kill it if it does not in time, and remove its files."""
        process, self._process = self._process, None
        if process is not None:
            try:
                if process.poll() is None:
                    self._send("Browser.close", {}, session=False)
                process.wait(timeout=self.timeout)
            except (OSError, subprocess.TimeoutExpired):
                pass  # killed below
            finally:
                _kill_group(process)
        for descriptor in (self._to_chromium, self._from_chromium):
            if descriptor >= 0:
                os.close(descriptor)
        self._to_chromium = self._from_chromium = -1
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def _launch(self) -> None:
        """Start Chromium with a fresh profile and the two pipes at its descriptors 3 and 4."""
        self._folder = tempfile.TemporaryDirectory(prefix="pykata-chromium-")
        folder = Path(self._folder.name)
        (folder / "profile").mkdir()
        self._log = (folder / "chromium.log").open("wb")
        commands_read, self._to_chromium = os.pipe()
        self._from_chromium, replies_write = os.pipe()
        # Copies at 10 or above, so that placing them at 3 and 4 in the child cannot overwrite
        # one with the other; dup2 there makes the placed copies survive exec.
        child_reads = fcntl.fcntl(commands_read, fcntl.F_DUPFD_CLOEXEC, 10)
        child_writes = fcntl.fcntl(replies_write, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(commands_read)
        os.close(replies_write)

        def place_pipes() -> None:
            os.dup2(child_reads, _CHILD_READS)
            os.dup2(child_writes, _CHILD_WRITES)

        try:
            self._process = subprocess.Popen(
                [self.executable, *FLAGS, f"--user-data-dir={folder / 'profile'}"],
                stdin=subprocess.DEVNULL,
                stdout=self._log,
                stderr=self._log,
                # Closing descriptors would happen after place_pipes and close 3 and 4 too;
                # everything else Python opens is close-on-exec anyway.
                close_fds=False,
                preexec_fn=place_pipes,  # safe: it only calls dup2, and no other thread runs
                start_new_session=True,  # its own process group, so close can end all of it
            )
        finally:
            os.close(child_reads)
            os.close(child_writes)

    def _attach_page(self) -> None:
        """Open a blank page, attach to it as a flat session and turn on the events we use."""
        target = self._call("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self._call(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, False
        )
        self._session = attached["sessionId"]
        self._call("Page.enable")
        self._call("Network.enable")
        self.set_viewport(*self._viewport)

    def _resize(self, width: int, height: int) -> None:
        self._call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def _call(
        self, method: str, params: dict[str, Any] | None = None, session: bool = True
    ) -> dict[str, Any]:
        """Send one command and return its result, keeping the events that arrive meanwhile."""
        deadline = time.monotonic() + self.timeout
        sent = self._send(method, params or {}, session)
        while True:
            message = self._read_message(deadline, f"the reply to {method}")
            if message.get("id") == sent:
                if "error" in message:
                    raise ChromiumError(f"{method} failed: {message['error'].get('message')}")
                result: dict[str, Any] = message.get("result", {})
                return result

    def _wait_for_event(
        self,
        method: str,
        what: str,
        matches: Callable[[dict[str, Any]], bool] = lambda params: True,
    ) -> dict[str, Any]:
        """Return the first event ``method`` of the page whose parameters match, waiting for it
        if it has not come; the events before it are dropped."""
        deadline = time.monotonic() + self.timeout
        while True:
            for index, event in enumerate(self._events):
                if event["method"] == method and matches(event.get("params", {})):
                    del self._events[: index + 1]
                    return event
            self._read_message(deadline, what)

    def _send(self, method: str, params: dict[str, Any], session: bool) -> int:
        self._next_id += 1
        command: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            command["sessionId"] = self._session
        data = json.dumps(command).encode() + b"\0"
        while data:
            data = data[os.write(self._to_chromium, data) :]
        return self._next_id

    def _read_message(self, deadline: float, what: str) -> dict[str, Any]:
        """Read the next message; record it first if it is an event of the page."""
        end = self._buffer.find(0)
        while end < 0:
            start = len(self._buffer)
            self._buffer += self._read_chunk(deadline, what)
            end = self._buffer.find(0, start)
        message: dict[str, Any] = json.loads(bytes(self._buffer[:end]))
        del self._buffer[: end + 1]
        if "method" in message and message.get("sessionId") == self._session:
            self._events.append(message)
            if message["method"] == "Network.requestWillBeSent":
                self.requests.append(message["params"]["request"]["url"])
        return message

    def _read_chunk(self, deadline: float, what: str) -> bytes:
        remaining = deadline - time.monotonic()
        ready = remaining > 0 and select.select([self._from_chromium], [], [], remaining)[0]
        if not ready:
            raise ChromiumError(
                f"Chromium did not answer within {self.timeout:g} s while we waited for {what}"
            )
        chunk = os.read(self._from_chromium, 1 << 16)
        if not chunk:
            raise ChromiumError(
                f"Chromium exited while we waited for {what}; its log ends with:\n"
                + self._log_tail()
            )
        return chunk

    def _log_tail(self) -> str:
        if self._folder is None:
            return ""
        log = Path(self._folder.name) / "chromium.log"
        return log.read_text(encoding="utf-8", errors="replace")[-2000:]


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """End Chromium and every helper process it started (they share its process group)."""
    with contextlib.suppress(ProcessLookupError):  # raised when all of them have exited
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
