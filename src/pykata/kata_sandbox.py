"""One kata's sandbox as the trusted side drives it: requests with a deadline, crashes, restarts.

The sandbox starts on the first request and lives until its kata's last test ends. The kata's time
limit runs from that start and covers everything its tests do. If the sandbox crashes in the
middle of a test, that test fails and the next one gets a fresh sandbox; a timeout, or a module
that cannot even be imported, ends the kata: every later request fails at once with that reason.
"""

from __future__ import annotations

import math
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .jobs import GradeJob
from .launchers import Launcher, Sandbox
from .sandbox.codec import CodecError, Raised, from_tree, to_tree
from .sandbox.framing import (
    ChannelClosed,
    ChannelError,
    ChannelTimeout,
    receive_message,
    send_message,
)
from .workspace import Workspace

POLL_SECONDS = 0.5
MAX_RESTARTS = 3
OUTPUT_TAIL = 2000
FILE_MB = 8
OPEN_FILES = 256
TASK_ALLOWANCE = 256

__all__ = ["GraderFault", "KataSandbox", "ProbeFailed", "SandboxFailure", "sandbox_limits"]


class SandboxFailure(Exception):
    """The sandbox could not answer. ``kind`` is the kata status it implies."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class ProbeFailed(Exception):
    """A probe finished, but its result cannot be judged (too large, unreadable)."""


class GraderFault(Exception):
    """The graders asked for something that does not exist: an authoring bug, not the learner's."""


