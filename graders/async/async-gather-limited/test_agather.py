"""Graders for async/async-gather-limited.

Each job the probes hand over waits on an asyncio.Event the probe controls, so the tests decide
which job finishes when. A call that stalls is reported after a bounded wait, never by the
kata's time limit.
"""

from __future__ import annotations

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from pykata.grading import Raised, same


def _ended(seen: dict) -> str:
    """Say how the learner's call ended, for a message."""
    if "probe_raised" in seen:
        return f"raised {seen['probe_raised']} outside the awaited call"
    if seen["ending"] == "stalled":
        return "stopped making progress and never finished"
    if seen["ending"] == "raised":
        return f"raised {seen['raised']}"
    return f"returned {seen['value']!r}"


def _raised(seen: dict, name: str) -> bool:
    """Whether the learner's call raised `name` (or a subclass)."""
    error = seen.get("raised")
    return isinstance(error, Raised) and error.is_a(name)


def _ran(seen: dict) -> None:
    """Fail when the probe's event loop itself broke down."""
    assert "probe_raised" not in seen, f"running the event loop {_ended(seen)}"


def _quiet(seen: dict, call: str) -> None:
    """Fail on RuntimeWarnings and on errors asyncio logged."""
    assert not seen["warnings"], f"{call}: Python warned: {seen['warnings'][0]}"
    assert not seen["logged"], f"{call}: asyncio reported: {seen['logged'][0]}"


def _results(n: int) -> list[str]:
    return [f"result {i}" for i in range(n)]


@pytest.mark.points(4)
@pytest.mark.parametrize(("n", "limit"), [(10, 3), (6, 2), (4, 1), (3, 5)])
@pytest.mark.hint(1)
def test_runs_up_to_limit_jobs_at_once_and_no_more(kata, n, limit):
    seen = kata.probe("schedule", n=n, limit=limit, picks=[0] * n)
    _ran(seen)
    call = f"gather_limited({n} jobs, limit={limit})"
    expected = min(n, limit)
    assert seen["max_in_flight"] <= limit, (
        f"{call} had {seen['max_in_flight']} jobs running at once; the limit is {limit}. "
        "Start a job only when a slot is free"
    )
    reached = seen["max_in_flight"] == expected and not seen["stalled"]
    assert reached, (
        f"{call} never had more than {seen['max_in_flight']} jobs running at once, while "
        f"{expected} were waiting to be finished. Keep {limit} in flight whenever there is "
        "enough work, rather than awaiting them one after another"
    )
    assert same(_results(n), seen.get("value")), f"{call} {_ended(seen)}"
    _quiet(seen, call)


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_results_keep_input_order_when_jobs_finish_in_reverse(kata):
    seen = kata.probe("schedule", n=5, limit=5, picks=[-1] * 5)
    _ran(seen)
    assert seen.get("finished") == [4, 3, 2, 1, 0] or seen["stalled"], (
        "the probe could not finish the jobs in reverse order"
    )
    assert same(_results(5), seen.get("value")), (
        f"jobs 0..4 finished in the order 4, 3, 2, 1, 0; gather_limited should still return the "
        f"results in input order {_results(5)}, but it {_ended(seen)}"
    )
    _quiet(seen, "gather_limited")


@pytest.mark.points(3)
@settings(max_examples=20, phases=(Phase.explicit, Phase.generate))
@given(
    n=st.integers(0, 8),
    limit=st.integers(1, 4),
    picks=st.lists(st.integers(-4, 4), min_size=8, max_size=8),
)
@pytest.mark.hint(2)
def test_any_finishing_order_gives_input_order_within_the_limit(kata, n, limit, picks):
    seen = kata.probe("schedule", n=n, limit=limit, picks=picks)
    _ran(seen)
    call = f"gather_limited({n} jobs, limit={limit})"
    order = seen.get("finished")
    assert same(_results(n), seen.get("value")), (
        f"{call}, with the jobs finishing in the order {order}, should return {_results(n)}, "
        f"but it {_ended(seen)}"
    )
    assert seen["max_in_flight"] <= limit, (
        f"{call} had {seen['max_in_flight']} jobs running at once (finishing order {order})"
    )
    reached = seen["max_in_flight"] == min(n, limit) and not seen["stalled"]
    assert reached, (
        f"{call} kept at most {seen['max_in_flight']} jobs running (finishing order {order}); "
        f"expected {min(n, limit)}"
    )
    _quiet(seen, call)


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_factories_are_called_only_when_a_slot_is_free(kata):
    seen = kata.probe("lazy_calls", n=10, limit=2)
    _ran(seen)
    assert seen["called_while_waiting"] <= 2, (
        f"with limit 2 and 10 factories, gather_limited called {seen['called_while_waiting']} "
        "factories while only 2 jobs could run. Call a factory when a slot frees up, not all "
        "of them up front: a coroutine that is created and then never awaited is wasted work "
        "and warns 'coroutine ... was never awaited'"
    )
    first = seen["calls_when_finished"][:1]
    assert first == [2], (
        f"when the first job finished, {first[0] if first else 'no'} factories had been called; "
        "expected 2 (limit 2)"
    )
    assert same(_results(10), seen.get("value")), f"gather_limited {_ended(seen)}"
    _quiet(seen, "gather_limited")


