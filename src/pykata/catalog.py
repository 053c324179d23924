"""The catalog: every kata on disk, in curriculum order, with its topic.

Topics are listed in ``katas/topics.toml`` in the order a learner meets them; inside a topic,
katas follow their ``order`` and then their difficulty. Loading checks what grading relies on:
each kata.toml is valid, every topic folder is listed, and module names are unique.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .kata import CatalogError, Kata, load_kata, read_toml

TOPICS_FILE = Path("katas") / "topics.toml"

__all__ = ["Catalog", "find_root", "load_catalog", "topic_title"]


@dataclass(frozen=True)
class Catalog:
    """All katas of a repository, in curriculum order."""

    root: Path
    topics: tuple[str, ...]
    katas: tuple[Kata, ...]

    def get(self, kata_id: str) -> Kata | None:
        return next((kata for kata in self.katas if kata.id == kata_id), None)

    def in_topic(self, topic: str) -> list[Kata]:
        return [kata for kata in self.katas if kata.topic == topic]


def find_root(start: Path) -> Path:
    """Return the nearest folder at or above ``start`` that holds a pykata catalog."""
    for folder in (start, *start.parents):
        if (folder / TOPICS_FILE).is_file() and (folder / "graders").is_dir():
            return folder
    raise CatalogError(
        f"no pykata catalog here: neither {start} nor a folder above it has {TOPICS_FILE} "
        "and graders/. Run pykata from the root of your pykata clone."
    )


def load_catalog(root: Path) -> Catalog:
    """Load every kata below ``root``; raise CatalogError on the first inconsistency."""
    topics = _load_topics(root)
    katas = []
    for toml in sorted((root / "katas").glob("*/*/kata.toml")):
        kata_id = toml.parent.relative_to(root / "katas").as_posix()
        if kata_id.split("/")[0] not in topics:
            raise CatalogError(
                f"{toml}: the topic {kata_id.split('/')[0]!r} is not in {TOPICS_FILE}"
            )
        katas.append(load_kata(root, kata_id))
    _check_unique_modules(katas)
    rank = {topic: index for index, topic in enumerate(topics)}
    katas.sort(key=lambda k: (rank[k.topic], k.order, k.difficulty, k.id))
    return Catalog(root=root, topics=topics, katas=tuple(katas))


def _load_topics(root: Path) -> tuple[str, ...]:
    path = root / TOPICS_FILE
    data = read_toml(path)
    topics = data.get("topics")
    if set(data) != {"topics"} or not isinstance(topics, list):
        raise CatalogError(f'{path}: expected one key, topics = ["basics", ...]')
    if not all(isinstance(t, str) for t in topics) or len(set(topics)) != len(topics):
        raise CatalogError(f"{path}: topics must be distinct names")
    return tuple(topics)


def _check_unique_modules(katas: list[Kata]) -> None:
    owner: dict[str, str] = {}
    for kata in katas:
        if kata.module in owner:
            raise CatalogError(
                f"katas/{kata.id}/kata.toml: module {kata.module} is already used by "
                f"{owner[kata.module]}; module names must be unique across the catalog"
            )
        owner[kata.module] = kata.id


def topic_title(topic: str) -> str:
    """Turn a topic id into a heading: ``context-managers`` becomes ``Context managers``."""
    return topic.replace("-", " ").capitalize()