@dataclass
class KataSandbox:
    """Runs a job's probes in sandboxes started by ``launcher``."""

    job: GradeJob
    workspace: Workspace
    launcher: Launcher
    limits: dict[str, Any]
    clock: Callable[[], float] = time.monotonic
    crashes: list[str] = field(default_factory=list)
    fatal: SandboxFailure | None = None
    _sandbox: Sandbox | None = None
    _deadline: float | None = None
    _next_id: int = 0

    def request(
        self, op: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[bool, Any]:
        """Run a probe (``op="probe"``) or call a public name (``op="call"``) in the sandbox.

        Returns ``(False, value)`` with the decoded value, or ``(True, Raised)`` describing what
        the probe or the call raised.
        """
        if self.fatal is not None:
            raise self.fatal
        if self._sandbox is None:
            self._start()
        assert self._sandbox is not None
        self._next_id += 1
        message = {
            "id": self._next_id,
            "op": op,
            "name": name,
            "args": to_tree(list(args)),
            "kwargs": to_tree(kwargs),
        }
        try:
            send_message(self._sandbox.channel, message)
        except OSError:
            self._crashed()
        return self._interpret(self._receive())

    def output_size(self) -> int:
        try:
            return self.workspace.output.stat().st_size
        except OSError:
            return 0

    def output_since(self, offset: int) -> str:
        """The tail of what the learner's code printed after ``offset``."""
        try:
            with self.workspace.output.open("rb") as handle:
                handle.seek(max(offset, self.output_size() - OUTPUT_TAIL))
                data = handle.read(OUTPUT_TAIL)
        except OSError:
            return ""
        return data.decode("utf-8", errors="replace")

    def close(self) -> None:
        """End the sandbox and everything it started, and remove its temp copy."""
        self._stop(grace=0.0)
        self.workspace.remove()

    def _start(self) -> None:
        if self._deadline is None:
            self._deadline = self.clock() + self.job.kata.timeout
        config = {
            "kata_dir": str(self.workspace.kata_dir),
            "module": self.workspace.module_name,
            "output": str(self.workspace.output),
            "limits": self.limits,
        }
        self._sandbox = self.launcher.launch(config)
        ready = self._receive(starting=True)
        if ready.get("ready") is True:
            return
        raised = _decode_raised(ready.get("raised"))
        if ready.get("phase") == "probes":
            self.fatal = SandboxFailure("error", f"the graders' probes failed to load: {raised}")
            raise GraderFault(str(self.fatal))
        self.fatal = SandboxFailure("error", import_failure_message(self.job.kata.module, raised))
        self._stop(grace=0.0)
        raise self.fatal

    def _receive(self, starting: bool = False) -> dict[str, Any]:
        sandbox = self._sandbox
        assert sandbox is not None
        assert self._deadline is not None
        while True:
            remaining = self._deadline - self.clock()
            if remaining <= 0:
                self._timed_out()
            watched = [sandbox.channel.fileno(), *sandbox.wait_fds()]
            readable, _, _ = select.select(watched, [], [], min(remaining, POLL_SECONDS))
            if sandbox.channel.fileno() in readable:
                try:
                    return receive_message(sandbox.channel, time.monotonic() + remaining)
                except ChannelTimeout:
                    self._timed_out()
                except (ChannelClosed, ChannelError):
                    self._crashed(starting)
            if sandbox.exit_code(0) is not None:
                self._crashed(starting)

    def _interpret(self, reply: dict[str, Any]) -> tuple[bool, Any]:
        if reply.get("id") != self._next_id:
            self._crashed(detail="answered out of turn")
        try:
            if "value" in reply:
                return (False, from_tree(reply["value"]))
            if "raised" in reply:
                return (True, _decode_raised(reply["raised"]))
        except CodecError as error:
            raise ProbeFailed(f"the sandbox sent back a malformed value: {error}") from None
        problem = str(reply.get("error", "no answer"))
        if problem.startswith(("the graders have no probe", "malformed request")):
            raise GraderFault(problem)
        raise ProbeFailed(problem)

    def _timed_out(self) -> None:
        self._stop(grace=0.0)
        seconds = f"{self.job.kata.timeout:g}"
        self.fatal = SandboxFailure(
            "timeout",
            f"{self.job.kata.module} did not finish within the kata's time limit of {seconds} s: "
            "look for an infinite loop, a deadlock or a call that waits forever",
        )
        raise self.fatal

    def _crashed(self, starting: bool = False, detail: str = "") -> None:
        code = self._stop(grace=0.5)
        during = "while importing it" if starting else "in the middle of a test"
        message = detail or describe_exit(code, during)
        failure = SandboxFailure("crashed", f"the sandbox running {self.job.kata.module} {message}")
        self.crashes.append(str(failure))
        if starting or len(self.crashes) > MAX_RESTARTS:
            self.fatal = failure
        raise failure

    def _stop(self, grace: float) -> int | None:
        """Kill the current sandbox, if any; return its exit code if it ended on its own.

        ``grace`` is how long to wait first for a process that is already ending, so that its
        real exit status (a signal, an exit code) is what the learner is told.
        """
        sandbox, self._sandbox = self._sandbox, None
        if sandbox is None:
            return None
        code = sandbox.exit_code(grace)
        sandbox.kill()
        sandbox.exit_code(5.0)  # reap it, so no process outlives its kata
        sandbox.channel.close()
        return code


def _decode_raised(tree: Any) -> Raised:
    try:
        value = from_tree(tree)
    except CodecError:
        value = None
    if not isinstance(value, Raised):
        return Raised("<unknown>", ("<unknown>",), "an error the sandbox could not describe")
    return value


def import_failure_message(module: str, raised: Raised) -> str:
    """Explain why the learner's module could not be imported."""
    where = f"{raised.location}: " if raised.location else ""
    if raised.is_a("SyntaxError"):
        return f"{where}{raised.type}: {raised.message}"
    if raised.is_a("SystemExit"):
        return f"{where}importing {module} called sys.exit(): remove that call from the module"
    return f"{where}importing {module} raised {raised.type}: {raised.message}"


def describe_exit(code: int | None, during: str = "in the middle of a test") -> str:
    """Say in words how a sandbox process ended, with the likely cause."""
    if code is None:
        return (
            f"stopped answering {during}: it closed its connection to the grader. "
            "Does your code close file descriptors it did not open?"
        )
    if code >= 0:
        return f"exited with status {code} {during}: does your code call os._exit()?"
    number = -code
    try:
        name = signal.Signals(number).name
    except ValueError:
        name = f"signal {number}"
    causes = {
        "SIGSEGV": "a crash, often from recursion too deep for the C stack",
        "SIGKILL": "killed, often for using too much memory",
        "SIGXCPU": "it used up its CPU time",
        "SIGABRT": "the interpreter aborted, often from running out of memory",
    }
    cause = causes.get(name, "the process was ended by a signal")
    return f"was killed by {name} ({cause})"


def sandbox_limits(job: GradeJob, tasks_in_use: int | None) -> dict[str, Any]:
    """The resource limits for one job's sandbox."""
    settings = job.kata.sandbox
    budget = TASK_ALLOWANCE + 64 * settings.processes
    tasks = None if tasks_in_use is None else tasks_in_use + budget
    return {
        "cpu_seconds": math.ceil(2 * job.kata.timeout) + 5,
        "memory_mb": settings.memory_mb,
        "file_mb": FILE_MB,
        "open_files": OPEN_FILES,
        "tasks": tasks,
        "task_budget": budget,  # the same allowance for a user that runs nothing else
    }
