"""Probes for basics/repl-session: they run in the sandbox beside repl.py and return plain data."""

from __future__ import annotations

from pykata_sandbox.probing import outcome


def session(mod, snippets, names=(), bound=False):
    """Run `snippets` in one new Session; report each outcome, and on request the histories of
    `names` and the names bound (so a test of run() does not depend on the other methods)."""
    repl = mod.Session()
    outcomes = [outcome(repl.run, snippet) for snippet in snippets]
    return {
        "outcomes": outcomes,
        "history": {name: repl.type_history(name) for name in names},
        "bound": sorted(repl.namespace) if bound else None,
    }


def side_effects(mod):
    """Append to a list from a statement, then from a final expression; report the list."""
    repl = mod.Session()
    repl.run("log = []")
    statement = outcome(repl.run, "log.append(1)\nlen(log)")
    after_statement = repl.run("list(log)")
    expression = outcome(repl.run, "log.append(2)")
    return {
        "statement": statement,
        "after_statement": after_statement,
        "expression": expression,
        "after_expression": repl.run("list(log)"),
    }


def returned_history_is_a_copy(mod):
    repl = mod.Session()
    repl.run("v = 1")
    first = repl.type_history("v")
    if isinstance(first, list):
        first.append("changed by the caller")
    return {"first_type": type(first).__name__, "again": repl.type_history("v")}


def namespace_view(mod):
    """Bind a name, then look at the namespace and try to write into it."""
    repl = mod.Session()
    repl.run("x = 5")
    view = repl.namespace
    has_builtins = "__builtins__" in view
    x = view.get("x")

    def write():
        view["x"] = 99

    write_outcome = outcome(write)
    return {
        "has_builtins": has_builtins,
        "x": x,
        "write": write_outcome if write_outcome[0] == "raised" else ("returned", None),
        "x_after": repl.run("x"),
    }
