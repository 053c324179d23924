"""Graders for basics/pep8-naming."""

from __future__ import annotations

import keyword

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from pykata.grading import same

# ---------------------------------------------------------------------------------------------
# Conversions

SNAKE = [
    ("HTTPServerError", "http_server_error"),
    ("getHTTP2Response", "get_http2_response"),
    ("", ""),
    ("A", "a"),
    ("ABC", "abc"),
    ("already_snake", "already_snake"),
    ("Version2Beta", "version2_beta"),
    ("__init__", "__init__"),
    ("camelCase", "camel_case"),
    ("XMLHttpRequest", "xml_http_request"),
    ("getX", "get_x"),
    ("mp3Player", "mp3_player"),
    ("MAX_SIZE", "max_size"),
    ("_privateName", "_private_name"),
    ("__mangledName", "__mangled_name"),
    ("class_", "class_"),
    ("__MyDunder__", "__MyDunder__"),
]

PASCAL = [
    ("http_server_error", "HttpServerError"),
    ("get_http2_response", "GetHttp2Response"),
    ("", ""),
    ("a", "A"),
    ("my_class", "MyClass"),
    ("already", "Already"),
    ("HTTPServerError", "HttpServerError"),
    ("getHTTP2Response", "GetHttp2Response"),
    ("MAX_SIZE", "MaxSize"),
    ("version2_beta", "Version2Beta"),
    ("_private_thing", "_PrivateThing"),
    ("__init__", "__init__"),
]


