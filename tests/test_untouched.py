"""Tests for pykata.untouched: an untouched stub is recognised by its shape, not its bytes."""

from __future__ import annotations

import pytest

from pykata.untouched import functions_not_only_raising, is_untouched_stub

STUB = '''"""A kata."""

from __future__ import annotations

import threading
from typing import Any

LIMIT: int = 3


class Rollback(Exception):
    """Undo quietly."""


class Cache:
    """A cache."""

    size = 0

    def get(self, key: Any) -> Any:
        """Look up."""
        raise NotImplementedError("write get()")

    @property
    def full(self) -> bool:
        raise NotImplementedError


async def fetch(url: str) -> bytes:
    raise NotImplementedError()
'''


def test_a_stub_is_untouched_whatever_its_comments_and_docstrings_say() -> None:
    assert is_untouched_stub(STUB)
    edited = STUB.replace('"""Look up."""', '"""My notes."""  # thinking about it')
    assert is_untouched_stub(edited)
    assert [] == functions_not_only_raising(STUB)


@pytest.mark.parametrize(
    "change",
    [
        ('raise NotImplementedError("write get()")', "return None"),
        (
            "        raise NotImplementedError\n",
            "        self.size += 1\n        raise NotImplementedError\n",
        ),
        ("LIMIT: int = 3", "LIMIT: int = 3\nprint('hello')"),
        ("LIMIT: int = 3", "fetch = print"),
        ("import threading", "import threading\nif True:\n    pass"),
    ],
)
def test_any_real_code_means_the_kata_was_started(change: tuple[str, str]) -> None:
    assert not is_untouched_stub(STUB.replace(*change, 1))


def test_files_with_no_function_or_invalid_syntax_are_not_untouched_stubs() -> None:
    assert not is_untouched_stub('"""Only a docstring."""\n')
    assert not is_untouched_stub("def broken(:\n")


def test_busy_functions_are_named() -> None:
    assert ["get"] == functions_not_only_raising(
        STUB.replace('raise NotImplementedError("write get()")', "return 1")
    )
