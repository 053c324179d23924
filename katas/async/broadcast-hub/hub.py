"""A publish/subscribe hub for asyncio clients, like a websocket server. Read README.md first."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Hashable
from typing import Any


class ConnectionClosed(Exception):
    """Raised by ``Connection.receive()`` once the client is disconnected and its outbox empty."""


class Connection:
    """One connected client: an outbox of messages waiting to be received, and a heartbeat."""

    def __init__(self, hub: Hub, client_id: Hashable) -> None:
        """Create the connection of ``client_id``; ``Hub.connect`` does this."""
        raise NotImplementedError("write Connection.__init__()")

    @property
    def closed(self) -> bool:
        """True once the hub has disconnected this client."""
        raise NotImplementedError("write Connection.closed")

    async def receive(self) -> Any:
        """Return the next message, waiting for one if the outbox is empty.

        After a disconnect, the messages still in the outbox are returned first; then, and from
        then on, it raises ConnectionClosed. A receive() already waiting when the client is
        disconnected wakes up and raises ConnectionClosed.
        """
        raise NotImplementedError("write Connection.receive()")

    def ping(self) -> None:
        """Record a heartbeat: the client counts as alive as of the hub's clock now."""
        raise NotImplementedError("write Connection.ping()")


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
        raise NotImplementedError("write Hub.__init__()")

    def connect(self, client_id: Hashable) -> Connection:
        """Connect a new client and return its Connection; its heartbeat starts now.

        Raises ValueError if a client with this id is already connected.
        """
        raise NotImplementedError("write Hub.connect()")

    def disconnect(self, client_id: Hashable) -> None:
        """Disconnect a client; its pending receive() raises ConnectionClosed once drained.

        Disconnecting a client that is not connected does nothing.
        """
        raise NotImplementedError("write Hub.disconnect()")

    async def broadcast(self, message: Any, *, exclude: Collection[Hashable] | None = None) -> None:
        """Put ``message`` in the outbox of every connected client not in ``exclude``.

        Never waits for a client: a full outbox is handled by the hub's policy on the spot.
        """
        raise NotImplementedError("write Hub.broadcast()")

    def sweep(self) -> list[Hashable]:
        """Disconnect every client whose last ping is more than heartbeat_timeout ago.

        Returns the ids of the clients it disconnected, in the order they connected.
        """
        raise NotImplementedError("write Hub.sweep()")

    def stats(self) -> dict[Hashable, dict[str, int]]:
        """``{client_id: {"sent": n, "dropped": n}}`` for every connected client.

        "sent" counts the messages put in the client's outbox, "dropped" those discarded or
        refused because it was full.
        """
        raise NotImplementedError("write Hub.stats()")
