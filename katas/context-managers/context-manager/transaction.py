"""All-or-nothing changes to a dict with a context manager. Read README.md in this folder first."""

from __future__ import annotations

from types import TracebackType
from typing import Any


class Rollback(Exception):
    """Raise inside a transaction to undo it quietly: the with statement swallows it."""


class Transaction:
    """A single-use context manager that applies changes to ``store`` all at once, or not at all.

    ``__enter__`` snapshots the store and returns a ``Handle`` over a working copy. A clean exit
    commits the working copy to the store (the same dict object, changed in place); an exception
    restores the snapshot and propagates, except ``Rollback``, which is swallowed.
    """

    def __init__(self, store: dict) -> None:
        """Remember the store; nothing is copied until the with block is entered."""
        raise NotImplementedError("write Transaction.__init__()")

    def __enter__(self) -> Handle:
        """Snapshot the store and return a handle over a fresh working copy.

        Raises RuntimeError if this Transaction has been entered before.
        """
        raise NotImplementedError("write Transaction.__enter__()")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        """Commit on a clean exit, otherwise restore the snapshot.

        Returns True only for ``Rollback`` (and its subclasses), which tells the with statement
        to swallow it; every other exception, KeyboardInterrupt and SystemExit included,
        propagates unchanged. If the commit itself fails, the store is restored and the store's
        error propagates.
        """
        raise NotImplementedError("write Transaction.__exit__()")


class Handle:
    """What ``with Transaction(store) as handle`` gives: a view of the working copy.

    It reads and writes like a dict but only while its with block is running; afterwards every
    operation raises RuntimeError.
    """

    def __init__(self, transaction: Transaction) -> None:
        """Create the handle of ``transaction``; ``Transaction.__enter__`` does this."""
        raise NotImplementedError("write Handle.__init__()")

    def __getitem__(self, key: Any) -> Any:
        """Return the working copy's value for ``key``; KeyError if it has none."""
        raise NotImplementedError("write Handle.__getitem__()")

    def __setitem__(self, key: Any, value: Any) -> None:
        """Set ``key`` in the working copy; the store sees it only when the transaction commits."""
        raise NotImplementedError("write Handle.__setitem__()")

    def __delitem__(self, key: Any) -> None:
        """Delete ``key`` from the working copy; KeyError if it has none."""
        raise NotImplementedError("write Handle.__delitem__()")

    def __contains__(self, key: object) -> bool:
        """Tell whether the working copy has ``key``."""
        raise NotImplementedError("write Handle.__contains__()")

    def get(self, key: Any, default: Any = None) -> Any:
        """Return the working copy's value for ``key``, or ``default`` if it has none."""
        raise NotImplementedError("write Handle.get()")

    def savepoint(self) -> Transaction:
        """Return a new, not yet entered, Transaction whose store is this working copy.

        Committing it changes only this working copy; a failure inside it undoes only the
        changes made through it.
        """
        raise NotImplementedError("write Handle.savepoint()")
