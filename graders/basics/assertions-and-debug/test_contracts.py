"""Graders for basics/assertions-and-debug."""

from __future__ import annotations

import pytest

from pykata.grading import raises, same

# ---------------------------------------------------------------------------------------------
# validate_age, in the sandbox's ordinary (debug) interpreter


@pytest.mark.points(2)
@pytest.mark.parametrize("age", [0, 30, 150])
def test_valid_ages_are_returned(kata, age):
    result = kata.call("validate_age", age)
    assert same(age, result), f"validate_age({age}) should return {age}, got {result!r}"


@pytest.mark.points(2)
@pytest.mark.parametrize("age", [-1, 151, -1000])
@pytest.mark.hint(1)
def test_ages_out_of_range_raise_value_error(kata, age):
    with raises("ValueError", f"validate_age({age})") as caught:
        kata.call("validate_age", age)
    assert not caught.raised.is_a("AssertionError"), (
        f"validate_age({age}) raised AssertionError: bad input is not a programmer error, "
        "raise ValueError"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize("age", ["5", True, 30.0, None])
@pytest.mark.hint(1)
def test_values_that_are_not_ints_raise_type_error(kata, age):
    why = " (bool is a subclass of int, but True is not an age)" if age is True else ""
    with raises("TypeError", f"validate_age({age!r}){why}"):
        kata.call("validate_age", age)


# ---------------------------------------------------------------------------------------------
# Under python -O, in a fresh interpreter


def optimized(kata, part):
    seen = kata.probe("optimized", part)
    assert not seen["hung"], "importing contracts.py under `python -O` did not finish in 8 s"
    assert not seen["failed"], (
        "importing contracts.py under `python -O` failed; the interpreter said:\n" + seen["stderr"]
    )
    assert seen["debug"] is False, (
        "the -O interpreter reported __debug__ True; this is a grader bug"
    )
    return seen


@pytest.mark.points(4)
@pytest.mark.hint(1)
def test_validate_age_still_rejects_bad_input_under_python_o(kata):
    """validate_age still rejects bad input under `python -O`"""
    seen = optimized(kata, "validate_age")
    expected = {"-1": "ValueError", "151": "ValueError", "'5'": "TypeError", "True": "TypeError"}
    for value, error in expected.items():
        result = seen["validate"][value]
        assert result[0] == "raised", (
            f"under `python -O`, validate_age({value}) should still raise {error}, but it "
            f"returned {result[1]!r}. -O removes every assert statement: validate input with "
            "`if ...: raise ...`"
        )
        assert error in result[2], (
            f"under `python -O`, validate_age({value}) should still raise {error}, but it "
            f"raised {result[1]}"
        )
    assert seen["validate"]["30"] == ("returned", 30), (
        f"under `python -O`, validate_age(30) should return 30, got {seen['validate']['30']}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_under_python_o_contract_returns_the_function_itself(kata):
    """under `python -O`, contract returns the very function it decorates"""
    seen = optimized(kata, "contract")
    assert seen["is_original"] is not None, f"under `python -O`, contract raised {seen['call']}"
    assert seen["is_original"], (
        "under `python -O`, contract(pre, post)(double) should return double itself, with no "
        "wrapper: test __debug__ once, when decorating, not inside a wrapper on every call"
    )


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_under_python_o_the_predicates_are_never_evaluated(kata):
    """under `python -O`, the predicates are never evaluated"""
    seen = optimized(kata, "contract")
    assert not seen["markers_printed"], (
        "under `python -O`, calling a function decorated with contract(pre, post) printed the "
        "predicates' markers: the checks should cost nothing when optimized"
    )
    assert not seen["evaluated"], (
        "under `python -O`, calling a function decorated with contract(pre, post) evaluated "
        f"{' and '.join(seen['evaluated'])}: the checks should cost nothing when optimized"
    )
    assert seen["call"] == ("returned", 42), (
        "under `python -O`, double(21) decorated with failing predicates should just return 42, "
        f"got {seen['call']}"
    )


# ---------------------------------------------------------------------------------------------
# contract in debug mode


def describe_call(seen):
    if seen["kind"] == "raised":
        return f"raised {seen['value']}"
    return f"returned {seen['value']!r}"


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_a_violated_precondition_raises_assertion_error_naming_the_function(kata):
    seen = kata.probe("contract_debug", pre_ok=False, post_ok=True)
    assert seen["kind"] == "raised", (
        f"transfer(50, to='checking') with a precondition that fails should raise "
        f"AssertionError, but it {describe_call(seen)}"
    )
    error = seen["value"]
    assert error.is_a("AssertionError"), (
        f"a failed precondition should raise AssertionError, got {error}"
    )
    assert "transfer" in error.message, (
        f"the AssertionError should name the function 'transfer'; its message was {error.message!r}"
    )
    assert seen["body"] == [], (
        "the precondition failed, so the function itself must not run; it ran anyway"
    )


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_the_precondition_receives_the_call_arguments(kata):
    seen = kata.probe("contract_debug", pre_ok=True, post_ok=None)
    assert seen["kind"] == "returned", f"transfer(50, to='checking') {describe_call(seen)}"
    assert same([((50,), {"to": "checking"})], seen["pre"]), (
        "pre should be called once with the same arguments as the function, "
        f"pre(50, to='checking'); it was called with {seen['pre']}"
    )
    assert same(100, seen["value"]), f"transfer(50) should return 100, got {seen['value']!r}"


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_the_postcondition_receives_the_result(kata):
    seen = kata.probe("contract_debug", pre_ok=None, post_ok=True)
    assert seen["kind"] == "returned", f"transfer(50, to='checking') {describe_call(seen)}"
    assert same([100], seen["post"]), (
        f"post should be called once with the result, 100; it was called with {seen['post']}"
    )
    failing = kata.probe("contract_debug", pre_ok=True, post_ok=False)
    assert failing["kind"] == "raised", (
        f"with a postcondition that fails, the call should raise AssertionError, but it "
        f"{describe_call(failing)}"
    )
    assert failing["value"].is_a("AssertionError"), (
        f"a failed postcondition should raise AssertionError, got {failing['value']}"
    )
    assert "transfer" in failing["value"].message, (
        "the AssertionError should name the function 'transfer'; its message was "
        f"{failing['value'].message!r}"
    )


@pytest.mark.points(1)
def test_an_exception_in_the_function_propagates_and_skips_the_postcondition(kata):
    seen = kata.probe("contract_debug", pre_ok=True, post_ok=True, raise_inside=True)
    assert seen["kind"] == "raised", (
        f"the function raised LookupError, yet the call {describe_call(seen)}"
    )
    assert seen["value"].type == "LookupError", (
        f"the function's LookupError should propagate unchanged, got {seen['value']}"
    )
    assert seen["post"] == [], "there is no result to check when the function raised"


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_in_debug_mode_the_wrapper_keeps_the_metadata(kata):
    seen = kata.probe("contract_debug", pre_ok=True, post_ok=True)
    assert seen["name"] == "transfer", f"__name__ should stay 'transfer', got {seen['name']!r}"
    assert seen["doc"] == "Move money.", f"__doc__ should be kept, got {seen['doc']!r}"
    assert seen["wrapped_is_original"], (
        "__wrapped__ should be the original function (functools.wraps sets it)"
    )


# ---------------------------------------------------------------------------------------------
# find_tuple_asserts

FLAGGED = """\
def check(x):
    assert (x > 0, "x must be positive")
    assert x > 0, "fine"
    assert (x)
    assert ()

    def inner(y):
        assert (y, "nested")

    class Box:
        def size(self):
            assert (self,)
        assert (1, 2), "with a message too"
    return inner
"""


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_find_tuple_asserts_flags_only_non_empty_tuples(kata):
    kind, lines = kata.probe("lint", FLAGGED)
    assert kind == "returned", f"find_tuple_asserts raised {lines}"
    assert same([2, 8, 12, 13], lines), (
        "in the fixture, lines 2, 8, 12 and 13 assert a non-empty tuple (line 8 inside a nested "
        "function, 12 in a method, 13 in a class body); `assert x, 'fine'`, `assert (x)` and "
        f"`assert ()` are not tuples that are always true. Expected [2, 8, 12, 13], got {lines!r}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(4)
def test_find_tuple_asserts_returns_sorted_lines_and_an_empty_list_for_clean_code(kata):
    clean = kata.probe("lint", "assert True\nx = (1, 'a')\nassert x[0], 'message'\n")
    assert clean == ("returned", []), f"clean code should give [], got {clean[1]!r}"
    source = "def late():\n    pass\n\nassert (1, 'b')\nif True:\n    assert ('a', 1)\n"
    result = kata.probe("lint", source)
    assert result == ("returned", [4, 6]), (
        f"for asserts on lines 4 and 6, find_tuple_asserts should return [4, 6], got {result[1]!r}"
    )


@pytest.mark.points(1)
def test_find_tuple_asserts_lets_a_syntax_error_propagate(kata):
    kind, error = kata.probe("lint", "assert (x, 'm'\n")
    assert kind == "raised", f"source that does not parse should raise SyntaxError, got {error!r}"
    assert error.is_a("SyntaxError"), (
        f"source that does not parse should raise SyntaxError, got {error}"
    )
