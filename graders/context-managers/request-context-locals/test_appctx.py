"""Graders for context-managers/request-context-locals.

The probes use stand-in objects: ``App(name)`` and ``Request(path, method)``. Reads through the
proxies come back as ("returned", value) or ("raised", Raised).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pykata.grading import same


@dataclass(frozen=True)
class Err:
    """An expected exception, by class name."""

    name: str


def should(expected):
    if isinstance(expected, Err):
        return f"raise {expected.name}"
    return f"give {expected!r}"


def did(result):
    kind, value = result
    if kind == "missing":
        return "was never reached: the program stopped before it"
    return f"raised {value}" if kind == "raised" else f"gave {value!r}"


def matches(expected, result):
    kind, value = result
    if isinstance(expected, Err):
        return kind == "raised" and value.is_a(expected.name)
    return kind == "returned" and same(expected, value)


def check(setting, expectations, seen):
    """Compare each observed read with what was expected; the message names the first mismatch."""
    for key, (what, expected) in expectations.items():
        result = seen.get(key, ("missing", None))
        assert matches(expected, result), (
            f"{setting}, {what} should {should(expected)}, but it {did(result)}"
        )


OUTSIDE = Err("RuntimeError")
NO_ATTRIBUTE = Err("AttributeError")


ALL_OUTSIDE = {
    "path": ("request.path", OUTSIDE),
    "app": ("current_app.name", OUTSIDE),
    "user": ("g.user", OUTSIDE),
}


# ---------------------------------------------------------------------------------------------
# One thread


@pytest.mark.points(3)
def test_the_proxies_work_inside_a_request_and_raise_runtime_error_outside(kata):
    seen = kata.probe("inside_and_outside")
    check("before any context was pushed", ALL_OUTSIDE, seen["before"])
    setting = 'inside `with RequestContext(App("shop"), Request("/cart", "POST")):`'
    check(
        setting,
        {
            "path": ("request.path", "/cart"),
            "method": ("request.method", "POST"),
            "app": ("current_app.name", "shop"),
            "request_is_req": ("request._get_current_object() is the Request", True),
            "app_is_app": ("current_app._get_current_object() is the App", True),
        },
        seen["inside"],
    )
    assert seen["inside"]["enter_returns_ctx"], (
        "`with RequestContext(...) as ctx` should bind ctx to the context itself: __enter__ "
        "should return self"
    )
    keeps_arguments = seen["inside"]["ctx_request_is_req"] and seen["inside"]["ctx_app_is_app"]
    assert keeps_arguments, (
        "RequestContext(app, request) should keep its arguments as the attributes .app and .request"
    )
    kind, value = seen["exit"]
    assert kind == "returned", f"leaving the request block raised {value}"
    assert value is None or value is False, (
        f"RequestContext.__exit__ returned {value!r}; it should return None (or False), so that "
        "exceptions from the block are never swallowed"
    )
    check("after the request block", ALL_OUTSIDE, seen["after"])


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_an_app_context_alone_provides_current_app_and_g_but_no_request(kata):
    seen = kata.probe("app_context_only")
    setting = 'inside `with AppContext(App("admin")) as ctx:`'
    assert seen["enter_returns_ctx"], "AppContext.__enter__ should return the context itself"
    check(
        setting,
        {
            "app": ("current_app.name", "admin"),
            "app_is_app": ("current_app._get_current_object() is the App", True),
            "path": ("request.path (there is no request)", OUTSIDE),
            "user_before": ("g.user, before anything was set on g", NO_ATTRIBUTE),
            "set_user": ("g.user = 'ada'", None),
            "user_after": ("g.user, after g.user = 'ada'", "ada"),
            "g_is_ctx_g": ("g._get_current_object() is ctx.g", True),
            "delete_user": ("del g.user", None),
            "user_deleted": ("g.user, after del g.user", NO_ATTRIBUTE),
        },
        seen,
    )
    assert seen["ctx_g_user"] == "ada", (
        f"{setting}, g.user = 'ada' should set the attribute on ctx.g, the namespace the context "
        f"owns; ctx.g.user was {seen['ctx_g_user']!r}"
    )
    check("after the app block", ALL_OUTSIDE, seen["after"])


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_nested_contexts_restore_the_outer_one_on_exit(kata):
    seen = kata.probe("nested")
    check(
        "with a request for /inner nested in a request for /outer",
        {
            "outer": ("request.path in the outer block", "/outer"),
            "inner": ("request.path in the inner block", "/inner"),
            "outer_again": ("request.path back in the outer block", "/outer"),
            "after_requests": ("request.path after both blocks", OUTSIDE),
        },
        seen,
    )
    check(
        'with AppContext(App("admin")) nested in AppContext(App("shop")), and g.user set to '
        "'outer user' then 'inner user'",
        {
            "inner_app": ("current_app.name in the inner block", "admin"),
            "inner_user_before": ("g.user in the inner block, before it set one", NO_ATTRIBUTE),
            "inner_user": ("g.user in the inner block", "inner user"),
            "outer_app_again": ("current_app.name back in the outer block", "shop"),
            "outer_user_again": ("g.user back in the outer block", "outer user"),
            "after_apps": ("current_app.name after both blocks", OUTSIDE),
        },
        seen,
    )


@pytest.mark.points(3)
@pytest.mark.parametrize("kind", ["app", "request", "enter"])
@pytest.mark.hint(3)
def test_popping_in_the_wrong_order_raises_runtime_error(kata, kind):
    seen = kata.probe("wrong_order", kind=kind)
    if kind == "app":
        setting = "a = AppContext(App('first')) and b = AppContext(App('second')) were pushed"
        view, first, second = "current_app.name", "first", "second"
    else:
        setting = "a = RequestContext(app, Request('/first')) and b = ...('/second') were pushed"
        view, first, second = "request.path", "/first", "/second"
    pop = "a.__exit__(None, None, None)" if kind == "enter" else "a.pop()"
    pop_b = "b.__exit__(None, None, None)" if kind == "enter" else "b.pop()"
    if kind == "enter":
        setting = setting.replace("were pushed", "were entered with __enter__()")
    assert matches(Err("RuntimeError"), seen["pop_first_early"]), (
        f"{setting}, in that order; {pop} should then raise RuntimeError, because b is on top, "
        f"but it {did(seen['pop_first_early'])}. ContextVar.reset(token) does not check the "
        "order by itself: compare what is current with what this push set, first"
    )
    check(
        f"{setting}, and {pop} raised",
        {
            "after_bad_pop": (f"{view} just after (b should still be current)", second),
            "pop_second": (f"{pop_b} next", None),
            "after_second": (f"{view} after {pop_b}", first),
            "pop_first": (f"{pop} after that", None),
            "after_all": (f"{view} after both pops", OUTSIDE),
            "pop_again": (f"{pop} once more", Err("RuntimeError")),
        },
        seen,
    )


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_popping_a_context_that_was_never_pushed_raises_runtime_error(kata):
    seen = kata.probe("pop_never_pushed")
    check(
        "for contexts that were never pushed",
        {
            "app": ("AppContext(app).pop()", Err("RuntimeError")),
            "request": ("RequestContext(app, request).pop()", Err("RuntimeError")),
        },
        seen,
    )


@pytest.mark.points(1)
def test_an_exception_in_the_block_passes_through_and_the_context_is_popped(kata):
    seen = kata.probe("exception_in_block")
    raised = seen["raised"]
    came_out = raised is not None and raised.is_a("KeyError")
    assert came_out, (
        "KeyError raised inside `with RequestContext(...):` should come out of the block, "
        f"but {'nothing came out' if raised is None else f'it came out as {raised}'}"
    )
    assert seen["same_object"], "the KeyError should come out as the very object raised"
    check("after a request block that raised", ALL_OUTSIDE, seen["after"])


@pytest.mark.points(3)
@pytest.mark.hint(5)
def test_a_request_pushes_its_own_app_context_when_none_is_active_and_pops_it(kata):
    seen = kata.probe("implicit_app_context", outer=None)
    check(
        'with only `with RequestContext(App("shop"), ...):` and no app context pushed before',
        {
            "inside_app": ("current_app.name inside", "shop"),
            "inside_is_app": ("current_app._get_current_object() is the request's App", True),
            "inside_user": ("g.user inside (g starts empty)", NO_ATTRIBUTE),
            "inside_set": ("g.seen = 'request' inside", None),
            "after_app": (
                "current_app.name after the block (the implicit app context is popped with the "
                "request context)",
                OUTSIDE,
            ),
            "after_user": ("g.user after the block", OUTSIDE),
        },
        seen,
    )


@pytest.mark.points(2)
@pytest.mark.hint(5)
def test_a_request_reuses_an_active_app_context_of_the_same_app(kata):
    seen = kata.probe("implicit_app_context", outer="same")
    check(
        "inside `with AppContext(shop):` where g.user = 'outer user', a request for the same "
        "App shop was pushed",
        {
            "inside_app": ("current_app.name inside the request", "shop"),
            "inside_user": ("g.user inside the request (the app context is reused)", "outer user"),
            "after_app": ("current_app.name after the request", "shop"),
            "after_user": ("g.user after the request", "outer user"),
            "after_seen": ("g.seen, set inside the request on the shared g", "request"),
        },
        seen,
    )


@pytest.mark.points(2)
@pytest.mark.hint(5)
def test_a_request_for_another_app_pushes_its_own_app_context(kata):
    seen = kata.probe("implicit_app_context", outer="other")
    check(
        "inside `with AppContext(App('admin')):` where g.user = 'outer user', a request for "
        "the App 'shop' was pushed",
        {
            "inside_app": ("current_app.name inside the request", "shop"),
            "inside_is_app": ("current_app._get_current_object() is the request's App", True),
            "inside_user": ("g.user inside the request (a fresh g)", NO_ATTRIBUTE),
            "after_app": ("current_app.name after the request", "admin"),
            "after_user": ("g.user after the request", "outer user"),
            "after_seen": (
                "g.seen after the request (it was set on the request's g)",
                NO_ATTRIBUTE,
            ),
        },
        seen,
    )


@pytest.mark.points(3)
@pytest.mark.hint(5)
def test_g_starts_empty_for_every_request(kata):
    seen = kata.probe("fresh_g")
    check(
        "two requests one after the other, the first setting g.user = 'ada'",
        {
            "first_before": ("g.user at the start of the first", NO_ATTRIBUTE),
            "first_after": ("g.user in the first after setting it", "ada"),
            "second": ("g.user in the second request", NO_ATTRIBUTE),
        },
        seen,
    )
    check(
        "two AppContexts pushed one after the other, the first setting g.user",
        {"second_app": ("g.user in the second", NO_ATTRIBUTE)},
        seen,
    )


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_local_proxy_forwards_attribute_access_to_the_current_object(kata):
    seen = kata.probe("proxy_forwarding")
    assert seen["lookups_at_creation"] == 0, (
        f"LocalProxy(lookup) called lookup {seen['lookups_at_creation']} times when it was "
        "created; it should call it only when an attribute is used (at import time there is no "
        "context yet)"
    )
    check(
        "with proxy = LocalProxy(lookup), where lookup() returns the App 'first'",
        {
            "read": ("proxy.name", "first"),
            "set": ("proxy.colour = 'red'", None),
            "delete": ("del proxy.colour", None),
            "missing": ("proxy.no_such_attribute", NO_ATTRIBUTE),
        },
        seen,
    )
    forwarded = seen["target_colour"] == "red" and not seen["proxy_has_own_dict"]
    assert forwarded, (
        "proxy.colour = 'red' should set the attribute on the object the proxy stands for (define "
        f"__setattr__), not on the proxy; the App's colour was {seen['target_colour']!r}"
    )
    assert not seen["target_still_has"], "del proxy.colour should delete the App's attribute"
    check(
        "after lookup() started returning the App 'second'",
        {
            "read_after_swap": ("proxy.name", "second"),
            "current_is_second": ("proxy._get_current_object() is the second App", True),
        },
        seen,
    )
    assert seen["lookups_for_three_reads"] >= 3, (
        f"three reads of proxy.name called lookup {seen['lookups_for_three_reads']} times; the "
        "proxy must look the object up on every access, never keep it"
    )
    check(
        "when lookup() raises RuntimeError",
        {"read_when_lookup_fails": ("proxy.name", Err("RuntimeError"))},
        seen,
    )


# ---------------------------------------------------------------------------------------------
# Threads and tasks


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_two_threads_each_see_only_their_own_request(kata):
    seen = kata.probe("two_threads")
    setting = (
        "two threads each pushed a request (/thread-0 and /thread-1) and set g.user, then met "
        "at a threading.Barrier so that both were inside at once"
    )
    assert not seen["errors"], f"{setting}; one raised {seen['errors'][0]}"
    assert seen["stuck"] == 0, f"{setting}; {seen['stuck']} of them did not finish"
    for slot in (0, 1):
        check(
            f"{setting}; in thread {slot}",
            {
                "path": ("request.path", f"/thread-{slot}"),
                "user": ("g.user", f"user-{slot}"),
            },
            seen["seen"][slot],
        )
    check(
        "after both threads were done, in the main thread",
        {"main_after": ("request.path", OUTSIDE)},
        seen,
    )


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_a_thread_given_a_copied_context_sees_the_request(kata):
    result = kata.probe("copied_context_in_thread")
    assert result != "no result", "the worker thread did not finish"
    assert matches("/report", result), (
        "inside a request for /report, a new thread ran a function through "
        "contextvars.copy_context().run(...); request.path there should give '/report', but it "
        f"{did(result)}. Keep the state in a ContextVar, which copy_context() carries along"
    )


@pytest.mark.points(4)
@pytest.mark.hint(1)
def test_asyncio_tasks_see_the_request_they_were_created_in_and_keep_their_own(kata):
    seen = kata.probe("tasks")
    kind, value = seen["run"]
    assert kind == "returned", f"the asyncio program raised {value}"
    assert not seen["warnings"], f"the asyncio program warned: {seen['warnings'][0]}"
    check(
        "in a task created inside a request for /parent, which then pushed its own request for "
        "/child",
        {
            "child_inherits": ("request.path at the start of the task", "/parent"),
            "child_inner": ("request.path inside its own request", "/child"),
            "parent_while_child_inside": (
                "request.path in the parent while the task was inside /child (each task has "
                "its own context; a threading.local is shared by every task of the loop)",
                "/parent",
            ),
            "child_still_inner": ("request.path in the task, later", "/child"),
            "child_after_exit": ("request.path in the task after its request", "/parent"),
            "parent_after_child": ("request.path in the parent after the task", "/parent"),
        },
        seen["seen"],
    )
    check(
        "two sibling tasks each pushed a request (/a and /b), set g.user to 'a' and 'b', and "
        "waited for each other with asyncio.Event",
        {
            "a_path": ("request.path in task a", "/a"),
            "a_user": ("g.user in task a", "a"),
            "b_path": ("request.path in task b", "/b"),
            "b_user": ("g.user in task b", "b"),
            "main_after": ("request.path in main after them", OUTSIDE),
        },
        seen["seen"],
    )
