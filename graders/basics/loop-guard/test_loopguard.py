"""Graders for basics/loop-guard."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from pykata.grading import same

# ---------------------------------------------------------------------------------------------
# find_cycle

# A constant bound on the states find_cycle may keep alive at once (start, tortoise, hare and a
# few temporaries); a set of visited states holds hundreds here.
MAX_ALIVE = 12
# Floyd needs at most about 6 * (mu + lam) calls, Brent fewer; brute force needs thousands.
CALLS_PER_STATE = 10


def expected_cycle(shape, start):
    """(mu, lam) by brute force, with a dict of first positions: fine here, in the grader."""
    kind, a, b = shape
    if kind == "chain":
        return (a, b)
    first_seen, n, index = {}, start, 0
    while n not in first_seen:
        first_seen[n] = index
        n, index = (n * n + a) % b, index + 1
    return (first_seen[n], index - first_seen[n])


def describe(shape, start):
    kind, a, b = shape
    if kind == "chain":
        return f"a sequence with a tail of {a} states and then a cycle of {b}"
    return f"n -> (n*n + {a}) % {b} from {start}"


def judge_cycles(kata, cases):
    seen = kata.probe("cycles", cases)
    for (shape, start), got in zip(cases, seen, strict=False):
        text = describe(shape, start)
        mu, lam = expected_cycle(shape, start)
        assert got["kind"] != "hung", (
            f"find_cycle on {text} did not return within 2 s: does a loop wait for two states "
            "that never become equal?"
        )
        assert got["kind"] == "returned", f"find_cycle on {text} raised {got['value']}"
        assert same((mu, lam), got["value"]), (
            f"find_cycle on {text} should return (mu, lam) = {(mu, lam)}, got {got['value']!r}"
        )
        assert got["peak"] <= MAX_ALIVE, (
            f"find_cycle on {text} kept {got['peak']} states alive at once; with O(1) extra "
            f"memory it needs only a few (at most {MAX_ALIVE}). Don't store visited states: "
            "use two pointers moving at different speeds"
        )
        budget = CALLS_PER_STATE * (mu + lam) + 10
        assert got["calls"] <= budget, (
            f"find_cycle on {text} called step {got['calls']} times; O(mu + lam) means at most "
            f"about {budget} here"
        )
    assert len(seen) == len(cases), "find_cycle stopped partway through the cases"


@pytest.mark.points(4)
@pytest.mark.hint(3)
def test_find_cycle_returns_the_tail_length_and_the_cycle_length(kata):
    cases = [
        (("chain", 5, 3), 0),
        (("chain", 1, 1), 0),
        (("chain", 10, 7), 0),
        (("chain", 2, 40), 0),
    ]
    judge_cycles(kata, cases)


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_find_cycle_when_the_start_is_already_on_the_cycle(kata):
    """find_cycle when the start is already on the cycle (mu = 0)"""
    judge_cycles(kata, [(("chain", 0, 1), 0), (("chain", 0, 6), 0), (("chain", 0, 2), 0)])


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_find_cycle_on_iterated_quadratic_maps(kata):
    cases = [(("quad", 1, 255), 3), (("quad", 2, 1000), 0), (("quad", 7, 9973), 11)]
    judge_cycles(kata, cases)


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_find_cycle_keeps_a_constant_number_of_states_on_long_sequences(kata):
    judge_cycles(kata, [(("chain", 400, 300), 0), (("chain", 900, 5), 0)])


@pytest.mark.points(2)
@settings(max_examples=15, phases=(Phase.explicit, Phase.generate))
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 60)), min_size=1, max_size=8))
def test_find_cycle_on_generated_tails_and_cycles(kata, pairs):
    judge_cycles(kata, [(("chain", mu, lam), 0) for mu, lam in pairs])


@pytest.mark.points(1)
def test_find_cycle_works_on_plain_ints_and_returns_a_tuple(kata):
    seen = kata.probe("plain_cycle", ("chain", 3, 4), 0)
    assert seen["type"] == "tuple", f"find_cycle should return a tuple, got a {seen['type']}"
    assert seen["value"] == (3, 4), f"find_cycle should return (3, 4), got {seen['value']}"


# ---------------------------------------------------------------------------------------------
# run_until_stable (the step is countdown: n -> max(n - 1, 0))


def heron_fixed_point():
    x = 1.0
    while (following := (x + 2 / x) / 2) != x:
        x = following
    return x


@pytest.mark.points(2)
def test_run_until_stable_returns_the_fixed_point(kata):
    seen = kata.probe("settle", 3, 100)
    assert "raised" not in seen, (
        f"run_until_stable(countdown, 3, 100) should return 0, but it raised {seen['raised']}"
    )
    assert same(0, seen["returned"]), (
        f"run_until_stable(countdown, 3, 100) should return 0, got {seen['returned']!r}"
    )
    assert seen["calls"] == 4, (
        "countdown goes 3 -> 2 -> 1 -> 0 -> 0: the fourth call returns an equal state, so "
        f"step should be called 4 times, not {seen['calls']}"
    )
    value = kata.probe("newton")
    expected = heron_fixed_point()
    assert same(expected, value), (
        f"run_until_stable(heron, 1.0, 100), heron being x -> (x + 2/x) / 2, should settle on "
        f"{expected!r}, got {value!r}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_a_budget_that_is_exactly_enough_still_succeeds(kata):
    seen = kata.probe("settle", 3, 4)
    assert "raised" not in seen, (
        "run_until_stable(countdown, 3, 4) may call step 4 times, and the fourth call settles "
        f"on 0, so it should return 0; it raised {seen.get('raised')} after {seen['calls']} calls"
    )
    assert same(0, seen["returned"]), (
        f"run_until_stable(countdown, 3, 4) returned {seen['returned']!r}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_exceeding_the_budget_raises_loop_limit_exceeded_with_the_last_state(kata):
    seen = kata.probe("settle", 3, 3)
    assert seen.get("raised") == "LoopLimitExceeded", (
        f"run_until_stable(countdown, 3, 3) should raise LoopLimitExceeded, got {seen}"
    )
    assert "RuntimeError" in seen["hierarchy"], "LoopLimitExceeded should derive from RuntimeError"
    assert same(0, seen["last_state"]), (
        "after 3 calls (3 -> 2 -> 1 -> 0) the last state computed is 0, so .last_state should "
        f"be 0, got {seen['last_state']!r}"
    )
    assert same(3, seen["steps"]), f".steps should be 3, the calls made, got {seen['steps']!r}"
    assert seen["calls"] == 3, (
        f"with max_steps=3, step should be called 3 times, not {seen['calls']}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_an_oscillating_step_is_stopped_by_the_budget(kata):
    seen = kata.probe("settle_oscillating", 50)
    assert seen["kind"] != "hung", (
        "run_until_stable(flip, 0, 50), where flip swaps 0 and 1 forever, did not return "
        "within 2 s: count the calls and stop at max_steps"
    )
    error = seen["raised"]
    assert error is not None, "run_until_stable(flip, 0, 50) should raise LoopLimitExceeded"
    assert error.is_a("LoopLimitExceeded"), f"it should raise LoopLimitExceeded, got {error}"
    assert seen["calls"] == 50, f"it should call step exactly 50 times, not {seen['calls']}"


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_a_zero_budget_raises_at_once_and_a_negative_one_is_a_value_error(kata):
    seen = kata.probe("settle", 3, 0)
    assert seen.get("raised") == "LoopLimitExceeded", (
        f"run_until_stable(countdown, 3, 0) may not call step at all and should raise "
        f"LoopLimitExceeded, got {seen}"
    )
    assert (seen["last_state"], seen["steps"], seen["calls"]) == (3, 0, 0), (
        "with max_steps=0, step is never called: last_state should be 3 and steps 0; got "
        f"last_state={seen['last_state']!r}, steps={seen['steps']!r} after {seen['calls']} calls"
    )
    negative = kata.probe("settle", 3, -1)
    assert negative.get("raised") == "ValueError", (
        f"run_until_stable(countdown, 3, -1) should raise ValueError, got {negative}"
    )


# ---------------------------------------------------------------------------------------------
# frange


def reference(start, stop, step, limit=1000):
    values = (start + i * step for i in itertools.count())
    keep = (lambda v: v < stop) if step > 0 else (lambda v: v > stop)
    return list(itertools.islice(itertools.takewhile(keep, values), limit))


def short(values):
    """A list for a message: whole if short, else its start and its length."""
    if len(values) <= 12:
        return repr(values)
    more = "at least 1000" if len(values) >= 1000 else str(len(values))
    return f"[{', '.join(map(repr, values[:6]))}, ...] ({more} values)"


def read_frange(kata, start, stop, step):
    call = f"frange({start!r}, {stop!r}, {step!r})"
    kind, values = kata.probe("floats", start, stop, step)
    assert kind != "hung", f"reading {call} did not finish within 2 s"
    assert kind == "returned", f"{call} raised {values}"
    return call, values


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_frange_of_tenths_has_ten_values_all_below_stop(kata):
    call, values = read_frange(kata, 0, 1, 0.1)
    assert len(values) < 1000, (
        f"{call} never ended (the probe stopped reading at 1000 values): compare with < stop, "
        "never with != stop, because the values can jump over it"
    )
    assert len(values) == 10, (
        f"{call} should yield 10 values, 0 to 0.9, got {len(values)}: {values[-3:]} at the end. "
        "Adding 0.1 repeatedly drifts to 0.9999999999999999, which is still below 1"
    )
    assert all(value < 1 for value in values), (
        f"{call} yielded a value of 1 or more: {short(values)}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_frange_computes_each_value_from_a_counter_without_drift(kata):
    call, values = read_frange(kata, 0, 1, 0.1)
    expected = reference(0, 1, 0.1)
    assert same(expected, values), (
        f"{call} should yield start + i * step for i = 0, 1, 2, ...: expected {expected}, "
        f"got {short(values)}"
    )
    assert same(0 + 9 * 0.1, values[9]), (
        f"the 10th value should be exactly 0 + 9 * 0.1 = {0 + 9 * 0.1!r}, got {values[9]!r}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_frange_ends_even_when_adding_the_step_changes_nothing(kata):
    """frange ends even where adding the step to a big float changes nothing"""
    call, values = read_frange(kata, 1e16, 1e16 + 4, 1.0)
    expected = reference(1e16, 1e16 + 4, 1.0)
    assert len(values) < 1000, (
        f"{call} never ended: 1e16 + 1.0 == 1e16 in floating point, so a running total that "
        "adds the step never moves. Compute start + i * step from an integer counter"
    )
    assert same(expected, values), f"{call} should yield {expected}, got {short(values)}"


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("start", "stop", "step"),
    [(1, 0, -0.25), (0.5, -1.0, -0.5), (10, 0, -3)],
)
@pytest.mark.hint(2)
def test_frange_counts_down_with_a_negative_step(kata, start, stop, step):
    call, values = read_frange(kata, start, stop, step)
    expected = reference(start, stop, step)
    assert same(expected, values), f"{call} should yield {expected}, got {short(values)}"


@pytest.mark.points(1)
@pytest.mark.parametrize(
    ("start", "stop", "step"),
    [(0, 1, -0.1), (1, 0, 0.1), (1, 1, 0.5), (1.0, 1.0, -0.5)],
)
@pytest.mark.hint(2)
def test_frange_is_empty_when_the_step_points_away_from_stop(kata, start, stop, step):
    call, values = read_frange(kata, start, stop, step)
    assert values == [], (
        f"{call} can never reach stop and should yield nothing, got {short(values)}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_a_zero_step_raises_value_error_when_frange_is_called(kata):
    seen = kata.probe("zero_step")
    assert seen["raised"] is not None, (
        "frange(0, 1, 0) should raise ValueError, but nothing was raised"
    )
    assert seen["raised"].is_a("ValueError"), (
        f"frange(0, 1, 0) should raise ValueError, got {seen['raised']}"
    )
    assert seen["when"] == "call", (
        "frange(0, 1, 0) raised only when iterated: the body of a generator function runs at the "
        "first next(). Check the step in a plain function that then returns the generator"
    )


@pytest.mark.points(1)
@pytest.mark.hint(2)
def test_frange_is_lazy(kata):
    kind, values = kata.probe("is_lazy")
    assert kind == "returned", (
        "taking 3 values from frange(0, 1e18, 1.0) "
        + ("did not finish within 2 s" if kind == "hung" else f"raised {values}")
        + ": yield the values one by one instead of building a list"
    )
    assert same([0.0, 1.0, 2.0], values), (
        f"the first 3 values should be [0.0, 1.0, 2.0], got {values}"
    )
