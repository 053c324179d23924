"""Graders for concurrency/thread-safe-singleton.

The deadlock tests come last on purpose: a learner's global, non-reentrant lock stays held by
the thread that deadlocked, and any test after it would hang on that lock too.
"""

from __future__ import annotations

import pytest

from pykata.grading import Raised

THREADS = 16
RACE_ROUNDS = 3
DELAY = 0.05  # seconds each Slow.__init__ sleeps, to widen the race window
WAIT = 2.0  # seconds before a construction that has not finished counts as a deadlock


def _did(result: object) -> str:
    """Say how a call ended, for a message: "raised X", "did not finish" or "returned ..."."""
    if isinstance(result, Raised):
        return f"raised {result}"
    if result == "hung":
        return f"did not finish within {WAIT:g} s"
    return "returned"


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_calling_the_class_again_returns_the_same_object(kata):
    seen = kata.probe("hierarchy", base_first=True)
    assert seen["base_type"] == "Base", (
        f"Base() should return a Base instance, it returned a {seen['base_type']}"
    )
    assert seen["base_same"], "Base() is Base() should be True: a second call built a new object"


@pytest.mark.points(2)
@pytest.mark.parametrize("base_first", [True, False], ids=["base-first", "child-first"])
@pytest.mark.hint(2)
def test_each_subclass_gets_its_own_instance(kata, base_first):
    seen = kata.probe("hierarchy", base_first=base_first)
    order = "Base() and then Child()" if base_first else "Child() and then Base()"
    assert not seen["child_is_base"], (
        f"with class Child(Base), calling {order} gave the very same object twice "
        f"(a {seen['child_type']}). Each class needs its own instance: look up the instance stored "
        "for exactly this class, never one a base class stored and the subclass inherits"
    )
    assert seen["child_type"] == "Child", (
        f"Child() should return a Child instance, it returned a {seen['child_type']}"
    )
    assert seen["base_type"] == "Base", (
        f"Base() should return a Base instance, it returned a {seen['base_type']}"
    )
    assert seen["child_same"], f"after {order}, Child() is Child() should be True"
    assert seen["base_same"], f"after {order}, Base() is Base() should be True"


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_init_runs_exactly_once(kata):
    seen = kata.probe("init_count", calls=5)
    assert seen["inits"] == 1, (
        f"Counter() was called 5 times and Counter.__init__ ran {seen['inits']} times, expected "
        "once. Returning the cached object from __new__ is not enough: Python then calls "
        "__init__ on it again. The metaclass's __call__ decides whether __init__ runs at all"
    )
    assert seen["value"] == 42, (
        f"the instance's value was set to 42 after the first Counter(); later calls changed it "
        f"to {seen['value']!r}"
    )
    assert seen["same"], "every Counter() call should return the same object"


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_later_calls_with_other_arguments_return_the_first_instance(kata):
    seen = kata.probe("other_arguments")
    calls = ['Config("b.toml", debug=True)', 'Config(path="c.toml")', "Config() with no arguments"]
    for call, result in zip(calls, seen["later"], strict=True):
        what = f"raised {result}" if isinstance(result, Raised) else "returned a different object"
        assert result is True, (
            f'after Config("a.toml"), {call} should return the existing instance without '
            f"calling __init__ again, but it {what}"
        )
    assert seen["inits"] == [("a.toml", False)], (
        f"Config.__init__ should run once, for the first call; it ran with {seen['inits']}"
    )
    assert seen["path"] == "a.toml", (
        f"the instance's path should stay 'a.toml' from the first call, it is {seen['path']!r}"
    )


