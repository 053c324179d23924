"""Graders for basics/safe-cast."""

from __future__ import annotations

import math

import pytest

from pykata.grading import same

SPECIAL = ("range(3)", "a generator of 1, 2", "object()")


def call_text(value, target):
    shown = value if value in SPECIAL else repr(value)
    target = target.split(" (")[0]  # "'int' (a string)" is written 'int'
    return f"convert({shown}, {target})"


def run(kata, cases):
    """Convert every (value, target) of `cases` in one probe call; return their outcomes."""
    payload = [(value, target, value in SPECIAL) for value, target in cases]
    return kata.probe("converted", payload)


def expect_values(kata, cases):
    """`cases` lists (value, target name, expected result) triples."""
    pairs = [(value, target) for value, target, _ in cases]
    for (value, target, expected), (kind, got) in zip(cases, run(kata, pairs), strict=True):
        call = call_text(value, target)
        assert kind == "returned", f"{call} should return {expected!r}, but it raised {got}"
        assert same(expected, got), f"{call} should return {expected!r}, got {got!r}"


def expect_conversion_errors(kata, pairs, why=""):
    for (value, target), (kind, got) in zip(pairs, run(kata, pairs), strict=True):
        call = call_text(value, target)
        assert kind == "raised", (
            f"{call} should raise ConversionError{why}, but it returned {got!r}"
        )
        assert got.is_a("ConversionError"), f"{call} should raise ConversionError{why}, not {got}"


