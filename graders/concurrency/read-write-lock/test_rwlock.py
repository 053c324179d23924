"""Graders for concurrency/read-write-lock.

Scripted scenarios name their threads R1, R2... (readers) and W, W2... (writers). After every
step, each listed thread's last call must be in the expected state: "waiting", "returned", or
the name of the exception it raised.
"""

from __future__ import annotations

import pytest

from pykata.grading import same

WAIT = 1.5  # must match probes.WAIT

CALLS = {
    "acquire_read": "acquire_read()",
    "release_read": "release_read()",
    "acquire_write": "acquire_write()",
    "release_write": "release_write()",
    "enter_read": "enters `with lock.read():`",
    "enter_write": "enters `with lock.write():`",
    "exit": "leaves its `with` block",
    "read_raises": "raises KeyError inside `with lock.read():`",
    "write_raises": "raises KeyError inside `with lock.write():`",
}


NOUNS = {
    **CALLS,
    "enter_read": "entry into `with lock.read():`",
    "enter_write": "entry into `with lock.write():`",
    "exit": "exit from its `with` block",
    "read_raises": "`with lock.read():` block",
    "write_raises": "`with lock.write():` block",
}


def gave(result):
    """Describe a ("returned", value) / ("raised", Raised) pair, for a message."""
    if result == "waiting":
        return "was still waiting"
    kind, value = result
    return f"returned {value!r}" if kind == "returned" else f"raised {value}"


def state(status):
    """Turn a snapshot status into "waiting", "returned" or an exception class name."""
    if status == "waiting":
        return "waiting"
    kind, value = status
    return "returned" if kind == "returned" else value.type


def said(status):
    """Say how a call ended, for a message."""
    if status == "waiting":
        return "was still waiting"
    kind, value = status
    return "returned" if kind == "returned" else f"raised {value}"


def expected_words(expected):
    if expected == "waiting":
        return "still be waiting"
    if expected == "returned":
        return "have returned"
    return f"raise {expected}"


def play(kata, scenario):
    """Run a scenario: a list of (actor, command, {actor: expected state}, why)."""
    steps = [(actor, command) for actor, command, _, _ in scenario]
    seen = kata.probe("script", steps=steps)
    done = []
    for index, (actor, command, expectations, why) in enumerate(scenario):
        done.append(f"{actor} {CALLS[command]}")
        snapshot = seen["snapshots"][index]
        for who, expected in expectations.items():
            status = snapshot[who]
            matches = state(status) == expected or (
                expected not in ("waiting", "returned")
                and status != "waiting"
                and status[0] == "raised"
                and status[1].is_a(expected)
            )
            last = next(c for a, c in reversed(steps[: index + 1]) if a == who)
            assert matches, (
                f"with one RWLock and one thread per name, in this order: {'; '.join(done)}. At "
                f"that point {who}'s {NOUNS[last]} should {expected_words(expected)} ({why}), "
                f"but it {said(status)}"
            )
    return seen


# ---------------------------------------------------------------------------------------------
# Readers together, writers alone


