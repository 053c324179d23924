"""All-or-nothing changes to a dict with a context manager. Read README.md in this folder first."""

from __future__ import annotations

import copy
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
        self._store = store
        self._entered = False
        self._open = False
        self._snapshot: dict[Any, Any] = {}
        self._working: dict[Any, Any] = {}

    def __enter__(self) -> Handle:
        """Snapshot the store and return a handle over a fresh working copy.

        Raises RuntimeError if this Transaction has been entered before.
        """
        if self._entered:
            raise RuntimeError("a Transaction can be entered only once; create a new one")
        self._entered = True
        # Deep copies: a nested list in the store must not be shared with the working copy
        # (edits would leak into the store early) or with the snapshot (it could not restore it).
        self._snapshot = copy.deepcopy(dict(self._store))
        self._working = copy.deepcopy(self._snapshot)
        self._open = True
        return Handle(self)

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
        # The handle dies first, whichever way the block ended.
        self._open = False
        if exc_type is None:
            try:
                _replace_contents(self._store, self._working)
            except BaseException:
                # The store refused part of the commit: undo the half-written state, then let
                # the store's own error propagate (a bare raise keeps the same object).
                _replace_contents(self._store, self._snapshot)
                raise
            return False
        # Any exception at all lands here, BaseException included: this is the cleanup path.
        _replace_contents(self._store, self._snapshot)
        return issubclass(exc_type, Rollback)


class Handle:
    """What ``with Transaction(store) as handle`` gives: a view of the working copy.

    It reads and writes like a dict but only while its with block is running; afterwards every
    operation raises RuntimeError.
    """

    def __init__(self, transaction: Transaction) -> None:
        """Create the handle of ``transaction``; ``Transaction.__enter__`` does this."""
        self._transaction = transaction

    def __getitem__(self, key: Any) -> Any:
        """Return the working copy's value for ``key``; KeyError if it has none."""
        return self._data()[key]

    def __setitem__(self, key: Any, value: Any) -> None:
        """Set ``key`` in the working copy; the store sees it only when the transaction commits."""
        self._data()[key] = value

    def __delitem__(self, key: Any) -> None:
        """Delete ``key`` from the working copy; KeyError if it has none."""
        del self._data()[key]

    def __contains__(self, key: object) -> bool:
        """Tell whether the working copy has ``key``."""
        return key in self._data()

    def get(self, key: Any, default: Any = None) -> Any:
        """Return the working copy's value for ``key``, or ``default`` if it has none."""
        return self._data().get(key, default)

    def savepoint(self) -> Transaction:
        """Return a new, not yet entered, Transaction whose store is this working copy.

        Committing it changes only this working copy; a failure inside it undoes only the
        changes made through it.
        """
        return Transaction(self._data())

    def _data(self) -> dict[Any, Any]:
        if not self._transaction._open:
            raise RuntimeError("this transaction handle was used after its with block ended")
        return self._transaction._working


def _replace_contents(store: dict[Any, Any], contents: dict[Any, Any]) -> None:
    """Make ``store`` hold exactly ``contents``, changing it in place.

    The caller's store must stay the very same object: rebinding an attribute to a new dict
    would leave every other reference to the store unchanged.
    """
    store.clear()
    store.update(contents)
