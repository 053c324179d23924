"""Probes for basics/builtin-type-classifier: they run in the sandbox beside typeinfo.py.

Values and classes cannot cross the sandbox boundary as themselves, so tests name a fixture and
the probe builds it here.
"""

from __future__ import annotations

import collections
import enum
import types
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction


class Shelf:
    """A class that is a Sequence only because it was registered as one."""

    def __init__(self, *items):
        self._items = list(items)

    def __getitem__(self, index):
        return self._items[index]

    def __len__(self):
        return len(self._items)


Sequence.register(Shelf)


class Registry(Mapping):
    """A read-only mapping written by subclassing collections.abc.Mapping (not dict)."""

    def __init__(self, **entries):
        self._entries = dict(entries)

    def __getitem__(self, key):
        return self._entries[key]

    def __iter__(self):
        return iter(self._entries)

    def __len__(self):
        return len(self._entries)


class Settings(dict):
    """A dict subclass."""


class Colour(enum.IntEnum):
    RED = 1


class Plain:
    """An ordinary class."""


Point = collections.namedtuple("Point", "x y")


def _numbers():
    yield 1


FIXTURES = {
    "None": lambda: None,
    "True": lambda: True,
    "False": lambda: False,
    "1": lambda: 1,
    "0": lambda: 0,
    "10**100": lambda: 10**100,
    "2.5": lambda: 2.5,
    "float('nan')": lambda: float("nan"),
    "1j": lambda: 1j,
    "complex(2, 3)": lambda: complex(2, 3),
    "Fraction(1, 3)": lambda: Fraction(1, 3),
    "Decimal('1.5')": lambda: Decimal("1.5"),
    "Colour.RED (an IntEnum)": lambda: Colour.RED,
    "'hello'": lambda: "hello",
    "''": lambda: "",
    "b'abc'": lambda: b"abc",
    "bytearray(b'abc')": lambda: bytearray(b"abc"),
    "memoryview(b'abc')": lambda: memoryview(b"abc"),
    "memoryview(bytearray(b'abc'))": lambda: memoryview(bytearray(b"abc")),
    "[1, 2]": lambda: [1, 2],
    "[]": lambda: [],
    "(1, 2)": lambda: (1, 2),
    "()": lambda: (),
    "(1, [2])": lambda: (1, [2]),
    "range(3)": lambda: range(3),
    "deque([1, 2])": lambda: collections.deque([1, 2]),
    "Point(1, 2) (a namedtuple)": lambda: Point(1, 2),
    "Shelf(1, 2) (registered with Sequence.register)": lambda: Shelf(1, 2),
    "{'a': 1}": lambda: {"a": 1},
    "{}": lambda: {},
    "OrderedDict(a=1)": lambda: collections.OrderedDict(a=1),
    "defaultdict(list)": lambda: collections.defaultdict(list),
    "MappingProxyType({'a': 1})": lambda: types.MappingProxyType({"a": 1}),
    "Registry(a=1) (a Mapping subclass)": lambda: Registry(a=1),
    "Settings(a=1) (a dict subclass)": lambda: Settings(a=1),
    "{1, 2}": lambda: {1, 2},
    "set()": lambda: set(),
    "frozenset({1, 2})": lambda: frozenset({1, 2}),
    "{'a': 1}.keys()": lambda: {"a": 1}.keys(),
    "a generator": _numbers,
    "iter([1, 2])": lambda: iter([1, 2]),
    "object()": lambda: object(),
    "Plain() (an ordinary class instance)": lambda: Plain(),
    "len (a built-in function)": lambda: len,
}

CLASSES = {
    "int": int,
    "bool": bool,
    "float": float,
    "dict": dict,
    "object": object,
    "Sequence": Sequence,
    "Mapping": Mapping,
    "Settings": Settings,
    "(int, float)": (int, float),
}


def categories(mod, names):
    """category() of each named fixture, in order."""
    return [mod.category(FIXTURES[name]()) for name in names]


def traits_of(mod, name):
    return mod.traits(FIXTURES[name]())


def type_checks(mod, value_name, class_name):
    """same_type and kind_of for one named fixture and one named class."""
    value = FIXTURES[value_name]()
    cls = CLASSES[class_name]
    return {
        "same_type": mod.same_type(value, cls) if not isinstance(cls, tuple) else None,
        "kind_of": mod.kind_of(value, cls),
    }
