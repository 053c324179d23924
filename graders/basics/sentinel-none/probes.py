"""Probes for basics/sentinel-none: they run in the sandbox beside sentinels.py."""

from __future__ import annotations

import copy
import pickle
import types

from pykata_sandbox.probing import outcome


class AlwaysEqual:
    """An object that claims to equal everything, None included."""

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__


class Falsy:
    """A real value that happens to be false."""

    def __bool__(self):
        return False


def _describe(value):
    """Describe a result well enough for the test, without sending the object itself."""
    return {"type": type(value).__name__, "repr": repr(value)[:80]}


def sentinel_identity(mod):
    """Whether MISSING survives copying and pickling as the very same object."""
    missing = mod.MISSING
    pickled = {}
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        kind, value = outcome(lambda p=protocol: pickle.loads(pickle.dumps(missing, protocol=p)))
        pickled[protocol] = value is missing if kind == "returned" else value
    kind, nested = outcome(copy.deepcopy, {"a": [missing]})
    return {
        "copy": copy.copy(missing) is missing,
        "deepcopy": copy.deepcopy(missing) is missing,
        "deepcopy_nested": nested["a"][0] is missing if kind == "returned" else nested,
        "pickle": pickled,
    }


def sentinel_basics(mod):
    missing = mod.MISSING
    kind, again = outcome(type(missing))
    return {
        "repr": repr(missing),
        "is_none": missing is None,
        "second_instance": (again is not missing) if kind == "returned" else False,
        "type_name": type(missing).__name__,
    }


def setting(mod, config, key, *default):
    """get_setting on a plain dict; the result described by identity-safe data."""
    kind, value = outcome(mod.get_setting, config, key, *default)
    if kind == "raised":
        return {"raised": value}
    return {"raised": None, "value": value}


def setting_with_explicit_missing(mod):
    """Passing MISSING itself is the same as passing nothing."""
    return outcome(mod.get_setting, {}, "k", mod.MISSING)


def setting_from_mapping_proxy(mod):
    config = types.MappingProxyType({"debug": False, "level": None})
    return {
        "debug": mod.get_setting(config, "debug"),
        "level": outcome(mod.get_setting, config, "level", "info"),
        "absent": outcome(mod.get_setting, config, "absent", "fallback"),
    }


def coalesced(mod, *values):
    return mod.coalesce(*values)


def odd_values(mod):
    """coalesce and drop_none with objects that fool `==` and truthiness."""
    liar = AlwaysEqual()
    falsy = Falsy()
    first = mod.coalesce(None, liar, 5)
    second = mod.coalesce(None, falsy, 5)
    dropped = mod.drop_none({"liar": liar, "falsy": falsy, "none": None})
    return {
        "coalesce_liar": first is liar,
        "coalesce_liar_got": _describe(first),
        "coalesce_falsy": second is falsy,
        "coalesce_falsy_got": _describe(second),
        "drop_keys": list(dropped),
        "drop_same_objects": dropped.get("liar") is liar and dropped.get("falsy") is falsy,
    }


def dropped(mod, mapping):
    """drop_none on a dict: the result, and what became of the input."""
    original = dict(mapping)
    given = dict(mapping)
    result = mod.drop_none(given)
    return {
        "result": result,
        "type": type(result).__name__,
        "new_object": result is not given,
        "input_intact": given == original and list(given) == list(original),
    }


def dropped_from_proxy(mod):
    result = mod.drop_none(types.MappingProxyType({"b": None, "a": 1, "c": 0}))
    return {"result": result if type(result) is dict else None, "type": type(result).__name__}


def first_hit(mod, items, *default):
    """first_not_none over a one-shot iterator that records every item pulled from it."""
    pulled = []

    def source():
        for item in items:
            pulled.append(item)
            yield item

    return {"result": mod.first_not_none(source(), *default), "pulled": len(pulled)}


def first_hit_is_lazy(mod):
    """The iterator raises if it is advanced past its first non-None item."""
    pulled = []

    def source():
        for item in (None, None, 7):
            pulled.append(item)
            yield item
        raise RuntimeError("first_not_none advanced the iterator past the first hit")

    kind, value = outcome(mod.first_not_none, source())
    return {"kind": kind, "value": value, "pulled": len(pulled)}
