"""Graders for basics/exception-flow."""

from __future__ import annotations

import builtins
import warnings

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from pykata.grading import same

# ---------------------------------------------------------------------------------------------
# Scenarios: each stage described as data, and the same scenario as a real try statement


def scenario(body, handlers=(), orelse=None, final=None, final_returns=False):
    return {
        "body": body,
        "handlers": [list(h) for h in handlers],
        "orelse": orelse,
        "final": final,
        "final_returns": final_returns,
    }


def action_text(action, stage):
    if action[0] == "return":
        return f"return {action[1]!r}"
    if action[0] == "raise":
        return f"raise {action[1]}({stage!r})"
    return "raise"


def types_text(types):
    return (
        types if isinstance(types, str) else f"({', '.join(types)}{',' if len(types) == 1 else ''})"
    )


def as_try_statement(spec):
    """The scenario written as the try statement it emulates, for the code and the messages."""
    handlers, orelse, final = spec["handlers"], spec["orelse"], spec["final"]
    lines = []
    indent = "    " if handlers or final else ""
    if indent:
        lines.append("try:")
    lines.append(f"{indent}body()            # {action_text(spec['body'], 'body')}")
    if orelse and not handlers:
        lines.append(f"{indent}orelse()          # {action_text(orelse, 'else')}")
    for index, (types, action) in enumerate(handlers):
        lines.append(f"except {types_text(types)}:")
        lines.append(f"    handler{index}()        # {action_text(action, f'handler{index}')}")
    if orelse and handlers:
        lines.append("else:")
        lines.append(f"    orelse()          # {action_text(orelse, 'else')}")
    if final:
        lines.append("finally:")
        lines.append(f"    final()           # {action_text(final, 'finally')}")
        if spec["final_returns"]:
            lines.append("    return final's value")
    return "\n".join(lines)


def reference_source(spec):
    """Python source of a function running the scenario with a real try statement."""
    handlers, orelse, final = spec["handlers"], spec["orelse"], spec["final"]
    inner = "        " if handlers or final else "    "
    out = ["def scenario(body, handlers, orelse, final, log):"]
    if handlers or final:
        out.append("    try:")
    out += [f"{inner}log.append('body')", f"{inner}result = body()"]
    if orelse and not handlers:
        out += [f"{inner}log.append('else')", f"{inner}result = orelse()"]
    for index, (types, _) in enumerate(handlers):
        out += [
            f"    except {types_text(types)} as exc:",
            "        log.append('handler:' + type(exc).__name__)",
            f"        result = handlers[{index}](exc)",
        ]
    if orelse and handlers:
        out += ["    else:", "        log.append('else')", "        result = orelse()"]
    if final:
        out += ["    finally:", "        log.append('finally')", "        value = final()"]
        if spec["final_returns"]:
            out.append("        return value")
    out.append("    return result")
    return "\n".join(out)


def stage(action, name):
    kind = action[0]

    def act(*_):
        if kind == "return":
            return action[1]
        if kind == "raise":
            raise getattr(builtins, action[1])(name)
        raise

    return act


def chain(error):
    out = []
    while error is not None and len(out) < 6:
        out.append([type(error).__name__, str(error)])
        error = error.__context__
    return out


def expected_outcome(spec):
    """Run the scenario through a real try statement, here in the trusted process."""
    namespace = {}
    with warnings.catch_warnings():
        # 3.14 warns about `return` in `finally` (PEP 765); emulating it is the point here.
        warnings.simplefilter("ignore", SyntaxWarning)
        code = compile(reference_source(spec), "<reference>", "exec")
    exec(code, namespace)  # the grader's own generated code, never the learner's
    log = []
    handlers = [stage(action, f"handler{i}") for i, (_, action) in enumerate(spec["handlers"])]
    orelse = stage(spec["orelse"], "else") if spec["orelse"] else None
    final = stage(spec["final"], "finally") if spec["final"] else None
    try:
        value = namespace["scenario"](stage(spec["body"], "body"), handlers, orelse, final, log)
    except BaseException as error:  # KeyboardInterrupt too: it is part of the scenario
        return {"log": log, "raised": chain(error)}
    return {"log": log, "returned": value}


def outcome_text(outcome):
    if "returned" in outcome:
        text = f"returned {outcome['returned']!r}"
    else:
        first, *context = outcome["raised"]
        text = f"raised {first[0]}({first[1]!r})"
        if context:
            text += " with __context__ " + " <- ".join(f"{t}({m!r})" for t, m in context)
    return f"{text}, log {outcome['log']}"


