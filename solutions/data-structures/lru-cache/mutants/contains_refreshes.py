# Mistake: `in` goes through get(), so checking membership refreshes recency
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


class _Node:
    """One entry of the recency list. Sentinels are nodes too, with no key."""

    __slots__ = ("key", "next", "prev", "value")

    def __init__(self, key: Any = None, value: Any = None) -> None:
        self.key = key
        self.value = value
        self.prev: _Node = self  # a node on its own is a ring of one, never None
        self.next: _Node = self


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
        self._nodes: dict[Hashable, _Node] = {}
        # Two sentinels bound the list, so every real node has a real neighbour on each side and
        # linking or unlinking never has to special-case the ends (no `if node.prev is None`).
        # _head.next is the most recently used node, _tail.prev the least recently used.
        self._head = _Node()
        self._tail = _Node()
        self._head.next = self._tail
        self._tail.prev = self._head
        # Every read or write of the pointers happens under this lock: moving a node takes four
        # pointer writes, and a thread switch between them would leave the list torn. It is
        # reentrant because a key's own __hash__ or __eq__ runs while it is held and may use the
        # cache again.
        self._lock = threading.RLock()

    def get(self, key: Hashable, default: Any = None) -> Any:
        """Return the value stored for ``key`` and mark it most recently used, else ``default``."""
        with self._lock:
            node = self._nodes.get(key)
            if node is None:
                return default
            self._unlink(node)
            self._push_front(node)
            return node.value

    def put(self, key: Hashable, value: Any) -> None:
        """Store ``value`` under ``key`` as the most recently used entry, evicting if full."""
        with self._lock:
            node = self._nodes.get(key)  # hashes the key first, so a bad key changes nothing
            if node is not None:
                node.value = value
                self._unlink(node)
                self._push_front(node)
                return
            if self._capacity == 0:
                return
            if len(self._nodes) >= self._capacity:
                oldest = self._tail.prev
                self._unlink(oldest)
                del self._nodes[oldest.key]
            node = _Node(key, value)
            self._nodes[key] = node
            self._push_front(node)

    def __contains__(self, key: object) -> bool:
        """Tell whether ``key`` is cached, without changing its recency."""
        marker = object()
        return self.get(key, marker) is not marker

    def __len__(self) -> int:
        """The number of entries cached."""
        with self._lock:
            return len(self._nodes)

    def items(self) -> list[tuple[Hashable, Any]]:
        """A new list of ``(key, value)`` pairs, from most to least recently used."""
        with self._lock:
            pairs = []
            node = self._head.next
            while node is not self._tail:
                pairs.append((node.key, node.value))
                node = node.next
            return pairs

    def _check_invariants(self) -> None:
        """Raise AssertionError if the list and the dict disagree; return None if all is well.

        Checks that walking forward from the head and backward from the tail visit the same
        nodes in opposite orders, that those are exactly the dict's nodes, and that the cache
        holds no more than its capacity. Each walk is bounded, so a cycle cannot hang it.
        """
        with self._lock:
            size = len(self._nodes)
            if size > self._capacity:
                raise AssertionError(f"{size} entries exceed the capacity of {self._capacity}")
            forward = self._walk(self._head, self._tail, "next", size)
            backward = self._walk(self._tail, self._head, "prev", size)
            if [id(n) for n in forward] != [id(n) for n in reversed(backward)]:
                raise AssertionError("the forward and backward walks visit different nodes")
            for node in forward:
                if self._nodes.get(node.key) is not node:
                    raise AssertionError(f"the list holds a node for {node.key!r} the dict lacks")

    def _walk(self, start: _Node, end: _Node, direction: str, size: int) -> list[_Node]:
        """The nodes strictly between ``start`` and ``end``, following ``direction`` pointers."""
        nodes = []
        node = getattr(start, direction)
        while node is not end:
            if len(nodes) == size:
                raise AssertionError(
                    f"walking {direction} does not reach the other end after {size} nodes, "
                    "the number of keys in the dict"
                )
            nodes.append(node)
            node = getattr(node, direction)
        if len(nodes) != size:
            raise AssertionError(f"walking {direction} found {len(nodes)} nodes, the dict {size}")
        return nodes

    def _unlink(self, node: _Node) -> None:
        node.prev.next = node.next
        node.next.prev = node.prev

    def _push_front(self, node: _Node) -> None:
        first = self._head.next
        node.prev = self._head
        node.next = first
        first.prev = node
        self._head.next = node


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
