"""Python's cycle collector runs on the UI thread only.

The collector runs on whichever thread happens to allocate past its threshold: the catalog's
warm-up, the picture and nerve workers included.  A collection on a worker frees whatever cyclic
garbage is pending, and a Qt object owned by Python among it is then destroyed on that worker.
Its destructor takes one of Qt's signal-slot locks and asks PySide whether Python overrides a
virtual, which needs the interpreter lock; if the UI thread, holding the interpreter lock, is
connecting a signal under that same Qt lock at that moment, both wait for ever (seen: a window's
search box waiting in ``QObject::connect`` while a pool thread waited in ``~QObject``).

So the automatic collector is switched off and a timer on the UI thread collects instead, by the
same thresholds, checked ten times a second (the usual cure for PyQt and PySide applications).
Objects without cycles are freed by reference counting as before, on any thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 100  # often enough that each collection stays small (a brush stroke allocates fast)


class MainThreadCollector(QObject):
    """Collects cyclic garbage from the thread it lives on (the UI thread), never from workers."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(CHECK_INTERVAL_MS)

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds, oldest first."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return


def collect_on_the_ui_thread(app: QObject) -> MainThreadCollector:
    """Install the collector once per application (a second call returns the first)."""
    existing = app.findChild(MainThreadCollector)
    return existing if existing is not None else MainThreadCollector(app)
