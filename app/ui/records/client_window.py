"""The client screen: paint where it hurts, record the visit, see candidates and change.

Left: clients and their visits.  Centre: the body map with painting tools (brush, polygon,
eraser) on every view and layer.  Right: the visit record, findings and treatment, live
candidate trigger points and metrics.  Edits are undoable and saved automatically.
"""

from __future__ import annotations

import shapely
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QInputDialog, QLabel, QMainWindow, QMessageBox, QSpinBox, QSplitter, QTabWidget, QToolBar,
    QWidget,
)

from app.domain.pain_map import QUALITIES
from app.paths import assets_dir
from app.services.catalog_service import CatalogService
from app.services.preferences import remembered_therapist
from app.services.records_service import RecordsService
from app.ui.body_map import BodyMapView
from app.ui.candidates_panel import CandidatesPanel
from app.ui.explorer import _SIDE_LABELS
from app.ui.nerves.radicular_view import attach_to_client_window
from app.ui.patterns import add_view_layer_pickers, draw_pattern, show_layers
from app.ui.qt_geometry import to_painter_path
from app.ui.records.client_panel import ClientPanel
from app.ui.records.findings_panel import FindingsPanel
from app.ui.records.metrics_panel import MetricsPanel
from app.ui.records.pain_layer import IntensityLegend, PainLayer
from app.ui.records.paint_tools import BrushTool, PolygonTool
from app.ui.records.report_export import export_report
from app.ui.records.save_prompts import CloseChoice, ask_before_closing, settle_conflict
from app.ui.records.client_search import ClientSearch, ClientSearchField
from app.ui.records.signing import ChartingBar, ChartingController
from app.ui.records.visit_form import VisitForm
from app.ui.records.visit_presenter import VisitPresenter



NO_VISIT_PROMPT = "Choose a client (or New client…) and open or start a visit, then paint where it hurts."
PAINT_PROMPT = "Paint where it hurts: candidates update as you paint."

