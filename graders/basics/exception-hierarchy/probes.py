"""Probes for basics/exception-hierarchy: they run in the sandbox beside errors.py."""

from __future__ import annotations

import copy
import pickle

from pykata_sandbox.probing import outcome, raised, run_in_thread


def _build(mod, name):
    """Build one domain exception the way the README's examples do."""
    if name == "ValidationError":
        return mod.ValidationError("age", "must be positive")
    if name == "NotFoundError":
        return mod.NotFoundError("user", 42)
    return mod.OverdraftError(requested=500, available=100)


_ATTRIBUTES = {
    "ValidationError": ("field", "message"),
    "NotFoundError": ("kind", "key"),
    "OverdraftError": ("requested", "available"),
}


def _describe(error, name):
    return {
        "type": type(error).__name__,
        "attributes": {attr: getattr(error, attr, "<missing>") for attr in _ATTRIBUTES[name]},
        "str": str(error),
    }


def domain_error(mod, name):
    """Build, raise and catch one domain error with ``except AppError``."""
    error = _build(mod, name)
    try:
        raise error
    except mod.AppError as caught:
        caught_by_base = caught is error
    except Exception:
        caught_by_base = False
    return {
        **_describe(error, name),
        "caught_by_app_error": caught_by_base,
        "is_exception": isinstance(error, Exception),
    }


def round_trip(mod, name, how):
    """Copy one domain error with pickle, copy.copy or copy.deepcopy; describe the copy."""
    error = _build(mod, name)
    if how == "pickle":
        kind, value = outcome(lambda: pickle.loads(pickle.dumps(error)))
    elif how == "copy":
        kind, value = outcome(copy.copy, error)
    else:
        kind, value = outcome(copy.deepcopy, error)
    if kind == "raised":
        return {"raised": value}
    return {"raised": None, "distinct": value is not error, **_describe(value, name)}


def _chain(error):
    return {
        "type": type(error).__name__,
        "cause_type": type(error.__cause__).__name__ if error.__cause__ is not None else None,
        "suppress_context": error.__suppress_context__,
        "context_type": type(error.__context__).__name__ if error.__context__ is not None else None,
    }


def translated_with(mod, mapping_kind, raise_name):
    """Raise ``raise_name`` inside ``with translate(...)`` and describe what came out.

    ``mapping_kind`` picks the mapping: "chain" maps KeyError to a NotFoundError factory,
    "hide" maps it to ``(factory, None)``, and "ordered" maps LookupError then KeyError.
    """
    factory_got = []

    def not_found(exc):
        factory_got.append(exc)
        return mod.NotFoundError("user", exc.args[0] if exc.args else None)

    def validation(exc):
        factory_got.append(exc)
        return mod.ValidationError("input", str(exc))

    if mapping_kind == "chain":
        mapping = {KeyError: not_found, ValueError: validation}
    elif mapping_kind == "hide":
        mapping = {KeyError: (not_found, None)}
    else:
        mapping = {LookupError: validation, KeyError: not_found}
    original = {
        "KeyError": KeyError("alice"),
        "ValueError": ValueError("bad"),
        "TypeError": TypeError("odd"),
    }[raise_name]

    def run():
        with mod.translate(mapping):
            raise original

    try:
        run()
    except NotImplementedError:
        raise
    except BaseException as error:
        report = _chain(error)
        report.update(
            same_object=error is original,
            cause_is_original=error.__cause__ is original,
            context_is_original=error.__context__ is original,
            factory_got_original=factory_got == [original],
            factory_calls=len(factory_got),
            str=str(error),
        )
        return report
    return None


def nothing_raised(mod):
    """A with block that raises nothing runs to the end, and translate lets its value through."""
    steps = []
    with mod.translate({KeyError: lambda exc: mod.NotFoundError("x", 1)}):
        steps.append("body")
    steps.append("after")
    return steps