def mismatch(spec, seen):
    """None if the learner's outcome matches the real try statement's; else an explanation."""
    expected = expected_outcome(spec)
    if same(expected, seen):
        return None
    call = "run_try(...)" if not spec["final_returns"] else "run_try(..., final_returns=True)"
    return (
        f"{call} should behave like this try statement:\n\n{as_try_statement(spec)}\n\n"
        f"which {outcome_text(expected)};\nbut run_try {outcome_text(seen)}"
    )


def check(kata, spec):
    [seen] = kata.probe("scenarios", [spec])
    problem = mismatch(spec, seen)
    assert problem is None, problem
    return seen


# ---------------------------------------------------------------------------------------------
# The order of the stages


@pytest.mark.points(3)
@pytest.mark.hint(3)
def test_success_runs_body_else_finally(kata):
    seen = check(
        kata, scenario(["return", 1], [["ValueError", ["return", 2]]], ["return", 3], ["return", 4])
    )
    assert seen["returned"] == 3, "after a successful body, run_try returns what orelse returned"


@pytest.mark.points(1)
def test_without_orelse_the_body_value_is_returned(kata):
    check(kata, scenario(["return", 7], [["ValueError", ["return", 2]]], None, ["return", 4]))
    check(kata, scenario(["return", 8]))


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_a_handled_error_runs_body_handler_finally(kata):
    check(
        kata,
        scenario(
            ["raise", "ValueError"], [["ValueError", ["return", 2]]], ["return", 3], ["return", 4]
        ),
    )


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_handler_types_may_be_a_class_or_a_tuple(kata):
    check(
        kata, scenario(["raise", "IndexError"], [[["KeyError", "IndexError"], ["return", "tuple"]]])
    )
    check(kata, scenario(["raise", "KeyError"], [["LookupError", ["return", "class"]]]))


@pytest.mark.points(1)
def test_works_without_a_log(kata):
    spec = scenario(["raise", "ValueError"], [["ValueError", ["return", 2]]], None, ["return", 4])
    [seen] = kata.probe("scenarios", [spec], with_log=False)
    assert same({"log": None, "returned": 2}, seen), (
        f"with no log given, run_try should still work and return 2; it {outcome_text(seen)}"
    )


@pytest.mark.points(1)
def test_the_handler_receives_the_exception_object(kata):
    seen = kata.probe("handler_sees_the_exception")
    assert seen["seen"] == [True], (
        "the matching handler should be called once with the exception object itself; "
        f"it was called {len(seen['seen'])} times"
        + (" with another object" if seen["seen"] == [False] else "")
    )
    assert seen["result"] == "handled", (
        f"run_try should return the handler's value, got {seen['result']!r}"
    )


# ---------------------------------------------------------------------------------------------
# Which handler


@pytest.mark.points(3)
@pytest.mark.hint(1)
def test_the_first_matching_handler_wins(kata):
    check(
        kata,
        scenario(
            ["raise", "KeyError"],
            [
                ["ValueError", ["return", "value"]],
                ["LookupError", ["return", "lookup"]],
                ["KeyError", ["return", "key"]],
            ],
        ),
    )


@pytest.mark.points(2)
@pytest.mark.hint(3)
def test_an_exception_from_orelse_skips_the_handlers(kata):
    check(
        kata,
        scenario(
            ["return", 1],
            [["ValueError", ["return", "handled"]]],
            ["raise", "ValueError"],
            ["return", 4],
        ),
    )


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_an_unmatched_exception_propagates_unchanged(kata):
    check(
        kata, scenario(["raise", "TypeError"], [["ValueError", ["return", 2]]], None, ["return", 4])
    )
    seen = kata.probe("unmatched_is_unchanged")
    assert seen["type"] == "LookupError", (
        f"a LookupError that no handler matches should propagate; the caller saw {seen['type']}"
    )
    assert seen["same_object"], "the unmatched exception should propagate as the very same object"
    assert seen["body_frame_kept"], (
        "the unmatched exception lost its traceback: it should still show the line in the body "
        "that raised it. Re-raise with a bare `raise`"
    )


@pytest.mark.points(2)
@pytest.mark.hint(1)
def test_keyboard_interrupt_is_not_an_exception(kata):
    """KeyboardInterrupt is not caught by an Exception handler, and final still runs."""
    check(
        kata,
        scenario(
            ["raise", "KeyboardInterrupt"],
            [["Exception", ["return", "caught"]]],
            None,
            ["return", 4],
        ),
    )
    check(
        kata,
        scenario(
            ["raise", "KeyboardInterrupt"],
            [["BaseException", ["return", "caught"]]],
            None,
            ["return", 4],
        ),
    )


# ---------------------------------------------------------------------------------------------
# Exceptions raised while handling


