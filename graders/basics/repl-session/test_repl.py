"""Graders for basics/repl-session."""

from __future__ import annotations

import pytest

from pykata.grading import same


def shown(snippet):
    """A snippet as the learner would type it, newlines visible."""
    return repr(snippet)


def run_alone(kata, snippet, names=()):
    """Run one snippet in a fresh session; return (kind, value) and the rest of the report."""
    seen = kata.probe("session", [snippet], names)
    return seen["outcomes"][0], seen


def returned(kata, snippet):
    (kind, value), _ = run_alone(kata, snippet)
    assert kind == "returned", f"run({shown(snippet)}) raised {value}"
    return value


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("snippet", "expected"),
    [("1 + 2", 3), ("x = 5", None), ("y = 2\ny * 21", 42)],
)
@pytest.mark.hint(1)
def test_a_final_expression_gives_its_value(kata, snippet, expected):
    value = returned(kata, snippet)
    assert same(expected, value), f"run({shown(snippet)}) should return {expected!r}, got {value!r}"


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_a_final_expression_may_span_several_lines(kata):
    snippet = "(1 +\n 2)"
    value = returned(kata, snippet)
    assert same(3, value), (
        f"run({shown(snippet)}) should return 3: the final statement is one expression written "
        f"over two lines; got {value!r}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_only_a_top_level_final_expression_counts(kata):
    snippet = "if True:\n    5"
    value = returned(kata, snippet)
    assert value is None, (
        f"run({shown(snippet)}) should return None: the final statement is an `if`, not a bare "
        f"expression, even though its last line is one; got {value!r}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_side_effects_happen_once(kata):
    seen = kata.probe("side_effects")
    kind, value = seen["statement"]
    assert kind == "returned", f"run('log.append(1)\\nlen(log)') raised {value}"
    assert same([1], seen["after_statement"]), (
        f"after run('log.append(1)\\nlen(log)') the list is {seen['after_statement']!r}, "
        "expected [1]: each statement of a snippet must run exactly once"
    )
    assert same(1, value), f"run('log.append(1)\\nlen(log)') should return 1, got {value!r}"
    kind, value = seen["expression"]
    assert kind == "returned", f"run('log.append(2)') raised {value}"
    assert same([1, 2], seen["after_expression"]), (
        f"after run('log.append(2)') the list is {seen['after_expression']!r}, expected [1, 2]: "
        "a final expression must be evaluated once, not run as a statement and evaluated again"
    )


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_every_rebinding_within_a_snippet_is_recorded(kata):
    snippet = "v = 1\nv = 'a'\nv = [v]"
    _, seen = run_alone(kata, snippet, ["v"])
    history = seen["history"]["v"]
    assert same(["int", "str", "list"], history), (
        f"after run({shown(snippet)}), type_history('v') should be ['int', 'str', 'list'] "
        f"(one entry per binding, as it happens), got {history!r}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_history_accumulates_across_snippets(kata):
    snippets = ["n = 1", "n = 'one'", "n = 1.0"]
    seen = kata.probe("session", snippets, ["n"])
    history = seen["history"]["n"]
    assert same(["int", "str", "float"], history), (
        "after run('n = 1'), run(\"n = 'one'\") and run('n = 1.0'), type_history('n') should be "
        f"['int', 'str', 'float'], got {history!r}"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("snippet", "name", "expected"),
    [
        ("for i in range(3):\n    pass", "i", ["int", "int", "int"]),
        ("import math", "math", ["module"]),
        ("def f():\n    return 1", "f", ["function"]),
        ("class C:\n    pass", "C", ["type"]),
    ],
)
@pytest.mark.hint(3)
def test_for_import_def_and_class_bind_names_too(kata, snippet, name, expected):
    (kind, value), seen = run_alone(kata, snippet, [name])
    assert kind == "returned", f"run({shown(snippet)}) raised {value}"
    history = seen["history"][name]
    assert same(expected, history), (
        f"after run({shown(snippet)}), type_history({name!r}) should be {expected!r}, "
        f"got {history!r}"
    )


@pytest.mark.points(1)
def test_a_name_never_bound_has_an_empty_history(kata):
    _, seen = run_alone(kata, "x = 1", ["nothing_here"])
    history = seen["history"]["nothing_here"]
    assert same([], history), f"type_history('nothing_here') should be [], got {history!r}"


@pytest.mark.points(1)
def test_type_history_returns_a_new_list(kata):
    seen = kata.probe("returned_history_is_a_copy")
    assert seen["first_type"] == "list", (
        f"type_history should return a list, got a {seen['first_type']}"
    )
    assert same(["int"], seen["again"]), (
        "changing the list type_history('v') returned changed the session's record: "
        f"type_history('v') is now {seen['again']!r}; return a new list each time"
    )


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_a_function_sees_names_bound_by_later_snippets(kata):
    snippets = ["def f():\n    return z", "z = 3", "f()"]
    seen = kata.probe("session", snippets)
    kind, value = seen["outcomes"][2]
    assert kind == "returned", (
        f"after run('def f():\\n    return z') and run('z = 3'), run('f()') raised {value}; "
        "functions defined in the session must use the session's names as their globals"
    )
    assert same(3, value), f"run('f()') should return 3, got {value!r}"


@pytest.mark.points(2)
def test_an_exception_propagates_and_the_session_keeps_working(kata):
    snippets = ["a = 1\nb = 1 / 0\nc = 3", "a + 1"]
    seen = kata.probe("session", snippets, bound=True)
    kind, value = seen["outcomes"][0]
    assert kind == "raised", (
        f"run({shown(snippets[0])}) should raise ZeroDivisionError, but it returned {value!r}"
    )
    assert value.is_a("ZeroDivisionError"), (
        f"run({shown(snippets[0])}) should raise ZeroDivisionError, not {value}"
    )
    assert "a" in seen["bound"], "`a = 1` ran before the error, so `a` should stay bound"
    for name in ("b", "c"):
        assert name not in seen["bound"], (
            f"`{name}` was never bound, so the namespace should not hold it; "
            f"it holds {seen['bound']}"
        )
    kind, value = seen["outcomes"][1]
    assert kind == "returned", f"after the error, run('a + 1') should still work; it raised {value}"
    assert same(2, value), f"after the error, run('a + 1') should return 2, got {value!r}"


@pytest.mark.points(2)
@pytest.mark.parametrize(
    "snippet", ["a = 1\na +=", "a = 1\nreturn a"], ids=["incomplete", "return-outside-function"]
)
@pytest.mark.hint(2)
def test_a_syntax_error_stops_the_snippet_before_it_runs(kata, snippet):
    seen = kata.probe("session", [snippet], bound=True)
    kind, value = seen["outcomes"][0]
    assert kind == "raised", f"run({shown(snippet)}) should raise SyntaxError, got {value!r}"
    assert value.is_a("SyntaxError"), f"run({shown(snippet)}) should raise SyntaxError, not {value}"
    assert "a" not in seen["bound"], (
        f"run({shown(snippet)}) bound `a`: the whole snippet must be compiled before any of it "
        "runs, so a syntax error anywhere means nothing runs"
    )


@pytest.mark.points(2)
def test_namespace_hides_builtins_and_is_read_only(kata):
    seen = kata.probe("namespace_view")
    assert seen["x"] == 5, f"after run('x = 5'), namespace['x'] should be 5, got {seen['x']!r}"
    assert not seen["has_builtins"], "namespace should not show '__builtins__'"
    kind, error = seen["write"]
    assert kind == "raised", (
        "namespace['x'] = 99 should raise TypeError: the namespace is read-only"
    )
    assert error.is_a("TypeError"), f"namespace['x'] = 99 should raise TypeError, not {error}"
    assert seen["x_after"] == 5, "writing into namespace changed the session's `x`"


@pytest.mark.points(1)
@pytest.mark.parametrize("snippet", ["", "   \n", "# just a comment\n"])
def test_empty_and_comment_only_snippets_return_none(kata, snippet):
    value = returned(kata, snippet)
    assert value is None, f"run({shown(snippet)}) should return None, got {value!r}"
