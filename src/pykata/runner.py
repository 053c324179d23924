"""Run grade jobs: settle what needs no sandbox, then run the graders in one pytest session.

Heavy imports (pytest, Hypothesis) happen once per run, here in the trusted process, while the
zygote boots in parallel. Each job gets its own sandbox; results come back in job order.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .hypothesis_profile import load_profile_if_used
from .jobs import GradeJob
from .launchers import install_runtime, make_launcher
from .requires import satisfies
from .results import KataResult
from .scan import kata_flags
from .scoring import settled_result
from .user_tasks import count_user_tasks
from .workspace import SourceProblem, read_learner_source

GRADER_TIMEOUT_MARGIN = 60

__all__ = ["GradingInterrupted", "RunOutcome", "run_jobs", "settle_early"]


class GradingInterrupted(Exception):
    """The learner pressed Ctrl-C; the results so far are in ``partial``."""

    def __init__(self, partial: list[KataResult]) -> None:
        super().__init__("grading was interrupted")
        self.partial = partial


@dataclass
class RunOutcome:
    """Results in job order, and problems with the graders themselves (authoring bugs)."""

    results: list[KataResult]
    problems: list[str] = field(default_factory=list)


def settle_early(job: GradeJob) -> KataResult | None:
    """Decide a job without running it when its kata needs a newer Python than this one."""
    kata = job.kata
    if not satisfies(kata.requires_python, sys.version_info[:3]):
        here = ".".join(map(str, sys.version_info[:3]))
        return settled_result(
            job, "skipped", f"needs Python {kata.requires_python}; this is {here}"
        )
    return None


def run_jobs(
    jobs: list[GradeJob],
    root: Path,
    mode: str,
    on_result: Callable[[KataResult], None] = lambda result: None,
) -> RunOutcome:
    """Grade every job; call ``on_result`` as each one is decided."""
    results: dict[int, KataResult] = {}
    sources: dict[int, bytes] = {}  # read once: every view of the learner's code is this one
    for index, job in enumerate(jobs):
        early = settle_early(job)
        if early is None:
            try:
                sources[index] = read_learner_source(job)
            except SourceProblem as error:
                early = settled_result(job, "error", str(error))
        if early is not None:
            results[index] = early
            on_result(early)
    runnable = list(sources)
    problems: list[str] = []
    if runnable:
        with tempfile.TemporaryDirectory(prefix="pykata-") as temp:
            graded, problems = _run_pytest(
                [jobs[i] for i in runnable],
                [sources[i] for i in runnable],
                root,
                Path(temp),
                mode,
                on_result,
            )
        for i, result in graded.items():
            job = jobs[runnable[i]]
            results[runnable[i]] = _with_flags(result, job, sources[runnable[i]])
    return RunOutcome([results[i] for i in range(len(jobs)) if i in results], problems)


def _with_flags(result: KataResult, job: GradeJob, source: bytes) -> KataResult:
    """Add what the static scan finds in the graded file (see :mod:`pykata.scan`)."""
    flags = kata_flags(source, job.kata.module, job.kata.allow)
    return dataclasses.replace(result, flags=flags) if flags else result


def _run_pytest(
    jobs: list[GradeJob],
    sources: list[bytes],
    root: Path,
    run_dir: Path,
    mode: str,
    on_result: Callable[[KataResult], None],
) -> tuple[dict[int, KataResult], list[str]]:
    run_dir = run_dir.resolve()
    launcher = make_launcher(mode, install_runtime(run_dir), run_dir / "zygote.log")
    try:
        import pytest

        from .plugin import GradingPlugin

        plugin = GradingPlugin(
            jobs,
            sources,
            launcher,
            run_dir,
            lambda _, result: on_result(result),
            count_user_tasks(),
        )
        code = _pytest_main(pytest, jobs, root, run_dir, plugin)
    finally:
        launcher.close()
    if plugin.interrupted:
        raise GradingInterrupted([plugin.results[i] for i in sorted(plugin.results)])
    problems = list(plugin.problems)
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        problems.append(f"pytest stopped with {pytest.ExitCode(code).name}")
    return plugin.results, problems


def _pytest_main(
    pytest: object, jobs: list[GradeJob], root: Path, run_dir: Path, plugin: object
) -> int:
    ini = run_dir / "pytest.ini"
    ini.write_text("[pytest]\n", encoding="utf-8")
    grader_files = sorted({path for job in jobs for path in job.kata.graders_dir.glob("test_*.py")})
    load_profile_if_used(grader_files)
    files = [str(path) for path in grader_files]
    longest = max(job.kata.timeout for job in jobs)
    args = [
        "-c",
        str(ini),
        "--rootdir",
        str(root),
        "-p",
        "no:cacheprovider",
        "-p",
        "no:terminal",
        "-p",
        "no:stepwise",
        "-p",
        "pytest_timeout",
        f"--timeout={longest + GRADER_TIMEOUT_MARGIN:g}",
        "--noconftest",
        "--assert=plain",
        "--import-mode=importlib",
        "--strict-markers",
        "--continue-on-collection-errors",
        *files,
    ]
    saved = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # no plugin from the learner's environment
    try:
        return int(pytest.main(args, plugins=[plugin]))  # type: ignore[attr-defined]
    finally:
        if saved is None:
            del os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"]
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = saved
        _forget_grader_modules(root / "graders")


def _forget_grader_modules(graders: Path) -> None:
    """Drop imported grader modules, so a later run in this process reads them afresh."""
    prefix = str(graders)
    for name, module in list(sys.modules.items()):
        if str(getattr(module, "__file__", None) or "").startswith(prefix):
            del sys.modules[name]
