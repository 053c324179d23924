"""Probes for basics/loop-control: they run in the sandbox beside loops.py and return plain data."""

from __future__ import annotations

from collections.abc import Sequence

from pykata_sandbox.probing import outcome


class Overrun(Exception):
    """Raised by the graders' inputs when they are read further than allowed."""


def script(mod, lines, poisoned=False):
    """run_script over a one-shot iterator that counts the lines pulled from it.

    With ``poisoned``, pulling a line after the last one raises Overrun instead of ending.
    """
    pulled = []

    def source():
        for line in lines:
            pulled.append(line)
            yield line
        if poisoned:
            raise Overrun("run_script read past the END line")

    kind, value = outcome(mod.run_script, source())
    return {"kind": kind, "value": value, "pulled": len(pulled)}


def missing_end_class(mod):
    cls = mod.MissingEnd
    return {"is_exception": isinstance(cls, type) and issubclass(cls, Exception)}


class Row(Sequence):
    """A grid row that records every element access, however it is read."""

    def __init__(self, values, log, index):
        self._values = list(values)
        self._log = log
        self._index = index

    def __len__(self):
        return len(self._values)

    def __getitem__(self, position):
        value = self._values[position]  # IndexError ends Sequence's own iteration
        self._log[self._index] += 1 if not isinstance(position, slice) else len(value)
        return value


def grid_search(mod, rows, target):
    """find_in_grid over counting rows; reports the result and the accesses per row."""
    log = [0] * len(rows)
    grid = [Row(values, log, index) for index, values in enumerate(rows)]
    kind, value = outcome(mod.find_in_grid, grid, target)
    return {"kind": kind, "value": value, "accesses": log}


def grid_search_plain(mod, rows, target):
    """find_in_grid over plain lists of lists."""
    return outcome(mod.find_in_grid, rows, target)


def primes(mod, n):
    return outcome(mod.primes_below, n)


def reading(mod, values, stop, fail_at=None):
    """read_until over a source that counts its calls and refuses to be called too often.

    ``fail_at`` makes call number ``fail_at`` (1-based) raise LookupError.
    """
    calls = []
    failure = LookupError("the source failed")

    def source():
        calls.append(1)
        if fail_at is not None and len(calls) == fail_at:
            raise failure
        if len(calls) > len(values):
            raise Overrun("read_until called source() again after it returned the stop value")
        return values[len(calls) - 1]

    try:
        result = mod.read_until(source, stop)
    except NotImplementedError:
        raise
    except BaseException as error:  # report what came out, and whether it was ours
        return {
            "kind": "raised",
            "type": type(error).__name__,
            "message": str(error),
            "same_object": error is failure,
            "calls": len(calls),
        }
    return {"kind": "returned", "value": result, "calls": len(calls)}
