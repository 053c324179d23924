"""The probe server: imports the learner's module and runs probes and calls on request.

It trusts nothing it imports. Whatever the learner's code does, the server only carries requests
in and plain data out: return values through the codec, exceptions as ``Raised`` descriptions.
The process that decides the score judges that data.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import importlib.util
import os
import socket
import sys
from types import ModuleType, SimpleNamespace, TracebackType
from typing import Any

from .codec import CodecError, Raised, from_tree, safe_repr, to_tree, type_name
from .framing import ChannelClosed, receive_message, send_message

PROBES_MODULE = "pykata_probes"
MESSAGE_LIMIT = 2000

_learner_file = ""


def learner_file() -> str:
    """The path of the learner's module being served, for describing exceptions."""
    return _learner_file


__all__ = ["PROBES_MODULE", "describe", "learner_file", "serve"]


def serve(sock: socket.socket, module_name: str, learner_file: str) -> None:
    """Import the learner's module and the probes, then answer requests until the channel closes."""
    global _learner_file
    _learner_file = learner_file
    try:
        probes = _import_probes()
    except BaseException as error:
        send_message(sock, _not_ready("probes", error, learner_file))
        return
    try:
        module = importlib.import_module(module_name)
    except BaseException as error:  # a failed import is the learner's, whatever it raised
        send_message(sock, _not_ready("module", error, learner_file))
        return
    send_message(sock, {"ready": True, "python": sys.version.split()[0]})
    while True:
        try:
            request = receive_message(sock)
        except (ChannelClosed, OSError):
            return
        if request.get("op") == "bye":
            return
        reply = handle(request, module, probes, learner_file)
        _flush_output()
        try:
            send_message(sock, reply)
        except OSError:  # the trusted side has gone: nobody is left to answer
            return


def _import_probes() -> SimpleNamespace:
    """The kata's probes, taken before the learner's module is imported: replacing a function in
    the probes module later does not change what runs. A kata that only uses ``kata.call``
    needs no probes."""
    if importlib.util.find_spec(PROBES_MODULE) is None:
        return SimpleNamespace()
    module = importlib.import_module(PROBES_MODULE)
    return SimpleNamespace(**{k: v for k, v in vars(module).items() if not k.startswith("__")})


def _not_ready(phase: str, error: BaseException, learner_file: str) -> dict[str, Any]:
    return {"ready": False, "phase": phase, "raised": to_tree(describe(error, learner_file))}


def handle(
    request: dict[str, Any], module: ModuleType, probes: object, learner_file: str
) -> dict[str, Any]:
    """Run one probe or call and describe its outcome as a reply message."""
    request_id = request.get("id")
    try:
        op, name = request["op"], request["name"]
        args, kwargs = from_tree(request["args"]), from_tree(request["kwargs"])
    except (KeyError, CodecError) as error:
        return {"id": request_id, "error": f"malformed request: {error}"}
    if op == "probe" and not callable(getattr(probes, name, None)):
        return {"id": request_id, "error": f"the graders have no probe named {name!r}"}
    try:
        if op == "probe":
            result = getattr(probes, name)(module, *args, **kwargs)
        else:
            result = getattr(module, name)(*args, **kwargs)
    except BaseException as error:  # SystemExit and KeyboardInterrupt are learner outcomes too
        return {"id": request_id, "raised": to_tree(describe(error, learner_file, module))}
    try:
        return {"id": request_id, "value": to_tree(result)}
    except CodecError as error:
        return {"id": request_id, "error": f"the result cannot be graded: {error}"}
    except BaseException as error:  # e.g. a dict changed size while a thread was still writing
        return {"id": request_id, "error": f"the result could not be read: {safe_repr(error)}"}


def describe(error: BaseException, learner_file: str, module: ModuleType | None = None) -> Raised:
    """Describe an exception as data, naming the line of the learner's file it came from."""
    try:
        return _describe(error, learner_file, module)
    except BaseException:  # an exception hostile enough to break its own description
        return Raised("<unknown>", ("<unknown>",), "an exception that could not be described")


def _describe(error: BaseException, learner_file: str, module: ModuleType | None) -> Raised:
    kind = type(error)
    names = tuple(_short_name(cls) for cls in kind.__mro__)
    base = os.path.basename(learner_file)
    if isinstance(error, SyntaxError) and error.filename == learner_file:
        message = error.msg if isinstance(error.msg, str) else _text_of(error)
        return Raised(names[0], names, message, f"{base}:{error.lineno}")
    if isinstance(error, AttributeError) and module is not None and _is_missing_name(error, module):
        message = f"{base} does not define `{error.name}`: did you rename or delete it?"
    elif isinstance(error, OSError) and error.errno == errno.EFBIG:
        message = "it wrote more than the sandbox's file size limit (printed output counts too)"
    else:
        message = _text_of(error)
    return Raised(names[0], names, message, _location(error.__traceback__, learner_file))


def _is_missing_name(error: AttributeError, module: ModuleType) -> bool:
    return getattr(error, "obj", None) is module and isinstance(getattr(error, "name", None), str)


def _short_name(cls: type) -> str:
    name = type_name(cls)
    return name.rsplit(".", 1)[-1]


def _text_of(error: BaseException) -> str:
    try:
        text = str(error)
    except BaseException:
        return "(the exception's message could not be read)"
    if not isinstance(text, str):
        return "(the exception's message is not text)"
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 3] + "..."


def _location(tb: TracebackType | None, learner_file: str) -> str:
    """Return ``file:line`` of the innermost traceback entry in the learner's file."""
    found = ""
    depth = 0
    while tb is not None and depth < 10_000:
        code = tb.tb_frame.f_code
        if code.co_filename == learner_file:
            found = f"{os.path.basename(learner_file)}:{tb.tb_lineno}"
        tb = tb.tb_next
        depth += 1
    return found


def _flush_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BaseException):  # learner code may have replaced the stream
            stream.flush()
