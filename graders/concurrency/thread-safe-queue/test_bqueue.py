"""Graders for concurrency/thread-safe-queue."""

from __future__ import annotations

import ast
from collections import deque

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from pykata.grading import same

WAIT = 1.5  # must match probes.WAIT: seconds before a thread counts as stuck

# ---------------------------------------------------------------------------------------------
# Helpers: a reference model of the queue, and words for the messages


class ModelQueue:
    """The expected behaviour of one thread's calls, kept deliberately simple."""

    def __init__(self, maxsize):
        self.maxsize = maxsize
        self.items = deque()
        self.unfinished = 0
        self.closed = False

    def would_block(self, op):
        if op[0] == "put":
            return not self.closed and len(self.items) >= self.maxsize
        if op[0] == "get":
            return not self.closed and not self.items
        return False

    def apply(self, op):
        """("ok", value) or ("raised", exception class name)."""
        name, *args = op
        if name in ("put", "put_nowait"):
            if self.closed:
                return ("raised", "Closed")
            if len(self.items) >= self.maxsize:
                return ("raised", "Full")
            self.items.append(args[0])
            self.unfinished += 1
            return ("ok", None)
        if name in ("get", "get_nowait"):
            if self.items:
                return ("ok", self.items.popleft())
            return ("raised", "Closed" if self.closed else "Empty")
        if name == "qsize":
            return ("ok", len(self.items))
        if name == "task_done":
            if not self.unfinished:
                return ("raised", "ValueError")
            self.unfinished -= 1
            return ("ok", None)
        self.closed = True  # close
        return ("ok", None)


def op_text(op):
    name, *args = op
    if name in ("put", "put_nowait"):
        return f"{name}({args[0]!r})"
    return f"{name}()"


def history(ops):
    return ", ".join(op_text(op) for op in ops) or "nothing"


def first_mismatch(maxsize, ops, seen):
    """Compare one thread's results with the model; describe the first difference, or None."""
    model = ModelQueue(maxsize)
    results = seen["results"]
    for index, op in enumerate(ops):
        before = f"on BoundedQueue({maxsize}), after {history(ops[:index])}"
        if index >= len(results):
            return (
                f"{before}, {op_text(op)} did not return within {WAIT:g} s; it should never "
                "wait here"
            )
        kind, got = results[index]
        expected = model.apply(op)
        if kind == "raised":
            if expected[0] == "raised" and got.is_a(expected[1]):
                continue
            want = f"raise {expected[1]}" if expected[0] == "raised" else f"return {expected[1]!r}"
            return f"{before}, {op_text(op)} raised {got}; it should {want}"
        if expected[0] == "raised":
            return f"{before}, {op_text(op)} returned {got!r}; it should raise {expected[1]}"
        if not same(expected[1], got):
            return f"{before}, {op_text(op)} returned {got!r}; it should return {expected[1]!r}"
    return None


def did(status):
    """Say how a thread's call ended, for a message."""
    if status == "waiting":
        return f"was still waiting after {WAIT:g} s"
    kind, value = status
    return f"raised {value}" if kind == "raised" else f"returned {value!r}"


def raised_a(status, name):
    """Tell whether a ("raised", Raised) status is an exception of class ``name``."""
    return status != "waiting" and status[0] == "raised" and status[1].is_a(name)


def shown(entries):
    """Describe ("ok", value) / ("raised", Raised) entries, for a message."""
    return ", ".join(
        f"raised {value}" if kind == "raised" else f"returned {value!r}" for kind, value in entries
    )


def check_scenario(kata, maxsize, ops):
    seen = kata.probe("operations", maxsize=maxsize, ops=ops)
    problem = first_mismatch(maxsize, ops, seen)
    assert problem is None, problem


# ---------------------------------------------------------------------------------------------
# One thread: order, nowait, close, task_done