# ---------------------------------------------------------------------------------------------
# bool


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_words_for_true_and_false_are_read_case_insensitively(kata):
    expect_values(
        kata,
        [
            ("False", "bool", False),
            ("true", "bool", True),
            ("YES", "bool", True),
            (" off ", "bool", False),
            ("On", "bool", True),
            ("no", "bool", False),
            ("1", "bool", True),
            ("0", "bool", False),
        ],
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_other_strings_are_not_booleans(kata):
    expect_conversion_errors(
        kata,
        [("maybe", "bool"), ("", "bool"), ("2", "bool"), ("truthy", "bool")],
        " (a non-empty string is truthy, but that is not what it says)",
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_a_conversion_error_is_a_value_error_that_keeps_the_details(kata):
    seen = kata.probe("conversion_error", "maybe", "bool")
    assert "type" in seen, (
        f"convert('maybe', bool) should raise, but it returned {seen['returned'][1]!r}"
    )
    assert seen["is_conversion_error"], (
        f"convert('maybe', bool) should raise ConversionError, not {seen['type']}"
    )
    assert seen["is_value_error"], "ConversionError should be a subclass of ValueError"
    assert seen["has_value"], "the ConversionError should have a `value` attribute"
    assert seen["value_is_input"], "the ConversionError's `value` should be the input, 'maybe'"
    assert seen["has_target"], "the ConversionError should have a `target` attribute"
    assert seen["target_is_target"], "the ConversionError's `target` should be the type bool"


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_only_zero_and_one_are_boolean_numbers(kata):
    expect_values(
        kata, [(0, "bool", False), (1, "bool", True), (True, "bool", True), (1.0, "bool", True)]
    )
    expect_conversion_errors(kata, [(2, "bool"), (-1, "bool"), (0.5, "bool")])


@pytest.mark.points(1)
@pytest.mark.hint(2)
def test_containers_and_none_are_not_booleans(kata):
    expect_conversion_errors(
        kata, [([], "bool"), ([0], "bool"), (None, "bool")], " (that would rely on truthiness)"
    )


# ---------------------------------------------------------------------------------------------
# int and float


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_only_whole_floats_become_ints(kata):
    expect_values(kata, [(3.0, "int", 3), (-2.0, "int", -2), (1e20, "int", 100000000000000000000)])
    expect_conversion_errors(kata, [(3.5, "int"), (-0.1, "int")], " (int() would truncate it)")


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_infinity_and_nan_raise_conversion_error(kata):
    expect_conversion_errors(
        kata,
        [(math.inf, "int"), (-math.inf, "int"), (math.nan, "int")],
        " (int() itself would raise OverflowError or ValueError here)",
    )


@pytest.mark.points(1)
def test_bools_become_plain_ints(kata):
    expect_values(kata, [(True, "int", 1), (False, "int", 0), (7, "int", 7)])


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_integer_text_may_have_a_sign_spaces_and_underscores(kata):
    expect_values(kata, [(" 1_000\n", "int", 1000), ("-42", "int", -42), ("+7", "int", 7)])
    expect_conversion_errors(kata, [("4.0", "int"), ("1e3", "int"), ("", "int"), ("seven", "int")])


@pytest.mark.points(1)
@pytest.mark.hint(4)
def test_number_text_becomes_a_float(kata):
    expect_values(
        kata, [("4.0", "float", 4.0), (" 1e3 ", "float", 1000.0), ("-inf", "float", -math.inf)]
    )
    expect_conversion_errors(kata, [("abc", "float"), ("", "float")])


@pytest.mark.points(1)
def test_ints_a_float_cannot_hold_exactly_are_refused(kata):
    expect_values(kata, [(2**53, "float", 9007199254740992.0), (5, "float", 5.0)])
    expect_conversion_errors(kata, [(2**53 + 1, "float"), (10**400, "float")])


@pytest.mark.points(1)
@pytest.mark.hint(4)
def test_int_and_float_refuse_other_types(kata):
    expect_conversion_errors(kata, [(None, "int"), ([1], "int"), (None, "float")])


# ---------------------------------------------------------------------------------------------
# str


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_bytes_are_decoded_as_utf8(kata):
    expect_values(kata, [(b"caf\xc3\xa9", "str", "café"), (bytearray(b"ok"), "str", "ok")])
    seen = kata.probe("conversion_error", b"\xff", "str")
    assert "type" in seen, (
        f"convert(b'\\xff', str) should raise, but it returned {seen['returned'][1]!r}"
    )
    assert seen["is_conversion_error"], (
        f"convert(b'\\xff', str) should raise ConversionError, not {seen['type']}"
    )
    assert seen["cause"] == "UnicodeDecodeError", (
        "the ConversionError from convert(b'\\xff', str) should be chained to the "
        f"UnicodeDecodeError with `raise ... from error`; its __cause__ is {seen['cause']}"
    )


@pytest.mark.points(1)
def test_numbers_become_their_text(kata):
    expect_values(
        kata, [(42, "str", "42"), (1.5, "str", "1.5"), (True, "str", "True"), ("x", "str", "x")]
    )


@pytest.mark.points(1)
def test_none_and_containers_are_not_turned_into_text(kata):
    expect_conversion_errors(kata, [(None, "str"), ([1, 2], "str")])


# ---------------------------------------------------------------------------------------------
# containers


@pytest.mark.points(2)
def test_iterables_become_containers(kata):
    expect_values(
        kata,
        [
            ((1, 2, 2), "set", {1, 2}),
            ({"a": 1}, "list", ["a"]),
            ("ab", "list", ["a", "b"]),
            ([1, 2], "tuple", (1, 2)),
            ("range(3)", "list", [0, 1, 2]),
            ("a generator of 1, 2", "tuple", (1, 2)),
        ],
    )


@pytest.mark.points(1)
def test_a_list_or_set_comes_back_as_a_new_object(kata):
    seen = kata.probe("copies")
    assert seen["list"], "convert(items, list) should build a new list, not return `items` itself"
    assert seen["set"], "convert(numbers, set) should build a new set, not return `numbers` itself"
    assert seen["tuple_equal"], "convert((1, 2), tuple) should be equal to (1, 2)"


@pytest.mark.points(1)
@pytest.mark.hint(4)
def test_things_that_cannot_become_containers_raise_conversion_error(kata):
    expect_conversion_errors(
        kata, [(5, "list"), (None, "tuple"), ("object()", "list"), ([[1], [2]], "set")]
    )


# ---------------------------------------------------------------------------------------------
# targets


@pytest.mark.points(2)
@pytest.mark.parametrize("target", ["dict", "bytes", "'int' (a string)", "None"])
@pytest.mark.hint(1)
def test_an_unsupported_target_raises_type_error(kata, target):
    ((kind, got),) = run(kata, [(1, target)])
    call = call_text(1, target)
    assert kind == "raised", f"{call} should raise TypeError, but it returned {got!r}"
    assert got.is_a("TypeError"), (
        f"{call} should raise TypeError (the target is not supported), not {got}"
    )
