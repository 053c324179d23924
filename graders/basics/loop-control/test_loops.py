"""Graders for basics/loop-control."""

from __future__ import annotations

import ast

import pytest

from pykata.grading import same


def did_raise(kind, value, name):
    """Whether an outcome is an exception of class ``name`` (or a subclass)."""
    return kind == "raised" and value.is_a(name)


def outcome_text(kind, value):
    return f"raised {value}" if kind == "raised" else f"returned {value!r}"


def run(kata, lines, poisoned=False):
    return kata.probe("script", lines, poisoned=poisoned)


# ---------------------------------------------------------------------------------------------
# run_script


@pytest.mark.points(3)
def test_comments_blank_lines_and_noop_produce_nothing(kata):
    lines = ["# a comment", "", "   ", "noop", "  # indented comment", "say hi", "noop", "END"]
    seen = run(kata, lines)
    assert same(("returned", ["hi"]), (seen["kind"], seen["value"])), (
        f"run_script({lines!r}) should return ['hi'], but it "
        f"{outcome_text(seen['kind'], seen['value'])}"
    )


@pytest.mark.points(2)
def test_say_outputs_the_rest_of_its_line(kata):
    lines = ["say hello world\n", "say\n", "say  two spaces\n", "END\n"]
    seen = run(kata, lines)
    expected = ["hello world", "", " two spaces"]
    assert same(("returned", expected), (seen["kind"], seen["value"])), (
        f"run_script({lines!r}) should return {expected!r} (the line is stripped, then "
        f"everything after the first space is the text), but it "
        f"{outcome_text(seen['kind'], seen['value'])}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_no_line_after_end_is_read(kata):
    lines = ["say one", "END", "say never", "bogus command"]
    seen = run(kata, lines, poisoned=True)
    assert same(("returned", ["one"]), (seen["kind"], seen["value"])), (
        f"run_script({lines!r}) should stop at END and return ['one'], but it "
        f"{outcome_text(seen['kind'], seen['value'])}"
    )
    assert seen["pulled"] == 2, (
        f"run_script pulled {seen['pulled']} lines from the input iterator; it should stop after "
        "the 2nd, the END line. Loop over the lines directly instead of calling list() on them, "
        "and break at END"
    )


@pytest.mark.points(3)
@pytest.mark.parametrize(
    "lines", [["say hi", "noop"], [], ["# only a comment", ""]], ids=["no-end", "empty", "comments"]
)
@pytest.mark.hint(2)
def test_running_out_of_lines_raises_missing_end(kata, lines):
    seen = run(kata, lines)
    assert did_raise(seen["kind"], seen["value"], "MissingEnd"), (
        f"run_script({lines!r}) has no END line, so it should raise MissingEnd, but it "
        f"{outcome_text(seen['kind'], seen['value'])}"
    )
    assert seen["value"].is_a("Exception"), "MissingEnd should be an Exception subclass"


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_end_on_the_first_line_returns_an_empty_list(kata):
    seen = run(kata, ["END", "say late"], poisoned=True)
    assert same(("returned", []), (seen["kind"], seen["value"])), (
        f"run_script(['END', 'say late']) should return [], but it "
        f"{outcome_text(seen['kind'], seen['value'])}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_an_unknown_command_names_its_line_number(kata):
    lines = ["# setup", "", "say hi", "jump high", "END"]
    seen = run(kata, lines)
    assert did_raise(seen["kind"], seen["value"], "ValueError"), (
        f"run_script({lines!r}) should raise ValueError for 'jump', but it "
        f"{outcome_text(seen['kind'], seen['value'])}"
    )
    message = seen["value"].message
    assert "line 4" in message, (
        f"the ValueError should say 'line 4' (lines are counted from 1, skipped lines "
        f"included), its message was {message!r}"
    )
    assert "jump" in message, f"the ValueError should name the command 'jump', got {message!r}"


@pytest.mark.points(1)
@pytest.mark.parametrize("command", ["end", "Say hi", "noop!"])
def test_commands_are_case_sensitive_words(kata, command):
    seen = run(kata, [command, "END"])
    assert did_raise(seen["kind"], seen["value"], "ValueError"), (
        f"{command!r} is not a command, so run_script([{command!r}, 'END']) should raise "
        f"ValueError, but it {outcome_text(seen['kind'], seen['value'])}"
    )


# ---------------------------------------------------------------------------------------------
# find_in_grid

GRID = [[1, 2, 3], [4, 5, 6], [7, 5, 9], [5, 0, 0]]


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("target", "expected", "accesses"),
    [(5, (1, 1), [3, 2, 0, 0]), (1, (0, 0), [1, 0, 0, 0]), (9, (2, 2), [3, 3, 3, 0])],
)
@pytest.mark.hint(3)
def test_find_in_grid_stops_at_the_first_hit(kata, target, expected, accesses):
    seen = kata.probe("grid_search", GRID, target)
    assert same(("returned", expected), (seen["kind"], seen["value"])), (
        f"find_in_grid({GRID!r}, {target}) should return {expected} (first hit, row by row), "
        f"but it {outcome_text(seen['kind'], seen['value'])}"
    )
    later = seen["accesses"][expected[0] + 1 :]
    assert not any(later), (
        f"find_in_grid({GRID!r}, {target}) found {target} in row {expected[0]} but then read "
        f"cells of later rows (cells read per row: {seen['accesses']}). Leave both loops at the "
        "first hit: a break only leaves the inner one"
    )
    assert seen["accesses"] == accesses, (
        f"find_in_grid({GRID!r}, {target}) read {seen['accesses']} cells per row; it needs "
        f"only {accesses}, stopping at the first hit"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("grid", "target"),
    [([[1, 2], [3, 4]], 7), ([], 1), ([[], []], 0), ([[1], [], [2, 3, 4], [5]], 6)],
)
def test_find_in_grid_returns_none_when_absent(kata, grid, target):
    kind, value = kata.probe("grid_search_plain", grid, target)
    assert same(("returned", None), (kind, value)), (
        f"find_in_grid({grid!r}, {target}) should return None, but it {outcome_text(kind, value)}"
    )


@pytest.mark.points(1)
def test_find_in_grid_handles_ragged_rows(kata):
    grid = [[1], [], [2, 3, 4], [5]]
    kind, value = kata.probe("grid_search_plain", grid, 4)
    assert same(("returned", (2, 2)), (kind, value)), (
        f"find_in_grid({grid!r}, 4) should return (2, 2), but it {outcome_text(kind, value)}"
    )


# ---------------------------------------------------------------------------------------------
# primes_below


def reference_primes(n):
    return [p for p in range(2, n) if all(p % d for d in range(2, int(p**0.5) + 1))]


@pytest.mark.points(3)
@pytest.mark.parametrize("n", [30, 3, 100, 1000])
@pytest.mark.hint(2)
def test_primes_below_finds_every_prime(kata, n):
    kind, value = kata.probe("primes", n)
    expected = reference_primes(n)
    assert kind == "returned", f"primes_below({n}) raised {value}"
    if n <= 30:
        detail = f"should return {expected}, got {value!r}"
    else:
        got = set(value) if isinstance(value, list) else set()
        detail = (
            f"is wrong: it misses {sorted(set(expected) - got)[:5]} and wrongly includes "
            f"{sorted(got - set(expected))[:5]} (first five of each shown)"
        )
    assert same(expected, value), f"primes_below({n}) {detail}"


@pytest.mark.points(1)
@pytest.mark.parametrize("n", [2, 1, 0, -7])
def test_primes_below_two_is_empty(kata, n):
    kind, value = kata.probe("primes", n)
    assert same(("returned", []), (kind, value)), (
        f"there are no primes below {n}, so primes_below({n}) should return [], but it "
        f"{outcome_text(kind, value)}"
    )


# ---------------------------------------------------------------------------------------------
# read_until


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("values", "stop", "expected"),
    [
        (["a", "b", "quit"], "quit", ["a", "b"]),
        (["quit"], "quit", []),
        (["", "x", "", "."], ".", ["", "x", ""]),
    ],
)
@pytest.mark.hint(4)
def test_read_until_stops_at_the_stop_value(kata, values, stop, expected):
    seen = kata.probe("reading", values, stop)
    returning = ", ".join(map(repr, values))
    text = f"with source() returning {returning} in turn, read_until(source, {stop!r})"
    assert seen["kind"] == "returned", f"{text} raised {seen['type']}: {seen['message']}"
    assert same(expected, seen["value"]), (
        f"{text} should return {expected!r} (without the stop value), got {seen['value']!r}"
    )
    assert seen["calls"] == len(values), (
        f"{text} called source() {seen['calls']} times; it should call it {len(values)} times, "
        "stopping right after the stop value"
    )


