"""Graders for concurrency/parallel-map.

Thread-mode tests come first: they are quick. The process-mode facts are gathered by one probe,
run once per sandbox, because every worker process costs a fresh interpreter.
"""

from __future__ import annotations

import pytest

from pykata.grading import same

WAIT = 2.0  # matches probes.WAIT: how long a task waits at its Barrier or Event


def ended(seen, call):
    """Say how a call ended, for messages."""
    if seen["kind"] == "hung":
        return f"{call} had not finished in time (a deadlock, or a wait that never ends?)"
    if seen["kind"] == "raised":
        cause = f", caused by {seen['cause']}" if seen.get("cause") else ""
        return f"{call} raised {seen['error']}{cause}"
    return f"{call} returned {seen['value']!r}"


def check_returned(seen, call, expected):
    assert seen["kind"] == "returned", ended(seen, call)
    assert same(expected, seen["value"]), (
        f"{call} should return {expected!r}, it returned {seen['value']!r}"
    )


def check_task_error(seen, call, index):
    assert seen["kind"] == "raised", f"{ended(seen, call)}; it should raise TaskError"
    error = seen["error"]
    assert error.is_a("TaskError"), f"{call} should raise TaskError, it raised {error}"
    assert error.is_a("Exception"), "TaskError should be a subclass of Exception"
    assert same(index, seen["index"]), (
        f"{call}: the TaskError's .index should be {index}, the position of the failing item; "
        f"it is {seen['index']!r}"
    )
    cause = seen["cause"]
    assert cause is not None, (
        f"{call}: the TaskError should carry the task's own exception as __cause__ "
        "(raise TaskError(...) from error); its __cause__ is None"
    )
    original = cause.is_a("ValueError") and seen["cause_message"] == f"bad item {index}"
    assert original, (
        f"{call}: the TaskError's __cause__ should be the ValueError('bad item {index}') the task "
        f"raised, it is {cause}"
    )


# ---------------------------------------------------------------------------------------------
# Thread mode


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_results_come_back_in_input_order_even_when_the_first_task_finishes_last(kata):
    seen = kata.probe("first_finishes_last", 5)
    call = (
        "parallel_map(task, range(5), workers=2), where task 0 may finish only once task 4 "
        "has started,"
    )
    if seen["kind"] == "raised" and "never allowed" in str(seen.get("cause_message")):
        raise AssertionError(
            f"{call} raised {seen['error']}: task 4 never started while task 0 was running. "
            "With 2 workers, one thread should carry on with tasks 1 to 4 while task 0 waits"
        )
    check_returned(seen, call, [0, 10, 20, 30, 40])


