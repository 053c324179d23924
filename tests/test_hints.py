"""Tests for pykata.hints: the ladder of hints and what the learner has seen of it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pykata.catalog import Catalog
from pykata.hints import SEEN_FILE, choose_hint, mark_seen, seen_hints
from pykata.kata import Kata


@pytest.fixture
def kata(catalog: Catalog) -> Kata:
    echo = catalog.get("sample/echo")
    assert echo is not None
    return dataclasses.replace(echo, hints=("first", "second", "third"))


@pytest.mark.parametrize(
    ("seen", "wanted", "expected"),
    [
        (set(), None, 1),
        ({1}, None, 2),
        ({1, 3}, None, 2),
        ({1, 2, 3}, None, 3),
        (set(), 2, 2),
        ({2}, 2, 3),
        ({2, 3}, 2, 1),
        ({1, 2, 3}, 2, 3),
    ],
)
def test_the_next_hint_is_the_wanted_one_then_the_first_unseen_after_it(
    kata: Kata, seen: set[int], wanted: int | None, expected: int
) -> None:
    hint = choose_hint(kata, seen, wanted)
    assert expected == hint.number
    assert kata.hints[expected - 1] == hint.text
    assert (expected == 3) == hint.is_last


def test_seen_hints_are_remembered_per_kata(kata: Kata, tmp_path: Path) -> None:
    mark_seen(tmp_path, kata.id, 2)
    mark_seen(tmp_path, kata.id, 1)
    mark_seen(tmp_path, "other/kata", 3)
    assert {1, 2} == seen_hints(tmp_path, kata.id)
    assert {3} == seen_hints(tmp_path, "other/kata")


@pytest.mark.parametrize(
    "content", ["{", "[1, 2]", '{"sample/echo": "1"}', '{"sample/echo": ["x"]}']
)
def test_an_unreadable_record_means_nothing_was_seen(tmp_path: Path, content: str) -> None:
    (tmp_path / SEEN_FILE).parent.mkdir()
    (tmp_path / SEEN_FILE).write_text(content, encoding="utf-8")
    assert set() == seen_hints(tmp_path, "sample/echo")
    mark_seen(tmp_path, "sample/echo", 1)
    assert {1} == seen_hints(tmp_path, "sample/echo")


def test_a_read_only_clone_still_shows_hints_without_remembering(tmp_path: Path) -> None:
    (tmp_path / SEEN_FILE.parent).write_text("a file where the folder should be")
    mark_seen(tmp_path, "sample/echo", 1)
    assert set() == seen_hints(tmp_path, "sample/echo")
