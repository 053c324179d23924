# Mistake: keeps (key, value) pairs in a list and finds keys with ==, so equal keys collide
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
        self._pairs: list[list[Any]] = []
        for key, value in pairs:
            self[key] = value

    def _find(self, key: Any) -> int:
        for index, (stored, _) in enumerate(self._pairs):
            if stored == key:
                return index
        raise KeyError(key)

    def __getitem__(self, key: Any) -> Any:
        return self._pairs[self._find(key)][1]

    def __setitem__(self, key: Any, value: Any) -> None:
        try:
            self._pairs[self._find(key)][1] = value
        except KeyError:
            self._pairs.append([key, value])

    def __delitem__(self, key: Any) -> None:
        del self._pairs[self._find(key)]

    def __iter__(self) -> Iterator[Any]:
        return (key for key, _ in self._pairs)

    def __len__(self) -> int:
        return len(self._pairs)

    def __repr__(self) -> str:
        items = ", ".join(f"{key!r}: {value!r}" for key, value in self._pairs)
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
