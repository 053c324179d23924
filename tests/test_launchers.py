"""Tests for pykata.launchers: each way of starting a sandbox isolates it the same way."""

from __future__ import annotations

import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import CONFINED

from pykata import launchers
from pykata.kata_sandbox import KataSandbox
from pykata.launchers import (
    LaunchError,
    SpawnLauncher,
    ZygoteLauncher,
    default_mode,
    install_runtime,
    make_launcher,
    sandbox_env,
)
from pykata.sandbox.framing import receive_message

OpenSandbox = Callable[..., KataSandbox]

INSPECTOR = """
import os, sys

def echo(value):
    try:
        import pytest  # noqa: F401
        has_pytest = True
    except ImportError:
        has_pytest = False
    return {"env": sorted(os.environ), "cwd": os.getcwd(), "has_pytest": has_pytest,
            "flags": [sys.flags.isolated, sys.flags.no_site, sys.flags.dont_write_bytecode],
            "session_leader": os.getsid(0) == os.getpid() if hasattr(os, "getsid") else True}
"""


@pytest.fixture
def inspector(tmp_path: Path) -> Path:
    path = tmp_path / "echo.py"
    path.write_text(INSPECTOR)
    return path


@pytest.mark.parametrize("mode", ["fork", "spawn", CONFINED])
def test_the_sandbox_is_isolated_from_the_graders_environment(
    open_sandbox: OpenSandbox, inspector: Path, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "secret")
    sandbox = open_sandbox(inspector, mode)
    _, seen = sandbox.request("call", "echo", (1,), {})
    assert "GITHUB_TOKEN" not in seen["env"]
    assert not seen["has_pytest"], "site-packages must not be importable in the sandbox"
    assert [1, 1, 1] == seen["flags"]
    assert str(sandbox.workspace.kata_dir) == seen["cwd"]
    if mode != "confined":  # confined: the sandbox is its PID namespace's, killed as a whole
        assert seen["session_leader"], "the sandbox leads its own session, so it can be killed"


def test_the_scrubbed_environment_keeps_only_what_python_needs() -> None:
    assert {"PATH", "LANG", "LC_ALL", "MALLOC_ARENA_MAX"} <= set(sandbox_env())
    assert not [name for name in sandbox_env() if name.startswith(("GITHUB", "PYTHON"))]


def test_the_spawn_launcher_can_connect_over_loopback_where_fds_cannot_be_passed(
    tmp_path: Path, catalog_root: Path
) -> None:
    lib = install_runtime(tmp_path)
    kata_dir = tmp_path / "kata"
    kata_dir.mkdir()
    (kata_dir / "echo.py").write_text("def echo(v):\n    return v\n")
    config = {
        "kata_dir": str(kata_dir),
        "module": "echo",
        "output": str(tmp_path / "out"),
        "limits": {},
    }
    sandbox = SpawnLauncher(lib, use_tcp=True).launch(config)
    try:
        assert receive_message(sandbox.channel)["ready"] is True
    finally:
        sandbox.kill()
        sandbox.channel.close()
    assert sandbox.exit_code(5) is not None


def test_a_wrong_token_on_loopback_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = install_runtime(tmp_path)
    real = socket.create_connection

    def impostor(address: tuple[str, int], *args: object) -> socket.socket:
        connection = real(address)
        connection.sendall(b"0" * 32)
        return connection

    monkeypatch.setattr("pykata.launchers.secrets.token_hex", lambda n: "f" * 32)
    config = {
        "kata_dir": str(tmp_path),
        "module": "echo",
        "output": str(tmp_path / "out"),
        "limits": {},
    }
    launcher = SpawnLauncher(lib, use_tcp=True)
    monkeypatch.setattr(
        "pykata.launchers.subprocess.Popen",
        lambda *a, **k: _FakeProcess(impostor, config, a),
    )
    with pytest.raises(LaunchError, match="not the sandbox"):
        launcher.launch(config)


class _FakeProcess:
    """Stands in for a spawned sandbox that connects with a wrong token."""

    def __init__(
        self, connect: Callable[..., socket.socket], config: object, args: tuple[object, ...]
    ) -> None:
        endpoint = str(args[0][-1])  # type: ignore[index]
        port = int(endpoint.split(":")[1])
        self.connection = connect(("127.0.0.1", port))
        self.pid = 0

    def kill(self) -> None:
        self.connection.close()


@pytest.fixture
def kata_config(tmp_path: Path) -> Callable[[str], dict[str, Any]]:
    """Write ``echo.py`` with the given source; return the sandbox config that serves it."""

    def make(source: str) -> dict[str, Any]:
        kata_dir = tmp_path / "kata"
        kata_dir.mkdir(exist_ok=True)
        (kata_dir / "echo.py").write_text(source)
        output = str(tmp_path / "out")
        return {"kata_dir": str(kata_dir), "module": "echo", "output": output, "limits": {}}

    return make


@pytest.fixture
def zygote(tmp_path: Path) -> ZygoteLauncher:
    return ZygoteLauncher(install_runtime(tmp_path), tmp_path / "zygote.log")


def test_a_zygote_that_died_is_reported_instead_of_hanging(
    zygote: ZygoteLauncher, kata_config: Callable[[str], dict[str, Any]]
) -> None:
    zygote._process.kill()  # simulate a zygote killed from outside
    zygote._process.wait()
    with pytest.raises(LaunchError, match="zygote"):
        zygote.launch(kata_config("x = 1\n"))
    zygote.close()


def test_closing_the_zygote_ends_the_sandboxes_it_started(
    zygote: ZygoteLauncher, kata_config: Callable[[str], dict[str, Any]]
) -> None:
    sandbox = zygote.launch(kata_config("while True:\n    pass\n"))
    zygote.close()
    assert 0 == zygote._process.returncode
    sandbox.channel.settimeout(5)
    assert b"" == sandbox.channel.recv(1), "the sandbox should be gone, its channel closed"
    sandbox.channel.close()


def test_a_killed_sandbox_reports_the_signal(
    zygote: ZygoteLauncher, kata_config: Callable[[str], dict[str, Any]]
) -> None:
    sandbox = zygote.launch(kata_config("x = 1\n"))
    assert receive_message(sandbox.channel)["ready"] is True
    assert sandbox.exit_code(0) is None
    sandbox.kill()
    assert -signal.SIGKILL == sandbox.exit_code(5)
    sandbox.kill()  # killing twice is harmless
    sandbox.channel.close()
    zygote.close()


def test_fork_is_the_default_on_linux_and_spawn_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(launchers, "confinement_problem", lambda: "not root")
    monkeypatch.setattr(sys, "platform", "linux")
    assert "fork" == default_mode()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert "spawn" == default_mode()


def test_confined_is_the_default_where_the_grader_may_confine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(launchers, "confinement_problem", lambda: None)
    assert "confined" == default_mode()


def test_asking_for_confined_where_it_cannot_run_says_why(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(launchers, "confinement_problem", lambda: "confined sandboxes need root")
    with pytest.raises(LaunchError, match="need root"):
        make_launcher("confined", tmp_path, tmp_path / "log")


def test_an_unknown_mode_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="choose one of fork, spawn, confined, inprocess"):
        make_launcher("thread", tmp_path, tmp_path / "log")


def test_the_runtime_copy_holds_the_sandbox_package_only(tmp_path: Path) -> None:
    lib = install_runtime(tmp_path)
    assert ["pykata_sandbox"] == [p.name for p in lib.iterdir()]
    assert (lib / "pykata_sandbox" / "serve.py").is_file()