@pytest.mark.points(4)
@pytest.mark.hint(3)
def test_sixteen_threads_constructing_at_once_get_one_instance(kata):
    rounds = kata.probe("race", threads=THREADS, rounds=RACE_ROUNDS, delay=DELAY)
    for number, seen in enumerate(rounds, 1):
        race = (
            f"{THREADS} threads released together by a threading.Barrier all called Slow(), "
            f"whose __init__ sleeps {DELAY * 1000:g} ms (round {number} of {RACE_ROUNDS})"
        )
        assert seen["error"] is None, f"{race}; one of them raised {seen['error']}"
        assert seen["hung"] == 0, (
            f"{race}; {seen['hung']} of them were still waiting after 5 s: "
            "is a lock never released?"
        )
        assert seen["instances"] == 1, (
            f"{race}; they got {seen['instances']} different instances, expected 1. Checking "
            "for an instance and then creating one is not atomic: take a lock for this class, "
            "then check again while holding it, because another thread may have created the "
            "instance while this one waited"
        )
        assert seen["inits"] == 1, (
            f"{race}; Slow.__init__ ran {seen['inits']} times, expected exactly once"
        )


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_a_failed_first_construction_caches_nothing(kata):
    seen = kata.probe("failed_first", timeout=WAIT)
    first = seen["first"]
    what = "returned normally" if first is None else f"raised {first}"
    message = (
        "Flaky.__init__ raises ConnectionError the first time it runs, and Flaky() should let "
        f"that exception through, but it {what}"
    )
    assert first is not None, message
    assert first.is_a("ConnectionError"), message
    assert seen["second"] != "hung", (
        "after the failed first Flaky(), a second call from another thread did not finish within "
        f"{WAIT:g} s: the lock taken by the failed call was never released. A `with` block "
        "releases a lock even when an exception passes through it"
    )
    assert seen["second"] == "returned", (
        "after a failed first attempt, the next Flaky() should try again, "
        f"but it {_did(seen['second'])}"
    )
    half_built = (
        "after the failed first Flaky(), the second call should run __init__ again and return a "
        "complete object, but it returned an object whose __init__ never finished. Store the "
        "instance only after __init__ has returned"
    )
    assert seen["attempts_after_second"] == 2, half_built
    assert seen["second_ready"], half_built
    again = (
        "once the second Flaky() succeeded, a third call should return that same instance "
        f"without running __init__ again; __init__ ran {seen['attempts']} times in all"
    )
    assert seen["third_same"], again
    assert seen["attempts"] == 2, again


@pytest.mark.points(2)
def test_reset_lets_a_fresh_instance_be_created(kata):
    seen = kata.probe("reset_fresh")
    kind, value = seen["reset"]
    assert kind == "returned", (
        f"SingletonMeta.reset(Cache) raised {value}. Called that way, reset should receive Cache "
        "as its one argument, like any method looked up on the class that defines it"
    )
    assert seen["fresh"], (
        "after SingletonMeta.reset(Cache), Cache() should build a fresh instance, "
        "but it returned the old one"
    )
    assert seen["inits"] == 2, (
        f"Cache(), reset, then Cache() twice should run __init__ 2 times, it ran {seen['inits']}"
    )
    assert seen["stable"], "after a reset, the fresh instance should be the singleton again"


