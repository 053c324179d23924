"""Tests for pykata.kata_sandbox: deadlines, crashes, restarts and what the learner is told."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CONFINED, HOSTILE

from pykata.kata_sandbox import (
    MAX_RESTARTS,
    GraderFault,
    KataSandbox,
    ProbeFailed,
    SandboxFailure,
    describe_exit,
    import_failure_message,
)
from pykata.sandbox.codec import Raised

OpenSandbox = Callable[..., KataSandbox]


def test_a_probe_returns_its_value_and_a_call_its_result(
    open_sandbox: OpenSandbox, catalog_root: Path, mode: str
) -> None:
    sandbox = open_sandbox(catalog_root / "solutions/sample/echo/echo.py", mode)
    assert (False, [1, 1]) == sandbox.request("probe", "echoed_twice", (1,), {})
    assert (False, (2, "b")) == sandbox.request("call", "echo", ((2, "b"),), {})


def test_an_exception_in_learner_code_comes_back_as_raised(
    open_sandbox: OpenSandbox, catalog_root: Path, mode: str
) -> None:
    sandbox = open_sandbox(catalog_root / "katas/sample/echo/echo.py", mode)
    raised, value = sandbox.request("call", "echo", (1,), {})
    assert raised
    assert isinstance(value, Raised)
    assert value.is_a("NotImplementedError")
    assert "echo.py:6" == value.location


def test_an_endless_loop_times_out_and_ends_the_kata(open_sandbox: OpenSandbox, mode: str) -> None:
    if mode == "inprocess":
        pytest.skip("an in-process sandbox cannot be killed; its thread is left running")
    sandbox = open_sandbox(HOSTILE / "infinite_loop.py", mode, timeout=0.5)
    with pytest.raises(SandboxFailure) as first:
        sandbox.request("call", "echo", (1,), {})
    assert "timeout" == first.value.kind
    assert "time limit of 0.5 s" in str(first.value)
    with pytest.raises(SandboxFailure) as later:
        sandbox.request("call", "echo", (1,), {})
    assert later.value is first.value


@pytest.mark.parametrize("mode", ["fork", "spawn", CONFINED])
def test_a_crash_fails_one_request_and_the_next_gets_a_fresh_sandbox(
    open_sandbox: OpenSandbox, tmp_path: Path, mode: str
) -> None:
    module = tmp_path / "echo.py"
    module.write_text(
        "import os\n\n"
        "def echo(value):\n    if value == 'die':\n        os._exit(3)\n    return value\n"
    )
    sandbox = open_sandbox(module, mode)
    with pytest.raises(
        SandboxFailure, match="exited with status 3 in the middle of a test"
    ) as crash:
        sandbox.request("call", "echo", ("die",), {})
    assert "crashed" == crash.value.kind
    assert (False, "ok") == sandbox.request("call", "echo", ("ok",), {})
    assert 1 == len(sandbox.crashes)
    assert sandbox.fatal is None


def test_too_many_crashes_end_the_kata(open_sandbox: OpenSandbox) -> None:
    sandbox = open_sandbox(HOSTILE / "os_exit.py")
    for _ in range(MAX_RESTARTS + 1):
        with pytest.raises(SandboxFailure):
            sandbox.request("call", "echo", (1,), {})
    assert sandbox.fatal is not None
    with pytest.raises(SandboxFailure) as again:
        sandbox.request("call", "echo", (1,), {})
    assert again.value is sandbox.fatal


def test_a_crash_while_importing_ends_the_kata(open_sandbox: OpenSandbox) -> None:
    sandbox = open_sandbox(HOSTILE / "os_exit_at_import.py")
    with pytest.raises(SandboxFailure, match="while importing it"):
        sandbox.request("call", "echo", (1,), {})
    assert sandbox.fatal is not None


def test_a_signal_is_named_with_its_likely_cause(open_sandbox: OpenSandbox) -> None:
    sandbox = open_sandbox(HOSTILE / "segfault.py")
    with pytest.raises(SandboxFailure, match="killed by SIGSEGV"):
        sandbox.request("call", "echo", (1,), {})


def test_a_module_that_cannot_be_imported_ends_the_kata_with_an_error(
    open_sandbox: OpenSandbox, mode: str
) -> None:
    sandbox = open_sandbox(HOSTILE / "syntax_error.py", mode)
    with pytest.raises(SandboxFailure) as failure:
        sandbox.request("call", "echo", (1,), {})
    assert "error" == failure.value.kind
    assert str(failure.value).startswith("echo.py:4: SyntaxError")


def test_closing_the_channel_is_reported_as_no_longer_answering(open_sandbox: OpenSandbox) -> None:
    sandbox = open_sandbox(HOSTILE / "closes_channel.py")
    with pytest.raises(SandboxFailure, match="closed its connection to the grader"):
        sandbox.request("call", "echo", (1,), {})


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc to find the channel")
def test_a_forged_reply_is_caught_as_answering_out_of_turn(open_sandbox: OpenSandbox) -> None:
    sandbox = open_sandbox(HOSTILE / "forges_replies.py")
    with pytest.raises(SandboxFailure, match="answered out of turn"):
        sandbox.request("call", "echo", (1,), {})


def test_probes_that_fail_to_load_are_the_graders_fault(
    open_sandbox: OpenSandbox, catalog_root: Path
) -> None:
    sandbox = open_sandbox(catalog_root / "solutions/sample/echo/echo.py")
    (sandbox.workspace.kata_dir / "pykata_probes.py").write_text("raise ImportError('typo')\n")
    with pytest.raises(GraderFault, match="probes failed to load"):
        sandbox.request("probe", "echoed", (1,), {})


def test_an_unknown_probe_is_the_graders_fault(
    open_sandbox: OpenSandbox, catalog_root: Path
) -> None:
    sandbox = open_sandbox(catalog_root / "solutions/sample/echo/echo.py")
    with pytest.raises(GraderFault, match="no probe named 'nope'"):
        sandbox.request("probe", "nope", (), {})


def test_a_result_too_big_to_carry_fails_the_probe_only(
    open_sandbox: OpenSandbox, tmp_path: Path
) -> None:
    module = tmp_path / "echo.py"
    module.write_text("def echo(value):\n    x = []\n    x.append(x)\n    return x\n")
    sandbox = open_sandbox(module)
    with pytest.raises(ProbeFailed, match="cannot be graded"):
        sandbox.request("call", "echo", (1,), {})
    assert sandbox.fatal is None


def test_output_printed_during_a_test_can_be_read_back(
    open_sandbox: OpenSandbox, tmp_path: Path
) -> None:
    module = tmp_path / "echo.py"
    module.write_text("def echo(value):\n    print('looking at', value)\n    return value\n")
    sandbox = open_sandbox(module)
    sandbox.request("call", "echo", ("first",), {})
    offset = sandbox.output_size()
    sandbox.request("call", "echo", ("second",), {})
    assert "looking at second\n" == sandbox.output_since(offset)


def test_the_deadline_covers_the_whole_kata_not_each_request(
    open_sandbox: OpenSandbox, catalog_root: Path
) -> None:
    now = [100.0]
    sandbox = open_sandbox(catalog_root / "solutions/sample/echo/echo.py", timeout=5)
    sandbox.clock = lambda: now[0]
    sandbox.request("call", "echo", (1,), {})
    now[0] += 6
    with pytest.raises(SandboxFailure, match="time limit"):
        sandbox.request("call", "echo", (1,), {})


def test_closing_leaves_no_process_behind(open_sandbox: OpenSandbox) -> None:
    sandbox = open_sandbox(HOSTILE / "forks_and_lingers.py")
    marker = sandbox.workspace.kata_dir
    sandbox.request("call", "echo", (1,), {})
    sandbox.close()
    if Path("/proc").exists():
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and _processes_in(marker):
            time.sleep(0.05)
        assert [] == _processes_in(marker)


def _processes_in(folder: Path) -> list[int]:
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if os.readlink(entry / "cwd") == str(folder):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (None, "stopped answering"),
        (0, "exited with status 0"),
        (-signal.SIGKILL, "killed by SIGKILL (killed, often for using too much memory)"),
        (-signal.SIGXCPU, "used up its CPU time"),
        (-signal.SIGUSR1, "killed by SIGUSR1 (the process was ended by a signal)"),
        (-250, "killed by signal 250"),
    ],
)
def test_exits_are_described_in_words(code: int | None, text: str) -> None:
    assert text in describe_exit(code)


def test_import_failures_are_explained() -> None:
    exit_raised = Raised("SystemExit", ("SystemExit", "BaseException"), "1", "m.py:2")
    error = Raised("ImportError", ("ImportError",), "no numpy", "")
    assert "m.py:2: importing m.py called sys.exit()" in import_failure_message("m.py", exit_raised)
    assert "importing m.py raised ImportError: no numpy" == import_failure_message("m.py", error)
