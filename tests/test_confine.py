"""Confined sandboxes: another user, no network, only the kata's own files, a private PID space."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pykata.confine import SANDBOX_UIDS, confined_command, confinement_problem
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
        "repository": _try(lambda: os.listdir(%(repo)r)),
    }
"""


def test_the_confined_sandbox_sees_only_what_it_needs(
    open_sandbox: OpenSandbox, tmp_path: Path, catalog_root: Path
) -> None:
    module = tmp_path / "echo.py"
    lib = tmp_path / "run" / "lib"
    module.write_text(SNOOP % {"lib": str(lib), "repo": str(catalog_root)})
    sandbox = open_sandbox(module, "confined")

    raised, seen = sandbox.request("call", "echo", (str(catalog_root / "graders"),), {})

    assert not raised, seen
    assert seen["uid"] in SANDBOX_UIDS, "a user id of its own, not root's or an account's"
    assert "FileNotFoundError" == seen["graders"], "the graders are not even visible"
    assert len(seen["pids"]) <= 3, f"only the sandbox's own processes are visible: {seen['pids']}"
    assert "allowed" != seen["network"]
    assert "allowed" != seen["write_lib"]
    assert "allowed" == seen["write_here"]
    assert "FileNotFoundError" == seen["repository"], "nor is the repository"


def test_the_command_binds_the_kata_folder_writable_and_the_runtime_read_only(
    tmp_path: Path,
) -> None:
    command = confined_command(
        ["python"], tmp_path / "kata", tmp_path / "lib", tmp_path / "out", 1_234_567
    )

    assert ["--bind", str(tmp_path / "kata"), str(tmp_path / "kata")] == _after(command, "--bind")
    assert "--unshare-net" in command
    assert "--unshare-pid" in command
    assert "--reuid=1234567" in command
    assert ["python"] == command[-1:]


def _after(command: list[str], option: str) -> list[str]:
    index = command.index(option)
    return command[index : index + 3]


def test_sandboxes_side_by_side_get_different_users(
    open_sandbox: OpenSandbox, tmp_path: Path
) -> None:
    module = tmp_path / "echo.py"
    module.write_text("import os\n\ndef echo(value):\n    return os.getuid()\n")
    first, second = open_sandbox(module, "confined"), open_sandbox(module, "confined")

    uids = {first.request("call", "echo", (1,), {})[1], second.request("call", "echo", (1,), {})[1]}

    assert 2 == len(uids), "each sandbox counts its processes against its own user"
