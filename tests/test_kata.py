"""Tests for pykata.kata: kata.toml is read strictly, and errors name the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from pykata.kata import CatalogError, SandboxSettings, load_kata

VALID = """
title = "Echo"
module = "echo.py"
difficulty = 2
questions = ["Why?"]
hints = ["Look."]
"""


def write(root: Path, text: str, kata_id: str = "sample/echo") -> Path:
    folder = root / "katas" / kata_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kata.toml").write_text(text)
    return root


def test_defaults_fill_the_optional_keys(tmp_path: Path) -> None:
    kata = load_kata(write(tmp_path, VALID), "sample/echo")
    assert (20, 0, 10.0, ">=3.10") == (kata.points, kata.order, kata.timeout, kata.requires_python)
    assert SandboxSettings() == kata.sandbox
    assert ("sample", "echo", "echo") == (kata.topic, kata.slug, kata.module_name)


def test_every_key_is_read(tmp_path: Path) -> None:
    text = VALID + (
        'points = 35\norder = 4\nconcepts = ["a"]\ntimeout = 2.5\nrequires-python = ">=3.11"\n'
        'allow = ["gc"]\n[sandbox]\nprocesses = 4\nmemory_mb = 256\nsubprocess = true\n'
    )
    kata = load_kata(write(tmp_path, text), "sample/echo")
    assert (35, 4, ("a",), 2.5, ">=3.11") == (
        kata.points,
        kata.order,
        kata.concepts,
        kata.timeout,
        kata.requires_python,
    )
    assert SandboxSettings(processes=4, memory_mb=256, subprocess=True) == kata.sandbox
    assert ("gc",) == kata.allow


def test_only_known_scan_flags_can_be_allowed(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="allow: unknown flag 'everything'"):
        load_kata(write(tmp_path, VALID + 'allow = ["everything"]\n'), "sample/echo")


def test_the_kata_knows_where_its_folders_and_files_are(tmp_path: Path) -> None:
    kata = load_kata(write(tmp_path, VALID), "sample/echo")
    assert tmp_path / "katas/sample/echo/echo.py" == kata.stub
    assert tmp_path / "solutions/sample/echo/echo.py" == kata.solution
    assert tmp_path / "graders/sample/echo" == kata.graders_dir
    assert [] == kata.mutants()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ('colour = "red"\n', "colour: unknown key"),
        ("difficulty = 6\n", "difficulty: expected a whole number from 1 to 5"),
        ("difficulty = true\n", "difficulty: expected a whole number"),
        ('module = "Echo.txt"\n', "module: expected a file name"),
        ('title = ""\n', "title: expected non-empty text"),
        ("hints = []\n", "hints: expected at least 1"),
        ("questions = [1]\n", "questions: expected a list of non-empty strings"),
        ("timeout = 0\n", "timeout: expected seconds"),
        ('requires-python = "3.10"\n', "requires-python: '3.10' is not a version requirement"),
        ("sandbox = 3\n", "sandbox: expected a table"),
        ("[sandbox]\nthreads = 3\n", "sandbox.threads: unknown key"),
        ("[sandbox]\nprocesses = -1\n", "sandbox.processes: expected a whole number"),
        ('[sandbox]\nsubprocess = "yes"\n', "sandbox.subprocess: expected true or false"),
    ],
)
def test_an_invalid_value_is_reported_with_file_and_key(
    tmp_path: Path, change: str, message: str
) -> None:
    keys = {line.split(" = ")[0] for line in change.splitlines() if " = " in line}
    kept = "\n".join(line for line in VALID.splitlines() if line.split(" = ")[0] not in keys)
    with pytest.raises(CatalogError) as caught:
        load_kata(write(tmp_path, kept + "\n" + change), "sample/echo")
    assert message in str(caught.value)
    assert "kata.toml" in str(caught.value)


def test_a_missing_required_key_is_named(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="title: this key is required"):
        load_kata(write(tmp_path, VALID.replace('title = "Echo"', "")), "sample/echo")


def test_a_file_that_is_not_toml_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="cannot read it"):
        load_kata(write(tmp_path, "title = "), "sample/echo")


def test_an_id_that_is_not_kebab_case_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="kebab-case"):
        load_kata(write(tmp_path, VALID, "Sample/Echo_1"), "Sample/Echo_1")
