"""Graders for concurrency/process-pipeline.

Two pipelines do the real work (one that succeeds, one that fails); the probes run each of them
once per sandbox and several tests judge different facts about the same run, because every
worker process is a fresh interpreter and costs a noticeable fraction of a second.
"""

from __future__ import annotations

import re

import pytest

from pykata.grading import same

COUNT = 6
ORDERED = (
    f"run_pipeline([stage0, stage1], {COUNT} items, workers_per_stage=2), where item 0 may "
    "leave stage 0 only after every other item has reached stage 1,"
)
FAILING = (
    "run_pipeline([double, check], range(12), workers_per_stage=1), where check raises "
    "BadItem('bad item 7 in stage 1') for item 7 (and another for item 9),"
)


def ended(seen, call):
    """Say how a call ended, for messages."""
    if seen["kind"] == "hung":
        return (
            f"{call} had not finished in time: the parent is waiting for something that never "
            "comes (a result lost because it could not be pickled, a worker that never got its "
            "sentinel, or a join before the queues were read)"
        )
    if seen["kind"] == "raised":
        return f"{call} raised {short(seen['error'])}"
    return f"{call} returned {seen['value']!r}"


def short(error):
    """An exception in one line: a StageError's message holds a whole remote traceback."""
    lines = error.message.strip().splitlines() or [""]
    where = f" ({error.location})" if error.location else ""
    more = " ..." if len(lines) > 1 else ""
    return f"{error.type}: {lines[0]}{more}{where}"


def expected_ordered():
    """What applying the two stages one after the other gives."""
    return [seq * 3 + 1 for seq in range(COUNT)]


# ---------------------------------------------------------------------------------------------
# A pipeline that succeeds


