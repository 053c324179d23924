"""Probes for concurrency/thread-safe-singleton: they run in the sandbox and report what they saw.

Every probe defines fresh classes, so no probe sees an instance cached by another. Threads start
together on a Barrier; a sleep inside __init__ only widens the race window, it never orders
events. Anything that could deadlock runs under run_in_thread or a join timeout.
"""

from __future__ import annotations

import threading
import time

from pykata_sandbox.probing import outcome, raised, run_in_thread

JOIN_SECONDS = 5.0


def _summary(kind, value):
    """The string "returned" or "hung", or the Raised when the call raised."""
    return value if kind == "raised" else kind


def _construct_together(cls, threads):
    """Release `threads` threads at once to call cls(); report what they built."""
    barrier = threading.Barrier(threads)
    built = [None] * threads
    errors = []

    def worker(index):
        barrier.wait(JOIN_SECONDS)
        kind, value = outcome(cls)
        if kind == "returned":
            built[index] = value
        else:
            errors.append(value)

    workers = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(threads)]
    for thread in workers:
        thread.start()
    deadline = time.monotonic() + JOIN_SECONDS
    for thread in workers:
        thread.join(max(0.0, deadline - time.monotonic()))
    # The built objects are all still alive here, so equal ids mean the same object.
    return {
        "instances": len({id(obj) for obj in built if obj is not None}),
        "hung": sum(thread.is_alive() for thread in workers),
        "error": errors[0] if errors else None,
    }


def _race_rounds(make_class, threads, rounds, delay):
    """Run the race `rounds` times, each time against a fresh class from make_class."""
    reports = []
    for _ in range(rounds):
        inits = []
        report = _construct_together(make_class(delay, inits), threads)
        report["inits"] = len(inits)
        reports.append(report)
    return reports


def race(mod, threads, rounds, delay):
    """Construct a fresh SingletonMeta class Slow from `threads` threads at once, `rounds` times."""

    def make_class(delay, inits):
        inits_lock = threading.Lock()

        class Slow(metaclass=mod.SingletonMeta):
            def __init__(self):
                time.sleep(delay)  # widens the window between "no instance yet" and "stored"
                with inits_lock:
                    inits.append(1)

        return Slow

    return _race_rounds(make_class, threads, rounds, delay)


def decorated_race(mod, threads, rounds, delay):
    """The same race, against a class made a singleton by @singleton."""

    def make_class(delay, inits):
        inits_lock = threading.Lock()

        @mod.singleton
        class Slow:
            def __init__(self):
                time.sleep(delay)
                with inits_lock:
                    inits.append(1)

        return Slow

    return _race_rounds(make_class, threads, rounds, delay)


def hierarchy(mod, base_first):
    """A singleton Base and its subclass Child, constructed in the order given."""

    class Base(metaclass=mod.SingletonMeta):
        pass

    class Child(Base):
        pass

    if base_first:
        base = Base()
        child = Child()
    else:
        child = Child()
        base = Base()
    return {
        "base_same": base is Base(),
        "child_same": child is Child(),
        "child_is_base": child is base,
        "base_type": type(base).__name__,
        "child_type": type(child).__name__,
    }


def init_count(mod, calls):
    """Call Counter() `calls` times; the first instance's state is changed after the first call."""
    inits = []

    class Counter(metaclass=mod.SingletonMeta):
        def __init__(self):
            inits.append(1)
            self.value = 0

    first = Counter()
    first.value = 42
    for _ in range(calls - 1):
        Counter()
    return {"inits": len(inits), "value": first.value, "same": Counter() is first}


def other_arguments(mod):
    """Config("a.toml") first, then calls with other arguments, and with none at all."""
    inits = []

    class Config(metaclass=mod.SingletonMeta):
        def __init__(self, path, *, debug=False):
            inits.append((path, debug))
            self.path = path

    first = Config("a.toml")
    later = [
        outcome(Config, "b.toml", debug=True),
        outcome(lambda: Config(path="c.toml")),
        outcome(Config),
    ]
    return {
        "later": [value is first if kind == "returned" else value for kind, value in later],
        "inits": inits,
        "path": first.path,
    }


def failed_first(mod, timeout):
    """Flaky's first __init__ raises; later calls run in other threads, to expose a held lock."""
    attempts = []

    class Flaky(metaclass=mod.SingletonMeta):
        def __init__(self):
            attempts.append(1)
            if len(attempts) == 1:
                raise ConnectionError("the database is down")
            self.ready = True

    report = {"first": raised(Flaky)}
    kind, second = run_in_thread(Flaky, timeout)
    report["second"] = _summary(kind, second)
    report["attempts_after_second"] = len(attempts)
    report["second_ready"] = kind == "returned" and getattr(second, "ready", False) is True
    report["third_same"] = False
    if kind == "returned":
        third_kind, third = run_in_thread(Flaky, timeout)
        report["third_same"] = third_kind == "returned" and third is second
    report["attempts"] = len(attempts)
    return report


