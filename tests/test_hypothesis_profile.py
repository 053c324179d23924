"""Tests for pykata.hypothesis_profile: graders that use Hypothesis run derandomized."""

from __future__ import annotations

from pathlib import Path

from hypothesis import settings

from pykata.hypothesis_profile import PROFILE, load_profile_if_used


def test_the_profile_is_loaded_only_when_a_grader_uses_hypothesis(tmp_path: Path) -> None:
    plain = tmp_path / "test_plain.py"
    plain.write_text("def test_x(kata):\n    pass\n")
    using = tmp_path / "test_using.py"
    using.write_text("from hypothesis import given\n")
    try:
        assert not load_profile_if_used([plain])
        assert load_profile_if_used([plain, using])
        decorated = settings(max_examples=5)  # as a grader's @settings(...) would be
        assert decorated.derandomize
        assert decorated.deadline is None
        assert decorated.database is None
        assert settings.get_profile(PROFILE).derandomize
    finally:
        settings.load_profile("default")
