"""The pull-request comment and job summary: one Markdown page rendered from the checked score.

Learner text (failure messages) is escaped and cut by ``escape_cell``; everything else comes
from the default branch's catalog. Two HTML comments mark the page: one so the grading job can
find its own comment again, one carrying the score so the next push can show the change.
"""

from __future__ import annotations

import re

from .ci_collect import Collection
from .ci_score import KataScore, PullRequestScore
from .report_markdown import escape_cell

__all__ = ["MARKER", "previous_score", "render_comment"]

MARKER = "<!-- pykata:score-comment -->"
MAX_BODY = 60_000
DETAIL_LIMIT = 200
_URL = re.compile(r"https://[A-Za-z0-9.-]+(/[A-Za-z0-9._-]+){1,8}")
_SCORE = re.compile(r"<!-- pykata:score=(\d{1,6}(?:\.\d{1,2})?)/(\d{1,6}) -->")
_SYMBOL = {
    "passed": "✅",
    "partial": "🟡",
    "failed": "❌",
    "not-started": "⬜",
    "error": "⚠️",
    "timeout": "⏱️",
    "crashed": "💥",
    "skipped": "⏭️",
    "-": "❔",
}


def previous_score(body: str) -> float | None:
    """The score an earlier comment carried, if it carried one."""
    found = _SCORE.search(body)
    return float(found.group(1)) if found else None


def render_comment(
    score: PullRequestScore,
    collection: Collection | None = None,
    previous: float | None = None,
    run_url: str = "",
) -> str:
    """The whole comment: total and change, a row per kata, ignored files, where it came from."""
    head = [
        MARKER,
        f"## pykata: {score.score:g}/{score.points} points",
        "",
        _summary(score, previous),
    ]
    tail = (
        _ignored(collection) + _flags(score) + _notes(score) + _footer(score, collection, run_url)
    )
    rows = [_row(k) for k in score.katas]
    budget = MAX_BODY - sum(len(line) + 1 for line in head + tail) - 500
    table = _table(score.pythons, rows, budget)
    return "\n".join([*head, "", *table, "", *tail]) + "\n"


def _summary(score: PullRequestScore, previous: float | None) -> str:
    pythons = ", ".join(escape_cell(p, 20) for p in score.pythons) or "none"
    line = f"{score.passed} of {len(score.katas)} katas pass on every Python graded ({pythons})."
    if previous is None:
        return line + " This is the first graded push."
    change = round(score.score - previous, 2)
    return f"{line} Change since the previous graded push: **{change:+g}** (was {previous:g})."


def _row(kata: KataScore) -> str:
    cells = [
        escape_cell(kata.kata.id),
        f"{_SYMBOL.get(kata.status, '')} {kata.status}",
        f"{kata.score:g}/{kata.kata.points}",
        *(_SYMBOL.get(s, "❔") for s in kata.per_python),
        escape_cell(kata.failure, DETAIL_LIMIT),
        escape_cell(_next_hint(kata), DETAIL_LIMIT),
    ]
    return "| " + " | ".join(cells) + " |"


def _next_hint(kata: KataScore) -> str:
    """The hint the first failing test names (reports are checked: it must be the kata's own),
    else the kata's first hint."""
    if kata.status in ("passed", "skipped"):
        return ""
    hints = kata.kata.hints
    return hints[kata.hint - 1] if 1 <= kata.hint <= len(hints) else hints[0]


def _table(pythons: tuple[str, ...], rows: list[str], budget: int) -> list[str]:
    versions = [escape_cell(".".join(p.split(".")[:2]), 10) for p in pythons]
    header = ["Kata", "Status", "Score", *versions, "First failure", "Next hint"]
    lines = ["| " + " | ".join(header) + " |", "|---|---|---:|" + "---|" * (len(header) - 3)]
    used = sum(len(line) + 1 for line in lines)
    for index, row in enumerate(rows):
        if used + len(row) + 1 > budget:
            lines.append(f"\n… and {len(rows) - index} more katas: see the job summary.")
            break
        lines.append(row)
        used += len(row) + 1
    legend = " ".join(f"{symbol} {status}" for status, symbol in _SYMBOL.items() if status != "-")
    return [*lines, "", f"<sub>{legend}</sub>"]


def _ignored(collection: Collection | None) -> list[str]:
    if collection is None or not collection.ignored:
        return []
    lines = [
        f"<details><summary>Ignored changes ({len(collection.ignored)}): only kata files "
        "count toward the score</summary>",
        "",
    ]
    lines += [f"- `{_code(i.path)}`: {escape_cell(i.reason, 120)}" for i in collection.ignored]
    return [*lines, "", "</details>", ""]


def _flags(score: PullRequestScore) -> list[str]:
    flagged = [(k.kata.id, flag) for k in score.katas for flag in k.flags]
    if not flagged:
        return []
    lines = ["**Flagged for review** (constructs no kata needs; the score is unchanged):"]
    lines += [f"- {escape_cell(kata_id)}: {escape_cell(flag, 200)}" for kata_id, flag in flagged]
    return [*lines, ""]


def _notes(score: PullRequestScore) -> list[str]:
    if not score.notes:
        return []
    return ["**Grading notes:**", *(f"- {escape_cell(n, 200)}" for n in score.notes), ""]


def _footer(score: PullRequestScore, collection: Collection | None, run_url: str) -> list[str]:
    parts = []
    if collection is not None:
        parts.append(f"graded commit `{_code(collection.head[:12])}`")
    parts.append("with the default branch's graders")
    if _URL.fullmatch(run_url):
        parts.append(f"[grading run]({run_url})")
    return [
        "<sub>" + " · ".join(parts) + "</sub>",
        f"<!-- pykata:score={score.score:g}/{score.points} -->",
    ]


def _code(text: str) -> str:
    """Text for inside backticks (where Markdown and HTML are not interpreted): no backticks, no
    line breaks, bounded."""
    return " ".join(text.split()).replace("`", "'")[:200] or "'empty'"