@pytest.mark.points(4)
@pytest.mark.hint(1)
def test_two_stages_with_two_workers_each_give_the_sequential_result(kata):
    seen = kata.probe("ordered", COUNT)
    if seen["kind"] == "raised" and "never released" in str(seen.get("remote_traceback")):
        raise AssertionError(
            f"{ORDERED} raised {short(seen['error'])}: items 1 and up never reached stage 1 while "
            "item 0 was held in stage 0. Does each stage really run workers_per_stage processes?"
        )
    assert seen["kind"] == "returned", ended(seen, ORDERED)
    assert type(seen["value"]) is list, (
        f"{ORDERED} should return a list, it returned {seen['value']!r}"
    )
    assert sorted(seen["value"]) == expected_ordered(), (
        f"{ORDERED} should give the results {expected_ordered()} (in some order at least), "
        f"it gave {seen['value']}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_results_come_back_in_input_order_when_items_overtake_each_other(kata):
    seen = kata.probe("ordered", COUNT)
    assert seen["kind"] == "returned", ended(seen, ORDERED)
    assert same(expected_ordered(), seen["value"]), (
        f"{ORDERED} should return {expected_ordered()}, in input order, but returned "
        f"{seen['value']}. Results arrive in whatever order they finish: store them by seq"
    )


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_workers_are_spawned_processes_one_set_per_stage(kata):
    seen = kata.probe("ordered", COUNT)
    started = seen["started"]
    assert set(started) == {"SpawnProcess"}, (
        f"{ORDERED} started processes of the kinds {sorted(set(started)) or 'none'}; use "
        "multiprocessing.get_context('spawn') and its Process and Queue"
    )
    assert len(started) == 4, (
        f"{ORDERED} started {len(started)} processes, expected 2 stages x 2 workers = 4"
    )


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_no_process_is_left_behind_after_success(kata):
    seen = kata.probe("ordered", COUNT)
    assert seen["kind"] != "hung", ended(seen, ORDERED)
    assert seen["left_behind"] == 0, (
        f"after {ORDERED} returned, {seen['left_behind']} of its processes were still alive: "
        "join every worker before returning (each worker stops at its own sentinel: send one "
        "per worker, not one per stage)"
    )
    assert seen["not_joined"] == 0, (
        f"{ORDERED} returned without calling join() on {seen['not_joined']} of the processes "
        "it started: join every worker before returning"
    )


# ---------------------------------------------------------------------------------------------
# A pipeline that fails


@pytest.mark.points(4)
@pytest.mark.hint(3)
def test_a_failing_stage_raises_stage_error_with_its_index_and_the_items_seq(kata):
    seen = kata.probe("failing")
    assert seen["kind"] != "hung", ended(seen, FAILING)
    assert seen["kind"] == "raised", f"{ended(seen, FAILING)}; it should raise StageError"
    error = seen["error"]
    assert error.is_a("StageError"), (
        f"{FAILING} should raise StageError, it raised {short(error)}. The exception raised in the "
        "worker cannot simply travel back: send its traceback as text"
    )
    assert error.is_a("Exception"), "StageError should be a subclass of Exception"
    assert same(1, seen["stage_index"]), (
        f"{FAILING}: StageError.stage_index should be 1, it is {seen['stage_index']!r}"
    )
    assert same(7, seen["seq"]), (
        f"{FAILING}: StageError.seq should be 7, the position of the first failing item, "
        f"it is {seen['seq']!r}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_the_stage_error_carries_the_workers_traceback_as_text(kata):
    seen = kata.probe("failing")
    assert seen["kind"] == "raised", f"{ended(seen, FAILING)}; it should raise StageError"
    text = seen["remote_traceback"]
    is_text = type(text) is str and text.startswith("Traceback")
    assert is_text, (
        f"{FAILING}: StageError.remote_traceback should be the worker's traceback as text "
        f"(traceback.format_exc()), it is {text!r}"
    )
    assert "BadItem" in text, (
        f"{FAILING}: the traceback text should name the original exception BadItem, got {text!r}"
    )
    assert "bad item 7 in stage 1" in text, (
        f"{FAILING}: the traceback text should hold the original message 'bad item 7 in stage "
        f"1', got {text!r}"
    )
    message = str(seen["error"].message)
    assert "BadItem" in message, (
        f"{FAILING}: str(StageError) should include the worker's traceback, so that an "
        f"uncaught StageError shows where it came from; it is {message!r}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_no_process_is_left_behind_after_a_failure(kata):
    seen = kata.probe("failing")
    assert seen["kind"] != "hung", ended(seen, FAILING)
    assert seen["left_behind"] == 0, (
        f"after {FAILING} raised, {seen['left_behind']} of its processes were still alive: "
        "shut the pipeline down and join every worker on the error path too"
    )
    assert seen["not_joined"] == 0, (
        f"{FAILING} raised without calling join() on {seen['not_joined']} of the processes it "
        "started: let the workers stop (or terminate them), then join every one of them on the "
        "error path too"
    )


# ---------------------------------------------------------------------------------------------
# Inputs that must be refused, and the empty pipeline


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_an_item_that_cannot_be_pickled_raises_type_error_naming_its_position(kata):
    seen = kata.probe("unpicklable_item")
    call = "run_pipeline([double], [1, 2, threading.Lock(), 4])"
    assert seen["kind"] != "hung", (
        f"{call} had not finished after 3 s. A Queue pickles in a background thread and drops "
        "what it cannot pickle, so the parent waits forever: check each item with pickle.dumps "
        "before sending it"
    )
    assert seen["kind"] == "raised", f"{ended(seen, call)}; it should raise TypeError"
    error = seen["error"]
    assert error.is_a("TypeError"), f"{call} should raise TypeError, it raised {short(error)}"
    assert re.search(r"\b2\b", error.message), (
        f"{call}: the TypeError should name the position of the bad item, 2; its message is "
        f"{error.message!r}"
    )
    assert seen["left_behind"] == 0, (
        f"after {call} raised, {seen['left_behind']} of its processes were still alive"
    )


@pytest.mark.points(1)
def test_a_stage_that_cannot_be_pickled_raises_type_error(kata):
    seen = kata.probe("unpicklable_stage")
    call = "run_pipeline([double, lambda x: x], [1, 2])"
    assert seen["kind"] != "hung", f"{call} had not finished after 3 s"
    assert seen["kind"] == "raised", f"{ended(seen, call)}; it should raise TypeError"
    assert seen["error"].is_a("TypeError"), (
        f"{call} should raise TypeError, it raised {short(seen['error'])}"
    )
    assert seen["left_behind"] == 0, (
        f"after {call} raised, {seen['left_behind']} of its processes were still alive"
    )


@pytest.mark.points(2)
def test_empty_input_returns_an_empty_list_without_starting_processes(kata):
    seen = kata.probe("empty")
    call = "run_pipeline([double, double], [], workers_per_stage=2)"
    assert seen["kind"] == "returned", ended(seen, call)
    assert same([], seen["value"]), f"{call} should return [], it returned {seen['value']!r}"
    assert seen["started"] == [], (
        f"{call} started {len(seen['started'])} processes for no work at all"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize("workers", [0, -1])
def test_workers_per_stage_below_one_raises_value_error(kata, workers):
    seen = kata.probe("invalid_workers", workers)
    call = f"run_pipeline([double], [1], workers_per_stage={workers})"
    assert seen["kind"] == "raised", f"{ended(seen, call)}; it should raise ValueError"
    assert seen["error"].is_a("ValueError"), (
        f"{call} should raise ValueError, it raised {short(seen['error'])}"
    )
