"""Handing a worker thread's result to the UI thread without the worker holding any window object.

A worker must not emit through, or keep a reference to, an object its window owns: the window may
close while the work runs, and then either the emit raises "Signal source has been deleted" on the
pool thread, or the worker drops a Python-owned QObject's last reference and destroys it there,
taking Qt's signal-slot locks and then waiting for the interpreter lock while the UI thread holds it
and waits on one of those locks (the tests/ui hang of session 7).

So every worker posts through one relay that is made on the UI thread and never deleted.  A post
carries the receiver's token (``new_token()``) and a payload; each receiver connects to
``relay().sig_posted`` with a slot of its own and ignores other tokens.  Qt drops a deleted
receiver's connection by itself.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QObject, Signal


class _Relay(QObject):
    sig_posted = Signal(int, object)
    """(token, payload): emitted on a worker, delivered on the UI thread."""


_relay: _Relay | None = None
_tokens = itertools.count(1)


def relay() -> _Relay:
    """The process's relay (call it first on the UI thread: a QObject lives on the thread that made it)."""
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


def new_token() -> int:
    """A token no other receiver has (not id(): ids are reused once an object is freed)."""
    return next(_tokens)


def post(token: int, payload: object) -> None:
    """From a worker: hand ``payload`` to the receiver holding ``token``."""
    try:
        relay().sig_posted.emit(token, payload)
    except RuntimeError:
        pass  # the process is exiting and the relay is already gone: nobody is left to tell
