"""Resource limits a sandbox process puts on itself before it imports any learner code.

The trusted side decides the numbers (kata.toml may raise some of them); the sandbox applies what
its operating system offers and skips the rest, so the same kata runs on Linux, macOS and Windows.
"""

from __future__ import annotations

from typing import Any

try:
    import resource
except ImportError:  # Windows has no rlimits; the deadline enforced from outside still holds
    resource = None  # type: ignore[assignment]

MB = 1024 * 1024


def apply_limits(limits: dict[str, Any]) -> list[str]:
    """Apply the limits in ``limits``; return the names of those the OS refused or lacks."""
    if resource is None:
        return sorted(limits)
    wanted = {
        "RLIMIT_CPU": limits.get("cpu_seconds"),
        "RLIMIT_AS": _megabytes(limits.get("memory_mb")),
        "RLIMIT_FSIZE": _megabytes(limits.get("file_mb")),
        "RLIMIT_NOFILE": limits.get("open_files"),
        "RLIMIT_NPROC": limits.get("tasks"),
        "RLIMIT_CORE": 0,
    }
    skipped = []
    for name, value in wanted.items():
        if value is None:
            continue
        if not _set_limit(name, int(value)):
            skipped.append(name)
    return skipped


def _megabytes(value: Any) -> int | None:
    return None if value is None else int(value) * MB


def _set_limit(name: str, value: int) -> bool:
    which = getattr(resource, name, None)
    if which is None:
        return False
    _, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    # The hard limit comes down too, so learner code cannot raise the soft one again. For
    # RLIMIT_CPU the soft limit sends SIGXCPU and the hard one, a second later, SIGKILL.
    new_hard = value + 1 if name == "RLIMIT_CPU" else value
    if hard != resource.RLIM_INFINITY:
        new_hard = min(new_hard, hard)
    try:
        resource.setrlimit(which, (value, new_hard))
    except (ValueError, OSError):
        return False
    return True
