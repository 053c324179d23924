"""Tests for pykata.sandbox.serve: requests in, plain data out, whatever the module does."""

from __future__ import annotations

import socket
import sys
import threading
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pykata.sandbox.codec import Raised, from_tree, to_tree
from pykata.sandbox.framing import receive_message, send_message
from pykata.sandbox.serve import describe, handle, learner_file, serve

LEARNER = "/work/kata/echo.py"


def request(op: str, name: str, *args: object, **kwargs: object) -> dict[str, object]:
    return {"id": 7, "op": op, "name": name, "args": to_tree(list(args)), "kwargs": to_tree(kwargs)}


def module_with(**names: object) -> types.ModuleType:
    module = types.ModuleType("echo")
    module.__dict__.update(names)
    return module


def test_a_call_returns_the_encoded_value() -> None:
    reply = handle(
        request("call", "double", 21), module_with(double=lambda x: x * 2), module_with(), LEARNER
    )
    assert {"id": 7, "value": 42} == reply


def test_a_probe_gets_the_module_as_its_first_argument() -> None:
    probes = module_with(seen=lambda mod, key: mod.VALUES[key])
    reply = handle(
        request("probe", "seen", key="a"), module_with(VALUES={"a": (1,)}), probes, LEARNER
    )
    assert (1,) == from_tree(reply["value"])


def test_an_exception_comes_back_as_data() -> None:
    def fail() -> None:
        raise KeyError("missing")

    reply = handle(request("call", "fail"), module_with(fail=fail), module_with(), LEARNER)
    raised = from_tree(reply["raised"])
    assert isinstance(raised, Raised)
    assert raised.is_a("LookupError")
    assert "'missing'" == raised.message


@pytest.mark.parametrize("error", [SystemExit(3), KeyboardInterrupt(), GeneratorExit()])
def test_base_exceptions_come_back_as_data_too(error: BaseException) -> None:
    def fail() -> None:
        raise error

    reply = handle(request("call", "fail"), module_with(fail=fail), module_with(), LEARNER)
    assert from_tree(reply["raised"]).type == type(error).__name__


def test_a_missing_public_name_is_explained() -> None:
    module = module_with()
    reply = handle(request("call", "echo"), module, module_with(), LEARNER)
    assert "echo.py does not define `echo`" in from_tree(reply["raised"]).message


def test_an_unknown_probe_is_the_graders_fault_not_the_learners() -> None:
    reply = handle(request("probe", "nope"), module_with(), module_with(), LEARNER)
    assert "the graders have no probe named 'nope'" == reply["error"]


def test_a_malformed_request_is_answered_with_an_error() -> None:
    reply = handle({"id": 1, "op": "call"}, module_with(), module_with(), LEARNER)
    assert str(reply["error"]).startswith("malformed request")


def test_a_result_too_large_to_carry_is_reported() -> None:
    loop: list[object] = []
    loop.append(loop)
    reply = handle(request("call", "f"), module_with(f=lambda: loop), module_with(), LEARNER)
    assert str(reply["error"]).startswith("the result cannot be graded")


def test_a_result_that_breaks_while_being_read_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(value: object) -> object:
        raise RuntimeError("changed size during iteration")

    monkeypatch.setattr("pykata.sandbox.serve.to_tree", explode)
    reply = handle(request("call", "f"), module_with(f=lambda: {}), module_with(), LEARNER)
    assert str(reply["error"]).startswith("the result could not be read")


def test_describe_names_the_line_of_the_learners_file(tmp_path: Path) -> None:
    path = tmp_path / "echo.py"
    path.write_text("def boom():\n    raise ValueError('no')\n")
    code = compile(path.read_text(), str(path), "exec")
    namespace: dict[str, object] = {}
    exec(code, namespace)
    try:
        namespace["boom"]()  # type: ignore[operator]
    except ValueError as error:
        raised = describe(error, str(path))
    assert "echo.py:2" == raised.location


def test_describe_gives_the_line_of_a_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "echo.py"
    try:
        compile("def f(:\n", str(path), "exec")
    except SyntaxError as error:
        raised = describe(error, str(path))
    assert raised.location == "echo.py:1"
    assert raised.is_a("SyntaxError")


def test_describe_survives_an_exception_whose_str_raises() -> None:
    class Nasty(Exception):
        def __str__(self) -> str:
            raise RuntimeError

    assert "could not be read" in describe(Nasty(), LEARNER).message


def test_describe_cuts_very_long_messages() -> None:
    assert len(describe(ValueError("x" * 10_000), LEARNER).message) <= 2000


def test_describe_survives_an_exception_that_breaks_everything() -> None:
    class Meta(type):
        @property
        def __mro__(cls) -> tuple[type, ...]:  # type: ignore[override]
            raise RuntimeError

    class Weird(Exception, metaclass=Meta):
        pass

    assert describe(Weird(), LEARNER).type in ("Weird", "<unknown>")


def test_describe_explains_writing_past_the_file_size_limit() -> None:
    import errno

    error = OSError(errno.EFBIG, "File too large")
    assert "file size limit" in describe(error, LEARNER).message


@pytest.fixture
def kata_dir(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in ("served_echo", "pykata_probes"):
        sys.modules.pop(name, None)


@pytest.fixture
def run_server(kata_dir: Path) -> Iterator[object]:
    """Start serve() in a thread over a socket pair; close both ends afterwards."""
    sockets: list[socket.socket] = []

    def start(module: str) -> tuple[socket.socket, threading.Thread]:
        ours, theirs = socket.socketpair()
        sockets.extend([ours, theirs])
        path = str(kata_dir / f"{module}.py")
        thread = threading.Thread(target=serve, args=(theirs, module, path))
        thread.start()
        return ours, thread

    yield start
    for sock in sockets:
        sock.close()


def test_serve_answers_until_told_goodbye(kata_dir: Path, run_server: Any) -> None:
    (kata_dir / "served_echo.py").write_text("def echo(x):\n    print('hi')\n    return x\n")
    (kata_dir / "pykata_probes.py").write_text("def twice(mod, x):\n    return [mod.echo(x)] * 2\n")
    channel, thread = run_server("served_echo")
    assert receive_message(channel)["ready"] is True
    send_message(channel, request("probe", "twice", "a"))
    assert ["a", "a"] == from_tree(receive_message(channel)["value"])
    assert learner_file() == str(kata_dir / "served_echo.py")
    send_message(channel, {"op": "bye"})
    thread.join(5)
    assert not thread.is_alive()


def test_serve_works_without_probes_and_stops_when_the_channel_closes(
    kata_dir: Path, run_server: Any
) -> None:
    (kata_dir / "served_echo.py").write_text("def echo(x):\n    return x\n")
    channel, thread = run_server("served_echo")
    assert receive_message(channel)["ready"] is True
    channel.shutdown(socket.SHUT_RDWR)
    thread.join(5)
    assert not thread.is_alive()


@pytest.mark.parametrize(
    ("files", "phase"),
    [
        ({"served_echo.py": "import sys\nsys.exit(1)\n"}, "module"),
        (
            {"served_echo.py": "x = 1\n", "pykata_probes.py": "raise ImportError('broken')\n"},
            "probes",
        ),
    ],
)
def test_serve_reports_an_import_that_fails(
    kata_dir: Path, run_server: Any, files: dict[str, str], phase: str
) -> None:
    for name, text in files.items():
        (kata_dir / name).write_text(text)
    channel, thread = run_server("served_echo")
    message = receive_message(channel)
    thread.join(5)
    assert (False, phase) == (message["ready"], message["phase"])
