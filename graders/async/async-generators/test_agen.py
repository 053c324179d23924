"""Graders for async/async-generators.

The probes' sources log what they produce and when their `finally` runs; amerge's sources are
fed through asyncio.Queues, so the tests decide the arrival order. Every probe also reports
RuntimeWarnings and the errors asyncio logged, and the tests fail on any of them.
"""

from __future__ import annotations

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from pykata.grading import Raised, same


def _ran(seen: dict) -> None:
    assert "probe_raised" not in seen, f"running the event loop raised {seen.get('probe_raised')}"


def _quiet(seen: dict, what: str) -> None:
    assert not seen["warnings"], f"{what}: Python warned: {seen['warnings'][0]}"
    assert not seen["logged"], f"{what}: asyncio reported: {seen['logged'][0]}"


def _ended(seen: dict) -> str:
    if seen.get("ending") == "stalled":
        return "stopped making progress and never finished"
    if seen.get("ending") == "raised":
        return f"raised {seen['value'] if 'value' in seen else seen.get('error')}"
    return f"gave {seen.get('value')!r}"


def _model_batches(items: list, size: int) -> list:
    return [items[i : i + size] for i in range(0, len(items), size)]


@pytest.mark.points(3)
@pytest.mark.parametrize(("n", "interval"), [(4, 0.25), (1, 2.0), (0, 1.0)])
@pytest.mark.hint(1)
def test_ticker_yields_the_ticks_and_uses_the_injected_sleep(kata, n, interval):
    seen = kata.probe("ticks", n=n, interval=interval, take=None)
    _ran(seen)
    call = f"ticker({n}, sleep=fake_sleep, interval={interval})"
    assert same(list(range(n)), seen["value"]), (
        f"{call} should yield {list(range(n))}, but it {_ended(seen)}"
    )
    expected = [interval] * max(n - 1, 0)
    assert seen["sleeps"] == expected, (
        f"{call} should await the injected sleep({interval}) before every tick but the first, "
        f"{len(expected)} times; the fake sleep saw {seen['sleeps']}"
    )
    _quiet(seen, call)


@pytest.mark.points(2)
def test_ticker_does_not_sleep_for_values_nobody_takes(kata):
    seen = kata.probe("ticks", n=10, interval=1.0, take=3)
    _ran(seen)
    assert same([0, 1, 2], seen["value"]), f"the first 3 ticks of ticker(10) {_ended(seen)}"
    assert seen["sleeps"] == [1.0, 1.0], (
        "a consumer that takes 3 ticks from ticker(10, interval=1.0) should cause 2 sleeps, "
        f"before ticks 1 and 2; the fake sleep saw {seen['sleeps']}"
    )


@pytest.mark.points(1)
def test_ticker_defaults_run_without_waiting(kata):
    seen = kata.probe("default_ticker", n=3)
    _ran(seen)
    assert same([0, 1, 2], seen.get("value")), (
        f"collect(ticker(3)) should be [0, 1, 2], got {seen.get('value')!r}"
    )
    _quiet(seen, "ticker(3)")


@pytest.mark.points(3)
@pytest.mark.parametrize(("length", "size"), [(7, 3), (6, 3), (2, 5), (0, 2), (4, 1)])
def test_abatch_makes_full_batches_and_a_final_partial_one(kata, length, size):
    items = list(range(length))
    seen = kata.probe("batches", items=items, size=size)
    _ran(seen)
    expected = _model_batches(items, size)
    assert same(expected, seen["value"]), (
        f"abatch over {items} with size {size} should yield {expected} (lists), but it "
        f"{_ended(seen)}"
    )
    assert seen["closed"] == ["src"], "abatch should close its upstream when it finishes"
    _quiet(seen, f"abatch(..., {size})")