def check_conversions(kata, function, table, why=""):
    names = [name for name, _ in table]
    seen = kata.probe("convert", function, names)
    for (name, expected), (kind, got) in zip(table, seen, strict=True):
        assert kind == "returned", f"{function}({name!r}) raised {got}"
        assert same(expected, got), (
            f"{function}({name!r}) should return {expected!r}, got {got!r}{why}"
        )


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_to_snake_case_keeps_acronyms_together(kata):
    check_conversions(
        kata,
        "to_snake_case",
        SNAKE[:2] + SNAKE[8:11],
        ": a run of capitals is one word, and its last capital starts the next word when a "
        "lowercase letter follows",
    )


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_to_snake_case_conversion_table(kata):
    check_conversions(kata, "to_snake_case", SNAKE)


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_to_snake_case_keeps_edge_underscores_and_dunders(kata):
    """to_snake_case keeps leading and trailing underscores, and dunder names"""
    check_conversions(
        kata,
        "to_snake_case",
        [pair for pair in SNAKE if pair[0].startswith("_") or pair[0].endswith("_")],
        ": leading and trailing underscores carry meaning (private, name-mangled, keyword "
        "clash, dunder) and must stay as they are",
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_to_pascal_case_conversion_table(kata):
    check_conversions(kata, "to_pascal_case", PASCAL)


# Pieces that identifiers are made of: plain words, capitalized words, acronyms, digits.
WORDS = ["get", "set", "x", "io", "data", "Http", "Server", "Error", "Id", "A", "X", "Beta2"]
WORDS += ["HTTP", "URL", "ABC", "IO", "XML", "HTTP2", "mp3", "v2", "utf8", "Version2"]
identifiers = st.builds(
    lambda prefix, words, joiner: prefix + joiner.join(words),
    st.sampled_from(["", "_", "__"]),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
    st.sampled_from(["", "_"]),
).filter(lambda name: not keyword.iskeyword(name))


@pytest.mark.points(2)
@settings(max_examples=15, phases=(Phase.explicit, Phase.generate))
@given(st.lists(identifiers, min_size=1, max_size=40))
def test_to_snake_case_is_idempotent(kata, names):
    """converting twice gives the same result as converting once"""
    seen = kata.probe("twice", names)
    for name, (once, again) in zip(names, seen, strict=True):
        assert same(once, again), (
            f"to_snake_case({name!r}) gave {once!r}, and converting that again gave {again!r}: "
            "a snake_case name should come back unchanged"
        )
        assert once == once.lower(), (
            f"to_snake_case({name!r}) gave {once!r}, which still has capital letters"
        )


SNAKE_WORDS = ["get", "http", "http2", "server", "error", "ab", "version2", "mp3", "utf8", "io"]
SNAKE_WORDS += ["x2y", "data", "id", "response", "v2beta"]
snake_names = st.lists(st.sampled_from(SNAKE_WORDS), min_size=1, max_size=4)


@pytest.mark.points(1)
@settings(max_examples=10, phases=(Phase.explicit, Phase.generate))
@given(st.lists(snake_names.map("_".join), min_size=1, max_size=40))
@pytest.mark.hint(2)
def test_pascal_case_converts_back_to_the_same_snake_case(kata, names):
    """to_snake_case(to_pascal_case(name)) gives the name back for snake_case words"""
    seen = kata.probe("round_trip", names)
    for name, back in zip(names, seen, strict=True):
        assert same(name, back), (
            f"to_snake_case(to_pascal_case({name!r})) should give {name!r} back, got {back!r}"
        )


# ---------------------------------------------------------------------------------------------
# check_names

BASIC = """\
MAX_SIZE = 10
from helpers import camelCase, makeThing as built


class my_class:
    LIMIT = 3
    def __eq__(self, other):
        return camelCase(other) == built

    def fooBar(self, someArg, *, kw_only=1):
        myVar = someArg + MAX_SIZE
        return myVar


def _helper(cls, value):
    print(camelCase)
    return value
"""

BASIC_FOUND = [
    (5, 0, "my_class", "class"),
    (10, 4, "fooBar", "function"),
    (10, 21, "someArg", "argument"),
    (11, 8, "myVar", "variable"),
]

SHAPES = """\
async def fetchData(urlList, *extraArgs, **moreOptions):
    a, (b, otherVar) = 1, (2, 3)
    total: int = 0
    annotatedOnly: str
    countX = 0
    countX += 1
    for loopItem in urlList:
        pass
    squares = [valueX * 2 for valueX in urlList]
    return lambda innerArg: innerArg


class GoodName:
    async def okMethod(self):
        pass


badModule = 1
GOOD_CONSTANT = 2
"""

SHAPES_FOUND = [
    (1, 0, "fetchData", "function"),
    (1, 20, "urlList", "argument"),
    (1, 30, "extraArgs", "argument"),
    (1, 43, "moreOptions", "argument"),
    (2, 11, "otherVar", "variable"),
    (4, 4, "annotatedOnly", "variable"),
    (5, 4, "countX", "variable"),
    (6, 4, "countX", "variable"),
    (7, 8, "loopItem", "variable"),
    (9, 30, "valueX", "variable"),
    (10, 18, "innerArg", "argument"),
    (14, 4, "okMethod", "function"),
    (18, 0, "badModule", "variable"),
]


def found(kata, source):
    seen = kata.probe("violations", source)
    assert seen["type"] == "list", f"check_names should return a list, got a {seen['type']}"
    return seen["items"]


def explain(expected, got):
    missing = [item for item in expected if item not in got]
    extra = [item for item in got if item not in expected]
    parts = []
    if missing:
        parts.append(f"nothing for {missing}")
    if extra:
        parts.append(f"unexpected {extra}")
    if not parts:
        parts.append("the right violations in the wrong order (sort them by line, then col)")
    return "; ".join(parts)


@pytest.mark.points(4)
@pytest.mark.hint(3)
def test_check_names_flags_functions_classes_arguments_and_locals(kata):
    got = found(kata, BASIC)
    expected = [tuple(item) for item in BASIC_FOUND]
    assert same(expected, got), (
        "for the fixture with `class my_class`, `def fooBar(self, someArg, ...)` and "
        f"`myVar = ...`, check_names gave {explain(expected, got)}. Expected {expected}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_check_names_accepts_dunders_private_names_constants_and_self(kata):
    """check_names accepts dunders, private names, module constants, self and cls"""
    got = found(kata, BASIC)
    names = {item[2] for item in got}
    for fine in ("__eq__", "_helper", "MAX_SIZE", "LIMIT", "self", "cls", "kw_only", "value"):
        assert fine not in names, f"{fine!r} follows PEP 8, but check_names reported it: {got}"


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_names_that_are_only_read_or_imported_are_not_reported(kata):
    got = found(kata, BASIC)
    for name in ("camelCase", "makeThing", "built"):
        assert name not in {item[2] for item in got}, (
            f"{name!r} is only imported or read in this file, so it was named elsewhere; "
            f"check_names reported it: {got}. Only names that are bound (Store) count"
        )


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_async_functions_annotations_augmented_and_unpacking_targets(kata):
    """async functions, annotated and augmented assignments, unpacking targets, lambdas"""
    got = found(kata, SHAPES)
    expected = [tuple(item) for item in SHAPES_FOUND]
    assert same(expected, got), (
        f"for the fixture with `async def fetchData(...)`, check_names gave "
        f"{explain(expected, got)}. Expected {expected}"
    )


POSITIONS = """\
def outer():
    x = 1
    badOne = 2; badTwo = 3

    def sortItems(items, key=lambda itemX: itemX, *, reverseOrder=False):
        return sorted(items, key=key, reverse=reverseOrder)

    return sortItems


class lower:
    pass
"""

POSITIONS_FOUND = [
    (3, 4, "badOne", "variable"),
    (3, 16, "badTwo", "variable"),
    (5, 4, "sortItems", "function"),
    (5, 36, "itemX", "argument"),
    (5, 53, "reverseOrder", "argument"),
    (11, 0, "lower", "class"),
]


@pytest.mark.points(2)
@pytest.mark.hint(4)
def test_positions_match_the_ast_and_results_are_sorted(kata):
    got = found(kata, POSITIONS)
    expected = [tuple(item) for item in POSITIONS_FOUND]
    assert same(expected, got), (
        f"check_names gave {explain(expected, got)}. Line numbers start at 1 and columns at 0, "
        "as ast reports them (node.lineno, node.col_offset), and the list is sorted by position "
        "(a default such as `key=lambda itemX: ...` is visited after the keyword-only "
        f"arguments). Expected {expected}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_with_targets_and_the_walrus_bind_names_too(kata):
    """`with ... as` targets and `:=` bind names too"""
    source = (
        "def read(path):\n"
        "    with open(path) as fileIn:\n"
        "        if (lineOne := fileIn.readline()):\n"
        "            return lineOne\n"
    )
    got = found(kata, source)
    expected = [(2, 23, "fileIn", "variable"), (3, 12, "lineOne", "variable")]
    assert same(expected, got), f"check_names gave {explain(expected, got)}. Expected {expected}"


@pytest.mark.points(1)
def test_clean_code_gives_an_empty_list_of_violation_tuples(kata):
    assert found(kata, "import os\n\n\ndef main(argv=None):\n    return os.getcwd()\n") == [], (
        "clean code should give an empty list"
    )
    seen = kata.probe("violations", "def badName(): pass\n")
    assert seen["fields"] == [("line", "col", "name", "rule")], (
        "check_names should return Violation named tuples (line, col, name, rule), got items "
        f"with fields {seen['fields']}"
    )