@pytest.mark.points(1)
@pytest.mark.hint(2)
def test_reset_affects_only_the_class_given(kata):
    seen = kata.probe("reset_others")
    kind, value = seen["never"]
    assert kind == "returned", (
        f"resetting a class that was never constructed should do nothing, but it raised {value}"
    )
    assert seen["never_then_same"], "after resetting an unused class, it should stay a singleton"
    for key, call in (("reset_child", "Child"), ("reset_base", "Base")):
        kind, value = seen[key]
        assert kind == "returned", f"SingletonMeta.reset({call}) raised {value}"
    assert seen["child_fresh"], "after SingletonMeta.reset(Child), Child() should be a new instance"
    assert seen["base_kept_after_child_reset"], (
        "with class Child(Base), SingletonMeta.reset(Child) should leave Base's instance alone"
    )
    assert seen["child_kept_after_base_reset"], (
        "with class Child(Base), SingletonMeta.reset(Base) should leave Child's instance alone"
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_a_decorated_class_is_still_a_class(kata):
    seen = kata.probe("decorated_class")
    assert seen["is_class"], (
        "@singleton should give back a class, so that isinstance and subclassing still work; "
        "the decorated Service is not a class (a function that returns the instance is not enough)"
    )
    kind, value = seen["isinstance"]
    assert kind == "returned", f"isinstance(Service(), Service) raised {value}"
    assert value is True, "isinstance(Service(), Service) should be True"
    assert seen["name"] == "Service", (
        f"the decorated class should keep its __name__ 'Service', it is {seen['name']!r}"
    )
    qualname = seen["plain_qualname"].removesuffix("Plain") + "Service"
    assert seen["qualname"] == qualname, (
        f"the decorated class should keep its __qualname__ {qualname!r}, it is {seen['qualname']!r}"
    )
    assert seen["module"] == seen["plain_module"], (
        f"the decorated class should keep its __module__ {seen['plain_module']!r}, "
        f"it is {seen['module']!r}"
    )
    assert seen["doc"] == "A decorated service.", (
        f"the decorated class should keep its docstring, its __doc__ is {seen['doc']!r}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(4)
def test_a_decorated_class_builds_one_instance_and_runs_init_once(kata):
    seen = kata.probe("decorated_class")
    kind, value = seen["same"]
    assert kind == "returned", f"calling the decorated Service a second time raised {value}"
    assert value is True, "Service() and then Service('other') should return the same object"
    assert seen["inits"] == ["main"], (
        f"Service.__init__ should run once, for the first call; it ran with {seen['inits']}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_a_decorated_class_can_be_subclassed_and_each_subclass_gets_its_own_instance(kata):
    seen = kata.probe("decorated_subclass")
    error = seen["subclass_error"]
    assert error is None, f"class Child(Base), where Base is a @singleton class, raised {error}"
    assert not seen["child_is_base"], (
        "Base() and Child() returned the same object: a subclass of a @singleton class is a "
        "singleton of its own, with its own instance"
    )
    assert seen["child_is_a_child"], "isinstance(Child(), Child) should be True"
    assert seen["child_is_a_base"], "isinstance(Child(), Base) should be True"
    assert seen["child_same"], "Child() is Child() should be True"
    assert seen["base_same"], "Base() is Base() should be True"


@pytest.mark.points(1)
@pytest.mark.hint(4)
def test_a_decorated_class_can_call_super(kata):
    kind, value = kata.probe("decorated_super")
    assert kind == "returned", (
        f"a @singleton class whose __init__ calls super().__init__() failed: it raised {value}. "
        "Zero-argument super() needs the class it was written in to be a base of type(self)"
    )
    assert value == {"plugin_ready": True, "loaded": True}, (
        f"both __init__ methods should have run, the instance's attributes were {value}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_a_decorated_class_is_thread_safe(kata):
    rounds = kata.probe("decorated_race", threads=THREADS, rounds=2, delay=DELAY)
    for number, seen in enumerate(rounds, 1):
        race = (
            f"{THREADS} threads released together by a threading.Barrier all called the "
            f"@singleton class Slow() (round {number} of 2)"
        )
        assert seen["error"] is None, f"{race}; one of them raised {seen['error']}"
        assert seen["hung"] == 0, f"{race}; {seen['hung']} of them were still waiting after 5 s"
        assert seen["instances"] == 1, (
            f"{race}; they got {seen['instances']} different instances, expected 1"
        )
        assert seen["inits"] == 1, f"{race}; Slow.__init__ ran {seen['inits']} times, expected 1"


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_a_slow_constructor_does_not_block_other_singleton_classes(kata):
    seen = kata.probe("unrelated_classes", timeout=WAIT)
    for name in ("busy", "other"):
        assert seen[name] == "returned", f"{name.capitalize()}() {_did(seen[name])}"
    assert seen["other_built_meanwhile"] is True, (
        "while Busy.__init__ was still running in one thread, another thread called the unrelated "
        "singleton Other(), and it had to wait until Busy was done. Give each class its own lock: "
        "one lock shared by every class makes all singletons wait for the slowest constructor"
    )


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_a_singleton_init_can_construct_another_singleton(kata):
    kind, value = kata.probe("nested", timeout=WAIT)
    assert kind != "hung", (
        f"Outer.__init__ calls the singleton Inner(), and Outer() had not finished after {WAIT:g} "
        "s: a deadlock. With one non-reentrant lock shared by every class, Outer() holds it while "
        "its __init__ runs, and Inner() waits for it forever; use one lock per class"
    )
    assert kind == "returned", f"Outer(), whose __init__ calls Inner(), raised {value}"
    assert value == {"outer_same": True, "inner_same": True}, (
        "after Outer() built Inner() inside its __init__, Outer() and Inner() should each keep "
        f"returning their one instance; got {value}"
    )
