"""Shared fixtures: a small fixture catalog copied per test, and ways to grade against it."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fake_github import FakeGitHub, GitHubState

from pykata.catalog import Catalog, load_catalog
from pykata.cli import main
from pykata.confine import confinement_problem
from pykata.jobs import GradeJob
from pykata.kata_sandbox import KataSandbox, sandbox_limits
from pykata.launchers import Launcher, install_runtime, make_launcher
from pykata.results import KataResult, RunResult, TestResult
from pykata.workspace import prepare_workspace

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = FIXTURES / "hostile"


@pytest.fixture
def catalog_root(tmp_path: Path) -> Path:
    """A private copy of tests/fixtures/catalog that a test may change."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "catalog", root)
    return root


@pytest.fixture
def catalog(catalog_root: Path) -> Catalog:
    return load_catalog(catalog_root)


@pytest.fixture
def learner_tree(tmp_path: Path, catalog_root: Path) -> Callable[..., Path]:
    """Build a tree mirroring katas/: each kata gets its solution unless given another file."""

    def build(**modules: Path) -> Path:
        source = tmp_path / "learner"
        shutil.rmtree(source, ignore_errors=True)
        for kata_dir in sorted((catalog_root / "solutions").glob("*/*")):
            target = source / kata_dir.relative_to(catalog_root / "solutions")
            target.mkdir(parents=True)
            for module in kata_dir.glob("*.py"):
                replacement = modules.get(module.stem)
                shutil.copyfile(replacement or module, target / module.name)
        return source

    return build


CONFINED = pytest.param(
    "confined",
    marks=pytest.mark.skipif(confinement_problem() is not None, reason=f"{confinement_problem()}"),
)


@pytest.fixture(params=["fork", "spawn", "confined", "inprocess"])
def mode(request: pytest.FixtureRequest) -> str:
    """Each way of starting a sandbox (confined only where this machine allows it)."""
    if request.param == "confined" and confinement_problem():
        pytest.skip(str(confinement_problem()))
    return str(request.param)


@pytest.fixture
def open_sandbox(catalog: Catalog, tmp_path: Path) -> Iterator[Callable[..., KataSandbox]]:
    """Open KataSandboxes grading ``module`` (a path) as the echo kata; all close at the end."""
    opened: list[tuple[KataSandbox, Launcher]] = []
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    lib = install_runtime(run_dir)

    def open_one(module: Path, mode: str = "fork", timeout: float | None = None) -> KataSandbox:
        kata = catalog.get("sample/echo")
        assert kata is not None
        if timeout is not None:
            kata = dataclasses.replace(kata, timeout=timeout)
        job = GradeJob(kata, module)
        launcher = make_launcher(mode, lib, run_dir / f"zygote-{len(opened)}.log")
        sandbox = KataSandbox(
            job=job,
            workspace=prepare_workspace(run_dir, len(opened), job, module.read_bytes()),
            launcher=launcher,
            limits=sandbox_limits(job, None),
        )
        opened.append((sandbox, launcher))
        return sandbox

    yield open_one
    for sandbox, launcher in opened:
        sandbox.close()
        launcher.close()


@pytest.fixture
def sample_run() -> RunResult:
    """A run with one kata of each interesting kind."""
    tests = (
        TestResult("adds", 2.0, "passed"),
        TestResult(
            "subtracts", 1.0, "failed", "sub(3, 1) returned 4 | <b>bold</b>", "debug\x00line"
        ),
        TestResult("on old Pythons", 1.0, "skipped", "not here"),
    )
    katas = (
        KataResult("math/adder", "Adder", 30, 20.0, "partial", "", 0.125, tests),
        KataResult("math/echo", "Echo", 10, 0.0, "not-started", "not started yet", 0.0, ()),
        KataResult("math/loop", "Loop", 10, 0.0, "timeout", "loop.py did not finish", 3.0, ()),
        KataResult(
            "math/ok", "Ok", 10, 10.0, "passed", "", 0.01, (TestResult("ok", 1.0, "passed"),)
        ),
    )
    return RunResult("3.12.1", "katas", katas)


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` as a fixed author; return what it printed."""
    command = ["git", "-C", str(repo), "-c", "user.name=Learner", "-c", "user.email=l@example.org"]
    done = subprocess.run([*command, *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def git_repo(catalog_root: Path) -> Path:
    """The fixture catalog as a git repository with one commit on ``main``."""
    git(catalog_root, "init", "--quiet", "--initial-branch=main")
    git(catalog_root, "add", "--all")
    git(catalog_root, "commit", "--quiet", "--message", "The catalog")
    return catalog_root


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    """A fake GitHub API for the repository ``class/katas``, on a loopback port."""
    server = FakeGitHub(GitHubState("class/katas", "token-for-tests"))
    yield server
    server.close()


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(
    catalog_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Run:
    """Run pykata with --root pointing at the fixture catalog; return (code, stdout, stderr)."""
    monkeypatch.setenv("NO_COLOR", "1")

    def invoke(*args: str, root: bool = True) -> tuple[int, str, str]:
        code = main((["--root", str(catalog_root)] if root else []) + list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return invoke
