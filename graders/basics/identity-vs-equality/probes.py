"""Probes for basics/identity-vs-equality: they run in the sandbox and return plain data.

Identity cannot cross the sandbox boundary, so the probes compare objects with `is` here and
report the answers as booleans.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import MutableMapping

from pykata_sandbox.probing import outcome, raised


class Hostile:
    """A key that refuses to be compared or hashed, and counts every attempt."""

    attempts = 0

    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        Hostile.attempts += 1
        raise RuntimeError("a key's __eq__ was called")

    def __hash__(self):
        Hostile.attempts += 1
        raise RuntimeError("a key's __hash__ was called")

    def __repr__(self):
        return f"Hostile({self.name!r})"


class Temporary:
    """A key that can be watched through a weakref."""


def equal_lists(mod):
    """Two equal but distinct lists as keys, then a lookup with a third equal list."""
    first, second = [1, 2], [1, 2]
    table = mod.IdentityDict()
    table[first] = "first"
    table[second] = "second"
    return {
        "len": len(table),
        "first": table[first],
        "second": table[second],
        "third_lookup": raised(lambda: table[[1, 2]]),
        "third_in": [1, 2] in table,
        "first_in": first in table,
    }


def hostile_keys(mod):
    """Use keys whose __eq__ and __hash__ raise, through the whole mapping interface."""
    Hostile.attempts = 0
    a, b, c = Hostile("a"), Hostile("b"), Hostile("c")
    steps = {}

    def run():
        table = mod.IdentityDict()
        table[a] = 1
        table[b] = 2
        table[a] = 10
        steps["get"] = table[a]
        steps["in"] = (b in table, c in table)
        steps["len"] = len(table)
        steps["iter"] = [key is a or key is b for key in table]
        steps["pop"] = table.pop(b)
        del table[a]
        steps["len_after"] = len(table)

    result = outcome(run)
    return {
        "outcome": result if result[0] == "raised" else None,
        "steps": steps,
        "attempts": Hostile.attempts,
    }


def original_keys(mod):
    """Iteration and keys() give back the very objects that were inserted."""
    key = [1]
    other = {"k": 1}
    table = mod.IdentityDict()
    table[key] = "v"
    table[other] = "w"
    keys = list(table)
    return {
        "first_is_key": bool(keys) and keys[0] is key,
        "all_originals": len(keys) == 2 and keys[0] is key and keys[1] is other,
        "items": outcome(lambda: [(k is key or k is other, v) for k, v in table.items()]),
        "types": [type(k).__name__ for k in keys],
    }


def keeps_keys_alive(mod):
    """Insert a key that nothing else refers to; is it still alive after a collection?"""
    table = mod.IdentityDict()
    key = Temporary()
    watcher = weakref.ref(key)
    table[key] = "value"
    del key
    gc.collect()
    alive = watcher() is not None
    found = alive and watcher() in table and table[watcher()] == "value"
    return {"alive": alive, "found": found}


def mapping_behaviour(mod):
    a, b = [0], [0]
    table = mod.IdentityDict([(a, "A"), (b, "B")])
    report = {"len_from_pairs": len(table)}
    table[a] = "A2"
    report["len_after_update"] = len(table)
    report["a_after_update"] = table[a]
    report["get_missing"] = table.get([0], "default")
    report["pop_missing"] = table.pop([0], "default")
    report["pop_b"] = table.pop(b)
    report["len_after_pop"] = len(table)
    report["del_missing"] = raised(lambda: table.__delitem__([0]))
    report["pop_missing_no_default"] = raised(lambda: table.pop([0]))
    del table[a]
    report["len_after_del"] = len(table)
    report["is_mutable_mapping"] = isinstance(table, MutableMapping)
    return report


def representation(mod):
    empty = mod.IdentityDict()
    single = mod.IdentityDict([([1], "a")])
    return {"empty": repr(empty), "single": repr(single)}


def deduped(mod, case):
    """dedupe on a named input built here; reports the result and which objects were kept."""
    nan = float("nan")
    one, one_float = 1, 1.0
    lists = [[1], [1], [2]]
    cases = {
        "[1, 1.0, True]": ([one, one_float, True], {}),
        "[1, 1.0, True] by identity": ([one, one_float, True], {"by": "identity"}),
        "[[1], [1], [2]]": (lists, {}),
        "[[1], [1], [2]] by identity": (lists, {"by": "identity"}),
        "the same NaN object twice": ([nan, nan], {}),
        "two different NaN objects": ([float("nan"), float("nan")], {}),
        "the same NaN object twice by identity": ([nan, nan], {"by": "identity"}),
        "a generator of 3, 1, 3, 2, 1": ((n for n in (3, 1, 3, 2, 1)), {}),
        "an empty list": ([], {}),
    }
    items, options = cases[case]
    source = list(items) if isinstance(items, list) else None
    result = mod.dedupe(items, **options)
    kept_originals = None
    if source is not None and isinstance(result, list):
        kept_originals = [any(r is s for s in source) for r in result]
    return {
        "type": type(result).__name__,
        "value": list(result) if isinstance(result, list) else None,
        "kept_originals": kept_originals,
        "first_is_first": bool(result) and source is not None and result[0] is source[0],
    }


def dedupe_bad_mode(mod):
    return raised(lambda: mod.dedupe([1, 2], by="hash"))
