"""The hostile suite: learner modules written to fake a pass or break the run.

Each module replaces the echo kata's file in the fixture catalog, beside the honest adder kata,
and is graded in the default (fork) mode and in the confined mode where this machine allows it.
For each one: the kata gets the status its real behaviour earns, the adder is graded as usual,
no process outlives the run, the repository and the learner's tree are unchanged, nothing the
terminal shows starts a GitHub workflow command, and a second, honest run scores full marks.

A few modules are graded confined only: in the fork mode, code running as the grader's own user
can reach what that user can (other processes' environments, files anywhere, processes that
leave the session), which docs/security.md states as that mode's limit.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CONFINED, HOSTILE

from pykata.catalog import Catalog
from pykata.jobs import learner_jobs
from pykata.results import KataResult, RunResult
from pykata.runner import run_jobs
from pykata.terminal import Style, print_failures, print_flags, print_summary

BOTH = ("fork", "confined")
CONFINED_ONLY = ("confined",)
C_STACK = "crashed" if sys.version_info < (3, 12) else "failed"  # 3.12+ raises RecursionError

# module, the statuses its behaviour earns, a fragment of what the learner is told, modes, flags
CASES = [
    ("syntax_error", {"error"}, "echo.py:4: SyntaxError", BOTH, ()),
    ("import_error", {"error"}, "importing echo.py raised ModuleNotFoundError", BOTH, ()),
    ("missing_name", {"failed"}, "echo.py does not define `echo`", BOTH, ()),
    ("infinite_loop", {"timeout"}, "time limit of 3 s", BOTH, ()),
    ("infinite_loop_at_import", {"timeout"}, "time limit of 3 s", BOTH, ()),
    ("holds_the_gil", {"timeout"}, "time limit of 3 s", BOTH, ()),
    ("os_exit", {"crashed"}, "exited with status 3", BOTH, ()),
    ("os_exit_at_import", {"crashed"}, "while importing it", BOTH, ()),
    ("sys_exit", {"failed"}, "called sys.exit()", BOTH, ()),
    ("sys_exit_at_import", {"error"}, "called sys.exit()", BOTH, ()),
    ("keyboard_interrupt", {"failed"}, "raised KeyboardInterrupt", BOTH, ()),
    ("fake_pytest_skip", {"failed"}, "raised Skipped", BOTH, ()),
    ("fake_pytest_exit_at_import", {"error"}, "called sys.exit()", BOTH, ()),
    ("infinite_recursion", {"failed"}, "RecursionError", BOTH, ()),
    ("c_stack_overflow", {C_STACK}, "", BOTH, ()),
    ("memory_bomb", {"failed"}, "MemoryError", BOTH, ()),
    # Under heavy load the creep can outlast the 3 s limit before memory runs out: 0 either way.
    ("memory_creep", {"failed", "timeout"}, "", BOTH, ()),
    ("process_bomb", {"failed"}, "", CONFINED_ONLY, ()),
    ("output_flood", {"failed"}, "file size limit", BOTH, ()),
    ("fake_summary_flood", {"failed"}, "", BOTH, ("ci-environment",)),
    ("always_equal", {"failed"}, "AlwaysEqual object", BOTH, ()),
    ("int_subclass", {"failed"}, "Sneaky object", BOTH, ()),
    ("rebinds_type", {"failed", "crashed"}, "", BOTH, ("builtins",)),
    ("swaps_builtins", {"failed", "crashed"}, "", BOTH, ("builtins",)),
    ("hostile_repr", {"failed"}, "its repr failed", BOTH, ()),
    ("hostile_dunders", {"failed", "crashed"}, "", BOTH, ()),
    ("segfault", {"crashed"}, "SIGSEGV", BOTH, ()),
    ("closes_channel", {"crashed"}, "closed its connection", BOTH, ()),
    # It echoes correctly but also writes forged frames to the channel: at best they are ignored
    # and it earns what its echo earns, at worst the sandbox is ended for answering out of turn.
    ("forges_replies", {"passed", "crashed"}, "", BOTH, ()),
    ("forks_and_lingers", {"passed"}, "", BOTH, ()),
    ("patches_json_and_codec", {"failed", "crashed", "error"}, "", BOTH, ()),
    ("patches_probes", {"failed"}, "", BOTH, ()),
    ("writes_results_file", {"failed"}, "", BOTH, ()),
    ("drops_config_files", {"failed"}, "", BOTH, ()),
    ("rewrites_graders", {"failed"}, "", CONFINED_ONLY, ()),
    ("steals_ci_secrets", {"failed"}, "", CONFINED_ONLY, ("ci-environment",)),
]
# Patching the probes through the garbage collector works (the code shares the probes'
# interpreter): it is flagged for a reviewer, and the honest tests of the kata still fail.
FRAME_WALKER = ("frame_walker", {"partial"}, "", BOTH, ("gc", "frames"))


def cases() -> list[object]:
    params = []
    for case in [*CASES, FRAME_WALKER]:
        for mode in case[3]:
            marks = CONFINED.marks if mode == "confined" else ()
            params.append(pytest.param(case, mode, id=f"{case[0]}-{mode}", marks=marks))
    return params


def test_the_suite_covers_at_least_25_ways_to_cheat_or_break_the_run() -> None:
    modules = {path.stem for path in HOSTILE.glob("*.py")}
    assert len(CASES) + 1 >= 25
    assert {case[0] for case in [*CASES, FRAME_WALKER]} == modules


@pytest.mark.parametrize(("case", "mode"), cases())
def test_hostile_code_costs_only_its_own_kata(
    case: tuple[str, set[str], str, tuple[str, ...], tuple[str, ...]],
    mode: str,
    catalog: Catalog,
    learner_tree: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module, statuses, message, _, flags = case
    runs = tmp_path / "runs"
    runs.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(runs))
    github_env = tmp_path / "github_env"
    github_env.write_text("")
    monkeypatch.setenv("GITHUB_TOKEN", "the-secret-token")
    monkeypatch.setenv("GITHUB_ENV", str(github_env))
    learner = learner_tree(echo=HOSTILE / f"{module}.py")
    repository, learner_files = snapshot(catalog.root), snapshot(learner)
    outside = sorted(p.name for p in tmp_path.iterdir())

    results = grade(catalog, learner, mode)

    echo, adder = results["sample/echo"], results["sample/adder"]
    told = echo.message or (echo.first_failure.message if echo.first_failure else "")
    assert echo.status in statuses, told
    assert message in told
    assert ("passed", 10.0) == (adder.status, adder.score), "the other kata must be graded normally"
    assert "the-secret-token" not in repr(echo)
    assert "" == github_env.read_text()
    assert set(flags) <= {kind_of(flag) for flag in echo.flags}
    assert [] == survivors(runs), "no process may outlive the run"
    assert repository == snapshot(catalog.root)
    assert learner_files == snapshot(learner)
    if mode == "confined":
        assert outside == sorted(p.name for p in tmp_path.iterdir()), "nothing written outside"
    assert not [line for line in shown(results) if line.startswith("::")]
    again = grade(catalog, learner_tree(), mode)
    assert {"passed"} == {r.status for r in again.values()}, "a later honest run is unaffected"


def grade(catalog: Catalog, source: Path, mode: str) -> dict[str, KataResult]:
    outcome = run_jobs(learner_jobs(list(catalog.katas), source), catalog.root, mode)
    assert [] == outcome.problems
    return {r.id: r for r in outcome.results}


def kind_of(flag: str) -> str:
    """The scan kind a flag's description names, by its reason text."""
    from pykata.scan import FLAG_KINDS

    return next(kind for kind, reason in FLAG_KINDS.items() if f"({reason})" in flag)


