"""Graders for basics/sentinel-none."""

from __future__ import annotations

import pytest

from pykata.grading import same


def did_raise(kind, value, name):
    """Whether an outcome is an exception of class ``name`` (or a subclass)."""
    return kind == "raised" and value.is_a(name)


# ---------------------------------------------------------------------------------------------
# MISSING


@pytest.mark.points(1)
@pytest.mark.hint(2)
def test_missing_is_a_distinct_marker_shown_as_missing(kata):
    seen = kata.probe("sentinel_basics")
    assert seen["repr"] == "MISSING", f"repr(MISSING) should be 'MISSING', got {seen['repr']!r}"
    assert not seen["is_none"], "MISSING must be its own object, not None"


@pytest.mark.points(1)
@pytest.mark.hint(4)
def test_calling_the_sentinel_type_never_makes_a_second_marker(kata):
    seen = kata.probe("sentinel_basics")
    assert not seen["second_instance"], (
        f"type(MISSING)() built a second {seen['type_name']} object: a sentinel's class should "
        "hand back MISSING itself (or refuse to be called), so only one marker ever exists"
    )


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_missing_survives_copy_deepcopy_and_pickle_as_the_same_object(kata):
    seen = kata.probe("sentinel_identity")
    assert seen["copy"] is True, "copy.copy(MISSING) is not MISSING: copying made a second marker"
    assert seen["deepcopy"] is True, (
        "copy.deepcopy(MISSING) is not MISSING: deep-copying made a second marker"
    )
    assert seen["deepcopy_nested"] is True, (
        "copy.deepcopy({'a': [MISSING]}) should keep MISSING itself inside the copy, "
        f"got {seen['deepcopy_nested']!r}"
    )
    for protocol, result in seen["pickle"].items():
        assert result is True, (
            f"pickle.loads(pickle.dumps(MISSING, protocol={protocol})) "
            + (f"raised {result}" if result is not False else "is a new object, not MISSING")
            + ": a check `value is MISSING` would then fail after a round trip. "
            "Tell pickle to look the marker up by name instead of rebuilding it"
        )


