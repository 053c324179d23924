"""The PR comment: what it shows, and that learner text cannot break or hijack it."""

from __future__ import annotations

import re

from pykata.catalog import Catalog
from pykata.ci_collect import Collection, Ignored
from pykata.ci_comment import MARKER, MAX_BODY, previous_score, render_comment
from pykata.ci_score import score_pull_request
from pykata.results import KataResult, RunResult, TestResult


def graded(catalog: Catalog, message: str = "", test_name: str = "adds", hint: int = 0) -> str:
    failing = (TestResult(test_name, 1.0, "failed", message, hint=hint),)
    runs = [
        RunResult(
            python,
            "katas",
            (
                KataResult("sample/echo", "Echo", 10, 10.0, "passed", "", 0.1, ()),
                KataResult("sample/adder", "Adder", 10, 0.0, "failed", "", 0.1, failing),
            ),
        )
        for python in ("3.12.1", "3.10.13")
    ]
    collection = Collection("a" * 40, ("katas/sample/echo/echo.py",), ())
    return render_comment(score_pull_request(catalog, runs), collection, 4.0, RUN_URL)


RUN_URL = "https://github.com/class/katas/actions/runs/42"


def test_the_comment_shows_total_change_table_hint_and_where_it_came_from(
    catalog: Catalog,
) -> None:
    body = graded(catalog, "add(2, 3) returned 6, expected 5")

    assert body.startswith(MARKER)
    assert "## pykata: 10/20 points" in body
    assert "Change since the previous graded push: **+6** (was 4)" in body
    assert "| Kata | Status | Score | 3.10 | 3.12 | First failure | Next hint |" in body
    assert "| sample/echo | ✅ passed | 10/10 | ✅ | ✅ |  |  |" in body
    assert r"adds: add\(2, 3\) returned 6, expected 5" in body
    assert "Use \\+." in body  # the adder's first hint, escaped as every cell is
    assert f"[grading run]({RUN_URL})" in body
    assert "graded commit `aaaaaaaaaaaa`" in body
    assert 10.0 == previous_score(body)


def test_the_hint_column_shows_the_hint_the_failing_test_names(catalog: Catalog) -> None:
    assert "Negative numbers add the same way" in graded(catalog, "wrong", hint=2)
    assert "Use \\+." in graded(catalog, "wrong", hint=7), "an unknown hint falls back to the first"


def test_markdown_and_html_in_failure_messages_are_neutralised(catalog: Catalog) -> None:
    hostile = (
        "x | y\n## Score: 20/20 <img src=x onerror=alert(1)> [click](https://evil.example) "
        "<!-- pykata:score=20/20 --> ![i](https://evil.example/i.png) `code` **bold**"
    )

    body = graded(catalog, hostile, test_name="<script>alert(1)</script>")

    assert "<img" not in body
    assert "<script" not in body
    assert "](https://evil" not in body
    assert "\n## Score" not in body
    assert ["<!-- pykata:score=10/20 -->"] == re.findall(r"<!-- pykata:score=[^>]*-->", body)
    table_rows = [line for line in body.splitlines() if line.startswith("| sample/adder")]
    assert 1 == len(table_rows)
    assert 6 == table_rows[0].count(" | ")  # seven cells: the pipe in the message added none


def test_huge_messages_are_cut_and_the_body_stays_under_githubs_limit(catalog: Catalog) -> None:
    body = graded(catalog, "A" * 1_000_000)

    assert len(body) < MAX_BODY
    assert "A" * 200 not in body
    assert "…" in body


def test_ignored_files_are_listed_with_their_reason(catalog: Catalog) -> None:
    score = score_pull_request(catalog, [])
    ignored = (
        Ignored("graders/sample/adder/test_adder.py", "outside katas/"),
        Ignored("katas/x`y\n<b>.py", "a symlink"),
    )

    body = render_comment(score, Collection("b" * 40, (), ignored))

    assert "Ignored changes (2)" in body
    assert "- `graders/sample/adder/test_adder.py`: outside katas/" in body
    assert "- `katas/x'y <b>.py`: a symlink" in body


def test_the_first_graded_push_says_so_and_a_bad_run_url_is_left_out(catalog: Catalog) -> None:
    score = score_pull_request(catalog, [])

    body = render_comment(score, None, None, "javascript:alert(1)")

    assert "This is the first graded push." in body
    assert "grading run" not in body


def test_many_katas_are_cut_with_a_pointer_to_the_job_summary(catalog: Catalog) -> None:
    kata = catalog.katas[0]
    big = Catalog(catalog.root, catalog.topics, (kata,) * 2000)

    body = render_comment(score_pull_request(big, []))

    assert len(body) < MAX_BODY
    assert "more katas: see the job summary" in body


def test_previous_score_reads_only_the_score_marker() -> None:
    assert previous_score("no marker here") is None
    assert 47.5 == previous_score("x\n<!-- pykata:score=47.5/90 -->\n")
