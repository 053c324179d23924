"""The ``pykata`` command line.

Exit codes: 0 every selected kata passed (or ``--exit-zero``), 1 some did not, 2 usage error,
3 internal error (broken graders or catalog, a sandbox that cannot start), 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .catalog import Catalog, find_root, load_catalog, topic_title
from .ci_collect import CollectError
from .cli_ci import add_ci_commands
from .cli_learner import add_learner_commands
from .github_api import GitHubError
from .grade_records import record_run
from .jobs import learner_jobs
from .kata import CatalogError, Kata
from .launchers import MODES, LaunchError, default_mode
from .readme_table import ReadmeError, refresh_readme
from .report_json import ReportError, load_report, write_report
from .report_junit import render_junit
from .report_markdown import render_markdown
from .reset_stub import ResetError
from .results import RunResult
from .runner import GradingInterrupted, run_jobs
from .selection import SelectionError, select_katas, select_one
from .terminal import Progress, Style, print_failures, print_flags, print_summary

if TYPE_CHECKING:
    from .verify import Verdict

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

__all__ = ["main"]

# Errors that are no fault of the command line: a broken catalog or report, a sandbox that cannot
# start, git or the GitHub API failing.
INTERNAL_ERRORS = (CatalogError, LaunchError, ReadmeError, ReportError, CollectError, GitHubError)


class UsageError(Exception):
    """The command line asks for something impossible; exit code 2."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        code: int = args.handler(args)
        return code
    except (UsageError, SelectionError, ResetError) as error:
        return _fail(str(error), EXIT_USAGE)
    except INTERNAL_ERRORS as error:
        return _fail(str(error), EXIT_INTERNAL)
    except GradingInterrupted:
        return _fail("interrupted: no report was written", EXIT_INTERRUPTED)
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_INTERRUPTED)


def _fail(message: str, code: int) -> int:
    print(f"pykata: {message}", file=sys.stderr)
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pykata", description="Python interview katas that grade themselves."
    )
    parser.add_argument("--version", action="version", version=f"pykata {__version__}")
    parser.add_argument("--root", type=Path, help="the pykata clone (default: found from here)")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    grade = _command(commands, "grade", _grade, "grade your katas and show the score")
    _add_selection(grade)
    grade.add_argument(
        "--source", type=Path, help="grade this tree instead of katas/ (same layout)"
    )
    grade.add_argument("--json", type=Path, metavar="FILE", help="write the JSON report here")
    grade.add_argument("--markdown", type=Path, metavar="FILE", help="write a Markdown report here")
    grade.add_argument("--junit", type=Path, metavar="FILE", help="write a JUnit XML report here")
    grade.add_argument("--exit-zero", action="store_true", help="exit 0 even if katas fail")
    _add_sandbox(grade)

    verify = _command(commands, "verify", _verify, "prove the graders fair (for kata authors)")
    _add_selection(verify)
    _add_sandbox(verify)
    verify.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N", help="verify in N parallel workers"
    )
    verify.add_argument("--verdicts", type=Path, help=argparse.SUPPRESS)  # a worker's output

    _command(commands, "list", _list, "list the katas by topic")
    show = _command(commands, "show", _show, "show a kata's task")
    show.add_argument("kata", metavar="ID", help="a kata id such as decorators/repeat-decorator")
    add_learner_commands(commands, _catalog, _add_sandbox)

    new = _command(commands, "new", _new, "lay out a new kata (for kata authors)")
    new.add_argument("kata", metavar="TOPIC/SLUG", help="the new kata's id")
    new.add_argument("--module", help="the learner's file (default: the slug, e.g. retry.py)")
    new.add_argument("--title", help="the kata's title (default: from the slug)")

    readme = _command(commands, "readme", _readme, "refresh the catalog table in README.md")
    readme.add_argument("--check", action="store_true", help="only report whether it is stale")

    matrix = _command(commands, "matrix", _matrix, "merge JSON reports of several Pythons")
    matrix.add_argument("reports", nargs="+", type=Path, metavar="REPORT")
    add_ci_commands(commands, _catalog)
    return parser


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    handler: Callable[[argparse.Namespace], int],
    summary: str,
) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        name, help=summary, description=summary[0].upper() + summary[1:] + "."
    )
    parser.set_defaults(handler=handler)
    return parser


def _add_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("katas", nargs="*", metavar="ID|TOPIC", help="what to grade (default: all)")


def _add_sandbox(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sandbox",
        choices=MODES,
        default=os.environ.get("PYKATA_SANDBOX") or default_mode(),
        help="how to isolate learner code: fork from a zygote (Linux default), spawn a fresh "
        "interpreter per kata, or inprocess (no isolation: for debugging graders only)",
    )


def _catalog(args: argparse.Namespace) -> Catalog:
    if args.root is not None:
        return load_catalog(args.root.resolve())
    try:
        root = find_root(Path.cwd())
    except CatalogError as error:
        raise UsageError(str(error)) from None
    return load_catalog(root)


