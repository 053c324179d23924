"""The zygote: a clean interpreter that forks one sandbox process per kata on request.

It starts once per grading run as ``python -I -S -B``, imports the standard modules probes and
katas commonly need, and never imports grader or learner code, so each fork starts warm and clean.
It talks to the trusted side over a SOCK_SEQPACKET socket: ``fork`` (with the sandbox's channel
attached as a file descriptor), ``kill``; it reports ``forked`` and ``exited`` events. When the
trusted side goes away, the zygote kills every sandbox it started and exits.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import select
import signal
import socket
from typing import Any

from . import process

WARM_MODULES = (
    "abc",
    "asyncio",
    "collections",
    "concurrent.futures",
    "contextlib",
    "copy",
    "dataclasses",
    "enum",
    "functools",
    "inspect",
    "itertools",
    "json",
    "math",
    "multiprocessing",
    "operator",
    "queue",
    "random",
    "re",
    "selectors",
    "threading",
    "time",
    "traceback",
    "types",
    "typing",
    "warnings",
    "weakref",
)


def main(argv: list[str]) -> None:
    """Serve fork and kill requests on the socket ``argv[0]`` until the trusted side closes it."""
    control_fd = int(argv[0])
    for name in WARM_MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    control = socket.socket(fileno=control_fd)
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    live: set[int] = set()
    _send(control, {"op": "hello", "pid": os.getpid()})
    while True:
        readable, _, _ = select.select([control.fileno(), wake_read], [], [])
        if wake_read in readable:
            os.read(wake_read, 4096)
            _reap(live, control, block=False)
        if control.fileno() in readable and not _handle(control, live, (wake_read, wake_write)):
            break
    for pid in live:
        _kill(pid)
    _reap(live, None, block=True)


def _handle(control: socket.socket, live: set[int], wake: tuple[int, int]) -> bool:
    data, fds, _, _ = socket.recv_fds(control, 1 << 16, 1)
    if not data:
        return False
    request = json.loads(data)
    if request["op"] == "fork":
        _fork(control, request["config"], fds[0], live, wake)
    elif request["op"] == "kill" and request["pid"] in live:
        _kill(request["pid"])
    return True


def _fork(
    control: socket.socket, config: dict[str, Any], fd: int, live: set[int], wake: tuple[int, int]
) -> None:
    try:
        pid = os.fork()
    except OSError as error:
        os.close(fd)
        _send(control, {"op": "fork-failed", "error": str(error)})
        return
    if pid == 0:
        _become_sandbox(control, config, fd, wake)
    os.close(fd)
    live.add(pid)
    _send(control, {"op": "forked", "pid": pid})


def _become_sandbox(
    control: socket.socket, config: dict[str, Any], fd: int, wake: tuple[int, int]
) -> None:
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.close(wake[0])
        os.close(wake[1])
        control.close()
        os.setsid()
        process.run(socket.socket(fileno=fd), config)
    finally:
        os._exit(process.EXIT_SETUP_FAILED)


def _kill(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        with contextlib.suppress(OSError):  # already gone, or not a group leader yet
            kill(pid, signal.SIGKILL)


def _reap(live: set[int], control: socket.socket | None, *, block: bool) -> None:
    while live:
        try:
            pid, status = os.waitpid(-1, 0 if block else os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if pid in live:
            live.discard(pid)
            if control is not None:
                code = os.waitstatus_to_exitcode(status)
                _send(control, {"op": "exited", "pid": pid, "code": code})


def _send(control: socket.socket, message: dict[str, Any]) -> None:
    control.send(json.dumps(message).encode("utf-8"))