@pytest.mark.points(2)
def test_items_come_out_in_the_order_they_went_in(kata):
    ops = [("put_nowait", n) for n in ("a", "b", "c")] + [("qsize",)]
    ops += [("get_nowait",), ("put_nowait", "d"), ("get_nowait",), ("get_nowait",)]
    ops += [("get_nowait",), ("qsize",)]
    check_scenario(kata, 4, ops)


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_nowait_calls_raise_full_and_empty(kata):
    ops = [("get_nowait",), ("put_nowait", 1), ("put_nowait", 2), ("put_nowait", 3)]
    ops += [("qsize",), ("get_nowait",), ("get_nowait",), ("get_nowait",), ("qsize",)]
    check_scenario(kata, 2, ops)


@pytest.mark.points(1)
@pytest.mark.parametrize("maxsize", [0, -3])
def test_a_maxsize_below_one_is_rejected(kata, maxsize):
    kind, value = kata.probe("bad_maxsize", maxsize=maxsize)
    assert raised_a((kind, value), "ValueError"), (
        f"BoundedQueue({maxsize}) should raise ValueError (a bounded queue holds at least one "
        f"item), but it {'returned a queue' if kind == 'returned' else f'raised {value}'}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_a_closed_queue_refuses_items_and_drains_before_raising_closed(kata):
    ops = [("put_nowait", "x"), ("put_nowait", "y"), ("close",), ("put_nowait", "z")]
    ops += [("put", "z"), ("qsize",), ("get_nowait",), ("get",), ("get_nowait",), ("get",)]
    ops += [("close",), ("qsize",)]
    check_scenario(kata, 2, ops)


@pytest.mark.points(1)
def test_task_done_more_often_than_items_raises_value_error(kata):
    ops = [("task_done",), ("put_nowait", 1), ("put_nowait", 2), ("get_nowait",)]
    ops += [("task_done",), ("get_nowait",), ("task_done",), ("task_done",)]
    check_scenario(kata, 3, ops)


KINDS = ["put_nowait", "get_nowait", "put", "get", "qsize", "task_done", "close"]


def normalise(maxsize, raw):
    """Turn drawn operations into a sequence one thread can run: no call that would block.

    A blocking put/get that would wait becomes its nowait variant; close comes rarely and late.
    """
    model = ModelQueue(maxsize)
    ops = []
    for index, (kind, value) in enumerate(raw):
        if kind == "close" and index < len(raw) * 2 // 3:
            kind = "qsize"
        op = (kind, value) if kind in ("put", "put_nowait") else (kind,)
        if model.would_block(op):
            op = (f"{kind}_nowait", *op[1:])
        model.apply(op)
        ops.append(op)
    return ops


@pytest.mark.points(3)
@settings(max_examples=20, phases=(Phase.explicit, Phase.generate))
@given(
    maxsize=st.integers(1, 4),
    raw=st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 99)), max_size=25),
)
def test_random_single_thread_sequences_match_a_simple_model(kata, maxsize, raw):
    """Random sequences of calls from one thread behave like a simple model."""
    ops = normalise(maxsize, raw)
    seen = kata.probe("operations", maxsize=maxsize, ops=ops)
    problem = first_mismatch(maxsize, ops, seen)
    if problem is not None:
        # Shrinking would run one probe per step: find the shortest failing prefix instead.
        low, high = 0, len(ops)
        while high - low > 1:
            middle = (low + high) // 2
            part = ops[:middle]
            if first_mismatch(maxsize, part, kata.probe("operations", maxsize, part)):
                high = middle
            else:
                low = middle
        part = ops[:high]
        problem = first_mismatch(maxsize, part, kata.probe("operations", maxsize, part)) or problem
    assert problem is None, problem


# ---------------------------------------------------------------------------------------------
# Timeouts


