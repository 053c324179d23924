# Mistake: the close marker wakes only the first waiting receive(); a second one waits forever
"""A publish/subscribe hub for asyncio clients, like a websocket server. Read README.md first."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Collection, Hashable
from typing import Any

_POLICIES = ("drop_oldest", "disconnect")


class ConnectionClosed(Exception):
    """Raised by ``Connection.receive()`` once the client is disconnected and its outbox empty."""


class _Closed:
    """The marker put in an outbox to wake a receive() that is waiting when the client leaves."""


_CLOSED = _Closed()


class Connection:
    """One connected client: an outbox of messages waiting to be received, and a heartbeat."""

    def __init__(self, hub: Hub, client_id: Hashable) -> None:
        """Create the connection of ``client_id``; ``Hub.connect`` does this."""
        self.client_id = client_id
        self._hub = hub
        self._outbox: asyncio.Queue[Any] = asyncio.Queue(hub._maxsize)
        self._closed = False
        self._last_ping = hub._clock()
        self._sent = 0
        self._dropped = 0

    @property
    def closed(self) -> bool:
        """True once the hub has disconnected this client."""
        return self._closed

    async def receive(self) -> Any:
        """Return the next message, waiting for one if the outbox is empty.

        After a disconnect, the messages still in the outbox are returned first; then, and from
        then on, it raises ConnectionClosed. A receive() already waiting when the client is
        disconnected wakes up and raises ConnectionClosed.
        """
        if self._closed and self._outbox.empty():
            raise ConnectionClosed(f"client {self.client_id!r} is disconnected")
        message = await self._outbox.get()
        if message is _CLOSED:
            raise ConnectionClosed(f"client {self.client_id!r} is disconnected")
        return message

    def ping(self) -> None:
        """Record a heartbeat: the client counts as alive as of the hub's clock now."""
        self._last_ping = self._hub._clock()

    def _offer(self, message: Any) -> bool:
        """Queue ``message`` without waiting; return False if the outbox is full."""
        try:
            self._outbox.put_nowait(message)
        except asyncio.QueueFull:
            return False
        self._sent += 1
        return True

    def _close(self) -> None:
        self._closed = True
        # A receive() can only be waiting on an empty outbox, so there is room for the marker.
        # When the outbox is full, nobody is waiting, and receive() checks the flag instead.
        if not self._outbox.full():
            self._outbox.put_nowait(_CLOSED)


class Hub:
    """Connected clients, broadcasting to all of them without ever waiting for a slow one."""

    def __init__(
        self,
        *,
        maxsize: int,
        policy: str = "drop_oldest",
        heartbeat_timeout: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Set up an empty hub.

        ``maxsize`` is the size of every client's outbox (at least 1). ``policy`` says what
        happens to a client whose outbox is full: "drop_oldest" discards its oldest message to
        make room, "disconnect" disconnects it. ``clock`` is read for heartbeats and sweeps.
        Raises ValueError for a maxsize below 1 or an unknown policy.
        """
        if maxsize < 1:
            raise ValueError(f"maxsize must be at least 1, got {maxsize!r}")
        if policy not in _POLICIES:
            raise ValueError(f"policy must be one of {_POLICIES}, got {policy!r}")
        self._maxsize = maxsize
        self._policy = policy
        self._timeout = heartbeat_timeout
        self._clock = clock
        self._clients: dict[Hashable, Connection] = {}

    def connect(self, client_id: Hashable) -> Connection:
        """Connect a new client and return its Connection; its heartbeat starts now.

        Raises ValueError if a client with this id is already connected.
        """
        if client_id in self._clients:
            raise ValueError(f"client {client_id!r} is already connected")
        connection = Connection(self, client_id)
        self._clients[client_id] = connection
        return connection

    def disconnect(self, client_id: Hashable) -> None:
        """Disconnect a client; its pending receive() raises ConnectionClosed once drained.

        Disconnecting a client that is not connected does nothing.
        """
        connection = self._clients.pop(client_id, None)
        if connection is not None:
            connection._close()

    async def broadcast(self, message: Any, *, exclude: Collection[Hashable] | None = None) -> None:
        """Put ``message`` in the outbox of every connected client not in ``exclude``.

        Never waits for a client: a full outbox is handled by the hub's policy on the spot.
        """
        excluded = frozenset(exclude or ())
        # Iterate over a copy: the "disconnect" policy removes clients during the loop, and
        # changing a dict while iterating over it raises RuntimeError.
        for client_id, connection in list(self._clients.items()):
            if client_id in excluded or connection._offer(message):
                continue
            if self._policy == "disconnect":
                connection._dropped += 1
                self.disconnect(client_id)
            else:
                # Make room by discarding the oldest message. No await between the two calls,
                # so no other task can slip in and fill the slot again.
                connection._outbox.get_nowait()
                connection._dropped += 1
                connection._offer(message)

    def sweep(self) -> list[Hashable]:
        """Disconnect every client whose last ping is more than heartbeat_timeout ago.

        Returns the ids of the clients it disconnected, in the order they connected.
        """
        now = self._clock()
        stale = [
            client_id
            for client_id, connection in self._clients.items()
            if now - connection._last_ping > self._timeout
        ]
        for client_id in stale:
            self.disconnect(client_id)
        return stale

    def stats(self) -> dict[Hashable, dict[str, int]]:
        """``{client_id: {"sent": n, "dropped": n}}`` for every connected client.

        "sent" counts the messages put in the client's outbox, "dropped" those discarded or
        refused because it was full.
        """
        return {
            client_id: {"sent": connection._sent, "dropped": connection._dropped}
            for client_id, connection in self._clients.items()
        }