# ---------------------------------------------------------------------------------------------
# get_setting


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_none_is_a_real_default(kata):
    seen = kata.probe("setting", {}, "k", None)
    assert seen["raised"] is None, (
        f"get_setting({{}}, 'k', None) raised {seen['raised']}: None was passed as the default, "
        "so it should be returned"
    )
    assert same(None, seen["value"]), (
        f"get_setting({{}}, 'k', None) should return None, got {seen['value']!r}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_no_default_raises_key_error(kata):
    seen = kata.probe("setting", {"other": 1}, "k")
    assert seen["raised"] is not None, (
        f"get_setting({{'other': 1}}, 'k') with no default should raise KeyError, "
        f"but it returned {seen.get('value')!r}"
    )
    assert seen["raised"].is_a("KeyError"), (
        f"get_setting({{'other': 1}}, 'k') should raise KeyError, not {seen['raised']}"
    )
    assert "k" in seen["raised"].message, (
        f"the KeyError should name the missing key 'k'; its message was {seen['raised'].message!r}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(2)
def test_passing_missing_explicitly_means_no_default(kata):
    kind, value = kata.probe("setting_with_explicit_missing")
    assert did_raise(kind, value, "KeyError"), (
        f"get_setting({{}}, 'k', MISSING) should raise KeyError, as if no default were given; "
        f"it {'raised ' + str(value) if kind == 'raised' else f'returned {value!r}'}"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("config", "default", "expected"),
    [
        ({"k": None}, 1, None),
        ({"k": 0}, 1, 0),
        ({"k": False}, True, False),
        ({"k": ""}, "x", ""),
    ],
)
@pytest.mark.hint(1)
def test_a_stored_value_wins_over_the_default_even_when_falsy(kata, config, default, expected):
    seen = kata.probe("setting", config, "k", default)
    assert seen["raised"] is None, (
        f"get_setting({config!r}, 'k', {default!r}) raised {seen['raised']}"
    )
    assert same(expected, seen["value"]), (
        f"get_setting({config!r}, 'k', {default!r}) should return the stored {expected!r}, "
        f"got {seen['value']!r}: the key is present, so the default is not used"
    )


@pytest.mark.points(1)
def test_get_setting_works_on_any_mapping(kata):
    seen = kata.probe("setting_from_mapping_proxy")
    proxy = "a read-only MappingProxyType({'debug': False, 'level': None})"
    assert same(False, seen["debug"]), (
        f"with {proxy}, 'debug' should give False, got {seen['debug']!r}"
    )
    assert same(("returned", None), seen["level"]), (
        f"with {proxy}, get_setting(config, 'level', 'info') should return the stored None, "
        f"got {seen['level'][1]!r}"
    )
    assert same(("returned", "fallback"), seen["absent"]), (
        f"with {proxy}, an absent key with default 'fallback' should give 'fallback', "
        f"got {seen['absent'][1]!r}"
    )


# ---------------------------------------------------------------------------------------------
# coalesce


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ((None, 0, 5), 0),
        ((None, "", "x"), ""),
        ((None, False, True), False),
        ((None, [], [1]), []),
        ((3, None), 3),
    ],
)
@pytest.mark.hint(1)
def test_coalesce_returns_the_first_value_that_is_not_none(kata, values, expected):
    result = kata.probe("coalesced", *values)
    shown = ", ".join(map(repr, values))
    assert same(expected, result), (
        f"coalesce({shown}) should return {expected!r}, got {result!r}: only None is skipped, "
        "falsy values such as 0, '' and False count as values"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize("values", [(), (None,), (None, None, None)])
def test_coalesce_of_nothing_but_none_is_none(kata, values):
    result = kata.probe("coalesced", *values)
    shown = ", ".join(map(repr, values))
    assert same(None, result), f"coalesce({shown}) should return None, got {result!r}"


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_none_is_tested_by_identity_not_equality_or_truth(kata):
    seen = kata.probe("odd_values")
    assert seen["coalesce_liar"], (
        "coalesce(None, liar, 5), where liar's __eq__ says it equals everything, should return "
        f"liar; got {seen['coalesce_liar_got']['repr']}. Test with `is None`, not `== None`"
    )
    assert seen["coalesce_falsy"], (
        "coalesce(None, falsy, 5), where falsy is an object whose bool() is False, should return "
        f"falsy; got {seen['coalesce_falsy_got']['repr']}"
    )
    assert seen["drop_keys"] == ["liar", "falsy"], (
        "drop_none({'liar': liar, 'falsy': falsy, 'none': None}) should keep exactly "
        f"['liar', 'falsy'], got the keys {seen['drop_keys']}"
    )
    assert seen["drop_same_objects"], "drop_none should keep the very same value objects"


# ---------------------------------------------------------------------------------------------
# drop_none


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_drop_none_removes_only_none_and_keeps_order(kata):
    given = {"z": 0, "a": None, "m": "", "b": False, "c": None, "d": []}
    seen = kata.probe("dropped", given)
    expected = {"z": 0, "m": "", "b": False, "d": []}
    assert same(expected, seen["result"]), (
        f"drop_none({given!r}) should return {expected!r}, got {seen['result']!r}"
    )
    assert list(seen["result"]) == list(expected), (
        f"drop_none should keep the input's key order {list(expected)}, got {list(seen['result'])}"
    )


@pytest.mark.points(2)
def test_drop_none_returns_a_new_dict_and_leaves_its_input_alone(kata):
    seen = kata.probe("dropped", {"a": 1, "b": None})
    assert seen["input_intact"], "drop_none changed the dict it was given; build a new one instead"
    assert seen["new_object"], (
        "drop_none returned the dict it was given; it should return a new one"
    )
    assert seen["type"] == "dict", f"drop_none should return a dict, got {seen['type']}"


@pytest.mark.points(1)
def test_drop_none_accepts_any_mapping_and_returns_a_dict(kata):
    seen = kata.probe("dropped_from_proxy")
    assert seen["type"] == "dict", (
        f"drop_none(MappingProxyType(...)) should return a plain dict, got {seen['type']}"
    )
    assert same({"a": 1, "c": 0}, seen["result"]), (
        f"drop_none(MappingProxyType({{'b': None, 'a': 1, 'c': 0}})) should give "
        f"{{'a': 1, 'c': 0}}, got {seen['result']!r}"
    )


# ---------------------------------------------------------------------------------------------
# first_not_none


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("items", "expected", "pulled"),
    [
        ([None, 0, 1], 0, 2),
        ([None, None, "", "x"], "", 3),
        (["a", None], "a", 1),
    ],
)
@pytest.mark.hint(4)
def test_first_not_none_returns_the_first_hit_and_pulls_no_further(kata, items, expected, pulled):
    seen = kata.probe("first_hit", items)
    assert same(expected, seen["result"]), (
        f"first_not_none(iter({items!r})) should return {expected!r}, got {seen['result']!r}"
    )
    assert seen["pulled"] == pulled, (
        f"first_not_none(iter({items!r})) pulled {seen['pulled']} items from the iterator; "
        f"it should stop after {pulled}, at the first hit"
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_first_not_none_is_lazy(kata):
    seen = kata.probe("first_hit_is_lazy")
    assert seen["kind"] == "returned", (
        "first_not_none over an iterator yielding None, None, 7 and then raising should return 7 "
        f"without advancing past it, but it raised {seen['value']}. Do not turn the iterable "
        "into a list first"
    )
    assert same(7, seen["value"]), f"first_not_none should return 7, got {seen['value']!r}"


@pytest.mark.points(1)
@pytest.mark.parametrize(
    ("items", "default", "expected"),
    [([], (), None), ([], ("d",), "d"), ([None, None], (0,), 0)],
)
def test_first_not_none_falls_back_to_the_default(kata, items, default, expected):
    seen = kata.probe("first_hit", items, *default)
    call = f"first_not_none({items!r}{''.join(', ' + repr(d) for d in default)})"
    assert same(expected, seen["result"]), (
        f"{call} should return {expected!r}, got {seen['result']!r}"
    )
