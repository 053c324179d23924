"""Tests for pykata.requires: the requires-python subset of version specifiers."""

from __future__ import annotations

import pytest

from pykata.requires import RequirementError, check_requirement, satisfies


@pytest.mark.parametrize(
    ("spec", "version", "expected"),
    [
        (">=3.10", (3, 10, 13), True),
        (">=3.11", (3, 10, 13), False),
        (">=3.11,<3.14", (3, 13, 0), True),
        (">=3.11,<3.14", (3, 14, 0), False),
        ("==3.12", (3, 12, 1), True),
        ("!=3.12", (3, 12, 1), False),
        (">3.12.0", (3, 12, 1), True),
        ("<=3.12", (3, 13, 0), False),
    ],
)
def test_a_version_satisfies_every_clause_or_not(
    spec: str, version: tuple[int, ...], expected: bool
) -> None:
    assert expected == satisfies(spec, version)


@pytest.mark.parametrize("spec", ["", "3.10", "~=3.10", ">=three", ">=3.10,", ">= 3.10.1.2"])
def test_anything_else_is_rejected_with_an_example(spec: str) -> None:
    with pytest.raises(RequirementError, match="such as"):
        check_requirement(spec)
