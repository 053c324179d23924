"""Probes for basics/assertions-and-debug: they run in the sandbox beside contracts.py.

The checks under ``python -O`` need a fresh interpreter, because ``__debug__`` is fixed when an
interpreter starts. ``optimized`` starts one with ``sys.executable``, imports the learner's module
there, and reads back a JSON report from its output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from pykata_sandbox.probing import outcome

# Runs in the child interpreter: argv[1] is the module's folder, argv[2] its name.
_CHILD = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
report = {"debug": __debug__, "unwritten": []}

def observe(label, fn, *args):
    try:
        value = fn(*args)
    except NotImplementedError:
        report["unwritten"].append(label)
        return ["unwritten", None]
    except BaseException as error:
        return ["raised", type(error).__name__, [c.__name__ for c in type(error).__mro__]]
    return ["returned", value if type(value) in (int, bool, str, type(None)) else repr(value)]

mod = __import__(sys.argv[2])
report["validate"] = [
    [repr(value), observe("validate_age", mod.validate_age, value)]
    for value in (30, 0, -1, 151, "5", True, 2.0)
]
evaluated = []

def pre(x):
    evaluated.append("pre")
    print("@@PRE-EVALUATED@@")
    return False

def post(result):
    evaluated.append("post")
    print("@@POST-EVALUATED@@")
    return False

def double(x):
    return 2 * x

built = []
made = observe("contract", lambda: built.append(mod.contract(pre=pre, post=post)(double)))
if built:
    report["is_original"] = built[0] is double
    report["call"] = observe("contract", built[0], 21)
else:
    report["is_original"] = None
    report["call"] = made
report["evaluated"] = evaluated
print("@@RESULT@@" + json.dumps(report))
"""


# One -O run serves every test of the kata: the learner's file does not change during a run.
_optimized_runs: dict[str, dict] = {}


def optimized(mod, part):
    """Import contracts.py in a fresh ``python -O`` and report what validate_age and contract do.

    ``part`` names the function the calling test is about: if it is not written yet, the probe
    raises NotImplementedError so the learner is told so. The child gets the sandbox's own
    isolation flags (-I -S -B) plus -O, and a bare environment.
    """
    if mod.__file__ not in _optimized_runs:
        _optimized_runs[mod.__file__] = _run_optimized(mod)
    report = _optimized_runs[mod.__file__]
    if part in report.get("unwritten", ()):
        raise NotImplementedError(f"{part}() is not written yet")
    return {key: value for key, value in report.items() if key != "unwritten"}


def _run_optimized(mod):
    folder = os.path.dirname(os.path.abspath(mod.__file__))
    command = [sys.executable, "-I", "-S", "-B", "-O", "-c", _CHILD, folder, mod.__name__]
    env = {"PATH": os.environ.get("PATH", "")}
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=8, env=env)
    except subprocess.TimeoutExpired:
        return {"hung": True}
    lines = done.stdout.splitlines()
    results = [line for line in lines if line.startswith("@@RESULT@@")]
    printed = "\n".join(line for line in lines if not line.startswith("@@RESULT@@"))
    if not results:
        return {"hung": False, "failed": True, "stderr": done.stderr[-600:]}
    report = json.loads(results[-1][len("@@RESULT@@") :])
    return {
        "hung": False,
        "failed": False,
        "unwritten": report["unwritten"],
        "debug": report["debug"],
        "validate": {value: tuple(seen) for value, seen in report["validate"]},
        "is_original": report["is_original"],
        "call": tuple(report["call"]),
        "evaluated": report["evaluated"],
        "markers_printed": "EVALUATED@@" in printed,
    }


def contract_debug(mod, pre_ok, post_ok, raise_inside=False):
    """Decorate a recording function with contract() in debug mode and call it once.

    ``pre_ok`` and ``post_ok`` are what the predicates answer (None: no predicate at all). The
    answers are truthy or falsy non-bools (1 or 0) to check that truthiness is what counts.
    """
    seen = {"pre": [], "post": [], "body": []}

    def pre(*args, **kwargs):
        seen["pre"].append((args, kwargs))
        return 1 if pre_ok else 0

    def post(result):
        seen["post"].append(result)
        return 1 if post_ok else 0

    def transfer(amount, *, to="savings"):
        """Move money."""
        seen["body"].append((amount, to))
        if raise_inside:
            raise LookupError("no such account")
        return amount * 2

    decorated = mod.contract(
        pre=pre if pre_ok is not None else None,
        post=post if post_ok is not None else None,
    )(transfer)
    kind, value = outcome(decorated, 50, to="checking")
    return {
        "kind": kind,
        "value": value,
        **seen,
        "is_original": decorated is transfer,
        "name": getattr(decorated, "__name__", None),
        "doc": getattr(decorated, "__doc__", None),
        "wrapped_is_original": getattr(decorated, "__wrapped__", None) is transfer,
    }


def lint(mod, source):
    """What find_tuple_asserts returned for ``source`` (or raised)."""
    return outcome(mod.find_tuple_asserts, source)