class ClientWindow(QMainWindow):
    def __init__(self, records: RecordsService, catalog: CatalogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Clients — Trigger Point Explorer")
        self.resize(1400, 900)
        self.catalog = catalog
        self.presenter = VisitPresenter(records, catalog, self)
        self.view = "anterior"
        self.layer = catalog.views[self.view].layers[0]
        self.map = BodyMapView(self)
        self.map.base_opacity = 0.45
        self.last_metrics = None  # the open visit's VisitMetrics, once measured
        self.pain_layer = PainLayer(self.map.scene())
        self.brush = BrushTool(self._shape_drawn, lambda: float(self.size_spin.value()))
        self.eraser = BrushTool(self._shape_drawn, lambda: float(self.size_spin.value()), erase=True)
        self.polygon = PolygonTool(self._shape_drawn, self.map.scene)
        self._build_left()
        self._build_right()
        self._build_toolbar()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.left)
        splitter.addWidget(self.map)
        splitter.addWidget(self.tabs)
        splitter.setSizes([260, 640, 500])
        self.setCentralWidget(splitter)
        self.status = QLabel(self)
        self.statusBar().addWidget(self.status, 1)
        if records.read_only:
            self.status.setText(f"Read-only: {records.read_only_reason or records.location}")
        self._connect()
        attach_to_client_window(self)  # roots and nerves the painted pain fits, under the candidates (app/ui/nerves)
        self._refresh_clients()
        self.show_view(self.view)

    # Layout ---------------------------------------------------------------------------------
    def _build_left(self) -> None:
        self.left = ClientPanel(self)
        self.clients = self.left.clients
        self.client_search_field = ClientSearchField(self.left)  # charting additions (records-store)
        self.left.layout().insertWidget(1, self.client_search_field)
        self.charting_bar = ChartingBar(self.left)
        self.left.layout().addWidget(self.charting_bar)

    def _build_right(self) -> None:
        self.tabs = QTabWidget(self)
        self.form = VisitForm(self)
        trps = [(t.id, m.id, t.label) for m in self.catalog.muscles() for t in m.trigger_points]
        self.findings = FindingsPanel(trps, [(t.id, t.name) for t in self.catalog.techniques()], self)
        self.candidates = CandidatesPanel(self)
        self.candidates.heading.setText(NO_VISIT_PROMPT)
        self.metrics = MetricsPanel(self)
        self.tabs.addTab(self.candidates, "Candidates")
        self.tabs.addTab(self.form, "Visit")
        self.tabs.addTab(self.findings, "Findings && treatment")
        self.tabs.addTab(self.metrics, "Metrics")

    def _build_toolbar(self) -> None:
        bar = QToolBar("Painting", self)
        self.addToolBar(bar)
        self.view_combo, self.layer_combo = add_view_layer_pickers(bar, self.catalog.views, self)
        group = QActionGroup(self)
        self.tool_actions = {}
        for key, text, shortcut in (("pan", "Pan", "H"), ("brush", "Brush", "B"), ("polygon", "Polygon", "P"),
                                    ("eraser", "Eraser", "E")):
            action = QAction(text, self, checkable=True)
            action.setShortcut(QKeySequence(shortcut))
            group.addAction(action)
            bar.addAction(action)
            self.tool_actions[key] = action
        self.size_spin = QSpinBox(self)
        self.size_spin.setRange(4, 200)
        self.size_spin.setValue(30)
        self.size_spin.setSuffix(" mm")
        self.intensity_spin = QSpinBox(self)
        self.intensity_spin.setRange(0, 10)
        self.intensity_spin.setValue(6)
        self.quality_combo = QComboBox(self)
        self.quality_combo.addItems(list(QUALITIES))
        bar.addWidget(QLabel(" Size ")), bar.addWidget(self.size_spin)
        bar.addWidget(QLabel(" Intensity ")), bar.addWidget(self.intensity_spin)
        bar.addWidget(QLabel(" Quality ")), bar.addWidget(self.quality_combo)
        bar.addWidget(IntensityLegend(self))
        bar.addSeparator()
        self.undo_action = self.presenter.undo_stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.presenter.undo_stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        # Visit actions on their own toolbar: on the painting bar they fell behind its overflow arrow.
        self.addToolBarBreak()
        visit_bar = QToolBar("Visit", self)
        self.addToolBar(visit_bar)
        self.compare_action = QAction("Show change since last visit", self, checkable=True)
        self.compare_action.setToolTip("Red hatching: new pain; blue hatching: pain that has gone")
        visit_bar.addAction(self.compare_action)
        self.report_action = QAction("Visit report (PDF)…", self)
        visit_bar.addAction(self.report_action)
        self.tool_actions["brush"].setChecked(True)

    def _connect(self) -> None:
        p = self.presenter
        self.client_search = ClientSearch(self.client_search_field, p.records, self)
        self.client_search.sig_results.connect(lambda: self._refresh_clients(p.client.id if p.client else None))
        self.charting = ChartingController(self.charting_bar, p, self)
        self.charting.sig_fields_locked.connect(self._load_visit_fields)
        self.charting.sig_status.connect(self._show_status)
        self.left.sig_client_chosen.connect(self._open_client)
        self.left.sig_visit_chosen.connect(lambda vid: vid != (p.visit.id if p.visit else None) and p.open_visit(vid))
        self.left.new_client_button.clicked.connect(self._new_client)
        self.left.erase_client_button.clicked.connect(self._erase_client)
        self.left.new_visit_button.clicked.connect(self._new_visit)
        self.left.sig_details_edited.connect(self._save_client_details)
        self.view_combo.currentIndexChanged.connect(lambda _i: self.show_view(self.view_combo.currentData()))
        self.layer_combo.currentIndexChanged.connect(self._layer_chosen)
        for key, action in self.tool_actions.items():
            action.toggled.connect(lambda on, k=key: on and self.set_tool(k))
        self.set_tool("brush")
        p.sig_pain_changed.connect(self._redraw_pain)
        p.sig_visit_opened.connect(self._visit_opened)
        p.sig_field_changed.connect(lambda _n: self._load_visit_fields())
        p.sig_candidates.connect(self._show_candidates)
        p.sig_metrics.connect(self._metrics_changed)
        p.sig_metrics_failed.connect(self._metrics_failed)
        p.sig_visits_changed.connect(self._show_visit_list)
        p.sig_conflict.connect(lambda error: settle_conflict(self, p, error))
        self.compare_action.toggled.connect(lambda _on: self._redraw_pain())
        p.sig_status.connect(self._show_status)
        self.form.sig_edited.connect(p.edit_field)
        self.findings.sig_findings.connect(lambda items: p.edit_field("findings", items))
        self.findings.sig_treatments.connect(lambda items: p.edit_field("treatments", items))
        self.candidates.sig_selected.connect(self._show_pattern)
        self.report_action.triggered.connect(self._export_report)

    # Map ------------------------------------------------------------------------------------
    def show_view(self, view: str, layer: str | None = None) -> None:
        spec = self.catalog.views[view]
        self.view = view
        self.layer = layer if layer in spec.layers else (self.layer if self.layer in spec.layers else spec.layers[0])
        self.map.show_atlas(assets_dir() / f"{view}_{self.layer}.svg", None, spec.width, spec.height,
                            _SIDE_LABELS.get(view))
        self.map.fit()
        show_layers(self.layer_combo, spec.layers, self.layer)
        self._redraw_pain()

    def _layer_chosen(self, _index: int) -> None:
        layer = self.layer_combo.currentData()
        if layer and layer != self.layer:
            self.show_view(self.view, layer)

    def set_tool(self, key: str) -> None:
        self.polygon.cancel()
        self.map.set_tool({"brush": self.brush, "eraser": self.eraser, "polygon": self.polygon}.get(key))

    def _shape_drawn(self, shape, stroke_id: int, erase: bool) -> None:
        if self.presenter.visit is None:
            self.status.setText("Create or open a visit before painting.")
            return
        self.presenter.paint(self.view, shape, self.intensity_spin.value(), self.quality_combo.currentText(),
                             stroke_id, erase)

    def _show_candidates(self, rows: list[dict]) -> None:
        """The live ranking; with nothing painted, what to do next (not "no trigger point refers
        pain here", which is what an empty ranking of a painted map means)."""
        visit = self.presenter.visit
        if visit is None:
            self.candidates.clear_candidates(NO_VISIT_PROMPT)
        elif visit.pain.is_empty():
            self.candidates.clear_candidates(PAINT_PROMPT)
        else:
            self.candidates.show_candidates(f"{len(rows)} candidate trigger points for the painted pain (best first)",
                                            rows)

    def _redraw_pain(self) -> None:
        visit = self.presenter.visit
        self.map.clear_pattern()
        if visit is None:
            self.pain_layer.clear()
            return
        self.pain_layer.show(visit.pain, self.view)
        changes = self.last_metrics.change if self.last_metrics is not None else None
        change = (changes or {}).get(self.view) if self.compare_action.isChecked() else None
        if change is not None:
            self.pain_layer.show_change(change.gained, change.lost)
        self._draw_findings()

    def _draw_findings(self) -> None:
        visit = self.presenter.visit
        ids = [f.trigger_point_id for f in visit.findings if f.trigger_point_id]
        placements = self.catalog.placements_for(ids) if ids else {}
        for finding in visit.findings:
            markers = [(p.x, p.y) for p in placements.get(finding.trigger_point_id, [])
                       if p.view == self.view and p.side == finding.side]
            if markers:
                color = QColor(190, 0, 0) if finding.status == "active" else QColor(230, 140, 0)
                self.map.show_pattern(to_painter_path(shapely.Polygon()), to_painter_path(shapely.Polygon()),
                                      markers, color)

    def _metrics_changed(self, metrics) -> None:
        """New figures, or None while the open visit is being measured."""
        had_change = self.last_metrics is not None and self.last_metrics.change is not None
        self.last_metrics = metrics
        self.metrics.show_metrics(metrics, waiting=self.presenter.visit is not None)
        if self.compare_action.isChecked() and (had_change or (metrics is not None and metrics.change)):
            self._redraw_pain()

    def _metrics_failed(self, message: str) -> None:
        self.last_metrics = None
        self.metrics.show_failure(message)

    def _show_status(self, text: str) -> None:
        failed = self.presenter.save_error is not None
        self.status.setStyleSheet("color: #b00020; font-weight: bold;" if failed else "")
        self.status.setText(text)

    def _show_pattern(self, trp_id: str, side: str) -> None:
        self._redraw_pain()
        draw_pattern(self.map, self.catalog, [trp_id], self.view, side)

    # Clients and visits -----------------------------------------------------------------------
    def _refresh_clients(self, select: int | None = None) -> None:
        records = self.presenter.records
        self.left.set_clients(self.client_search.clients(), select, not records.read_only)

    def _open_client(self, client_id: int) -> None:
        self.presenter.open_client(client_id)
        self._load_client_details()

    def _load_client_details(self) -> None:
        self.left.show_client(self.presenter.client, not self.presenter.records.read_only)

    def _save_client_details(self) -> None:
        client, updated = self.presenter.client, self.left.edited_client()
        if updated is None or self.presenter.records.read_only or updated == client:
            return
        try:
            self.presenter.client = self.presenter.records.save_client(updated)
        except Exception as exc:  # noqa: BLE001 - said in plain words; the typed details stay in the form
            QMessageBox.warning(self, "Client details not saved", f"The client's details were not saved: {exc}")
            return
        self._refresh_clients(select=client.id)

    def _new_client(self) -> None:
        name, ok = QInputDialog.getText(self, "New client", "Client's name:")
        if ok and name.strip():
            client = self.presenter.new_client(name.strip())
            self._refresh_clients(select=client.id)
            self._load_client_details()
            self._new_visit()

    def _erase_client(self) -> None:
        client = self.presenter.client
        if client is None:
            return
        answer = QMessageBox.question(self, "Erase client", f"Erase {client.name} and every visit completely? "
                                      "This cannot be undone.")
        if answer == QMessageBox.StandardButton.Yes:
            self.presenter.erase_client()
            self._refresh_clients()
            self._load_client_details()

    def _new_visit(self) -> None:
        if self.presenter.client is not None:
            self.presenter.new_visit(remembered_therapist())

    def _visit_opened(self) -> None:
        self.last_metrics = None
        self._show_visit_list()
        self._load_visit_fields()
        self._redraw_pain()

    def _show_visit_list(self) -> None:
        visit = self.presenter.visit
        self.left.set_visits(self.presenter.visits, visit.id if visit else None)

    def _load_visit_fields(self) -> None:
        visit = self.presenter.visit
        read_only = self.presenter.records.read_only or (visit is not None and visit.signed)  # signed: amend first
        self.form.load(visit, read_only)
        self.findings.load(visit.findings if visit else [], visit.treatments if visit else [],
                           visit is not None and not read_only)
        if visit is not None:
            self._redraw_pain()

    def _export_report(self) -> None:
        written = export_report(self, self.presenter, self.catalog)
        if written:
            self._show_status(f"Wrote the report to {written} (readable by you only)")

    def closeEvent(self, event) -> None:  # noqa: N802
        if ask_before_closing(self, self.presenter) is CloseChoice.STAY:
            event.ignore()
            return
        self.presenter.metrics_runner.cancel()
        super().closeEvent(event)
