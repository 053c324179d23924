"""The static scan: constructs no kata needs are flagged, ordinary code is not."""

from __future__ import annotations

import pytest

from pykata.scan import FLAG_KINDS, scan_source


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("import gc\n", "gc"),
        ("from gc import get_objects\n", "gc"),
        ("import sys\nframe = sys._getframe(1)\n", "frames"),
        ("import inspect\nframes = inspect.stack()\n", "frames"),
        ("def f(frame):\n    return frame.f_back.f_locals\n", "frames"),
        ("import sys\nsys.settrace(None)\n", "frames"),
        ("import ctypes\n", "ctypes"),
        ("import builtins\nbuiltins.type = lambda x: int\n", "builtins"),
        ("__builtins__['len'] = lambda x: 3\n", "builtins"),
        ("import pytest\n", "engine"),
        ("from _pytest import outcomes\n", "engine"),
        ("import pykata_probes\n", "engine"),
        ("mod = __import__('pykata_sandbox')\n", "engine"),
        ("import os\ntoken = os.environ.get('GITHUB_TOKEN')\n", "ci-environment"),
        ("print('::error::all tests passed')\n", "ci-environment"),
    ],
)
def test_a_construct_no_kata_needs_is_flagged(source: str, kind: str) -> None:
    flags = scan_source(source)

    assert kind in {flag.kind for flag in flags}
    assert all(flag.kind in FLAG_KINDS for flag in flags)


def test_ordinary_code_is_not_flagged() -> None:
    source = (
        "import functools, threading, os, sys\n"
        "from collections import OrderedDict\n"
        "def repeat(times):\n"
        "    def decorate(f):\n"
        "        @functools.wraps(f)\n"
        "        def wrapper(*a, **k):\n"
        "            return [f(*a, **k) for _ in range(times)][-1]\n"
        "        return wrapper\n"
        "    return decorate\n"
        "HOST = '::1'\n"
        "print(sys.version_info, os.getcwd(), type(3), isinstance(1, int))\n"
    )

    assert [] == scan_source(source)


def test_a_kata_may_allow_a_kind_it_needs() -> None:
    source = "import gc\nimport ctypes\n"

    assert ["ctypes"] == [flag.kind for flag in scan_source(source, allow=("gc",))]


def test_a_flag_says_where_and_what_for_a_reviewer() -> None:
    (flag,) = scan_source("x = 1\nimport gc\n")

    assert "echo.py:2: imports gc (walks every object through the garbage collector)" == (
        flag.describe("echo.py")
    )


def test_a_file_that_does_not_parse_has_no_flags_and_many_flags_are_capped() -> None:
    assert [] == scan_source("def (:\n")
    assert 20 == len(
        scan_source("import gc\n" * 50 + "".join(f"import gc as g{i}\n" for i in range(50)))
    )
