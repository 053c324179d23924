"""Graders for async/async-context-manager."""

from __future__ import annotations

import pytest

from pykata.grading import same


def _no_problems(seen, what):
    problems = seen["problems"]
    assert not problems, f"{what}: Python reported a problem: {problems[0]}"


def _said(result):
    """Describe a bounded outcome from the probes in words."""
    kind, value = result
    if kind == "returned":
        return f"returned {value!r}"
    if kind == "raised":
        return f"raised {value}"
    if kind == "hung":
        return "never finished (it was still waiting when the grader gave up)"
    return "was cancelled"


# --- AsyncPool ------------------------------------------------------------------------------


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_entering_opens_every_connection_and_returns_the_pool(kata):
    seen = kata.probe("lifecycle", size=3, body="ok")
    _no_problems(seen, "async with AsyncPool(factory, 3)")
    entered = next((entry for entry in seen["log"] if entry[0] == "entered"), None)
    assert entered is not None, (
        "the block of `async with AsyncPool(factory, 3) as pool` never ran; the events were "
        f"{seen['log']}"
    )
    assert entered[1] == 3, (
        f"`async with AsyncPool(factory, 3)` should open all 3 connections before the block "
        f"starts; {entered[1]} were open when it started"
    )
    assert entered[2], "`async with AsyncPool(...) as pool` should bind the pool itself to `pool`"


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_borrowing_reuses_the_open_connections(kata):
    seen = kata.probe("lifecycle", size=3, body="ok")
    _no_problems(seen, "borrowing three times from a pool of 3")
    borrows = [entry[2] for entry in seen["log"] if entry[0] == "borrow"]
    for number, result in enumerate(borrows):
        got_one = result[0] == "returned" and result[1] in (0, 1, 2)
        assert got_one, (
            f"borrow number {number + 1} (`async with pool.acquire() as conn`, one after "
            f"another) {_said(result)}; it should get one of the 3 open connections"
        )
    assert seen["opened"] == 3, (
        f"a pool of 3 borrowed from three times should still have opened 3 connections, "
        f"not {seen['opened']}: acquire() lends the connections the pool already has"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize("body", ["ok", "raise"])
def test_leaving_closes_every_connection_exactly_once(kata, body):
    seen = kata.probe("lifecycle", size=3, body=body)
    how = "normally" if body == "ok" else "by raising ValueError"
    _no_problems(seen, f"a pool block that ended {how}")
    assert same([1, 1, 1], seen["closes"]), (
        f"when the `async with AsyncPool(...)` block ends {how}, each of the 3 connections "
        f"should be closed exactly once; they were closed {seen['closes']} times"
    )
    if body == "raise":
        assert seen["same_object"], (
            "the ValueError raised inside `async with pool:` should propagate unchanged, "
            f"as the very same object; what came out was {seen['raised'] or 'nothing'}"
        )
    else:
        assert seen["raised"] is None, f"a block that ended normally raised {seen['raised']}"


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_a_connection_that_fails_to_open_closes_the_ones_already_open(kata):
    seen = kata.probe("failing_open")
    _no_problems(seen, "a pool whose third connection fails to open")
    error = seen["raised"]
    refused = error is not None and error.is_a("ConnectionError")
    assert refused, (
        "the factory raised ConnectionError on the third connection: it should propagate out "
        f"of `async with AsyncPool(factory, 3)`, but what came out was {error or 'nothing'}"
    )
    assert "body" not in seen["log"], "the block ran although the pool failed to open"
    assert same([1, 1], seen["closes"]), (
        "the third connection failed to open, so the two already open should each be closed "
        f"once before the error propagates; they were closed {seen['closes']} times"
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_an_exception_in_acquire_propagates_and_the_connection_comes_back(kata):
    seen = kata.probe("error_in_acquire")
    _no_problems(seen, "an exception inside `async with pool.acquire()`")
    kind, error = seen["first"]
    unchanged = kind == "raised" and error.is_a("KeyError") and seen["same_object"]
    assert unchanged, (
        "a KeyError raised inside `async with pool.acquire()` should propagate unchanged, as "
        f"the very same object; the block {_said(seen['first'])}"
    )
    assert same(("returned", 0), seen["again"]), (
        "after the KeyError, the only connection of a size-1 pool should be back in the pool, "
        f"so acquiring again should get it at once; the second acquire {_said(seen['again'])}"
    )
    assert seen["opened"] == 1, f"a size-1 pool opened {seen['opened']} connections"


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_cancelling_a_task_inside_acquire_gives_its_connection_back(kata):
    seen = kata.probe("cancelled_inside")
    _no_problems(seen, "cancelling a task inside `async with pool.acquire()`")
    assert seen["started"] == "returned", "the task never got into its `async with pool.acquire()`"
    assert seen["holder"] == ("cancelled", None), (
        "a task cancelled inside `async with pool.acquire()` should end cancelled "
        f"(CancelledError propagates); instead it {_said(seen['holder'])}"
    )
    assert same(("returned", 0), seen["again"]), (
        "a task holding the only connection was cancelled; the connection should go back to the "
        f"pool, but the next acquire {_said(seen['again'])}. CancelledError is a BaseException, "
        "not an Exception: cleanup in `except Exception` misses it, finally/__aexit__ does not"
    )


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_acquire_waits_while_every_connection_is_in_use(kata):
    seen = kata.probe("exhausted")
    _no_problems(seen, "three tasks sharing a pool of 2")
    held = seen["held"]
    numbers = sorted(result[1][1] for result in held if result[0] == "returned")
    assert numbers == [0, 1], (
        "two tasks acquiring from a pool of 2 should hold its two different connections; they "
        f"got {[_said(result) for result in held]}"
    )
    early = seen["early"]
    assert early[0] == "waiting", (
        "with both connections in use, a third `async with pool.acquire()` should wait until one "
        f"is released; instead it {_said(early)} before anything was released"
    )
    assert seen["opened_while_full"] == 2, (
        f"the pool of 2 opened {seen['opened_while_full']} connections: an exhausted pool "
        "waits, it never opens extra connections"
    )
    assert same(("returned", 1), seen["late"]), (
        "once the task holding connection 1 released it, the waiting acquire should get "
        f"connection 1; it {_said(seen['late'])}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_a_cancelled_waiter_does_not_lose_a_connection(kata):
    seen = kata.probe("cancelled_waiter")
    _no_problems(seen, "cancelling a task that waits in acquire()")
    assert seen["waiting"], "acquire on an exhausted pool of 1 should have waited"
    assert seen["waiter"] == ("cancelled", None), (
        "a task cancelled while waiting in acquire() should end cancelled; "
        f"it {_said(seen['waiter'])}"
    )
    assert seen["holder"][0] == "returned", (
        f"the task holding the connection {_said(seen['holder'])}"
    )
    assert same(("returned", 0), seen["again"]), (
        "a waiter was cancelled, then the holder released the only connection: the next acquire "
        f"should get it at once, but it {_said(seen['again'])}"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize("when", ["before", "after", "twice"])
@pytest.mark.hint(3)
def test_a_pool_that_is_not_open_refuses_to_be_used(kata, when):
    seen = kata.probe("misuse", when=when)
    what = {
        "before": "`async with pool.acquire()` before the pool was entered",
        "after": "`async with pool.acquire()` after the pool's block ended",
        "twice": "entering the same AsyncPool a second time",
    }[when]
    _no_problems(seen, what)
    kind, error = seen["outcome"]
    refused = kind == "raised" and error.is_a("RuntimeError")
    assert refused, f"{what} should raise RuntimeError; it {_said(seen['outcome'])}"


@pytest.mark.points(1)
@pytest.mark.parametrize("size", [0, -1])
def test_a_size_below_one_raises_value_error(kata, size):
    error = kata.probe("bad_size", size=size)
    refused = error is not None and error.is_a("ValueError")
    assert refused, (
        f"AsyncPool(factory, {size}) should raise ValueError, but it raised {error or 'nothing'}"
    )


# --- asynccontextmanager_lite ---------------------------------------------------------------

SETUP = ("setup", "cm")
TEARDOWN = ("teardown", "cm")


def _lite(kata, yields, handler, body):
    seen = kata.probe("lite_scenario", yields=yields, handler=handler, body=body)
    _no_problems(seen, "using asynccontextmanager_lite")
    kind, log = seen["outcome"]
    assert kind == "returned", f"the async with statement {_said(seen['outcome'])}"
    return log


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_lite_runs_setup_then_the_block_then_teardown(kata):
    log = _lite(kata, 1, "finally", "ok")
    expected = [
        SETUP,
        ("as", "cm-0"),
        ("body done",),
        ("finally", 0),
        TEARDOWN,
        ("after the block",),
    ]
    assert same(expected, log), (
        "with a generator that logs setup, yields 'cm-0' inside try/finally and logs teardown, "
        f"the events should be {expected}: setup, `as` bound to the yielded value, the block, "
        f"then the code after the yield. They were {log}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_lite_throws_the_exception_in_at_the_yield(kata):
    log = _lite(kata, 1, "reraise", "ValueError")
    expected = [
        SETUP,
        ("as", "cm-0"),
        ("saw", "ValueError", True),
        ("escaped", "ValueError", True, False),
    ]
    assert same(expected, log), (
        "the block raised ValueError; the generator should see that very exception at its yield, "
        "and when it re-raises it, the same object should come out of the async with statement. "
        f"Expected {expected}, got {log}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(4)
def test_lite_suppresses_an_exception_the_generator_handles(kata):
    log = _lite(kata, 1, "swallow", "ValueError")
    expected = [SETUP, ("as", "cm-0"), ("saw", "ValueError", True), TEARDOWN, ("after the block",)]
    assert same(expected, log), (
        "the generator caught the block's ValueError and finished, so the exception is handled: "
        f"the code after the async with should run. Expected {expected}, got {log}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(4)
def test_lite_lets_a_new_exception_from_the_cleanup_through(kata):
    log = _lite(kata, 1, "replace", "ValueError")
    expected = [
        SETUP,
        ("as", "cm-0"),
        ("saw", "ValueError", True),
        ("escaped", "LookupError", False, True),
    ]
    assert same(expected, log), (
        "the generator caught the block's ValueError and raised LookupError instead: the "
        "LookupError should come out, with the ValueError as its __context__. "
        f"Expected {expected}, got {log}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(4)
def test_lite_lets_the_blocks_own_stop_async_iteration_through(kata):
    log = _lite(kata, 1, "finally", "StopAsyncIteration")
    expected = [
        SETUP,
        ("as", "cm-0"),
        ("finally", 0),
        ("escaped", "StopAsyncIteration", True, False),
    ]
    assert same(expected, log), (
        "the block raised StopAsyncIteration and the generator did not handle it. Thrown into an "
        "async generator it comes back as a RuntimeError whose __cause__ is the original; that "
        "is not the generator finishing, and the original StopAsyncIteration should propagate. "
        f"Expected {expected}, got {log}"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("yields", "handler", "body", "what"),
    [
        (2, "finally", "ok", "yields a second time after a block that ended normally"),
        (2, "swallow", "ValueError", "catches the block's ValueError and yields again"),
        (0, "finally", "ok", "never yields"),
    ],
)
@pytest.mark.hint(4)
def test_lite_refuses_a_generator_that_yields_twice_or_never(kata, yields, handler, body, what):
    log = _lite(kata, yields, handler, body)
    escaped = [entry for entry in log if entry[0] == "escaped"]
    refused = bool(escaped) and escaped[0][1] == "RuntimeError"
    assert refused, (
        f"a generator that {what} breaks the one-yield rule, so the async with statement should "
        f"raise RuntimeError; the events were {log}"
    )
    if yields == 0:
        assert all(entry[0] != "as" for entry in log), (
            "a generator that never yields has nothing to bind with `as`, so the block must not "
            f"run; the events were {log}"
        )
    elif handler == "finally":
        closed = ("finally", 1) in log and log.index(("finally", 1)) < log.index(escaped[0])
        assert closed, (
            "before raising RuntimeError for the second yield, close the generator with "
            f"aclose(), so its finally block runs first; the events were {log}"
        )


@pytest.mark.points(1)
def test_lite_makes_a_fresh_generator_for_every_call(kata):
    seen = kata.probe("lite_reuse")
    _no_problems(seen, "calling an asynccontextmanager_lite function three times")
    kind, value = seen["outcome"]
    assert kind == "returned", f"using the decorated function three times {_said(seen['outcome'])}"
    expected = [
        ("open", "a"),
        ("open", "b"),
        ("inside", "A", "B"),
        ("close", "b"),
        ("close", "a"),
        ("open", "c"),
        ("inside", "C"),
        ("close", "c"),
    ]
    assert same(expected, seen["log"]), (
        "each call of the decorated function should make a new, independent context manager "
        f"(two nested, then a third): the events should be {expected}, got {seen['log']}"
    )
    assert value["distinct"], "two calls of the decorated function returned the same object"
    assert (value["name"], value["doc"]) == ("opened", "Open a named resource."), (
        "the decorated function should keep the generator function's __name__ and __doc__ "
        f"(functools.wraps); got {value['name']!r} and {value['doc']!r}"
    )


def _scenario_words(yields, handler, body):
    guard = {
        "finally": "cleans up in try/finally",
        "swallow": "catches exceptions and carries on",
        "reraise": "catches exceptions and re-raises them",
        "replace": "catches exceptions and raises LookupError instead",
    }[handler]
    ending = "ends normally" if body == "ok" else f"raises {body}"
    return f"a generator with {yields} yield(s) that {guard}, and a block that {ending}"


def _comparable(log):
    # contextlib on Python 3.10 does not close a generator that yields twice, so its cleanup
    # after the second yield ("finally", 1) runs later, when the loop finalizes it. The rule
    # that it runs first is checked on its own above.
    return [entry for entry in log if entry != ("finally", 1)]


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_lite_behaves_like_contextlib_in_every_scenario(kata):
    seen = kata.probe("lite_all_scenarios")
    _no_problems(seen, "running 36 scenarios through asynccontextmanager_lite")
    scenarios = seen["scenarios"]
    assert len(scenarios) == 36, "the grader expected 36 scenarios"
    for yields, handler, body, lite, reference in scenarios:
        expected = _comparable(reference[1])
        got = _comparable(lite[1]) if lite[0] == "returned" else f"nothing: it {_said(lite)}"
        assert same(expected, got), (
            f"with {_scenario_words(yields, handler, body)}, contextlib.asynccontextmanager "
            f"gives the events {expected}, but asynccontextmanager_lite gives {got}"
        )
