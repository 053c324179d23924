"""Graders for async/broadcast-hub."""

from __future__ import annotations

import pytest

from pykata.grading import same

WAITING = "waiting"  # what a drain ends with when receive() keeps waiting: no more messages


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
    if kind == "not awaitable":
        return f"returned a {value}, not a coroutine: make it `async def`"
    return "was cancelled"


def _broadcasts_returned(seen, what):
    for number, result in enumerate(seen["broadcasts"], 1):
        assert result == ("returned", None), (
            f"{what}: `await hub.broadcast(...)` number {number} {_said(result)}; it should "
            "return None without waiting"
        )


def _ends_closed(received):
    last = received[-1] if received else None
    return not isinstance(last, str) and last is not None and last.is_a("ConnectionClosed")


def _is_error(error, name):
    return error is not None and error.is_a(name)


def _closed_error(result):
    return result[0] == "raised" and result[1].is_a("ConnectionClosed")


def _shown(received):
    """A drained list in words: the messages, then how it ended."""
    if not received:
        return "nothing"
    *messages, last = received
    if last == WAITING:
        return f"{messages}, then receive() waited for more"
    if isinstance(last, str):
        return f"{[*messages, last]}"
    return f"{messages}, then receive() raised {last}"


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_every_client_receives_each_broadcast_in_order(kata):
    seen = kata.probe("fan_out")
    _no_problems(seen, "broadcasting to clients a, b and c")
    _broadcasts_returned(seen, "with clients a, b and c")
    expected = {
        "a": ["m1", "m2", "m4", WAITING],
        "b": ["m1", "m3", "m4", WAITING],
        "c": ["m1", "m2", "m4", WAITING],
    }
    for client, messages in expected.items():
        got = seen["received"][client]
        assert same(messages, got), (
            'after broadcast("m1"), broadcast("m2", exclude={"b"}), broadcast("m3", '
            'exclude=["a", "c"]) and broadcast("m4", exclude=None), client '
            f"{client!r} should receive {messages[:-1]} in that order, then wait; it received "
            f"{_shown(got)}"
        )


