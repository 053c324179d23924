"""Probes for basics/pattern-matching: they run in the sandbox beside robot.py."""

from __future__ import annotations

from collections import OrderedDict

from pykata_sandbox.probing import outcome


def _build(mod, message):
    """Turn a message description into the object sent to dispatch.

    ``("data", value)`` is sent as is, ``("point", x, y)`` becomes ``mod.Point(x, y)`` and
    ``("ordered", pairs)`` an OrderedDict, a Mapping that is not a dict.
    """
    tag, *rest = message
    if tag == "point":
        return mod.Point(*rest)
    if tag == "ordered":
        return OrderedDict(rest[0])
    return rest[0]


def replies(mod, messages):
    """What dispatch answered for each message, as ("returned", str) or ("raised", Raised)."""
    return [outcome(mod.dispatch, _build(mod, message)) for message in messages]


def kinds(mod, values):
    """What kind answered for each value."""
    return [outcome(mod.kind, value) for value in values]


def kind_of_subclasses(mod):
    """kind() of values whose classes derive from the built-in ones."""

    class Celsius(int):
        pass

    class Registry(dict):
        pass

    return [outcome(mod.kind, value) for value in (Celsius(20), Registry(a=1), 2.5, None)]
