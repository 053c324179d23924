"""The API grader tests use. See docs/authoring.md for a walk-through.

A grader test asks for the ``kata`` fixture and gets a ``KataHandle``. Through it the test runs
probes and calls in the kata's sandbox and gets plain data back; exceptions from the learner's
code come back as ``LearnerRaised``. ``raises`` checks that one was expected, and ``same``
compares values strictly by type (``1`` is not ``True``, ``[1]`` is not ``(1,)``).
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .jobs import GradeJob
from .kata_sandbox import KataSandbox
from .sandbox.codec import Opaque, Raised, safe_repr

__all__ = ["Caught", "KataHandle", "LearnerRaised", "Opaque", "Raised", "raises", "same"]


class LearnerRaised(Exception):
    """The learner's code raised an exception that the test did not expect."""

    def __init__(self, raised: Raised, what: str, module: str) -> None:
        super().__init__(learner_raised_message(raised, what, module))
        self.raised = raised


def learner_raised_message(raised: Raised, what: str, module: str) -> str:
    """Explain an unexpected exception from the learner's code in one or two sentences."""
    where = f" at {raised.location}" if raised.location else ""
    if raised.is_a("NotImplementedError"):
        return f"{what} raised NotImplementedError{where}: this part of {module} is not written yet"
    if raised.is_a("AttributeError") and " does not define `" in raised.message:
        return raised.message
    if raised.is_a("SystemExit"):
        return f"{what} called sys.exit(){where}: a library function should raise or return instead"
    detail = f": {raised.message}" if raised.message else ""
    return f"{what} raised {raised.type}{detail}{where}"


class KataHandle:
    """What a grader test sees of one kata: probes, calls and the learner's source text."""

    def __init__(self, job: GradeJob, sandbox: KataSandbox, source: str) -> None:
        self._sandbox = sandbox
        self._source = source
        self.id = job.kata.id
        self.module = job.kata.module

    def probe(self, name: str, /, *args: Any, **kwargs: Any) -> Any:
        """Run ``probes.<name>(module, *args, **kwargs)`` in the sandbox; return its result."""
        raised, value = self._sandbox.request("probe", name, args, kwargs)
        if raised:
            raise LearnerRaised(value, "your code", self.module)
        return value

    def call(self, name: str, /, *args: Any, **kwargs: Any) -> Any:
        """Call the learner's public ``name(*args, **kwargs)`` in the sandbox; return its result."""
        raised, value = self._sandbox.request("call", name, args, kwargs)
        if raised:
            raise LearnerRaised(value, call_text(name, args, kwargs), self.module)
        return value

    def source(self) -> str:
        """The learner's source text, as read once for this run; never executed here."""
        return self._source

    def syntax_tree(self) -> ast.Module:
        """The learner's module parsed with ``ast`` (never executed)."""
        try:
            return ast.parse(self.source(), filename=self.module)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
            raise AssertionError(f"{self.module} cannot be parsed: {error}") from None


def call_text(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """Render a call for a message: ``repeat(3, collect=True)``."""
    parts = [safe_repr(a, 40) for a in args] + [
        f"{k}={safe_repr(v, 40)}" for k, v in kwargs.items()
    ]
    return f"{name}({', '.join(parts)})"


@dataclass
class Caught:
    """What ``raises`` caught; ``raised`` is set once the block has raised as expected."""

    raised: Raised | None = None


@contextmanager
def raises(expected: str, what: str) -> Iterator[Caught]:
    """Expect the block to raise ``expected`` (a class name, base classes count) from the learner.

    ``what`` names the action for the message: ``raises("ValueError", "repeat(0)")``.
    """
    caught = Caught()
    try:
        yield caught
    except LearnerRaised as error:
        if not error.raised.is_a(expected):
            raise AssertionError(
                f"{what} should raise {expected}, but it raised {error.raised}"
            ) from None
        caught.raised = error.raised
    else:
        raise AssertionError(f"{what} should raise {expected}, but it raised nothing")


def same(expected: Any, actual: Any) -> bool:
    """Equality that also requires equal types, all the way down; NaN is the same as NaN."""
    if type(expected) is not type(actual):
        return False
    if isinstance(expected, float):
        return expected == actual or (math.isnan(expected) and math.isnan(actual))
    if isinstance(expected, (list, tuple)):
        return len(expected) == len(actual) and all(map(same, expected, actual))
    if isinstance(expected, (set, frozenset)):
        return len(expected) == len(actual) and _same_members(expected, actual)
    if isinstance(expected, dict):
        if len(expected) != len(actual) or not _same_members(expected.keys(), actual.keys()):
            return False
        return all(same(value, actual[key]) for key, value in expected.items())
    return bool(expected == actual)


def _same_members(expected: Any, actual: Any) -> bool:
    index = {member: member for member in actual}
    return all(member in index and same(member, index[member]) for member in expected)