@pytest.mark.points(2)
@pytest.mark.parametrize("method", ["get", "put"])
@pytest.mark.hint(3)
def test_a_timeout_gives_up_after_waiting_that_long(kata, method):
    timeout = 0.05
    seen = kata.probe("timed_out", method=method, timeout=timeout)
    call = (
        f"get(timeout={timeout}) on an empty queue"
        if method == "get"
        else f"put('more', timeout={timeout}) on a full BoundedQueue(1)"
    )
    error = "Empty" if method == "get" else "Full"
    assert seen["kind"] != "hung", (
        f"{call} was still waiting {WAIT:g} s after its timeout: the timeout must end the wait"
    )
    assert raised_a((seen["kind"], seen["value"]), error), (
        f"{call} should raise {error} when the time is up, but it "
        f"{did((seen['kind'], seen['value']))}"
    )
    assert seen["elapsed"] >= timeout * 0.98, (
        f"{call} raised {error} after {seen['elapsed'] * 1000:.1f} ms; it should wait the whole "
        f"{timeout * 1000:g} ms first (pass the time left to Condition.wait)"
    )
    expected_size = 0 if method == "get" else 1
    assert seen["qsize"] == expected_size, (
        f"after {call} gave up, qsize() should be {expected_size}, it is {seen['qsize']!r}"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize("op", [("put_timeout", 1, -1), ("get_timeout", -0.5)], ids=["put", "get"])
def test_a_negative_timeout_is_rejected(kata, op):
    seen = kata.probe("operations", maxsize=2, ops=[op])
    call = "put(1, timeout=-1)" if op[0] == "put_timeout" else "get(timeout=-0.5)"
    assert not seen["stuck"], f"{call} did not return within {WAIT:g} s"
    kind, value = seen["results"][0]
    assert raised_a((kind, value), "ValueError"), (
        f"{call} should raise ValueError (a timeout cannot be negative), but it "
        f"{'returned ' + repr(value) if kind == 'ok' else 'raised ' + str(value)}"
    )


# ---------------------------------------------------------------------------------------------
# Blocking and waking


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_a_blocked_get_wakes_as_soon_as_an_item_is_put(kata):
    timeouts = [None, 30]
    seen = kata.probe("wakes_on_put", timeouts=timeouts)
    for index, timeout in enumerate(timeouts):
        call = "get()" if timeout is None else f"get(timeout={timeout})"
        early, woke, got = seen["early"][index], seen["woke"][index], seen["got"][index]
        assert early == "waiting", (
            f"{call} on an empty queue should wait for an item, but it {did(early)}"
        )
        assert woke, (
            f"a thread waiting in {call} on an empty queue was still waiting {WAIT:g} s after "
            "put('parcel'): put must notify the condition that consumers wait on"
        )
        assert got == ("returned", "parcel"), (
            f"after put('parcel'), the waiting {call} should return 'parcel', but it {did(got)}"
        )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_a_blocked_put_wakes_as_soon_as_an_item_is_taken(kata):
    seen = kata.probe("producer_wakes_on_get")
    assert seen["early"] == "waiting", (
        f"put('second') on a full BoundedQueue(1) should wait for room, but it {did(seen['early'])}"
    )
    assert seen["got"] == "first", f"get() should return 'first', it returned {seen['got']!r}"
    assert seen["woke"], (
        f"a thread waiting in put('second') on a full queue was still waiting {WAIT:g} s after "
        "get() made room: get must notify the condition that producers wait on"
    )
    assert seen["put"] == ("returned", None), f"the waiting put('second') {did(seen['put'])}"
    assert seen["rest"] == ("returned", "second"), (
        f"after that, get_nowait() should return 'second'; it gave {seen['rest']}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_one_item_wakes_exactly_one_of_several_blocked_consumers(kata):
    consumers = 3
    seen = kata.probe("one_item_many_consumers", consumers=consumers)
    setting = f"{consumers} threads were waiting in get() on an empty queue, and one item was put"
    after = seen["after_one"]
    failures = [status for status in after if status != "waiting" and status[0] == "raised"]
    assert not failures, (
        f"{setting}; {len(failures)} of them {did(failures[0])}. Every woken consumer must check "
        "again whether an item is there (`while`, not `if`, around wait()): another consumer may "
        "have taken it first"
    )
    got = [status for status in after if status != "waiting"]
    assert got == [("returned", "only")], (
        f"{setting}; exactly one should return it and the others keep waiting, but "
        f"{len(got)} returned ({', '.join(did(s) for s in got) or 'none'})"
    )
    final = seen["final"]
    assert all(status != "waiting" for status in final), (
        f"{setting}, then one more item for each of the others; some were still waiting after "
        f"{WAIT:g} s"
    )
    values = sorted(status[1] for status in final if status[0] == "returned")
    expected = ["extra-0", "extra-1", "only"]
    assert values == expected, (
        f"{setting}, then one more item for each of the others; together they should have got "
        f"{expected}, they got {[did(s) for s in final]}"
    )
    assert seen["qsize"] == 0, f"every item was taken, but qsize() is {seen['qsize']!r}"


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_join_waits_until_every_item_is_marked_done(kata):
    items = 3
    seen = kata.probe("join_waits_for_task_done", items=items)
    assert seen["empty_join"] == ("returned", None), (
        "join() on a queue that never held an item should return at once, but it "
        + (
            f"did not return within {WAIT:g} s"
            if seen["empty_join"][0] == "hung"
            else did(seen["empty_join"])
        )
    )
    for step, status in seen["steps"]:
        assert status == "waiting", (
            f"{items} items were put, and a thread called join(); {step}, join() had already "
            f"{'returned' if status[0] == 'returned' else did(status)}. It should wait until "
            f"task_done() has been called {items} times: an empty queue is not the same as every "
            "item being processed"
        )
    assert seen["final"] == ("returned", None), (
        f"after the last of {items} task_done() calls, the thread in join() {did(seen['final'])}: "
        "task_done must wake the joiners when the count of unfinished items reaches zero"
    )
    kind, value = seen["extra"]
    assert raised_a((kind, value), "ValueError"), (
        "one task_done() more than there were items should raise ValueError, but it "
        f"{did((kind, value))}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_calls_on_a_closed_queue_do_not_block(kata):
    seen = kata.probe("closed_blocking_calls")
    calls = {
        "get": ("get() on a closed, empty queue", "Closed"),
        "get_timeout": ("get(timeout=30) on a closed, empty queue", "Closed"),
        "put_full": ("put('y') on a closed, full queue", "Closed"),
        "put_timeout": ("put('y', timeout=30) on a closed, full queue", "Closed"),
    }
    for key, (call, error) in calls.items():
        kind, value = seen[key]
        assert kind != "hung", (
            f"{call} was still waiting after {WAIT:g} s; it should raise {error} at once"
        )
        assert raised_a((kind, value), error), (
            f"{call} should raise {error} at once, but it {did((kind, value))}"
        )
    kind, value = seen["close_again"]
    assert kind == "returned", (
        "calling close() a second time should do nothing, but it "
        f"{'did not return' if kind == 'hung' else f'raised {value}'}"
    )
    assert seen["drain"][0] == ("returned", "x"), (
        "the closed queue still held 'x': get_nowait() should return it, but it "
        f"{did(seen['drain'][0])}"
    )
    kind, value = seen["drain"][1]
    assert raised_a((kind, value), "Closed"), (
        f"once a closed queue is drained, get_nowait() should raise Closed (not Empty), but it "
        f"{did((kind, value))}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_close_wakes_every_blocked_producer_and_consumer(kata):
    consumers, producers = 3, 2
    seen = kata.probe("close_wakes_waiters", consumers=consumers, producers=producers)
    groups = (
        ("getters", f"{consumers} threads waiting in get() on an empty queue"),
        ("putters", f"{producers} threads waiting in put() on a full queue"),
    )
    for key, who in groups:
        statuses = seen[key]
        asleep = sum(status == "waiting" for status in statuses)
        assert asleep == 0, (
            f"after close(), {asleep} of the {who} were still waiting {WAIT:g} s later. close() "
            "must wake every waiting thread (notify_all on each condition), not only set a flag"
        )
        for status in statuses:
            assert raised_a(status, "Closed"), (
                f"after close(), each of the {who} should raise Closed, but one {did(status)}"
            )
    drained = seen["drained"]
    expected = [("ok", "a"), ("ok", "b")]
    got = [entry for entry in drained if entry[0] == "ok"]
    drained_then_closed = len(drained) == 3 and raised_a(drained[2], "Closed")
    assert got == expected, (
        "the full queue held 'a' and 'b' when it was closed: get_nowait() should then return "
        f"'a', 'b' and raise Closed, but the calls {shown(drained)}"
    )
    assert drained_then_closed, (
        "the full queue held 'a' and 'b' when it was closed: get_nowait() should then return "
        f"'a', 'b' and raise Closed, but the calls {shown(drained)}"
    )


# ---------------------------------------------------------------------------------------------
# Many threads


@pytest.mark.points(4)
@pytest.mark.hint(1)
def test_eight_producers_and_eight_consumers_pass_every_item_exactly_once(kata):
    producers, consumers = 8, 8
    # A queue of one slot makes every put and get wait in turn: a lost wake-up shows at once.
    for maxsize, per_producer, seed in ((1, 250, 1), (8, 1000, 2)):
        seen = kata.probe(
            "stress",
            producers=producers,
            consumers=consumers,
            per_producer=per_producer,
            maxsize=maxsize,
            seed=seed,
        )
        setting = (
            f"{producers} producers putting {per_producer} items each and {consumers} consumers "
            f"(each calling task_done() after every get()) shared a BoundedQueue({maxsize}), all "
            "released together by a threading.Barrier"
        )
        assert not seen["errors"], f"{setting}; a thread raised {seen['errors'][0]}"
        assert seen["stuck"] == 0, (
            f"{setting}; {seen['stuck']} threads stopped making progress for {WAIT:g} s: a "
            "wake-up was lost (a waiter not notified, or the wrong kind of waiter notified)"
        )
        consumed = seen["consumed"]
        expected = sorted(p * 100_000 + i for p in range(producers) for i in range(per_producer))
        got, want = set(consumed), set(expected)
        assert consumed == expected, (
            f"{setting}; every item should be consumed exactly once, but "
            f"{len(consumed)} items came out for {len(expected)} put, with "
            f"{len(consumed) - len(got)} duplicates and {len(want - got)} missing"
        )
        assert seen["out_of_order"] == 0, (
            f"{setting}; {seen['out_of_order']} times a consumer got one producer's items out of "
            "the order they were put in"
        )
        assert seen["join"] == "returned", (
            f"{setting}; after everything was processed, join() "
            f"{f'did not return within {WAIT:g} s' if seen['join'] == 'hung' else 'raised'}"
        )
        assert seen["qsize"] == 0, f"{setting}; at the end qsize() was {seen['qsize']!r}"


# ---------------------------------------------------------------------------------------------
# How it is built

BANNED_MODULES = {"queue", "asyncio", "multiprocessing"}


def banned_imports(tree):
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            names = [node.args[0].value]
        else:
            continue
        found += [(node.lineno, name) for name in names if name.split(".")[0] in BANNED_MODULES]
    return found


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_it_is_built_from_locks_and_conditions_only(kata):
    ops = [("put_nowait", 1), ("get_nowait",)]
    seen = kata.probe("operations", maxsize=1, ops=ops)
    problem = first_mismatch(1, ops, seen)
    assert problem is None, f"the queue has to work before its structure is judged: {problem}"
    found = banned_imports(kata.syntax_tree())
    uses = "; ".join(f"line {line}: {name}" for line, name in found)
    assert not found, (
        f"bqueue.py imports {uses}. This kata is about building the queue yourself from "
        "threading.Lock and threading.Condition, without the queue, asyncio or multiprocessing "
        "modules"
    )
