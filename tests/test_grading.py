"""Tests for pykata.grading: the API grader tests are written against."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest

from pykata.grading import (
    KataHandle,
    LearnerRaised,
    call_text,
    learner_raised_message,
    raises,
    same,
)
from pykata.kata_sandbox import KataSandbox
from pykata.sandbox.codec import Opaque, Raised

OpenSandbox = Callable[..., KataSandbox]


@pytest.fixture
def handle(open_sandbox: OpenSandbox, catalog_root: Path) -> Callable[[Path], KataHandle]:
    def make(module: Path) -> KataHandle:
        sandbox = open_sandbox(module)
        return KataHandle(sandbox.job, sandbox, module.read_text())

    return make


def test_probe_and_call_return_what_the_sandbox_saw(
    handle: Callable[[Path], KataHandle], catalog_root: Path
) -> None:
    kata = handle(catalog_root / "solutions/sample/echo/echo.py")
    assert [3, 3] == kata.probe("echoed_twice", 3)
    assert {"a": (1,)} == kata.call("echo", {"a": (1,)})
    assert ("sample/echo", "echo.py") == (kata.id, kata.module)


def test_an_exception_from_a_call_names_the_call(
    handle: Callable[[Path], KataHandle], catalog_root: Path
) -> None:
    kata = handle(catalog_root / "katas/sample/echo/echo.py")
    with pytest.raises(LearnerRaised) as caught:
        kata.call("echo", "x" * 100, flag=True)
    assert str(caught.value).startswith("echo('xxxxx")
    assert "..., flag=True) raised TypeError: echo() got an unexpected keyword" in str(caught.value)
    with pytest.raises(LearnerRaised, match=r"^your code raised NotImplementedError"):
        kata.probe("echoed", 1)


def test_the_source_and_its_syntax_tree_are_read_without_running_it(
    handle: Callable[[Path], KataHandle], tmp_path: Path
) -> None:
    module = tmp_path / "echo.py"
    module.write_text("import os\nos._exit(1)\n")
    kata = handle(module)
    assert "os._exit(1)" in kata.source()
    assert 2 == len(kata.syntax_tree().body)
    module.unlink()
    assert "os._exit(1)" in kata.source(), "graders judge the code as it was read for this run"
    broken = tmp_path / "broken.py"
    broken.write_text("def (:\n")
    with pytest.raises(AssertionError, match="cannot be parsed"):
        handle(broken).syntax_tree()


def raise_learner(type_name: str, *bases: str) -> None:
    raised = Raised(type_name, (type_name, *bases), "bad", "m.py:1")
    raise LearnerRaised(raised, "f()", "m.py")


def test_raises_accepts_the_expected_class_or_a_subclass() -> None:
    with raises("LookupError", "f()") as caught:
        raise_learner("KeyError", "LookupError", "Exception")
    assert caught.raised is not None
    assert "KeyError" == caught.raised.type


def test_raises_fails_with_a_message_when_another_class_is_raised() -> None:
    with (
        pytest.raises(
            AssertionError, match=r"f\(\) should raise ValueError, but it raised TypeError: bad"
        ),
        raises("ValueError", "f()"),
    ):
        raise_learner("TypeError", "Exception")


def test_raises_fails_with_a_message_when_nothing_is_raised() -> None:
    expected = pytest.raises(AssertionError, match="should raise ValueError, but it raised nothing")
    with expected, raises("ValueError", "f()"):
        pass


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (
            Raised("NotImplementedError", ("NotImplementedError",), "", "m.py:3"),
            "f() raised NotImplementedError at m.py:3: this part of m.py is not written yet",
        ),
        (
            Raised("SystemExit", ("SystemExit",), "2", ""),
            "f() called sys.exit(): a library function should raise or return instead",
        ),
        (
            Raised(
                "AttributeError", ("AttributeError",), "m.py does not define `f`: did you...", ""
            ),
            "m.py does not define `f`: did you...",
        ),
        (Raised("ValueError", ("ValueError",), "", ""), "f() raised ValueError"),
    ],
)
def test_unexpected_exceptions_are_explained_for_the_learner(raised: Raised, expected: str) -> None:
    assert expected == learner_raised_message(raised, "f()", "m.py")


def test_call_text_shows_short_arguments() -> None:
    assert "f(1, 'a', key=[1])" == call_text("f", (1, "a"), {"key": [1]})


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (1, 1),
        ([1, (2,)], [1, (2,)]),
        ({1: {2}}, {1: {2}}),
        (math.nan, math.nan),
        (frozenset({1}), frozenset({1})),
        ("a", "a"),
        (Opaque("T", "x"), Opaque("T", "x")),
    ],
)
def test_same_accepts_equal_values_of_equal_types(left: object, right: object) -> None:
    assert same(left, right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (1, True),
        (1, 1.0),
        ([1], (1,)),
        ({1: "a"}, {True: "a"}),
        ({1}, {True}),
        ([1, 2], [1]),
        ({1: 2}, {1: 3}),
        ({1: 2}, {1: 2, 3: 4}),
        (0.1, 0.2),
        (1, Opaque("int", "1")),
    ],
)
def test_same_refuses_values_that_differ_in_type_anywhere(left: object, right: object) -> None:
    assert not same(left, right)
