"""``pykata ci collect|render|post``: the steps of pull-request grading on GitHub Actions.

The workflows stay thin: each of their steps is one of these commands, so the logic is tested in
Python (docs/classroom.md shows the workflows that call them). Errors (git, the GitHub API, a
broken manifest) reach the command line's handler and exit with status 3.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .catalog import Catalog
from .ci_collect import MANIFEST, Collection, collect_pull_request, load_collection
from .ci_comment import render_comment
from .ci_post import post_score
from .ci_score import PullRequestScore, load_reports, score_pull_request
from .github_api import GitHubClient
from .jobs import MAX_SOURCE_BYTES
from .scan import kata_flags

__all__ = ["add_ci_commands"]

Load = Callable[[argparse.Namespace], Catalog]
if TYPE_CHECKING:  # only typeshed makes the subparsers action generic
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_ci_commands(commands: Commands, load: Load) -> None:
    """Add ``pykata ci`` and its three steps to the command line."""
    ci = commands.add_parser("ci", help="pull-request grading steps (for GitHub Actions)")
    steps = ci.add_subparsers(title="steps", metavar="STEP", required=True)

    collect = _step(steps, "collect", functools.partial(_collect, load), "take a PR's kata files")
    collect.add_argument("--base", required=True, help="the default branch's commit or ref")
    collect.add_argument("--head", required=True, help="the pull request's head commit")
    collect.add_argument("--out", type=Path, required=True, help="folder for katas/ + manifest")
    collect.add_argument("--git", type=Path, default=Path(), help="the git clone (default: .)")

    render = _step(steps, "render", functools.partial(_render, load), "render the score page")
    _add_inputs(render)
    render.add_argument("--out", type=Path, help="write here (default: standard output)")

    post = _step(steps, "post", functools.partial(_post, load), "comment and set the status")
    _add_inputs(post)
    post.add_argument("--sha", required=True, help="the pull request's head commit")
    post.add_argument("--repository", default=os.environ.get("GITHUB_REPOSITORY", ""))
    post.add_argument("--summary", type=Path, help="also write the page here (job summary)")
    post.add_argument(
        "--grading",
        default="success",
        help="how the grading job ended (success, failure, cancelled)",
    )


def _step(
    steps: Commands, name: str, handler: Callable[[argparse.Namespace], int], summary: str
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = steps.add_parser(name, help=summary, description=summary)
    parser.set_defaults(handler=handler)
    return parser


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reports", type=Path, required=True, help="folder of python*.json")
    parser.add_argument("--manifest", type=Path, help=f"the {MANIFEST} that collect wrote")
    parser.add_argument("--run-url", default="", help="link to the grading run")


def _collect(load: Load, args: argparse.Namespace) -> int:
    catalog = load(args)
    found = collect_pull_request(args.git, catalog, args.base, args.head, args.out)
    print(f"collected {len(found.collected)} kata files from {found.head[:12]}")
    for ignored in found.ignored:
        print(f"  ignored {ignored.path}: {ignored.reason}")
    return 0


def _score(load: Load, args: argparse.Namespace) -> tuple[PullRequestScore, Collection | None]:
    catalog = load(args)
    runs, notes = load_reports(args.reports)
    collection = load_collection(args.manifest) if args.manifest else None
    flags = _scan_collected(catalog, args.manifest.parent) if args.manifest else {}
    score = score_pull_request(catalog, runs, flags)
    for note in reversed(notes):
        score = _with_note(score, note)
    return score, collection


def _scan_collected(catalog: Catalog, folder: Path) -> dict[str, tuple[str, ...]]:
    """Scan the collected kata files here, in the job that never ran them."""
    found = {}
    for kata in catalog.katas:
        path = folder / "katas" / kata.id / kata.module
        if path.is_file() and not path.is_symlink():
            source = path.read_bytes()[:MAX_SOURCE_BYTES]
            flags = kata_flags(source, kata.module, kata.allow)
            if flags:
                found[kata.id] = flags
    return found


def _with_note(score: PullRequestScore, note: str) -> PullRequestScore:
    return PullRequestScore(score.pythons, score.katas, (note, *score.notes))


def _render(load: Load, args: argparse.Namespace) -> int:
    score, collection = _score(load, args)
    page = render_comment(score, collection, None, args.run_url)
    if args.out:
        args.out.write_text(page, encoding="utf-8")
    else:
        sys.stdout.write(page)
    return 0


def _post(load: Load, args: argparse.Namespace) -> int:
    score, collection = _score(load, args)
    if args.grading != "success":
        score = _with_note(score, f"the grading job ended with {args.grading}: scores may be 0")
    if args.summary:
        args.summary.write_text(render_comment(score, collection, None, args.run_url), "utf-8")
    token = os.environ.get("GITHUB_TOKEN", "")
    api = os.environ.get("GITHUB_API_URL", "https://api.github.com")
    posted = post_score(
        GitHubClient(api, args.repository, token),
        args.sha,
        lambda previous: render_comment(score, collection, previous, args.run_url),
        _status(score, args.grading),
        args.run_url,
    )
    verb = "created" if posted.created else "updated"
    print(f"{verb} the score comment on pull request #{posted.pull_number}")
    return 0


def _status(score: PullRequestScore, grading: str) -> tuple[str, str]:
    """``success`` means graded (the description carries the score); ``error`` means not."""
    if grading != "success" or not score.pythons:
        return "error", f"grading did not finish ({grading}); see the run"
    return "success", f"{score.score:g}/{score.points} points · {score.passed} katas passed"
