"""LRU cache: a dict plus a doubly linked list, and a memoizing decorator. Read README.md first."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, NamedTuple


class CacheInfo(NamedTuple):
    """What ``f.cache_info()`` returns for a function decorated with ``lru_cache``."""

    hits: int
    misses: int
    maxsize: int
    currsize: int


class LRUCache:
    """A thread-safe cache of at most ``capacity`` entries that evicts the least recently used.

    ``get`` and ``put`` make a key the most recently used; ``in`` and ``len`` do not. ``capacity``
    must be an int (TypeError otherwise) of at least 0 (ValueError otherwise); a cache of
    capacity 0 stores nothing.
    """

    def __init__(self, capacity: int) -> None:
        """Create an empty cache that holds at most ``capacity`` entries."""
        raise NotImplementedError("write LRUCache.__init__()")

    def get(self, key: Hashable, default: Any = None) -> Any:
        """Return the value stored for ``key`` and mark it most recently used, else ``default``."""
        raise NotImplementedError("write LRUCache.get()")

    def put(self, key: Hashable, value: Any) -> None:
        """Store ``value`` under ``key`` as the most recently used entry, evicting if full."""
        raise NotImplementedError("write LRUCache.put()")

    def __contains__(self, key: object) -> bool:
        """Tell whether ``key`` is cached, without changing its recency."""
        raise NotImplementedError("write LRUCache.__contains__()")

    def __len__(self) -> int:
        """The number of entries cached."""
        raise NotImplementedError("write LRUCache.__len__()")

    def items(self) -> list[tuple[Hashable, Any]]:
        """A new list of ``(key, value)`` pairs, from most to least recently used."""
        raise NotImplementedError("write LRUCache.items()")

    def _check_invariants(self) -> None:
        """Raise AssertionError if the list and the dict disagree; return None if all is well.

        Checks that walking forward from the head and backward from the tail visit the same
        nodes in opposite orders, that those are exactly the dict's nodes, and that the cache
        holds no more than its capacity. Each walk is bounded, so a cycle cannot hang it.
        """
        raise NotImplementedError("write LRUCache._check_invariants()")


def lru_cache(maxsize: int = 128, typed: bool = False) -> Any:
    """Memoize a function in an ``LRUCache`` of ``maxsize`` entries.

    Works as ``@lru_cache``, ``@lru_cache()`` and ``@lru_cache(maxsize, typed)``. The wrapper
    has ``cache_info()``, returning ``CacheInfo(hits, misses, maxsize, currsize)``, and
    ``cache_clear()``, which empties the cache and resets the counts. Keyword arguments are
    matched by name, whatever their order; with ``typed`` true, arguments of different types
    (``1`` and ``1.0``) are cached apart. ``maxsize`` must be an int of at least 0: TypeError
    or ValueError is raised by ``lru_cache`` itself.
    """
    raise NotImplementedError("write lru_cache()")