@pytest.mark.points(2)
@settings(max_examples=15, phases=(Phase.explicit, Phase.generate))
@given(items=st.lists(st.integers(0, 99), max_size=12), size=st.integers(1, 5))
def test_abatch_matches_slicing_for_any_input(kata, items, size):
    seen = kata.probe("batches", items=items, size=size)
    _ran(seen)
    expected = _model_batches(items, size)
    assert same(expected, seen["value"]), (
        f"abatch over {items} with size {size} should yield {expected}, but it {_ended(seen)}"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("name", "value"), [("abatch", 0), ("abatch", -2), ("atake", -1), ("ticker", -1)]
)
@pytest.mark.hint(1)
def test_bad_sizes_raise_value_error(kata, name, value):
    seen = kata.probe("bad_argument", name=name, value=value)
    _ran(seen)
    call = f"{name}(..., {value})" if name != "ticker" else f"ticker({value})"
    error = seen["value"]
    assert seen["ending"] == "raised", (
        f"iterating {call} should raise ValueError, but it {_ended(seen)}"
    )
    assert isinstance(error, Raised), f"iterating {call} should raise ValueError"
    assert error.is_a("ValueError"), f"iterating {call} should raise ValueError, not {error}"
    assert seen["pulled"] == [], (
        f"{call} should raise before reading anything from its source; it read {seen['pulled']}"
    )


@pytest.mark.points(3)
@pytest.mark.parametrize(("length", "n"), [(5, 2), (3, 3), (2, 4), (4, 0)])
@pytest.mark.hint(2)
def test_atake_yields_n_items_and_never_pulls_one_more(kata, length, n):
    items = list(range(length))
    seen = kata.probe("taken", items=items, n=n)
    _ran(seen)
    expected = items[:n]
    assert same(expected, seen["value"]), (
        f"atake over {items} with n={n} should yield {expected}, but it {_ended(seen)}"
    )
    assert seen["pulled"] == expected, (
        f"atake(source, {n}) asked its source for the items {seen['pulled']}; it should ask for "
        f"{expected} only. Stop after the n-th item instead of reading one more to find out"
    )
    if n:  # a generator that never started has no `finally` to run yet
        assert seen["closed"] == ["src"], (
            f"atake(source, {n}) should close its source (aclose) once it stops"
        )
    _quiet(seen, f"atake(..., {n})")


@pytest.mark.points(1)
@pytest.mark.hint(2)
def test_adapters_accept_async_iterables_without_aclose(kata):
    seen = kata.probe("taken", items=[1, 2, 3], n=2, plain=True)
    _ran(seen)
    assert same([1, 2], seen["value"]), (
        "atake over an async iterable that is not a generator (it has __aiter__ and __anext__ "
        f"but no aclose) should yield [1, 2], but it {_ended(seen)}. Close the upstream only "
        "if it has an aclose method"
    )


@pytest.mark.points(4)
@pytest.mark.parametrize(
    "adapter", ["atake", "abatch", pytest.param("amerge", marks=pytest.mark.hint(4))]
)
@pytest.mark.hint(2)
def test_leaving_aclosing_closes_the_upstream_at_once(kata, adapter):
    seen = kata.probe("closed_early", adapter=adapter)
    _ran(seen)
    order = seen["order"]
    assert order[-1:] == [("consumer", "left the block")], f"the probe saw {order}"
    finals = sorted(name for name, what in order[:-1])
    expected = ["other", "src"] if adapter == "amerge" else ["src"]
    assert finals == expected, (
        f"after taking one value from {adapter}(...) inside `async with "
        f"contextlib.aclosing(...)`, the upstream generators' `finally` should have run by the "
        f"time the block exits; only these had: {finals}. In the adapter's own `finally`, "
        "`await upstream.aclose()`"
    )
    assert seen["leftover_tasks"] == 0, (
        f"{seen['leftover_tasks']} tasks were still running after {adapter} was closed"
    )
    _quiet(seen, adapter)