def reset_fresh(mod):
    """Construct, reset, construct again."""
    inits = []

    class Cache(metaclass=mod.SingletonMeta):
        def __init__(self):
            inits.append(1)

    first = Cache()
    returned = outcome(mod.SingletonMeta.reset, Cache)
    second = Cache()
    return {
        "reset": returned,
        "fresh": second is not first,
        "stable": Cache() is second,
        "inits": len(inits),
    }


def reset_others(mod):
    """Reset a class never constructed, then one class of a hierarchy at a time."""

    class Never(metaclass=mod.SingletonMeta):
        pass

    class Base(metaclass=mod.SingletonMeta):
        pass

    class Child(Base):
        pass

    report = {"never": outcome(mod.SingletonMeta.reset, Never)}
    report["never_then_same"] = Never() is Never()
    base, child = Base(), Child()
    report["reset_child"] = outcome(mod.SingletonMeta.reset, Child)
    report["base_kept_after_child_reset"] = Base() is base
    report["child_fresh"] = Child() is not child
    child = Child()
    report["reset_base"] = outcome(mod.SingletonMeta.reset, Base)
    report["child_kept_after_base_reset"] = Child() is child
    return report


def decorated_class(mod):
    """Decorate Service with @singleton and look at what came back."""
    inits = []

    @mod.singleton
    class Service:
        """A decorated service."""

        def __init__(self, name="main"):
            inits.append(name)
            self.name = name

    class Plain:
        """Defined beside Service, undecorated: the names Service should keep, but for its own."""

    first = Service()
    return {
        "is_class": isinstance(Service, type),
        "isinstance": outcome(isinstance, first, Service),
        "name": getattr(Service, "__name__", None),
        "qualname": getattr(Service, "__qualname__", None),
        "module": getattr(Service, "__module__", None),
        "plain_qualname": Plain.__qualname__,
        "plain_module": Plain.__module__,
        "doc": getattr(Service, "__doc__", None),
        "same": outcome(lambda: Service("other") is first),
        "inits": inits,
    }


def decorated_subclass(mod):
    """Subclass a @singleton class and construct both."""

    @mod.singleton
    class Base:
        pass

    def make_child():
        class Child(Base):
            pass

        return Child

    kind, child_class = outcome(make_child)
    if kind == "raised":
        return {"subclass_error": child_class}
    base = Base()
    child = child_class()
    return {
        "subclass_error": None,
        "child_same": child is child_class(),
        "child_is_base": child is base,
        "base_same": base is Base(),
        "child_is_a_child": isinstance(child, child_class),
        "child_is_a_base": isinstance(child, Base),
    }


def decorated_super(mod):
    """A @singleton class whose __init__ calls super().__init__()."""

    class Plugin:
        def __init__(self):
            self.plugin_ready = True

    @mod.singleton
    class Loader(Plugin):
        def __init__(self):
            super().__init__()
            self.loaded = True

    def build():
        loader = Loader()
        return {"plugin_ready": loader.plugin_ready, "loaded": loader.loaded}

    return outcome(build)


def unrelated_classes(mod, timeout):
    """While Busy.__init__ runs in one thread, another thread constructs the unrelated Other.

    Busy.__init__ waits (at most `timeout` s) for Other to be built, and records whether it was.
    """
    busy_started, other_built = threading.Event(), threading.Event()
    seen = {}

    class Other(metaclass=mod.SingletonMeta):
        def __init__(self):
            other_built.set()

    class Busy(metaclass=mod.SingletonMeta):
        def __init__(self):
            busy_started.set()
            seen["other_built_meanwhile"] = other_built.wait(timeout)

    def build_busy():
        seen["busy"] = outcome(Busy)
        busy_started.set()  # in case Busy() failed before its __init__ could set it

    busy = threading.Thread(target=build_busy, daemon=True)
    busy.start()
    busy_started.wait(timeout)
    other = run_in_thread(Other, 2 * timeout)
    busy.join(timeout)
    return {
        "busy": _summary(*seen.get("busy", ("hung", None))),
        "other": _summary(*other),
        "other_built_meanwhile": seen.get("other_built_meanwhile"),
    }


def nested(mod, timeout):
    """Outer.__init__ constructs the singleton Inner; a deadlock shows up as "hung"."""

    class Inner(metaclass=mod.SingletonMeta):
        pass

    class Outer(metaclass=mod.SingletonMeta):
        def __init__(self):
            self.inner = Inner()

    def build():
        outer = Outer()
        return {"outer_same": outer is Outer(), "inner_same": outer.inner is Inner()}

    return run_in_thread(build, timeout)
