# Mistake: stores only id(key) -> value, so iteration yields ints and a key can die and have its id reused
"""Identity versus equality: a mapping keyed by identity, and de-duplication both ways.

Read README.md in this folder first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from typing import Any


class IdentityDict(MutableMapping[Any, Any]):
    """A mapping whose keys are told apart by identity (``is``), never by ``==`` or ``hash``.

    Keys may be unhashable, equal-but-distinct keys are different entries, and the mapping keeps
    a reference to every key, so a key's ``id()`` can never be reused by another object while
    its entry exists.
    """

    def __init__(self, pairs: Iterable[tuple[Any, Any]] = ()) -> None:
        # id(key) -> (key, value). Holding the key keeps it alive, which keeps its id unique.
        self._entries: dict[int, tuple[Any, Any]] = {}
        for key, value in pairs:
            self[key] = value

    def __getitem__(self, key: Any) -> Any:
        try:
            return self._entries[id(key)][1]
        except KeyError:
            raise KeyError(key) from None

    def __setitem__(self, key: Any, value: Any) -> None:
        self._entries[id(key)] = (id(key), value)

    def __delitem__(self, key: Any) -> None:
        try:
            del self._entries[id(key)]
        except KeyError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[Any]:
        return (key for key, _ in self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        items = ", ".join(f"{key!r}: {value!r}" for key, value in self._entries.values())
        return f"{type(self).__name__}({{{items}}})"


def dedupe(items: Iterable[Any], *, by: str = "equality") -> list[Any]:
    """Return the items without duplicates, keeping each first occurrence, in order.

    ``by="equality"`` drops an item that ``is`` or ``==`` an item already kept (the rule ``in``
    uses), so unhashable items work. ``by="identity"`` drops only the very same object seen
    again. Any other ``by`` raises ValueError.
    """
    if by == "equality":
        kept: list[Any] = []
        for item in items:
            # `in` on a list checks `is` first, then `==`: the same NaN object counts as a
            # duplicate, while two different NaN objects never compare equal.
            if item not in kept:
                kept.append(item)
        return kept
    if by == "identity":
        # Every id in `seen` belongs to an object held in `unique`, so no id can be reused.
        seen: set[int] = set()
        unique = []
        for item in items:
            if id(item) not in seen:
                seen.add(id(item))
                unique.append(item)
        return unique
    raise ValueError(f"by must be 'equality' or 'identity', got {by!r}")
