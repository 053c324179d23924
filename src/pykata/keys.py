"""Single key presses from the terminal, without waiting for Enter, and with a timeout.

On a terminal, standard input is put in cbreak mode (keys arrive one by one, Ctrl-C still
interrupts) and restored on exit. When standard input is a pipe or a file, its characters are
read as keys, so ``printf 'q' | pykata watch`` works; at its end, no more keys come.
"""

from __future__ import annotations

import os
import sys
from types import TracebackType
from typing import Any, TextIO

from .terminal import is_terminal

__all__ = ["KeyReader"]


class KeyReader:
    """Read keys from ``stream`` (standard input by default) inside a ``with`` block."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdin
        self._saved: list[Any] | None = None
        self._ended = False

    def __enter__(self) -> KeyReader:
        if is_terminal(self.stream) and sys.platform != "win32":
            import termios
            import tty

            fd = self.stream.fileno()
            self._saved = termios.tcgetattr(fd)
            tty.setcbreak(fd)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._saved is not None:
            import termios

            termios.tcsetattr(self.stream.fileno(), termios.TCSADRAIN, self._saved)
            self._saved = None

    def read(self, timeout: float) -> str | None:
        """The next key pressed within ``timeout`` seconds, or None."""
        if sys.platform == "win32":  # pragma: no cover - select() cannot wait on a console there
            return _read_windows_key(timeout)
        import select

        if self._ended:
            select.select([], [], [], timeout)
            return None
        try:
            ready, _, _ = select.select([self.stream], [], [], timeout)
        except (OSError, ValueError):  # standard input was closed
            self._ended = True
            return None
        if not ready:
            return None
        data = os.read(self.stream.fileno(), 1)
        if not data:
            self._ended = True
            return None
        return data.decode("utf-8", errors="replace")


def _read_windows_key(timeout: float) -> str | None:  # pragma: no cover - Windows only
    import msvcrt
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if msvcrt.kbhit():  # type: ignore[attr-defined]
            return str(msvcrt.getwch())  # type: ignore[attr-defined]
        time.sleep(0.02)
    return None
