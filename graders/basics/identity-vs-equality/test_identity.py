"""Graders for basics/identity-vs-equality."""

from __future__ import annotations

import math

import pytest

from pykata.grading import same

# ---------------------------------------------------------------------------------------------
# IdentityDict


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_equal_but_distinct_lists_are_separate_keys(kata):
    seen = kata.probe("equal_lists")
    assert seen["len"] == 2, (
        f"after d[first] = ... and d[second] = ... with first == second but first is not second, "
        f"len(d) should be 2, got {seen['len']}"
    )
    assert (seen["first"], seen["second"]) == ("first", "second"), (
        f"d[first] and d[second] should be 'first' and 'second', got {seen['first']!r} and "
        f"{seen['second']!r}"
    )
    missing = seen["third_lookup"]
    assert missing is not None, (
        "looking up a third list equal to both keys should raise KeyError: it is a different object"
    )
    assert missing.is_a("KeyError"), (
        f"looking up a third equal list should raise KeyError, not {missing}"
    )
    assert seen["third_in"] is False, "[1, 2] in d should be False: that list was never a key"
    assert seen["first_in"] is True, "first in d should be True"


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_keys_are_never_compared_or_hashed(kata):
    seen = kata.probe("hostile_keys")
    assert seen["outcome"] is None, (
        f"keys whose __eq__ and __hash__ raise should still work, but the mapping raised "
        f"{seen['outcome'][1]}: compare keys with `is` or id(), never with == or hash()"
    )
    assert seen["attempts"] == 0, (
        f"the keys' __eq__ or __hash__ was called {seen['attempts']} times; an identity mapping "
        "should never call them"
    )
    steps = seen["steps"]
    assert steps["get"] == 10, f"d[a] should be 10 after d[a] = 10, got {steps['get']!r}"
    assert steps["in"] == (True, False), (
        f"(b in d, c in d) should be (True, False), got {steps['in']}"
    )
    assert steps["len"] == 2, f"len(d) should be 2 with keys a and b, got {steps['len']}"
    assert steps["pop"] == 2, f"d.pop(b) should return 2, got {steps['pop']!r}"
    assert steps["len_after"] == 0, "after popping b and deleting a, the mapping should be empty"


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_iteration_gives_back_the_original_key_objects(kata):
    seen = kata.probe("original_keys")
    assert seen["first_is_key"], (
        f"next(iter(d)) should be the very key object inserted, but the keys are of types "
        f"{seen['types']}: store the key itself, not only its id()"
    )
    assert seen["all_originals"], "iterating should give every original key, in insertion order"
    kind, items = seen["items"]
    assert kind == "returned", f"list(d.items()) raised {items}"
    assert items == [(True, "v"), (True, "w")], (
        "d.items() should pair the original keys with their values"
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_a_key_is_kept_alive_by_the_mapping(kata):
    seen = kata.probe("keeps_keys_alive")
    assert seen["alive"], (
        "a key that only the mapping refers to was garbage-collected: the mapping must hold a "
        "reference to each key, or its id() can be reused by a new object"
    )
    assert seen["found"], "the kept key should still find its value"


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_it_behaves_like_any_mutable_mapping(kata):
    seen = kata.probe("mapping_behaviour")
    assert seen["len_from_pairs"] == 2, (
        "IdentityDict([(a, 'A'), (b, 'B')]) with a == b should hold 2 entries, "
        f"got {seen['len_from_pairs']}"
    )
    assert seen["len_after_update"] == 2, "assigning to an existing key should not add an entry"
    assert seen["a_after_update"] == "A2", "assigning to an existing key should replace its value"
    assert seen["get_missing"] == "default", "d.get(missing, 'default') should return 'default'"
    assert seen["pop_missing"] == "default", "d.pop(missing, 'default') should return 'default'"
    assert seen["pop_b"] == "B", f"d.pop(b) should return 'B', got {seen['pop_b']!r}"
    assert seen["len_after_pop"] == 1, "d.pop(b) should remove b's entry"
    for name, call in (
        ("del_missing", "del d[missing]"),
        ("pop_missing_no_default", "d.pop(missing)"),
    ):
        error = seen[name]
        assert error is not None, f"{call} should raise KeyError, but nothing was raised"
        assert error.is_a("KeyError"), f"{call} should raise KeyError, not {error}"
    assert seen["len_after_del"] == 0, "del d[a] should remove a's entry"
    assert seen["is_mutable_mapping"], "IdentityDict should be a collections.abc.MutableMapping"


@pytest.mark.points(1)
def test_repr_looks_like_a_dict_inside_the_class_name(kata):
    seen = kata.probe("representation")
    assert seen["empty"] == "IdentityDict({})", (
        f"repr(IdentityDict()) should be 'IdentityDict({{}})', got {seen['empty']!r}"
    )
    assert seen["single"] == "IdentityDict({[1]: 'a'})", (
        f"repr of a mapping from [1] to 'a' should be \"IdentityDict({{[1]: 'a'}})\", got "
        f"{seen['single']!r}"
    )


# ---------------------------------------------------------------------------------------------
# dedupe


def deduped(kata, case):
    seen = kata.probe("deduped", case)
    assert seen["type"] == "list", f"dedupe({case}) should return a list, got a {seen['type']}"
    return seen


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_equality_mode_treats_1_and_1_0_and_true_as_one_value(kata):
    seen = deduped(kata, "[1, 1.0, True]")
    assert same([1], seen["value"]), (
        f"dedupe([1, 1.0, True]) should be [1]: 1 == 1.0 == True, and the first one is kept; "
        f"got {seen['value']!r}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_identity_mode_keeps_distinct_objects_even_when_equal(kata):
    seen = deduped(kata, "[1, 1.0, True] by identity")
    assert same([1, 1.0, True], seen["value"]), (
        "dedupe([1, 1.0, True], by='identity') should keep all three objects, "
        f"got {seen['value']!r}"
    )
    seen = deduped(kata, "[[1], [1], [2]] by identity")
    assert seen["value"] == [[1], [1], [2]], (
        f"dedupe([[1], [1], [2]], by='identity') should keep the three distinct lists, got "
        f"{seen['value']!r}"
    )
    assert all(seen["kept_originals"]), "dedupe should return the original objects, not copies"


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_equality_mode_handles_unhashable_items_in_order(kata):
    seen = deduped(kata, "[[1], [1], [2]]")
    assert same([[1], [2]], seen["value"]), (
        f"dedupe([[1], [1], [2]]) should be [[1], [2]] (lists are unhashable, so a set cannot "
        f"help here), got {seen['value']!r}"
    )
    assert seen["first_is_first"], "the first occurrence should be kept, as the same object"


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_nan_is_a_duplicate_only_of_itself(kata):
    seen = deduped(kata, "the same NaN object twice")
    assert len(seen["value"]) == 1, (
        f"dedupe([nan, nan]) with one NaN object should keep 1 item, got {len(seen['value'])}: "
        "`in` checks identity before ==, and nan is nan even though nan != nan"
    )
    seen = deduped(kata, "two different NaN objects")
    assert len(seen["value"]) == 2, (
        f"dedupe([float('nan'), float('nan')]) should keep both, because two different NaN objects "
        f"are neither identical nor equal; got {len(seen['value'])}"
    )
    assert all(math.isnan(x) for x in seen["value"]), "only NaNs went in"
    seen = deduped(kata, "the same NaN object twice by identity")
    assert len(seen["value"]) == 1, "by='identity', the same NaN object twice should be kept once"


@pytest.mark.points(1)
def test_any_iterable_works_and_empty_gives_empty(kata):
    seen = deduped(kata, "a generator of 3, 1, 3, 2, 1")
    assert same([3, 1, 2], seen["value"]), (
        f"dedupe of a generator of 3, 1, 3, 2, 1 should be [3, 1, 2], got {seen['value']!r}"
    )
    seen = deduped(kata, "an empty list")
    assert same([], seen["value"]), f"dedupe([]) should be [], got {seen['value']!r}"


@pytest.mark.points(1)
def test_an_unknown_mode_raises_value_error(kata):
    error = kata.probe("dedupe_bad_mode")
    assert error is not None, "dedupe([1, 2], by='hash') should raise ValueError"
    assert error.is_a("ValueError"), (
        f"dedupe([1, 2], by='hash') should raise ValueError, not {error}"
    )
