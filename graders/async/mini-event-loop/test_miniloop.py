"""Graders for async/mini-event-loop.

Every scenario runs on the learner's Loop with its virtual clock. A loop that does not finish
within 5 seconds of real time is reported as hung by the probe.
"""

from __future__ import annotations

import ast

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from pykata.grading import Raised, same


def _ended(seen: dict) -> str:
    """Say how run_until_complete ended, for a message."""
    if seen["ending"] == "hung":
        return "never finished (the loop was still running after 5 seconds of real time)"
    if seen["ending"] == "raised":
        return f"raised {seen['value']}"
    return f"returned {seen['value']!r}"


def _returned(seen: dict, what: str) -> None:
    assert seen["ending"] == "returned", f"{what} {_ended(seen)}"


def _raised(seen: dict, name: str) -> bool:
    return (
        seen["ending"] == "raised"
        and isinstance(seen["value"], Raised)
        and (seen["value"].is_a(name))
    )


def _drove(result: tuple, what: str) -> object:
    kind, value = result
    if kind == "hung":
        pytest.fail(f"{what} never finished (still running after 5 seconds of real time)")
    assert kind == "returned", f"{what} raised {value}"
    return value


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_callbacks_run_fifo_and_timers_by_deadline(kata):
    log = _drove(kata.probe("callbacks", delays=[2, 1, 1, 0.5]), "the callback scenario")
    expected = [
        ("soon-1", 0),
        ("soon-2", 0),
        ("main", 0),
        (3, 0.5),
        (1, 1),
        (2, 1),
        (0, 2),
        ("main-end", 3),
    ]
    assert log == expected, (
        "call_soon('soon-1'), call_later(2, 0), call_later(1, 1), call_later(1, 2), "
        "call_later(0.5, 3), call_soon('soon-2'), a cancelled call_later(0.5), then "
        "run_until_complete(main), where main sleeps 3 seconds: the callbacks should run as "
        f"(tag, time) {expected}, but they ran as {log}"
    )


@pytest.mark.points(2)
@settings(max_examples=15, phases=(Phase.explicit, Phase.generate))
@given(st.lists(st.sampled_from([0.5, 1, 1.5, 2, 2.5, 4]), max_size=6))
@pytest.mark.hint(1)
def test_any_set_of_timers_runs_by_deadline_then_insertion_order(kata, delays):
    log = _drove(kata.probe("callbacks", delays=delays), f"call_later with delays {delays}")
    timers = sorted(range(len(delays)), key=lambda i: (delays[i], i))
    expected = [("soon-1", 0), ("soon-2", 0), ("main", 0)]
    expected += [(i, delays[i]) for i in timers]
    expected.append(("main-end", max(delays, default=0) + 1))
    assert log == expected, (
        f"timers scheduled with call_later in the order {delays} should fire as (index, time) "
        f"{expected[3:-1]}: by deadline, ties in the order they were scheduled. They fired as "
        f"{log}"
    )


