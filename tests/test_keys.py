"""Tests for pykata.keys: keys one at a time from a terminal or a pipe, and a terminal restored."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TextIO

import pytest

from pykata.keys import KeyReader

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals and pipes")


@pytest.fixture
def pipe() -> Iterator[tuple[TextIO, int]]:
    read_end, write_end = os.pipe()
    with os.fdopen(read_end) as stream:
        yield stream, write_end
    with contextlib.suppress(OSError):
        os.close(write_end)


def test_keys_from_a_pipe_arrive_one_by_one(pipe: tuple[TextIO, int]) -> None:
    stream, writer = pipe
    os.write(writer, b"hq")
    with KeyReader(stream) as keys:
        assert "h" == keys.read(5)
        assert "q" == keys.read(5)


def test_no_key_within_the_timeout_is_none(pipe: tuple[TextIO, int]) -> None:
    stream, _ = pipe
    with KeyReader(stream) as keys:
        assert None is keys.read(0)


def test_after_the_end_of_input_no_more_keys_come(pipe: tuple[TextIO, int]) -> None:
    stream, writer = pipe
    os.close(writer)
    with KeyReader(stream) as keys:
        assert None is keys.read(5)
        assert None is keys.read(0)


def test_a_terminal_gets_keys_without_enter_and_is_restored() -> None:
    import pty
    import termios

    master, slave = pty.openpty()
    with os.fdopen(slave) as stream:
        before = termios.tcgetattr(slave)
        with KeyReader(stream) as keys:
            assert not termios.tcgetattr(slave)[3] & termios.ICANON, "cbreak: no line editing"
            os.write(master, b"n")
            assert "n" == keys.read(5)
        assert before == termios.tcgetattr(slave)
    os.close(master)
