"""The Hypothesis settings graders run under: derandomized, no deadline, no example database.

The profile must be loaded before any grader module is imported: a ``@settings(...)`` decorator
copies the defaults of the moment it runs. Hypothesis is imported only when a grader uses it,
so katas without it do not pay for the import.
"""

from __future__ import annotations

from pathlib import Path

PROFILE = "pykata"

__all__ = ["PROFILE", "load_profile_if_used"]


def load_profile_if_used(grader_files: list[Path]) -> bool:
    """Load the grading profile if any of ``grader_files`` mentions Hypothesis; say if it did."""
    if not any("hypothesis" in path.read_text(encoding="utf-8") for path in grader_files):
        return False
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        PROFILE,
        derandomize=True,
        deadline=None,
        database=None,
        print_blob=False,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    settings.load_profile(PROFILE)
    return True