def snapshot(root: Path) -> dict[str, str]:
    """Every file below ``root`` with a hash of its content (symlinks by their target)."""
    found = {}
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts or (path.is_dir() and not path.is_symlink()):
            continue
        data = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
        found[str(path.relative_to(root))] = hashlib.sha256(data).hexdigest()
    return found


def survivors(runs: Path, patience: float = 5.0) -> list[str]:
    """Processes still working in or started from a run folder, after they had time to die."""
    deadline = time.monotonic() + patience
    while True:
        found = [pid for pid in _pids() if _belongs_to(pid, str(runs))]
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)  # polling for the kernel to finish killing, not ordering events


def _pids() -> list[str]:
    return [p for p in os.listdir("/proc") if p.isdigit()] if os.path.isdir("/proc") else []


def _belongs_to(pid: str, folder: str) -> bool:
    try:
        cwd = os.readlink(f"/proc/{pid}/cwd")
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            cmdline = handle.read().decode(errors="replace")
    except OSError:
        return False
    return cwd.startswith(folder) or folder in cmdline


def shown(results: dict[str, KataResult]) -> list[str]:
    """Every line the terminal would show for these results."""
    run = RunResult("3.12.1", "katas", tuple(results.values()))
    out = io.StringIO()
    style = Style(color=False, unicode=True)
    print_summary(run, out, style)
    print_failures(run, out, style)
    print_flags(run, out, style)
    return out.getvalue().splitlines()
