"""The sandbox process itself: isolate, limit, then serve probes until the channel closes.

A sandbox process starts either forked from the zygote or spawned as ``python -I -S -B``. Either
way it ends with ``os._exit``: learner threads, ``atexit`` hooks and finalizers never get to delay
or change how it ends.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from typing import Any, NoReturn

from .limits import apply_limits
from .serve import serve

EXIT_SETUP_FAILED = 70


def run(channel: socket.socket, config: dict[str, Any]) -> NoReturn:
    """Become the sandbox described by ``config`` and serve on ``channel``; never return."""
    code = EXIT_SETUP_FAILED
    try:
        kata_dir, module = config["kata_dir"], config["module"]
        _isolate(kata_dir, config["output"])
        apply_limits(config["limits"])
        code = 0
        serve(channel, module, os.path.join(kata_dir, module + ".py"))
    finally:
        os._exit(code)


def _isolate(kata_dir: str, output: str) -> None:
    """Work in the kata's temp copy; send stdin nowhere and stdout/stderr to the capped file."""
    os.chdir(kata_dir)
    sys.path.insert(0, kata_dir)
    os.environ["HOME"] = kata_dir
    os.environ["TMPDIR"] = kata_dir
    null = os.open(os.devnull, os.O_RDONLY)
    out = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.close(null)
    os.close(out)
    try:
        import signal

        # Writing past the file-size limit must fail with an error, not kill the process.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    except (ImportError, AttributeError, ValueError):
        pass


def main(argv: list[str]) -> NoReturn:
    """Entry point of a spawned sandbox: ``argv`` is ``[config_json, channel]``.

    ``channel`` is an inherited socket's file descriptor, or ``tcp:PORT:TOKEN`` where file
    descriptors cannot be inherited (Windows): the sandbox connects to the trusted side on the
    loopback interface and proves it is the expected process with the token.
    """
    config = json.loads(argv[0])
    if argv[1].startswith("tcp:"):
        _, port, token = argv[1].split(":")
        channel = socket.create_connection(("127.0.0.1", int(port)))
        channel.sendall(token.encode("ascii"))
    else:
        channel = socket.socket(fileno=int(argv[1]))
    run(channel, config)