@pytest.mark.points(3)
@pytest.mark.hint(2)
def test_an_exception_from_a_handler_has_the_handled_one_as_context(kata):
    seen = kata.probe("handler_raises", bare=False)
    assert seen["type"] == "RuntimeError", (
        f"a handler raising RuntimeError should make run_try raise RuntimeError, not {seen['type']}"
    )
    assert seen["context_is_original"], (
        "the handler's RuntimeError should have the ValueError it was handling as __context__ "
        f"(got {seen['context']}). Call the handler inside the `except` block, while the "
        "exception is still being handled"
    )


@pytest.mark.points(2)
@pytest.mark.hint(2)
def test_a_bare_raise_in_a_handler_re_raises_the_handled_exception(kata):
    seen = kata.probe("handler_raises", bare=True)
    assert (seen["type"], seen.get("is_original")) == ("ValueError", True), (
        "a handler that does a bare `raise` should re-raise the body's ValueError itself; "
        f"run_try raised {seen['type']}: {seen.get('message')!r}. A bare raise only works while "
        "the exception is being handled, so call the handler inside the `except` block"
    )


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_an_exception_from_final_replaces_the_one_in_flight(kata):
    seen = kata.probe("final_raises", body_raises=True)
    assert seen["type"] == "OSError", (
        f"when final raises OSError while the body's ValueError is in flight, run_try should "
        f"raise the OSError, not {seen['type']}"
    )
    assert seen["context_is_original"], (
        "the OSError from final should have the in-flight ValueError as __context__ "
        f"(got {seen['context']}): run final while that exception is still propagating"
    )
    seen = kata.probe("final_raises", body_raises=False)
    assert (seen["type"], seen["context"]) == ("OSError", None), (
        "when the body succeeded and final raises OSError, run_try should raise it with no "
        f"__context__; it raised {seen['type']} with context {seen['context']}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(4)
def test_final_returns_discards_the_exception_in_flight(kata):
    check(
        kata,
        scenario(
            ["raise", "TypeError"], [["ValueError", ["return", 2]]], None, ["return", "final"], True
        ),
    )
    check(
        kata,
        scenario(
            ["raise", "ValueError"],
            [["ValueError", ["raise", "KeyError"]]],
            None,
            ["return", "final"],
            True,
        ),
    )
    check(kata, scenario(["return", 1], [], ["return", 2], ["return", "final"], True))


@pytest.mark.points(1)
def test_final_returns_without_final_raises_value_error(kata):
    seen = kata.probe("scenarios", [scenario(["return", 1], [], None, None, True)])[0]
    assert seen.get("raised", [[None]])[0][0] == "ValueError", (
        "run_try(body, [], final_returns=True) has no final to return from, so it should raise "
        f"ValueError before running anything; it {outcome_text(seen)}"
    )
    assert seen["log"] == [], f"nothing should run, but the log is {seen['log']}"


# ---------------------------------------------------------------------------------------------
# Against the real thing

EXCEPTIONS = [
    "ValueError",
    "KeyError",
    "IndexError",
    "TypeError",
    "ZeroDivisionError",
    "KeyboardInterrupt",
]
CATCHABLE = [
    "Exception",
    "BaseException",
    "LookupError",
    "KeyError",
    "ValueError",
    "ArithmeticError",
    "TypeError",
]


class Choices:
    """Turns one big integer into a sequence of choices; small integers give simple scenarios."""

    def __init__(self, number):
        self.number = number

    def take(self, count):
        self.number, choice = divmod(self.number, count)
        return choice


def decode(number):
    """The scenario numbered ``number``: which stages exist, and what each one does."""
    pick = Choices(number).take

    def action(options):
        kind = ("raise", "return", "reraise")[pick(options)]
        if kind == "raise":
            return ["raise", EXCEPTIONS[pick(len(EXCEPTIONS))]]
        return ["return", pick(100)] if kind == "return" else ["reraise"]

    body = action(2)
    handlers = []
    for _ in range(pick(4)):
        if pick(2):
            types = [CATCHABLE[pick(len(CATCHABLE))] for _ in range(pick(3) + 1)]
        else:
            types = CATCHABLE[pick(len(CATCHABLE))]
        handlers.append([types, action(3)])
    orelse = action(2) if pick(3) else None
    final = action(2) if pick(3) else None
    return scenario(body, handlers, orelse, final, bool(pick(2)) if final else False)


@pytest.mark.points(4)
@settings(max_examples=30, phases=(Phase.explicit, Phase.generate))
@given(numbers=st.lists(st.integers(0, 2**80), min_size=1, max_size=12))
def test_behaves_like_a_real_try_statement(kata, numbers):
    """Behaves like a real try statement in generated scenarios."""
    specs = [decode(number) for number in numbers]
    results = kata.probe("scenarios", specs)
    for spec, seen in zip(specs, results, strict=True):
        problem = mismatch(spec, seen)
        assert problem is None, problem
