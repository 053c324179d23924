"""Merge the reports of several Python versions into one matrix.

A kata counts as passed overall only where it passed on every version that graded it; a version
that skipped it (the kata needs a newer Python) does not count against it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .results import RunResult

__all__ = ["Matrix", "merge_runs"]


@dataclass(frozen=True)
class Matrix:
    pythons: tuple[str, ...]
    rows: tuple[
        tuple[str, tuple[str, ...], bool], ...
    ]  # kata id, status per Python, passed overall

    @property
    def passed(self) -> int:
        return sum(overall for _, _, overall in self.rows)


def merge_runs(runs: list[RunResult]) -> Matrix:
    """One row per kata (in the order first seen), one column per Python version."""
    runs = sorted(runs, key=lambda r: tuple(int(p) for p in r.python.split(".") if p.isdigit()))
    pythons = tuple(r.python for r in runs)
    ids: dict[str, None] = {}
    for run in runs:
        ids.update(dict.fromkeys(k.id for k in run.katas))
    rows = []
    for kata_id in ids:
        statuses = tuple(
            next((k.status for k in run.katas if k.id == kata_id), "-") for run in runs
        )
        graded = [s for s in statuses if s not in ("skipped", "-")]
        rows.append((kata_id, statuses, bool(graded) and all(s == "passed" for s in graded)))
    return Matrix(pythons, tuple(rows))
