"""What ``pykata watch`` shows: one screen, drawn from plain data, so it can be tested as text.

The screen answers the learner's questions in order: which kata, did it pass, what failed first
and why, where to get a hint, and what to do next.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .hints import Hint
from .kata import Kata
from .learner_progress import LearnerProgress
from .results import KataResult
from .terminal import Style

KEYS = "[n] next kata   [h] hint   [l] list   [q] quit"
OUTPUT_TAIL = 600
WRAP = 88  # columns for prose (hints); messages and output keep their own lines

__all__ = ["KEYS", "WatchView", "render_list", "render_watch_screen"]


@dataclass(frozen=True)
class WatchView:
    """Everything the screen shows at one moment."""

    kata: Kata
    position: int  # the kata's place in the curriculum, from 1
    total: int
    python: str
    result: KataResult | None = None  # None until the first grading finishes
    graded_in: float | None = None  # seconds from noticing the save to the result
    offer: Kata | None = None  # the next kata, offered once this one passes
    hint: Hint | None = None
    note: str = ""


def render_watch_screen(view: WatchView, style: Style) -> str:
    """The whole screen as text, ending with the keys line."""
    kata = view.kata
    path = f"katas/{kata.id}/{kata.module}"
    lines = [
        style.paint(
            f"pykata watch · {kata.id} ({view.position} of {view.total}) · Python {view.python}",
            "bold",
        ),
        f"{kata.title} · edit {path}",
        style.paint(f"The task: katas/{kata.id}/README.md, or pykata show {kata.id}", "dim"),
        "",
    ]
    lines += _result_lines(view, style)
    if view.hint is not None:
        hint = view.hint
        title = style.paint(f"Hint {hint.number} of {hint.count}:", "bold")
        lines += [
            "",
            title,
            *textwrap.wrap(hint.text, WRAP, initial_indent="  ", subsequent_indent="  "),
        ]
        if hint.is_last:
            lines.append(style.paint("  That is the last hint; the task's links go deeper.", "dim"))
    if view.note:
        lines += ["", view.note]
    lines += ["", style.paint(KEYS, "dim"), style.paint(f"Watching {path} for changes…", "dim")]
    return "\n".join(lines) + "\n"


def _result_lines(view: WatchView, style: Style) -> list[str]:
    result = view.result
    if result is None:
        return ["Grading…"]
    timing = f" · graded in {view.graded_in:.2f} s" if view.graded_in is not None else ""
    head = f"{style.status(result.status)} {result.score:g}/{result.points} points{timing}"
    lines = [head, ""]
    if result.status == "passed":
        lines.append(style.paint("Every check passes. Well done!", "green"))
        if view.offer is not None:
            lines.append(f"Next in the curriculum: {view.offer.id} ({view.offer.title}). Press n.")
        else:
            lines.append("That was the last kata you had left: every kata passes.")
        return lines
    if result.status == "not-started":
        lines += [
            "Not started yet: replace the `raise NotImplementedError` lines with your code",
            "and save; the kata is graded again each time you do.",
        ]
        return lines
    return lines + _failure_lines(result, style)


def _failure_lines(result: KataResult, style: Style) -> list[str]:
    failure = result.first_failure
    passed = sum(t.outcome == "passed" for t in result.tests)
    lines = []
    if result.tests:
        lines.append(f"{passed} of {len(result.tests)} checks pass.")
    if result.message:
        lines += _indent(result.message)
    elif failure is not None:
        lines += [style.paint(f"First failure: {failure.name}", "bold"), *_indent(failure.message)]
        if failure.output.strip():
            lines += ["  your code printed:", *_indent(failure.output.rstrip()[-OUTPUT_TAIL:], 4)]
    hint = failure.hint if failure is not None else 0
    pointer = f"Hint {hint} explains this: press h." if hint else "Stuck? Press h for a hint."
    lines += ["", style.paint(pointer, "dim")]
    return lines


def render_list(progress: LearnerProgress, current: str, style: Style) -> str:
    """Every kata with its status, the current one marked; shown by the ``l`` key."""
    lines = [style.paint(f"Katas · {progress.passed} of {len(progress.katas)} passed", "bold")]
    topic = ""
    for item in progress.katas:
        if item.kata.topic != topic:
            topic = item.kata.topic
            lines += ["", topic]
        marker = ">" if item.kata.id == current else " "
        lines.append(f" {marker} {style.status(item.status)} {item.kata.id}")
    lines += ["", style.paint("Press any key to go back.", "dim")]
    return "\n".join(lines) + "\n"


def _indent(text: str, spaces: int = 2) -> list[str]:
    return [" " * spaces + line for line in text.splitlines() or [""]]
