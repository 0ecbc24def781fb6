"""The radicular panel put beside the TrP candidates of a window, with its presenter and the map
highlight of the selected root or nerve: ``attach_to_explorer`` (Where does it hurt?, the chosen skin
areas) and ``attach_to_client_window`` (the visit's painted map).  Each window adds it with one line.
"""

from __future__ import annotations

from collections.abc import Callable

import shapely
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QComboBox, QSplitter, QWidget

from app.domain.records import RED_FLAGS
from app.services.catalog_service import CatalogUnavailable
from app.services.nerve_service import NerveService, nerve_service_for
from app.ui.body_map import BodyMapView
from app.ui.nerves.radicular_panel import RadicularPanel
from app.ui.nerves.radicular_presenter import RadicularPresenter
from app.ui.nerves.territory_highlight import TerritoryHighlight
from app.ui.qt_geometry import to_painter_path

EXPLORER_PROMPT = "Click skin areas on the map: the roots and nerves whose territory the pain fits appear here."
CLIENT_PROMPT = "Paint the pain: the roots and nerves whose territory it fits appear here as you paint."
PAINT_PAUSE_MS = 120  # the client window compares once a stroke pauses this long, not per brush segment
CLICK_SETTLE_MS = 50  # the explorer compares once the click's own ranking and repaint are done


class RadicularView(QObject):
    """Panel, presenter and highlight for one window.  ``view``/``layer`` tell what the map shows;
    ``go_to_view`` turns the map (as the window's view picker does)."""

    def __init__(self, service: NerveService, body_map: BodyMapView, candidates: QWidget,
                 view: Callable[[], str], layer: Callable[[], str], view_picker: QComboBox,
                 delay_ms: int, parent: QObject) -> None:
        super().__init__(parent)
        self.service = service
        self._view, self._layer, self._picker = view, layer, view_picker
        self.presenter = RadicularPresenter(service, self, delay_ms)
        self.panel = RadicularPanel(candidates)
        self.highlight = TerritoryHighlight()
        self.highlight.setVisible(True)
        body_map.scene().addItem(self.highlight)
        self.selected: tuple[str, str, str] | None = None  # (kind, id, side) of the selected row
        place_beside_candidates(candidates, self.panel)
        self.presenter.sig_result.connect(self._show_result)
        self.presenter.sig_cleared.connect(self._clear)
        self.presenter.sig_waiting.connect(self.panel.show_waiting)
        self.panel.sig_selected.connect(self.select)

    def _show_result(self, result) -> None:
        self.panel.show_result(result)
        self._deselect()

    def _clear(self, prompt: str) -> None:
        self.panel.clear(prompt)
        self._deselect()

    def _deselect(self) -> None:
        self.selected = None
        self.highlight.clear()

    def select(self, kind: str, ref: str, side: str, best_view: str) -> None:
        """Show this root's or nerve's territory, turning the map to its best view when it is not drawn
        on the shown one."""
        self.selected = (kind, ref, side)
        if not self._territory(self._view()).isEmpty() or best_view == self._view():
            self.redraw()
        else:
            self._picker.setCurrentIndex(self._picker.findData(best_view))  # the window redraws, then so do we
            if self._view() != best_view:
                self.redraw()

    def redraw(self) -> None:
        """Draw the selected root or nerve on the view now shown (after a view or layer change too)."""
        if self.selected is None:
            self.highlight.clear()
            return
        kind, ref, _side = self.selected
        name = ref if kind == "root" else self.service.nerve(ref).name.split(" (")[0]
        self.highlight.show_selection(name, self._territory(self._view()), self._muscles())

    def _territory(self, view: str) -> QPainterPath:
        kind, ref, side = self.selected
        shapes = [t.geometry for t in self.service.territories
                  if (t.kind, t.ref, t.side, t.view) == (kind, ref, side, view)]
        return to_painter_path(shapely.union_all(shapes)) if shapes else QPainterPath()

    def _muscles(self) -> QPainterPath:
        kind, ref, side = self.selected
        path = QPainterPath()
        if kind != "root":
            return path
        supplied = set(self.service.muscles_of_root(ref))
        for region in self.service.catalog.regions(self._view(), self._layer()):
            if region.kind == "muscle" and region.ref in supplied and region.side in (side, "midline", "", None):
                path.addPath(to_painter_path(region.geometry))
        return path


def place_beside_candidates(candidates: QWidget, panel: RadicularPanel) -> None:
    """Put the panel under the candidates' list, the two sharing the height through a splitter."""
    layout = candidates.layout()
    index = layout.indexOf(candidates.list)
    layout.removeWidget(candidates.list)
    splitter = QSplitter(Qt.Orientation.Vertical, candidates)
    splitter.setObjectName("candidates_and_nerves")
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(candidates.list)
    splitter.addWidget(panel)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    layout.insertWidget(index, splitter, 1)


def _service_for(window_catalog) -> NerveService | None:
    try:
        return nerve_service_for(window_catalog)
    except CatalogUnavailable:
        return None  # an older catalog without nerve tables: the window works without the panel


def attach_to_explorer(window) -> RadicularView | None:
    """Where does it hurt?: the chosen skin areas compared, the panel under the candidates."""
    layers = getattr(window, "nerve_layers", None)
    service = layers.service if layers is not None else _service_for(window.service)
    if service is None:
        window.radicular = None
        return None
    c = window.controller
    rv = RadicularView(service, window.body_map, window.candidates, lambda: c.view, lambda: c.layer,
                       window.view_combo, CLICK_SETTLE_MS, window)
    rv.panel.clear(EXPLORER_PROMPT)
    c.sig_areas.connect(lambda areas: rv.presenter.request_areas([(slug, side) for slug, side, _n in areas],
                                                                 EXPLORER_PROMPT))
    c.sig_view_changed.connect(lambda _view, _layer: rv.redraw())
    window.radicular = rv
    return rv


def attach_to_client_window(window) -> RadicularView | None:
    """The client window: the visit's painted map compared once painting pauses."""
    service = _service_for(window.catalog)
    if service is None:
        window.radicular = None
        return None
    p = window.presenter
    rv = RadicularView(service, window.map, window.candidates, lambda: window.view, lambda: window.layer,
                       window.view_combo, PAINT_PAUSE_MS, window)
    rv.panel.clear(CLIENT_PROMPT)
    compare = lambda: rv.presenter.request_pain(p.visit.pain if p.visit else None, CLIENT_PROMPT)  # noqa: E731
    p.sig_pain_changed.connect(compare)
    p.sig_visit_opened.connect(compare)

    def red_flags() -> None:  # the visit's ticked red flags lead the red box
        flags = p.visit.red_flags if p.visit else {}
        rv.panel.show_recorded_red_flags([RED_FLAGS.get(key, key) for key, ticked in flags.items() if ticked])

    p.sig_visit_opened.connect(red_flags)
    p.sig_field_changed.connect(lambda name: name.startswith("red_flags") and red_flags())
    # Connected after the window's own handlers: by then window.view and window.layer are the new ones.
    window.view_combo.currentIndexChanged.connect(lambda _i: rv.redraw())
    window.layer_combo.currentIndexChanged.connect(lambda _i: rv.redraw())
    window.radicular = rv
    return rv
