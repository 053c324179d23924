"""Graders for context-managers/context-manager."""

from __future__ import annotations

import pytest

from pykata.grading import same

# The store every probe starts from, and what "the usual changes" (name = "grace", year = 1906,
# del spare, config["limits"].append(3)) turn it into.
START = {"name": "ada", "tags": ["math"], "config": {"depth": 1, "limits": [1, 2]}, "spare": 0}
COMMITTED = {
    "name": "grace",
    "tags": ["math"],
    "config": {"depth": 1, "limits": [1, 2, 3]},
    "year": 1906,
}
CHANGES = (
    'tx["name"] = "grace", tx["year"] = 1906, del tx["spare"], tx["config"]["limits"].append(3)'
)


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_a_clean_exit_commits_the_working_copy_to_the_store(kata):
    seen = kata.probe("clean_exit", start=START)
    assert same(COMMITTED, seen["after"]), (
        f"after {CHANGES} and a normal exit, the store should be {COMMITTED}, "
        f"but it is {seen['after']}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_the_store_is_untouched_until_the_block_exits(kata):
    seen = kata.probe("clean_exit", start=START)
    during = seen["during"]
    only_nested = during != START and {**during, "config": None} == {**START, "config": None}
    why = " (only a nested list changed: is the working copy a deep copy?)" if only_nested else ""
    assert same(START, during), (
        f"inside the with block, after {CHANGES}, the store itself should still be {START}: "
        f"changes go to a working copy until the commit. It was {during}{why}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(2)
def test_the_handle_reads_its_own_writes(kata):
    view = kata.probe("clean_exit", start=START)["view"]
    expected = {"name": "grace", "year": 1906, "spare_in": False, "limits": [1, 2, 3]}
    assert same(expected, view), (
        f"after {CHANGES}, the handle should show the working copy: tx['name'], tx.get('year'), "
        f"'spare' in tx and tx['config']['limits'] should be {expected}, got {view}"
    )


@pytest.mark.points(1)
def test_a_missing_key_raises_key_error_and_get_returns_the_default(kata):
    seen = kata.probe("missing_keys", start=START)
    for action in ("read", "delete"):
        code = 'tx["nope"]' if action == "read" else 'del tx["nope"]'
        error = seen[action]
        assert error is not None, (
            f"{code} on a key the working copy lacks should raise KeyError, but it raised nothing"
        )
        assert error.is_a("KeyError"), (
            f"{code} on a key the working copy lacks should raise KeyError, but it raised {error}"
        )
    assert seen["contains"] is False, f"'nope' in tx should be False, got {seen['contains']!r}"
    assert seen["get"] is None, f"tx.get('nope') should return None, got {seen['get']!r}"
    assert same(7, seen["get_default"]), (
        f"tx.get('nope', 7) should return 7, got {seen['get_default']!r}"
    )
    assert same(START, seen["after"]), (
        f"a block that only read should leave the store as it was, {START}; it is {seen['after']}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_an_exception_restores_the_exact_prior_state_and_propagates(kata):
    seen = kata.probe("exception_inside", start=START, direct=False)
    error = seen["raised"]
    assert error is not None, (
        "a ValueError raised inside the with block should propagate out of it, but the with "
        "statement raised nothing"
    )
    assert error.is_a("ValueError"), (
        "a ValueError raised inside the with block should propagate out of it, but the with "
        f"statement raised {error}"
    )
    assert same(START, seen["store"]), (
        f"after {CHANGES} and then a ValueError, the store should be back to exactly {START}, "
        f"nested values included; it is {seen['store']}"
    )
    assert seen["same_object"], (
        "the exception that comes out of the with statement should be the very object raised "
        "inside it, not a new or wrapped one"
    )


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_an_exception_also_undoes_writes_made_straight_to_the_store(kata):
    seen = kata.probe("exception_inside", start=START, direct=True)
    assert seen["same_object"], (
        "a ValueError raised inside the with block should propagate out of it unchanged; "
        f"what came out was {seen['raised'] or 'nothing'}"
    )
    assert same(START, seen["store"]), (
        'the block wrote to the store directly (store["direct"] = True and '
        'store["config"]["depth"] = 99) before raising ValueError; rolling back restores the '
        f"snapshot taken on entry, deep copy and all, so the store should be {START}, "
        f"but it is {seen['store']}"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize("subclass", [False, True], ids=["rollback", "rollback-subclass"])
@pytest.mark.hint(4)
def test_rollback_is_swallowed_and_the_code_after_the_block_runs(kata, subclass):
    seen = kata.probe("rollback_inside", start=START, subclass=subclass)
    what = "a subclass of Rollback" if subclass else "Rollback"
    assert seen["raised"] is None, (
        f"{what} raised inside the block should be swallowed by the with statement, "
        f"but {seen['raised']} escaped"
    )
    assert seen["steps"] == ["raise", "after the with block"], (
        f"after {what} is swallowed, the code after the with block should run; "
        f"the steps seen were {seen['steps']}"
    )
    assert same(START, seen["store"]), (
        f"{what} should undo {CHANGES}, leaving the store as {START}; it is {seen['store']}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_exit_returns_true_only_for_rollback(kata):
    results = kata.probe("exit_results")
    for label in ("ValueError", "KeyError", "no exception"):
        assert not results[label]["truthy"], (
            f"__exit__ returned {results[label]['repr']} for {label}: a true value tells the "
            "with statement to swallow the exception, so it must be falsy unless it is Rollback"
        )
    assert results["Rollback"]["truthy"], (
        f"__exit__ returned {results['Rollback']['repr']} for Rollback; it should return True "
        "so that the with statement swallows it"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize("kind", ["KeyboardInterrupt", "SystemExit"])
@pytest.mark.hint(4)
def test_keyboard_interrupt_and_system_exit_roll_back_and_propagate(kata, kind):
    seen = kata.probe("interrupted", start=START, kind=kind)
    error = seen["raised"]
    assert error is not None, (
        f"{kind} raised inside the block should propagate out of the with statement, but it "
        f"raised nothing"
    )
    assert error.is_a(kind), (
        f"{kind} raised inside the block should propagate out of the with statement, but it "
        f"raised {error}"
    )
    assert seen["same_object"], f"the {kind} that propagates should be the very object raised"
    assert same(START, seen["store"]), (
        f"{kind} is not an Exception subclass but still ends the block early: it should roll "
        f"back like any error, leaving the store as {START}; it is {seen['store']}"
    )
    late = seen["late_read"]
    assert late is not None, (
        f"after {kind} ended the block, using the handle should raise RuntimeError, but it "
        f"raised nothing"
    )
    assert late.is_a("RuntimeError"), (
        f"after {kind} ended the block, using the handle should raise RuntimeError, but it "
        f"raised {late}"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize("how", ["error", "rollback"])
@pytest.mark.hint(6)
def test_a_failed_savepoint_undoes_only_its_own_changes(kata, how):
    seen = kata.probe("failed_savepoint", start=START, how=how)
    failure = "a ValueError" if how == "error" else "Rollback"
    assert seen["is_transaction"], "tx.savepoint() should return a Transaction"
    if how == "error":
        assert seen["same_object"], (
            "the ValueError raised inside the savepoint should propagate out of it unchanged; "
            f"what came out was {seen['raised'] or 'nothing'}"
        )
    else:
        assert seen["raised"] is None, (
            f"Rollback inside a savepoint should be swallowed there, but {seen['raised']} escaped"
        )
    assert seen["inner_saw"] == ["grace"], (
        'the savepoint works on the outer working copy, so it should see name = "grace" set '
        f"by the outer block; it saw {seen['inner_saw']}"
    )
    expected_view = {"name": "grace", "year": None, "spare_in": True, "limits": [1, 2]}
    assert same(expected_view, seen["outer_view"]), (
        f"after {failure} in the savepoint, the outer handle should see only the outer change: "
        f"{expected_view}, but it sees {seen['outer_view']}"
    )
    expected = {**START, "name": "grace", "tags": ["logic"]}
    assert same(expected, seen["store"]), (
        f"the savepoint failed ({failure}) but the outer block went on and exited normally, so "
        f"the outer changes should be committed and only the savepoint's undone: expected "
        f"{expected}, got {seen['store']}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(6)
def test_a_committed_savepoint_reaches_the_store_with_the_outer_commit(kata):
    seen = kata.probe("committed_savepoint", start=START, then_fail=False)
    view = {"year": 1906, "limits": [1, 2, 3]}
    assert same(view, seen["outer_view"]), (
        "after a savepoint set year = 1906 and appended 3 to the limits and exited normally, "
        f"the outer handle should see {view}, but it sees {seen['outer_view']}"
    )
    assert same(START, seen["store_during"]), (
        "a committed savepoint writes into the outer working copy, not the store: until the "
        f"outer block ends the store should stay {START}, but it was {seen['store_during']}"
    )
    expected = {**COMMITTED, "spare": 0}
    assert same(expected, seen["store"]), (
        f"the outer commit should carry the savepoint's changes: expected {expected}, "
        f"got {seen['store']}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(6)
def test_an_outer_failure_undoes_a_committed_savepoint_too(kata):
    seen = kata.probe("committed_savepoint", start=START, then_fail=True)
    assert seen["same_object"], (
        "the ValueError raised in the outer block should propagate unchanged; "
        f"what came out was {seen['raised'] or 'nothing'}"
    )
    assert same(START, seen["store"]), (
        "a savepoint committed, then the outer block raised ValueError: everything, the "
        f"savepoint's changes included, should be undone, leaving {START}; got {seen['store']}"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize("ending", ["commit", "error", "rollback"])
def test_a_handle_is_unusable_after_the_block_exits(kata, ending):
    seen = kata.probe("after_exit", start=START, ending=ending)
    how = {"commit": "normally", "error": "with a ValueError", "rollback": "with Rollback"}[ending]
    for action, error in seen["attempts"].items():
        assert error is not None, (
            f"after the block ended {how}, {action} should raise RuntimeError, but it "
            f"raised nothing"
        )
        assert error.is_a("RuntimeError"), (
            f"after the block ended {how}, {action} should raise RuntimeError, but it "
            f"raised {error}"
        )
    expected = {**START, "name": "grace"} if ending == "commit" else START
    assert same(expected, seen["store"]), (
        f"using a dead handle must not touch the store: expected {expected}, got {seen['store']}"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize("when", ["after", "inside"])
def test_a_transaction_cannot_be_entered_twice(kata, when):
    seen = kata.probe("enter_twice", start=START, when=when)
    moment = "after its block ended" if when == "after" else "inside its own with block"
    error = seen["second"]
    assert error is not None, (
        f"entering the same Transaction again {moment} should raise RuntimeError, but it "
        f"raised nothing"
    )
    assert error.is_a("RuntimeError"), (
        f"entering the same Transaction again {moment} should raise RuntimeError, but it "
        f"raised {error}"
    )
    expected = {**START, "name": "grace"}
    if when == "inside":
        expected["year"] = 1906
    assert same(expected, seen["store"]), (
        f"the refused second entry should not disturb the first transaction, which commits "
        f"{expected}; the store is {seen['store']}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(5)
def test_a_failed_commit_rolls_back_and_propagates(kata):
    seen = kata.probe("commit_fails", start=START)
    error = seen["raised"]
    assert seen["refused"] > 0, (
        "the block set tx[42], and the store refuses keys that are not str, yet the store was "
        "never asked to take it: the commit should write the working copy into the store"
    )
    assert error is not None, (
        "the store refused the key 42 with a TypeError, which should propagate out of the with "
        "statement, but it raised nothing"
    )
    assert error.is_a("TypeError"), (
        "the store refused the key 42 with a TypeError, which should propagate out of the with "
        f"statement, but it raised {error}"
    )
    assert seen["same_object"], (
        "the TypeError from the store should propagate unchanged, as the very same object"
    )
    assert same(START, seen["store"]), (
        "the commit failed part-way, so the store must be rolled back to what it held before "
        f"the block, {START}, not left half-written; it is {seen['store']}"
    )
