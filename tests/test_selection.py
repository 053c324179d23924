"""Tests for pykata.selection: words on the command line name katas."""

from __future__ import annotations

import pytest

from pykata.catalog import Catalog
from pykata.selection import SelectionError, select_katas, select_one


def ids(catalog: Catalog, *words: str) -> list[str]:
    return [k.id for k in select_katas(catalog, list(words))]


def test_no_words_select_every_kata(catalog: Catalog) -> None:
    assert ["sample/echo", "sample/adder"] == ids(catalog)


def test_a_topic_selects_its_katas(catalog: Catalog) -> None:
    assert ["sample/echo", "sample/adder"] == ids(catalog, "sample/")


def test_an_id_or_a_slug_selects_one_kata_and_order_follows_the_curriculum(
    catalog: Catalog,
) -> None:
    assert ["sample/echo", "sample/adder"] == ids(catalog, "adder", "sample/echo", "echo")


def test_a_near_miss_suggests_the_right_name(catalog: Catalog) -> None:
    with pytest.raises(SelectionError, match="Did you mean sample/echo"):
        ids(catalog, "sample/eco")


def test_a_word_like_nothing_points_to_the_list(catalog: Catalog) -> None:
    with pytest.raises(SelectionError, match="pykata list"):
        ids(catalog, "zzzzzz")


def test_select_one_gives_the_kata_a_word_names(catalog: Catalog) -> None:
    assert "sample/echo" == select_one(catalog, "echo").id


def test_select_one_refuses_a_word_that_names_several_katas(catalog: Catalog) -> None:
    with pytest.raises(SelectionError, match="'sample' names 2 katas; give one kata id"):
        select_one(catalog, "sample")
