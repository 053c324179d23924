"""Tests for pykata.api_shape: a stub must offer exactly the solution's public API."""

from __future__ import annotations

from pykata.api_shape import api_differences, public_api

SOLUTION = """
import os
LIMIT: int = 3
_private = 1

def repeat(times: int = 2, *, collect: bool = False) -> object:
    return _helper()

def _helper():
    pass

class Cache(dict, metaclass=type):
    size = 0
    def get(self, key, default=None): ...
    def __len__(self) -> int: ...
    def _walk(self): ...
    @staticmethod
    def make(): ...
    class Node: ...

async def fetch(url: str) -> bytes: ...
"""


def test_public_names_signatures_and_members_are_described() -> None:
    api = public_api(SOLUTION)
    assert {
        "LIMIT": "LIMIT = ...",
        "repeat": "def repeat(times: int=2, *, collect: bool=False) -> object",
        "Cache": "class Cache(dict, metaclass=type)",
        "Cache.size": "size = ...",
        "Cache.get": "def get(self, key, default=None)",
        "Cache.__len__": "def __len__(self) -> int",
        "Cache.make": "@staticmethod def make()",
        "Cache.Node": "class Node()",
        "fetch": "async def fetch(url: str) -> bytes",
    } == api


def test_matching_apis_have_no_differences() -> None:
    assert [] == api_differences(SOLUTION, SOLUTION)


def test_every_kind_of_drift_is_reported() -> None:
    stub = SOLUTION.replace("collect: bool = False", "collect=False").replace(
        "async def fetch", "def _fetch"
    )
    stub += "\ndef extra(): ...\n"
    problems = api_differences(stub, SOLUTION)
    assert "the stub lacks fetch: async def fetch(url: str) -> bytes" in problems
    assert "the stub has extra, the solution does not" in problems
    assert any(
        p.startswith("repeat differs: the stub has `def repeat(times: int=2, *, collect=False)")
        for p in problems
    )
