"""Autosave off the UI thread: one save at a time, in the order they were started.

A save writes the whole visit and commits with ``synchronous=FULL`` (an fsync), tens of ms of
wall time that the UI thread used to spend blocked after every painting pause (issue 10).  The
presenter hands this object a snapshot of the visit (a shallow copy: the presenter replaces a
visit's fields, it never changes them in place) and carries on; the result comes back on
``sig_done`` in the UI thread.  ``wait`` lets a synchronous save (closing, switching visits)
first collect the save still running, so saves never overlap and never arrive out of order.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.domain.records import Visit
from app.services.records_service import RecordsService


@dataclass(eq=False)
class SaveJob:
    visit: Visit  # the presenter's object the snapshot was taken of (gets the stored version)
    snapshot: Visit  # what is written
    edits: int  # the presenter's edit count at the snapshot: equal at the end means nothing newer
    result: object = None  # the stored Visit, or the exception
    done: threading.Event = field(default_factory=threading.Event)
    collected: bool = False  # the presenter has taken the result (from wait() or from sig_done)


class _Run(QRunnable):
    def __init__(self, saver: BackgroundSaver, job: SaveJob) -> None:
        super().__init__()
        self.saver, self.job = saver, job

    def run(self) -> None:
        try:
            self.job.result = self.saver.records.save_visit(self.job.snapshot)
        except Exception as exc:  # noqa: BLE001 - handed back: the presenter says it in plain words
            self.job.result = exc
        self.job.done.set()
        try:
            self.saver.sig_done.emit(self.job)
        except RuntimeError:  # the window went away while this save ran: it is written all the same
            pass


class BackgroundSaver(QObject):
    sig_done = Signal(object)
    """A SaveJob finished (emitted from the worker; delivered in the UI thread)."""

    def __init__(self, records: RecordsService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records = records
        self.running: SaveJob | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    @property
    def available(self) -> bool:
        """False for a database whose one connection the UI thread shares (in-memory SQLite)."""
        return self.records.saves_off_thread

    def start(self, visit: Visit, snapshot: Visit, edits: int) -> SaveJob:
        if self.running is not None and not self.running.collected:
            raise RuntimeError("a save is still running; collect it first")
        job = self.running = SaveJob(visit, snapshot, edits)
        self._pool.start(_Run(self, job))
        return job

    def busy(self) -> bool:
        return self.running is not None and not self.running.collected

    def wait(self) -> SaveJob | None:
        """The running save once it has finished (None if there is none left to collect)."""
        job = self.running
        if job is None or job.collected:
            return None
        job.done.wait()
        return job
