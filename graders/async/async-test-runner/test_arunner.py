"""Graders for async/async-test-runner."""

from __future__ import annotations

import pytest

from pykata.grading import same

# A suite with one test of each kind, in this order.
MIXED = [
    ("test_passes_async", "passes_async"),
    ("test_passes_sync", "passes_sync"),
    ("test_fails_async", "fails_async"),
    ("test_fails_sync", "fails_sync"),
    ("test_errors_async", "errors_async"),
    ("test_errors_sync", "errors_sync"),
    ("test_own_timeout", "own_timeout"),
]
MIXED_OUTCOMES = {
    "test_passes_async": "pass",
    "test_passes_sync": "pass",
    "test_fails_async": "fail",
    "test_fails_sync": "fail",
    "test_errors_async": "error",
    "test_errors_sync": "error",
    "test_own_timeout": "error",
}
WHAT = {
    "test_passes_async": "an async test that passes",
    "test_passes_sync": "a sync test that passes",
    "test_fails_async": "an async test whose assert fails",
    "test_fails_sync": "a sync test that raises AssertionError",
    "test_errors_async": "an async test that raises KeyError",
    "test_errors_sync": "a sync test that raises ValueError",
    "test_own_timeout": "an async test that itself raises TimeoutError",
}


def _ran(seen, what):
    """The run must have finished and returned a report, without warnings."""
    if seen["ran"] == "hung":
        raise AssertionError(
            f"{what}: run() had not returned after several seconds; is an async test awaited "
            "without the time limit?"
        )
    assert seen["ran"] == "returned", f"{what}: run() raised {seen['raised']}"
    problems = seen["problems"]
    assert not problems, f"{what}: Python reported a problem: {problems[0]}"


def _outcomes(seen):
    return {name: outcome for name, outcome, _ in seen["results"]}


def _traceback(seen, name):
    return next(text for test, _, text in seen["results"] if test == name)


# Several tests judge the same run. A run is deterministic for a given source file, so each is
# made once per version of the learner's file and shared by those tests.
_RUNS = {}


def _run_once(kata, **kwargs):
    key = (kata.id, kata.source(), repr(sorted(kwargs.items())))
    if key not in _RUNS:
        _RUNS[key] = kata.probe("run_suite", **kwargs)
    return _RUNS[key]


def _mixed(kata):
    return _run_once(kata, tests=MIXED)


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_a_failing_async_test_is_reported_as_failed(kata):
    mixed = _mixed(kata)
    _ran(mixed, "running a suite of sync and async tests")
    assert ("ran", "test_fails_async") in mixed["log"], (
        "the async test never actually ran: calling an async def function only creates a "
        "coroutine; it runs when it is awaited (run it in the test's event loop)"
    )
    outcome = _outcomes(mixed).get("test_fails_async")
    assert outcome == "fail", (
        f"an async test whose assert fails should be reported as 'fail', not {outcome!r}"
    )


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("kind", "names"),
    [
        ("pass", ["test_passes_async", "test_passes_sync"]),
        ("fail", ["test_fails_async", "test_fails_sync"]),
        ("error", ["test_errors_async", "test_errors_sync"]),
    ],
)
@pytest.mark.hint(2)
def test_each_kind_of_test_gets_the_right_outcome(kata, kind, names):
    mixed = _mixed(kata)
    _ran(mixed, "running a suite of sync and async tests")
    outcomes = _outcomes(mixed)
    rule = {
        "pass": "",
        "fail": " (an AssertionError means the test failed)",
        "error": " (any exception other than AssertionError is an error)",
    }[kind]
    for name in names:
        assert outcomes.get(name) == kind, (
            f"{WHAT[name]} should be reported as {kind!r}{rule}, not {outcomes.get(name)!r}"
        )


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_a_timeout_error_raised_by_the_test_itself_is_an_error(kata):
    mixed = _mixed(kata)
    _ran(mixed, "running a suite of sync and async tests")
    outcome = _outcomes(mixed).get("test_own_timeout")
    assert outcome == "error", (
        f"{WHAT['test_own_timeout']} should be reported as 'error', not {outcome!r}: only the "
        "runner's own time limit gives 'timeout'. asyncio.wait_for raises TimeoutError too, so "
        "catching TimeoutError cannot tell the two apart"
    )


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_results_come_in_run_order_with_their_names(kata):
    mixed = _mixed(kata)
    _ran(mixed, "running a suite of sync and async tests")
    names = [name for name, _, _ in mixed["results"]]
    assert names == [name for name, _ in MIXED], (
        f"report.results should hold one TestResult per test, in the order they ran: "
        f"{[name for name, _ in MIXED]}, got {names}"
    )


