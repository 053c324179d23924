"""Probes for basics/exception-flow: they run in the sandbox beside tryflow.py.

A scenario describes each stage as data: ["return", value], ["raise", "ExceptionName"] or, for
a handler, ["reraise"] (a bare `raise`). Handler types are a class name or a list of names.
"""

from __future__ import annotations

import builtins
import traceback


def _exception_class(name):
    return getattr(builtins, name)


def _types(spec):
    if isinstance(spec, str):
        return _exception_class(spec)
    return tuple(_exception_class(name) for name in spec)


def _stage(action, stage):
    """A callable acting out one stage; handlers take the exception, the others nothing."""
    kind = action[0]

    def act(*_):
        if kind == "return":
            return action[1]
        if kind == "raise":
            raise _exception_class(action[1])(stage)
        raise

    return act


def _chain(error):
    """The exception and its __context__ chain as [type name, message] pairs."""
    chain = []
    while error is not None and len(chain) < 6:
        chain.append([type(error).__name__, str(error)])
        error = error.__context__
    return chain


def _run(mod, spec, with_log):
    log = [] if with_log else None
    handlers = [
        (_types(types), _stage(action, f"handler{index}"))
        for index, (types, action) in enumerate(spec["handlers"])
    ]
    orelse = _stage(spec["orelse"], "else") if spec["orelse"] else None
    final = _stage(spec["final"], "finally") if spec["final"] else None
    try:
        value = mod.run_try(
            _stage(spec["body"], "body"),
            handlers,
            orelse,
            final,
            final_returns=spec["final_returns"],
            log=log,
        )
    except NotImplementedError:
        raise
    except BaseException as error:  # KeyboardInterrupt included: it is part of the scenario
        return {"log": log, "raised": _chain(error)}
    return {"log": log, "returned": value}


def scenarios(mod, specs, with_log=True):
    """Run each scenario through run_try and describe what happened."""
    return [_run(mod, spec, with_log) for spec in specs]


def unmatched_is_unchanged(mod):
    """An exception no handler matches: is it the same object, with the body's frame?"""
    original = LookupError("nobody handles me")

    def failing_body():
        raise original

    try:
        mod.run_try(failing_body, [(ValueError, lambda exc: "wrong")])
    except NotImplementedError:
        raise
    except BaseException as error:
        frames = [frame.name for frame in traceback.extract_tb(error.__traceback__)]
        return {
            "type": type(error).__name__,
            "same_object": error is original,
            "body_frame_kept": "failing_body" in frames,
        }
    return {"type": "nothing", "same_object": False, "body_frame_kept": False}


def handler_sees_the_exception(mod):
    original = KeyError("k")
    seen = []

    def body():
        raise original

    def handler(exc):
        seen.append(exc is original)
        return "handled"

    result = mod.run_try(body, [(LookupError, handler)])
    return {"result": result, "seen": seen}


def handler_raises(mod, bare):
    """A handler raises a new exception (or re-raises with a bare `raise`)."""
    original = ValueError("from body")

    def body():
        raise original

    def handler(exc):
        if bare:
            raise
        raise RuntimeError("from handler")

    try:
        mod.run_try(body, [(ValueError, handler)])
    except NotImplementedError:
        raise
    except BaseException as error:
        return {
            "type": type(error).__name__,
            "message": str(error),
            "is_original": error is original,
            "context_is_original": error.__context__ is original,
            "context": type(error.__context__).__name__ if error.__context__ else None,
        }
    return {
        "type": "nothing",
        "message": "",
        "is_original": False,
        "context_is_original": False,
        "context": None,
    }


def final_raises(mod, body_raises):
    """final raises while the body's exception is (or is not) in flight."""
    original = ValueError("from body")

    def body():
        if body_raises:
            raise original
        return 1

    def final():
        raise OSError("from final")

    try:
        mod.run_try(body, [(KeyError, lambda exc: "wrong")], None, final)
    except NotImplementedError:
        raise
    except BaseException as error:
        return {
            "type": type(error).__name__,
            "context_is_original": error.__context__ is original,
            "context": type(error.__context__).__name__ if error.__context__ else None,
        }
    return {"type": "nothing", "context_is_original": False, "context": None}
