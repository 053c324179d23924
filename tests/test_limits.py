"""Tests for pykata.sandbox.limits, applied in a child process so this one keeps its limits."""

from __future__ import annotations

import subprocess
import sys

import pytest

resource = pytest.importorskip("resource", reason="resource limits exist on POSIX only")

from pykata.sandbox.limits import apply_limits  # noqa: E402  (after the skip on Windows)

CHILD = """
import resource, sys
from pykata.sandbox.limits import apply_limits
skipped = apply_limits({"cpu_seconds": 30, "memory_mb": 512, "file_mb": 2, "open_files": 64,
                        "tasks": None})
for name in ("RLIMIT_CPU", "RLIMIT_AS", "RLIMIT_FSIZE", "RLIMIT_NOFILE", "RLIMIT_CORE"):
    print(name, *resource.getrlimit(getattr(resource, name)))
print("skipped", skipped)
"""


def test_limits_are_applied_with_hard_limits_lowered_too() -> None:
    output = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, check=True
    ).stdout
    limits = {line.split()[0]: line.split()[1:] for line in output.splitlines()}
    assert ["30", "31"] == limits["RLIMIT_CPU"]
    assert [str(512 * 1024 * 1024)] * 2 == limits["RLIMIT_AS"]
    assert [str(2 * 1024 * 1024)] * 2 == limits["RLIMIT_FSIZE"]
    assert ["64", "64"] == limits["RLIMIT_NOFILE"]
    assert ["0", "0"] == limits["RLIMIT_CORE"]
    assert ["[]"] == limits["skipped"]


def test_a_limit_the_system_refuses_is_reported_as_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(which: int, limits: tuple[int, int]) -> None:
        raise OSError("not allowed")

    monkeypatch.setattr(resource, "setrlimit", refuse)
    assert ["RLIMIT_NOFILE", "RLIMIT_CORE"] == apply_limits({"open_files": 10})


def test_limits_left_unset_are_not_touched(monkeypatch: pytest.MonkeyPatch) -> None:
    applied = []
    monkeypatch.setattr(resource, "setrlimit", lambda which, limits: applied.append(which))
    apply_limits({"tasks": None})
    assert [resource.RLIMIT_CORE] == applied
