"""Background work that yields to input: it waits at its pause points while the UI thread answers
a click, a key or a wheel turn.

Two threads of Python share one interpreter lock: while the start-up's warm-up runs Python on a
worker, every Python handler of the UI thread (an event filter, a slot, a paint override) waits for
the lock, up to the interpreter's switch interval each time.  So the warm-up stops at its next
pause point when input arrives and goes on once the UI thread's event loop is about to sleep again
(everything the input caused, the repaint included, is done), or ``ANSWERED_AFTER_S`` after the
last input at the latest (a loop that never sleeps, as a benchmark's).  The filter is on the
application (input sent straight to a widget, as QTest does, is seen too) and only while the
start-up's work runs: it costs a Python call per event.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject

_INPUT = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
                    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Wheel, QEvent.Type.TouchBegin})
# However long the UI thread is busy, background work is held at most this long per pause point.
MAX_PAUSE_S = 0.25
# Input is taken as answered this long after it came if the event loop has not slept by then.
ANSWERED_AFTER_S = 0.1


class _Gate:
    """The state the background thread reads: plain Python, no Qt object.  A worker must never hold
    the last reference to a Qt wrapper: freed there, a Python-owned QObject's destructor waits for the
    interpreter lock under Qt's signal-slot lock (the hang app/ui/main_thread_gc.py describes)."""

    def __init__(self) -> None:
        self.idle = threading.Event()
        self.idle.set()
        self.last_input = 0.0
        self.ui_thread = threading.get_ident()
        self.pauses = 0  # pause points that waited for the UI thread (tests)

    @property
    def answering_input(self) -> bool:
        return not self.idle.is_set() and time.monotonic() - self.last_input < ANSWERED_AFTER_S

    def pause(self) -> None:
        """A background thread's pause point: returns at once unless the UI thread is answering
        input, then when it is done (at most ``MAX_PAUSE_S`` later)."""
        if not self.answering_input or threading.get_ident() == self.ui_thread:
            return  # never the UI thread itself (it may read a cache the warm-up has not reached)
        self.pauses += 1
        give_up = time.monotonic() + MAX_PAUSE_S
        while self.answering_input and time.monotonic() < give_up:
            self.idle.wait(0.005)


class InputGate(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gate = _Gate()
        self._watched: list[QObject] = []
        self._dispatcher: QAbstractEventDispatcher | None = None

    @property
    def pause(self):
        """The pause point to hand to background work (a plain callable holding no Qt object)."""
        return self.gate.pause

    @property
    def answering_input(self) -> bool:
        return self.gate.answering_input

    @property
    def pauses(self) -> int:
        return self.gate.pauses

    def watch(self, window: QObject) -> None:
        """Watch the input this object receives (the application: all of it); the UI thread's event
        loop tells when it is answered."""
        window.installEventFilter(self)
        self._watched.append(window)
        if self._dispatcher is None:
            self._dispatcher = QAbstractEventDispatcher.instance(self.thread())
            self._dispatcher.aboutToBlock.connect(self._loop_sleeps)

    def stop(self) -> None:
        """Stop watching (the background work is done): no cost left on the UI thread."""
        for window in self._watched:
            window.removeEventFilter(self)
        self._watched = []
        if self._dispatcher is not None:
            self._dispatcher.aboutToBlock.disconnect(self._loop_sleeps)
            self._dispatcher = None
        self.gate.idle.set()

    def _loop_sleeps(self) -> None:
        self.gate.idle.set()  # all the input caused is done

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT:
            self.gate.last_input = time.monotonic()
            self.gate.idle.clear()
        return False
