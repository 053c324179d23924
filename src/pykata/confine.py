"""Confined sandboxes (Linux, run as root): a user of their own, no network, a private filesystem.

When the grader runs as root (a CI job, a container) and bubblewrap is installed, each kata's
sandbox starts inside ``bwrap`` with new PID, network, IPC and UTS namespaces, and a filesystem
that holds only the system's libraries, the Python installation, the sandbox runtime (read-only)
and the kata's own temp folder. ``setpriv`` then drops to an unprivileged user id of the
sandbox's own (one no account uses, picked at random) with no capabilities. So learner code
cannot read the graders, the other katas' folders or the trusted process's memory, cannot reach
the network, and the process limit applies (root ignores it). When the sandbox's first process
ends, the kernel ends every process left in its PID namespace.
"""

from __future__ import annotations

import functools
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["SANDBOX_UIDS", "confined_command", "confinement_problem", "fresh_uid", "give_to"]

# User ids no account uses. Each sandbox gets its own: the process limit counts per user, so
# sandboxes running side by side (verify's workers) cannot use up each other's allowance, and
# they cannot signal each other's processes.
SANDBOX_UIDS = range(1_000_000, 2_000_000)
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/localtime")


def fresh_uid() -> int:
    """A user id for one sandbox, from SANDBOX_UIDS."""
    return SANDBOX_UIDS.start + secrets.randbelow(len(SANDBOX_UIDS))


def confined_command(
    inner: list[str], kata_dir: Path, lib: Path, output: Path, uid: int
) -> list[str]:
    """``inner`` wrapped so that it runs confined, as ``uid``, in ``kata_dir``."""
    command = [
        "bwrap",
        *("--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts"),
        "--unshare-cgroup-try",
        "--die-with-parent",
        "--new-session",
        *("--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"),  # for setpriv, then dropped
    ]
    # Mounts apply in order: the fresh /tmp must come before binds of folders inside it.
    command += ["--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/dev/shm"]
    command += ["--perms", "1777", "--tmpfs", "/tmp"]
    for folder in SYSTEM_DIRS:
        command += _mount_system(folder)
    for file in SYSTEM_FILES:
        command += ["--ro-bind-try", file, file]
    binds = [*(("--ro-bind", d) for d in _python_dirs()), ("--ro-bind", str(lib))]
    binds += [("--bind", str(kata_dir)), ("--bind", str(output))]
    command += _traversable_parents([path for _, path in binds])
    for option, path in binds:
        command += [option, path, path]
    command += [
        *("--chdir", str(kata_dir)),
        "--",
        "setpriv",
        f"--reuid={uid}",
        f"--regid={uid}",
        "--clear-groups",
        "--inh-caps=-all",
        "--bounding-set=-all",
        "--no-new-privs",
        "--",
    ]
    return command + inner


def _traversable_parents(paths: list[str]) -> list[str]:
    """Create the folders above each bind as 0755: bwrap would copy their modes (``/root`` is
    0700), and the confined user must be able to pass through them."""
    parents: dict[str, None] = {}
    for path in paths:
        for above in reversed(Path(path).parents):
            if str(above) not in ("/", "/tmp") and not str(above).startswith(SYSTEM_DIRS):
                parents[str(above)] = None
    command: list[str] = []
    for folder in parents:
        command += ["--perms", "0755", "--dir", folder]
    return command


def _mount_system(folder: str) -> list[str]:
    """Mount a system folder read-only, or recreate it as the symlink it is (merged /usr)."""
    if os.path.islink(folder):
        return ["--symlink", os.readlink(folder), folder]
    return ["--ro-bind-try", folder, folder]


@functools.lru_cache(maxsize=1)
def _python_dirs() -> tuple[str, ...]:
    """The folders the interpreter needs: its installation and the venv it runs from."""
    found = {sys.base_prefix, sys.prefix, os.path.dirname(os.path.realpath(sys.executable))}
    found = {p for p in found if not p.startswith(SYSTEM_DIRS)}
    # Bind the outermost folders only: a nested bind would be hidden by its parent's.
    return tuple(sorted(p for p in found if not any(p.startswith(q + os.sep) for q in found)))


def give_to(uid: int, *paths: Path) -> None:
    """Let the confined user write its kata folder and output file (and nothing else)."""
    for path in paths:
        os.chown(path, uid, uid)
        if path.is_dir():
            for child in path.rglob("*"):
                os.chown(child, uid, uid, follow_symlinks=False)


@functools.lru_cache(maxsize=1)
def confinement_problem() -> str | None:
    """Why confined sandboxes cannot run here, or None when they can (checked once per run)."""
    if not sys.platform.startswith("linux"):
        return "confined sandboxes need Linux"
    if os.geteuid() != 0:
        return "confined sandboxes need root, to switch the sandbox to another user"
    for tool in ("bwrap", "setpriv"):
        if shutil.which(tool) is None:
            return f"confined sandboxes need `{tool}` (Debian/Ubuntu: apt install bubblewrap)"
    probe = confined_command(["/bin/true"], Path("/"), Path("/"), Path("/dev/null"), fresh_uid())
    try:
        done = subprocess.run(probe, capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bwrap could not start: {error}"
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip()
        return f"bwrap could not start: {message}"
    return None
