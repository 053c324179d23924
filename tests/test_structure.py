"""Tests for pykata.structure: authoring mistakes verify catches before grading does."""

from __future__ import annotations

import shutil

from pykata.catalog import Catalog, load_catalog
from pykata.structure import kata_problems, structure_problems


def test_the_fixture_catalog_is_well_formed(catalog: Catalog) -> None:
    assert [] == structure_problems(catalog)


def test_graders_or_solutions_without_a_kata_are_orphans(catalog: Catalog) -> None:
    (catalog.root / "graders/sample/ghost").mkdir()
    (catalog.root / "solutions/other/ghost").mkdir(parents=True)
    problems = structure_problems(catalog)
    assert "graders/sample/ghost has no kata: katas/sample/ghost/kata.toml is missing" in problems
    assert any(p.startswith("solutions/other/ghost has no kata") for p in problems)


def test_missing_files_are_listed(catalog: Catalog) -> None:
    (catalog.root / "solutions/sample/echo/echo.py").unlink()
    (catalog.root / "katas/sample/echo/README.md").unlink()
    kata = load_catalog(catalog.root).katas[0]
    assert ["missing katas/sample/echo/README.md, solutions/sample/echo/echo.py"] == kata_problems(
        kata
    )


def test_readme_mutant_stub_and_grader_problems_are_found(catalog: Catalog) -> None:
    root = catalog.root
    (root / "katas/sample/echo/README.md").write_text("# Echo\n\nNo links, no file name.\n")
    (root / "solutions/sample/echo/mutants/returns_none.py").write_text(
        "def echo(value):\n    return None\n"
    )
    (root / "solutions/sample/echo/mutants/stringifies.py").unlink()
    (root / "katas/sample/echo/echo.py").write_text(
        'def echo(value):\n    """Doc."""\n    return value\n'
    )
    (root / "graders/sample/echo/test_echo.py").write_text(
        "import numpy\n\n\ndef test_no_fixture():\n    assert 1\n\n\ndef test_bad_probe(kata):\n"
        "    assert kata.probe('nowhere', 1) == 1, 'message'\n"
    )
    (root / "graders/sample/echo/probes.py").write_text("import requests\nfrom os import path\n")
    problems = kata_problems(load_catalog(root).katas[0])
    assert [
        "README.md links to no page of https://docs.python.org/3/",
        "README.md never names the file to edit, `echo.py`",
        "has 2 mutants, at least 3 are needed",
        "mutants/returns_none.py: the first line must be a comment naming the mistake",
        "the stub's echo() should only raise NotImplementedError",
        "grader test_no_fixture does not take the `kata` fixture",
        "grader test_no_fixture, line 5: the assert has no message for the learner",
        "the graders call probe 'nowhere', which probes.py does not define",
        "probes.py imports requests, which the sandbox does not have",
    ] == problems


def test_a_stub_whose_api_drifted_is_reported(catalog: Catalog) -> None:
    stub = catalog.root / "katas/sample/adder/adder.py"
    stub.write_text(stub.read_text().replace("def add(a, b):", "def add(a, b, c=0):"))
    problems = kata_problems(catalog.katas[1])
    assert 1 == len(problems)
    assert problems[0].startswith("add differs")


def test_graders_without_probes_are_fine_when_they_only_call(catalog: Catalog) -> None:
    shutil.rmtree(catalog.root / "graders/sample/adder/__pycache__", ignore_errors=True)
    assert not (catalog.root / "graders/sample/adder/probes.py").exists()
    assert [] == kata_problems(catalog.katas[1])
