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
        raise NotImplementedError("write IdentityDict.__init__")

    def __getitem__(self, key: Any) -> Any:
        raise NotImplementedError("write IdentityDict.__getitem__")

    def __setitem__(self, key: Any, value: Any) -> None:
        raise NotImplementedError("write IdentityDict.__setitem__")

    def __delitem__(self, key: Any) -> None:
        raise NotImplementedError("write IdentityDict.__delitem__")

    def __iter__(self) -> Iterator[Any]:
        raise NotImplementedError("write IdentityDict.__iter__")

    def __len__(self) -> int:
        raise NotImplementedError("write IdentityDict.__len__")

    def __repr__(self) -> str:
        raise NotImplementedError("write IdentityDict.__repr__")


def dedupe(items: Iterable[Any], *, by: str = "equality") -> list[Any]:
    """Return the items without duplicates, keeping each first occurrence, in order.

    ``by="equality"`` drops an item that ``is`` or ``==`` an item already kept (the rule ``in``
    uses), so unhashable items work. ``by="identity"`` drops only the very same object seen
    again. Any other ``by`` raises ValueError.
    """
    raise NotImplementedError("write dedupe()")
