"""Sessions for learners (grade), kata authors (verify, new) and maintainers (test, lint, bench).

Bare ``nox`` runs the test suite: the engine's tests and ``verify`` on every supported Python,
then lint. Supported Pythons come from pyproject.toml's classifiers; locally, the ones not
installed are skipped. ``PYKATA_PYTHONS="3.10 3.12"`` narrows the list (CI passes the ones it
has, because nox refuses missing interpreters when ``CI`` is set).
"""

from __future__ import annotations

import os
from pathlib import Path

import nox

nox.needs_version = ">=2024.4.15"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["test", "verify", "lint"]

PYPROJECT = nox.project.load_toml("pyproject.toml")
SUPPORTED = nox.project.python_versions(PYPROJECT)
WANTED = os.environ.get("PYKATA_PYTHONS", "").split()
PYTHONS = [version for version in SUPPORTED if not WANTED or version in WANTED]
REPORTS = Path("reports")
# Use the Pythons installed here; never download one (a missing version is simply skipped).
os.environ.setdefault("UV_PYTHON_DOWNLOADS", "never")
# Compile bytecode at install time, as pip does: grading one kata should not start by compiling
# pytest (and where PYTHONDONTWRITEBYTECODE is set, it would on every run).
os.environ.setdefault("UV_COMPILE_BYTECODE", "1")


@nox.session(python=PYTHONS)
def grade(session: nox.Session) -> None:
    """Grade your katas: `nox -s grade`, or `nox -s grade -- decorators` for one topic."""
    session.install(".")
    report = REPORTS / f"python{session.python}.json"
    report.unlink(missing_ok=True)
    # Exit code 1 only means some katas are not solved yet: the grading itself succeeded.
    session.run("pykata", "grade", *session.posargs, "--json", str(report), success_codes=[0, 1])
    session.notify("matrix")


@nox.session(default=False)
def matrix(session: nox.Session) -> None:
    """Merge the per-Python reports in reports/ into one table."""
    reports = sorted(str(path) for path in REPORTS.glob("python*.json"))
    if not reports:
        session.skip("no reports yet: run `nox -s grade` first")
    session.install(".")
    session.run("pykata", "matrix", *reports, success_codes=[0, 1])


@nox.session(default=False)
def watch(session: nox.Session) -> None:
    """Grade a kata each time you save it: `nox -s watch`, or `nox -s watch -- ID`."""
    session.install(".")
    session.run("pykata", "watch", *session.posargs)


@nox.session(default=False)
def progress(session: nox.Session) -> None:
    """Show how far you have come, and write it as a page: reports/index.html."""
    session.install(".")
    session.run("pykata", "progress", *session.posargs)
    session.run("pykata", "report", "--html", str(REPORTS / "index.html"))


@nox.session(python=PYTHONS)
def verify(session: nox.Session) -> None:
    """Prove the graders fair: solutions pass, stubs score 0, every mutant is caught."""
    session.install(".")
    # Verifying waits on threads, processes and time limits as much as on the CPU: use workers.
    workers = min(4, os.cpu_count() or 1)
    session.run("pykata", "verify", f"--jobs={workers}", *session.posargs)


@nox.session(python=PYTHONS)
def test(session: nox.Session) -> None:
    """Run the engine's own tests with branch coverage (fails under 90%)."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("coverage", "run", "-m", "pytest", *session.posargs)
    session.run("coverage", "report")


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff (check and format), mypy --strict on src/, actionlint and zizmor on workflows."""
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")
    workflows = sorted(str(p) for p in Path(".github/workflows").glob("*.y*ml"))
    if not workflows:
        session.log("no workflows in .github/workflows for actionlint and zizmor to check")
        return
    session.install(*nox.project.dependency_groups(PYPROJECT, "workflow-lint"))
    session.run("zizmor", "--offline", ".github")
    session.run("python", "tools/run_actionlint.py", *workflows)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Measure grading speed: sandboxed vs in-process, one kata's wall time, watch's re-grade."""
    session.install(".")
    session.run("python", "benchmarks/grading.py", *session.posargs)
    if os.name == "posix":  # the watch benchmark drives a pseudo-terminal
        session.run("python", "benchmarks/watch.py", *session.posargs)


@nox.session(default=False)
def new(session: nox.Session) -> None:
    """Lay out a new kata: `nox -s new -- TOPIC/SLUG`."""
    if not session.posargs:
        session.error("say which kata to make: nox -s new -- TOPIC/SLUG [--module NAME.py]")
    session.install(".")
    session.run("pykata", "new", *session.posargs)