@pytest.mark.points(2)
@pytest.mark.parametrize("source", ["list", "generator"])
@pytest.mark.hint(2)
def test_a_longer_map_keeps_input_order(kata, source):
    seen = kata.probe("squares", count=20, workers=3, as_generator=source == "generator")
    call = f"parallel_map(square, <a {source} of 0..19>, workers=3)"
    check_returned(seen, call, [x * x for x in range(20)])


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_thread_mode_runs_tasks_at_the_same_time(kata):
    seen = kata.probe("overlap", workers=4, count=8)
    call = "parallel_map(task, range(8), workers=4)"
    if seen["kind"] == "raised" and seen.get("cause") and seen["cause"].is_a("BrokenBarrierError"):
        raise AssertionError(
            f"{call}: every task waits on a threading.Barrier(4), which only opens when 4 tasks "
            f"are waiting at once; after {WAIT:g} s it broke, so no more than "
            f"{seen['most_at_once']} of them ever ran together. Submit the tasks to a pool of 4 "
            "threads before waiting for any result"
        )
    check_returned(seen, call, [x * 2 for x in range(8)])
    assert seen["most_at_once"] <= 4, (
        f"{call} ran {seen['most_at_once']} tasks at once, more than the 4 workers"
    )


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_a_failure_raises_task_error_with_the_index_and_the_original_cause(kata):
    seen = kata.probe("failure", workers=4, count=8, failing=3)
    call = "parallel_map(task, range(8), workers=4), where task 3 raises ValueError('bad item 3'),"
    check_task_error(seen, call, 3)
    assert seen["cause_is_original"], (
        f"{call}: in thread mode the TaskError's __cause__ should be the very exception object "
        "the task raised, not a copy or a new exception"
    )


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_after_a_failure_no_further_task_starts(kata):
    seen = kata.probe("failure", workers=1, count=10, failing=3)
    call = "parallel_map(task, range(10), workers=1), where task 3 raises ValueError('bad item 3'),"
    check_task_error(seen, call, 3)
    assert seen["started"] == [0, 1, 2, 3], (
        f"{call} started the tasks {seen['started']}; with one worker, nothing after the failing "
        "task 3 should start. executor.map and submitting everything up front queue every task "
        "at once; keep at most `workers` tasks in flight and stop submitting at the first failure"
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_a_timeout_raises_the_builtin_timeout_error_promptly(kata):
    seen = kata.probe("timeout", 0.1)
    call = "parallel_map(task, [0, 1, 2], workers=2, timeout=0.1), where task 1 never finishes,"
    assert seen["kind"] != "hung", (
        f"{call} had not returned 2 s later: raise TimeoutError when the time is up, and do not "
        "wait for the stuck task while shutting the pool down (shutdown(wait=False))"
    )
    assert seen["kind"] == "raised", f"{ended(seen, call)}; it should raise TimeoutError"
    assert seen["builtin_timeout"], (
        f"{call} should raise the built-in TimeoutError, it raised {seen['error']}. On Python "
        "3.10, concurrent.futures.TimeoutError is a different class: raise TimeoutError yourself"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize(("kind", "mode"), [("io", "thread"), ("cpu", "process")])
def test_recommend_mode_picks_threads_for_io_and_processes_for_cpu(kata, kind, mode):
    seen = kata.probe("recommend", kind)
    check_returned(seen, f"recommend_mode({kind!r})", mode)


@pytest.mark.points(1)
@pytest.mark.parametrize("kind", ["gpu", "IO", ""])
def test_recommend_mode_rejects_other_kinds(kata, kind):
    seen = kata.probe("recommend", kind)
    call = f"recommend_mode({kind!r})"
    assert seen["kind"] == "raised", f"{ended(seen, call)}; it should raise ValueError"
    assert seen["error"].is_a("ValueError"), f"{call} should raise ValueError, not {seen['error']}"


@pytest.mark.points(1)
@pytest.mark.parametrize(
    "options",
    [{"mode": "fiber"}, {"workers": 0}, {"chunksize": 0}, {"workers": -2}],
    ids=["mode", "workers", "chunksize", "negative-workers"],
)
@pytest.mark.hint(1)
def test_invalid_options_raise_value_error(kata, options):
    seen = kata.probe("invalid", options)
    settings = ", ".join(f"{key}={value!r}" for key, value in options.items())
    call = f"parallel_map(square, [1, 2], {settings})"
    assert seen["kind"] == "raised", f"{ended(seen, call)}; it should raise ValueError"
    assert seen["error"].is_a("ValueError"), f"{call} should raise ValueError, not {seen['error']}"


@pytest.mark.points(1)
def test_empty_input_returns_an_empty_list_without_starting_processes(kata):
    seen = kata.probe("empty")
    for mode in ("thread", "process"):
        check_returned(seen[mode], f"parallel_map(square, [], mode={mode!r})", [])
    assert seen["process"]["started"] == 0, (
        f"parallel_map(square, [], mode='process') started {seen['process']['started']} "
        "processes for no work at all"
    )


# ---------------------------------------------------------------------------------------------
# Process mode


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_a_lambda_or_closure_in_process_mode_raises_type_error_before_any_process_starts(kata):
    seen = kata.probe("unpicklable")
    for name in ("lambda", "closure"):
        report = seen[name]
        call = f"parallel_map(<a {name}>, [1, 2], mode='process')"
        assert report["kind"] != "hung", (
            f"{call} had not finished after 5 s. A function that cannot be pickled never "
            "reaches the worker: check with pickle.dumps(func) before starting the pool"
        )
        assert report["kind"] == "raised", f"{ended(report, call)}; it should raise TypeError"
        assert report["error"].is_a("TypeError"), (
            f"{call} should raise TypeError, it raised {report['error']}. Check that func pickles "
            "(pickle.dumps) before submitting anything, and turn the pickling error into a "
            "TypeError that says why"
        )
        assert report["started"] == 0, (
            f"{call} raised TypeError, but only after starting {report['started']} worker "
            "processes: check that func pickles before creating any process"
        )
        assert report["children_after"] == 0, (
            f"after {call}, {report['children_after']} child processes were still running"
        )


PROCESS_CALL = (
    "parallel_map(task, 4 items, mode='process', workers=2, chunksize=2), where each item waits "
    "until a task in another process is waiting too,"
)


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_process_mode_runs_tasks_in_other_processes_at_the_same_time(kata):
    seen = kata.probe("process_mode")
    ran = seen["ran"]
    if ran["kind"] == "raised" and ran.get("cause") and "barrier" in ran["cause"].message:
        raise AssertionError(
            f"{PROCESS_CALL} raised {ran['error']}: the tasks never ran in two processes at once. "
            "Use a ProcessPoolExecutor with max_workers=workers, and submit before waiting"
        )
    assert ran["kind"] == "returned", ended(ran, PROCESS_CALL)
    values = ran["value"]
    in_order = type(values) is list and [x for x, _ in values] == [0, 1, 2, 3]
    assert in_order, (
        f"{PROCESS_CALL} should return one (item, pid) pair per item in input order, got {values!r}"
    )
    pids = {pid for _, pid in values}
    assert seen["parent"] not in pids, (
        f"{PROCESS_CALL} ran some items in the calling process itself (pid {seen['parent']}); "
        "process mode must run every task in a worker process"
    )
    assert len(pids) == 2, (
        f"{PROCESS_CALL}: the items ran in {len(pids)} distinct processes, expected 2"
    )


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_process_mode_uses_the_spawn_start_method(kata):
    seen = kata.probe("process_mode")
    started = seen["started"]
    assert started, f"{PROCESS_CALL} started no process at all"
    assert set(started) == {"SpawnProcess"}, (
        f"{PROCESS_CALL} started processes of the kinds {sorted(set(started))}; use "
        "multiprocessing.get_context('spawn') and pass it as mp_context"
    )
    assert len(started) <= 2, f"{PROCESS_CALL} started {len(started)} processes, more than 2"


@pytest.mark.points(2)
def test_process_mode_sends_items_in_chunks(kata):
    seen = kata.probe("process_mode")
    assert seen["submits"] == 2, (
        f"{PROCESS_CALL} submitted {seen['submits']} tasks to the ProcessPoolExecutor; with "
        "chunksize=2, the 4 items should travel as 2 tasks of 2 consecutive items each"
    )
    values = seen["ran"].get("value") or []
    pids = [pid for _, pid in values]
    paired = len(pids) == 4 and pids[0] == pids[1] and pids[2] == pids[3]
    assert paired, (
        f"{PROCESS_CALL}: items 0 and 1 should run together in one worker, and items 2 and 3 in "
        f"another; they ran in the processes {pids}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_a_failure_in_a_worker_process_raises_task_error(kata):
    seen = kata.probe("process_mode")
    call = (
        "parallel_map(f, range(8), mode='process', workers=1), where f raises "
        "ValueError('bad item 3') for item 3,"
    )
    check_task_error(seen["failed"], call, 3)


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_no_worker_process_is_left_behind(kata):
    seen = kata.probe("process_mode")
    assert seen["children_after"] == 0, (
        f"after {PROCESS_CALL} returned, {seen['children_after']} worker processes were still "
        "alive: shut the pool down (shutdown(wait=True), or a with block) before returning"
    )
    assert seen["children_after_failure"] == 0, (
        "after a process-mode call raised TaskError, "
        f"{seen['children_after_failure']} worker processes were still alive: shut the pool "
        "down on the way out too (try/finally, or a with block)"
    )
