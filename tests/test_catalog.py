"""Tests for pykata.catalog: discovery, curriculum order and consistency."""

from __future__ import annotations

from pathlib import Path

import pytest

from pykata.catalog import Catalog, find_root, load_catalog, topic_title
from pykata.kata import CatalogError


def test_katas_come_in_topic_order_then_by_their_order(catalog: Catalog) -> None:
    assert ["sample/echo", "sample/adder"] == [k.id for k in catalog.katas]
    assert ("sample",) == catalog.topics


def test_a_kata_can_be_looked_up_by_id(catalog: Catalog) -> None:
    kata = catalog.get("sample/adder")
    assert kata is not None
    assert "adder.py" == kata.module
    assert catalog.get("sample/nothing") is None
    assert 2 == len(catalog.in_topic("sample"))


def test_the_root_is_found_from_a_folder_inside_it(catalog_root: Path) -> None:
    assert catalog_root == find_root(catalog_root / "katas" / "sample")


def test_outside_a_clone_the_error_says_where_to_run(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="Run pykata from the root"):
        find_root(tmp_path)


def test_a_topic_missing_from_topics_toml_is_an_error(catalog_root: Path) -> None:
    (catalog_root / "katas" / "topics.toml").write_text('topics = ["other"]\n')
    with pytest.raises(CatalogError, match="'sample' is not in"):
        load_catalog(catalog_root)


@pytest.mark.parametrize("text", ['topics = "sample"\n', 'topics = ["a", "a"]\n', "x = 1\n", "="])
def test_a_malformed_topics_file_is_an_error(catalog_root: Path, text: str) -> None:
    (catalog_root / "katas" / "topics.toml").write_text(text)
    with pytest.raises(CatalogError, match="topics"):
        load_catalog(catalog_root)


def test_two_katas_sharing_a_module_name_is_an_error(catalog_root: Path) -> None:
    toml = catalog_root / "katas/sample/adder/kata.toml"
    toml.write_text(toml.read_text().replace("adder.py", "echo.py"))
    with pytest.raises(CatalogError, match=r"echo\.py is already used by sample/"):
        load_catalog(catalog_root)


def test_topic_titles_read_as_headings() -> None:
    assert "Context managers" == topic_title("context-managers")
