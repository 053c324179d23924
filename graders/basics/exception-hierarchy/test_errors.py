"""Graders for basics/exception-hierarchy."""

from __future__ import annotations

import pytest

from pykata.grading import same

EXPECTED = {
    "ValidationError": {"field": "age", "message": "must be positive"},
    "NotFoundError": {"kind": "user", "key": 42},
    "OverdraftError": {"requested": 500, "available": 100},
}
BUILT = {
    "ValidationError": 'ValidationError("age", "must be positive")',
    "NotFoundError": 'NotFoundError("user", 42)',
    "OverdraftError": "OverdraftError(requested=500, available=100)",
}
NAMES = list(EXPECTED)

# ---------------------------------------------------------------------------------------------
# The classes


@pytest.mark.points(2)
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.hint(1)
def test_except_app_error_catches_it_and_the_attributes_are_kept(kata, name):
    """`except AppError` catches it, and its attributes hold the values"""
    seen = kata.probe("domain_error", name)
    assert seen["caught_by_app_error"], f"`except AppError` did not catch {BUILT[name]}"
    assert same(EXPECTED[name], seen["attributes"]), (
        f"{BUILT[name]} should have the attributes {EXPECTED[name]}, got {seen['attributes']}"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.hint(1)
def test_str_shows_the_values(kata, name):
    seen = kata.probe("domain_error", name)
    text = seen["str"]
    for value in EXPECTED[name].values():
        assert str(value) in text, (
            f"str({BUILT[name]}) should mention {value!r} so that a log line is useful; "
            f"it was {text!r}"
        )
    assert not text.startswith("("), (
        f"str({BUILT[name]}) was {text!r}, the default for an exception with several "
        "arguments: define __str__ to write a readable sentence"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize("how", ["pickle", "copy", "deepcopy"])
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.hint(2)
def test_survives_pickle_and_copy_with_its_attributes(kata, name, how):
    """it survives pickle, copy.copy and copy.deepcopy with its attributes"""
    seen = kata.probe("round_trip", name, how)
    doing = {
        "pickle": "pickle.loads(pickle.dumps(error))",
        "copy": "copy.copy(error)",
        "deepcopy": "copy.deepcopy(error)",
    }[how]
    assert seen["raised"] is None, (
        f"{doing} for error = {BUILT[name]} raised {seen['raised']}. Both rebuild an exception "
        "by calling its class with error.args: pass all of __init__'s arguments to "
        "super().__init__()"
    )
    assert same(EXPECTED[name], seen["attributes"]), (
        f"after {doing} for error = {BUILT[name]}, the attributes were {seen['attributes']}, "
        f"expected {EXPECTED[name]}"
    )
    original = kata.probe("domain_error", name)["str"]
    assert seen["str"] == original, (
        f"after {doing}, str() gave {seen['str']!r} instead of {original!r}"
    )


# ---------------------------------------------------------------------------------------------
# withdraw


@pytest.mark.points(1)
@pytest.mark.parametrize(("balance", "amount", "left"), [(100, 30, 70), (100, 100, 0), (50, 0, 50)])
def test_withdraw_returns_the_balance_left(kata, balance, amount, left):
    seen = kata.probe("withdrawal", balance, amount)
    assert "raised" not in seen, (
        f"withdraw({balance}, {amount}) should return {left}, but it raised {seen['raised']}"
    )
    assert same(left, seen["returned"]), (
        f"withdraw({balance}, {amount}) should return {left}, got {seen['returned']!r}"
    )


@pytest.mark.points(2)
def test_withdrawing_too_much_raises_overdraft_error_with_both_amounts(kata):
    seen = kata.probe("withdrawal", 100, 500)
    assert seen.get("raised") == "OverdraftError", (
        f"withdraw(100, 500) should raise OverdraftError, got {seen}"
    )
    assert same({"requested": 500, "available": 100}, seen["attributes"]), (
        "withdraw(100, 500) should raise OverdraftError(requested=500, available=100); "
        f"its attributes were {seen['attributes']}"
    )


@pytest.mark.points(1)
def test_a_negative_amount_raises_validation_error_for_the_amount_field(kata):
    seen = kata.probe("withdrawal", 100, -5)
    assert seen.get("raised") == "ValidationError", (
        f"withdraw(100, -5) should raise ValidationError, got {seen}"
    )
    assert seen["attributes"].get("field") == "amount", (
        f"the ValidationError from withdraw(100, -5) should have field 'amount', "
        f"got {seen['attributes']}"
    )


# ---------------------------------------------------------------------------------------------
# translate


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_translate_chains_the_new_error_from_the_original(kata):
    seen = kata.probe("translated_with", "chain", "KeyError")
    assert seen is not None, "a KeyError inside `with translate({KeyError: ...})` disappeared"
    assert seen["type"] == "NotFoundError", (
        "with translate({KeyError: make_not_found}), a KeyError should come out as the "
        f"NotFoundError the factory built, but {seen['type']} came out"
    )
    assert seen["factory_got_original"], (
        f"the factory should be called once, with the KeyError; it was called "
        f"{seen['factory_calls']} times, or with another object"
    )
    assert seen["cause_is_original"], (
        "the NotFoundError's __cause__ should be the original KeyError (`raise new from exc`); "
        f"it was {seen['cause_type']}"
    )
    assert seen["suppress_context"] is True, (
        "after `raise new from exc`, __suppress_context__ is True; here it was "
        f"{seen['suppress_context']!r}. Did you raise without `from`?"
    )


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_the_second_entry_of_a_mapping_works_too(kata):
    seen = kata.probe("translated_with", "chain", "ValueError")
    assert seen is not None, "a ValueError inside `with translate(...)` disappeared"
    assert seen["type"] == "ValidationError", (
        "with translate({KeyError: ..., ValueError: make_validation}), a ValueError should "
        f"come out as ValidationError, got {seen['type']}"
    )
    assert seen["cause_is_original"], "its __cause__ should be the original ValueError"


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_from_none_entries_hide_the_original(kata):
    seen = kata.probe("translated_with", "hide", "KeyError")
    assert seen is not None, "a KeyError inside `with translate(...)` disappeared"
    assert seen["type"] == "NotFoundError", (
        "with translate({KeyError: (make_not_found, None)}), a KeyError should come out as "
        f"NotFoundError, got {seen['type']}"
    )
    assert seen["cause_type"] is None, (
        "an entry (factory, None) means `raise new from None`: __cause__ should be None, "
        f"but it was {seen['cause_type']}"
    )
    assert seen["suppress_context"] is True, (
        "an entry (factory, None) means `raise new from None`: __suppress_context__ should be "
        "True, so the traceback does not show the KeyError"
    )


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_unmapped_exceptions_pass_through_untouched(kata):
    seen = kata.probe("translated_with", "chain", "TypeError")
    assert seen is not None, "a TypeError inside `with translate(...)` disappeared"
    assert seen["same_object"], (
        "a TypeError is not in the mapping {KeyError: ..., ValueError: ...}: the very same "
        f"TypeError object should propagate, but {seen['type']} came out"
    )
    assert (seen["cause_type"], seen["context_type"]) == (None, None), (
        "an unmapped exception should get no chaining added: its __cause__ and __context__ "
        f"became {seen['cause_type']} and {seen['context_type']}"
    )
    assert seen["factory_calls"] == 0, "no factory should be called for an unmapped exception"


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_subclasses_match_and_the_first_matching_entry_wins(kata):
    seen = kata.probe("translated_with", "ordered", "KeyError")
    assert seen is not None, "a KeyError inside `with translate(...)` disappeared"
    assert seen["type"] == "ValidationError", (
        "with translate({LookupError: make_validation, KeyError: make_not_found}), a KeyError "
        "is a LookupError, so the first entry should handle it, as the first matching `except` "
        f"clause would; {seen['type']} came out"
    )


@pytest.mark.points(1)
def test_a_block_that_raises_nothing_runs_normally(kata):
    steps = kata.probe("nothing_raised")
    assert same(["body", "after"], steps), (
        f"a with translate(...) block that raises nothing should run and carry on; steps: {steps}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_translate_works_as_a_decorator(kata):
    seen = kata.probe("as_decorator")
    assert same(10, seen["found"]), (
        f"the decorated lookup(accounts, 'ada') should return 10, got {seen['found']!r}"
    )
    for key, name in (("first", "bob"), ("second", "cyd")):
        error = seen[key]
        assert error is not None, f"the decorated lookup(accounts, {name!r}) raised nothing"
        assert error.is_a("NotFoundError"), (
            f"the decorated lookup(accounts, {name!r}) should raise NotFoundError, "
            f"got {error or 'nothing'}"
        )
    assert seen["calls"] == ["ada", "bob", "cyd"], (
        f"each call should run the function once; the calls were {seen['calls']}"
    )
    assert seen["name"] == "lookup", (
        f"the decorated function should keep its __name__ 'lookup', got {seen['name']!r}"
    )
    chain = kata.probe("as_decorator_chain")
    assert chain is not None, "the KeyError inside a decorated function disappeared"
    assert chain["cause_is_original"], (
        "as a decorator too, the NotFoundError's __cause__ should be the original KeyError"
    )


# ---------------------------------------------------------------------------------------------
# root_cause


@pytest.mark.points(2)
@pytest.mark.parametrize("kind", ["cause", "context"])
def test_root_cause_walks_back_to_the_first_exception(kata, kind):
    seen = kata.probe("cause_walk", kind)
    how = "`raise ... from ...`" if kind == "cause" else "implicit chaining (__context__ only)"
    assert seen["is_first"], (
        f"for OSError -> ValueError -> RuntimeError chained with {how}, root_cause should "
        f"return the OSError, got {seen['type']}: {seen['str']}"
    )


@pytest.mark.points(1)
def test_root_cause_prefers_cause_over_context(kata):
    seen = kata.probe("cause_preferred")
    assert seen["is_cause"], (
        "when __cause__ and __context__ differ, root_cause should follow __cause__, as the "
        f"printed traceback does; it returned {seen['type']}"
    )


@pytest.mark.points(1)
def test_root_cause_stops_at_a_suppressed_context(kata):
    seen = kata.probe("suppressed")
    assert seen["is_top"], (
        "after `raise LookupError('clean') from None` inside `except KeyError`, "
        "__suppress_context__ is True, so the chain ends at the LookupError; root_cause "
        f"returned {seen['type']}"
    )


@pytest.mark.points(1)
def test_an_exception_without_a_chain_is_its_own_root_cause(kata):
    assert kata.probe("alone") is True, "root_cause(ValueError('alone')) should return that error"


# The cyclic tests come last: a learner's endless walk keeps spinning in the sandbox.


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("shape", "expected"),
    [("cause", "OSError"), ("context", "OSError"), ("self", "ValueError")],
)
@pytest.mark.hint(4)
def test_root_cause_terminates_on_a_cyclic_chain(kata, shape, expected):
    seen = kata.probe("cyclic", shape)
    built = {
        "cause": "a.__cause__ = b, b.__cause__ = c, c.__cause__ = a",
        "context": "a.__context__ = b, b.__context__ = c, c.__context__ = a",
        "self": "a.__cause__ = a",
    }[shape]
    assert seen["kind"] != "hung", (
        f"root_cause(a) with {built} did not return within 1 s: remember which exceptions "
        "you have visited and stop before visiting one again"
    )
    assert seen["kind"] == "returned", f"root_cause(a) with {built} raised {seen['detail']}"
    assert seen["type"] == expected, (
        f"root_cause(a) with {built} should return the last exception before the chain comes "
        f"back to one already visited, a {expected}; it returned a {seen['type']}"
    )
