"""Tests for pykata.report_markdown: a table that learner text cannot break or hijack."""

from __future__ import annotations

import dataclasses

from pykata.report_markdown import escape_cell, render_markdown
from pykata.results import RunResult


def test_the_report_has_the_total_and_a_row_per_kata(sample_run: RunResult) -> None:
    text = render_markdown(sample_run)
    assert text.startswith("## pykata: 30/60 points\n")
    assert "1 of 4 katas passed on Python 3.12.1." in text
    assert "| math/loop | timeout | 0/10 | loop.py did not finish |" in text
    assert 2 + 4 == sum(line.startswith("|") for line in text.splitlines())


def test_learner_text_cannot_break_the_table_or_inject_html(sample_run: RunResult) -> None:
    row = next(line for line in render_markdown(sample_run).splitlines() if "math/adder" in line)
    assert row.count(" | ") == 3
    assert "<b>" not in row
    assert "&lt;b&gt;" in row


def test_escaping_neutralises_markdown_and_cuts_long_text() -> None:
    assert "\\[x\\]\\(http://e\\) \\!\\[i\\]" == escape_cell("[x](http://e) ![i]")
    assert "a b" == escape_cell("a\n\nb")
    assert 10 == len(escape_cell("y" * 50, limit=10))


def test_flags_are_listed_below_the_table_escaped(sample_run: RunResult) -> None:
    flagged = dataclasses.replace(sample_run.katas[0], flags=("echo.py:1: <b>gc</b>",))
    text = render_markdown(RunResult("3.12.1", "katas", (flagged,)))
    assert "**Flagged for review**" in text
    assert "- math/adder: echo.py:1: &lt;b&gt;gc&lt;/b&gt;" in text
