"""How many processes and threads a user runs: what the sandbox's process limit must leave room for.

RLIMIT_NPROC counts every task of the user, not just the sandbox's, so the limit is set to what
the user already runs plus the kata's allowance.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["count_user_tasks"]


def count_user_tasks() -> int | None:
    """Count this user's processes and threads (what RLIMIT_NPROC limits), on Linux only.

    Returns None where the count is unknown or the limit would not apply (root ignores it).
    """
    if not Path("/proc/self/status").exists() or os.geteuid() == 0:
        return None
    wanted = str(os.getuid())
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("Uid", "").split()[:1] == [wanted]:
            total += int(fields.get("Threads", "1").strip() or 1)
    return total
