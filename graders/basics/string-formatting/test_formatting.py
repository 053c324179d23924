"""Graders for basics/string-formatting."""

from __future__ import annotations

import pytest

from pykata.grading import same


def did_raise(kind, value, name):
    """Whether an outcome is an exception of class ``name`` (or a subclass)."""
    return kind == "raised" and value.is_a(name)


FRUIT = [
    {"item": "apple", "price": 1234.5, "qty": 3},
    {"item": "kiwi", "price": 0.25, "qty": 12},
]


def shown(result):
    kind, value = result
    if kind == "raised":
        return f"it raised {value}"
    if isinstance(value, str):
        return "it returned:\n" + "\n".join(f"    |{line}|" for line in value.split("\n"))
    return f"it returned {value!r}"


def as_block(text):
    return "\n".join(f"    |{line}|" for line in text.split("\n"))


def check_table(kata, rows, columns, expected, why=""):
    result = kata.probe("table", rows, columns)
    assert same(("returned", expected), result), (
        f"format_table({rows!r}, {columns!r}) should return (each line shown between bars):\n"
        f"{as_block(expected)}\nbut {shown(result)}{why}"
    )


# ---------------------------------------------------------------------------------------------
# format_table


@pytest.mark.points(4)
def test_table_aligns_numbers_right_and_text_left(kata):
    columns = [("item", "<12"), ("price", ">10,.2f"), ("qty", "^6")]
    expected = "\n".join(
        [
            "    item     |   price    |  qty  ",
            "-------------+------------+-------",
            "apple        |   1,234.50 |   3   ",
            "kiwi         |       0.25 |   12  ",
        ]
    )
    check_table(kata, FRUIT, columns, expected)


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_column_width_comes_from_the_formatted_text(kata):
    columns = [("item", "<"), ("price", ",.2f"), ("qty", "d")]
    expected = "\n".join(
        [
            "item  |  price   | qty",
            "------+----------+----",
            "apple | 1,234.50 |   3",
            "kiwi  |     0.25 |  12",
        ]
    )
    check_table(
        kata,
        FRUIT,
        columns,
        expected,
        "\n(1234.5 formatted with ',.2f' is '1,234.50', 8 characters, while str(1234.5) has 6: "
        "measure the formatted text)",
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_headers_are_centred_as_the_format_spec_centres(kata):
    rows = [{"ab": "xxxxx", "odd": 1234567}]
    expected = "\n".join(
        [
            " ab   |   odd  ",
            "------+--------",
            "xxxxx | 1234567",
        ]
    )
    check_table(
        kata,
        rows,
        [("ab", ""), ("odd", "")],
        expected,
        "\n(centre headers with format(key, f'^{width}'), which puts an odd space on the right)",
    )


@pytest.mark.points(1)
@pytest.mark.hint(2)
def test_decimal_values_format_like_numbers(kata):
    result = kata.probe("table_of_decimals")
    expected = "\n".join(
        [
            "code |   amount   ",
            "-----+------------",
            "A1   | 1,234,567.9",
            "B22  |        -5.0",
        ]
    )
    assert same(("returned", expected), result), (
        "format_table with Decimal('1234567.891') and Decimal('-5') in an 'amount' column "
        f"formatted ',.1f' should return:\n{as_block(expected)}\nbut {shown(result)}"
    )


@pytest.mark.points(2)
def test_empty_rows_give_the_header_and_rule_only(kata):
    check_table(kata, [], [["item", "<12"], ["price", ">10,.2f"]], "item | price\n-----+------")


@pytest.mark.points(2)
def test_a_missing_column_key_raises_key_error_naming_it(kata):
    result = kata.probe("table", FRUIT, [["item", ""], ["colour", "<8"]])
    assert did_raise(*result, "KeyError"), (
        f"a column 'colour' that the rows do not have should raise KeyError, but {shown(result)}"
    )
    assert "colour" in result[1].message, (
        f"the KeyError should name the key 'colour', its message was {result[1].message!r}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_every_line_of_a_table_has_the_same_length(kata):
    rows = [{"n": n, "word": "x" * n} for n in (1, 10, 100, 1000)]
    kind, text = kata.probe("table", rows, [["n", ","], ["word", ">"]])
    assert kind == "returned", f"format_table raised {text}"
    lengths = sorted({len(line) for line in text.split("\n")})
    assert len(lengths) == 1, (
        f"every line of a table should be equally long, padding included, got lengths {lengths}"
    )


# ---------------------------------------------------------------------------------------------
# render


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("template", "values", "expected"),
    [
        ("{a} {b}", {"a": 1}, "1 {b}"),
        ("[{b:>5}] [{a:>5}]", {"a": 1}, "[{b:>5}] [    1]"),
        ("{missing!r:^9}-{a}", {"a": "A"}, "{missing!r:^9}-A"),
        ("{b.attr} {c[0]}", {}, "{b.attr} {c[0]}"),
    ],
)
@pytest.mark.hint(3)
def test_unknown_fields_are_left_exactly_as_written(kata, template, values, expected):
    result = kata.probe("rendered", template, values)
    hint = ""
    if result[0] == "raised" and result[1].is_a("KeyError"):
        hint = " (plain format_map raises KeyError on a missing name)"
    assert same(("returned", expected), result), (
        f"render({template!r}, {values!r}) should return {expected!r}, but {shown(result)}{hint}"
    )


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("template", "values", "expected"),
    [
        ("{a!r:>6}", {"a": "x"}, "   'x'"),
        ("{{x}} {{{a}}}", {"a": 1}, "{x} {1}"),
        ("{a!s}|{a!r}|{a!a}", {"a": "é"}, "é|'é'|'\\xe9'"),
        ("{n:08.3f}|{n:+.1e}|{k:#x}", {"n": 3.14159, "k": 255}, "0003.142|+3.1e+00|0xff"),
        ("{word:*^9}", {"word": "hi"}, "***hi****"),
        ("{x:>{width}}|", {"x": 7, "width": 4}, "   7|"),
        ("plain text", {}, "plain text"),
    ],
)
@pytest.mark.hint(3)
def test_known_fields_work_as_in_format_map(kata, template, values, expected):
    result = kata.probe("rendered", template, values)
    assert same(("returned", expected), result), (
        f"render({template!r}, {values!r}) should return {expected!r}, but {shown(result)}"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{user.name} {items[0]}", "Ada first"),
        ("{user.langs[1]!r} {prices[tea]:.2f} {other.x}", "'fr' 2.50 {other.x}"),
    ],
)
@pytest.mark.hint(3)
def test_attribute_and_index_fields_are_resolved(kata, template, expected):
    result = kata.probe("rendered_with_objects", template)
    values = (
        "{'user': SimpleNamespace(name='Ada', langs=['en', 'fr']), "
        "'items': ['first', 'second'], 'prices': {'tea': 2.5}}"
    )
    assert same(("returned", expected), result), (
        f"render({template!r}, {values}) should return {expected!r}, but {shown(result)}"
    )


