"""The Markdown report, for pull-request comments and job summaries.

Messages come from learner code, so every cell is escaped: no table breaking, no HTML, no
Markdown links or images smuggled in, and long text is cut.
"""

from __future__ import annotations

import re

from .results import RunResult

CELL_LIMIT = 300

__all__ = ["escape_cell", "render_markdown"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def escape_cell(text: str, limit: int = CELL_LIMIT) -> str:
    """Make learner text safe inside a Markdown table cell."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def render_markdown(run: RunResult) -> str:
    """A heading, the total, and one table row per kata with its first failure."""
    lines = [
        f"## pykata: {run.score:g}/{run.points} points",
        "",
        f"{run.passed} of {len(run.katas)} katas passed on Python {escape_cell(run.python)}.",
        "",
        "| Kata | Status | Score | First failure |",
        "|---|---|---:|---|",
    ]
    for kata in run.katas:
        failure = kata.first_failure
        detail = kata.message or (f"{failure.name}: {failure.message}" if failure else "")
        score = f"{kata.score:g}/{kata.points}"
        lines.append(
            f"| {escape_cell(kata.id)} | {kata.status} | {score} | {escape_cell(detail)} |"
        )
    flagged = [(kata.id, flag) for kata in run.katas for flag in kata.flags]
    if flagged:
        lines += ["", "**Flagged for review** (constructs no kata needs; the score is unchanged):"]
        lines += [f"- {escape_cell(kata_id)}: {escape_cell(flag)}" for kata_id, flag in flagged]
    return "\n".join(lines) + "\n"
