"""Take a pull request's kata files out of git as data, and nothing else.

The score that counts is computed with the default branch's engine, graders and noxfile. From the
pull request it takes only ``katas/<topic>/<slug>/<module>.py`` of katas that exist on the
default branch, read from git objects (never a checkout), as regular files under a size cap.
Every other change is listed as ignored, with the reason, so the comment can show it.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog
from .jobs import MAX_SOURCE_BYTES

__all__ = ["CollectError", "Collection", "Ignored", "collect_pull_request", "load_collection"]

REGULAR_MODES = ("100644", "100755")
MANIFEST = "manifest.json"
MAX_LISTED = 200


class CollectError(RuntimeError):
    """git could not answer (unknown commit, not a repository)."""


@dataclass(frozen=True)
class Ignored:
    """A changed path that does not count, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Collection:
    """What was taken from the head commit: kata files graded, paths ignored."""

    head: str
    collected: tuple[str, ...]
    ignored: tuple[Ignored, ...]


def collect_pull_request(
    repo: Path, catalog: Catalog, base: str, head: str, out: Path
) -> Collection:
    """Write the head commit's kata modules under ``out/katas`` and a manifest beside them.

    A kata whose file is missing, a symlink, not a regular file or too large is graded from the
    default branch's stub instead, so it reads as not started, and the path is listed as ignored.
    """
    head = _git(repo, "rev-parse", "--verify", f"{head}^{{commit}}").strip()
    kata_paths = {f"katas/{kata.id}/{kata.module}": kata for kata in catalog.katas}
    ignored: dict[str, str] = {}
    collected = []
    for path, kata in kata_paths.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        problem = _blob_problem(repo, head, path)
        if problem is None:
            target.write_bytes(_git_bytes(repo, "cat-file", "blob", f"{head}:{path}"))
            collected.append(path)
        else:
            target.write_bytes(kata.stub.read_bytes())
            if problem != "missing":
                ignored[path] = problem
    for path in _changed_paths(repo, base, head):
        if path not in kata_paths and path not in ignored:
            ignored[path] = _why_ignored(path)
    listed = tuple(Ignored(p, r) for p, r in sorted(ignored.items())[:MAX_LISTED])
    collection = Collection(head, tuple(collected), listed)
    _write_manifest(collection, out / MANIFEST)
    return collection


def _blob_problem(repo: Path, head: str, path: str) -> str | None:
    """Why ``path`` at ``head`` cannot be graded, or None when it is a small regular file."""
    listing = _git(repo, "ls-tree", "-l", "-z", head, "--", path).rstrip("\0")
    if not listing:
        return "missing"
    meta, _, _ = listing.partition("\t")
    mode, kind, _, size = meta.split()
    if mode == "120000":
        return "a symlink: only regular files are graded"
    if kind != "blob" or mode not in REGULAR_MODES:
        return "not a regular file"
    if int(size) > MAX_SOURCE_BYTES:
        return f"larger than {MAX_SOURCE_BYTES // 1024} KiB"
    return None


def _why_ignored(path: str) -> str:
    if path.startswith("katas/"):
        return "not a kata's module: only katas/<topic>/<slug>/<module>.py files are graded"
    return "outside katas/: grading uses the default branch's copy"


def _changed_paths(repo: Path, base: str, head: str) -> list[str]:
    """Paths the pull request changed: from the merge base, so main's own changes are not listed."""
    try:
        since = _git(repo, "merge-base", base, head).strip()
    except CollectError:
        since = base
    names = _git(repo, "diff", "--name-only", "--no-renames", "-z", since, head)
    return [name for name in names.split("\0") if name]


def _write_manifest(collection: Collection, path: Path) -> None:
    data = {
        "head": collection.head,
        "collected": list(collection.collected),
        "ignored": [{"path": i.path, "reason": i.reason} for i in collection.ignored],
    }
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def load_collection(path: Path) -> Collection:
    """Read a manifest written by ``collect_pull_request``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        ignored = tuple(Ignored(str(i["path"]), str(i["reason"])) for i in data["ignored"])
        collected = tuple(map(str, data["collected"]))
        return Collection(str(data["head"]), collected[:MAX_LISTED], ignored[:MAX_LISTED])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CollectError(
            f"{path}: not a manifest written by pykata ci collect: {error}"
        ) from None


def _git(repo: Path, *args: str) -> str:
    return _git_bytes(repo, *args).decode("utf-8", errors="replace")


def _git_bytes(repo: Path, *args: str) -> bytes:
    command = ["git", "-C", str(repo), "-c", "core.quotePath=false", *args]
    try:
        done = subprocess.run(command, capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise CollectError(f"git {args[0]} failed: {error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip()
        raise CollectError(f"git {' '.join(args[:2])} failed: {message}")
    return done.stdout
