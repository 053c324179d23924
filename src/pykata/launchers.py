"""Start sandbox processes: forked from a zygote, spawned fresh, or (for debugging) in-process.

Every launcher hands back a ``Sandbox``: a socket to talk to it, a way to learn whether and how it
ended, and a way to kill it with everything it started. The sandbox runs ``pykata_sandbox``, a
private copy of :mod:`pykata.sandbox` made once per run, so nothing but the standard library is
importable beside the learner's code.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Protocol

from . import sandbox as runtime_package
from .confine import confined_command, confinement_problem, fresh_uid, give_to

MODES = ("fork", "spawn", "confined", "inprocess")
RUNTIME_NAME = "pykata_sandbox"
ISOLATED_FLAGS = ("-I", "-S", "-B")
BOOT = (
    "import sys; sys.path.insert(0, {lib!r}); "
    "from {runtime}.{module} import main; main(sys.argv[1:])"
)

__all__ = [
    "MODES",
    "LaunchError",
    "Launcher",
    "Sandbox",
    "default_mode",
    "install_runtime",
    "make_launcher",
]


class LaunchError(RuntimeError):
    """A sandbox could not be started at all: a fault of the machine, not of the learner."""


class Sandbox(Protocol):
    """A running sandbox as the trusted side sees it."""

    channel: socket.socket

    def wait_fds(self) -> list[int]:
        """File descriptors that become readable when the sandbox may have ended."""

    def exit_code(self, wait: float) -> int | None:
        """The exit code (negative: killed by that signal), or None if running after ``wait`` s."""

    def kill(self) -> None:
        """Kill the sandbox and every process it started."""


class Launcher(Protocol):
    def launch(self, config: dict[str, Any]) -> Sandbox: ...

    def close(self) -> None: ...


def default_mode() -> str:
    """Confined where the grader may confine (Linux as root, with bubblewrap); else fork from a
    zygote where fork is safe and cheap (Linux, BSD); spawn elsewhere."""
    if confinement_problem() is None:
        return "confined"
    return "fork" if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")) else "spawn"


def install_runtime(run_dir: Path) -> Path:
    """Copy the sandbox runtime to ``run_dir/lib/pykata_sandbox``; return the ``lib`` folder."""
    lib = run_dir / "lib"
    target = lib / RUNTIME_NAME
    target.mkdir(parents=True)
    for source in Path(runtime_package.__file__).parent.glob("*.py"):
        shutil.copyfile(source, target / source.name)
    return lib


def sandbox_env() -> dict[str, str]:
    """A scrubbed environment: no tokens, no Python settings, nothing from the learner's shell."""
    env = {
        "PATH": os.defpath,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        # glibc reserves a large arena per thread; cap them so threads fit the address-space limit.
        "MALLOC_ARENA_MAX": "2",
    }
    for name in ("SYSTEMROOT", "WINDIR"):  # Windows cannot start Python without these
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def make_launcher(mode: str, lib: Path, log: Path) -> Launcher:
    """Build the launcher for ``mode`` (one of MODES)."""
    if mode == "fork":
        return ZygoteLauncher(lib, log)
    if mode == "spawn":
        return SpawnLauncher(lib)
    if mode == "confined":
        problem = confinement_problem()
        if problem:
            raise LaunchError(problem)
        return ConfinedLauncher(lib)
    if mode == "inprocess":
        return InProcessLauncher(lib)
    raise ValueError(f"unknown sandbox mode {mode!r}; choose one of {', '.join(MODES)}")


def _boot(lib: Path, module: str, *args: str) -> list[str]:
    """The command that runs ``pykata_sandbox.<module>.main(args)`` in an isolated interpreter."""
    code = BOOT.format(lib=str(lib), runtime=RUNTIME_NAME, module=module)
    return [sys.executable, *ISOLATED_FLAGS, "-c", code, *args]


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        with contextlib.suppress(OSError):  # already gone, or not a group leader yet
            kill(pid, signal.SIGKILL)


