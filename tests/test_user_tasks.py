"""Counting a user's tasks, for the sandbox's process limit."""

from __future__ import annotations

import os
import sys

import pytest

from pykata.user_tasks import count_user_tasks

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="counts tasks through /proc"
)


def test_counting_this_users_tasks_is_skipped_for_root_and_positive_otherwise() -> None:
    count = count_user_tasks()
    assert (count is None) == (os.geteuid() == 0)
    assert count is None or count > 0
