"""Long work off the UI thread behind a cancellable progress dialog.

The work runs on the global QThreadPool and hears ``report(done, total, label) -> bool``;
it returns False once the user pressed Cancel, and the work stops at its next step.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Report = Callable[[int, int, str], bool]


class ProgressRun(QObject):
    sig_progress = Signal(int, int, str)
    """Work done, total, what is being done now (emitted from the worker thread)."""
    sig_finished = Signal(bool, str)
    """The work ended: completed?, and a one-line message (the error, or why it stopped)."""

    def __init__(self, parent: QWidget, title: str, work: Callable[[Report], None]) -> None:
        super().__init__(parent)
        self.cancelled = threading.Event()
        self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setMinimumWidth(420)  # room for the title and the longest muscle name
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        # A lambda, not the bound `Event.set`: PySide disconnects a plain object's bound-method slot when
        # the object dies, and if that happens on the pool thread it can deadlock against the UI thread
        # (seen with the explorer's warm-up event; see explorer.py).
        self.dialog.canceled.connect(lambda: self.cancelled.set())
        self.sig_progress.connect(self._show_progress)
        self.sig_finished.connect(lambda _ok, _message: self.dialog.close())
        self._work = work
        self.dialog.show()
        QThreadPool.globalInstance().start(self._run)

    def _report(self, done: int, total: int, label: str) -> bool:
        self.sig_progress.emit(done, total, label)
        return not self.cancelled.is_set()

    def _run(self) -> None:
        try:
            self._work(self._report)
        except Exception as exc:  # the worker must report every failure back to the window  # noqa: BLE001
            self.sig_finished.emit(False, str(exc) or type(exc).__name__)
        else:
            self.sig_finished.emit(True, "")

    def _show_progress(self, done: int, total: int, label: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        if label:
            self.dialog.setLabelText(f"{label} ({done + 1} of {total})")
