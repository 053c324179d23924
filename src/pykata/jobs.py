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
    """Grade ``source`` as the module of ``kata``.

    ``force`` runs the graders even when ``source`` is the untouched stub, which ``verify`` needs
    to prove that the stub scores nothing; a learner's untouched stub is simply not started.
    """

    kata: Kata
    source: Path
    variant: str = "learner"
    force: bool = False

    def is_pristine(self) -> bool:
        """Tell whether ``source`` is byte for byte the kata's stub."""
        try:
            return self.source.read_bytes() == self.kata.stub.read_bytes()
        except OSError:
            return False


def learner_jobs(katas: list[Kata], source_dir: Path) -> list[GradeJob]:
    """One job per kata, grading ``<source_dir>/<topic>/<slug>/<module>``."""
    return [GradeJob(kata, source_dir / kata.id / kata.module) for kata in katas]
