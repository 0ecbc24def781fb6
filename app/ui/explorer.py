"""Presenter of the explorer window: turns map clicks into lookups and lookups into drawing.

It owns the session state (view, layer, mode, selection) and the catalog service; the
widgets only draw what it hands them and report what the user did.
"""

from __future__ import annotations


import shapely
from PySide6.QtCore import QObject, QRectF, Signal

from app.domain.model import Region
from app.paths import assets_dir
from app.services.catalog_service import CatalogService, area_name
from app.ui.body_map import BodyMapView
from app.ui.candidates_panel import candidate_rows
from app.ui.patterns import draw_pattern
from app.ui.qt_geometry import to_painter_path

EXPLORE, WHERE_IT_HURTS = "explore", "pain"
_SIDE_LABELS = {"anterior": ("Client's R", "Client's L"), "posterior": ("Client's L", "Client's R"),
                "plantar": ("Client's R", "Client's L"), "right_lateral": ("Client's right side", ""),
                "left_lateral": ("Client's left side", "")}


class ExplorerController(QObject):
    sig_status = Signal(str)
    """Text for the status bar (what is under the pointer)."""
    sig_info_html = Signal(str)
    """New content for the information panel."""
    sig_candidates = Signal(str, list)
    """Heading and ranked candidate rows for the candidates panel."""
    sig_view_changed = Signal(str, str)
    """The map now shows this view and layer."""

    def __init__(self, service: CatalogService, body_map: BodyMapView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.map = body_map
        self.view = next(iter(service.views))
        self.layer = service.views[self.view].layers[0]
        self.mode = EXPLORE
        self.muscle_id: str | None = None
        self.trp_id: str | None = None
        self.trp_side = "right"
        self.region_key: tuple[str, str] | None = None
        self.last_candidates: list[dict] = []
        body_map.sig_hovered.connect(self.on_hover)
        body_map.sig_clicked.connect(self.on_click)
        body_map.sig_left.connect(lambda: (self.map.set_highlight(None), self.sig_status.emit("")))

    # View state -----------------------------------------------------------------------------
    def set_view(self, view: str, layer: str | None = None) -> None:
        spec = self.service.views[view]
        self.view = view
        self.layer = layer if layer in spec.layers else (self.layer if self.layer in spec.layers else spec.layers[0])
        folder = assets_dir()
        skin = folder / f"{view}_skin.svg" if self.mode == WHERE_IT_HURTS else None
        self.map.show_atlas(folder / f"{view}_{self.layer}.svg", skin, spec.width, spec.height,
                            _SIDE_LABELS.get(view))
        self.map.fit()
        self._redraw_selection()
        self.sig_view_changed.emit(self.view, self.layer)

    def set_layer(self, layer: str) -> None:
        self.set_view(self.view, layer)

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.set_view(self.view, self.layer)

    # Pointer --------------------------------------------------------------------------------
    def _region_at(self, x: float, y: float) -> Region | None:
        return self.service.lookup.region_at(self.view, self.layer, x, y)

    def on_hover(self, x: float, y: float) -> None:
        if self.mode == WHERE_IT_HURTS:
            area = self.service.lookup.skin_area_at(self.view, x, y)
            self.map.set_highlight(to_painter_path(area.geometry) if area else None)
            self.sig_status.emit(f"{area_name(area.slug)} ({area.side})" if area else "")
            return
        region = self._region_at(x, y)
        self.map.set_highlight(to_painter_path(region.geometry) if region else None)
        self.sig_status.emit(self.service.describe_region(region) if region else "")

    def on_click(self, x: float, y: float) -> None:
        if self.mode == WHERE_IT_HURTS:
            self.show_candidates_at(x, y)
            return
        region = self._region_at(x, y)
        if region is None:
            return
        if region.kind == "muscle" and region.ref in {m.id for m in self.service.muscles()}:
            self.trp_side = region.side if region.side in ("left", "right") else "right"
            self.show_muscle(region.ref)
        else:
            self.sig_status.emit(self.service.describe_region(region))

    # What to show ---------------------------------------------------------------------------
    def show_muscle(self, muscle_id: str, trp_id: str | None = None) -> None:
        muscle = self.service.muscle(muscle_id)
        self.muscle_id, self.trp_id = muscle.id, trp_id
        self._publish_card()
        self._redraw_selection()

    def select_trigger_point(self, trp_id: str, side: str | None = None) -> None:
        trp = self.service.trigger_point(trp_id)
        if side:
            self.trp_side = side
        self.muscle_id, self.trp_id = trp.muscle_id, trp.id
        self._publish_card()
        self._redraw_selection()

    def show_pattern_only(self, trp_id: str, side: str = "right") -> None:
        """Draw one TrP's pattern on the view that shows most of it, naming nothing (quiz)."""
        zones = [z for z in self.service.zones_for([trp_id]) if z.side == side]
        area = {}
        for z in zones:
            area[z.view] = area.get(z.view, 0.0) + z.geometry.area * (2.0 if z.kind == "essential" else 1.0)
        if area:
            best = max(sorted(area), key=area.get)
            if best != self.view:
                self.set_view(best, self.service.views[best].layers[0])
        self.muscle_id, self.trp_id, self.trp_side = None, None, side
        self.map.clear_pattern()
        self.map.set_selection(None)
        self.sig_status.emit("")
        placements = draw_pattern(self.map, self.service, [trp_id], self.view, side)
        shapes = [z.geometry for z in zones if z.view == self.view]
        shapes += [shapely.Point(p.x, p.y) for p in placements if p.view == self.view]
        if shapes:
            x0, y0, x1, y1 = shapely.union_all(shapes).bounds
            self.map.focus_on(QRectF(x0, y0, x1 - x0, y1 - y0))

    def show_condition(self, condition_id: str) -> None:
        from app.ui.cards import condition_html

        condition = self.service.condition(condition_id)
        labels = {t.id: t.label for m in self.service.muscles() for t in m.trigger_points}
        self.sig_info_html.emit(condition_html(condition, self._muscle_names(), labels))

    def show_candidates_at(self, x: float, y: float) -> None:
        self.muscle_id = self.trp_id = None
        self.map.clear_pattern()
        area = self.service.lookup.skin_area_at(self.view, x, y)
        if area is not None:
            found = self.service.candidates_for_area(area.slug, area.side)
            heading = f"Pain at: {area_name(area.slug)}, client's {area.side} — best candidates first"
            self.map.set_selection(to_painter_path(area.geometry))
        else:
            found = self.service.candidates_at(self.view, x, y)
            heading = "Pain at the clicked spot — best candidates first"
        self.last_candidates = candidate_rows(self.service, found[:40])
        self.sig_candidates.emit(heading, self.last_candidates)

    def _muscle_names(self) -> dict[str, str]:
        return {m.id: m.name for m in self.service.muscles()}

    def _publish_card(self) -> None:
        from app.ui.cards import muscle_html

        muscle = self.service.muscle(self.muscle_id)
        self.sig_info_html.emit(muscle_html(muscle, self.trp_id, self.service.conditions_for_muscle(muscle.id),
                                            self.service.techniques(), self._muscle_names()))

    def _redraw_selection(self) -> None:
        self.map.clear_pattern()
        if self.mode == EXPLORE:
            self.map.set_selection(None)
        if self.muscle_id is None:
            return
        muscle = self.service.muscle(self.muscle_id)
        trp_ids = [self.trp_id] if self.trp_id else [t.id for t in muscle.trigger_points]
        side = self.trp_side
        if self.mode == EXPLORE:
            outlines = [r.geometry for r in self.service.regions(self.view, self.layer)
                        if r.ref == muscle.id and r.side == side]
            if outlines:
                self.map.set_selection(to_painter_path(shapely.union_all(outlines)))
        placements = draw_pattern(self.map, self.service, trp_ids, self.view, side)
        if placements and not any(p.view == self.view for p in placements):
            elsewhere = sorted({p.view.replace("_", " ") for p in placements})
            self.sig_status.emit(f"The trigger point (✕) is drawn on the {' and '.join(elsewhere)} view.")
