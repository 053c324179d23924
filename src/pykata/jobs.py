"""Grade jobs: which file is graded as which kata's module, under which label.

``pykata grade`` makes one job per kata from the learner's tree; ``pykata verify`` makes several
per kata (the solution, the stub, each mutant). Everything downstream grades jobs, not folders.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .kata import Kata

MAX_SOURCE_BYTES = 1024 * 1024

__all__ = ["MAX_SOURCE_BYTES", "GradeJob", "learner_jobs"]


@dataclass(frozen=True)
class GradeJob:
    """Grade ``source`` as the module of ``kata``; ``variant`` labels it (learner, stub, ...)."""

    kata: Kata
    source: Path
    variant: str = "learner"


def learner_jobs(katas: list[Kata], source_dir: Path) -> list[GradeJob]:
    """One job per kata, grading ``<source_dir>/<topic>/<slug>/<module>``."""
    return [GradeJob(kata, source_dir / kata.id / kata.module) for kata in katas]
