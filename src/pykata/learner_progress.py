"""How far a learner has come, worked out from the reports in ``reports/`` each time it is asked.

For every kata and Python minor version, the newest result found in any report of the learner's
own ``katas`` tree counts. A kata passes overall where it passed on every Python that graded it
and scores its worst Python, as in pull-request grading. A kata whose file changed after its
newest result is marked ``changed``: its result may no longer hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalog
from .grade_records import REPORTS, minor_version
from .kata import Kata
from .report_json import ReportError, load_report
from .results import KataResult

LEARNER_SOURCE = "katas"

__all__ = ["KataProgress", "LearnerProgress", "TopicProgress", "load_progress", "next_kata"]


@dataclass(frozen=True)
class KataProgress:
    """One kata: its newest result on each Python that graded it."""

    kata: Kata
    results: dict[str, KataResult]  # Python minor version -> newest result there
    changed: bool = False

    @property
    def graded(self) -> bool:
        return any(r.status != "skipped" for r in self.results.values())

    @property
    def passed(self) -> bool:
        counted = [r for r in self.results.values() if r.status != "skipped"]
        return bool(counted) and all(r.status == "passed" for r in counted)

    @property
    def worst(self) -> KataResult | None:
        """The result that decides the kata: its lowest score on a Python that graded it."""
        counted = [r for r in self.results.values() if r.status != "skipped"]
        return min(counted, key=lambda r: (r.score, r.status == "passed"), default=None)

    @property
    def status(self) -> str:
        worst = self.worst
        return "passed" if self.passed else worst.status if worst else "not-started"

    @property
    def score(self) -> float:
        worst = self.worst
        return worst.score if worst else 0.0


@dataclass(frozen=True)
class TopicProgress:
    topic: str
    passed: int
    total: int
    score: float
    points: int


@dataclass(frozen=True)
class LearnerProgress:
    """Every kata of the catalog, in curriculum order, with what the reports say of it."""

    katas: tuple[KataProgress, ...]
    pythons: tuple[str, ...]
    problems: tuple[str, ...] = ()  # reports that could not be read

    @property
    def passed(self) -> int:
        return sum(k.passed for k in self.katas)

    @property
    def score(self) -> float:
        return round(sum(k.score for k in self.katas), 2)

    @property
    def points(self) -> int:
        return sum(k.kata.points for k in self.katas)

    def topics(self) -> list[TopicProgress]:
        order = list(dict.fromkeys(k.kata.topic for k in self.katas))
        return [self._topic(topic) for topic in order]

    def per_python(self) -> dict[str, tuple[int, int]]:
        """For each Python: how many katas passed there, and how many it graded."""
        counts = {}
        for python in self.pythons:
            results = [k.results[python] for k in self.katas if python in k.results]
            graded = [r for r in results if r.status != "skipped"]
            counts[python] = (sum(r.status == "passed" for r in graded), len(graded))
        return counts

    def get(self, kata_id: str) -> KataProgress | None:
        return next((k for k in self.katas if k.kata.id == kata_id), None)

    def _topic(self, topic: str) -> TopicProgress:
        katas = [k for k in self.katas if k.kata.topic == topic]
        return TopicProgress(
            topic,
            sum(k.passed for k in katas),
            len(katas),
            round(sum(k.score for k in katas), 2),
            sum(k.kata.points for k in katas),
        )


def load_progress(catalog: Catalog) -> LearnerProgress:
    """Read every report below ``reports/`` and keep the newest result per kata and Python."""
    newest: dict[tuple[str, str], tuple[float, KataResult]] = {}
    problems = []
    for path in sorted((catalog.root / REPORTS).rglob("*.json")):
        try:
            run = load_report(path)
            written = path.stat().st_mtime
        except (ReportError, OSError) as error:
            problems.append(str(error))
            continue
        if run.source != LEARNER_SOURCE:
            continue  # a report of another tree (--source) says nothing of the learner's files
        python = minor_version(run.python)
        for result in run.katas:
            key = (python, result.id)
            if key not in newest or written >= newest[key][0]:
                newest[key] = (written, result)
    katas = tuple(_kata_progress(kata, newest) for kata in catalog.katas)
    pythons = sorted({python for python, _ in newest}, key=_version_key)
    return LearnerProgress(katas, tuple(pythons), tuple(problems))


def _kata_progress(
    kata: Kata, newest: dict[tuple[str, str], tuple[float, KataResult]]
) -> KataProgress:
    found = {python: item for (python, kata_id), item in newest.items() if kata_id == kata.id}
    results = {python: result for python, (_, result) in found.items()}
    changed = False
    if found:
        graded_at = max(written for written, _ in found.values())
        try:
            changed = kata.stub.stat().st_mtime > graded_at
        except OSError:
            changed = False
    return KataProgress(kata, results, changed)


def next_kata(progress: LearnerProgress, after: str | None = None) -> Kata | None:
    """The next kata to work on in curriculum order: the first one not passed after ``after``
    (or from the start), wrapping around; None when every kata has passed."""
    katas = list(progress.katas)
    start = next((i + 1 for i, k in enumerate(katas) if k.kata.id == after), 0)
    for candidate in katas[start:] + katas[:start]:
        if not candidate.passed and candidate.kata.id != after:
            return candidate.kata
    return None


def _version_key(python: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in python.split("."))
