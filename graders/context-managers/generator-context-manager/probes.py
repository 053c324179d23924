"""Probes for context-managers/generator-context-manager: they run in the sandbox beside gencm.py.

Each scenario drives a generator through a with statement and logs what happened, as a list of
plain tuples: the generator's own steps, the block's steps, and how the with statement ended.
The same scenarios can run through contextlib.contextmanager, so the tests can compare.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import MutableMapping

HANDLERS = ("finally", "swallow", "reraise", "replace", "broken_cleanup")


def _genfunc(log, yields, handler, marker):
    """A generator function with `yields` yields, each guarded by `handler`:

    "finally" cleans up in try/finally; "swallow" catches Exception and carries on; "reraise"
    catches BaseException (but GeneratorExit), notes it and re-raises it; "replace" catches
    Exception and raises LookupError instead; "broken_cleanup" has no guard and raises
    LookupError after the yield.
    """

    def saw(error):
        log.append(("saw", type(error).__name__, error is marker[0]))

    def resource(tag):
        log.append(("setup", tag))
        for i in range(yields):
            if handler == "finally":
                try:
                    yield f"{tag}-{i}"
                finally:
                    log.append(("finally", i))
            elif handler == "broken_cleanup":
                yield f"{tag}-{i}"
                log.append(("cleanup", i))
                raise LookupError("cleanup failed")
            elif handler == "reraise":
                try:
                    yield f"{tag}-{i}"
                except GeneratorExit:
                    raise  # being closed is not an exception from the block
                except BaseException as error:
                    saw(error)
                    raise
            else:
                try:
                    yield f"{tag}-{i}"
                except Exception as error:
                    saw(error)
                    if handler == "replace":
                        # Raised while handling: its __context__ is `error`.
                        raise LookupError("cleanup failed")  # noqa: B904
        log.append(("teardown", tag))

    return resource


def _body_error(body):
    return {
        "ok": None,
        "ValueError": ValueError("body"),
        "StopIteration": StopIteration("body"),
        "RuntimeError": RuntimeError("body"),
        "KeyboardInterrupt": KeyboardInterrupt(),
    }[body]


def _explode(error):
    raise error


def _scenario(decorator, yields, handler, body):
    log = []
    marker = [_body_error(body)]
    try:
        manager = decorator(_genfunc(log, yields, handler, marker))("cm")
        with manager as value:
            log.append(("as", value))
            if marker[0] is not None:
                _explode(marker[0])
            log.append(("body done",))
    except NotImplementedError:
        raise
    except BaseException as error:
        names = [frame.name for frame in traceback.extract_tb(error.__traceback__)]
        log.append(
            (
                "escaped",
                type(error).__name__,
                error is marker[0],
                marker[0] is not None and error.__context__ is marker[0],
            )
        )
        return log, "_explode" in names
    log.append(("after the block",))
    return log, None


def scenario(mod, yields, handler, body):
    """One scenario through the learner's contextmanager.

    Returns the log, and whether the traceback of an escaping exception still shows the line
    in the block that raised it (None if nothing escaped).
    """
    log, kept_traceback = _scenario(mod.contextmanager, yields, handler, body)
    return {"log": log, "kept_traceback": kept_traceback}


def all_scenarios(mod, yields_list, handlers, bodies):
    """Every combination, through the learner's contextmanager and contextlib's.

    Returns (yields, handler, body, learner's log, contextlib's log) for each.
    """
    found = []
    for yields in yields_list:
        for handler in handlers:
            for body in bodies:
                mine, _ = _scenario(mod.contextmanager, yields, handler, body)
                reference, _ = _scenario(contextlib.contextmanager, yields, handler, body)
                found.append((yields, handler, body, mine, reference))
    return found


def as_decorator(mod):
    """Decorate a function with cm("deco") and call it twice; an error on a third call."""
    log = []

    def traced(label):
        """Trace entering and leaving."""
        log.append(("enter", label))
        try:
            yield label
        finally:
            log.append(("exit", label))

    factory = mod.contextmanager(traced)

    @factory("deco")
    def work(x, *, y):
        """Add two numbers."""
        log.append(("work", x, y))
        if x < 0:
            raise ValueError("negative")
        return x + y

    results = [work(1, y=2), work(3, y=4)]
    try:
        work(-1, y=0)
        third = None
    except ValueError as error:
        third = str(error)
    return {
        "results": results,
        "third": third,
        "log": log,
        "names": (work.__name__, work.__doc__),
        "factory_names": (getattr(factory, "__name__", None), getattr(factory, "__doc__", None)),
    }


class Environ(MutableMapping):
    """A mapping that is not a dict, like os.environ."""

    def __init__(self, data):
        self._data = dict(data)

    def __getitem__(self, key):
        return self._data[key]

    def __setitem__(self, key, value):
        self._data[key] = value

    def __delitem__(self, key):
        del self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)


def temp_env_run(mod, start, values, during=(), raise_inside=False):
    """Enter temp_env(environ, **values) over a copy of `start`; inside, apply `during`.

    `during` is a list of ("set", key, value) and ("del", key) steps the block performs.
    Reports the environ inside and after, what `as` bound, and what escaped.
    """
    environ = Environ(start)
    seen = {}
    failure = ValueError("block failed")
    try:
        with mod.temp_env(environ, **values) as bound:
            seen["bound_is_environ"] = bound is environ
            seen["inside"] = dict(environ)
            for step in during:
                if step[0] == "set":
                    environ[step[1]] = step[2]
                else:
                    del environ[step[1]]
            if raise_inside:
                raise failure
    except NotImplementedError:
        raise
    except BaseException as error:
        seen["escaped"] = type(error).__name__
        seen["same_object"] = error is failure
    seen["after"] = dict(environ)
    return seen


def temp_env_nested(mod, start):
    """temp_env(LANG="fr") inside temp_env(LANG="de", TZ="UTC")."""
    environ = Environ(start)
    steps = []
    with mod.temp_env(environ, LANG="de", TZ="UTC"):
        steps.append(dict(environ))
        with mod.temp_env(environ, LANG="fr"):
            steps.append(dict(environ))
        steps.append(dict(environ))
    steps.append(dict(environ))
    return steps


def temp_env_kind(mod):
    """Is what temp_env returns made by this module's contextmanager?"""

    def probe_gen():
        yield

    return type(mod.temp_env({}, A="1")) is type(mod.contextmanager(probe_gen)())
