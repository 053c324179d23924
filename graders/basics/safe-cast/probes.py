"""Probes for basics/safe-cast: they run in the sandbox beside casting.py and return plain data.

Types cannot cross the sandbox boundary, so tests name the target and the probe looks it up.
"""

from __future__ import annotations

from pykata_sandbox.probing import outcome

TARGETS = {
    "int": int,
    "float": float,
    "bool": bool,
    "str": str,
    "list": list,
    "tuple": tuple,
    "set": set,
    "dict": dict,
    "bytes": bytes,
    "'int' (a string)": "int",
    "None": None,
}

# Values the codec cannot carry, built here by name.
SPECIAL_VALUES = {
    "range(3)": lambda: range(3),
    "a generator of 1, 2": lambda: (n for n in (1, 2)),
    "object()": lambda: object(),
}


def _value(value, special):
    return SPECIAL_VALUES[value]() if special else value


def converted(mod, cases):
    """convert(value, target) for each (value, target name, special) case."""
    results = []
    for value, target, special in cases:
        results.append(outcome(mod.convert, _value(value, special), TARGETS[target]))
    return results


def conversion_error(mod, value, target):
    """What convert raised, with the exception's value, target and cause looked at here."""
    target_type = TARGETS[target]
    try:
        result = mod.convert(value, target_type)
    except NotImplementedError:
        raise
    except BaseException as error:  # the probe reports every outcome
        has_value = hasattr(error, "value")
        has_target = hasattr(error, "target")
        cause = error.__cause__
        return {
            "returned": None,
            "type": type(error).__name__,
            "is_value_error": isinstance(error, ValueError),
            "is_conversion_error": isinstance(error, mod.ConversionError),
            "has_value": has_value,
            "value_is_input": has_value
            and error.value == value
            and type(error.value) is type(value),
            "has_target": has_target,
            "target_is_target": has_target and error.target is target_type,
            "cause": type(cause).__name__ if cause is not None else None,
        }
    return {"returned": ("returned", result)}


def copies(mod):
    """Converting a container to its own type: is the result a new object?"""
    items = [1, 2]
    pair = (1, 2)
    numbers = {1, 2}
    return {
        "list": mod.convert(items, list) is not items,
        "set": mod.convert(numbers, set) is not numbers,
        "tuple_equal": mod.convert(pair, tuple) == pair,
    }