@pytest.mark.points(1)
def test_render_accepts_any_mapping(kata):
    result = kata.probe("rendered_readonly", "{a}{n:>3}{z}")
    assert same(("returned", "A  3{z}"), result), (
        "render('{a}{n:>3}{z}', MappingProxyType({'a': 'A', 'n': 3})) should return 'A  3{z}', "
        f"but {shown(result)}"
    )


# ---------------------------------------------------------------------------------------------
# percent


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("fmt", "value", "expected"),
    [
        ("%s", (1, 2), "(1, 2)"),
        ("got %r", (), "got ()"),
        ("%s", ("only",), "('only',)"),
    ],
)
@pytest.mark.hint(4)
def test_percent_treats_a_tuple_as_one_value(kata, fmt, value, expected):
    result = kata.probe("formatted", fmt, value)
    assert same(("returned", expected), result), (
        f"percent({fmt!r}, {value!r}) should return {expected!r}, but {shown(result)}. "
        "With `%`, a tuple on the right is read as the list of arguments: wrap the value in a "
        "1-tuple of its own"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("fmt", "value", "expected"),
    [
        ("%d items", 3, "3 items"),
        ("%5.1f%%", 12.345, " 12.3%"),
        ("[%-6s]", "ab", "[ab    ]"),
        ("%r", "x", "'x'"),
        ("%s", [1, 2], "[1, 2]"),
        ("%s", {"a": 1}, "{'a': 1}"),
        ("%x", 255, "ff"),
    ],
)
@pytest.mark.hint(4)
def test_percent_formats_single_values(kata, fmt, value, expected):
    result = kata.probe("formatted", fmt, value)
    assert same(("returned", expected), result), (
        f"percent({fmt!r}, {value!r}) should return {expected!r}, but {shown(result)}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(4)
def test_percent_with_two_placeholders_raises_type_error(kata):
    result = kata.probe("formatted", "%s and %s", (1, 2))
    assert did_raise(*result, "TypeError"), (
        "percent('%s and %s', (1, 2)) passes one value, the tuple, to two placeholders, so it "
        f"should raise TypeError, but {shown(result)}"
    )
