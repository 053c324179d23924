"""The JSON report (schema ``pykata-report/1``, documented in docs/report-schema.md).

``load_report`` reads one back with strict checks: a report may come from a machine that ran
untrusted code, so its shape, types and ranges are verified before anything uses it.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

from .results import OUTCOMES, STATUSES, KataResult, RunResult, TestResult

SCHEMA = "pykata-report/1"
MAX_REPORT_BYTES = 16 * 1024 * 1024
MAX_FLAGS = 20
MAX_HINT = 1000

__all__ = ["SCHEMA", "ReportError", "load_report", "report_data", "write_report"]


class ReportError(ValueError):
    """A report file is not a valid pykata report."""


def report_data(run: RunResult) -> dict[str, Any]:
    """The report as JSON-ready data."""
    return {
        "schema": SCHEMA,
        "python": run.python,
        "source": run.source,
        "total": {
            "score": run.score,
            "points": run.points,
            "katas": len(run.katas),
            "passed": run.passed,
        },
        "katas": [_kata_data(kata) for kata in run.katas],
    }


def _kata_data(kata: KataResult) -> dict[str, Any]:
    return {
        "id": kata.id,
        "title": kata.title,
        "points": kata.points,
        "score": kata.score,
        "status": kata.status,
        "message": kata.message,
        "duration_s": kata.duration_s,
        "flags": list(kata.flags),
        "tests": [
            {
                "name": t.name,
                "points": t.points,
                "outcome": t.outcome,
                "message": t.message,
                "output": t.output,
                "hint": t.hint,
            }
            for t in kata.tests
        ],
    }


def write_report(run: RunResult, path: Path) -> None:
    """Write the report whole or not at all: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(report_data(run), indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def load_report(path: Path) -> RunResult:
    """Read and validate a report; raise ReportError naming the first problem."""
    try:
        if path.stat().st_size > MAX_REPORT_BYTES:
            raise ReportError(f"{path}: larger than {MAX_REPORT_BYTES} bytes")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ReportError(f"{path}: not a readable JSON file: {error}") from None
    try:
        return _run_from(data)
    except (KeyError, TypeError, ValueError) as error:
        raise ReportError(f"{path}: {error}") from None


def _run_from(data: Any) -> RunResult:
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} report")
    katas = tuple(_kata_from(k) for k in _list(data["katas"]))
    return RunResult(python=_str(data["python"]), source=_str(data["source"]), katas=katas)


def _kata_from(data: Any) -> KataResult:
    points = _number(data["points"], 0, 10_000)
    tests = tuple(
        TestResult(
            _str(t["name"]),
            _number(t["points"], 0, 10_000),
            _choice(t["outcome"], OUTCOMES),
            _str(t["message"]),
            _str(t.get("output", "")),
            _whole(t.get("hint", 0), MAX_HINT),
        )
        for t in _list(data["tests"])
    )
    return KataResult(
        id=_str(data["id"]),
        title=_str(data["title"]),
        points=int(points),
        score=_number(data["score"], 0, points),
        status=_choice(data["status"], STATUSES),
        message=_str(data["message"]),
        duration_s=_number(data["duration_s"], 0, 1e6),
        tests=tests,
        flags=tuple(_str(f) for f in _list(data.get("flags", []))[:MAX_FLAGS]),
    )


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _number(value: Any, low: float, high: float) -> float:
    if type(value) not in (int, float) or not math.isfinite(value) or not low <= value <= high:
        raise ValueError(f"expected a number from {low:g} to {high:g}, got {value!r}")
    return float(value)


def _whole(value: Any, high: int) -> int:
    if type(value) is not int or not 0 <= value <= high:
        raise ValueError(f"expected a whole number from 0 to {high}, got {value!r}")
    return value


def _choice(value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"expected one of {', '.join(allowed)}, got {value!r}")
    return str(value)
