"""The progress page: one static HTML file that shows a learner how far they have come.

The page is built from ``LearnerProgress`` alone and stands on its own: inline CSS, no
JavaScript and nothing to fetch, with a Content-Security-Policy that forbids fetching even if
something slipped in, so it can be opened from disk or kept as a build artifact.

Messages, output and test names come from reports, which come from learner code. Each is cleaned
of control characters, cut to a readable length and escaped before it reaches the page.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable

from .catalog import topic_title
from .kata import Kata
from .learner_progress import KataProgress, LearnerProgress, TopicProgress
from .results import TestResult

TEXT_LIMIT = 2000  # characters of one message or output; the rest is cut and the cut marked
NAME_LIMIT = 200  # characters of a name, a title or a version

__all__ = ["NAME_LIMIT", "TEXT_LIMIT", "render_html"]

# Control characters (C0 without tab and newline, DEL, C1) and lone surrogates, which a report
# read with errors="surrogateescape" may hold and which UTF-8 cannot encode.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# The terminal's status symbols, but for timeout: its ⏱ is missing from common fonts (DejaVu has
# none), where it would show as an empty box, so the page uses the clock-like ◷.
_SYMBOLS = {
    "passed": "✓",
    "partial": "◐",
    "failed": "✗",
    "not-started": "·",
    "error": "!",
    "timeout": "◷",
    "crashed": "✱",
    "skipped": "-",
}
_QUIET = ("passed", "not-started", "skipped")  # statuses with no failure worth explaining

_CSP = "default-src 'none'; style-src 'unsafe-inline'"
_STYLE = """
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
  --track: #e6eaef; --edge: #818b98; --fill: #1a7f37;
  --pass: #1a7f37; --partial: #9a6700; --fail: #d1242f; --none: #59636e;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23;
    --track: #262c36; --edge: #656c76; --fill: #2ea043;
    --pass: #3fb950; --partial: #d29922; --fail: #f85149; --none: #9198a1;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans",
    Arial, sans-serif;
}
main { max-width: 64rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .75rem; }
p { margin: .25rem 0; }
code, pre {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: .875em;
}
code { overflow-wrap: anywhere; }
pre {
  margin: .25rem 0 .75rem; padding: .5rem .75rem; max-height: 24rem; overflow: auto;
  white-space: pre-wrap; overflow-wrap: anywhere;
  background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
}
.totals { font-size: 1.15rem; }
.meta { color: var(--muted); }
.notice, .problems {
  margin: 1rem 0; padding: .75rem 1rem; border: 1px solid var(--line); border-radius: 6px;
  background: var(--panel);
}
.topics {
  list-style: none; margin: 0; padding: 0; display: grid; gap: .6rem 1rem;
  grid-template-columns: minmax(6rem, max-content) minmax(8rem, 1fr) max-content;
}
.topic {
  grid-column: 1 / -1; display: grid; grid-template-columns: subgrid; align-items: center;
}
.bar {
  height: .8rem; border: 1px solid var(--edge); border-radius: 999px; overflow: hidden;
  background: var(--track);
}
.fill { height: 100%; background: var(--fill); }
.topic-count { color: var(--muted); font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; }
th, td {
  padding: .45rem .6rem; text-align: left; vertical-align: top;
  border-bottom: 1px solid var(--line);
}
thead th { color: var(--muted); font-size: .875rem; font-weight: 600; white-space: nowrap; }
tbody th { font-weight: normal; }
.group th { padding-top: 1rem; font-weight: 600; border-bottom: 2px solid var(--line); }
.with-details > * { border-bottom: 0; }
.details-row td { padding-top: 0; }
.kata-title { color: var(--muted); }
.changed {
  display: inline-block; margin-left: .25rem; padding: 0 .4rem; font-size: .8rem;
  color: var(--partial); border: 1px solid currentColor; border-radius: 999px;
}
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.status { white-space: nowrap; }
.s-passed { color: var(--pass); }
.s-partial { color: var(--partial); }
.s-failed, .s-error, .s-timeout, .s-crashed { color: var(--fail); }
.s-not-started, .s-skipped, .s-none { color: var(--none); }
tfoot th, tfoot td { color: var(--muted); border-bottom: 0; }
summary { cursor: pointer; color: var(--muted); }
details[open] > summary { margin-bottom: .5rem; }
details > :not(summary) { margin-left: 1.1rem; }
.label { font-weight: 600; }
.hint code, .notice code {
  padding: .1rem .3rem; background: var(--panel); border: 1px solid var(--line);
  border-radius: 4px;
}
@media (max-width: 40rem) {
  .topics { grid-template-columns: 1fr; }
  .topic { gap: .25rem; }
  table, thead, tbody, tfoot, tr, th, td { display: block; }
  thead { display: none; }
  tr { padding: .4rem 0; border-bottom: 1px solid var(--line); }
  th, td { padding: .1rem 0; border: 0; }
  td { display: inline-block; margin-right: 1rem; }
  td.num { text-align: left; }
  td.python { display: block; }
  td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
  .with-details, .group { border-bottom: 0; }
  .details-row td { display: block; margin: 0; }
}
@media (forced-colors: active) {
  .fill { background: Highlight; }
}
"""


def render_html(progress: LearnerProgress, generated_at: str) -> str:
    """The whole page for ``progress``; ``generated_at`` is shown as given, for people to read."""
    title = f"pykata progress: {progress.passed} of {len(progress.katas)} katas passed"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        _header(progress, generated_at),
        _problems(progress.problems),
        _topics(progress.topics()),
        _kata_table(progress),
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def _header(progress: LearnerProgress, generated_at: str) -> str:
    """The totals, the Pythons graded, when the page was made; an invitation if nothing was."""
    pythons = ", ".join(_text(python) for python in progress.pythons)
    graded = f"Graded on Python {pythons}" if pythons else "Not graded yet"
    lines = [
        "<header>",
        "<h1>pykata progress</h1>",
        f'<p class="totals"><strong>{progress.passed} of {len(progress.katas)} katas passed'
        f"</strong> · {progress.score:g}/{progress.points} points</p>",
        f'<p class="meta">{graded} · generated {_text(generated_at)}</p>',
        "</header>",
    ]
    if not any(item.graded for item in progress.katas):
        lines.append(
            '<p class="notice">Nothing graded yet: run <code>nox -s grade</code> or '
            "<code>pykata watch</code> to grade your katas, and they will show up here.</p>"
        )
    return "\n".join(lines)


def _problems(problems: Iterable[str]) -> str:
    """The reports that could not be read, so a learner knows why a result may be missing."""
    items = "".join(f"<li>{_text(problem, TEXT_LIMIT)}</li>" for problem in problems)
    if not items:
        return ""
    return (
        '<section class="problems"><p class="label">Some reports could not be read and were '
        f"left out; grading again replaces them.</p><ul>{items}</ul></section>"
    )


def _topics(topics: Iterable[TopicProgress]) -> str:
    """A progress bar per topic, in curriculum order."""
    rows = "\n".join(_topic_row(topic) for topic in topics)
    return (
        '<section aria-labelledby="topics-heading">\n<h2 id="topics-heading">Topics</h2>\n'
        f'<ul class="topics">\n{rows}\n</ul>\n</section>'
    )


def _topic_row(topic: TopicProgress) -> str:
    """One topic: its title, a bar filled by the share of katas passed, and the counts."""
    name = _text(topic_title(topic.topic))
    share = 100 * topic.passed / topic.total if topic.total else 0.0
    counts = f"{topic.passed} of {topic.total} passed · {topic.score:g}/{topic.points} points"
    return (
        f'<li class="topic"><span class="topic-name">{name}</span>'
        f'<div class="bar" role="progressbar" aria-label="{name}" aria-valuemin="0" '
        f'aria-valuemax="{topic.total}" aria-valuenow="{topic.passed}" '
        f'aria-valuetext="{counts}"><div class="fill" style="width: {share:.4g}%"></div></div>'
        f'<span class="topic-count">{counts}</span></li>'
    )


def _kata_table(progress: LearnerProgress) -> str:
    """Every kata grouped by topic, with a column per Python and a footer of passes per Python."""
    pythons = progress.pythons
    columns = 3 + len(pythons)
    head_row = "".join(
        [
            '<th scope="col">Kata</th><th scope="col">Status</th>',
            '<th scope="col" class="num">Score</th>',
            *(f'<th scope="col">Python {_text(python)}</th>' for python in pythons),
        ]
    )
    groups = [
        _topic_group(topic, list(items), pythons, columns)
        for topic, items in itertools.groupby(progress.katas, key=lambda item: item.kata.topic)
    ]
    return "\n".join(
        [
            '<section aria-labelledby="katas-heading">',
            '<h2 id="katas-heading">Katas</h2>',
            '<div class="table-wrap">',
            "<table>",
            f"<thead><tr>{head_row}</tr></thead>",
            *groups,
            _per_python_footer(progress),
            "</table>",
            "</div>",
            "</section>",
        ]
    )


def _topic_group(
    topic: str, items: list[KataProgress], pythons: tuple[str, ...], columns: int
) -> str:
    """One topic's katas as a table body headed by the topic's title."""
    heading = (
        f'<tr class="group"><th scope="rowgroup" colspan="{columns}">'
        f"{_text(topic_title(topic))}</th></tr>"
    )
    rows = [_kata_rows(item, pythons, columns) for item in items]
    return "\n".join(["<tbody>", heading, *rows, "</tbody>"])


def _kata_rows(item: KataProgress, pythons: tuple[str, ...], columns: int) -> str:
    """A kata's row, followed by a row with its folded failure when it has one."""
    kata = item.kata
    changed = (
        ' <span class="changed" title="The file changed after it was last graded: '
        'grade it again to update its result.">changed since graded</span>'
        if item.changed
        else ""
    )
    cells = [
        f'<th scope="row"><code>{_text(kata.id)}</code> '
        f'<span class="kata-title">{_text(kata.title)}</span>{changed}</th>',
        _status_cell(item.status, "Status"),
        f'<td class="num" data-label="Score">{item.score:g}/{kata.points}</td>',
        *(_python_cell(item, python) for python in pythons),
    ]
    failure = _failure(item)
    if not failure:
        return f"<tr>{''.join(cells)}</tr>"
    return (
        f'<tr class="with-details">{"".join(cells)}</tr>\n'
        f'<tr class="details-row"><td colspan="{columns}">{failure}</td></tr>'
    )


