"""The pytest plugin that grades: it feeds each grader test its kata and records what happened.

Grader tests ask for the ``kata`` fixture. The plugin parametrizes it with the jobs of that kata
(one when grading, several when verifying), orders the tests job by job so that only one sandbox
lives at a time, and closes each sandbox as soon as its job's last test has run.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .grading import KataHandle, LearnerRaised
from .jobs import GradeJob
from .kata_sandbox import GraderFault, KataSandbox, ProbeFailed, SandboxFailure, sandbox_limits
from .launchers import Launcher
from .results import KataResult, TestResult
from .sandbox.codec import safe_repr
from .scoring import kata_result
from .untouched import is_untouched_stub
from .workspace import prepare_workspace

if sys.version_info >= (3, 11):
    from builtins import BaseExceptionGroup
else:  # pragma: no cover - pytest brings the backport on Python 3.10
    from exceptiongroup import BaseExceptionGroup  # type: ignore[import-not-found, unused-ignore]

LEARNER_FAILURES = (AssertionError, LearnerRaised, SandboxFailure, ProbeFailed)
OUTPUT_OFFSET = pytest.StashKey[int]()

__all__ = ["GradingPlugin", "test_title"]


@dataclass(frozen=True)
class _Planned:
    name: str
    points: float
    hint: int


class GradingPlugin:
    """Grades ``jobs`` (``sources[i]`` is what job i grades, read once); ``on_result(index,
    result)`` is called as each job finishes."""

    def __init__(
        self,
        jobs: list[GradeJob],
        sources: list[bytes],
        launcher: Launcher,
        run_dir: Path,
        on_result: Callable[[int, KataResult], None],
        tasks_in_use: int | None = None,
    ) -> None:
        self.jobs = jobs
        self.sources = sources
        self.launcher = launcher
        self.run_dir = run_dir
        self.on_result = on_result
        self.tasks_in_use = tasks_in_use
        self.problems: list[str] = []
        self.results: dict[int, KataResult] = {}
        self.interrupted = False
        self._planned: dict[int, dict[str, _Planned]] = {}  # job index -> node id -> test
        self._outcomes: dict[int, dict[str, TestResult]] = {}
        self._sandboxes: dict[int, KataSandbox] = {}
        self._started: dict[int, float] = {}
        self._untouched = [is_untouched_stub(_text(source)) for source in sources]

    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line("markers", "points(weight): the test's weight in its kata's score")
        config.addinivalue_line("markers", "hint(number): the kata.toml hint this test relates to")

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if "kata" not in metafunc.fixturenames:
            return
        kata_id = "/".join(metafunc.definition.path.parent.parts[-2:])
        indices = [i for i, job in enumerate(self.jobs) if job.kata.id == kata_id]
        ids = [self.jobs[i].variant for i in indices]
        metafunc.parametrize("kata", indices, ids=ids, indirect=True)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.problems.append(f"cannot load graders {report.nodeid}:\n{report.longreprtext}")

    def pytest_collection_modifyitems(
        self, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        kept, dropped = [], []
        for item in items:
            if _job_index(item) is None:
                self.problems.append(f"{item.nodeid}: a grader test must use the `kata` fixture")
                dropped.append(item)
            else:
                kept.append(item)
        kept.sort(key=lambda item: _job_index(item) or 0)
        items[:] = kept
        if dropped:
            config.hook.pytest_deselected(items=dropped)
        for item in kept:
            index = _job_index(item) or 0
            hint = self._hint(item, len(self.jobs[index].kata.hints))
            planned = _Planned(test_title(item), _points(item), hint)
            self._planned.setdefault(index, {})[item.nodeid] = planned

    def _hint(self, item: pytest.Item, hints: int) -> int:
        """The hint number a test names with ``@pytest.mark.hint(N)``; 0 if none or invalid."""
        # A case's own mark (pytest.param(..., marks=...)) comes after the function's: it wins.
        own = [mark for mark in item.own_markers if mark.name == "hint"]
        marker = own[-1] if own else item.get_closest_marker("hint")
        if marker is None:
            return 0
        number = marker.args[0] if marker.args else marker.kwargs.get("number")
        if type(number) is not int or not 1 <= number <= hints:
            self.problems.append(
                f"{item.nodeid}: @pytest.mark.hint needs a hint number from 1 to {hints} "
                f"(the kata's hints), got {number!r}"
            )
            return 0
        return number

    @pytest.fixture
    def kata(self, request: pytest.FixtureRequest) -> KataHandle:
        """The kata under test: run probes and calls in its sandbox."""
        index: int = request.param
        sandbox = self._sandbox_for(index)
        request.node.stash[OUTPUT_OFFSET] = sandbox.output_size()
        return KataHandle(self.jobs[index], sandbox, _text(self.sources[index]))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
        report = yield
        index = _job_index(item)
        if index is not None and (call.when == "call" or (call.when == "setup" and report.failed)):
            self._record(index, item, call, report)
        return report

    def pytest_runtest_teardown(self, item: pytest.Item, nextitem: pytest.Item | None) -> None:
        index = _job_index(item)
        if index is not None and (nextitem is None or _job_index(nextitem) != index):
            self._finish(index)

    def pytest_keyboard_interrupt(self) -> None:
        self.interrupted = True

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        for index in range(len(self.jobs)):
            if index not in self.results:
                self._finish(index)

    def _sandbox_for(self, index: int) -> KataSandbox:
        if index not in self._sandboxes:
            self._started[index] = time.perf_counter()
            job = self.jobs[index]
            self._sandboxes[index] = KataSandbox(
                job=job,
                workspace=prepare_workspace(self.run_dir, index, job, self.sources[index]),
                launcher=self.launcher,
                limits=sandbox_limits(job, self.tasks_in_use),
            )
        return self._sandboxes[index]

    def _record(
        self, index: int, item: pytest.Item, call: pytest.CallInfo[None], report: pytest.TestReport
    ) -> None:
        planned = self._planned[index][item.nodeid]
        if report.passed:
            outcome, message = "passed", ""
        elif report.skipped:
            outcome, message = "skipped", _skip_reason(call)
        else:
            error = call.excinfo.value if call.excinfo else None
            outcome, message = classify_failure(error)
        sandbox = self._sandboxes.get(index)
        output = ""
        if sandbox is not None and outcome != "passed" and OUTPUT_OFFSET in item.stash:
            output = sandbox.output_since(item.stash[OUTPUT_OFFSET])
        result = TestResult(planned.name, planned.points, outcome, message, output, planned.hint)
        self._outcomes.setdefault(index, {})[item.nodeid] = result

    def _finish(self, index: int) -> None:
        sandbox = self._sandboxes.pop(index, None)
        failure = None
        if sandbox is not None:
            sandbox.close()
            if sandbox.fatal is not None:
                failure = (sandbox.fatal.kind, str(sandbox.fatal))
            elif sandbox.crashes:
                failure = ("crashed", sandbox.crashes[0])
        if not self._planned.get(index):
            self.problems.append(f"{self.jobs[index].kata.id}: no grader test ran for this kata")
        outcomes = self._outcomes.get(index, {})
        tests = tuple(
            outcomes.get(nodeid)
            or TestResult(p.name, p.points, "failed", "this test did not run", hint=p.hint)
            for nodeid, p in self._planned.get(index, {}).items()
        )
        duration = time.perf_counter() - self._started.get(index, time.perf_counter())
        result = kata_result(
            self.jobs[index],
            tests,
            failure=failure,
            untouched=self._untouched[index],
            duration_s=duration,
        )
        self.results[index] = result
        self.on_result(index, result)


def _text(source: bytes) -> str:
    return source.decode("utf-8", errors="replace")


def _job_index(item: pytest.Item) -> int | None:
    callspec = getattr(item, "callspec", None)
    value = callspec.params.get("kata") if callspec is not None else None
    return value if isinstance(value, int) else None


def _points(item: pytest.Item) -> float:
    marker = item.get_closest_marker("points")
    if marker is None:
        return 1.0
    weight = marker.args[0] if marker.args else marker.kwargs.get("weight", 1)
    if type(weight) not in (int, float) or weight <= 0:
        raise pytest.UsageError(f"{item.nodeid}: @pytest.mark.points needs a positive number")
    return float(weight)


def test_title(item: pytest.Item) -> str:
    """Name a test for the learner: its docstring's first line, or its function name in words,
    followed by its parameters, if it has any."""
    function = getattr(item, "function", None)
    doc = (getattr(function, "__doc__", None) or "").strip()
    name = getattr(item, "originalname", item.name)
    title = doc.splitlines()[0].strip() if doc else name.removeprefix("test_").replace("_", " ")
    callspec = getattr(item, "callspec", None)
    params = {k: v for k, v in callspec.params.items() if k != "kata"} if callspec else {}
    if params:
        title += " (" + ", ".join(f"{k}={safe_repr(v, 30)}" for k, v in params.items()) + ")"
    return title


test_title.__test__ = False  # type: ignore[attr-defined]  # not a test, despite its name


def classify_failure(error: BaseException | None) -> tuple[str, str]:
    """Return ``(outcome, message)`` of a failed test: ``failed`` if learner's, else ``error``."""
    if isinstance(error, BaseExceptionGroup) and error.exceptions:
        return classify_failure(error.exceptions[0])
    if isinstance(error, GraderFault):
        return "error", f"the graders are broken: {error}"
    if isinstance(error, LEARNER_FAILURES):
        # If an outer pytest rewrote the asserts, keep the learner's message, not the rewrite.
        message = str(error).split("\nassert ")[0] or "a check failed"
        return "failed", _with_hypothesis_example(message, error)
    if isinstance(error, pytest.fail.Exception):
        return "failed", str(error)
    if type(error).__name__ == "FlakyFailure":
        return "failed", "your code gave different results when run twice on the same input"
    name = type(error).__name__ if error is not None else "an unknown error"
    return "error", f"the graders could not check this ({name}: {error})"


def _with_hypothesis_example(message: str, error: BaseException) -> str:
    notes = [n for n in getattr(error, "__notes__", []) if isinstance(n, str)]
    example = [n for n in notes if n.startswith("Falsifying example")]
    return f"{message}\n{example[0]}" if example else message


def _skip_reason(call: pytest.CallInfo[None]) -> str:
    if call.excinfo is None:
        return ""
    return str(getattr(call.excinfo.value, "msg", call.excinfo.value))
