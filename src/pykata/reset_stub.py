"""Put a kata's file back to its pristine stub, keeping a backup of the learner's work.

The pristine stub is the newest version of the file in git history that still has the shape of
an untouched stub (see :mod:`pykata.untouched`). So a learner who committed their attempts gets
the stub back, and a stub the catalog's authors improved later is restored in its newest form.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from .kata import Kata
from .untouched import is_untouched_stub

BACKUPS = Path(".pykata") / "backups"
MAX_COMMITS = 200  # how far back in the file's history to look for the stub

__all__ = ["BACKUPS", "ResetError", "back_up", "pristine_stub", "reset_kata"]


class ResetError(Exception):
    """The stub cannot be restored; the message says why and what to do instead."""


def pristine_stub(kata: Kata) -> bytes:
    """The newest committed version of the kata's file that is still an untouched stub."""
    relative = kata.stub.relative_to(kata.root).as_posix()
    commits = _git(kata.root, "log", f"--max-count={MAX_COMMITS}", "--format=%H", "--", relative)
    for commit in commits.decode().split():
        try:
            content = _git(kata.root, "show", f"{commit}:{relative}")
        except ResetError:
            continue  # the commit deleted the file: it holds no version of it
        if is_untouched_stub(content.decode("utf-8", errors="replace")):
            return content
    raise ResetError(
        f"no committed version of {relative} is an untouched stub, so there is nothing to "
        "restore it from"
    )


def back_up(kata: Kata, now: float | None = None) -> Path | None:
    """Copy the learner's file to ``.pykata/backups/<kata id>/``; None if there is no file."""
    if not kata.stub.is_file():
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    folder = kata.root / BACKUPS / kata.id
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{kata.module_name}-{stamp}.py"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{kata.module_name}-{stamp}-{counter}.py"
    shutil.copy2(kata.stub, target)
    return target


def reset_kata(kata: Kata) -> Path | None:
    """Back up the learner's file, then write the pristine stub; return the backup's path."""
    stub = pristine_stub(kata)  # before touching anything: a failure leaves the file as it was
    backup = back_up(kata)
    kata.stub.write_bytes(stub)
    return backup


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=True, timeout=60
        )
    except FileNotFoundError:
        raise ResetError("git is not installed, and the pristine stub comes from git") from None
    except subprocess.CalledProcessError as error:
        detail = error.stderr.decode(errors="replace").strip().splitlines()
        raise ResetError(
            f"git could not read the kata's history ({detail[-1] if detail else 'no message'}); "
            "is this a git clone of the katas?"
        ) from None
    except subprocess.TimeoutExpired:
        raise ResetError("git took more than a minute to read the kata's history") from None
    return done.stdout
