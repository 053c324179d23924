"""Probes for context-managers/request-context-locals: they run in the sandbox and report data.

Every probe runs in a fresh, empty ``contextvars.Context``, so a context left pushed by one probe
cannot leak into the next. Threads are ordered with a Barrier, asyncio tasks with asyncio.Event;
nothing sleeps. Thread joins have a timeout, so a stuck thread is reported, not waited for.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
import warnings

from pykata_sandbox.probing import outcome

WAIT = 2.0  # seconds before a thread or a barrier counts as stuck


class App:
    """A stand-in for a web application object."""

    def __init__(self, name):
        self.name = name


class Request:
    """A stand-in for a request object."""

    def __init__(self, path, method="GET"):
        self.path = path
        self.method = method


def _fresh(probe):
    """Run the decorated probe in a new, empty contextvars.Context."""

    @functools.wraps(probe)
    def run(*args, **kwargs):
        return contextvars.Context().run(probe, *args, **kwargs)

    return run


def _proxy(mod, name):
    """The module's proxy called ``name``, with a clear message if it does not exist yet."""
    try:
        return getattr(mod, name)
    except AttributeError:
        raise AttributeError(
            f"appctx.py does not define `{name}` yet: create the three proxies at module level, "
            f"for example `{name} = LocalProxy(some_lookup)`"
        ) from None


def _read(fn):
    """("returned", value) or ("raised", Raised) of fn()."""
    return outcome(fn)


def _views(mod):
    """Functions reading what the three proxies stand for right now."""
    request, current_app, g = (_proxy(mod, n) for n in ("request", "current_app", "g"))
    return {
        "path": lambda: _read(lambda: request.path),
        "app": lambda: _read(lambda: current_app.name),
        "user": lambda: _read(lambda: g.user),
    }


# ---------------------------------------------------------------------------------------------
# One thread


@_fresh
def inside_and_outside(mod):
    """Read request, current_app and g outside any context, inside a request, and after it."""
    request, current_app = _proxy(mod, "request"), _proxy(mod, "current_app")
    views = _views(mod)
    app, req = App("shop"), Request("/cart", "POST")
    report = {"before": {name: view() for name, view in views.items()}}
    ctx = mod.RequestContext(app, req)
    entered = ctx.__enter__()
    try:
        report["inside"] = {
            "path": views["path"](),
            "method": _read(lambda: request.method),
            "app": views["app"](),
            "request_is_req": _read(lambda: request._get_current_object() is req),
            "app_is_app": _read(lambda: current_app._get_current_object() is app),
            "enter_returns_ctx": entered is ctx,
            "ctx_request_is_req": getattr(ctx, "request", None) is req,
            "ctx_app_is_app": getattr(ctx, "app", None) is app,
        }
    finally:
        report["exit"] = outcome(ctx.__exit__, None, None, None)
    report["after"] = {name: view() for name, view in views.items()}
    return report


@_fresh
def app_context_only(mod):
    """Push an AppContext alone: current_app and g work, request does not."""
    current_app, g = _proxy(mod, "current_app"), _proxy(mod, "g")
    views = _views(mod)
    app = App("admin")
    ctx = mod.AppContext(app)
    report = {}
    with ctx as entered:
        report["enter_returns_ctx"] = entered is ctx
        report["app"] = views["app"]()
        report["app_is_app"] = _read(lambda: current_app._get_current_object() is app)
        report["path"] = views["path"]()
        report["user_before"] = views["user"]()
        report["set_user"] = _read(lambda: setattr(g, "user", "ada"))
        report["user_after"] = views["user"]()
        report["g_is_ctx_g"] = _read(lambda: g._get_current_object() is ctx.g)
        report["ctx_g_user"] = getattr(getattr(ctx, "g", None), "user", None)
        report["delete_user"] = _read(lambda: delattr(g, "user"))
        report["user_deleted"] = views["user"]()
    report["after"] = {name: view() for name, view in views.items()}
    return report


@_fresh
def nested(mod):
    """Nested request contexts, then nested app contexts with g set at each level."""
    g = _proxy(mod, "g")
    views = _views(mod)
    app, other = App("shop"), App("admin")
    report = {}
    with mod.RequestContext(app, Request("/outer")):
        report["outer"] = views["path"]()
        with mod.RequestContext(app, Request("/inner")):
            report["inner"] = views["path"]()
        report["outer_again"] = views["path"]()
    report["after_requests"] = views["path"]()
    with mod.AppContext(app):
        g.user = "outer user"
        with mod.AppContext(other):
            report["inner_app"] = views["app"]()
            report["inner_user_before"] = views["user"]()
            g.user = "inner user"
            report["inner_user"] = views["user"]()
        report["outer_app_again"] = views["app"]()
        report["outer_user_again"] = views["user"]()
    report["after_apps"] = views["app"]()
    return report


