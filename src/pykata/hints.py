"""The hint ladder: each kata's hints are shown one at a time, the gentlest first.

Which hints a learner has seen cannot be worked out from anything else, so it is kept in
``.pykata/hints-seen.json`` at the root of the clone: ``{"kata id": [1, 2]}``. A missing or
unreadable file simply means no hint was seen yet; nothing else depends on it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .kata import Kata

SEEN_FILE = Path(".pykata") / "hints-seen.json"

__all__ = ["SEEN_FILE", "Hint", "choose_hint", "mark_seen", "seen_hints"]


@dataclass(frozen=True)
class Hint:
    """One hint of a kata, numbered from 1, and whether it is the kata's last."""

    kata_id: str
    number: int
    count: int
    text: str

    @property
    def is_last(self) -> bool:
        return self.number == self.count


def seen_hints(root: Path, kata_id: str) -> set[int]:
    """The hint numbers of ``kata_id`` the learner has already been shown."""
    numbers = _load(root).get(kata_id, [])
    return {n for n in numbers if type(n) is int}


def choose_hint(kata: Kata, seen: set[int], wanted: int | None = None) -> Hint:
    """The hint to show: ``wanted`` if given, else the first one not seen yet, else the last.

    ``wanted`` is the hint a failing test names; a learner who has seen it is moved on to the
    next unseen one after it, so asking again always tells something new while there is more.
    """
    count = len(kata.hints)
    if wanted is not None and wanted not in seen:
        number = wanted
    else:
        start = wanted or 1
        later = [n for n in range(start, count + 1) if n not in seen]
        earlier = [n for n in range(1, start) if n not in seen]
        number = (later or earlier or [count])[0]
    return Hint(kata.id, number, count, kata.hints[number - 1])


def mark_seen(root: Path, kata_id: str, number: int) -> None:
    """Remember that hint ``number`` of ``kata_id`` was shown; failing to save is not fatal."""
    data = _load(root)
    numbers = sorted(seen_hints(root, kata_id) | {number})
    data[kata_id] = numbers
    path = root / SEEN_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only clone still shows hints; it only cannot remember them


def _load(root: Path) -> dict[str, list[int]]:
    try:
        data = json.loads((root / SEEN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, list)}
