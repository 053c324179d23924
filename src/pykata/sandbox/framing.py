"""Length-prefixed JSON messages over a socket: the private channel of a sandbox.

A message is a JSON object; values inside it are trees made by ``codec.to_tree``. Reads take an
absolute deadline so that the trusted side never waits on a sandbox longer than the kata allows.
"""

from __future__ import annotations

import json
import socket
import struct
import time
from typing import Any

HEADER = struct.Struct(">I")
MAX_MESSAGE = 32 * 1024 * 1024

__all__ = ["ChannelClosed", "ChannelError", "ChannelTimeout", "receive_message", "send_message"]


class ChannelClosed(EOFError):
    """The other side closed the channel, usually because its process ended."""


class ChannelTimeout(TimeoutError):
    """No complete message arrived before the deadline."""


class ChannelError(ValueError):
    """A message was too large or not a JSON object."""


def send_message(sock: socket.socket, message: dict[str, Any]) -> None:
    """Send one message; raise ChannelError if it is larger than MAX_MESSAGE."""
    payload = json.dumps(message, separators=(",", ":")).encode("utf-8")
    if len(payload) > MAX_MESSAGE:
        raise ChannelError(f"a message of {len(payload)} bytes exceeds {MAX_MESSAGE} bytes")
    sock.sendall(HEADER.pack(len(payload)) + payload)


def receive_message(sock: socket.socket, deadline: float | None = None) -> dict[str, Any]:
    """Receive one message, waiting at most until ``deadline`` (a ``time.monotonic`` value)."""
    (size,) = HEADER.unpack(_read_exact(sock, HEADER.size, deadline))
    if size > MAX_MESSAGE:
        raise ChannelError(f"a message of {size} bytes exceeds {MAX_MESSAGE} bytes")
    payload = _read_exact(sock, size, deadline)
    try:
        message = json.loads(payload)
    except (ValueError, RecursionError) as error:
        raise ChannelError(f"a message is not valid JSON: {error}") from None
    if type(message) is not dict:
        raise ChannelError("a message is not a JSON object")
    return message


def _read_exact(sock: socket.socket, size: int, deadline: float | None) -> bytes:
    chunks: list[bytes] = []
    missing = size
    while missing:
        if deadline is None:
            sock.settimeout(None)
        else:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ChannelTimeout("the deadline passed")
            sock.settimeout(remaining)
        try:
            chunk = sock.recv(min(missing, 1 << 20))
        except TimeoutError:
            raise ChannelTimeout("the deadline passed") from None
        except ConnectionError:
            raise ChannelClosed("the channel was reset") from None
        if not chunk:
            raise ChannelClosed("the channel was closed")
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)