def _status_cell(status: str, label: str, classes: str = "status") -> str:
    """A status as the terminal shows it (symbol and word), coloured through its class."""
    word = html.escape(f"{_SYMBOLS.get(status, '?')} {status}")
    return f'<td class="{classes} s-{html.escape(status)}" data-label="{label}">{word}</td>'


def _python_cell(item: KataProgress, python: str) -> str:
    """The kata's status on one Python, or a dash when that Python did not grade it."""
    label = f"Python {_text(python)}"
    result = item.results.get(python)
    if result is None:
        return (
            f'<td class="python s-none" data-label="{label}" title="not graded here">'
            "\N{EN DASH}</td>"
        )
    return _status_cell(result.status, label, classes="python status")


def _failure(item: KataProgress) -> str:
    """Why a kata did not pass, folded in a closed <details>; "" when there is nothing to say."""
    worst = item.worst
    if worst is None or item.status in _QUIET:
        return ""
    test = worst.first_failure
    if test is None and not worst.message.strip():
        return ""
    python = next(python for python, result in item.results.items() if result is worst)
    where = f"on Python {_text(python)}"
    if test is None:
        summary = f"Why it did not pass {where}"
    elif test.outcome == "error":
        summary = f"The grader of <code>{_text(test.name)}</code> broke {where} (not your code)"
    else:
        summary = f"<code>{_text(test.name)}</code> failed {where}"
    parts = [f"<details><summary>{summary}</summary>"]
    if worst.message.strip():
        parts.append(_block("What went wrong", worst.message))
    if test is not None and test.message.strip():
        parts.append(_block("What the test said", test.message))
    if test is not None and test.output.strip():
        parts.append(_block("What your code printed", test.output, keep_end=True))
    parts += [_hint_pointer(item.kata, test), "</details>"]
    return "\n".join(parts)


