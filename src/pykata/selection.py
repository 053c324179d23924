"""Select katas from the command line's words: a kata id, a topic, a slug, or nothing for all."""

from __future__ import annotations

import difflib

from .catalog import Catalog
from .kata import Kata

__all__ = ["SelectionError", "select_katas", "select_one"]


class SelectionError(ValueError):
    """A word names no kata or topic; the message suggests what was probably meant."""


def select_katas(catalog: Catalog, words: list[str]) -> list[Kata]:
    """Return the katas named by ``words`` in curriculum order, each once; all if none given."""
    if not words:
        return list(catalog.katas)
    chosen: set[str] = set()
    for word in words:
        chosen.update(kata.id for kata in _match(catalog, word.strip("/")))
    return [kata for kata in catalog.katas if kata.id in chosen]


def select_one(catalog: Catalog, word: str) -> Kata:
    """Return the one kata ``word`` names; a topic or an unknown word is a SelectionError."""
    found = select_katas(catalog, [word])
    if len(found) != 1:
        raise SelectionError(f"{word!r} names {len(found)} katas; give one kata id")
    return found[0]


def _match(catalog: Catalog, word: str) -> list[Kata]:
    if word in catalog.topics:
        return catalog.in_topic(word)
    by_id = [kata for kata in catalog.katas if word in (kata.id, kata.slug)]
    if by_id:
        return by_id
    names = [kata.id for kata in catalog.katas] + list(catalog.topics)
    guesses = difflib.get_close_matches(word, names, n=3)
    hint = (
        f" Did you mean {' or '.join(guesses)}?" if guesses else " Run `pykata list` to see them."
    )
    raise SelectionError(f"no kata or topic is called {word!r}.{hint}")
