"""Graders for concurrency/gil-simulator.

Everything happens in virtual time: the tests compare exact tick counts and traces, so nothing
depends on the speed or the number of cores of the machine that grades.
"""

from __future__ import annotations

import random

import pytest

from pykata.grading import same

CPU100 = [("cpu", 100)]
IO100 = [("io", 100)]


# ---------------------------------------------------------------------------------------------
# A reference model of the rules in README.md, written for clarity rather than speed


def model(threads, switch_interval, cores=1, shared_lock=True):
    """The expected trace of simulate(), following the README's end-of-tick steps."""
    ops = [[op for op in program if op[1] > 0] for program in threads]  # zero-length ops vanish
    left = [program[0][1] if program else 0 for program in ops]
    slots = 1 if shared_lock else cores
    queue = [t for t, program in enumerate(ops) if program and program[0][0] == "cpu"]
    held = {}

    def kind(t):
        return ops[t][0][0] if ops[t] else None

    while queue and len(held) < slots:
        held[queue.pop(0)] = 0
    trace = []
    while any(ops):
        running = tuple(sorted(held))
        trace.append(running)
        ended = []
        for t in range(len(ops)):
            if t in held or kind(t) == "io":
                left[t] -= 1
                if t in held:
                    held[t] += 1
                if left[t] == 0:
                    ended.append(t)
        for t in ended:  # already in index order
            ops[t].pop(0)
            if ops[t]:
                left[t] = ops[t][0][1]
            if kind(t) == "cpu" and t not in held:
                queue.append(t)
            if t in held and kind(t) != "cpu":
                del held[t]
        if queue:
            for t in sorted(held):
                if held[t] >= switch_interval:
                    del held[t]
                    queue.append(t)
        while queue and len(held) < slots:
            held[queue.pop(0)] = 0
    return trace


def describe(threads, switch_interval, cores=1, shared_lock=True):
    """The call, as the learner would write it."""
    extra = ""
    if cores != 1:
        extra += f", cores={cores}"
    if not shared_lock:
        extra += ", shared_lock=False"
    return f"simulate({threads!r}, switch_interval={switch_interval}{extra})"


def runs(trace):
    """A trace squeezed into runs, easier to read: [((0,), 5), ((1,), 5), ...]."""
    squeezed = []
    for entry in trace:
        if squeezed and squeezed[-1][0] == entry:
            squeezed[-1][1] += 1
        else:
            squeezed.append([entry, 1])
    return ", ".join(f"{entry} x{count}" for entry, count in squeezed)


def simulated(kata, threads, switch_interval, cores=1, shared_lock=True):
    """Run simulate() in the sandbox; fail with a clear message unless it returned a Result."""
    kind, seen = kata.probe(
        "run", threads, switch_interval=switch_interval, cores=cores, shared_lock=shared_lock
    )
    call = describe(threads, switch_interval, cores, shared_lock)
    check_result(call, kind, seen)
    return call, seen


def check_result(call, kind, seen):
    assert kind != "hung", f"{call} did not finish within 2 s: does every op's countdown reach 0?"
    assert kind == "returned", f"{call} raised {seen}"
    assert seen["type"] == "Result", f"{call} should return a Result, it returned a {seen['type']}"
    assert type(seen["trace"]) is list, (
        f"{call}: Result.trace should be a list, it is {type(seen['trace']).__name__}"
    )
    bad = [entry for entry in seen["trace"] if type(entry) is not tuple]
    assert not bad, (
        f"{call}: each entry of Result.trace should be a tuple of thread indices, found {bad[0]!r}"
    )
    assert same(len(seen["trace"]), seen["total"]), (
        f"{call}: total_ticks should be an int equal to the number of trace entries "
        f"({len(seen['trace'])}), it is {seen['total']!r}"
    )


def check_trace(call, seen, expected):
    assert seen["trace"] == expected, (
        f"{call} should take {len(expected)} ticks with the trace\n  {runs(expected)}\n"
        f"but took {seen['total']} ticks with the trace\n  {runs(seen['trace'])}"
    )


# ---------------------------------------------------------------------------------------------
# The GIL's headline effects


@pytest.mark.points(3)
@pytest.mark.parametrize("cores", [1, 2, 4])
@pytest.mark.hint(2)
def test_cpu_bound_threads_take_turns_on_the_lock_whatever_the_cores(kata, cores):
    call, seen = simulated(kata, [CPU100] * 4, switch_interval=5, cores=cores)
    assert seen["total"] == 400, (
        f"{call}: four threads of 100 CPU ticks behind one lock should take 400 ticks, "
        f"not {seen['total']}. More cores do not help: only the lock holder runs"
    )
    crowded = [entry for entry in seen["trace"] if len(entry) != 1]
    assert not crowded, (
        f"{call}: with the shared lock exactly one thread runs in every tick here, "
        f"but one tick's entry was {crowded[0]!r}"
    )