@pytest.mark.points(4)
@pytest.mark.hint(3)
def test_a_failure_cancels_the_running_jobs_and_propagates(kata):
    seen = kata.probe("failure", n=6, limit=3, failing=1)
    _ran(seen)
    call = "gather_limited(6 jobs, limit=3), where job 1 raises LookupError"
    assert _raised(seen, "LookupError"), (
        f"{call} should raise that LookupError, but it {_ended(seen)}"
    )
    assert seen["job"] == 1, f"{call} should raise the very exception object job 1 raised"
    assert seen["cancelled"] == [0, 2], (
        f"when job 1 failed, jobs 0 and 2 were still running and should have been cancelled "
        f"(CancelledError inside them) before the exception propagated; cancelled: "
        f"{seen['cancelled']}"
    )
    assert seen["cleaned_when_done"] == [0, 2], (
        f"{call} raised while jobs 0 and 2 were still handling their cancellation (finished: "
        f"{seen['cleaned_when_done']}). After cancelling them, wait for them to finish, for "
        "example with `await asyncio.wait(running)`, then raise"
    )
    assert seen["leftover_tasks"] == 0, (
        f"after {call} raised, {seen['leftover_tasks']} of its tasks were still running; wait "
        "for the cancelled tasks to finish before raising"
    )
    _quiet(seen, call)


@pytest.mark.points(3)
def test_after_a_failure_no_more_factories_are_called(kata):
    seen = kata.probe("failure", n=6, limit=3, failing=1)
    _ran(seen)
    assert seen["called"] == [0, 1, 2], (
        f"job 1 failed while jobs 0, 1 and 2 ran; factories 3, 4 and 5 should never be called, "
        f"but the factories called were {seen['called']}"
    )
    _quiet(seen, "gather_limited")


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_return_exceptions_puts_the_exceptions_in_place(kata):
    seen = kata.probe("collected_failures", n=6, limit=2, failing=[1, 4])
    _ran(seen)
    expected = [
        "result 0",
        ("exception", "LookupError", 1),
        "result 2",
        "result 3",
        ("exception", "LookupError", 4),
        "result 5",
    ]
    shown = "['result 0', <job 1's LookupError>, 'result 2', 'result 3', <job 4's ...>, 'result 5']"
    assert same(expected, seen.get("value")), (
        f"with return_exceptions=True and jobs 1 and 4 raising, gather_limited should return "
        f"{shown} (the very exception objects), but it {_ended(seen)}"
    )
    assert seen["called"] == [0, 1, 2, 3, 4, 5], (
        f"with return_exceptions=True a failure stops nothing; factories called: {seen['called']}"
    )
    _quiet(seen, "gather_limited(..., return_exceptions=True)")


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_cancelling_the_call_cancels_its_jobs(kata):
    seen = kata.probe("cancelled_from_outside", n=5, limit=2)
    _ran(seen)
    assert _raised(seen, "CancelledError"), (
        f"cancelling the task running gather_limited should end it with CancelledError, but it "
        f"{_ended(seen)}"
    )
    assert seen["cancelled"] == [0, 1], (
        f"the call was cancelled while jobs 0 and 1 ran; both should be cancelled too, but the "
        f"cancelled jobs were {seen['cancelled']}"
    )
    assert seen["cleaned_when_done"] == [0, 1], (
        "the cancelled call ended before jobs 0 and 1 had finished handling their cancellation; "
        "wait for them before letting the CancelledError through"
    )
    assert seen["called"] == [0, 1], (
        f"after being cancelled, gather_limited should call no more factories; called: "
        f"{seen['called']}"
    )
    assert seen["leftover_tasks"] == 0, (
        f"{seen['leftover_tasks']} tasks were still running after the cancelled call ended"
    )
    _quiet(seen, "gather_limited")


@pytest.mark.points(2)
@pytest.mark.parametrize("limit", [0, -1])
def test_a_limit_below_one_raises_value_error(kata, limit):
    seen = kata.probe("bad_limit", limit=limit)
    _ran(seen)
    assert _raised(seen, "ValueError"), (
        f"gather_limited(..., limit={limit}) should raise ValueError, but it {_ended(seen)}"
    )
    assert seen["called"] == [], (
        f"with limit={limit}, no factory should be called; called: {seen['called']}"
    )


