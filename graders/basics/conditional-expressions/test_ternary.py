"""Graders for basics/conditional-expressions."""

from __future__ import annotations

import ast
import math

import pytest

from pykata.grading import same

FUNCTIONS = ("sign", "plural", "fizzbuzz", "safe_ratio", "clamp", "pick")


def call_text(name, args):
    return f"{name}({', '.join(map(repr, args))})"


def check(kata, name, args, expected, why=""):
    result = kata.call(name, *args)
    assert same(expected, result), (
        f"{call_text(name, args)} should return {expected!r}, got {result!r}{why}"
    )


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("x", "expected"),
    [(-3, -1), (0, 0), (2.5, 1), (-0.0, 0), (10**100, 1), (-1e-300, -1), (math.inf, 1)],
)
@pytest.mark.hint(2)
def test_sign(kata, x, expected):
    check(kata, "sign", (x,), expected)


@pytest.mark.points(1)
@pytest.mark.hint(2)
def test_sign_of_nan_is_zero(kata):
    check(
        kata,
        "sign",
        (math.nan,),
        0,
        ": NaN is neither above nor below zero (every comparison with it is false)",
    )


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((1, "cat"), "cat"),
        ((2, "cat"), "cats"),
        ((0, "cat"), "cats"),
        ((0, "mouse", "mice"), "mice"),
        ((1, "mouse", "mice"), "mouse"),
        ((7, "sheep", "sheep"), "sheep"),
        ((3, "x", ""), ""),
    ],
)
@pytest.mark.hint(1)
def test_plural(kata, args, expected):
    why = " (an empty plural_form was given, so it is used)" if args[-1] == "" else ""
    check(kata, "plural", args, expected, why)


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (15, "FizzBuzz"),
        (9, "Fizz"),
        (10, "Buzz"),
        (7, 7),
        (30, "FizzBuzz"),
        (0, "FizzBuzz"),
        (1, 1),
    ],
)
@pytest.mark.hint(2)
def test_fizzbuzz(kata, n, expected):
    why = ": test the case divisible by both first" if n in (15, 30, 0) else ""
    why = why or (": return the number itself, an int" if isinstance(expected, int) else "")
    check(kata, "fizzbuzz", (n,), expected, why)


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((1, 4), 0.25),
        ((1, 0), 0.0),
        ((3, 0.0, None), None),
        ((-6, 3), -2.0),
        ((5, 0, "n/a"), "n/a"),
    ],
)
@pytest.mark.hint(3)
def test_safe_ratio(kata, args, expected):
    check(kata, "safe_ratio", args, expected)


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_safe_ratio_never_divides_by_zero(kata):
    seen = kata.probe("ratio_divisions", 1, 0)
    assert seen["kind"] == "returned", (
        f"safe_ratio(1, 0) raised {seen['value']}: only the chosen branch of a conditional "
        "expression runs, so a / b should never be evaluated when b is 0. (A tuple lookup such "
        "as (a / b, default)[b == 0] evaluates both)"
    )
    assert seen["divisions"] == 0, (
        f"safe_ratio(1, 0) divided {seen['divisions']} times; it should not divide at all"
    )
    seen = kata.probe("ratio_divisions", 3, 4)
    assert (seen["kind"], seen["divisions"]) == ("returned", 1), (
        f"safe_ratio(3, 4) should divide exactly once; it divided {seen['divisions']} times"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((-5, 0, 10), 0),
        ((5, 0, 10), 5),
        ((15, 0, 10), 10),
        ((0, 0, 10), 0),
        ((10, 0, 10), 10),
        ((2.5, 1.0, 2.0), 2.0),
        ((-0.5, -1.0, 1.0), -0.5),
        (("m", "b", "k"), "k"),
    ],
)
@pytest.mark.hint(1)
def test_clamp(kata, args, expected):
    check(kata, "clamp", args, expected)


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((True, 0, 5), 0),
        ((True, "", "x"), ""),
        ((False, 1, 2), 2),
        (([], "a", "b"), "b"),
        (([0], None, "b"), None),
        ((1, False, True), False),
    ],
)
@pytest.mark.hint(4)
def test_pick(kata, args, expected):
    why = ""
    if args[0] and not args[1]:
        why = (
            ": the condition is true, so a is returned even though it is falsy "
            "(`cond and a or b` gets this wrong)"
        )
    check(kata, "pick", args, expected, why)


@pytest.mark.points(1)
def test_pick_and_clamp_return_the_objects_they_were_given(kata):
    seen = kata.probe("identity_kept")
    assert (seen["pick_a"], seen["pick_b"]) == (True, True), (
        "pick should return the very object a or b, not a copy"
    )
    assert seen["clamp_x"], "clamp should return x itself when it is inside the range"


# ---------------------------------------------------------------------------------------------
# How it is written


def body_without_docstring(function):
    body = function.body
    first = body[0]
    is_constant = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
    if is_constant and isinstance(first.value.value, str):
        body = body[1:]
    return body


def shape_problems(tree):
    problems = []
    functions = {
        node.name: node
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
    for name in FUNCTIONS:
        function = functions.get(name)
        if function is None:
            problems.append(f"{name} is not defined at the top level")
            continue
        body = body_without_docstring(function)
        single = len(body) == 1 and isinstance(body[0], ast.Return)
        if not (single and isinstance(body[0].value, ast.IfExp)):
            problems.append(f"{name}'s body should be a single `return ... if ... else ...`")
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            problems.append(f"an if statement on line {node.lineno}")
        elif isinstance(node, ast.BoolOp):
            word = "and" if isinstance(node.op, ast.And) else "or"
            problems.append(f"`{word}` on line {node.lineno}")
    return problems


@pytest.mark.points(4)
@pytest.mark.hint(1)
def test_every_function_is_one_conditional_expression(kata):
    """Every function body is one `return a if cond else b`, with no if, and, or."""
    problems = shape_problems(kata.syntax_tree())
    assert not problems, (
        "this kata is about conditional expressions: each function should be a single "
        "`return ... if ... else ...` (nesting allowed), without if statements, `and` or `or`. "
        f"Found: {'; '.join(problems[:6])}"
    )
