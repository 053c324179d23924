"""The score that counts for a pull request, from the per-Python reports of the grading job.

The reports come from a machine that ran learner code, so they are data to check, not to trust:
``load_report`` checks their shape, then this module checks them against the default branch's
catalog. Points always come from the catalog; a kata result the catalog does not know, a score
above the kata's points or a second report for the same Python is dropped with a note. A kata
counts as passed only where it passed on every Python that graded it, and scores what it scored
on its worst Python.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog
from .kata import Kata
from .report_json import ReportError, load_report
from .results import KataResult, RunResult

__all__ = ["KataScore", "PullRequestScore", "load_reports", "score_pull_request"]

MAX_REPORTS = 10
_VERSION = re.compile(r"3\.\d{1,2}\.\d{1,3}[a-z0-9]{0,8}")


@dataclass(frozen=True)
class KataScore:
    """One kata across the Pythons graded."""

    kata: Kata
    score: float
    status: str
    per_python: tuple[str, ...]  # a status per graded Python, "-" where a report lacks the kata
    failure: str  # the first failure on the first Python where the kata did not pass
    flags: tuple[str, ...] = ()  # what the static scan found in the kata's file
    hint: int = 0  # the hint the first failing test names (1-based), 0 if none


@dataclass(frozen=True)
class PullRequestScore:
    pythons: tuple[str, ...]
    katas: tuple[KataScore, ...]
    notes: tuple[str, ...]

    @property
    def score(self) -> float:
        return round(sum(k.score for k in self.katas), 2)

    @property
    def points(self) -> int:
        return sum(k.kata.points for k in self.katas if k.status != "skipped")

    @property
    def passed(self) -> int:
        return sum(k.status == "passed" for k in self.katas)


def load_reports(folder: Path) -> tuple[list[RunResult], list[str]]:
    """Every ``python*.json`` report in ``folder``, and a note for each one that was refused."""
    runs, notes = [], []
    for path in sorted(folder.glob("python*.json"))[:MAX_REPORTS]:
        try:
            runs.append(load_report(path))
        except ReportError as error:
            notes.append(f"refused a report: {error}")
    return runs, notes


def score_pull_request(
    catalog: Catalog, runs: list[RunResult], flags: dict[str, tuple[str, ...]] | None = None
) -> PullRequestScore:
    """Merge checked reports into one score; every catalog kata appears once.

    ``flags`` maps kata ids to what the static scan found, scanned here rather than taken from
    the reports, which came from the machine that ran the learner's code.
    """
    notes: list[str] = []
    kept: dict[str, RunResult] = {}
    for run in runs:
        if not _VERSION.fullmatch(run.python):
            notes.append("refused a report that names no valid Python version")
        elif run.python in kept:
            notes.append(f"refused a second report for Python {run.python}")
        else:
            kept[run.python] = run
    pythons = tuple(sorted(kept, key=lambda v: tuple(int(p) for p in re.findall(r"\d+", v))))
    ordered = [kept[p] for p in pythons]
    by_python = [_checked_results(catalog, run, notes) for run in ordered]
    katas = tuple(
        dataclasses.replace(
            _kata_score(kata, [r.get(kata.id) for r in by_python]),
            flags=(flags or {}).get(kata.id, ()),
        )
        for kata in catalog.katas
    )
    return PullRequestScore(pythons, katas, tuple(dict.fromkeys(notes)))


def _checked_results(catalog: Catalog, run: RunResult, notes: list[str]) -> dict[str, KataResult]:
    results: dict[str, KataResult] = {}
    for result in run.katas:
        kata = catalog.get(result.id)
        if kata is None:
            notes.append("ignored results for a kata that does not exist on the default branch")
        elif result.points != kata.points or not _consistent(result):
            notes.append(f"ignored {kata.id} on Python {run.python}: its score does not add up")
        elif result.id in results:
            notes.append(f"ignored a second result for {kata.id} on Python {run.python}")
        else:
            results[result.id] = result
    return results


def _consistent(result: KataResult) -> bool:
    if result.status == "skipped":
        return result.score == 0
    return result.score <= result.points and (result.score == result.points) == (
        result.status == "passed"
    )


def _kata_score(kata: Kata, results: list[KataResult | None]) -> KataScore:
    statuses = tuple(r.status if r else "-" for r in results)
    graded = [r for r in results if r is None or r.status != "skipped"]
    if not results or not graded:
        return KataScore(kata, 0.0, "skipped" if results else "error", statuses, "")
    score = min((r.score if r else 0.0) for r in graded)
    for result in graded:
        if result is None or result.status != "passed":
            status = result.status if result else "error"
            return KataScore(kata, score, status, statuses, _failure(result), hint=_hint(result))
    return KataScore(kata, score, "passed", statuses, "")


def _hint(result: KataResult | None) -> int:
    """The hint the first failing test names, if it is one of the kata's."""
    first = result.first_failure if result is not None else None
    return first.hint if first is not None else 0


def _failure(result: KataResult | None) -> str:
    if result is None:
        return "this Python's report did not include the kata"
    first = result.first_failure
    return result.message or (f"{first.name}: {first.message}" if first else "")