class ZygoteLauncher:
    """Forks sandboxes from one clean interpreter started at the beginning of the run."""

    def __init__(self, lib: Path, log: Path) -> None:
        self._control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._log = log
        with log.open("ab") as log_file:
            self._process = subprocess.Popen(
                _boot(lib, "zygote", str(theirs.fileno())),
                pass_fds=(theirs.fileno(),),
                env=sandbox_env(),
                cwd=lib,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=log_file,
                start_new_session=True,
            )
        theirs.close()
        self._exits: dict[int, int] = {}

    def launch(self, config: dict[str, Any]) -> Sandbox:
        ours, theirs = socket.socketpair()
        try:
            payload = json.dumps({"op": "fork", "config": config}).encode("utf-8")
            socket.send_fds(self._control, [payload], [theirs.fileno()])
        except OSError as error:
            ours.close()
            raise LaunchError(f"the zygote is gone: {error}{self._log_tail()}") from None
        finally:
            theirs.close()
        while True:
            event = self._next_event(timeout=30.0)
            if event.get("op") == "forked":
                return ForkedSandbox(self, int(event["pid"]), ours)
            if event.get("op") == "fork-failed":
                ours.close()
                raise LaunchError(f"the zygote could not fork: {event.get('error')}")

    def control_fd(self) -> int:
        return self._control.fileno()

    def exit_code(self, pid: int, wait: float) -> int | None:
        deadline = time.monotonic() + wait
        while pid not in self._exits:
            if not self._pump(max(0.0, deadline - time.monotonic())):
                break
        return self._exits.get(pid)

    def kill(self, pid: int) -> None:
        if pid not in self._exits:
            try:
                self._control.send(json.dumps({"op": "kill", "pid": pid}).encode("utf-8"))
            except OSError:
                _kill_group(pid)  # the zygote is gone; the sandbox is still ours to end

    def close(self) -> None:
        self._control.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def _pump(self, timeout: float) -> bool:
        """Read control events for up to ``timeout`` s; return False when none arrived."""
        readable, _, _ = select.select([self._control], [], [], timeout)
        if not readable:
            return False
        self._record(self._receive())
        return True

    def _next_event(self, timeout: float) -> dict[str, Any]:
        while True:
            readable, _, _ = select.select([self._control], [], [], timeout)
            if not readable:
                raise LaunchError(
                    f"the zygote did not answer within {timeout:g} s{self._log_tail()}"
                )
            event = self._receive()
            if not self._record(event):
                return event

    def _receive(self) -> dict[str, Any]:
        data = self._control.recv(1 << 16)
        if not data:
            raise LaunchError(f"the zygote ended unexpectedly{self._log_tail()}")
        event: dict[str, Any] = json.loads(data)
        return event

    def _record(self, event: dict[str, Any]) -> bool:
        """Store an exit event; return True if ``event`` was one."""
        if event.get("op") == "exited":
            self._exits[int(event["pid"])] = int(event["code"])
            return True
        return event.get("op") == "hello"

    def _log_tail(self) -> str:
        try:
            text = self._log.read_text(encoding="utf-8", errors="replace")[-2000:]
        except OSError:
            return ""
        return f"\n{text}" if text.strip() else ""


class ForkedSandbox:
    """A sandbox forked by the zygote; the zygote reaps it and reports how it ended."""

    def __init__(self, zygote: ZygoteLauncher, pid: int, channel: socket.socket) -> None:
        self._zygote = zygote
        self.pid = pid
        self.channel = channel

    def wait_fds(self) -> list[int]:
        return [self._zygote.control_fd()]

    def exit_code(self, wait: float) -> int | None:
        return self._zygote.exit_code(self.pid, wait)

    def kill(self) -> None:
        self._zygote.kill(self.pid)


class SpawnLauncher:
    """Starts each sandbox as a fresh ``python -I -S -B``: portable, slower than forking."""

    def __init__(self, lib: Path, use_tcp: bool | None = None) -> None:
        self._lib = lib
        self._use_tcp = os.name != "posix" if use_tcp is None else use_tcp

    def launch(self, config: dict[str, Any]) -> Sandbox:
        listener = None
        if self._use_tcp:
            listener = socket.create_server(("127.0.0.1", 0))
            token = secrets.token_hex(16)
            endpoint = f"tcp:{listener.getsockname()[1]}:{token}"
            passed: tuple[int, ...] = ()
        else:
            ours, theirs = socket.socketpair()
            endpoint = str(theirs.fileno())
            passed = (theirs.fileno(),)
        with open(config["output"], "ab") as output:
            process = subprocess.Popen(
                self._command(config, endpoint),
                pass_fds=passed,
                env=sandbox_env(),
                cwd=config["kata_dir"],
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=output,
                **_new_group(),
            )
        if listener is None:
            theirs.close()
        else:
            ours = _accept(listener, token, process)
        return SpawnedSandbox(process, ours)

    def _command(self, config: dict[str, Any], endpoint: str) -> list[str]:
        return _boot(self._lib, "process", json.dumps(config), endpoint)

    def close(self) -> None:
        pass


