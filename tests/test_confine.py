"""Confined sandboxes: another user, no network, only the kata's own files, a private PID space."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pykata.confine import NOBODY, confined_command, confinement_problem
from pykata.kata_sandbox import KataSandbox

pytestmark = pytest.mark.skipif(
    confinement_problem() is not None, reason=f"{confinement_problem()}"
)

OpenSandbox = Callable[..., KataSandbox]

SNOOP = """
import os, socket

def _try(action):
    try:
        action()
        return "allowed"
    except OSError as error:
        return type(error).__name__

def echo(graders):
    def connect():
        socket.create_connection(("127.0.0.1", 9), timeout=1).close()
    return {
        "uid": os.getuid(),
        "graders": _try(lambda: os.listdir(graders)),
        "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
        "network": _try(connect),
        "write_lib": _try(lambda: open(os.path.join(%(lib)r, "x"), "w").close()),
        "write_here": _try(lambda: open("mine.txt", "w").close()),
        "root_files": sorted(os.listdir("/")),
    }
"""


def test_the_confined_sandbox_sees_only_what_it_needs(
    open_sandbox: OpenSandbox, tmp_path: Path, catalog_root: Path
) -> None:
    module = tmp_path / "echo.py"
    lib = tmp_path / "run" / "lib"
    module.write_text(SNOOP % {"lib": str(lib)})
    sandbox = open_sandbox(module, "confined")

    raised, seen = sandbox.request("call", "echo", (str(catalog_root / "graders"),), {})

    assert not raised, seen
    assert NOBODY == seen["uid"]
    assert "FileNotFoundError" == seen["graders"], "the graders are not even visible"
    assert len(seen["pids"]) <= 3, f"only the sandbox's own processes are visible: {seen['pids']}"
    assert "allowed" != seen["network"]
    assert "allowed" != seen["write_lib"]
    assert "allowed" == seen["write_here"]
    assert "work" not in seen["root_files"]


def test_the_command_binds_the_kata_folder_writable_and_the_runtime_read_only(
    tmp_path: Path,
) -> None:
    command = confined_command(["python"], tmp_path / "kata", tmp_path / "lib", tmp_path / "out")

    assert ["--bind", str(tmp_path / "kata"), str(tmp_path / "kata")] == _after(command, "--bind")
    assert "--unshare-net" in command
    assert "--unshare-pid" in command
    assert f"--reuid={NOBODY}" in command
    assert ["python"] == command[-1:]


def _after(command: list[str], option: str) -> list[str]:
    index = command.index(option)
    return command[index : index + 3]
