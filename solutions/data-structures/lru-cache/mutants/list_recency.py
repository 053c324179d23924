# Mistake: keeps recency in a Python list, so every get pays a linear .remove() scan
"""LRU cache: a dict plus a doubly linked list, and a memoizing decorator. Read README.md first."""

from __future__ import annotations

import functools
import threading
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
        if not isinstance(capacity, int):
            raise TypeError(f"capacity must be an int, got {type(capacity).__name__}")
        if capacity < 0:
            raise ValueError(f"capacity must be at least 0, got {capacity}")
        self._capacity = capacity
        self._values: dict[Hashable, Any] = {}
        self._order: list[Hashable] = []  # least recently used first
        self._lock = threading.RLock()

    def get(self, key: Hashable, default: Any = None) -> Any:
        """Return the value stored for ``key`` and mark it most recently used, else ``default``."""
        with self._lock:
            if key not in self._values:
                return default
            self._order.remove(key)
            self._order.append(key)
            return self._values[key]

    def put(self, key: Hashable, value: Any) -> None:
        """Store ``value`` under ``key`` as the most recently used entry, evicting if full."""
        with self._lock:
            if key in self._values:
                self._values[key] = value
                self._order.remove(key)
                self._order.append(key)
                return
            if self._capacity == 0:
                return
            if len(self._values) >= self._capacity:
                del self._values[self._order.pop(0)]
            self._values[key] = value
            self._order.append(key)

    def __contains__(self, key: object) -> bool:
        """Tell whether ``key`` is cached, without changing its recency."""
        with self._lock:
            return key in self._values

    def __len__(self) -> int:
        """The number of entries cached."""
        with self._lock:
            return len(self._values)

    def items(self) -> list[tuple[Hashable, Any]]:
        """A new list of ``(key, value)`` pairs, from most to least recently used."""
        with self._lock:
            return [(key, self._values[key]) for key in reversed(self._order)]

    def _check_invariants(self) -> None:
        """Raise AssertionError if the list and the dict disagree; return None if all is well.

        Checks that walking forward from the head and backward from the tail visit the same
        nodes in opposite orders, that those are exactly the dict's nodes, and that the cache
        holds no more than its capacity. Each walk is bounded, so a cycle cannot hang it.
        """
        with self._lock:
            if len(self._order) != len(self._values) or set(self._order) != set(self._values):
                raise AssertionError("the order list and the dict disagree")
            if len(self._values) > self._capacity:
                raise AssertionError(f"{len(self._values)} entries exceed {self._capacity}")


_MISSING = object()  # the cached value may be None, so "not cached" needs its own marker
_KWARGS = object()  # separates positional from keyword arguments inside a key


def lru_cache(maxsize: int = 128, typed: bool = False) -> Any:
    """Memoize a function in an ``LRUCache`` of ``maxsize`` entries.

    Works as ``@lru_cache``, ``@lru_cache()`` and ``@lru_cache(maxsize, typed)``. The wrapper
    has ``cache_info()``, returning ``CacheInfo(hits, misses, maxsize, currsize)``, and
    ``cache_clear()``, which empties the cache and resets the counts. Keyword arguments are
    matched by name, whatever their order; with ``typed`` true, arguments of different types
    (``1`` and ``1.0``) are cached apart. ``maxsize`` must be an int of at least 0: TypeError
    or ValueError is raised by ``lru_cache`` itself.
    """
    if callable(maxsize):
        # Bare @lru_cache: Python passed the function itself where maxsize would be.
        return lru_cache()(maxsize)
    LRUCache(maxsize)  # validates maxsize now, before any function is decorated

    def decorate(function: Any) -> Any:
        cache = LRUCache(maxsize)
        counts = threading.Lock()  # guards hits and misses: `+=` is not atomic
        hits = misses = 0

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            nonlocal hits, misses
            key = _make_key(args, kwargs, typed)
            current = cache  # cache_clear may swap in a new cache while this call runs
            result = current.get(key, _MISSING)  # an unhashable key raises TypeError here
            if result is not _MISSING:
                with counts:
                    hits += 1
                return result
            with counts:
                misses += 1
            # No lock is held while the function runs: it may call this wrapper again (a
            # recursive fib), and a non-reentrant lock held here would deadlock. The price is
            # that two threads missing the same key at once may both compute it.
            result = function(*args, **kwargs)
            current.put(key, result)
            return result

        def cache_info() -> CacheInfo:
            with counts:
                return CacheInfo(hits, misses, maxsize, len(cache))

        def cache_clear() -> None:
            nonlocal cache, hits, misses
            with counts:
                cache = LRUCache(maxsize)
                hits = misses = 0

        wrapper.cache_info = cache_info  # type: ignore[attr-defined]
        wrapper.cache_clear = cache_clear  # type: ignore[attr-defined]
        return wrapper

    return decorate


def _make_key(args: tuple[Any, ...], kwargs: dict[str, Any], typed: bool) -> tuple[Any, ...]:
    """Build a hashable key; keyword arguments are sorted by name so their order is irrelevant."""
    key = args
    ordered = sorted(kwargs.items())  # names are unique, so values are never compared
    if ordered:
        # The marker keeps f(("a", 1)) and f(a=1) apart: without it both keys are (("a", 1),).
        key += (_KWARGS, *ordered)
    if typed:
        key += tuple(type(value) for value in args)
        key += tuple(type(value) for _, value in ordered)
    return key
