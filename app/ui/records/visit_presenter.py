"""Presenter of the client screen: the open client and visit, edits as undo commands,
autosave, live ranking of candidate trigger points and the visit metrics.

Widgets report what the user did; this object changes the visit (only through commands on
its QUndoStack), saves it shortly after every change, and publishes what to show.  A save that
fails keeps the edits, says why in plain words and is retried; a save refused because someone
else saved the visit first (a conflict) is handed to the window to settle, nothing overwritten.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from shapely.geometry.base import BaseGeometry

from app.domain.pain_map import PainMap
from app.domain.records import Client, Visit
from app.services.catalog_service import CatalogService
from app.services.records_service import RecordsService
from app.storage.user_errors import ConflictError
from app.ui.candidates_panel import candidate_rows
from app.ui.records.background_save import BackgroundSaver, SaveJob
from app.ui.records.commands import PainMapCommand
from app.ui.records.metrics_runner import MetricsRunner

AUTOSAVE_DELAY_MS = 400
RETRY_DELAY_MS = 5000  # a failed save is tried again this often while edits are waiting
METRICS_DELAY_MS = 150  # metrics run off the UI thread once painting pauses this long
LIVE_LIST_LENGTH = 40


class FieldCommand(QUndoCommand):
    """Change one visit field; typing into the same field merges into one step."""

    ID = 4712

    def __init__(self, presenter: VisitPresenter, name: str, before, after) -> None:
        super().__init__(f"Edit {name.replace('_', ' ')}")
        self.presenter, self.name, self.before, self.after = presenter, name, before, after

    def id(self) -> int:  # noqa: A003
        return self.ID

    def redo(self) -> None:
        self.presenter._set_field(self.name, self.after)

    def undo(self) -> None:
        self.presenter._set_field(self.name, self.before)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if isinstance(other, FieldCommand) and other.name == self.name and isinstance(self.after, str):
            self.after = other.after
            return True
        return False


def _by_date(visits: list[Visit]) -> list[Visit]:
    return sorted(visits, key=lambda v: (v.date, v.id or 0))


class VisitPresenter(QObject):
    sig_pain_changed = Signal()
    """The visit's pain map changed (redraw it)."""
    sig_visit_opened = Signal()
    """Another visit (or none) is open; refresh every field."""
    sig_field_changed = Signal(str)
    """A visit field changed through undo/redo (name)."""
    sig_visits_changed = Signal()
    """The open client's visit list changed (a date or complaint edited, a visit added): redraw it."""
    sig_candidates = Signal(list)
    """Ranked candidate rows for the current pain map."""
    sig_metrics = Signal(object)
    """VisitMetrics of the open visit, or None while they are being measured or no visit is open."""
    sig_metrics_failed = Signal(str)
    """The open visit could not be measured (plain words); the old figures are gone."""
    sig_status = Signal(str)
    """A short status line (saved, read-only, errors)."""
    sig_save_failed = Signal(str)
    """A save did not reach the database; the edits are kept and retried (plain-words reason)."""
    sig_conflict = Signal(object)
    """Someone else saved the open visit first (the ConflictError); the window lets the user choose."""

    def __init__(self, records: RecordsService, catalog: CatalogService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records = records
        self.catalog = catalog
        self.undo_stack = QUndoStack(self)
        self.client: Client | None = None
        self.visit: Visit | None = None
        self.visits: list[Visit] = []  # the open client's visits by date, read once per client
        self.last_ranking_ms = 0.0
        self.save_error: str | None = None
        self._dirty = False
        self._edits = 0  # every change counts: a background save of an older count leaves it dirty
        self._saver = BackgroundSaver(records, self)
        self._saver.sig_done.connect(self._save_collected)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.autosave)
        self.metrics_runner = MetricsRunner(catalog, self)
        self.metrics_runner.sig_metrics.connect(self.sig_metrics)
        self.metrics_runner.sig_failed.connect(self.sig_metrics_failed)
        self._metrics_timer = QTimer(self)
        self._metrics_timer.setSingleShot(True)
        self._metrics_timer.setInterval(METRICS_DELAY_MS)
        self._metrics_timer.timeout.connect(self.publish_metrics)
        self.undo_stack.indexChanged.connect(lambda _i: self._changed())

    # Opening ----------------------------------------------------------------------------
    def open_client(self, client_id: int) -> None:
        if not self.save_now():
            return
        self.client = self.records.client(client_id)
        self.visits = _by_date(self.records.visits(client_id))
        self._open(self.visits[-1] if self.visits else None)

    def open_visit(self, visit_id: int) -> None:
        if not self.save_now():
            return
        known = next((v for v in self.visits if v.id == visit_id), None)
        self._open(known if known is not None else self.records.visit(visit_id))

    def new_client(self, name: str) -> Client:
        self.save_now()
        client = self.records.save_client(Client(id=None, name=name))
        self.client = client
        self.visits = []
        self._open(None)
        return client

    def new_visit(self, therapist: str = "") -> Visit:
        if self.client is None:
            raise ValueError("open or create a client first")
        self.save_now()
        visit = self.records.new_visit(self.client.id, date.today(), therapist)
        self.visits = _by_date([*self.visits, visit])
        self._open(visit)
        return visit

    def erase_client(self) -> None:
        if self.client is None:
            return
        self._timer.stop()
        self._collect_running_save(report=False)
        self._dirty = False
        self.save_error = None
        self.records.erase_client(self.client.id)
        self.client = None
        self.visits = []
        self._open(None)

    def other_visits(self) -> list[Visit]:
        return [v for v in self.visits if self.visit is None or v.id != self.visit.id]

    def _open(self, visit: Visit | None) -> None:
        self.visit = visit
        self.undo_stack.clear()
        self._dirty = False
        self.save_error = None
        self.sig_visit_opened.emit()
        self._publish(metrics_now=True)

    def _remember(self, visit: Visit) -> None:
        """Put the (re)saved visit in the client's list in place of its older copy."""
        self.visits = _by_date([visit, *[v for v in self.visits if v.id != visit.id]])

    # Edits (always through the undo stack) ----------------------------------------------------
    def paint(self, view: str, shape: BaseGeometry, intensity: int, quality: str, stroke_id: int,
              erase: bool = False) -> None:
        if self.visit is None or self.records.read_only or self.visit.signed:  # signed: amend first
            return
        before = self.visit.pain
        if erase:
            after = before.erase(view, shape)
        else:
            after = before.paint(view, shape, intensity, quality, self.catalog.views[view].outline)
        if after is before:
            return
        text = "Erase" if erase else f"Paint {quality} {intensity}/10"
        self.undo_stack.push(PainMapCommand(text, before, after, self._set_pain, stroke_id))

    def edit_field(self, name: str, value) -> None:
        """soap.<part>, red_flags.<key>, or a plain Visit attribute."""
        if self.visit is None or self.records.read_only or self.visit.signed:  # signed: amend first
            return
        before = self._get_field(name)
        if before != value:
            self.undo_stack.push(FieldCommand(self, name, before, value))

    def _get_field(self, name: str):
        group, _, key = name.partition(".")
        if key:
            return getattr(self.visit, group)[key]
        return getattr(self.visit, name)

    def _set_field(self, name: str, value) -> None:
        group, _, key = name.partition(".")
        if key:
            mapping = dict(getattr(self.visit, group))
            mapping[key] = value
            setattr(self.visit, group, mapping)
        else:
            setattr(self.visit, name, value)
        self.sig_field_changed.emit(name)
        if name in ("date", "chief_complaint"):
            self._remember(self.visit)
            self.sig_visits_changed.emit()
        if name in ("date", "symptom_severity"):
            self._publish()  # the previous visit, the trend and the fibromyalgia screen depend on them

    def _set_pain(self, pain: PainMap) -> None:
        self.visit.pain = pain  # the same object as in self.visits: the list stays current
        self.sig_pain_changed.emit()
        self._publish()

    # Saving ---------------------------------------------------------------------------------
    def _changed(self) -> None:
        if self.visit is not None and not self.records.read_only and not self.visit.signed:  # signed: final
            self._dirty = True
            self._edits += 1
            self._timer.start(AUTOSAVE_DELAY_MS)

    def has_unsaved_edits(self) -> bool:
        return self._dirty and self.visit is not None

    def autosave(self) -> None:
        """The autosave timer: write the open visit on the worker thread (the UI carries on).
        A save still running is left to finish; its end starts the next one."""
        if not self._dirty or self.visit is None or self._saver.busy():
            return
        if self.visit.id is None or not self._saver.available:
            self.save_now()  # a first insert, or a database the UI thread's connection serves
            return
        self._saver.start(self.visit, dataclasses.replace(self.visit), self._edits)

    def _save_collected(self, job: SaveJob) -> None:
        """A background save ended (delivered in the UI thread)."""
        if not job.collected:
            self._finish_background_save(job, report=True)

    def _collect_running_save(self, report: bool) -> None:
        job = self._saver.wait()
        if job is not None:
            self._finish_background_save(job, report)

    def _finish_background_save(self, job: SaveJob, report: bool) -> None:
        job.collected = True
        if isinstance(job.result, Exception):
            if report and job.visit is self.visit:
                self._save_failed(job.result)
            return  # the edits stay dirty; save_now (or the retry) tries again and says why
        job.visit.version = job.result.version  # the open visit (also in self.visits) now matches the database
        if job.visit is not self.visit:
            return
        if job.edits == self._edits:
            self._dirty = False
            self.save_error = None
            self.sig_status.emit(f"Saved {time.strftime('%H:%M:%S')}")
        elif not self._timer.isActive():
            self._timer.start(AUTOSAVE_DELAY_MS)  # edits made while it ran: save them too

    def _save_failed(self, exc: Exception) -> None:
        if isinstance(exc, ConflictError):
            self.save_error = "Not saved: someone else saved this visit first. Nothing was overwritten."
            self.sig_status.emit(self.save_error)
            self.sig_conflict.emit(exc)
            return
        self.save_error = (f"Not saved: {exc}. Your edits are kept in this window; "
                           f"trying again every {RETRY_DELAY_MS // 1000} s.")
        self.sig_status.emit(self.save_error)
        self.sig_save_failed.emit(self.save_error)
        self._timer.start(RETRY_DELAY_MS)

    def save_now(self) -> bool:
        """Save pending edits here and now (after any background save still running); True when
        nothing is left unsaved."""
        self._timer.stop()
        self._collect_running_save(report=False)
        if not self._dirty or self.visit is None:
            return True
        try:
            stored = self.records.save_visit(self.visit)
        except Exception as exc:  # noqa: BLE001 - the user must hear about any failed save
            self._save_failed(exc)
            return False
        was_new = self.visit.id is None
        self.visit = dataclasses.replace(self.visit, id=stored.id, version=stored.version)
        self._remember(self.visit)
        self._dirty = False
        self.save_error = None
        self.sig_status.emit(f"Saved {time.strftime('%H:%M:%S')}")
        if was_new:  # date and complaint edits redraw the list as they happen; a save alone need not
            self.sig_visits_changed.emit()
        return True

    def take_theirs(self, theirs: Visit) -> None:
        """Settle a conflict by opening the stored version (ours stays in the audit trail)."""
        self._dirty = False
        self._remember(theirs)
        self._open(theirs)
        self.sig_visits_changed.emit()

    def keep_mine_as_copy(self, theirs: Visit) -> bool:
        """Settle a conflict by keeping both: ours becomes a new visit, theirs stays as stored."""
        mine = dataclasses.replace(self.visit, id=None, version=0, signed_at=None, signed_by="", amendments=[])
        self._remember(theirs)
        self.visit, self._dirty = mine, True
        self.visits = [v for v in self.visits if v.id is not None]
        if not self.save_now():
            return False
        self._open(self.visit)
        return True

    # Ranking and metrics ------------------------------------------------------------------------
    def _publish(self, metrics_now: bool = False) -> None:
        """Ranking at once (it is the live feedback); metrics off the UI thread once painting pauses."""
        if self.visit is None:
            self._metrics_timer.stop()
            self.metrics_runner.cancel()
            self.sig_candidates.emit([])
            self.sig_metrics.emit(None)
            return
        t0 = time.perf_counter()
        pain = self.visit.pain
        found = self.catalog.candidates_for_pain({v: pain.strokes(v) for v in pain.views()}, limit=LIVE_LIST_LENGTH)
        self.last_ranking_ms = (time.perf_counter() - t0) * 1000
        self.sig_candidates.emit(candidate_rows(self.catalog, found))
        if metrics_now:
            self.sig_metrics.emit(None)  # never leave the previous visit's figures up meanwhile
            self.publish_metrics()
        else:
            self._metrics_timer.start()

    def publish_metrics(self) -> None:
        """Ask for the open visit's metrics; they arrive on sig_metrics (newest request wins)."""
        self._metrics_timer.stop()
        if self.visit is not None:
            self.metrics_runner.request(dataclasses.replace(self.visit), self.other_visits())
