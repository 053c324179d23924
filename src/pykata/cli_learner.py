"""The learner's commands: ``watch``, ``hint``, ``progress``, ``next``, ``reset`` and ``report``.

Progress is never stored: each command works it out from the reports in ``reports/``, which
``pykata grade`` and ``pykata watch`` keep up to date (see :mod:`pykata.grade_records`).
"""

from __future__ import annotations

import argparse
import datetime
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .catalog import Catalog, topic_title
from .hints import choose_hint, mark_seen, seen_hints
from .kata import Kata
from .learner_progress import LearnerProgress, load_progress, next_kata
from .reset_stub import BACKUPS, reset_kata
from .selection import SelectionError, select_one
from .terminal import Style
from .watch_screen import WRAP

__all__ = ["add_learner_commands"]

Load = Callable[[argparse.Namespace], Catalog]
Handler = Callable[[Load, argparse.Namespace], int]
if TYPE_CHECKING:  # only typeshed makes the subparsers action generic
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

BAR_WIDTH = 20


def add_learner_commands(
    commands: Commands, load: Load, add_sandbox: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Add the learner's commands to the command line."""
    watch = _command(commands, "watch", _watch, load, "grade a kata each time you save it")
    watch.add_argument("kata", metavar="ID", nargs="?", help="the kata (default: the next one)")
    add_sandbox(watch)

    hint = _command(commands, "hint", _hint, load, "show the next hint for a kata")
    hint.add_argument("kata", metavar="ID", help="a kata id")
    hint.add_argument("number", nargs="?", type=int, help="show this hint (default: the next)")

    progress = _command(commands, "progress", _progress, load, "show how far you have come")
    progress.add_argument("--all", action="store_true", help="also list every kata")

    _command(commands, "next", _next, load, "name the next kata to work on")

    reset = _command(commands, "reset", _reset, load, "restore a kata's stub (keeps a backup)")
    reset.add_argument("kata", metavar="ID", help="a kata id")
    reset.add_argument("-y", "--yes", action="store_true", help="do not ask first")

    report = _command(commands, "report", _report, load, "write your progress as a web page")
    report.add_argument(
        "--html", type=Path, required=True, metavar="FILE", help="where, e.g. reports/index.html"
    )


def _command(
    commands: Commands, name: str, handler: Handler, load: Load, summary: str
) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        name, help=summary, description=summary[0].upper() + summary[1:] + "."
    )
    parser.set_defaults(handler=lambda args: handler(load, args))
    return parser


def _watch(load: Load, args: argparse.Namespace) -> int:
    from .watch import first_kata_to_watch, watch

    catalog = load(args)
    kata = select_one(catalog, args.kata) if args.kata else first_kata_to_watch(catalog)
    return watch(catalog, kata, args.sandbox)


def _hint(load: Load, args: argparse.Namespace) -> int:
    catalog = load(args)
    kata = select_one(catalog, args.kata)
    count = len(kata.hints)
    if args.number is not None and not 1 <= args.number <= count:
        raise SelectionError(f"{kata.id} has hints 1 to {count}")
    seen = seen_hints(catalog.root, kata.id)
    hint = choose_hint(kata, seen, args.number)
    if args.number is None and hint.number in seen:
        print(f"You have seen every hint for {kata.id}; here is the last one again.\n")
    text = textwrap.fill(hint.text, WRAP, initial_indent="  ", subsequent_indent="  ")
    print(f"Hint {hint.number} of {count} for {kata.id}:\n\n{text}")
    mark_seen(catalog.root, kata.id, hint.number)
    if len(seen | {hint.number}) < count:
        print(f"\nStill stuck? pykata hint {kata.id}")
    else:
        print(f"\nThat was the last hint. The task's links go deeper: pykata show {kata.id}")
    return 0


