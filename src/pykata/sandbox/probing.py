"""Helpers for probes: observe learner code and describe what happened as plain data.

Probes import this module as ``pykata_sandbox.probing``. Everything returns values the codec
carries, so the trusted test can judge them.

``NotImplementedError`` is never reported as an outcome: it propagates, so a test that watches
for "some exception" cannot be passed by code that is not written yet, and the learner is told
that the part is unfinished.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from . import serve
from .codec import Raised

__all__ = ["outcome", "raised", "run_in_thread"]


def outcome(function: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[str, Any]:
    """Call ``function``: return ``("returned", value)`` or ``("raised", Raised)``."""
    try:
        return ("returned", function(*args, **kwargs))
    except NotImplementedError:
        raise
    except BaseException as error:  # the probe reports every outcome, exits included
        return ("raised", serve.describe(error, serve.learner_file()))


def raised(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Raised | None:
    """Call ``function``: return what it raised, or None if it returned."""
    kind, value = outcome(function, *args, **kwargs)
    return value if kind == "raised" else None


def run_in_thread(function: Callable[[], Any], timeout: float) -> tuple[str, Any]:
    """Run ``function`` in a daemon thread and wait at most ``timeout`` seconds.

    Returns ``("returned", value)``, ``("raised", Raised)`` or ``("hung", None)`` when the thread
    is still running at the timeout: the way to detect a deadlock without hanging the probe.
    """
    result: list[tuple[str, Any]] = []
    unwritten: list[NotImplementedError] = []

    def target() -> None:
        try:
            result.append(outcome(function))
        except NotImplementedError as error:
            unwritten.append(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if unwritten:
        raise unwritten[0]
    if thread.is_alive() or not result:
        return ("hung", None)
    return result[0]