@pytest.mark.points(4)
@pytest.mark.hint(1)
def test_sleeping_tasks_finish_in_virtual_time(kata):
    seen = kata.probe("two_sleepers")
    _returned(seen, "gather(sleeper('five', 5), sleeper('three', 3))")
    assert seen["log"] == [("three", 3), ("five", 5)], (
        "tasks sleeping 5 and 3 seconds should finish as [('three', 3), ('five', 5)] (name, "
        f"loop.time()), but they finished as {seen['log']}"
    )
    assert seen["time"] == 5, (
        f"after the 5-second sleep loop.time() should be 5, not {seen['time']}"
    )
    assert seen["wall"] < 1.0, (
        f"the scenario took {seen['wall']:.1f} s of real time; with a virtual clock it should "
        "take milliseconds. When nothing is ready, jump the clock to the next timer instead "
        "of sleeping"
    )
    assert seen["value"] == ["five", "three"], (
        f"gather should return the results in argument order ['five', 'three'], got "
        f"{seen['value']!r}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_consecutive_sleeps_add_up(kata):
    seen = kata.probe("chained_sleeps")
    _returned(seen, "a task sleeping 1, 2 and 0 seconds in turn")
    assert seen["log"] == [1, 3, 3], (
        f"sleeping 1, then 2, then 0 seconds should leave loop.time() at 1, 3 and 3; it was "
        f"{seen['log']}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_a_future_wakes_every_task_awaiting_it(kata):
    seen = kata.probe("shared_future", fail=False)
    _returned(seen, "two tasks awaiting one Future")
    expected = [("a", "got", 42), ("b", "got", 42), ("done-before-set", False)]
    assert seen["value"] == expected, (
        "tasks a and b both await one Future, which main sets to 42 at time 1: both should "
        f"resume with 42, but the log was {seen['value']}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_set_exception_raises_inside_every_awaiter(kata):
    seen = kata.probe("shared_future", fail=True)
    _returned(seen, "two tasks awaiting one Future that fails")
    expected = [("a", "raised", True), ("b", "raised", True), ("done-before-set", False)]
    assert seen["value"] == expected, (
        "after future.set_exception(ValueError(...)), `await future` should raise that very "
        f"exception inside each of the two awaiting tasks; the log was {seen['value']} "
        "(True means the same exception object)"
    )


@pytest.mark.points(2)
def test_future_rules(kata):
    seen = kata.probe("future_rules")
    assert seen["done_before"] is False, "a new Future should not be done()"
    early = seen["early_result"]
    assert isinstance(early, Raised), "result() on a Future without a result should raise"
    assert early.is_a("RuntimeError"), (
        f"result() before a result should raise RuntimeError, not {early}"
    )
    assert seen["done_after"] is True, "after set_result, done() should be True"
    assert same("x", seen["result"]), f"after set_result('x'), result() gave {seen['result']!r}"
    again = seen["set_again"]
    assert isinstance(again, Raised), "a second set_result on a done Future should raise"
    assert again.is_a("RuntimeError"), f"a second set_result should raise RuntimeError, not {again}"
    assert same("x", seen["result_after_second_set"]), "a second set_result must not change it"
    failed = seen["exception_result"]
    assert isinstance(failed, Raised), "after set_exception(KeyError(...)), result() should raise"
    assert failed.is_a("KeyError"), f"result() should raise the KeyError that was set, not {failed}"


@pytest.mark.points(3)
def test_gather_returns_results_in_argument_order(kata):
    seen = kata.probe("gathered")
    _returned(seen, "gather(slow, fast, a Task, a Future)")
    expected = {"results": ["slow", "fast", "task", "future"], "empty": [], "at": 4}
    assert seen["value"] == expected, (
        "gather(job('slow', 3), job('fast', 1), a Task sleeping 4, a Future set at time 2) "
        f"should return ['slow', 'fast', 'task', 'future'] at time 4, and gather() should "
        f"return []; got {seen['value']}"
    )
    assert seen["log"] == ["fast", "slow", "task"], (
        f"the jobs should run concurrently and finish by their sleeps; they finished as "
        f"{seen['log']}"
    )


@pytest.mark.points(2)
def test_gather_propagates_the_first_exception_at_once(kata):
    seen = kata.probe("gather_failure")
    _returned(seen, "gather(slow, failing)")
    value = seen["value"]
    assert value["same"] is True, (
        "gather(slow(), fast()), where fast raises LookupError, should raise that very "
        f"exception; got {value}"
    )
    assert value["at"] == 1, (
        f"fast raised at time 1, so gather should raise then, not at time {value['at']} "
        "(after waiting for the slow one)"
    )


@pytest.mark.points(4)
@pytest.mark.hint(4)
def test_cancel_raises_at_the_await_and_runs_finally(kata):
    seen = kata.probe("cancel_sleeper")
    _returned(seen, "cancelling a sleeping task")
    log = seen["log"]
    assert ("worker-cancelled-at", 1) in log, (
        "task.cancel() at time 1 should raise CancelledError inside the worker at its "
        f"`await sleep(10)`, right away; the log was {log}"
    )
    assert "worker-finally" in log, (
        "the cancelled worker's `finally` never ran: throw CancelledError into the coroutine "
        "(coro.throw), rather than just dropping it"
    )
    assert "worker-woke" not in log, "a cancelled sleep must not wake up normally"
    assert ("parent-saw-cancel", 1) in log, (
        f"the parent awaiting the cancelled task should get CancelledError at time 1; log: {log}"
    )
    assert log.index("worker-finally") < log.index(("parent-saw-cancel", 1)), (
        f"the worker's finally should run before the parent sees the cancellation; log: {log}"
    )
    assert seen["value"] is True, "cancel() on a running task should return True"
    assert ("cancel-again", False) in log, "cancel() on a finished task should return False"
    assert ("end", 21) in log, f"after sleeping 20 more seconds the clock should read 21; {log}"


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_a_task_may_catch_the_cancellation(kata):
    seen = kata.probe("cancel_caught")
    _returned(seen, "a task that catches CancelledError")
    assert seen["value"] == "survived", (
        "cancel() is a request: a task that catches CancelledError and returns 'survived' "
        f"should finish with that result, but run_until_complete {_ended(seen)}"
    )
    assert seen["time"] == 2, f"the task slept 1 more second after catching: time {seen['time']}"


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_awaiting_a_foreign_awaitable_raises_runtime_error_at_the_await(kata):
    seen = kata.probe("foreign", kind="custom")
    _returned(seen, "a coroutine awaiting another framework's awaitable")
    assert seen["value"] == "recovered", (
        "awaiting an awaitable that yields something other than a miniloop Future should "
        "raise RuntimeError at that await (throw it into the coroutine, which may catch it); "
        f"instead the coroutine ended with {seen['value']!r}"
    )
    assert seen["log"] == [("caught RuntimeError", True)], (
        f"the RuntimeError should carry a message explaining the problem; log: {seen['log']}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_asyncio_sleep_inside_this_loop_raises_runtime_error(kata):
    seen = kata.probe("foreign", kind="asyncio.sleep")
    _returned(seen, "a coroutine awaiting asyncio.sleep(1)")
    assert seen["value"] == "recovered", (
        "`await asyncio.sleep(1)` inside a miniloop Loop should raise RuntimeError, but the "
        f"coroutine ended with {seen['value']!r}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_an_uncaught_foreign_await_fails_run_until_complete(kata):
    seen = kata.probe("foreign_uncaught")
    assert _raised(seen, "RuntimeError"), (
        "run_until_complete(main()), where main awaits a foreign awaitable without catching, "
        f"should raise RuntimeError, but it {_ended(seen)}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_run_until_complete_returns_the_value_or_raises(kata):
    seen = _drove(kata.probe("returns_and_raises"), "run_until_complete")
    assert same({"answer": 42}, seen["result"]), (
        f"run_until_complete should return the coroutine's value {{'answer': 42}}, got "
        f"{seen['result']!r}"
    )
    assert seen["same_exception"] is True, (
        "run_until_complete should raise the very exception the coroutine raised"
    )
    assert seen["time"] == 1, f"after a 1-second sleep loop.time() should be 1, not {seen['time']}"


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_awaiting_a_coroutine_or_finished_future_takes_no_extra_step(kata):
    seen = kata.probe("direct_await")
    _returned(seen, "the direct-await scenario")
    expected = [
        "before",
        "helper",
        ("after-coroutine", 7),
        ("after-done-future", 3),
        "callback",
        "after-sleep-0",
    ]
    assert seen["log"] == expected, (
        "main schedules call_soon(callback), then awaits a coroutine and a Future that is "
        "already done, then sleeps 0. Neither await should give the loop a turn, so the "
        f"callback runs only at sleep(0): expected {expected}, got {seen['log']}"
    )


@pytest.mark.points(1)
def test_waiting_forever_raises_runtime_error(kata):
    seen = kata.probe("waits_forever")
    assert _raised(seen, "RuntimeError"), (
        "run_until_complete of a coroutine awaiting a Future nobody will set, with no timers "
        f"left, should raise RuntimeError instead of waiting forever; it {_ended(seen)}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(4)
def test_sleep_outside_a_loop_raises_runtime_error(kata):
    error = kata.probe("sleep_outside")
    assert isinstance(error, Raised), "stepping miniloop.sleep(1) with no Loop running should raise"
    assert error.is_a("RuntimeError"), (
        f"sleep() outside a Loop should raise RuntimeError, not {error}"
    )


@pytest.mark.points(1)
def test_the_loop_is_built_from_scratch(kata):
    _returned(kata.probe("chained_sleeps"), "a task sleeping 1, 2 and 0 seconds in turn")
    tree = kata.syntax_tree()
    borrowed = sorted(
        {
            f"asyncio.{node.attr}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "asyncio"
            and node.attr != "CancelledError"
        }
        | {
            f"{node.module}.{alias.name}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "asyncio"
            for alias in node.names
            if alias.name != "CancelledError"
        }
        | {
            "time.sleep"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and node.attr == "sleep"
            and isinstance(node.value, ast.Name)
            and node.value.id == "time"
        }
    )
    assert not borrowed, (
        f"miniloop.py uses {', '.join(borrowed)}; build the loop yourself, taking only "
        "asyncio.CancelledError from asyncio, and never sleep for real"
    )
