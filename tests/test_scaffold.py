"""Tests for pykata.scaffold: ``pykata new`` lays out a kata and never overwrites."""

from __future__ import annotations

import pytest

from pykata.catalog import Catalog, load_catalog
from pykata.kata import CatalogError
from pykata.scaffold import scaffold_kata
from pykata.structure import kata_problems


def test_a_new_kata_gets_its_three_folders_and_loads(catalog: Catalog) -> None:
    made = scaffold_kata(catalog, "sample/retry", "retry.py", "Retry")
    assert [
        "katas/sample/retry/README.md",
        "katas/sample/retry/kata.toml",
        "katas/sample/retry/retry.py",
        "graders/sample/retry/probes.py",
        "graders/sample/retry/test_retry.py",
        "solutions/sample/retry/retry.py",
        "solutions/sample/retry/mutants/retry_wrong_answer.py",
    ] == [p.relative_to(catalog.root).as_posix() for p in made]
    kata = load_catalog(catalog.root).get("sample/retry")
    assert kata is not None
    assert "Retry" == kata.title
    assert ["has 1 mutants, at least 3 are needed"] == kata_problems(kata)


@pytest.mark.parametrize(
    ("kata_id", "module", "problem"),
    [
        ("sample/echo", "other.py", "already exists"),
        ("nowhere/retry", "retry.py", "not in katas/topics.toml"),
        ("Sample/Retry", "retry.py", "kebab-case"),
        ("sample/retry", "Retry.txt", "not a module file name"),
        ("sample/retry", "echo.py", "already used by another kata"),
    ],
)
def test_bad_requests_are_refused_before_anything_is_written(
    catalog: Catalog, kata_id: str, module: str, problem: str
) -> None:
    with pytest.raises(CatalogError, match=problem):
        scaffold_kata(catalog, kata_id, module, "T")
    assert not (catalog.root / "katas/sample/retry").exists()
