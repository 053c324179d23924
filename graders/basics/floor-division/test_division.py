"""Graders for basics/floor-division."""

from __future__ import annotations

import ast

import pytest
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

from pykata.grading import same


def did_raise(kind, value, name):
    """Whether an outcome is an exception of class ``name`` (or a subclass)."""
    return kind == "raised" and value.is_a(name)


# ---------------------------------------------------------------------------------------------
# Reference answers, computed here with exact integer arithmetic


def floor_ref(a, b):
    return divmod(a, b)


def trunc_ref(a, b):
    q = abs(a) // abs(b)
    if (a < 0) != (b < 0):
        q = -q
    return q, a - q * b


def ceil_ref(a, b):
    return -(-a // b)


REFERENCE = {"floor_divmod": floor_ref, "trunc_divmod": trunc_ref, "ceil_div": ceil_ref}


def result_text(result):
    kind, value = result
    return f"raised {value}" if kind == "raised" else f"returned {value!r}"


def check(kata, name, a, b):
    """Call name(a, b) and compare with the reference; return (ok, message)."""
    result = kata.probe("attempt", name, a, b)
    expected = REFERENCE[name](a, b)
    ok = same(("returned", expected), result)
    return ok, f"{name}({a}, {b}) should return {expected!r}, but it {result_text(result)}"


# ---------------------------------------------------------------------------------------------
# The three divisions on small numbers


@pytest.mark.points(2)
@pytest.mark.parametrize(("a", "b"), [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3), (0, 5)])
@pytest.mark.hint(1)
def test_floor_divmod_matches_divmod(kata, a, b):
    ok, message = check(kata, "floor_divmod", a, b)
    assert ok, message


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [(-7, 2, (-3, -1)), (7, -2, (-3, 1)), (-7, -2, (3, -1)), (7, 2, (3, 1)), (-6, 3, (-2, 0))],
)
@pytest.mark.hint(2)
def test_trunc_divmod_rounds_toward_zero(kata, a, b, expected):
    result = kata.probe("attempt", "trunc_divmod", a, b)
    hint = ""
    if result == ("returned", divmod(a, b)) and divmod(a, b) != expected:
        hint = ": that is divmod's answer, which rounds down instead of toward zero"
    assert same(("returned", expected), result), (
        f"trunc_divmod({a}, {b}) should return {expected!r}, but it {result_text(result)}{hint}"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [(7, 2, 4), (6, 2, 3), (-7, 2, -3), (7, -2, -3), (-7, -2, 4), (0, 3, 0), (1, 1, 1)],
)
@pytest.mark.hint(3)
def test_ceil_div_rounds_up(kata, a, b, expected):
    result = kata.probe("attempt", "ceil_div", a, b)
    assert same(("returned", expected), result), (
        f"ceil_div({a}, {b}) should return {expected}, but it {result_text(result)}"
    )


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("name", "a", "b"),
    [
        ("ceil_div", 10**30 + 1, 10**15),
        ("ceil_div", -(10**30) - 1, 10**15),
        ("ceil_div", 2**53 + 1, 1),
        ("trunc_divmod", -(10**30) - 7, 10**15),
        ("trunc_divmod", 2**64 + 1, -3),
        ("floor_divmod", -(10**40) - 3, 7),
    ],
)
@pytest.mark.hint(3)
def test_huge_numbers_are_exact(kata, name, a, b):
    ok, message = check(kata, name, a, b)
    assert ok, (
        f"{message}. A float holds only 53 bits, so a / b rounds numbers this large: "
        "stay with // and %"
    )


# ---------------------------------------------------------------------------------------------
# The laws, on generated numbers


def as_pairs(numbers):
    """Pair up a flat list of ints as (a, b), skipping zero divisors (a flat list is cheap to
    generate, so more cases fit in the time budget)."""
    return [(a, b) for a, b in zip(numbers[::2], numbers[1::2], strict=False) if b != 0]


def first_broken_law(a, b, seen):
    """Describe the first law that (a, b)'s results break, or None."""
    for name in ("floor_divmod", "trunc_divmod"):
        kind, value = seen[name]
        if kind == "raised":
            return f"{name}({a}, {b}) raised {value}"
        if not (type(value) is tuple and len(value) == 2 and all(type(v) is int for v in value)):
            return f"{name}({a}, {b}) should return a tuple of two ints, got {value!r}"
        q, r = value
        if q * b + r != a:
            return f"{name}({a}, {b}) returned ({q}, {r}), but q*b + r = {q * b + r}, not {a}"
        if not abs(r) < abs(b):
            return (
                f"{name}({a}, {b}) returned the remainder {r}, which is not smaller than {b} "
                "in size"
            )
        sign_of = b if name == "floor_divmod" else a
        if r != 0 and (r < 0) != (sign_of < 0):
            who = "the divisor b" if name == "floor_divmod" else "the dividend a"
            return f"{name}({a}, {b}) returned the remainder {r}: it should have the sign of {who}"
    kind, value = seen["ceil_div"]
    expected = ceil_ref(a, b)
    if not same(("returned", expected), (kind, value)):
        return f"ceil_div({a}, {b}) should return {expected}, but it {result_text((kind, value))}"
    return None


