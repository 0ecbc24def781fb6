"""``built_once``: a cached property that is built exactly once even when two threads ask.

The catalog service builds its indexes lazily; the window warms them on a worker thread while
the person looks at the first screen.  A click that arrives during the warm-up must wait for
that build rather than start a second one (``functools.cached_property`` has no lock from
Python 3.12 on), so every lazy value of one object is built under that object's re-entrant
lock; once built, reading it takes no lock.  Each value has its own lock, so a click that needs
the regions does not wait while the warm-up reads every zone (values depend on each other
without cycles, so the locks cannot deadlock).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
_MISSING = object()
_LOCKS_ATTRIBUTE = "_built_once_locks"
_LOCK_OF_LOCKS = threading.Lock()


def _lock_of(owner: Any, name: str) -> threading.RLock:
    locks = owner.__dict__.get(_LOCKS_ATTRIBUTE)
    lock = locks.get(name) if locks is not None else None
    if lock is None:
        with _LOCK_OF_LOCKS:
            lock = owner.__dict__.setdefault(_LOCKS_ATTRIBUTE, {}).setdefault(name, threading.RLock())
    return lock


class built_once(Generic[T]):  # noqa: N801 - used like @property
    def __init__(self, build: Callable[[Any], T]) -> None:
        self._build = build
        self._name = build.__name__
        self.__doc__ = build.__doc__

    def __set_name__(self, _owner: type, name: str) -> None:
        self._name = name

    def __get__(self, owner: Any, _type: type | None = None) -> T:
        if owner is None:
            return self  # type: ignore[return-value]
        value = owner.__dict__.get(self._name, _MISSING)
        if value is _MISSING:
            with _lock_of(owner, self._name):
                value = owner.__dict__.get(self._name, _MISSING)
                if value is _MISSING:
                    value = self._build(owner)
                    owner.__dict__[self._name] = value
        return value

    def is_built(self, owner: Any) -> bool:
        return self._name in owner.__dict__
