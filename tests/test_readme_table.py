"""Tests for pykata.readme_table: the catalog table is generated and checked for drift."""

from __future__ import annotations

import pytest

from pykata.catalog import Catalog, load_catalog
from pykata.readme_table import BEGIN, END, ReadmeError, catalog_table, refresh_readme


def test_the_table_groups_katas_by_topic_with_stars_and_questions(catalog: Catalog) -> None:
    table = catalog_table(catalog)
    assert table.startswith("### Sample\n\n| Kata | Difficulty | Interview questions |")
    assert (
        "| [Echo](katas/sample/echo/README.md) | ★☆☆☆☆ | Can you return what you were given? |"
        in table
    )


def test_a_stale_table_is_detected_then_rewritten(catalog: Catalog) -> None:
    readme = catalog.root / "README.md"
    readme.write_text(f"# Title\n\n{BEGIN}\nold\n{END}\n\nMore text.\n")
    assert refresh_readme(catalog, readme, write=False)
    assert "old" in readme.read_text()
    assert refresh_readme(catalog, readme, write=True)
    assert not refresh_readme(catalog, readme, write=False)
    text = readme.read_text()
    assert text.startswith("# Title\n")
    assert text.endswith("More text.\n")
    assert "[Adder]" in text


def test_a_readme_without_markers_is_an_error(catalog: Catalog) -> None:
    readme = catalog.root / "README.md"
    readme.write_text("# Title\n")
    with pytest.raises(ReadmeError, match="markers"):
        refresh_readme(catalog, readme, write=True)


def test_questions_are_escaped_so_dunders_do_not_turn_bold(catalog: Catalog) -> None:
    toml = catalog.root / "katas/sample/echo/kata.toml"
    question = "Why __enter__ | *this* can you return"
    toml.write_text(toml.read_text().replace("Can you return", question))
    table = catalog_table(load_catalog(catalog.root))
    assert "Why \\_\\_enter\\_\\_ \\| \\*this\\* can you return" in table