@pytest.mark.points(1)
def test_tracebacks_show_what_went_wrong(kata):
    mixed = _mixed(kata)
    _ran(mixed, "running a suite of sync and async tests")
    for name, needles in (
        ("test_fails_async", ("AssertionError", "one plus one is not three")),
        ("test_errors_async", ("KeyError", "missing-key")),
        ("test_errors_sync", ("ValueError", "bad-value")),
    ):
        text = _traceback(mixed, name)
        for needle in needles:
            assert needle in text, (
                f"the traceback of {WHAT[name]} should be the formatted traceback, mentioning "
                f"{needle!r}; it was {text!r}"
            )
    passed = _traceback(mixed, "test_passes_async")
    assert passed == "", f"a passing test's traceback should be '', not {passed!r}"


@pytest.mark.points(2)
def test_summary_counts_every_outcome(kata):
    mixed = _mixed(kata)
    _ran(mixed, "running a suite of sync and async tests")
    expected = {"pass": 2, "fail": 2, "error": 3, "timeout": 0}
    assert same(expected, mixed["summary"]), (
        f"report.summary() for 2 passes, 2 failures and 3 errors should be {expected}, "
        f"got {mixed['summary']}"
    )
    assert same(1, mixed["exit_code"]), (
        f"report.exit_code should be 1 when any test did not pass, got {mixed['exit_code']!r}"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize("kind", ["all pass", "only errors", "no tests"])
def test_the_exit_code_is_zero_only_when_everything_passed(kata, kind):
    if kind == "no tests":
        seen = kata.probe("run_nothing")
        expected, why = 5, "there were no tests at all"
    elif kind == "all pass":
        tests = [("test_one", "passes_async"), ("test_two", "passes_sync")]
        seen = kata.probe("run_suite", tests=tests)
        expected, why = 0, "every test passed"
    else:
        tests = [("test_one", "passes_sync"), ("test_two", "errors_sync")]
        seen = kata.probe("run_suite", tests=tests)
        expected, why = 1, "one test passed and one raised ValueError (an error, not a failure)"
    _ran(seen, f"a run where {why}")
    assert same(expected, seen["exit_code"]), (
        f"report.exit_code should be {expected} when {why}, got {seen['exit_code']!r}"
    )


def _hanging(kata):
    tests = [
        ("test_before", "passes_async"),
        ("test_hangs", "hangs"),
        ("test_after", "passes_sync"),
    ]
    return _run_once(kata, tests=tests, teardown="sync", timeout=0.05)


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_a_test_that_never_finishes_times_out(kata):
    hanging = _hanging(kata)
    _ran(hanging, "running a test that awaits an Event nobody sets, with timeout=0.05")
    outcomes = _outcomes(hanging)
    assert outcomes.get("test_hangs") == "timeout", (
        "an async test awaiting an Event that is never set should be reported as 'timeout' "
        f"after 0.05 s, not {outcomes.get('test_hangs')!r}"
    )
    assert ("cancelled", "test_hangs") in hanging["log"], (
        "the timed-out test should be cancelled, so its finally block runs; it never ran"
    )
    waited = hanging["hang_seconds"]
    full_time = waited is not None and waited >= 0.025
    assert full_time, (
        f"with timeout=0.05 the test was cancelled after {waited} s: give it the full time"
    )
    assert outcomes.get("test_after") == "pass", (
        f"the test after the timeout should still run and pass: {outcomes.get('test_after')!r}"
    )
    assert same({"pass": 2, "fail": 0, "error": 0, "timeout": 1}, hanging["summary"]), (
        f"report.summary() should count the timeout: got {hanging['summary']}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_teardown_runs_after_a_timeout(kata):
    hanging = _hanging(kata)
    _ran(hanging, "running a test that times out, with a teardown")
    log = hanging["log"]
    expected = [
        ("ran", "test_before"),
        ("teardown",),
        ("ran", "test_hangs"),
        ("cancelled", "test_hangs"),
        ("teardown",),
        ("ran", "test_after"),
        ("teardown",),
    ]
    assert same(expected, log), (
        f"teardown should run after every test, the one that timed out included: the events "
        f"should be {expected}, got {log}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_each_test_gets_a_fresh_event_loop_closed_afterwards(kata):
    tests = [("test_one", "records_loop"), ("test_two", "records_loop"), ("test_3", "records_loop")]
    seen = kata.probe("run_suite", tests=tests)
    _ran(seen, "running three async tests")
    assert seen["loops"] == 3, f"three async tests should each run once; {seen['loops']} ran"
    assert seen["distinct_loops"] == 3, (
        f"each async test should run in its own new event loop, but the three tests saw "
        f"{seen['distinct_loops']} different loop(s): reusing one loop lets tasks leak between "
        "tests (asyncio.get_event_loop() is the usual way to end up there)"
    )
    assert all(seen["loops_closed"]), (
        f"each test's loop should be closed once the test is done; closed: {seen['loops_closed']}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_a_leaked_task_is_cancelled_before_the_next_test_starts(kata):
    tests = [("test_leaker", "leaks_a_task"), ("test_next", "passes_async")]
    seen = kata.probe("run_suite", tests=tests, setup="sync")
    _ran(seen, "running a test that leaves a task running")
    log = seen["log"]
    ended = ("leaked task ended", "test_leaker")
    assert ended in log, (
        "test_leaker started a task that waits for ever and did not wait for it; the runner "
        f"should cancel it (so its finally block runs) before the next test; the events were {log}"
    )
    second_setup = [i for i, entry in enumerate(log) if entry == ("setup",)][1:2]
    in_time = bool(second_setup) and log.index(ended) < second_setup[0]
    assert in_time, (
        f"the leaked task should be cancelled before the next test's setup; the events were {log}"
    )
    assert same({"test_leaker": "pass", "test_next": "pass"}, _outcomes(seen)), (
        f"both tests pass; the outcomes were {_outcomes(seen)}"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.hint(2)
def test_setup_and_teardown_run_around_every_test(kata, kind):
    tests = [("test_a", "passes_async"), ("test_b", "passes_sync")]
    seen = kata.probe("run_suite", tests=tests, setup=kind, teardown=kind)
    _ran(seen, f"running with {kind} setup and teardown")
    prefix = "async " if kind == "async" else ""
    expected = [
        (f"{prefix}setup",),
        ("ran", "test_a"),
        (f"{prefix}teardown",),
        (f"{prefix}setup",),
        ("ran", "test_b"),
        (f"{prefix}teardown",),
    ]
    awaited = " (an async setup or teardown must be awaited, not just called)" * (kind == "async")
    assert same(expected, seen["log"]), (
        f"with {kind} setup and teardown, the events should be {expected}{awaited}; "
        f"got {seen['log']}"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize("kind", ["fails", "async fails"])
@pytest.mark.hint(4)
def test_a_failing_setup_is_an_error_and_teardown_still_runs(kata, kind):
    tests = [("test_a", "passes_async"), ("test_b", "passes_sync")]
    seen = kata.probe("run_suite", tests=tests, setup=kind, teardown="sync")
    what = "an async setup" if kind == "async fails" else "a setup"
    _ran(seen, f"running with {what} that raises RuntimeError")
    outcomes = _outcomes(seen)
    assert same({"test_a": "error", "test_b": "error"}, outcomes), (
        f"when {what} raises, the test is an 'error'; the outcomes were {outcomes}"
    )
    assert not [entry for entry in seen["log"] if entry[0] == "ran"], (
        f"a test whose setup failed must not run; the events were {seen['log']}"
    )
    assert seen["log"].count(("teardown",)) == 2, (
        f"teardown should still run after a failed setup; the events were {seen['log']}"
    )
    assert "broke" in _traceback(seen, "test_a"), (
        "the traceback should be the setup's error, "
        f"RuntimeError('... broke'), not {_traceback(seen, 'test_a')!r}"
    )


@pytest.mark.points(1)
def test_a_failing_teardown_turns_a_pass_into_an_error(kata):
    tests = [("test_a", "passes_async"), ("test_b", "fails_sync")]
    seen = kata.probe("run_suite", tests=tests, teardown="fails")
    _ran(seen, "running with a teardown that raises RuntimeError")
    outcomes = _outcomes(seen)
    assert same({"test_a": "error", "test_b": "fail"}, outcomes), (
        "a passing test whose teardown raises is an 'error', and a test that already failed "
        f"stays 'fail'; the outcomes were {outcomes}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(2)
def test_sync_tests_run_outside_any_event_loop(kata):
    tests = [("test_sync", "records_no_loop")]
    seen = kata.probe("run_suite", tests=tests, setup="async", teardown="async")
    _ran(seen, "running a sync test with async setup and teardown")
    assert ("ran", "test_sync", "no running loop") in seen["log"], (
        "a sync test should be called directly, with no event loop running (so it could use "
        f"asyncio.run itself); the events were {seen['log']}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_discover_collects_callable_tests_in_definition_order(kata):
    tests = [
        ("test_zeta", "passes_sync"),
        ("test_alpha", "passes_async"),
        ("test_mid", "fails_sync"),
    ]
    seen = kata.probe("discovered", tests=tests)
    expected = ["test_zeta", "test_alpha", "test_mid"]
    assert same(expected, seen["names"]), (
        "the module defines test_zeta, test_alpha, test_mid (in that order), plus test_data, "
        "test_limit (not callable), helper and check_something: discover() should give "
        f"{expected}, in definition order (dir() sorts by name; vars() does not); "
        f"got {seen['names']}"
    )
    assert all(seen["same_functions"]), "each TestItem's func should be the module's function"
    assert seen["ran"] == [], f"discover() must not run the tests; it ran {seen['ran']}"


@pytest.mark.points(1)
def test_test_item_and_test_result_are_not_collected_by_pytest(kata):
    seen = kata.probe("discovered", tests=[("test_one", "passes_sync")])
    assert same(["test_one"], seen["names"]), f"discover() found {seen['names']}"
    flags = seen["flags"]
    assert same({"TestItem": False, "TestResult": False}, flags), (
        "TestItem and TestResult should set __test__ = False, so pytest does not try to collect "
        f"them as test classes; got {flags}"
    )