@pytest.mark.points(3)
@settings(max_examples=30, phases=(Phase.explicit, Phase.generate))
@given(numbers=st.lists(st.integers(), min_size=2, max_size=80))
@example(numbers=[-1, 3, 1, -3, -(2**70) + 5, 2**35, 3**50, -(7**20)])
@pytest.mark.hint(2)
def test_quotient_and_remainder_laws_hold_for_any_ints(kata, numbers):
    """q*b + r == a for both divmods; each remainder has the right sign and is smaller than b."""
    cases = as_pairs(numbers)
    results = kata.probe("divisions", cases)
    for (a, b), seen in zip(cases, results, strict=True):
        problem = first_broken_law(a, b, seen)
        assert problem is None, problem


# ---------------------------------------------------------------------------------------------
# Errors


@pytest.mark.points(2)
@pytest.mark.parametrize("name", ["floor_divmod", "trunc_divmod", "ceil_div"])
def test_a_zero_divisor_raises_zero_division_error(kata, name):
    result = kata.probe("attempt", name, 7, 0)
    assert did_raise(*result, "ZeroDivisionError"), (
        f"{name}(7, 0) should raise ZeroDivisionError, but it {result_text(result)}"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("floor_divmod", (7.0, 2)),
        ("floor_divmod", (7, True)),
        ("trunc_divmod", (7, 2.0)),
        ("trunc_divmod", (True, 1)),
        ("ceil_div", (7.5, 2)),
        ("ceil_div", (7, True)),
        ("split_evenly", (10.0, 3)),
        ("split_evenly", (10, True)),
        ("floor_divmod", (1.0, 0)),
    ],
)
@pytest.mark.hint(1)
def test_floats_and_bools_raise_type_error(kata, name, args):
    result = kata.probe("attempt", name, *args)
    call = f"{name}({', '.join(map(repr, args))})"
    why = " (bool is a subclass of int, but True is not a number to divide)" if True in args else ""
    assert did_raise(*result, "TypeError"), (
        f"{call} should raise TypeError{why}, but it {result_text(result)}"
    )


# ---------------------------------------------------------------------------------------------
# split_evenly


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("total", "parts", "expected"),
    [
        (10, 3, [4, 3, 3]),
        (2, 5, [1, 1, 0, 0, 0]),
        (9, 3, [3, 3, 3]),
        (0, 2, [0, 0]),
        (11, 4, [3, 3, 3, 2]),
        (7, 1, [7]),
    ],
)
@pytest.mark.hint(4)
def test_split_evenly_gives_the_remainder_to_the_first_buckets(kata, total, parts, expected):
    result = kata.probe("attempt", "split_evenly", total, parts)
    assert same(("returned", expected), result), (
        f"split_evenly({total}, {parts}) should return {expected}, but it {result_text(result)}"
    )


def split_problem(total, parts, result):
    kind, buckets = result
    if kind == "raised":
        return f"split_evenly({total}, {parts}) raised {buckets}"
    if not (type(buckets) is list and len(buckets) == parts):
        return (
            f"split_evenly({total}, {parts}) should return a list of {parts} ints, got {buckets!r}"
        )
    if sum(buckets) != total:
        return (
            f"split_evenly({total}, {parts}) returned buckets that add up to {sum(buckets)}, "
            f"not {total}"
        )
    if max(buckets) - min(buckets) > 1:
        return (
            f"split_evenly({total}, {parts}) returned buckets from {min(buckets)} to "
            f"{max(buckets)}: they should differ by at most one"
        )
    return None


@pytest.mark.points(1)
@settings(max_examples=20, phases=(Phase.explicit, Phase.generate))
@given(
    cases=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 60)), min_size=1, max_size=20)
)
@pytest.mark.hint(4)
def test_split_evenly_always_adds_up(kata, cases):
    results = kata.probe("splits", cases)
    for (total, parts), result in zip(cases, results, strict=True):
        problem = split_problem(total, parts, result)
        assert problem is None, problem


@pytest.mark.points(1)
@pytest.mark.parametrize(("total", "parts"), [(10, 0), (10, -2), (-1, 3), (0, 0)])
def test_split_evenly_rejects_impossible_splits(kata, total, parts):
    result = kata.probe("attempt", "split_evenly", total, parts)
    assert did_raise(*result, "ValueError"), (
        f"split_evenly({total}, {parts}) should raise ValueError, but it {result_text(result)}"
    )


# ---------------------------------------------------------------------------------------------
# How it is written

FORBIDDEN_MODULES = {"math", "fractions", "decimal"}
FORBIDDEN_NAMES = {"float", "truediv", "__truediv__", "__rtruediv__"}


def shortcuts(tree):
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", "?")
        if isinstance(node, ast.Div):
            found.append("the true-division operator /")
        elif isinstance(node, ast.Import):
            found += [
                f"import {a.name} (line {line})"
                for a in node.names
                if a.name.split(".")[0] in FORBIDDEN_MODULES
            ]
        elif (
            isinstance(node, ast.ImportFrom)
            and (node.module or "").split(".")[0] in FORBIDDEN_MODULES
        ):
            found.append(f"from {node.module} import ... (line {line})")
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            found.append(f"{node.id} (line {line})")
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_NAMES:
            found.append(f".{node.attr} (line {line})")
    return found


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_uses_integer_operators_only(kata):
    """Uses integer operators only: no /, no float, no math."""
    result = kata.probe("attempt", "ceil_div", 7, 2)
    assert result == ("returned", 4), (
        f"ceil_div(7, 2) should return 4, but it {result_text(result)}"
    )
    found = shortcuts(kata.syntax_tree())
    assert not found, (
        f"{kata.module} uses {', '.join(sorted(set(found)))}: this kata is about integer "
        "division, so use //, % and divmod only (no /, float, math, fractions or decimal)"
    )