class ConfinedLauncher(SpawnLauncher):
    """Spawns each sandbox confined by bubblewrap, as a user of its own (:mod:`pykata.confine`)."""

    def __init__(self, lib: Path) -> None:
        super().__init__(lib, use_tcp=False)

    def launch(self, config: dict[str, Any]) -> Sandbox:
        kata_dir, output = Path(config["kata_dir"]), Path(config["output"])
        output.touch()
        uid = fresh_uid()
        give_to(uid, kata_dir, output)
        limits = config["limits"]
        if limits.get("tasks") is None:  # root ignores the limit; the sandbox's own user does not
            limits = {**limits, "tasks": int(limits.get("task_budget") or 256)}
        sandbox = super().launch({**config, "limits": limits, "uid": uid})
        assert isinstance(sandbox, SpawnedSandbox)
        return ConfinedSandbox(sandbox)

    def _command(self, config: dict[str, Any], endpoint: str) -> list[str]:
        inner = super()._command(config, endpoint)
        kata_dir, output = Path(config["kata_dir"]), Path(config["output"])
        return confined_command(inner, kata_dir, self._lib, output, int(config["uid"]))


class ConfinedSandbox:
    """A spawned sandbox behind bwrap, which reports a death by signal N as exit code 128 + N."""

    def __init__(self, spawned: SpawnedSandbox) -> None:
        self._spawned = spawned
        self.channel = spawned.channel

    def wait_fds(self) -> list[int]:
        return []

    def exit_code(self, wait: float) -> int | None:
        code = self._spawned.exit_code(wait)
        if code is not None and 128 < code < 128 + 65:
            return -(code - 128)
        return code

    def kill(self) -> None:
        self._spawned.kill()


def _new_group() -> dict[str, Any]:
    if os.name == "posix":
        return {"start_new_session": True}
    return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}


def _accept(listener: socket.socket, token: str, process: subprocess.Popen[bytes]) -> socket.socket:
    """Accept the spawned sandbox's connection and check that it knows the token."""
    listener.settimeout(30.0)
    with listener:
        try:
            connection, _ = listener.accept()
            connection.settimeout(10.0)
            received = connection.recv(len(token))
        except OSError as error:
            process.kill()
            raise LaunchError(f"the sandbox did not connect: {error}") from None
    if received != token.encode("ascii"):
        connection.close()
        process.kill()
        raise LaunchError("a process that was not the sandbox connected to the grader")
    return connection


class SpawnedSandbox:
    def __init__(self, process: subprocess.Popen[bytes], channel: socket.socket) -> None:
        self._process = process
        self.channel = channel

    def wait_fds(self) -> list[int]:
        return []

    def exit_code(self, wait: float) -> int | None:
        try:
            return self._process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        if os.name == "posix":
            _kill_group(self._process.pid)
        else:
            self._process.kill()


class InProcessLauncher:
    """Debug mode: probes run in a thread of this process. No isolation, no limits, no kill.

    For authors stepping through graders, and as the benchmark's baseline. It still goes through
    the channel and the codec, so graders see exactly the same data as in a real sandbox.
    """

    def __init__(self, lib: Path) -> None:
        if str(lib) not in sys.path:
            sys.path.insert(0, str(lib))
        from pykata_sandbox import serve  # type: ignore[import-not-found]  # made at run time

        self._serve = serve

    def launch(self, config: dict[str, Any]) -> Sandbox:
        ours, theirs = socket.socketpair()
        kata_dir = config["kata_dir"]
        sys.path.insert(0, kata_dir)
        learner_file = os.path.join(kata_dir, config["module"] + ".py")
        thread = threading.Thread(
            target=self._serve.serve, args=(theirs, config["module"], learner_file), daemon=True
        )
        thread.start()
        return ThreadSandbox(thread, ours, theirs, kata_dir)

    def close(self) -> None:
        pass


class ThreadSandbox:
    def __init__(
        self, thread: threading.Thread, channel: socket.socket, theirs: socket.socket, folder: str
    ) -> None:
        self._thread = thread
        self._theirs = theirs
        self._folder = folder
        self.channel = channel

    def wait_fds(self) -> list[int]:
        return []

    def exit_code(self, wait: float) -> int | None:
        self._thread.join(wait)
        return None if self._thread.is_alive() else 0

    def kill(self) -> None:
        """Close the channel and forget the modules this sandbox imported from its folder."""
        with contextlib.suppress(OSError):
            self.channel.shutdown(socket.SHUT_RDWR)
        self._thread.join(1.0)  # a thread stuck in learner code is left behind, as documented
        self.channel.close()
        self._theirs.close()
        if self._folder in sys.path:
            sys.path.remove(self._folder)
        for name, module in list(sys.modules.items()):
            if (getattr(module, "__file__", None) or "").startswith(self._folder):
                del sys.modules[name]