@pytest.mark.points(3)
@pytest.mark.parametrize("use_context_manager", [True, False], ids=["read()", "acquire_read()"])
@pytest.mark.hint(2)
def test_readers_hold_the_lock_together(kata, use_context_manager):
    readers = 4
    results = kata.probe("readers_meet", readers=readers, use_context_manager=use_context_manager)
    how = "`with lock.read():`" if use_context_manager else "acquire_read()"
    assert results == ["met"] * readers, (
        f"{readers} threads each took the read lock with {how} and then waited at a "
        f"threading.Barrier({readers}) inside it; they can only all get there if readers share "
        f"the lock, but they reported {results}. A single mutex lets one reader in at a time"
    )


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_a_writer_waits_for_every_reader_and_readers_wait_for_a_writer(kata):
    play(
        kata,
        [
            ("R1", "acquire_read", {"R1": "returned"}, "the lock was free"),
            ("R2", "acquire_read", {"R2": "returned"}, "readers share the lock"),
            ("W", "acquire_write", {"W": "waiting"}, "readers hold the lock"),
            ("R1", "release_read", {"R1": "returned", "W": "waiting"}, "R2 still reads"),
            ("R2", "release_read", {"R2": "returned", "W": "returned"}, "the last reader left"),
            ("R3", "acquire_read", {"R3": "waiting"}, "a writer holds the lock"),
            ("W", "release_write", {"W": "returned", "R3": "returned"}, "the writer left"),
            ("W2", "acquire_write", {"W2": "waiting"}, "R3 holds the read lock"),
            ("R3", "release_read", {"W2": "returned"}, "the reader left"),
        ],
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_a_writer_excludes_other_writers(kata):
    play(
        kata,
        [
            ("W1", "acquire_write", {"W1": "returned"}, "the lock was free"),
            ("W2", "acquire_write", {"W2": "waiting"}, "W1 holds the write lock"),
            ("W1", "release_write", {"W1": "returned", "W2": "returned"}, "W1 left"),
            ("W1", "acquire_write", {"W1": "waiting"}, "W2 holds the write lock"),
            ("W2", "release_write", {"W2": "returned", "W1": "returned"}, "W2 left"),
        ],
    )


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_a_waiting_writer_goes_before_readers_that_arrive_after_it(kata):
    seen = play(
        kata,
        [
            ("R1", "acquire_read", {"R1": "returned"}, "the lock was free"),
            ("W", "acquire_write", {"W": "waiting"}, "R1 holds the read lock"),
            (
                "R2",
                "acquire_read",
                {"R2": "waiting"},
                "a writer is waiting, so new readers wait: otherwise a stream of readers "
                "could starve the writer forever",
            ),
            ("R1", "release_read", {"W": "returned", "R2": "waiting"}, "the writer goes first"),
            ("W", "release_write", {"R2": "returned"}, "the writer left"),
        ],
    )
    order = [
        actor for actor, command, _ in seen["log"] if command == "acquire_write" or actor == "R2"
    ]
    assert order == ["W", "R2"], (
        f"the writer should get the lock before R2, but they got it in the order {order}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_when_a_writer_leaves_a_waiting_writer_goes_before_waiting_readers(kata):
    play(
        kata,
        [
            ("W1", "acquire_write", {"W1": "returned"}, "the lock was free"),
            ("R1", "acquire_read", {"R1": "waiting"}, "W1 holds the write lock"),
            ("W2", "acquire_write", {"W2": "waiting"}, "W1 holds the write lock"),
            (
                "W1",
                "release_write",
                {"W2": "returned", "R1": "waiting"},
                "while a writer waits, no reader gets in",
            ),
            ("W2", "release_write", {"R1": "returned"}, "no writer is left"),
        ],
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_when_a_writer_leaves_every_waiting_reader_gets_in(kata):
    play(
        kata,
        [
            ("W", "acquire_write", {"W": "returned"}, "the lock was free"),
            ("R1", "acquire_read", {"R1": "waiting"}, "W holds the write lock"),
            ("R2", "acquire_read", {"R2": "waiting"}, "W holds the write lock"),
            ("R3", "acquire_read", {"R3": "waiting"}, "W holds the write lock"),
            (
                "W",
                "release_write",
                {"R1": "returned", "R2": "returned", "R3": "returned"},
                "all waiting readers may share the lock: wake them all with notify_all()",
            ),
        ],
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_the_context_managers_follow_the_same_rules(kata):
    play(
        kata,
        [
            ("R1", "enter_read", {"R1": "returned"}, "the lock was free"),
            ("R2", "enter_read", {"R2": "returned"}, "readers share the lock"),
            ("W", "enter_write", {"W": "waiting"}, "readers hold the lock"),
            ("R1", "exit", {"R1": "returned", "W": "waiting"}, "R2 still reads"),
            ("R2", "exit", {"R2": "returned", "W": "returned"}, "the last reader left"),
            ("R3", "enter_read", {"R3": "waiting"}, "a writer holds the lock"),
            ("W", "exit", {"W": "returned", "R3": "returned"}, "the writer left"),
        ],
    )


@pytest.mark.points(4)
@pytest.mark.hint(1)
def test_sixteen_threads_never_see_a_writer_with_anyone_else(kata):
    threads, operations = 16, 40
    for seed in (1, 2):
        seen = kata.probe("stress", threads=threads, operations=operations, seed=seed)
        setting = (
            f"{threads} threads released together by a threading.Barrier each did {operations} "
            "random reads and writes (some readers re-entering their read lock), with counters "
            "of who was inside each critical section"
        )
        assert not seen["errors"], f"{setting}; a thread raised {seen['errors'][0]}"
        assert seen["stuck"] == 0, (
            f"{setting}; {seen['stuck']} threads stopped making progress for {WAIT:g} s: a "
            "deadlock or a lost wake-up"
        )
        assert seen["violation_count"] == 0, (
            f"{setting}; {seen['violation_count']} times a thread entered while the lock should "
            f"have kept it out, for example with {seen['violations'][0]} inside at once"
        )
        assert seen["sections"] == threads * operations, (
            f"{setting}; {seen['sections']} critical sections ran, expected {threads * operations}"
        )


# ---------------------------------------------------------------------------------------------
# Re-entry, upgrades and misuse


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_a_reader_may_take_the_read_lock_again_even_while_a_writer_waits(kata):
    play(
        kata,
        [
            ("R1", "acquire_read", {"R1": "returned"}, "the lock was free"),
            ("W", "acquire_write", {"W": "waiting"}, "R1 holds the read lock"),
            (
                "R1",
                "acquire_read",
                {"R1": "returned"},
                "R1 already holds the read lock; making it wait for W, which waits for R1, is "
                "a deadlock",
            ),
            ("R1", "release_read", {"R1": "returned", "W": "waiting"}, "R1 still holds one level"),
            ("R1", "release_read", {"R1": "returned", "W": "returned"}, "R1 released both levels"),
        ],
    )


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_upgrading_a_read_lock_raises_runtime_error_at_once(kata):
    play(
        kata,
        [
            ("R1", "acquire_read", {"R1": "returned"}, "the lock was free"),
            (
                "R1",
                "acquire_write",
                {"R1": "RuntimeError"},
                "a reader asking for the write lock would wait for itself to leave: raise "
                "RuntimeError instead of deadlocking",
            ),
            ("W", "acquire_write", {"W": "waiting"}, "R1 still holds its read lock"),
            ("R1", "release_read", {"R1": "returned", "W": "returned"}, "R1 left"),
        ],
    )


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_upgrading_inside_the_read_context_manager_raises_too(kata):
    play(
        kata,
        [
            ("R1", "enter_read", {"R1": "returned"}, "the lock was free"),
            ("R1", "acquire_write", {"R1": "RuntimeError"}, "an upgrade is refused"),
            ("R1", "exit", {"R1": "returned"}, "R1 still held the read lock"),
            ("W", "acquire_write", {"W": "returned"}, "the lock is free again"),
        ],
    )


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_the_writer_asking_for_the_lock_again_raises_runtime_error(kata):
    play(
        kata,
        [
            ("W", "acquire_write", {"W": "returned"}, "the lock was free"),
            ("W", "acquire_write", {"W": "RuntimeError"}, "the write lock is not re-entrant"),
            ("W", "acquire_read", {"W": "RuntimeError"}, "the writer cannot also read-lock"),
            ("W", "release_write", {"W": "returned"}, "W still held the write lock"),
            ("R1", "acquire_read", {"R1": "returned"}, "the lock is free again"),
        ],
    )


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_releasing_a_lock_you_do_not_hold_raises_runtime_error(kata):
    play(
        kata,
        [
            ("X", "release_read", {"X": "RuntimeError"}, "nobody holds the lock"),
            ("X", "release_write", {"X": "RuntimeError"}, "nobody holds the lock"),
            ("R1", "acquire_read", {"R1": "returned"}, "the lock was free"),
            ("X", "release_read", {"X": "RuntimeError"}, "X never took the read lock; R1 did"),
            ("W", "acquire_write", {"W": "waiting"}, "R1 still holds the read lock"),
            ("R1", "release_read", {"R1": "returned", "W": "returned"}, "R1 left"),
            ("X", "release_write", {"X": "RuntimeError"}, "W holds the write lock, not X"),
            ("R2", "acquire_read", {"R2": "waiting"}, "W still holds the write lock"),
            ("W", "release_write", {"W": "returned", "R2": "returned"}, "W left"),
        ],
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_an_exception_inside_the_block_releases_the_lock(kata):
    play(
        kata,
        [
            ("W", "write_raises", {"W": "KeyError"}, "the exception passes through"),
            ("W2", "acquire_write", {"W2": "returned"}, "the failed block released the lock"),
            ("W2", "release_write", {"W2": "returned"}, "W2 held the lock"),
            ("R1", "read_raises", {"R1": "KeyError"}, "the exception passes through"),
            ("W3", "acquire_write", {"W3": "returned"}, "the failed block released the lock"),
        ],
    )


# ---------------------------------------------------------------------------------------------
# CountDownLatch


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_the_latch_opens_after_count_count_downs(kata):
    """The latch opens after `count` count-downs and wakes every waiter."""
    count, waiters = 3, 3
    seen = kata.probe("latch_release", count=count, waiters=waiters)
    setting = f"{waiters} threads waited on CountDownLatch({count})"
    for done, step in enumerate(seen["steps"]):
        expected_done = waiters if done == count else 0
        assert step["done"] == expected_done, (
            f"{setting}; after {done} count_down() calls, {step['done']} of them had returned, "
            f"expected {expected_done}"
        )
        assert step["count"] == ("returned", count - done), (
            f"{setting}; after {done} count_down() calls, latch.count should be {count - done}, "
            f"but it {gave(step['count'])}"
        )
    for result in seen["results"]:
        assert result != "waiting", (
            f"{setting}; after {count} count-downs some were still waiting: wake every waiter "
            "(notify_all) when the count reaches zero"
        )
        assert same(("returned", True), result), (
            f"{setting}; once the latch opened, wait() should return True, but it {gave(result)}"
        )
    assert seen["extra_count_down"][0] == "returned", (
        f"count_down() on an open latch should do nothing, but it {gave(seen['extra_count_down'])}"
    )
    assert same(("returned", 0), seen["count_after_extra"]), (
        "after an extra count_down(), latch.count should stay 0, but it "
        f"{gave(seen['count_after_extra'])}"
    )
    assert same(("returned", True), seen["wait_after"]), (
        f"wait(0) on an open latch should return True, but it {gave(seen['wait_after'])}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(4)
def test_a_latch_of_zero_is_open_from_the_start(kata):
    seen = kata.probe("latch_release", count=0, waiters=2)
    assert seen["results"] == [("returned", True), ("returned", True)], (
        "wait() on CountDownLatch(0) should return True at once, but the waiters: "
        f"{', '.join(gave(result) for result in seen['results'])}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_the_latch_wait_returns_false_when_the_timeout_runs_out(kata):
    timeout = 0.05
    seen = kata.probe("latch_timeout", count=1, timeout=timeout)
    call = f"CountDownLatch(1).wait(timeout={timeout}) with nobody counting down"
    assert seen["result"] != "waiting", f"{call} was still waiting {WAIT:g} s after its timeout"
    assert same(("returned", False), seen["result"]), (
        f"{call} should return False when the time is up, but it {gave(seen['result'])}"
    )
    assert seen["elapsed"] >= timeout * 0.98, (
        f"{call} returned after {seen['elapsed'] * 1000:.1f} ms; it should wait the whole "
        f"{timeout * 1000:g} ms first"
    )


@pytest.mark.points(1)
def test_a_negative_latch_count_is_rejected(kata):
    kind, value = kata.probe("latch_bad_count", count=-1)
    assert kind == "raised", "CountDownLatch(-1) should raise ValueError, but it returned a latch"
    assert value.is_a("ValueError"), f"CountDownLatch(-1) should raise ValueError, not {value}"