@pytest.mark.points(1)
def test_no_factories_give_an_empty_list(kata):
    seen = kata.probe("empty")
    _ran(seen)
    assert same([], seen.get("value")), (
        f"gather_limited([], 3) should return [], but it {_ended(seen)}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_first_completed_skips_failures_and_cancels_the_rest(kata):
    seen = kata.probe("race", n=3, failing=[0], release_order=[0, 2], timeout=None)
    _ran(seen)
    call = "first_completed over 3 jobs, where job 0 fails first and then job 2 succeeds"
    assert same("result 2", seen.get("value")), (
        f"{call} should return 'result 2', but it {_ended(seen)}"
    )
    assert seen["called"] == [0, 1, 2], (
        f"first_completed should start every job at once; factories called: {seen['called']}"
    )
    assert seen["cancelled"] == [1], (
        f"{call}: job 1 was still running and should have been cancelled before "
        f"first_completed returned; cancelled: {seen['cancelled']}"
    )
    assert seen["cleaned_when_done"] == [1], (
        f"{call}: first_completed returned before job 1 had finished handling its cancellation; "
        "wait for the cancelled tasks before returning"
    )
    assert seen["leftover_tasks"] == 0, (
        f"{seen['leftover_tasks']} tasks were still running after first_completed returned"
    )
    _quiet(seen, "first_completed")


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_first_completed_raises_the_last_failure_when_all_fail(kata):
    seen = kata.probe("race", n=3, failing=[0, 1, 2], release_order=[2, 0, 1], timeout=None)
    _ran(seen)
    call = "first_completed over 3 jobs that all fail, in the order 2, 0, 1"
    assert _raised(seen, "LookupError"), (
        f"{call} should raise the last failure (job 1's LookupError), but it {_ended(seen)}"
    )
    culprit = "another" if seen["job"] is None else f"job {seen['job']}'s"
    assert seen["job"] == 1, (
        f"{call} should raise the very exception object of the last job to fail (job 1); it "
        f"raised {culprit} exception"
    )
    _quiet(seen, call)


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_first_completed_times_out_and_cancels_everything(kata):
    seen = kata.probe("race", n=2, failing=[], release_order=[], timeout=0.02)
    _ran(seen)
    call = "first_completed(jobs that never finish, timeout=0.02)"
    assert _raised(seen, "TimeoutError"), f"{call} should raise TimeoutError, but it {_ended(seen)}"
    assert seen["cancelled"] == [0, 1], (
        f"after {call} timed out, both jobs should be cancelled; cancelled: {seen['cancelled']}"
    )
    assert seen["cleaned_when_done"] == [0, 1], (
        f"{call} raised before the jobs had finished handling their cancellation; wait for the "
        "cancelled tasks first"
    )
    assert seen["leftover_tasks"] == 0, (
        f"{seen['leftover_tasks']} tasks were still running after first_completed timed out"
    )
    _quiet(seen, call)


@pytest.mark.points(1)
def test_first_completed_without_factories_raises_value_error(kata):
    seen = kata.probe("no_factories")
    _ran(seen)
    assert _raised(seen, "ValueError"), (
        f"first_completed([], 1.0) should raise ValueError, but it {_ended(seen)}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_run_blocking_leaves_the_event_loop_free(kata):
    seen = kata.probe("blocking_call", ticks=3)
    _ran(seen)
    value = seen.get("value")
    assert isinstance(value, dict), f"run_blocking(func, 2, 3) {_ended(seen)}"
    assert value["own_thread"], (
        "run_blocking ran func in the event loop's own thread; offload it with asyncio.to_thread"
    )
    progressed = value["released"] and seen["steps"] == 3
    assert progressed, (
        f"while func waited on a threading.Event, another coroutine should have run its 3 steps "
        f"and then set it; it ran {seen['steps']}, so the event loop was blocked"
    )
    assert value["sum"] == 5, f"run_blocking(func, 2, 3) should pass 2 and 3 to func: got {value}"
    _quiet(seen, "run_blocking")


@pytest.mark.points(1)
@pytest.mark.hint(4)
def test_run_blocking_propagates_the_exception(kata):
    seen = kata.probe("blocking_error")
    _ran(seen)
    assert _raised(seen, "KeyError"), (
        f"func raised KeyError, so run_blocking(func) should too, but it {_ended(seen)}"
    )
    assert seen["same_object"], "run_blocking should raise the very exception object func raised"