@_fresh
def wrong_order(mod, kind):
    """Push contexts A then B (``kind`` "app", "request" or "enter"), pop A first, then B and A.

    "enter" uses RequestContext's __enter__/__exit__ instead of push/pop.
    """
    views = _views(mod)
    if kind == "app":
        a, b = mod.AppContext(App("first")), mod.AppContext(App("second"))
        view = views["app"]
    else:
        app = App("shop")
        a, b = (
            mod.RequestContext(app, Request("/first")),
            mod.RequestContext(app, Request("/second")),
        )
        view = views["path"]
    if kind == "enter":
        push = lambda ctx: ctx.__enter__()  # noqa: E731
        pop = lambda ctx: ctx.__exit__(None, None, None)  # noqa: E731
    else:
        push = lambda ctx: ctx.push()  # noqa: E731
        pop = lambda ctx: ctx.pop()  # noqa: E731
    push(a)
    push(b)
    report = {"pop_first_early": outcome(pop, a), "after_bad_pop": view()}
    report["pop_second"] = outcome(pop, b)
    report["after_second"] = view()
    report["pop_first"] = outcome(pop, a)
    report["after_all"] = view()
    report["pop_again"] = outcome(pop, a)
    return report


@_fresh
def pop_never_pushed(mod):
    """Pop contexts that were never pushed."""
    return {
        "app": outcome(mod.AppContext(App("shop")).pop),
        "request": outcome(mod.RequestContext(App("shop"), Request("/")).pop),
    }


@_fresh
def exception_in_block(mod):
    """Raise KeyError inside a request block; report what escaped and what is current after."""
    views = _views(mod)
    failure = KeyError("boom")
    escaped = []

    def block():
        try:
            with mod.RequestContext(App("shop"), Request("/fails")):
                raise failure
        except BaseException as error:
            escaped.append(error)
            raise

    kind, value = outcome(block)
    return {
        "raised": value if kind == "raised" else None,
        "same_object": bool(escaped) and escaped[0] is failure,
        "after": {name: view() for name, view in views.items()},
    }


@_fresh
def implicit_app_context(mod, outer):
    """A request context with ``outer`` None, "same" (an AppContext for its app) or "other"."""
    current_app, g = _proxy(mod, "current_app"), _proxy(mod, "g")
    views = _views(mod)
    app, other = App("shop"), App("admin")
    report = {}

    def request_block():
        with mod.RequestContext(app, Request("/orders")):
            report["inside_app"] = views["app"]()
            report["inside_is_app"] = _read(lambda: current_app._get_current_object() is app)
            report["inside_user"] = views["user"]()
            report["inside_set"] = _read(lambda: setattr(g, "seen", "request"))
        report["after_app"] = views["app"]()
        report["after_user"] = views["user"]()
        report["after_seen"] = _read(lambda: g.seen)

    if outer is None:
        request_block()
    else:
        outer_ctx = mod.AppContext(app if outer == "same" else other)
        with outer_ctx:
            g.user = "outer user"
            request_block()
    return report


@_fresh
def fresh_g(mod):
    """Two requests in a row; the first sets g.user. Then two pushes of AppContexts."""
    g = _proxy(mod, "g")
    views = _views(mod)
    app = App("shop")
    report = {}
    with mod.RequestContext(app, Request("/one")):
        report["first_before"] = views["user"]()
        g.user = "ada"
        report["first_after"] = views["user"]()
    with mod.RequestContext(app, Request("/two")):
        report["second"] = views["user"]()
    with mod.AppContext(app):
        g.user = "grace"
    with mod.AppContext(app):
        report["second_app"] = views["user"]()
    return report