def _block(label: str, text: str, keep_end: bool = False) -> str:
    """A labelled block of learner text, kept as it was printed apart from what is unsafe."""
    return f'<p class="label">{label}</p><pre>{_text(text, TEXT_LIMIT, keep_end)}</pre>'


def _hint_pointer(kata: Kata, test: TestResult | None) -> str:
    """The command that shows the hint a failing test names, or the kata's next hint."""
    kata_id = _text(kata.id)
    number = test.hint if test is not None else 0
    if 1 <= number <= len(kata.hints):
        return (
            f'<p class="hint">Hint {number} is about this test: '
            f"<code>pykata hint {kata_id} {number}</code></p>"
        )
    return f'<p class="hint">Stuck? <code>pykata hint {kata_id}</code> shows a hint.</p>'


def _per_python_footer(progress: LearnerProgress) -> str:
    """How many katas passed on each Python, out of those it graded."""
    if not progress.pythons:
        return ""
    cells = "".join(
        f'<td data-label="Python {_text(python)}">{passed} of {graded} passed</td>'
        for python, (passed, graded) in progress.per_python().items()
    )
    return f'<tfoot><tr><th scope="row" colspan="3">Passed on each Python</th>{cells}</tr></tfoot>'


def _text(text: str, limit: int = NAME_LIMIT, keep_end: bool = False) -> str:
    """Report text made safe for the page: cleaned, cut to ``limit`` characters, escaped.

    Output keeps its end (``keep_end``), where the last thing printed before a failure is;
    everything else keeps its beginning. The cut is marked with how much was left out.
    """
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))
    cut = len(text) - limit
    if cut > 0 and keep_end:
        text = f"[… {cut:,} earlier characters cut]\n{text[-limit:]}"
    elif cut > 0:
        text = f"{text[:limit]}\n[… {cut:,} more characters cut]"
    return html.escape(text)