@pytest.mark.points(2)
def test_stats_count_the_messages_sent_to_each_client(kata):
    seen = kata.probe("fan_out")
    _no_problems(seen, "broadcasting to clients a, b and c")
    expected = {
        "a": {"sent": 3, "dropped": 0},
        "b": {"sent": 3, "dropped": 0},
        "c": {"sent": 3, "dropped": 0},
    }
    assert same(expected, seen["stats"]), (
        "four broadcasts, each client excluded from one: hub.stats() should be "
        f"{expected}, got {seen['stats']}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_a_slow_client_never_delays_the_others(kata):
    seen = kata.probe("slow_client", policy="drop_oldest")
    _no_problems(seen, "broadcasting while one client never reads")
    _broadcasts_returned(seen, "with a client whose outbox (maxsize=2) is full")
    expected = ["m0", "m1", "m2", "m3", "m4"]
    assert same(expected, seen["fast"]), (
        "the client that reads after every broadcast should get all five messages, "
        f"{expected}, however full the slow client's outbox is; it got {seen['fast']}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_drop_oldest_keeps_the_newest_messages(kata):
    seen = kata.probe("slow_client", policy="drop_oldest")
    _no_problems(seen, 'the "drop_oldest" policy')
    _broadcasts_returned(seen, 'with policy "drop_oldest" and a full outbox')
    expected = ["m3", "m4", WAITING]
    assert same(expected, seen["slow"]), (
        'with policy "drop_oldest" and maxsize=2, a client that never read during five '
        f"broadcasts m0..m4 should find the newest two, m3 and m4, in its outbox; it received "
        f"{_shown(seen['slow'])}"
    )
    assert not seen["slow_closed"], 'policy "drop_oldest" should never disconnect a client'
    stats = {
        "slow": {"sent": 5, "dropped": 3},
        "fast": {"sent": 5, "dropped": 0},
    }
    assert same(stats, seen["stats"]), (
        "every broadcast went into both outboxes, and the slow client's oldest messages were "
        f"dropped three times to make room: hub.stats() should be {stats}, got {seen['stats']}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_the_disconnect_policy_removes_a_client_whose_outbox_is_full(kata):
    seen = kata.probe("slow_client", policy="disconnect")
    _no_problems(seen, 'the "disconnect" policy')
    _broadcasts_returned(seen, 'with policy "disconnect" and a full outbox')
    assert seen["slow_closed"], (
        'with policy "disconnect", a client whose outbox (maxsize=2) is full when a third '
        "message comes should be disconnected, but its connection is not closed"
    )
    assert _ends_closed(seen["slow"]), (
        "the disconnected client should still receive what was already in its outbox, then "
        f"get ConnectionClosed; it received {_shown(seen['slow'])}"
    )
    assert same(["m0", "m1"], seen["slow"][:-1]), (
        "before ConnectionClosed, the disconnected client should receive the two messages its "
        f"outbox held, m0 and m1; it received {_shown(seen['slow'])}"
    )
    assert same(["fast"], sorted(seen["stats"])), (
        "after the slow client was disconnected, hub.stats() should list only the connected "
        f"client 'fast', not {sorted(seen['stats'], key=str)}"
    )
    assert same(["m0", "m1", "m2", "m3", "m4"], seen["fast"]), (
        f"the client that kept up should get all five messages; it got {seen['fast']}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_clients_disconnected_during_a_broadcast_do_not_break_it(kata):
    seen = kata.probe("disconnect_mid_broadcast")
    _no_problems(seen, "disconnecting full clients during a broadcast")
    first, second = seen["broadcasts"]
    assert first == ("returned", None), f"the first broadcast {_said(first)}"
    assert second == ("returned", None), (
        'with policy "disconnect", the second broadcast disconnects clients s1, s2 and s3 '
        f"while it goes through the clients, and it should still finish normally; it "
        f"{_said(second)}. Changing a dict while iterating over it raises RuntimeError: "
        "iterate over a copy"
    )
    for client in ("f1", "f2"):
        assert same(["m1", WAITING], seen["late"][client]), (
            f"client {client}, which reads, should receive m1 although full clients around it "
            f"were disconnected during that broadcast; it received {_shown(seen['late'][client])}"
        )
    assert same(["f1", "f2"], seen["connected"]), (
        f"after the broadcast, only f1 and f2 should still be connected, not {seen['connected']}"
    )
    closed = seen["closed"]
    assert same({"s1": True, "f1": False, "s2": True, "f2": False, "s3": True}, closed), (
        f"the closed flags of the connections should be True for s1, s2, s3 only: {closed}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_sweep_disconnects_only_stale_clients(kata):
    seen = kata.probe("stale_sweep")
    _no_problems(seen, "sweeping with a fake clock")
    assert same([], seen["first"]), (
        "with heartbeat_timeout=10, a client last heard from at 0 is not yet stale at 10 "
        "(stale means clock() - last ping > 10), so sweep() at 10 should disconnect nobody and "
        f"return []; it returned {seen['first']}"
    )
    assert same(["a", "c"], seen["second"]), (
        "at 12, a and c (last heard from at 0) are stale, b (pinged at 4) and d (pinged at 10.5) "
        f"are not: sweep() should return ['a', 'c'], it returned {seen['second']}"
    )
    assert same(["b", "d"], seen["connected"]), (
        f"after the sweep only b and d should be connected, hub.stats() lists {seen['connected']}"
    )
    assert same(["b"], seen["third"]), (
        "at 15, b (last ping at 4) has become stale while d (last ping at 10.5) has not: the "
        f"third sweep() should return ['b'], it returned {seen['third']}. Do ping() and sweep() "
        "both read the hub's clock?"
    )
    assert same(["d"], seen["finally_connected"]), (
        f"after the third sweep only d should be connected, not {seen['finally_connected']}"
    )
    received = seen["received"]
    for client in ("a", "c"):
        drained = _ends_closed(received[client]) and received[client][:-1] == ["before"]
        assert drained, (
            f"swept client {client} should receive the message broadcast before the sweep, then "
            f"get ConnectionClosed; it received {_shown(received[client])}"
        )
    for client in ("b", "d"):
        assert same(["before", "after", WAITING], received[client]), (
            f"client {client} was not swept, so it should receive both messages; it received "
            f"{_shown(received[client])}"
        )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_a_disconnected_client_drains_its_outbox_then_gets_connection_closed(kata):
    seen = kata.probe("drain_after_disconnect")
    _no_problems(seen, "receiving after a disconnect")
    got = seen["a"]
    drained = _ends_closed(got) and same(["m0", "m1", "m2"], got[:-1])
    assert drained, (
        "client a was disconnected with m0, m1 and m2 in its outbox: receive() should return "
        f"those three, then raise ConnectionClosed; it received {_shown(got)}"
    )
    later = seen["a_later"]
    assert _closed_error(later), (
        f"every later receive() on a disconnected client should raise ConnectionClosed; it "
        f"{_said(later)}"
    )
    assert same(["m0", "m1", "m2", "m3", WAITING], seen["b"]), (
        f"client b, still connected, should receive m0..m3; it received {_shown(seen['b'])}"
    )
    assert seen["again"] is None, (
        f"disconnecting a client a second time should do nothing, but it raised {seen['again']}"
    )
    assert seen["unknown"] is None, (
        f"disconnecting an unknown client should do nothing, but it raised {seen['unknown']}"
    )
    assert same(["b"], seen["connected"]), f"only b should be connected: {seen['connected']}"


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_a_waiting_receive_wakes_up_when_the_client_is_disconnected(kata):
    seen = kata.probe("waiting_receivers", waiters=1)
    _no_problems(seen, "disconnecting a client whose receive() is waiting")
    assert seen["still_waiting"] == [True], "receive() on an empty outbox should wait"
    woken = seen["woken"][0]
    assert _closed_error(woken), (
        "a receive() waiting on an empty outbox when its client is disconnected should wake up "
        f"and raise ConnectionClosed; it {_said(woken)}"
    )
    assert seen["closed"], "after hub.disconnect('a'), the connection's closed should be True"


@pytest.mark.points(1)
@pytest.mark.hint(4)
def test_every_waiting_receive_wakes_up_on_disconnect(kata):
    seen = kata.probe("waiting_receivers", waiters=2)
    _no_problems(seen, "disconnecting a client with two receive() calls waiting")
    for number, woken in enumerate(seen["woken"], 1):
        assert _closed_error(woken), (
            "two tasks were waiting in receive() on the same connection when it was "
            f"disconnected; both should raise ConnectionClosed, but waiter {number} "
            f"{_said(woken)}"
        )


@pytest.mark.points(1)
def test_a_duplicate_client_id_raises_value_error(kata):
    seen = kata.probe("duplicate_ids")
    _no_problems(seen, "connecting the same id twice")
    error = seen["duplicate"]
    assert _is_error(error, "ValueError"), (
        "connecting 'a' while 'a' is connected should raise ValueError, but it raised "
        f"{error or 'nothing'}"
    )
    assert same(["m0", WAITING], seen["first"]), (
        "the refused duplicate must leave the first connection working: it should receive m0, "
        f"but it received {_shown(seen['first'])}"
    )
    assert seen["new_object"], "after a disconnect, connect('a') should give a new Connection"
    assert same(["m1", WAITING], seen["second"]), (
        "after 'a' disconnected, connect('a') should work again and receive new broadcasts; "
        f"it received {_shown(seen['second'])}"
    )
    assert same({"a": {"sent": 1, "dropped": 0}}, seen["stats"]), (
        "the new connection of 'a' starts with fresh counts: hub.stats() should be "
        f"{{'a': {{'sent': 1, 'dropped': 0}}}}, got {seen['stats']}"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize(("maxsize", "policy"), [(0, "drop_oldest"), (2, "drop_newest")])
def test_bad_settings_raise_value_error(kata, maxsize, policy):
    error = kata.probe("bad_settings", maxsize=maxsize, policy=policy)
    call = f"Hub(maxsize={maxsize}, policy={policy!r}, heartbeat_timeout=30)"
    assert _is_error(error, "ValueError"), (
        f"{call} should raise ValueError, but it raised {error or 'nothing'}"
    )