@pytest.mark.points(2)
def test_read_until_lets_errors_from_the_source_propagate(kata):
    seen = kata.probe("reading", ["a", "b", "c", "stop"], "stop", fail_at=3)
    assert (seen["kind"], seen["type"]) == ("raised", "LookupError"), (
        "when the 3rd call of source() raises LookupError, read_until should let it propagate; "
        + (
            f"it returned {seen['value']!r}"
            if seen["kind"] == "returned"
            else f"the caller saw {seen['type']}: {seen['message']}"
        )
    )
    assert seen["same_object"], "the source's exception should propagate as the very same object"
    assert seen["calls"] == 3, f"read_until called source() {seen['calls']} times, expected 3"


# ---------------------------------------------------------------------------------------------
# How it is written


def function(tree, name):
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return node
    return None


def loop_else_raises(node, name):
    for loop in ast.walk(node):
        if isinstance(loop, (ast.For, ast.While)) and loop.orelse:
            for inner in ast.walk(ast.Module(body=loop.orelse, type_ignores=[])):
                if isinstance(inner, ast.Raise) and name in ast.unparse(inner):
                    return True
    return False


def has_for_else(node):
    return any(isinstance(n, ast.For) and n.orelse for n in ast.walk(node))


def has_while_true(node):
    return any(
        isinstance(n, ast.While) and isinstance(n.test, ast.Constant) and n.test.value is True
        for n in ast.walk(node)
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_the_loops_use_else_clauses_and_while_true(kata):
    """Uses the loop constructs the task asks for: for-else, while True."""
    kind, value = kata.probe("primes", 10)
    assert kind == "returned", f"primes_below(10) {outcome_text(kind, value)}"
    tree = kata.syntax_tree()
    problems = []
    script = function(tree, "run_script")
    if script is None or not loop_else_raises(script, "MissingEnd"):
        problems.append("run_script should raise MissingEnd from the else clause of its loop")
    primes = function(tree, "primes_below")
    if primes is None or not has_for_else(primes):
        problems.append("primes_below should use a for loop with an else clause")
    reader = function(tree, "read_until")
    if reader is None or not has_while_true(reader):
        problems.append("read_until should be written as a `while True:` loop")
    assert not problems, "; ".join(problems) + " (this kata is about those constructs)"