def _grade(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    katas = select_katas(catalog, args.katas)
    source = args.source or catalog.root / "katas"
    if not source.is_dir():
        raise UsageError(f"--source {source} is not a folder")
    jobs = learner_jobs(katas, source.resolve())
    progress = Progress(len(jobs))
    outcome = run_jobs(jobs, catalog.root, args.sandbox, progress.update)
    label = str(args.source) if args.source else "katas"
    run = RunResult(platform.python_version(), label, tuple(outcome.results))
    _write_reports(run, args)
    if args.source is None:  # the learner's own katas: keep each result for `pykata progress`
        record_run(catalog.root, run)
    style = Style.for_stream(sys.stdout)
    print_summary(run, sys.stdout, style)
    print_failures(run, sys.stdout, style)
    print_flags(run, sys.stdout, style)
    if outcome.problems:
        print(
            "\nThe graders themselves are broken (not your fault):",
            *outcome.problems,
            sep="\n  ",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    return EXIT_OK if run.all_passed or args.exit_zero else EXIT_FAILED


def _write_reports(run: RunResult, args: argparse.Namespace) -> None:
    if args.json:
        write_report(run, args.json)
    for path, render in ((args.markdown, render_markdown), (args.junit, render_junit)):
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(run), encoding="utf-8")


def _verify(args: argparse.Namespace) -> int:
    from .structure import kata_problems, structure_problems
    from .verify_workers import verify_in_workers, write_verdicts

    catalog = _catalog(args)
    katas = select_katas(catalog, args.katas)
    if args.verdicts:  # a worker of a parallel verify: the parent checks the structure
        verdicts, problems = _verify_here(catalog, katas, args.sandbox)
        write_verdicts(args.verdicts, verdicts, problems)
        return EXIT_OK
    if args.katas:
        problems = [f"{k.id}: {p}" for k in katas for p in kata_problems(k)]
    else:
        problems = structure_problems(catalog)
        if refresh_readme(catalog, catalog.root / "README.md", write=False):
            problems.append("README.md: the catalog table is out of date: run `pykata readme`")
    if args.jobs > 1 and len(katas) > 1:
        print(f"verifying {len(katas)} katas in {args.jobs} workers…", file=sys.stderr)
        verdicts, more = verify_in_workers(catalog.root, katas, args.sandbox, args.jobs)
    else:
        verdicts, more = _verify_here(catalog, katas, args.sandbox)
    problems += more
    style = Style.for_stream(sys.stdout)
    print(style.paint(f"pykata verify · Python {platform.python_version()}", "bold"))
    for verdict in verdicts:
        status = "passed" if not verdict.problems else "failed"
        caught = f"{verdict.mutants_caught}/{verdict.mutants} mutants caught"
        print(f"  {style.status(status)} {verdict.kata_id}  ({caught})")
        problems += [f"{verdict.kata_id}: {p}" for p in verdict.problems]
    if problems:
        print(f"\n{len(problems)} problem(s):", *problems, sep="\n  - ")
        return EXIT_FAILED
    print(
        f"\nAll {len(katas)} katas are fair: solutions pass, stubs score 0, every mutant is caught."
    )
    return EXIT_OK


def _verify_here(
    catalog: Catalog, katas: list[Kata], sandbox: str
) -> tuple[list[Verdict], list[str]]:
    """Grade every kata's solution, stub and mutants in this process, and judge the results."""
    from .verify import judge, verify_jobs

    jobs = verify_jobs(katas)
    outcome = run_jobs(jobs, catalog.root, sandbox, Progress(len(jobs)).update)
    verdicts = [judge(k, [r for r in outcome.results if r.id == k.id]) for k in katas]
    return verdicts, list(outcome.problems)


def _list(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    for topic in catalog.topics:
        katas = catalog.in_topic(topic)
        if katas:
            print(topic_title(topic))
            for kata in katas:
                stars = "*" * kata.difficulty
                print(f"  {kata.id:<45} {stars:<6} {kata.points:>3} pts  {kata.title}")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    kata = select_one(_catalog(args), args.kata)
    print(f"{kata.title} ({kata.id}) · difficulty {kata.difficulty}/5 · {kata.points} points")
    print(f"Edit katas/{kata.id}/{kata.module}, then run: pykata grade {kata.id}\n")
    print((kata.kata_dir / "README.md").read_text(encoding="utf-8"))
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from .scaffold import scaffold_kata

    catalog = _catalog(args)
    slug = args.kata.split("/")[-1]
    module = args.module or slug.replace("-", "_") + ".py"
    title = args.title or slug.replace("-", " ").capitalize()
    made = scaffold_kata(catalog, args.kata, module, title)
    print(f"Made {args.kata}:")
    for path in made:
        print(f"  {path.relative_to(catalog.root)}")
    print(f"\nWrite the task, stub, graders, solution and mutants, then: pykata verify {args.kata}")
    return EXIT_OK


def _readme(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    path = catalog.root / "README.md"
    stale = refresh_readme(catalog, path, write=not args.check)
    if args.check:
        print(
            "README.md's catalog table is out of date: run `pykata readme`"
            if stale
            else "up to date"
        )
        return EXIT_FAILED if stale else EXIT_OK
    print(
        "README.md's catalog table updated" if stale else "README.md's catalog table was up to date"
    )
    return EXIT_OK


def _matrix(args: argparse.Namespace) -> int:
    from .matrix import merge_runs

    runs = [load_report(path) for path in args.reports]
    matrix = merge_runs(runs)
    style = Style.for_stream(sys.stdout)
    width = max((len(kata_id) for kata_id, _, _ in matrix.rows), default=10) + 2
    print(f"  {'kata':<{width}}" + "".join(f"{p:>14}" for p in matrix.pythons))
    for kata_id, statuses, _ in matrix.rows:
        print(f"  {kata_id:<{width}}" + "".join(f"{s:>14}" for s in statuses))
    summary = f"{matrix.passed} of {len(matrix.rows)} katas pass on every Python graded"
    print("\n" + style.paint(summary, "bold"))
    return EXIT_OK if matrix.passed == len(matrix.rows) else EXIT_FAILED
