"""Probes for the transaction context manager: they run in the sandbox and report what they saw.

Every probe gets its starting store from the test, so the expected results live in the tests.
The changes a probe makes are listed in its docstring.
"""

from __future__ import annotations

import copy
import operator

from pykata_sandbox.probing import outcome, raised


def _run(block, failures=()):
    """Run ``block``; report what escaped it and whether that was the last of ``failures``.

    ``failures`` may be a list the block fills while it runs; it is read after the block.
    """
    escaped = []

    def watched():
        try:
            block()
        except BaseException as error:
            escaped.append(error)
            raise

    kind, value = outcome(watched)
    if escaped and isinstance(escaped[0], NotImplementedError):
        raise escaped[0]  # unfinished code: let the grader say so plainly
    return {
        "raised": value if kind == "raised" else None,
        "same_object": bool(escaped and failures) and escaped[0] is failures[-1],
    }


def _edit(tx):
    """The usual changes: a new value, a new key, a deletion and a nested append."""
    tx["name"] = "grace"
    tx["year"] = 1906
    del tx["spare"]
    tx["config"]["limits"].append(3)


def clean_exit(mod, start):
    """Make the usual changes and leave the block normally.

    Reports the store during the block, the handle's view of its own writes, and the store after.
    """
    store = start
    transaction = mod.Transaction(store)
    with transaction as tx:
        _edit(tx)
        during = copy.deepcopy(store)
        view = {
            "name": tx["name"],
            "year": tx.get("year"),
            "spare_in": "spare" in tx,
            "limits": list(tx["config"]["limits"]),
        }
    return {"during": during, "view": view, "after": store}


def missing_keys(mod, start):
    """Read, get, test and delete a key the store does not have."""
    store = start
    transaction = mod.Transaction(store)
    with transaction as tx:
        seen = {
            "read": raised(lambda: tx["nope"]),
            "delete": raised(operator.delitem, tx, "nope"),
            "contains": "nope" in tx,
            "get": tx.get("nope"),
            "get_default": tx.get("nope", 7),
        }
    seen["after"] = store
    return seen


def exception_inside(mod, start, direct):
    """Make the usual changes, then raise ValueError inside the block.

    With ``direct``, the block also writes straight to the store before raising: it adds the key
    "direct" and sets store["config"]["depth"] to 99.
    """
    store = start
    failure = ValueError("something broke")
    transaction = mod.Transaction(store)

    def block():
        with transaction as tx:
            _edit(tx)
            if direct:
                store["direct"] = True
                store["config"]["depth"] = 99
            raise failure

    seen = _run(block, [failure])
    seen["store"] = store
    return seen


def rollback_inside(mod, start, subclass):
    """Make the usual changes, then raise Rollback (or a subclass of it) inside the block."""
    store = start

    class Abandon(mod.Rollback):
        pass

    failure = (Abandon if subclass else mod.Rollback)("never mind")
    transaction = mod.Transaction(store)
    steps = []

    def block():
        with transaction as tx:
            _edit(tx)
            steps.append("raise")
            raise failure
        steps.append("after the with block")

    seen = _run(block, [failure])
    seen.update(store=store, steps=steps)
    return seen


def exit_results(mod):
    """Call __enter__ and __exit__ by hand and report what __exit__ returned for each ending."""
    endings = {
        "ValueError": ValueError("bad value"),
        "KeyError": KeyError("missing"),
        "Rollback": mod.Rollback("never mind"),
        "no exception": None,
    }
    results = {}
    for label, error in endings.items():
        transaction = mod.Transaction({"name": "ada"})
        transaction.__enter__()
        if error is None:
            value = transaction.__exit__(None, None, None)
        else:
            try:
                raise error
            except BaseException as caught:
                value = transaction.__exit__(type(caught), caught, caught.__traceback__)
        results[label] = {"truthy": bool(value), "repr": repr(value)[:80]}
    return results


def interrupted(mod, start, kind):
    """Make the usual changes, then raise KeyboardInterrupt or SystemExit inside the block."""
    store = start
    failure = KeyboardInterrupt() if kind == "KeyboardInterrupt" else SystemExit(3)
    transaction = mod.Transaction(store)
    handles = []

    def block():
        with transaction as tx:
            handles.append(tx)
            _edit(tx)
            raise failure

    seen = _run(block, [failure])
    seen["store"] = copy.deepcopy(store)
    seen["late_read"] = raised(lambda: handles[0]["name"]) if handles else None
    return seen


