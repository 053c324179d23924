"""What the learner reads in the terminal: progress while grading, then a table and the failures.

Progress goes to stderr (a line rewritten in place on a terminal, one line per kata otherwise);
the table and the failures go to stdout. Colour follows the usual conventions: on for terminals,
off when ``NO_COLOR`` is set or output is redirected, forced by ``FORCE_COLOR``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TextIO

from .results import KataResult, RunResult

_COLORS = {"green": "32", "yellow": "33", "red": "31", "dim": "2", "bold": "1", "cyan": "36"}
_STATUS_STYLE = {
    "passed": ("✓", "+", "green"),
    "partial": ("◐", "~", "yellow"),
    "failed": ("✗", "x", "red"),
    "not-started": ("·", ".", "dim"),
    "error": ("!", "!", "red"),
    "timeout": ("⏱", "T", "red"),
    "crashed": ("✱", "*", "red"),
    "skipped": ("-", "-", "dim"),
}

__all__ = [
    "Progress",
    "Style",
    "hint_pointer",
    "is_terminal",
    "print_failures",
    "print_flags",
    "print_summary",
]


def is_terminal(stream: TextIO) -> bool:
    """Tell whether ``stream`` is an open terminal (a closed or fake stream is not)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass(frozen=True)
class Style:
    """How to decorate text on one stream: colours and whether it can show Unicode symbols."""

    color: bool
    unicode: bool

    @classmethod
    def for_stream(cls, stream: TextIO) -> Style:
        environ = os.environ
        tty = is_terminal(stream)
        color = bool(environ.get("FORCE_COLOR")) or (
            tty and not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"
        )
        try:
            "✓◐✗·⏱✱…".encode(stream.encoding or "ascii")
            unicode = True
        except (UnicodeEncodeError, LookupError):
            unicode = False
        return cls(color=color, unicode=unicode)

    def paint(self, text: str, color: str) -> str:
        return f"\033[{_COLORS[color]}m{text}\033[0m" if self.color else text

    def status(self, status: str) -> str:
        fancy, plain, color = _STATUS_STYLE[status]
        symbol = fancy if self.unicode else plain
        return self.paint(f"{symbol} {status:<11}", color)


class Progress:
    """Shows which kata is being graded; rewrites one line on a terminal."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.live = is_terminal(self.stream)
        self.style = Style.for_stream(self.stream)

    def update(self, result: KataResult) -> None:
        self.done += 1
        score = f"{result.score:g}/{result.points}"
        line = f"[{self.done}/{self.total}] {result.id}: {result.status} {score}"
        if self.live:
            self.stream.write("\r\033[K" + self.style.paint(line, "dim"))
            if self.done == self.total:
                self.stream.write("\r\033[K")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def print_summary(run: RunResult, out: TextIO, style: Style) -> None:
    """The table of katas and the total."""
    width = max((len(k.id) for k in run.katas), default=10) + 2
    out.write(style.paint(f"pykata · Python {run.python} · {run.source}", "bold") + "\n\n")
    for kata in run.katas:
        score = f"{kata.score:g}/{kata.points}"
        out.write(f"  {style.status(kata.status)} {kata.id:<{width}} {score:>9}\n")
    total = f"{run.score:g}/{run.points} points · {run.passed} of {len(run.katas)} katas passed"
    out.write("\n" + style.paint(f"Total: {total}", "bold") + "\n")


def print_failures(run: RunResult, out: TextIO, style: Style, limit: int = 5) -> None:
    """The first failure of each kata that was tried and did not pass, with where to get help."""
    tried = [k for k in run.katas if k.status not in ("passed", "not-started", "skipped")]
    if not tried:
        return
    out.write("\n" + style.paint("What to look at next:", "bold") + "\n")
    for kata in tried[:limit]:
        out.write(
            f"\n  {style.paint(kata.id, 'cyan')} ({kata.status}, {kata.score:g}/{kata.points})\n"
        )
        failure = kata.first_failure
        if kata.message:
            out.write(_indent(kata.message, 4) + "\n")
        elif failure is not None:
            out.write(f"    {style.paint('✗' if style.unicode else 'x', 'red')} {failure.name}\n")
            out.write(_indent(failure.message, 6) + "\n")
            if failure.output.strip():
                out.write(
                    "      your code printed:\n" + _indent(failure.output.rstrip()[-600:], 8) + "\n"
                )
        out.write(style.paint(f"    {hint_pointer(kata)}", "dim") + "\n")
    if len(tried) > limit:
        out.write(f"\n  … and {len(tried) - limit} more: see the table above.\n")


def hint_pointer(kata: KataResult) -> str:
    """Where to get help with a kata: the hint its first failing test names, or the next one."""
    failure = kata.first_failure
    if failure is not None and failure.hint:
        return f"hint {failure.hint} explains this: pykata hint {kata.id} {failure.hint}"
    return f"stuck? pykata hint {kata.id}"


def print_flags(run: RunResult, out: TextIO, style: Style) -> None:
    """What the static scan found: constructs no kata needs, which a reviewer will look at."""
    flagged = [k for k in run.katas if k.flags]
    if not flagged:
        return
    out.write("\n" + style.paint("Flagged for review (the score is unchanged):", "bold") + "\n")
    for kata in flagged:
        out.write(f"  {kata.id}\n" + "".join(f"    {flag}\n" for flag in kata.flags))


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.splitlines() or [""])