def _progress(load: Load, args: argparse.Namespace) -> int:
    progress = load_progress(load(args))
    style = Style.for_stream(sys.stdout)
    for problem in progress.problems:
        print(f"pykata: skipped a report: {problem}", file=sys.stderr)
    print(style.paint(_headline(progress), "bold") + "\n")
    _print_topics(progress, style)
    if progress.pythons:
        per_python = progress.per_python().items()
        counts = (
            f"{python}: {passed} of {graded} graded passed"
            for python, (passed, graded) in per_python
        )
        print("\nBy Python: " + " · ".join(counts))
    if args.all:
        _print_katas(progress, style)
    changed = [k.kata.id for k in progress.katas if k.changed]
    if changed:
        print("\nChanged since last graded: " + ", ".join(changed))
        print("  grade them again: pykata grade " + " ".join(changed))
    _print_next(next_kata(progress))
    return 0


def _print_topics(progress: LearnerProgress, style: Style) -> None:
    topics = progress.topics()
    width = max((len(topic_title(t.topic)) for t in topics), default=8) + 2
    for topic in topics:
        bar = _bar(topic.passed, topic.total, style)
        counts = f"{topic.passed} of {topic.total} · {topic.score:g}/{topic.points} points"
        print(f"  {topic_title(topic.topic):<{width}} {bar}  {counts}")


def _headline(progress: LearnerProgress) -> str:
    if not progress.pythons:
        return f"Nothing graded yet: 0 of {len(progress.katas)} katas passed"
    return (
        f"{progress.passed} of {len(progress.katas)} katas passed · "
        f"{progress.score:g}/{progress.points} points"
    )


def _bar(done: int, total: int, style: Style) -> str:
    filled = round(BAR_WIDTH * done / total) if total else 0
    full, empty = ("█", "░") if style.unicode else ("#", "-")
    return style.paint(full * filled, "green") + style.paint(empty * (BAR_WIDTH - filled), "dim")


def _print_katas(progress: LearnerProgress, style: Style) -> None:
    width = max(len(k.kata.id) for k in progress.katas) + 2
    print(
        "\n  "
        + " " * 14
        + f"{'kata':<{width}}{'score':>9}"
        + "".join(f"{python:>14}" for python in progress.pythons)
    )
    for item in progress.katas:
        score = f"{item.score:g}/{item.kata.points}"
        cells = "".join(
            f"{item.results[p].status if p in item.results else '-':>14}" for p in progress.pythons
        )
        print(f"  {style.status(item.status)} {item.kata.id:<{width}}{score:>9}{cells}")


def _print_next(kata: Kata | None) -> None:
    if kata is None:
        print("\nEvery kata passes. Well done!")
        return
    print(f"\nNext: {kata.id} · {kata.title}")
    print(f"  edit katas/{kata.id}/{kata.module}; read the task with: pykata show {kata.id}")
    print(f"  grade it on every save with: pykata watch {kata.id}")


def _next(load: Load, args: argparse.Namespace) -> int:
    _print_next(next_kata(load_progress(load(args))))
    return 0


def _reset(load: Load, args: argparse.Namespace) -> int:
    catalog = load(args)
    kata = select_one(catalog, args.kata)
    path = f"katas/{kata.id}/{kata.module}"
    if not args.yes and not _confirm(
        f"Put {path} back to the stub? Your file is kept in {BACKUPS}/{kata.id}/. [y/N] "
    ):
        print("Nothing changed.")
        return 1
    backup = reset_kata(kata)
    print(f"{path} is the stub again.")
    if backup is not None:
        print(f"Your previous file is in {backup.relative_to(catalog.root)}")
    return 0


def _confirm(question: str) -> bool:
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def _report(load: Load, args: argparse.Namespace) -> int:
    from .report_html import render_html

    progress = load_progress(load(args))
    stamp = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    args.html.parent.mkdir(parents=True, exist_ok=True)
    args.html.write_text(render_html(progress, stamp), encoding="utf-8")
    print(f"Wrote {args.html}: {_headline(progress)}. Open it in a browser.")
    return 0