def failed_savepoint(mod, start, how):
    """Inside a transaction: set name, then open a savepoint that adds "year", deletes "spare",
    appends 3 to config.limits and fails (ValueError caught around it, or Rollback). Then the
    outer block sets "tags" and exits normally.
    """
    store = start
    failure = ValueError("savepoint broke") if how == "error" else mod.Rollback("undo")
    transaction = mod.Transaction(store)
    with transaction as tx:
        tx["name"] = "grace"
        point = tx.savepoint()
        is_transaction = isinstance(point, mod.Transaction)
        inner_saw = []

        def inner_block():
            with point as inner:
                inner_saw.append(inner["name"])
                inner["year"] = 1906
                del inner["spare"]
                inner["config"]["limits"].append(3)
                raise failure

        seen = _run(inner_block, [failure])
        seen["outer_view"] = {
            "name": tx["name"],
            "year": tx.get("year"),
            "spare_in": "spare" in tx,
            "limits": list(tx["config"]["limits"]),
        }
        tx["tags"] = ["logic"]
    seen.update(store=store, is_transaction=is_transaction, inner_saw=inner_saw)
    return seen


def committed_savepoint(mod, start, then_fail):
    """Inside a transaction: set name, then a savepoint adds "year" and appends 3 to
    config.limits and exits normally. With ``then_fail`` the outer block then raises ValueError.
    """
    store = start
    failure = ValueError("outer broke")
    transaction = mod.Transaction(store)
    seen = {}

    def block():
        with transaction as tx:
            tx["name"] = "grace"
            with tx.savepoint() as inner:
                inner["year"] = 1906
                inner["config"]["limits"].append(3)
            seen["outer_view"] = {"year": tx.get("year"), "limits": list(tx["config"]["limits"])}
            seen["store_during"] = copy.deepcopy(store)
            if then_fail:
                raise failure

    seen.update(_run(block, [failure] if then_fail else []))
    seen["store"] = store
    return seen


def after_exit(mod, start, ending):
    """Leave the block by ``ending`` ("commit", "error" or "rollback"), then use the handle."""
    store = start
    failure = {"commit": None, "error": ValueError("broke"), "rollback": mod.Rollback()}[ending]
    transaction = mod.Transaction(store)
    try:
        with transaction as tx:
            tx["name"] = "grace"
            if failure is not None:
                raise failure
    except BaseException as error:
        if error is not failure:
            raise
    attempts = {
        "tx['name']": raised(lambda: tx["name"]),
        "tx['name'] = 'late'": raised(operator.setitem, tx, "name", "late"),
        "del tx['name']": raised(operator.delitem, tx, "name"),
        "'name' in tx": raised(operator.contains, tx, "name"),
        "tx.get('name')": raised(lambda: tx.get("name")),
        "tx.savepoint()": raised(lambda: tx.savepoint()),
    }
    return {"attempts": attempts, "store": store}


def enter_twice(mod, start, when):
    """Enter one Transaction a second time, either after its block ended or inside it."""
    store = start
    transaction = mod.Transaction(store)

    def enter_again():
        with transaction:
            pass

    if when == "after":
        with transaction as tx:
            tx["name"] = "grace"
        second = raised(enter_again)
    else:
        with transaction as tx:
            tx["name"] = "grace"
            second = raised(enter_again)
            tx["year"] = 1906
    return {"second": second, "store": store}


def commit_fails(mod, start):
    """Use a store that refuses keys that are not str, however it is written to. The block makes
    the usual changes, then sets the key 42, which the store refuses when the commit writes it.
    """
    refusals = []

    class StrictStore(dict):
        def __setitem__(self, key, value):
            if not isinstance(key, str):
                error = TypeError(f"this store takes str keys only, not {type(key).__name__}")
                refusals.append(error)
                raise error
            super().__setitem__(key, value)

        def update(self, *args, **kwargs):
            for key, value in dict(*args, **kwargs).items():
                self[key] = value

        def setdefault(self, key, default=None):
            if key not in self:
                self[key] = default
            return self[key]

        def __ior__(self, other):
            self.update(other)
            return self

    store = StrictStore(start)
    transaction = mod.Transaction(store)

    def block():
        with transaction as tx:
            _edit(tx)
            tx[42] = "answer"

    seen = _run(block, refusals)
    seen.update(store=dict(store), refused=len(refusals))
    return seen