@pytest.mark.points(3)
@pytest.mark.parametrize(("cores", "ticks"), [(4, 100), (2, 200), (8, 100), (1, 400)])
@pytest.mark.hint(2)
def test_without_the_lock_threads_run_in_parallel_up_to_the_cores(kata, cores, ticks):
    call, seen = simulated(kata, [CPU100] * 4, switch_interval=5, cores=cores, shared_lock=False)
    assert seen["total"] == ticks, (
        f"{call}: four processes of 100 CPU ticks on {cores} cores should take {ticks} ticks, "
        f"not {seen['total']}"
    )
    crowded = [entry for entry in seen["trace"] if len(entry) > cores]
    assert not crowded, f"{call}: a tick ran {crowded[0]!r}, more threads than the {cores} cores"


@pytest.mark.points(3)
@pytest.mark.parametrize("shared_lock", [True, False], ids=["lock", "no-lock"])
@pytest.mark.hint(1)
def test_io_bound_threads_overlap_because_io_releases_the_lock(kata, shared_lock):
    call, seen = simulated(kata, [IO100] * 4, switch_interval=5, shared_lock=shared_lock)
    assert seen["total"] == 100, (
        f"{call}: four threads doing 100 ticks of I/O each should take 100 ticks, not "
        f"{seen['total']}. Blocking I/O releases the lock and needs no core, so every thread "
        "waits at the same time"
    )
    assert seen["trace"] == [()] * 100, (
        f"{call}: no thread does CPU work, so every trace entry should be (), got "
        f"{runs(seen['trace'])}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_cpu_work_overlaps_another_threads_io(kata):
    threads = [[("cpu", 50)], [("io", 50), ("cpu", 10)]]
    call, seen = simulated(kata, threads, switch_interval=5)
    check_trace(call, seen, [(0,)] * 50 + [(1,)] * 10)


# ---------------------------------------------------------------------------------------------
# Handing the lock over


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_the_switch_interval_forces_cpu_threads_to_alternate(kata):
    call, seen = simulated(kata, [[("cpu", 12)]] * 2, switch_interval=5)
    expected = [(0,)] * 5 + [(1,)] * 5 + [(0,)] * 5 + [(1,)] * 5 + [(0,)] * 2 + [(1,)] * 2
    check_trace(call, seen, expected)


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_a_preempted_holder_queues_behind_the_threads_already_waiting(kata):
    call, seen = simulated(kata, [[("cpu", 4)]] * 3, switch_interval=2)
    expected = [(0,), (0,), (1,), (1,), (2,), (2,), (0,), (0,), (1,), (1,), (2,), (2,)]
    check_trace(call, seen, expected)


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_the_interval_counts_from_when_the_holder_took_the_lock(kata):
    # Thread 1 starts waiting at tick 6, when thread 0 has already held the lock for 6 ticks.
    threads = [[("cpu", 10)], [("io", 6), ("cpu", 5)]]
    call, seen = simulated(kata, threads, switch_interval=4)
    expected = [(0,)] * 6 + [(1,)] * 4 + [(0,)] * 4 + [(1,)]
    check_trace(call, seen, expected)


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_a_lone_thread_keeps_the_lock_past_its_interval(kata):
    call, seen = simulated(kata, [[("cpu", 7), ("cpu", 3)]], switch_interval=2)
    check_trace(call, seen, [(0,)] * 10)


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_a_finishing_thread_releases_the_lock_at_once(kata):
    call, seen = simulated(kata, [[("cpu", 3)], [("cpu", 3)]], switch_interval=100)
    check_trace(call, seen, [(0,)] * 3 + [(1,)] * 3)


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_a_thread_starting_io_releases_the_lock_at_once(kata):
    threads = [[("cpu", 2), ("io", 3), ("cpu", 2)], [("cpu", 5)]]
    call, seen = simulated(kata, threads, switch_interval=100)
    check_trace(call, seen, [(0,)] * 2 + [(1,)] * 5 + [(0,)] * 2)


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_idle_ticks_appear_only_when_every_thread_waits_on_io(kata):
    threads = [[("io", 2), ("cpu", 1)], [("cpu", 1), ("io", 3)]]
    call, seen = simulated(kata, threads, switch_interval=5)
    check_trace(call, seen, [(1,), (), (0,), ()])


@pytest.mark.points(1)
def test_zero_length_ops_take_no_time(kata):
    threads = [[("cpu", 0), ("io", 0), ("cpu", 2)], [], [("io", 0)]]
    call, seen = simulated(kata, threads, switch_interval=5)
    check_trace(call, seen, [(0,), (0,)])


@pytest.mark.points(1)
def test_no_threads_take_no_ticks(kata):
    call, seen = simulated(kata, [], switch_interval=5)
    check_trace(call, seen, [])


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_without_the_lock_each_core_rotates_like_the_lock_does(kata):
    call, seen = simulated(kata, [[("cpu", 4)]] * 3, switch_interval=2, cores=2, shared_lock=False)
    check_trace(call, seen, [(0, 1), (0, 1), (0, 2), (0, 2), (1, 2), (1, 2)])


# ---------------------------------------------------------------------------------------------
# Many small workloads against the model


def random_cases(count, seed):
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        threads = [
            [
                (rng.choice(("cpu", "cpu", "io")), rng.randint(0, 6))
                for _ in range(rng.randint(0, 4))
            ]
            for _ in range(rng.randint(1, 4))
        ]
        options = {
            "switch_interval": rng.randint(1, 5),
            "cores": rng.randint(1, 3),
            "shared_lock": rng.random() < 0.6,
        }
        cases.append((threads, options))
    return cases


@pytest.mark.points(4)
def test_many_random_workloads_follow_the_rules_exactly(kata):
    cases = random_cases(300, seed=20240)
    seen = kata.probe("run_many", cases)
    failures = []
    for (threads, options), (kind, value) in zip(cases, seen, strict=True):
        expected = model(threads, **options)
        if kind != "returned" or value["trace"] != expected:
            if kind == "hung":  # the probe stopped here: report this workload, whatever its size
                failures = [(-1, threads, options, kind, value, expected)]
                break
            size = sum(ticks for program in threads for _, ticks in program)
            failures.append((size, threads, options, kind, value, expected))
    if not failures:
        return
    _, threads, options, kind, value, expected = min(failures, key=lambda f: f[0])
    call = describe(threads, **options)
    assert kind != "hung", f"{call} did not finish within 2 s"
    assert kind == "returned", (
        f"{len(failures)} of 300 random workloads failed; the smallest: {call} raised {value}"
    )
    raise AssertionError(
        f"{len(failures)} of 300 random workloads gave a different trace; the smallest: {call} "
        f"should give\n  {runs(expected)}\nbut gave\n  {runs(value['trace'])}"
    )


# ---------------------------------------------------------------------------------------------
# Determinism and validation


@pytest.mark.points(1)
def test_the_same_input_gives_the_same_trace_and_is_not_modified(kata):
    threads = [[("cpu", 3), ("io", 2), ("cpu", 3)], [("io", 1), ("cpu", 4)], [("cpu", 5)]]
    seen = kata.probe("run_twice", threads, switch_interval=2)
    for kind, value in (seen["first"], seen["second"]):
        assert kind == "returned", f"simulate({threads!r}, switch_interval=2) {kind} {value or ''}"
    assert seen["first"] == seen["second"], (
        f"simulate() called twice on the same input gave two different results: "
        f"{seen['first']} and then {seen['second']}"
    )
    assert seen["input_unchanged"], "simulate() changed the list of threads it was given"


INVALID = {
    "an unknown op kind": ([[("gpu", 3)]], {}),
    "a negative CPU duration": ([[("cpu", -1)]], {}),
    "a negative I/O duration": ([[("io", 2), ("io", -5)]], {}),
    "a float duration": ([[("cpu", 2.5)]], {}),
    "a string duration": ([[("cpu", "3")]], {}),
    "an op without a duration": ([[("cpu",)]], {}),
    "an op with three parts": ([[("cpu", 1, 2)]], {}),
    "switch_interval=0": ([[("cpu", 1)]], {"switch_interval": 0}),
    "cores=0": ([[("cpu", 1)]], {"cores": 0}),
}


# The validation tests come last: a simulation that loops forever on a negative duration leaves a
# busy thread behind in the sandbox, which would slow down every test after it.
@pytest.mark.points(2)
@pytest.mark.parametrize("case", list(INVALID))
def test_invalid_input_raises_value_error(kata, case):
    threads, options = INVALID[case]
    options = {"switch_interval": 5, **options}
    kind, value = kata.probe("run", threads, **options)
    call = describe(threads, **options)
    assert kind != "hung", f"{call} ({case}) did not finish within 2 s: it should raise ValueError"
    assert kind == "raised", f"{call} ({case}) should raise ValueError, but it returned"
    assert value.is_a("ValueError"), (
        f"{call} ({case}) should raise ValueError, but it raised {value}"
    )