@_fresh
def proxy_forwarding(mod):
    """A LocalProxy over a box whose content the probe swaps; count the lookups."""
    first, second = App("first"), App("second")
    box = [first]
    lookups = []

    def lookup():
        lookups.append(1)
        if box[0] is None:
            raise RuntimeError("nothing here")
        return box[0]

    proxy = mod.LocalProxy(lookup)
    report = {"lookups_at_creation": len(lookups)}
    report["read"] = _read(lambda: proxy.name)
    report["set"] = _read(lambda: setattr(proxy, "colour", "red"))
    report["target_colour"] = getattr(first, "colour", None)
    try:  # the proxy's own attributes, without going through its __getattr__
        own = object.__getattribute__(proxy, "__dict__")
    except AttributeError:
        own = {}
    report["proxy_has_own_dict"] = "colour" in own
    report["delete"] = _read(lambda: delattr(proxy, "colour"))
    report["target_still_has"] = hasattr(first, "colour")
    report["missing"] = _read(lambda: proxy.no_such_attribute)
    box[0] = second
    report["read_after_swap"] = _read(lambda: proxy.name)
    report["current_is_second"] = _read(lambda: proxy._get_current_object() is second)
    before = len(lookups)
    for _ in range(3):
        _read(lambda: proxy.name)
    report["lookups_for_three_reads"] = len(lookups) - before
    box[0] = None
    report["read_when_lookup_fails"] = _read(lambda: proxy.name)
    return report


# ---------------------------------------------------------------------------------------------
# Threads and tasks


@_fresh
def two_threads(mod):
    """Two threads, each in its own request, read request and g while both are inside.

    A Barrier after the push makes sure both have pushed before either reads; a second one
    keeps both inside until both have read.
    """
    g = _proxy(mod, "g")
    views = _views(mod)
    app = App("shop")
    barrier = threading.Barrier(2)
    seen = [None, None]
    errors = []
    unwritten = []

    def serve(slot):
        try:
            with mod.RequestContext(app, Request(f"/thread-{slot}")):
                g.user = f"user-{slot}"
                barrier.wait(WAIT)
                seen[slot] = {"path": views["path"](), "user": views["user"]()}
                barrier.wait(WAIT)
        except NotImplementedError as error:
            unwritten.append(error)
        except BaseException as error:
            errors.append(f"{type(error).__name__}: {error}"[:200])

    threads = [threading.Thread(target=serve, args=(n,), daemon=True) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(2 * WAIT)
    if unwritten:
        raise unwritten[0]
    return {
        "seen": seen,
        "errors": errors,
        "stuck": sum(t.is_alive() for t in threads),
        "main_after": views["path"](),
    }


@_fresh
def copied_context_in_thread(mod):
    """Inside a request, run a function in a new thread through contextvars.copy_context()."""
    views = _views(mod)
    result = {}

    def work():
        result["path"] = views["path"]()

    with mod.RequestContext(App("shop"), Request("/report")):
        context = contextvars.copy_context()
        worker = threading.Thread(target=context.run, args=(work,), daemon=True)
        worker.start()
        worker.join(WAIT)
    return result.get("path", "no result")


@_fresh
def tasks(mod):
    """asyncio: a task created inside a request, and two sibling tasks with their own requests.

    Order comes from asyncio.Events only. "never awaited" warnings are collected.
    """
    g = _proxy(mod, "g")
    views = _views(mod)
    app = App("shop")
    seen = {}

    async def child(inside, proceed):
        seen["child_inherits"] = views["path"]()
        with mod.RequestContext(app, Request("/child")):
            seen["child_inner"] = views["path"]()
            inside.set()
            await proceed.wait()
            seen["child_still_inner"] = views["path"]()
        seen["child_after_exit"] = views["path"]()

    async def sibling(name, pushed, other_pushed):
        with mod.RequestContext(app, Request(f"/{name}")):
            g.user = name
            pushed.set()
            await other_pushed.wait()
            seen[f"{name}_path"] = views["path"]()
            seen[f"{name}_user"] = views["user"]()

    async def main():
        with mod.RequestContext(app, Request("/parent")):
            inside, proceed = asyncio.Event(), asyncio.Event()
            task = asyncio.create_task(child(inside, proceed))
            await asyncio.wait_for(inside.wait(), WAIT)
            seen["parent_while_child_inside"] = views["path"]()
            proceed.set()
            await asyncio.wait_for(task, WAIT)
            seen["parent_after_child"] = views["path"]()
        a_pushed, b_pushed = asyncio.Event(), asyncio.Event()
        await asyncio.wait_for(
            asyncio.gather(sibling("a", a_pushed, b_pushed), sibling("b", b_pushed, a_pushed)),
            WAIT,
        )
        seen["main_after"] = views["path"]()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        kind, value = outcome(asyncio.run, main())
    return {
        "run": (kind, value if kind == "raised" else None),
        "seen": seen,
        "warnings": [
            str(w.message)[:200] for w in caught if issubclass(w.category, RuntimeWarning)
        ],
    }
