"""Graders for decorators/repeat-decorator."""

from __future__ import annotations

import pytest

from pykata.grading import same


@pytest.mark.points(3)
@pytest.mark.parametrize("times", [1, 3, 5])
@pytest.mark.hint(1)
def test_calls_the_function_exactly_times_times(kata, times):
    seen = kata.probe("calls_made", times=times)
    count = len(seen["calls"])
    assert count == times, f"repeat({times}) called the function {count} times, expected {times}"
    assert same([(7, "kw")] * times, seen["calls"]), (
        f"every call should get the same arguments (7, label='kw'); the calls got {seen['calls']}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(5)
def test_returns_the_last_result(kata):
    seen = kata.probe("calls_made", times=3)
    assert same(3, seen["result"]), (
        f"the results were 1, 2 and 3, so the wrapper should return 3, not {seen['result']!r}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(5)
def test_collect_returns_every_result_in_call_order(kata):
    results = kata.probe("collected", times=3)
    assert same([100, 101, 102], results), (
        f"repeat(3, collect=True) should return the list [100, 101, 102], got {results!r}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_works_bare_and_with_empty_parentheses(kata):
    seen = kata.probe("bare_and_empty")
    assert seen["bare"] == 2, (
        f"@repeat (no parentheses) called the function {seen['bare']} times, expected 2"
    )
    assert seen["empty"] == 2, f"@repeat() called the function {seen['empty']} times, expected 2"
    assert (seen["bare_result"], seen["empty_result"]) == ("bare", "empty"), (
        "bare @repeat and @repeat() should return the function's result"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize("times", [0, -1])
@pytest.mark.hint(3)
def test_counts_below_one_raise_value_error(kata, times):
    seen = kata.probe("rejected", times=times)
    error = seen["raised"]
    assert error is not None, (
        f"repeat({times}) should raise ValueError when it is created or applied, "
        "but nothing was raised"
    )
    assert error.is_a("ValueError"), f"repeat({times}) should raise ValueError, not {error}"


@pytest.mark.points(1)
@pytest.mark.parametrize(("times", "shown"), [(2.0, "2.0"), ("3", "'3'"), (True, "True")])
@pytest.mark.hint(3)
def test_counts_that_are_not_ints_raise_type_error(kata, times, shown):
    seen = kata.probe("rejected", times=times)
    error = seen["raised"]
    why = " (bool is a subclass of int, but True is not a count)" if times is True else ""
    assert error is not None, (
        f"repeat({shown}) should raise TypeError when it is created or applied{why}, "
        "but nothing was raised"
    )
    assert error.is_a("TypeError"), f"repeat({shown}) should raise TypeError{why}, not {error}"


@pytest.mark.points(2)
@pytest.mark.hint(5)
def test_an_exception_stops_the_repetition_and_propagates_unchanged(kata):
    seen = kata.probe("stops_on_error")
    assert seen["type"] == "LookupError", (
        f"the second call raised LookupError, which should propagate; the caller saw {seen['type']}"
    )
    assert seen["calls"] == 2, (
        f"the second call raised, so there should be exactly 2 calls, there were {seen['calls']}"
    )
    assert seen["same_object"], "the exception should propagate unchanged, as the very same object"


@pytest.mark.points(2)
@pytest.mark.hint(5)
def test_works_on_methods_with_keyword_only_arguments(kata):
    seen = kata.probe("on_methods")
    assert (seen["bump"], seen["count"]) == (15, 15), (
        f"an instance method decorated with repeat(3) and called with step=5 should leave count at "
        f"15 and return 15; it returned {seen['bump']!r} and count is {seen['count']!r}"
    )
    assert seen["shout"] == "hey?", f"a static method under repeat returned {seen['shout']!r}"
    assert seen["describe"] == "I am Counter", (
        f"a class method under repeat returned {seen['describe']!r}"
    )
    assert seen["log"] == ["static", "static", "class", "class"], (
        f"the static and class methods should each run twice; the calls were {seen['log']}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(6)
def test_keeps_the_function_metadata_and_signature(kata):
    seen = kata.probe("metadata")
    assert seen["name"] == "original", f"__name__ should stay 'original', got {seen['name']!r}"
    assert seen["doc"] == "Add things up.", f"__doc__ should be kept, got {seen['doc']!r}"
    assert seen["qualname"].endswith("original"), f"__qualname__ was {seen['qualname']!r}"
    assert seen["wrapped_is_original"], (
        "__wrapped__ should be the original function (functools.wraps sets it)"
    )
    expected = "(a, b=2, *args, flag=False, **kwargs)"
    assert seen["signature"] == expected, (
        f"inspect.signature should show {expected}, got {seen['signature']}"
    )


@pytest.mark.points(3)
@pytest.mark.parametrize("times", [1, 3])
@pytest.mark.hint(4)
def test_async_functions_are_awaited_each_time(kata, times):
    seen = kata.probe("async_calls", times=times)
    assert seen["raised"] is None, f"running the decorated async function raised {seen['raised']}"
    assert seen["is_async"], "decorating an async def function should give an async def wrapper"
    assert seen["calls"] == times, (
        f"asyncio.run(f()) should await the function {times} times; it ran {seen['calls']} times"
    )
    assert seen["result"] == times, f"the awaited result should be {times}, got {seen['result']!r}"
    assert not seen["warnings"], f"Python warned: {seen['warnings'][0]}"