def as_decorator(mod):
    """Use translate as a decorator, twice in a row, and check the wrapped function."""
    calls = []

    @mod.translate({KeyError: lambda exc: mod.NotFoundError("account", exc.args[0])})
    def lookup(accounts, name):
        """Find an account."""
        calls.append(name)
        return accounts[name]

    accounts = {"ada": 10}
    found = lookup(accounts, "ada")
    first = raised(lookup, accounts, "bob")
    second = raised(lookup, accounts, "cyd")
    return {
        "found": found,
        "first": first,
        "second": second,
        "calls": calls,
        "name": getattr(lookup, "__name__", None),
    }


def as_decorator_chain(mod):
    """The chaining a decorated function's translated error carries."""
    original = KeyError("bob")

    @mod.translate({KeyError: lambda exc: mod.NotFoundError("account", "bob")})
    def lookup():
        raise original

    try:
        lookup()
    except NotImplementedError:
        raise
    except BaseException as error:
        return {**_chain(error), "cause_is_original": error.__cause__ is original}
    return None


def withdrawal(mod, balance, amount):
    """What withdraw(balance, amount) returned or raised, with the error's attributes."""
    try:
        return {"returned": mod.withdraw(balance, amount)}
    except NotImplementedError:
        raise
    except mod.AppError as error:
        return {
            "raised": type(error).__name__,
            "attributes": {
                attr: getattr(error, attr, "<missing>")
                for attr in ("field", "requested", "available")
                if hasattr(error, attr)
            },
            "str": str(error),
        }
    except BaseException as error:
        return {"raised": type(error).__name__, "not_app_error": True}


def _chained(kind):
    """Build a real chain of three exceptions with ``raise ... from`` or implicit chaining."""
    try:
        try:
            try:
                raise OSError("disk")
            except OSError as first:
                if kind == "cause":
                    raise ValueError("parse") from first
                raise ValueError("parse")  # noqa: B904 (implicit chaining on purpose)
        except ValueError as second:
            if kind == "cause":
                raise RuntimeError("load") from second
            raise RuntimeError("load")  # noqa: B904 (implicit chaining on purpose)
    except RuntimeError as third:
        return third


def cause_walk(mod, kind):
    """root_cause on a chain of three, built with explicit or implicit chaining."""
    top = _chained(kind)
    first = top.__context__.__context__
    found = mod.root_cause(top)
    return {"is_first": found is first, "type": type(found).__name__, "str": str(found)}


def cause_preferred(mod):
    """An exception whose __cause__ and __context__ differ: __cause__ wins."""
    cause, context, top = LookupError("cause"), OSError("context"), RuntimeError("top")
    top.__context__ = context
    top.__cause__ = cause
    found = mod.root_cause(top)
    return {"type": type(found).__name__, "is_cause": found is cause}


def suppressed(mod):
    """``raise ... from None``: root_cause stops there, as the printed traceback does."""
    try:
        try:
            raise KeyError("k")
        except KeyError:
            raise LookupError("clean") from None
    except LookupError as top:
        found = mod.root_cause(top)
        return {"type": type(found).__name__, "is_top": found is top}


def alone(mod):
    """An exception with no chain is its own root cause."""
    error = ValueError("alone")
    return mod.root_cause(error) is error


def cyclic(mod, shape):
    """root_cause on a cyclic chain, run in a thread so an endless walk is seen as data."""
    a, b, c = ValueError("a"), KeyError("b"), OSError("c")
    if shape == "cause":
        a.__cause__, b.__cause__, c.__cause__ = b, c, a
    elif shape == "context":
        a.__context__, b.__context__, c.__context__ = b, c, a
    else:  # self
        a.__cause__ = a
    kind, value = run_in_thread(lambda: mod.root_cause(a), 1.0)
    if kind == "returned":
        return {"kind": kind, "str": str(value), "type": type(value).__name__}
    return {"kind": kind, "detail": value}
