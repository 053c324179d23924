"""Tests for pykata.report_html: a self-contained progress page, read as text and in Chromium."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import Chromium, ChromiumError

from pykata.catalog import Catalog
from pykata.kata import Kata
from pykata.learner_progress import KataProgress, LearnerProgress
from pykata.report_html import TEXT_LIMIT, render_html
from pykata.results import KataResult, TestResult

GENERATED_AT = "2025-03-14 09:26 UTC"
HOSTILE = 'add(-2, -3) returned 1, not -5 <script>alert(1)</script> "quoted"\x00'
PRINTED = "adding -2 and -3\n"
NOT_GRADED = "\N{EN DASH}"  # what a Python's column shows for a kata it did not grade
ARTIFACTS = Path(__file__).resolve().parent.parent / "build" / "test-artifacts"
NO_CHROMIUM = (
    "headless Chromium is not installed (Debian: apt-get install chromium); "
    "the HTML report was not rendered"
)


def kata(catalog: Catalog, kata_id: str) -> Kata:
    found = catalog.get(kata_id)
    assert found is not None
    return found


def result(
    of: Kata, score: float, status: str, *tests: TestResult, message: str = ""
) -> KataResult:
    return KataResult(of.id, of.title, of.points, score, status, message, 0.1, tests)


def graded_once(of: Kata, graded: KataResult) -> LearnerProgress:
    """A progress of one kata graded on Python 3.12 only."""
    return LearnerProgress((KataProgress(of, {"3.12": graded}),), ("3.12",))


def failing(message: str = "", output: str = "", hint: int = 0) -> TestResult:
    return TestResult("adds negative numbers", 5.0, "failed", message, output, hint)


def realistic_progress(catalog: Catalog) -> LearnerProgress:
    """Three katas in two topics graded on two Pythons: one passed, one partial, one untouched.

    The partial one passed on 3.11 but fails a test on 3.12 whose message carries markup, which
    printed something and which names the kata's second hint; its file changed since.
    """
    echo, adder = kata(catalog, "sample/echo"), kata(catalog, "sample/adder")
    reverse = dataclasses.replace(
        echo, id="strings/reverse", title="Reverse", module="reverse.py", points=20
    )
    echo_passed = result(echo, 10.0, "passed", TestResult("echoes", 10.0, "passed"))
    adds = TestResult("adds", 5.0, "passed")
    adder_passed = result(adder, 10.0, "passed", adds, dataclasses.replace(adds, name="negatives"))
    adder_partial = result(adder, 5.0, "partial", adds, failing(HOSTILE, PRINTED, hint=2))
    katas = (
        KataProgress(echo, {"3.11": echo_passed, "3.12": echo_passed}),
        KataProgress(adder, {"3.11": adder_passed, "3.12": adder_partial}, changed=True),
        KataProgress(reverse, {}),
    )
    return LearnerProgress(katas, ("3.11", "3.12"))


# Without a browser: what the page's source holds.


def test_hostile_learner_text_is_escaped_and_cannot_add_markup(catalog: Catalog) -> None:
    page = render_html(realistic_progress(catalog), GENERATED_AT)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;" in page
    assert "<script" not in page
    assert "\x00" not in page


def test_control_characters_are_dropped_but_tabs_and_newlines_are_kept(catalog: Catalog) -> None:
    adder = kata(catalog, "sample/adder")
    output = "one\ttwo\r\nthree \x1b[31mred\x07\x9b \udc80\n"
    page = render_html(graded_once(adder, result(adder, 0, "failed", failing("x", output))), "")
    assert "<pre>one\ttwo\nthree [31mred \ufffd\n</pre>" in page
    assert page.encode("utf-8")


def test_long_messages_are_cut_and_the_cut_is_marked(catalog: Catalog) -> None:
    adder = kata(catalog, "sample/adder")
    message = "m" * (TEXT_LIMIT + 8000)
    output = "first line\n" + "o" * TEXT_LIMIT + "last line"
    page = render_html(graded_once(adder, result(adder, 0, "failed", failing(message, output))), "")
    assert f"<pre>{'m' * TEXT_LIMIT}\n[… 8,000 more characters cut]</pre>" in page
    assert "m" * (TEXT_LIMIT + 1) not in page
    assert "[… 20 earlier characters cut]" in page
    assert "last line</pre>" in page
    assert "first line" not in page


def test_an_empty_progress_invites_the_learner_to_grade_first(catalog: Catalog) -> None:
    progress = LearnerProgress(tuple(KataProgress(k, {}) for k in catalog.katas), ())
    page = render_html(progress, GENERATED_AT)
    assert "Nothing graded yet: run <code>nox -s grade</code> or <code>pykata watch</code>" in page
    assert len(catalog.katas) == page.count(">· not-started</td>")
    assert "0 of 2 katas passed" in page
    assert "<details" not in page
    assert "<tfoot" not in page


def test_the_page_refers_to_nothing_outside_itself(catalog: Catalog) -> None:
    page = render_html(realistic_progress(catalog), GENERATED_AT).lower()
    for reference in ("http://", "https://", "src=", "url(", "@import", "<link", "<script", "<img"):
        assert reference not in page
    csp = "default-src 'none'; style-src 'unsafe-inline'"
    assert f'<meta http-equiv="content-security-policy" content="{csp}">' in page


def test_a_failure_names_the_hint_its_test_relates_to(catalog: Catalog) -> None:
    page = render_html(realistic_progress(catalog), GENERATED_AT)
    assert "Hint 2 is about this test: <code>pykata hint sample/adder 2</code>" in page


@pytest.mark.parametrize("hint", [0, 3])
def test_a_failure_without_a_usable_hint_number_points_to_the_hints(
    catalog: Catalog, hint: int
) -> None:
    adder = kata(catalog, "sample/adder")  # it has two hints, so 3 names none of them
    page = render_html(graded_once(adder, result(adder, 0, "failed", failing(hint=hint))), "")
    assert "Stuck? <code>pykata hint sample/adder</code> shows a hint." in page


def test_a_kata_message_is_folded_when_no_test_failed(catalog: Catalog) -> None:
    adder = kata(catalog, "sample/adder")
    timed_out = result(adder, 0, "timeout", message="adder.py did not finish in 10 s")
    page = render_html(graded_once(adder, timed_out), "")
    assert "<details><summary>Why it did not pass on Python 3.12</summary>" in page
    assert '<p class="label">What went wrong</p><pre>adder.py did not finish in 10 s</pre>' in page


def test_passed_and_untouched_katas_have_nothing_folded(catalog: Catalog) -> None:
    adder = kata(catalog, "sample/adder")
    untouched = result(adder, 0, "not-started", message="not started yet")
    assert "<details" not in render_html(graded_once(adder, untouched), "")


def test_each_topic_has_an_accessible_bar_sized_by_the_share_passed(catalog: Catalog) -> None:
    page = render_html(realistic_progress(catalog), GENERATED_AT)
    assert (
        '<div class="bar" role="progressbar" aria-label="Sample" aria-valuemin="0" '
        'aria-valuemax="2" aria-valuenow="1" aria-valuetext="1 of 2 passed · 15/20 points">'
        '<div class="fill" style="width: 50%"></div></div>'
    ) in page
    assert '<div class="fill" style="width: 0%"></div>' in page


def test_reports_that_could_not_be_read_are_listed_escaped(catalog: Catalog) -> None:
    progress = dataclasses.replace(realistic_progress(catalog), problems=("reports/<x>.json",))
    assert "<li>reports/&lt;x&gt;.json</li>" in render_html(progress, GENERATED_AT)


# In headless Chromium: what a person sees.


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    """One headless Chromium for the whole module, closed at its end."""
    names = ("chromium", "chromium-browser", "google-chrome")  # Debian's name first
    found = (shutil.which(name) for name in names)
    executable = os.environ.get("PYKATA_CHROMIUM") or next((path for path in found if path), None)
    if executable is None:
        if os.environ.get("PYKATA_REQUIRE_CHROMIUM"):  # set by .ci/run, which installs it
            pytest.fail(f"{NO_CHROMIUM}, but this run requires it: check the job's setup")
        pytest.skip(NO_CHROMIUM)
    with Chromium(executable) as chromium:
        yield chromium


@pytest.fixture
def report(browser: Chromium, catalog: Catalog, tmp_path: Path) -> Chromium:
    """The realistic progress page, written to tmp_path/index.html and open at 1280 px wide."""
    page = tmp_path / "index.html"
    page.write_text(render_html(realistic_progress(catalog), GENERATED_AT), encoding="utf-8")
    browser.set_viewport(1280, 800)
    browser.open(page.as_uri())
    return browser


def visible_text(page: Chromium) -> str:
    text = page.evaluate("document.body.innerText")
    assert isinstance(text, str)
    return text


def open_first_failure(page: Chromium) -> None:
    page.evaluate("document.querySelector('details').open = true")


def test_a_person_sees_the_totals_and_the_topics(report: Chromium) -> None:
    text = visible_text(report)
    for line in (
        "pykata progress",
        "1 of 3 katas passed · 15/40 points",
        f"Graded on Python 3.11, 3.12 · generated {GENERATED_AT}",
        "Sample\n1 of 2 passed · 15/20 points",
        "Strings\n0 of 1 passed · 0/20 points",
    ):
        assert line in text


def test_a_person_sees_each_kata_on_each_python(report: Chromium) -> None:
    rows = report.evaluate(
        "Array.from(document.querySelectorAll('tr'),"
        " row => Array.from(row.cells, cell => cell.innerText))"
    )
    assert [
        ["Kata", "Status", "Score", "Python 3.11", "Python 3.12"],
        ["Sample"],
        ["sample/echo Echo", "✓ passed", "10/10", "✓ passed", "✓ passed"],
        ["sample/adder Adder changed since graded", "◐ partial", "5/10", "✓ passed", "◐ partial"],
        ["adds negative numbers failed on Python 3.12"],
        ["Strings"],
        ["strings/reverse Reverse", "· not-started", "0/20", NOT_GRADED, NOT_GRADED],
        ["Passed on each Python", "2 of 2 passed", "1 of 2 passed"],
    ] == rows


def test_a_failure_stays_folded_until_its_details_are_opened(report: Chromium) -> None:
    assert "returned 1, not -5" not in visible_text(report)
    assert PRINTED.strip() not in visible_text(report)
    open_first_failure(report)
    text = visible_text(report)
    assert "What the test said" in text
    assert "add(-2, -3) returned 1, not -5" in text
    assert "What your code printed" in text
    assert PRINTED.strip() in text
    assert "Hint 2 is about this test: pykata hint sample/adder 2" in text


def test_injected_markup_shows_as_text_and_never_becomes_a_script(report: Chromium) -> None:
    open_first_failure(report)
    assert 'returned 1, not -5 <script>alert(1)</script> "quoted"\n' in visible_text(report)
    assert 0 == report.evaluate("document.scripts.length")


def test_a_topic_bar_is_filled_as_far_as_its_katas_passed(report: Chromium) -> None:
    widths = report.evaluate(
        "Array.from(document.querySelectorAll('.bar'), bar => ["
        " bar.getBoundingClientRect().width,"
        " bar.querySelector('.fill').getBoundingClientRect().width,"
        "])"
    )
    (sample_bar, sample_fill), (strings_bar, strings_fill) = widths
    assert sample_bar > 200
    assert abs(sample_bar / 2 - sample_fill) <= 2  # 1 of 2 passed
    assert 0 == strings_fill  # 0 of 1 passed
    assert sample_bar == strings_bar


def test_the_page_asks_for_nothing_but_its_own_file(report: Chromium, tmp_path: Path) -> None:
    assert [(tmp_path / "index.html").as_uri()] == report.requests


def test_the_request_record_would_notice_a_page_asking_for_more(
    browser: Chromium, tmp_path: Path
) -> None:
    page = tmp_path / "asks.html"
    page.write_text('<!DOCTYPE html><img src="picture.png" alt="">', encoding="utf-8")
    browser.open(page.as_uri())
    assert [page.as_uri(), (tmp_path / "picture.png").as_uri()] == browser.requests


def test_the_browser_reports_what_went_wrong_in_the_page(browser: Chromium, tmp_path: Path) -> None:
    with pytest.raises(ChromiumError, match="TypeError: Cannot read properties of null"):
        browser.evaluate("null.x")
    missing = (tmp_path / "missing.html").as_uri()
    with pytest.raises(ChromiumError, match=re.escape(f"could not open {missing}: net::ERR_FILE")):
        browser.open(missing)


def test_the_page_fits_a_phone_without_scrolling_sideways(report: Chromium) -> None:
    report.set_viewport(390, 844)
    open_first_failure(report)
    assert 390 == report.evaluate("innerWidth")
    assert report.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_a_screenshot_at_desktop_width_is_kept_for_people(report: Chromium, tmp_path: Path) -> None:
    open_first_failure(report)
    shot = tmp_path / "report.png"
    report.screenshot(shot)
    png = shot.read_bytes()
    assert b"\x89PNG\r\n\x1a\n" == png[:8]
    assert 1280 == int.from_bytes(png[16:20], "big")  # the width in the PNG header
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, ARTIFACTS / "report.png")
