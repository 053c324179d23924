"""A process pipeline: stages of worker processes joined by queues. Read README.md first."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


class StageError(Exception):
    """A stage function raised: which stage, for which item, and the worker's traceback text."""

    def __init__(self, stage_index: int, seq: int, remote_traceback: str) -> None:
        raise NotImplementedError("write StageError.__init__")

    def __str__(self) -> str:
        raise NotImplementedError("write StageError.__str__")


def run_pipeline(
    stages: list[Callable[[Any], Any]],
    items: Iterable[Any],
    *,
    workers_per_stage: int = 1,
) -> list[Any]:
    """Pass every item through ``stages`` in order, each stage run by its own worker processes.

    Returns the final results in input order. A stage function that raises makes the pipeline
    raise ``StageError(stage_index, seq, remote_traceback)`` once every worker has stopped. An
    item or a stage function that cannot be pickled raises ``TypeError`` naming it, before it is
    sent to any process, and leaves no process running.
    """
    raise NotImplementedError("write run_pipeline()")
