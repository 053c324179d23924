"""Keep the newest result of every kata the learner grades, one small report per kata and Python.

``pykata grade`` and ``pykata watch`` write ``reports/katas/<topic>/<slug>/python<X.Y>.json``
(each a ``pykata-report/1`` document holding one kata), so grading one kata never hides what an
earlier run found about the others. ``pykata progress`` reads these and any other report in
``reports/``; nothing else keeps state.
"""

from __future__ import annotations

from pathlib import Path

from .report_json import write_report
from .results import RunResult

REPORTS = Path("reports")
RECORDS = REPORTS / "katas"

__all__ = ["RECORDS", "REPORTS", "minor_version", "record_run"]


def minor_version(python: str) -> str:
    """``3.12.1`` becomes ``3.12``: progress is kept per Python minor version."""
    return ".".join(python.split(".")[:2])


def record_run(root: Path, run: RunResult) -> list[Path]:
    """Write each kata of ``run`` as its own report below ``root``; return the files written.

    Katas that were skipped (they need another Python) are not recorded: they say nothing about
    the learner's work.
    """
    written = []
    for kata in run.katas:
        if kata.status == "skipped":
            continue
        path = root / RECORDS / kata.id / f"python{minor_version(run.python)}.json"
        write_report(RunResult(run.python, run.source, (kata,)), path)
        written.append(path)
    return written
