"""Graders for basics/pattern-matching."""

from __future__ import annotations

import ast

import pytest

from pykata.grading import same


def data(value):
    return ("data", value)


def point(x, y):
    return ("point", x, y)


def shown(message):
    tag, *rest = message
    if tag == "point":
        return f"Point({rest[0]}, {rest[1]})"
    if tag == "ordered":
        return f"OrderedDict({rest[0]!r})"
    return repr(rest[0])


def check_replies(kata, cases):
    """Send every message of ``cases`` (message, expected reply) and compare the replies."""
    messages = [message for message, _ in cases]
    seen = kata.probe("replies", messages)
    for (message, expected), (kind, got) in zip(cases, seen, strict=True):
        assert kind == "returned", f"dispatch({shown(message)}) raised {got}"
        assert same(expected, got), (
            f"dispatch({shown(message)}) should return {expected!r}, got {got!r}"
        )


def unknown(value):
    return f"unknown message {value!r}"


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_literal_and_alternative_commands(kata):
    check_replies(
        kata,
        [
            (data("stop"), "stopping"),
            (data("halt"), "pausing"),
            (data("pause"), "pausing"),
            (data("STOP"), unknown("STOP")),
        ],
    )


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_sequence_patterns_for_move_and_say(kata):
    check_replies(
        kata,
        [
            (data(["move", 1, -2]), "moving by 1, -2"),
            (data(["say", "hello", "world"]), "saying 'hello world'"),
            (data(["say", "hi"]), "saying 'hi'"),
            (data(["move", 1]), unknown(["move", 1])),
            (data(["move", 1, 2, 3]), unknown(["move", 1, 2, 3])),
            (data(["jump", 1, 2]), unknown(["jump", 1, 2])),
        ],
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_say_with_no_words_gets_the_empty_reply(kata):
    check_replies(kata, [(data(["say"]), "saying ''"), (data(("say",)), "saying ''")])


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_tuples_match_like_lists(kata):
    check_replies(
        kata,
        [
            (data(("move", 3, 4)), "moving by 3, 4"),
            (data(("say", "a", "b")), "saying 'a b'"),
        ],
    )


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_strings_are_never_matched_as_sequences(kata):
    """strings are never matched as sequences, even when they look like commands"""
    check_replies(
        kata,
        [
            (data("move"), unknown("move")),
            (data("move 1 2"), unknown("move 1 2")),
            (data("say hello"), unknown("say hello")),
            (data("say"), unknown("say")),
            (data(b"stop"), unknown(b"stop")),
        ],
    )


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_the_mapping_pattern_for_rotate(kata):
    check_replies(
        kata,
        [
            (data({"op": "rotate", "deg": 90}), "rotating 90 degrees"),
            (data({"op": "rotate", "deg": -45, "speed": "slow"}), "rotating -45 degrees"),
            (("ordered", [("deg", 180), ("op", "rotate")]), "rotating 180 degrees"),
        ],
    )


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_rotate_without_an_int_angle_falls_through_to_the_wildcard(kata):
    """rotate without an int angle falls through to the wildcard"""
    check_replies(
        kata,
        [
            (data({"op": "rotate"}), unknown({"op": "rotate"})),
            (data({"op": "rotate", "deg": "90"}), unknown({"op": "rotate", "deg": "90"})),
            (data({"op": "rotate", "deg": 90.0}), unknown({"op": "rotate", "deg": 90.0})),
            (data({"op": "spin", "deg": 90}), unknown({"op": "spin", "deg": 90})),
        ],
    )


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_class_patterns_on_point(kata):
    check_replies(
        kata,
        [
            (point(0, 0), "at origin"),
            (point(0, 5), "on y axis at 5"),
            (point(7, 0), "on x axis at 7"),
            (point(3, 4), "point at (3, 4)"),
        ],
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_the_guard_and_the_order_of_the_point_cases(kata):
    check_replies(
        kata,
        [
            (point(2, 2), "diagonal at 2"),
            (point(-3, -3), "diagonal at -3"),
            (point(0, 0), "at origin"),
            (point(0, 5), "on y axis at 5"),
        ],
    )


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_anything_else_gets_the_wildcard_reply(kata):
    check_replies(
        kata,
        [
            (data(None), unknown(None)),
            (data(42), unknown(42)),
            (data([]), unknown([])),
            (data({}), unknown({})),
        ],
    )


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_kind_names_the_built_in_types(kata):
    values = [True, False, 0, 7, "", "text", [], [1], {}, {"a": 1}, 2.5, None, (1,)]
    expected = ["bool", "bool", "int", "int", "str", "str", "list", "list", "dict", "dict"]
    expected += ["other", "other", "other"]
    seen = kata.probe("kinds", values)
    for value, want, (kind, got) in zip(values, expected, seen, strict=True):
        assert kind == "returned", f"kind({value!r}) raised {got}"
        why = (
            " (case bool() must come before case int(): True is an int too)"
            if want == "bool"
            else ""
        )
        assert same(want, got), f"kind({value!r}) should return {want!r}{why}, got {got!r}"


@pytest.mark.points(1)
def test_kind_follows_inheritance_like_isinstance(kata):
    """kind follows inheritance, like isinstance"""
    seen = kata.probe("kind_of_subclasses")
    shown_values = ["Celsius(20), an int subclass", "Registry(a=1), a dict subclass", "2.5", "None"]
    for text, want, (kind, got) in zip(
        shown_values, ["int", "dict", "other", "other"], seen, strict=True
    ):
        assert kind == "returned", f"kind({text}) raised {got}"
        assert same(want, got), f"kind({text}) should return {want!r}, got {got!r}"


def function_named(tree, name):
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    return None


@pytest.mark.points(2)
@pytest.mark.parametrize("name", ["dispatch", "kind"])
@pytest.mark.hint(1)
def test_written_with_a_match_statement(kata, name):
    function = function_named(kata.syntax_tree(), name)
    assert function is not None, f"robot.py should define {name}() at the top level"
    assert any(isinstance(node, ast.Match) for node in ast.walk(function)), (
        f"{name}() should be written with a `match` statement: that is what this kata practises"
    )
