"""Tests for pykata.sandbox.framing: whole messages, deadlines, and refusal of bad input."""

from __future__ import annotations

import socket
import struct
import time
from collections.abc import Iterator

import pytest

from pykata.sandbox.framing import (
    MAX_MESSAGE,
    ChannelClosed,
    ChannelError,
    ChannelTimeout,
    receive_message,
    send_message,
)


@pytest.fixture
def pair() -> Iterator[tuple[socket.socket, socket.socket]]:
    left, right = socket.socketpair()
    yield left, right
    left.close()
    right.close()


def test_a_message_arrives_whole(pair: tuple[socket.socket, socket.socket]) -> None:
    left, right = pair
    send_message(left, {"id": 1, "value": [1, "two"]})
    assert {"id": 1, "value": [1, "two"]} == receive_message(right, time.monotonic() + 5)


def test_a_message_split_across_writes_is_reassembled(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    left, right = pair
    payload = b'{"a": 1}'
    left.sendall(struct.pack(">I", len(payload)) + payload[:3])
    left.sendall(payload[3:])
    assert {"a": 1} == receive_message(right)


def test_waiting_past_the_deadline_raises_channel_timeout(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    _, right = pair
    with pytest.raises(ChannelTimeout):
        receive_message(right, time.monotonic() + 0.01)


def test_a_deadline_already_passed_raises_channel_timeout(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    _, right = pair
    with pytest.raises(ChannelTimeout):
        receive_message(right, time.monotonic() - 1)


def test_a_closed_channel_raises_channel_closed(pair: tuple[socket.socket, socket.socket]) -> None:
    left, right = pair
    left.close()
    with pytest.raises(ChannelClosed):
        receive_message(right)


def test_an_announced_size_over_the_limit_is_refused(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    left, right = pair
    left.sendall(struct.pack(">I", MAX_MESSAGE + 1))
    with pytest.raises(ChannelError, match="exceeds"):
        receive_message(right)


@pytest.mark.parametrize("payload", [b"not json", b"[1, 2]", b"[" * 100_000])
def test_a_payload_that_is_not_a_json_object_is_refused(
    pair: tuple[socket.socket, socket.socket], payload: bytes
) -> None:
    left, right = pair
    left.sendall(struct.pack(">I", len(payload)) + payload)
    with pytest.raises(ChannelError):
        receive_message(right)


def test_sending_a_message_over_the_limit_is_refused(
    pair: tuple[socket.socket, socket.socket], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pykata.sandbox.framing.MAX_MESSAGE", 10)
    with pytest.raises(ChannelError):
        send_message(pair[0], {"text": "x" * 20})
