"""The temp copy a sandbox works in: the graded module and the kata's probes, nothing else.

The learner's file is copied as data (a regular file, size-capped), so a symlink or a huge file in
the learner's tree cannot make the sandbox read anything else.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from .jobs import MAX_SOURCE_BYTES, GradeJob
from .sandbox.serve import PROBES_MODULE

__all__ = ["SourceProblem", "Workspace", "prepare_workspace", "read_learner_source"]


class SourceProblem(Exception):
    """The learner's file cannot be graded at all (missing, not a file, too large)."""


@dataclass(frozen=True)
class Workspace:
    """Where one sandbox runs: ``kata_dir`` is its working folder, ``output`` its output file."""

    kata_dir: Path
    output: Path
    module_name: str

    @property
    def learner_file(self) -> Path:
        return self.kata_dir / f"{self.module_name}.py"

    def remove(self) -> None:
        shutil.rmtree(self.kata_dir, ignore_errors=True)
        self.output.unlink(missing_ok=True)


def read_learner_source(job: GradeJob) -> bytes:
    """Read the file graded as the kata's module; raise SourceProblem with advice if impossible."""
    path = job.source
    name = job.kata.module
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise SourceProblem(f"{path} is not a regular file: {name} must be a plain Python file")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
    except FileNotFoundError:
        raise SourceProblem(
            f"{path} is missing: restore it with `git checkout -- {path}` and start again"
        ) from None
    except OSError as error:
        raise SourceProblem(f"{path} cannot be read: {error.strerror}") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceProblem(f"{path} is larger than {MAX_SOURCE_BYTES // 1024} KiB")
    return data


def prepare_workspace(run_dir: Path, index: int, job: GradeJob, source: bytes) -> Workspace:
    """Write ``source`` as the graded module, and copy the kata's probe files, into a fresh
    folder below ``run_dir``."""
    kata = job.kata
    kata_dir = run_dir / f"{index:03d}-{kata.slug}"
    kata_dir.mkdir()
    (kata_dir / kata.module).write_bytes(source)
    for helper in sorted(kata.graders_dir.glob("*.py")):
        if helper.name.startswith("test_") or helper.name == "conftest.py":
            continue
        target = f"{PROBES_MODULE}.py" if helper.name == "probes.py" else helper.name
        shutil.copyfile(helper, kata_dir / target)
    output = run_dir / f"{index:03d}-{kata.slug}.out"
    output.touch()
    return Workspace(
        kata_dir=kata_dir.resolve(), output=output.resolve(), module_name=kata.module_name
    )
