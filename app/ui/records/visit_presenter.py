"""Presenter of the client screen: the open client and visit, edits as undo commands,
autosave, live ranking of candidate trigger points and the visit metrics.

Widgets report what the user did; this object changes the visit (only through commands on
its QUndoStack), saves it shortly after every change, and publishes what to show.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from shapely.geometry.base import BaseGeometry

from app.domain import metrics
from app.domain.pain_map import PainMap
from app.domain.records import Client, Visit
from app.services.catalog_service import CatalogService
from app.services.records_service import RecordsService
from app.ui.candidates_panel import candidate_rows
from app.ui.records.commands import PainMapCommand

AUTOSAVE_DELAY_MS = 400
# Metrics overlay every skin area (~150 ms): recompute when painting pauses, not per brush segment.
METRICS_DELAY_MS = 250
LIVE_LIST_LENGTH = 40
BODY_SURFACE_VIEWS = ("anterior", "posterior")  # the total extent counts front + back once


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


class VisitPresenter(QObject):
    sig_pain_changed = Signal()
    """The visit's pain map changed (redraw it)."""
    sig_visit_opened = Signal()
    """Another visit (or none) is open; refresh every field."""
    sig_field_changed = Signal(str)
    """A visit field changed through undo/redo (name)."""
    sig_candidates = Signal(list)
    """Ranked candidate rows for the current pain map."""
    sig_metrics = Signal(dict)
    """Metrics of the current visit (see metrics_summary)."""
    sig_status = Signal(str)
    """A short status line (saved, read-only, errors)."""

    def __init__(self, records: RecordsService, catalog: CatalogService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records = records
        self.catalog = catalog
        self.undo_stack = QUndoStack(self)
        self.client: Client | None = None
        self.visit: Visit | None = None
        self.last_ranking_ms = 0.0
        self._other_visits: list[Visit] = []
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        self._metrics_timer = QTimer(self)
        self._metrics_timer.setSingleShot(True)
        self._metrics_timer.setInterval(METRICS_DELAY_MS)
        self._metrics_timer.timeout.connect(self.publish_metrics)
        self.undo_stack.indexChanged.connect(lambda _i: self._changed())

    # Opening ----------------------------------------------------------------------------
    def open_client(self, client_id: int) -> None:
        self.save_now()
        self.client = self.records.client(client_id)
        visits = self.records.visits(client_id)
        self._open(visits[-1] if visits else None)

    def open_visit(self, visit_id: int) -> None:
        self.save_now()
        self._open(self.records.visit(visit_id))

    def new_client(self, name: str) -> Client:
        self.save_now()
        client = self.records.save_client(Client(id=None, name=name))
        self.client = client
        self._open(None)
        return client

    def new_visit(self, therapist: str = "") -> Visit:
        if self.client is None:
            raise ValueError("open or create a client first")
        self.save_now()
        visit = self.records.new_visit(self.client.id, date.today(), therapist)
        self._open(visit)
        return visit

    def erase_client(self) -> None:
        if self.client is None:
            return
        self._timer.stop()
        self._dirty = False
        self.records.erase_client(self.client.id)
        self.client = None
        self._open(None)

    def _open(self, visit: Visit | None) -> None:
        self.visit = visit
        # The client's other visits do not change while this one is edited: read them once.
        self._other_visits = [v for v in self.records.visits(visit.client_id) if v.id != visit.id] if visit else []
        self.undo_stack.clear()
        self._dirty = False
        self.sig_visit_opened.emit()
        self._publish(metrics_now=True)

    # Edits (always through the undo stack) ----------------------------------------------------
    def paint(self, view: str, shape: BaseGeometry, intensity: int, quality: str, stroke_id: int,
              erase: bool = False) -> None:
        if self.visit is None or self.records.read_only:
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
        if self.visit is None or self.records.read_only:
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

    def _set_pain(self, pain: PainMap) -> None:
        self.visit.pain = pain
        self.sig_pain_changed.emit()
        self._publish()

    # Saving ---------------------------------------------------------------------------------
    def _changed(self) -> None:
        if self.visit is not None and not self.records.read_only:
            self._dirty = True
            self._timer.start()

    def save_now(self) -> None:
        self._timer.stop()
        if not self._dirty or self.visit is None:
            return
        try:
            stored = self.records.save_visit(self.visit)
        except Exception as exc:  # noqa: BLE001 - the user must hear about any failed save
            self.sig_status.emit(f"Could not save the visit: {exc}. Your edits are kept; retrying on the next change.")
            return
        self.visit = dataclasses.replace(self.visit, id=stored.id)
        self._dirty = False
        self.sig_status.emit(f"Saved {time.strftime('%H:%M:%S')}")

    # Ranking and metrics ------------------------------------------------------------------------
    def _publish(self, metrics_now: bool = False) -> None:
        """Ranking at once (it is the live feedback); metrics now or once painting pauses."""
        if self.visit is None:
            self._metrics_timer.stop()
            self.sig_candidates.emit([])
            self.sig_metrics.emit({})
            return
        t0 = time.perf_counter()
        pain = self.visit.pain
        found = self.catalog.candidates_for_pain({v: pain.strokes(v) for v in pain.views()}, limit=LIVE_LIST_LENGTH)
        self.last_ranking_ms = (time.perf_counter() - t0) * 1000
        self.sig_candidates.emit(candidate_rows(self.catalog, found))
        if metrics_now:
            self.publish_metrics()
        else:
            self._metrics_timer.start()

    def publish_metrics(self) -> None:
        self._metrics_timer.stop()
        if self.visit is not None:
            self.sig_metrics.emit(self.metrics_summary())

    def metrics_summary(self) -> dict:
        pain = self.visit.pain
        outlines = {name: spec.outline for name, spec in self.catalog.views.items()}
        skin = self.catalog.skin_areas
        per_view = metrics.extent(pain, outlines, skin)
        total = metrics.extent(pain, {v: outlines[v] for v in BODY_SURFACE_VIEWS if v in outlines}, skin)
        wpi = metrics.wpi_regions(pain, skin)
        summary = {"extent": per_view, "total": total, "wpi": wpi, "areas": wpi.areas, "change": None,
                   "previous_date": None, "trend": []}
        visits = self._other_visits
        earlier = [v for v in visits if (v.date, v.id or 0) < (self.visit.date, self.visit.id or 0)]
        if earlier:
            summary["change"] = metrics.compare(earlier[-1].pain, pain)
            summary["previous_date"] = earlier[-1].date
        summary["trend"] = metrics.trend([*visits, self.visit], {v: outlines[v] for v in BODY_SURFACE_VIEWS})
        return summary
