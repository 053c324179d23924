"""Tests for pykata.sandbox.codec: values cross with their exact types, or not at all."""

from __future__ import annotations

import json
import math

import pytest

from pykata.sandbox.codec import (
    MAX_DEPTH,
    MAX_INT_BITS,
    CodecError,
    Opaque,
    Raised,
    from_tree,
    safe_repr,
    to_tree,
    type_name,
)


def roundtrip(value: object) -> object:
    return from_tree(json.loads(json.dumps(to_tree(value))))


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        0,
        -7,
        2**200,
        1.5,
        -0.0,
        math.inf,
        -math.inf,
        "text",
        "",
        "\udcff lone surrogate",
        b"\x00\xff",
        bytearray(b"ab"),
        1 + 2j,
        [1, [2, [3]]],
        (1, "a"),
        (),
        {1, 2},
        frozenset({"x"}),
        set(),
        {"a": 1},
        {(1, 2): [3], 4: {5: 6}, None: frozenset()},
        Raised("ValueError", ("ValueError", "Exception"), "bad", "m.py:3"),
        Opaque("pkg.Thing", "<Thing>"),
    ],
)
def test_builtin_values_come_back_equal_and_of_the_same_type(value: object) -> None:
    back = roundtrip(value)
    assert type(value) is type(back)
    assert value == back


def test_nan_comes_back_as_nan() -> None:
    back = roundtrip(math.nan)
    assert isinstance(back, float)
    assert math.isnan(back)


def test_bool_and_int_and_float_stay_distinct_inside_containers() -> None:
    back = roundtrip([True, 1, 1.0])
    assert [bool, int, float] == [type(x) for x in back]


def test_tuple_stays_a_tuple_and_list_stays_a_list() -> None:
    back = roundtrip({"t": (1, [2])})
    assert (1, [2]) == back["t"]
    assert isinstance(back["t"], tuple)
    assert isinstance(back["t"][1], list)


def test_an_object_with_an_eq_that_always_says_yes_becomes_opaque() -> None:
    class AlwaysEqual:
        def __eq__(self, other: object) -> bool:
            return True

    back = roundtrip(AlwaysEqual())
    assert isinstance(back, Opaque)
    assert back != 42
    assert "AlwaysEqual" in back.type


def test_subclasses_of_builtins_become_opaque() -> None:
    class Sneaky(int):
        pass

    back = roundtrip(Sneaky(3))
    assert isinstance(back, Opaque)
    assert "3" == back.repr


def test_an_object_pretending_to_be_raised_is_not_decoded_as_raised() -> None:
    class Fake:
        __class__ = Raised  # type: ignore[assignment]

    assert isinstance(roundtrip(Fake()), Opaque)


def test_values_nested_too_deeply_are_refused() -> None:
    value: list[object] = []
    for _ in range(MAX_DEPTH + 2):
        value = [value]
    with pytest.raises(CodecError, match="deeper"):
        to_tree(value)


def test_a_self_referencing_list_is_refused_instead_of_recursing_forever() -> None:
    loop: list[object] = []
    loop.append(loop)
    with pytest.raises(CodecError):
        to_tree(loop)


def test_huge_integers_are_refused() -> None:
    with pytest.raises(CodecError, match="bits"):
        to_tree(1 << (MAX_INT_BITS + 1))


def test_too_many_items_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pykata.sandbox.codec.MAX_ITEMS", 10)
    with pytest.raises(CodecError, match="items"):
        to_tree(list(range(20)))


def test_huge_strings_and_bytes_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pykata.sandbox.codec.MAX_TEXT", 5)
    with pytest.raises(CodecError):
        to_tree("x" * 6)
    with pytest.raises(CodecError):
        to_tree(b"x" * 6)


@pytest.mark.parametrize(
    "tree",
    [
        {"t": "tuple"},
        {"t": "nope", "v": []},
        {"t": "tuple", "v": 3},
        {"t": "set", "v": [[1]]},
        {"t": "dict", "v": [[1]]},
        {"t": "dict", "v": [[[1], 2]]},
        {"t": "bytes", "v": "***"},
        {"t": "complex", "v": ["a", 1]},
        {"t": "raised", "v": [1, [], "", ""]},
        {"t": "opaque", "v": ["a"]},
        {"a": 1},
    ],
)
def test_malformed_trees_are_refused_with_a_codec_error(tree: object) -> None:
    with pytest.raises(CodecError):
        from_tree(tree)


def test_a_decoded_value_nested_too_deeply_is_refused() -> None:
    tree: object = 1
    for _ in range(MAX_DEPTH + 2):
        tree = [tree]
    with pytest.raises(CodecError):
        from_tree(tree)


def test_raised_knows_its_class_hierarchy() -> None:
    raised = Raised("KeyError", ("KeyError", "LookupError", "Exception"), "'a'", "m.py:1")
    assert raised.is_a("LookupError")
    assert not raised.is_a("ValueError")
    assert "KeyError: 'a' (m.py:1)" == str(raised)
    assert "KeyError" == str(Raised("KeyError", ("KeyError",), ""))


def test_opaque_shows_the_type_beside_a_plain_repr() -> None:
    assert "<m.Box object: 3>" == repr(Opaque("m.Box", "3"))
    assert "<m.Box at 0x1>" == repr(Opaque("m.Box", "<m.Box at 0x1>"))


def test_safe_repr_survives_a_repr_that_raises_and_cuts_long_ones() -> None:
    class Broken:
        def __repr__(self) -> str:
            raise RuntimeError

    class Wrong:
        def __repr__(self) -> str:
            return 3  # type: ignore[return-value]

    assert "repr failed" in safe_repr(Broken())
    assert safe_repr(Wrong()).startswith("<")
    assert 10 == len(safe_repr("x" * 50, limit=10))


def test_type_name_survives_a_hostile_metaclass() -> None:
    class Meta(type):
        def __getattribute__(cls, name: str) -> object:
            raise RuntimeError

    hostile = Meta("Hostile", (), {})
    assert "Hostile" in type_name(hostile)
    assert "int" == type_name(int)