@pytest.mark.points(4)
@pytest.mark.parametrize(
    ("plan", "sources"),
    [([1, 0, 1, 2, 0], 3), ([0, 0, 1, 1, 0], 2), ([2, 1, 0], 3)],
)
@pytest.mark.hint(3)
def test_amerge_yields_items_in_arrival_order(kata, plan, sources):
    seen = kata.probe("merged", plan=plan, sources=sources)
    _ran(seen)
    expected = [f"s{source}-{step}" for step, source in enumerate(plan)]
    in_order = seen["order"][: len(expected)] == expected and not seen["stalled"]
    assert in_order, (
        f"items arrived on the sources in the order {expected}; amerge should yield each as it "
        f"arrives, but it yielded {seen['order']}"
        + (" and then waited for an item from another source" if seen["stalled"] else "")
        + ". Keep one pending read per source and yield whichever finishes first"
    )
    assert seen["finished"], "after every source finished, amerge should finish too"
    assert seen["closed"] == [f"s{i}" for i in range(sources)], (
        f"every source should be closed at the end; closed: {seen['closed']}"
    )
    _quiet(seen, "amerge")


@pytest.mark.points(2)
@settings(max_examples=10, phases=(Phase.explicit, Phase.generate))
@given(plan=st.lists(st.integers(0, 2), max_size=8))
@pytest.mark.hint(3)
def test_amerge_follows_any_arrival_order(kata, plan):
    seen = kata.probe("merged", plan=plan, sources=3)
    _ran(seen)
    expected = [f"s{source}-{step}" for step, source in enumerate(plan)]
    in_order = seen["order"] == expected and not seen["stalled"]
    assert in_order, f"items arrived in the order {expected}; amerge yielded {seen['order']}"
    _quiet(seen, "amerge")


@pytest.mark.points(4)
@pytest.mark.hint(4)
def test_closing_amerge_cancels_its_pending_reads(kata):
    seen = kata.probe("merge_close")
    _ran(seen)
    assert seen["ending"] == "returned", (
        f"taking one item from amerge and closing it {_ended(seen)}"
    )
    assert seen["got"] == ["first"], f"amerge should yield 'first' first, got {seen['got']}"
    assert seen["leftover_tasks"] == 0, (
        f"after amerge was closed, {seen['leftover_tasks']} of its reads were still pending. "
        "Cancel them in amerge's `finally` and wait for them; a pending task that is dropped "
        "is reported as 'Task was destroyed but it is pending'"
    )
    assert seen["cancelled"] == ["s0", "s2"], (
        f"sources s0 and s2 were waiting for items when amerge closed, so their reads should be "
        f"cancelled; cancelled: {seen['cancelled']}"
    )
    assert seen["closed"] == ["s0", "s1", "s2"], (
        f"every source should be closed when amerge is closed; closed: {seen['closed']}"
    )
    _quiet(seen, "closing amerge")


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_a_failing_source_propagates_and_the_others_are_closed(kata):
    seen = kata.probe("merge_failure")
    _ran(seen)
    error = seen["error"]
    raised_lookup = seen["ending"] == "raised" and isinstance(error, Raised)
    assert raised_lookup, (
        f"source s0 raised LookupError, so iterating amerge should raise it, but it {_ended(seen)}"
    )
    assert error.is_a("LookupError"), f"amerge should raise the source's LookupError, not {error}"
    assert seen["same_error"], "amerge should raise the very exception object the source raised"
    assert seen["items"] == ["before the failure"], (
        f"amerge should yield the item that came before the failure; it yielded {seen['items']}"
    )
    assert seen["closed"] == ["s0", "s1", "s2"], (
        f"when one source fails, amerge should cancel the other reads and close every source; "
        f"closed: {seen['closed']}"
    )
    assert seen["leftover_tasks"] == 0, (
        f"{seen['leftover_tasks']} reads were still pending after amerge raised"
    )
    _quiet(seen, "amerge with a failing source")


@pytest.mark.points(1)
@pytest.mark.parametrize("plain", [False, True], ids=["generator", "plain-iterable"])
def test_collect_returns_a_list(kata, plain):
    seen = kata.probe("collected", plain=plain)
    _ran(seen)
    assert same(["a", "b", "c"], seen.get("value")), (
        f"collect over an async source of 'a', 'b', 'c' should return ['a', 'b', 'c'], got "
        f"{seen.get('value')!r}"
    )
