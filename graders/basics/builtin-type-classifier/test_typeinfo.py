"""Graders for basics/builtin-type-classifier."""

from __future__ import annotations

import pytest

from pykata.grading import same


def check_categories(kata, expected):
    """Classify every named fixture in one probe call and compare with `expected`."""
    names = list(expected)
    got = kata.probe("categories", names)
    for name, result in zip(names, got, strict=True):
        assert same(expected[name], result), (
            f"category({name}) should be {expected[name]!r}, got {result!r}"
        )


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_bool_is_its_own_family_although_it_subclasses_int(kata):
    check_categories(kata, {"True": "bool", "False": "bool", "1": "numeric", "0": "numeric"})


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_none_is_its_own_family(kata):
    check_categories(kata, {"None": "none"})


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_every_kind_of_number_is_numeric(kata):
    check_categories(
        kata,
        {
            "10**100": "numeric",
            "2.5": "numeric",
            "float('nan')": "numeric",
            "1j": "numeric",
            "complex(2, 3)": "numeric",
            "Fraction(1, 3)": "numeric",
            "Decimal('1.5')": "numeric",
            "Colour.RED (an IntEnum)": "numeric",
        },
    )


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_text_and_binary_come_before_sequence(kata):
    check_categories(
        kata,
        {
            "'hello'": "text",
            "''": "text",
            "b'abc'": "binary",
            "bytearray(b'abc')": "binary",
            "memoryview(b'abc')": "binary",
        },
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_sequences_include_subclasses_and_registered_classes(kata):
    check_categories(
        kata,
        {
            "[1, 2]": "sequence",
            "(1, 2)": "sequence",
            "range(3)": "sequence",
            "deque([1, 2])": "sequence",
            "Point(1, 2) (a namedtuple)": "sequence",
            "Shelf(1, 2) (registered with Sequence.register)": "sequence",
        },
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_mappings_include_views_and_subclasses(kata):
    check_categories(
        kata,
        {
            "{'a': 1}": "mapping",
            "OrderedDict(a=1)": "mapping",
            "defaultdict(list)": "mapping",
            "MappingProxyType({'a': 1})": "mapping",
            "Registry(a=1) (a Mapping subclass)": "mapping",
            "Settings(a=1) (a dict subclass)": "mapping",
        },
    )


@pytest.mark.points(1)
@pytest.mark.hint(2)
def test_sets_and_frozensets_are_sets(kata):
    check_categories(
        kata,
        {"{1, 2}": "set", "set()": "set", "frozenset({1, 2})": "set", "{'a': 1}.keys()": "set"},
    )


@pytest.mark.points(1)
def test_iterators_and_other_objects_are_other(kata):
    check_categories(
        kata,
        {
            "a generator": "other",
            "iter([1, 2])": "other",
            "object()": "other",
            "Plain() (an ordinary class instance)": "other",
            "len (a built-in function)": "other",
        },
    )


def check_traits(kata, name, expected):
    got = kata.probe("traits_of", name)
    assert isinstance(got, dict), f"traits({name}) should return a dict, got {got!r}"
    assert set(got) == {"mutable", "hashable", "ordered"}, (
        f"traits({name}) should have exactly the keys 'mutable', 'hashable' and 'ordered', "
        f"got {sorted(got)}"
    )
    for key, want in expected.items():
        assert same(want, got[key]), f"traits({name})[{key!r}] should be {want}, got {got[key]!r}"


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_a_tuple_holding_a_list_is_immutable_but_not_hashable(kata):
    got = kata.probe("traits_of", "(1, [2])")
    assert isinstance(got, dict), f"traits((1, [2])) should return a dict, got {got!r}"
    assert got.get("hashable") is False, (
        "traits((1, [2]))['hashable'] should be False: hash((1, [2])) raises TypeError, because "
        "hashing a tuple hashes its items. Try hash() rather than asking the type."
    )
    assert got.get("mutable") is False, (
        "traits((1, [2]))['mutable'] should be False: tuples are immutable"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("name", "mutable", "hashable", "ordered"),
    [
        ("set()", True, False, False),
        ("{}", True, False, True),
        ("frozenset({1, 2})", False, True, False),
        ("[]", True, False, True),
        ("()", False, True, True),
        ("'hello'", False, True, True),
    ],
)
def test_traits_of_the_core_containers(kata, name, mutable, hashable, ordered):
    check_traits(kata, name, {"mutable": mutable, "hashable": hashable, "ordered": ordered})


@pytest.mark.points(1)
@pytest.mark.parametrize(
    ("name", "mutable", "hashable", "ordered"),
    [
        ("None", False, True, False),
        ("True", False, True, False),
        ("2.5", False, True, False),
        ("b'abc'", False, True, True),
        ("bytearray(b'abc')", True, False, True),
        ("memoryview(b'abc')", False, True, True),
        ("range(3)", False, True, True),
        ("deque([1, 2])", True, False, True),
        ("MappingProxyType({'a': 1})", False, False, True),
        ("Plain() (an ordinary class instance)", True, True, False),
    ],
)
def test_traits_of_other_values(kata, name, mutable, hashable, ordered):
    check_traits(kata, name, {"mutable": mutable, "hashable": hashable, "ordered": ordered})


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_a_writable_memoryview_is_not_hashable(kata):
    check_traits(
        kata, "memoryview(bytearray(b'abc'))", {"mutable": True, "hashable": False, "ordered": True}
    )


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("value", "cls", "exact", "instance"),
    [
        ("True", "int", False, True),
        ("True", "bool", True, True),
        ("1", "int", True, True),
        ("1", "bool", False, False),
        ("Settings(a=1) (a dict subclass)", "dict", False, True),
        ("{'a': 1}", "dict", True, True),
        ("1", "object", False, True),
        ("[1, 2]", "Sequence", False, True),
        ("Shelf(1, 2) (registered with Sequence.register)", "Sequence", False, True),
    ],
)
def test_same_type_is_exact_while_kind_of_follows_inheritance(kata, value, cls, exact, instance):
    got = kata.probe("type_checks", value, cls)
    assert same(exact, got["same_type"]), (
        f"same_type({value}, {cls}) should be {exact}: type() must be exactly {cls}; "
        f"got {got['same_type']!r}"
    )
    assert same(instance, got["kind_of"]), (
        f"kind_of({value}, {cls}) should be {instance}: isinstance() counts subclasses and "
        f"registered classes; got {got['kind_of']!r}"
    )


@pytest.mark.points(1)
def test_kind_of_accepts_a_tuple_of_classes(kata):
    got = kata.probe("type_checks", "2.5", "(int, float)")
    assert got["kind_of"] is True, (
        f"kind_of(2.5, (int, float)) should be True, like isinstance; got {got['kind_of']!r}"
    )
