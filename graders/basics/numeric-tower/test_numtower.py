"""Graders for basics/numeric-tower."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from pykata.grading import Raised, same

# ---------------------------------------------------------------------------------------------
# Fractions and Decimals cross the sandbox boundary as tagged tuples (see probes.py).


def encode(value):
    if type(value) is Fraction:
        return ("Fraction", value.numerator, value.denominator)
    if type(value) is Decimal:
        return ("Decimal", str(value))
    if isinstance(value, tuple):
        return tuple(encode(item) for item in value)
    return value


def show(encoded):
    """Write an encoded value the way Python would show the real one."""
    if isinstance(encoded, Raised):
        return f"raised {encoded}"
    if isinstance(encoded, tuple) and encoded and encoded[0] == "Fraction":
        return f"Fraction({encoded[1]}, {encoded[2]})"
    if isinstance(encoded, tuple) and encoded and encoded[0] == "Decimal":
        return f"Decimal({encoded[1]!r})"
    if isinstance(encoded, tuple) and encoded and encoded[0] == "object":
        return f"a {encoded[1]} object ({encoded[2]})"
    if isinstance(encoded, tuple):
        return "(" + ", ".join(show(item) for item in encoded) + ")"
    return repr(encoded)


def parse_all(kata, cases):
    """Parse every text of `cases` (text -> expected value) in one probe, and compare."""
    texts = list(cases)
    for text, (kind, value) in zip(texts, kata.probe("parsed", texts), strict=True):
        expected = encode(cases[text])
        assert kind == "returned", (
            f"parse_number({text!r}) should return {show(expected)}, but it {show(value)}"
        )
        assert same(expected, value), (
            f"parse_number({text!r}) should return {show(expected)} "
            f"({type(cases[text]).__name__}), got {show(value)}"
        )


def expect_error(kata, texts, error):
    for text, (kind, value) in zip(texts, kata.probe("parsed", texts), strict=True):
        assert kind == "raised", (
            f"parse_number({text!r}) should raise {error}, but it returned {show(value)}"
        )
        assert value.is_a(error), f"parse_number({text!r}) should raise {error}, not {value}"


# ---------------------------------------------------------------------------------------------
# parse_number


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_integer_literals_follow_python_syntax(kata):
    parse_all(
        kata,
        {
            "1_000": 1000,
            "0x1F": 31,
            "-0b101": -5,
            "0o17": 15,
            "+7": 7,
            "0": 0,
            "00": 0,
            "123456789012345678901234567890": 123456789012345678901234567890,
        },
    )


@pytest.mark.points(1)
@pytest.mark.hint(2)
def test_leading_zeros_are_rejected_as_in_literals(kata):
    expect_error(kata, ["007", "-01"], "ValueError")


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_floats_with_points_exponents_and_special_values(kata):
    parse_all(
        kata,
        {
            "1.5": 1.5,
            ".5": 0.5,
            "5.": 5.0,
            "1e3": 1000.0,
            "-2.5E-3": -0.0025,
            "1_000.5": 1000.5,
            "inf": math.inf,
            "-inf": -math.inf,
            "nan": math.nan,
        },
    )


@pytest.mark.points(2)
def test_rationals_become_fractions(kata):
    parse_all(
        kata,
        {"6/8": Fraction(3, 4), "-6/8": Fraction(-3, 4), "4/2": Fraction(2, 1), "0/5": Fraction(0)},
    )


@pytest.mark.points(1)
def test_a_zero_denominator_raises_zero_division_error(kata):
    expect_error(kata, ["1/0"], "ZeroDivisionError")


@pytest.mark.points(2)
def test_complex_literals(kata):
    parse_all(
        kata,
        {"2+3j": complex(2, 3), "3j": 3j, "-1.5-2j": complex(-1.5, -2), "1e3J": 1000j},
    )


@pytest.mark.points(1)
def test_surrounding_whitespace_is_ignored(kata):
    parse_all(kata, {" 42 ": 42, "\t1.5\n": 1.5, " 6/8 ": Fraction(3, 4)})


@pytest.mark.points(2)
def test_malformed_text_raises_value_error(kata):
    expect_error(
        kata,
        ["", "   ", "abc", "1__0", "_1", "1_", "0x", "1 2", "1/2/3", "3/4.0", "--1", "1e", "0b2"],
        "ValueError",
    )


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_code_is_never_evaluated(kata):
    expect_error(
        kata, ['__import__("os")', "1+1", "2**10", "True", "None", "[1]", "(1)"], "ValueError"
    )


# ---------------------------------------------------------------------------------------------
# rank


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_rank_follows_the_numbers_abcs(kata):
    values = [True, 5, ("Fraction", 1, 3), 1.5, math.nan, 1j]
    expected = [0, 0, 1, 2, 2, 3]
    for value, want, (kind, got) in zip(values, expected, kata.probe("ranks", values), strict=True):
        assert kind == "returned", f"rank({show(value)}) should return {want}, but it {show(got)}"
        assert same(want, got), f"rank({show(value)}) should be {want}, got {got!r}"


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_decimal_is_not_in_the_tower(kata):
    ((kind, got),) = kata.probe("ranks", [("Decimal", "1")])
    assert kind == "raised", (
        f"rank(Decimal('1')) should raise TypeError (Decimal is registered only as "
        f"numbers.Number, not as Real), but it returned {got!r}"
    )
    assert got.is_a("TypeError"), f"rank(Decimal('1')) should raise TypeError, not {got}"


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_rank_rejects_things_that_are_not_numbers(kata):
    for value, (kind, got) in zip(["1", None], kata.probe("ranks", ["1", None]), strict=True):
        assert kind == "raised", f"rank({value!r}) should raise TypeError, but it returned {got!r}"
        assert got.is_a("TypeError"), f"rank({value!r}) should raise TypeError, not {got}"


# ---------------------------------------------------------------------------------------------
# promote


def check_promotions(kata, cases):
    pairs = [encode(pair) for pair, _ in cases]
    for (pair, want), (kind, got) in zip(cases, kata.probe("promoted", pairs), strict=True):
        call = f"promote{show(encode(pair))}"
        expected = encode(want)
        assert kind == "returned", f"{call} should return {show(expected)}, but it {show(got)}"
        assert same(expected, got), f"{call} should return {show(expected)}, got {show(got)}"


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_promote_climbs_to_the_wider_type(kata):
    check_promotions(
        kata,
        [
            ((1, Fraction(1, 2)), (Fraction(1), Fraction(1, 2))),
            ((Fraction(1, 3), 0.5), (1 / 3, 0.5)),
            ((2, 1j), (2 + 0j, 1j)),
            ((1.5, 2), (1.5, 2.0)),
            ((3, 4), (3, 4)),
        ],
    )


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_two_bools_promote_to_ints(kata):
    check_promotions(kata, [((True, True), (1, 1)), ((False, 2.5), (0.0, 2.5))])


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_decimal_mixes_with_ints(kata):
    check_promotions(
        kata,
        [
            ((Decimal("1.5"), 2), (Decimal("1.5"), Decimal("2"))),
            ((True, Decimal("0.1")), (Decimal("1"), Decimal("0.1"))),
        ],
    )


@pytest.mark.points(2)
@pytest.mark.parametrize(
    "pair",
    [(Decimal("1"), 1.0), (0.5, Decimal("1")), (Decimal("1"), Fraction(1, 2)), (Decimal("1"), 1j)],
)
@pytest.mark.hint(3)
def test_decimal_refuses_to_mix_with_binary_floats_and_fractions(kata, pair):
    ((kind, got),) = kata.probe("promoted", [encode(pair)])
    call = f"promote{show(encode(pair))}"
    assert kind == "raised", (
        f"{call} should raise TypeError, as {show(encode(pair[0]))} + {show(encode(pair[1]))} "
        f"does; it returned {show(got)}"
    )
    assert got.is_a("TypeError"), f"{call} should raise TypeError, not {got}"


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_promote_rejects_things_that_are_not_numbers(kata):
    ((kind, got),) = kata.probe("promoted", [("1", 2)])
    assert kind == "raised", f"promote('1', 2) should raise TypeError, but it returned {show(got)}"
    assert got.is_a("TypeError"), f"promote('1', 2) should raise TypeError, not {got}"


small_ints = st.integers(min_value=-(2**70), max_value=2**70)
numbers_in_the_tower = st.one_of(
    st.booleans(),
    small_ints,
    st.floats(allow_nan=True, allow_infinity=True),
    st.builds(Fraction, st.integers(-(10**9), 10**9), st.integers(1, 10**6)),
    st.builds(complex, st.floats(-1e9, 1e9), st.floats(-1e9, 1e9)),
)


@pytest.mark.points(3)
# No shrinking: each shrinking step would be a probe call, and the message already names the
# first pair that went wrong.
@settings(max_examples=12, phases=(Phase.explicit, Phase.generate))
@given(
    pairs=st.lists(st.tuples(numbers_in_the_tower, numbers_in_the_tower), min_size=5, max_size=25)
)
@pytest.mark.hint(3)
def test_promote_agrees_with_mixed_arithmetic(kata, pairs):
    results = kata.probe("promoted", [encode(pair) for pair in pairs])
    for (a, b), (kind, got) in zip(pairs, results, strict=True):
        call = f"promote{show(encode((a, b)))}"
        target = type(a + b)
        expected = encode((target(a), target(b)))
        assert kind == "returned", f"{call} should return {show(expected)}, but it {show(got)}"
        assert same(expected, got), (
            f"{call} should return {show(expected)}, because {show(encode(a))} + "
            f"{show(encode(b))} is of type {target.__name__}; got {show(got)}"
        )
