"""Presenter of the explorer window: turns map clicks into lookups and lookups into drawing.

It owns the session state (view, layer, mode, selection, chosen skin areas, pinned view) and
the catalog service; the widgets only draw what it hands them and report what the user did.
Whatever changes (mode, view, layer, selection) the map is redrawn from this state, so nothing
stale stays on it.
"""

from __future__ import annotations


import shapely
from PySide6.QtCore import QCoreApplication, QObject, QRectF, QThreadPool, Signal

from app.domain.model import Region
from app.paths import assets_dir
from app.services.catalog_service import CatalogService, area_name
from app.ui.body_map import BodyMapView
from app.ui.candidates_panel import candidate_rows
from app.ui.cards import muscle_html
from app.ui.condition_zones import busiest_view, condition_zones
from app.ui.patterns import best_view, draw_pattern, pattern_by_view
from app.ui.qt_geometry import to_painter_path
from app.ui.input_gate import InputGate
from app.ui import worker_post
from app.ui.start_up import StartUp

EXPLORE, WHERE_IT_HURTS = "explore", "pain"
# Which side of the client each screen edge shows: the anterior and plantar views face the viewer
# (client's right on the viewer's left), the posterior view shows the client's back.
_SIDE_LABELS = {"anterior": ("Client's R", "Client's L"), "posterior": ("Client's L", "Client's R"),
                "plantar": ("Client's R", "Client's L"), "right_lateral": ("Client's right side", ""),
                "left_lateral": ("Client's left side", "")}
PAIN_PROMPT = ("Click where it hurts (skin areas are outlined) to rank the trigger points that refer pain there; "
               "Ctrl+click or Shift+click adds or removes more areas.")


class ExplorerController(QObject):
    sig_status = Signal(str)
    """Text for the status bar (what is under the pointer)."""
    sig_info_html = Signal(str)
    """New content for the information panel."""
    sig_candidates = Signal(str, list)
    """Heading and ranked candidate rows for the candidates panel."""
    sig_candidates_cleared = Signal(str)
    """The candidate list no longer applies: empty it and show this prompt."""
    sig_areas = Signal(list)
    """The chosen skin areas changed: (slug, side, display name) in the order chosen."""
    sig_view_changed = Signal(str, str)
    """The map now shows this view and layer."""
    sig_pattern_views = Signal(dict)
    """The selected pattern per view (view -> PatternOnView; empty when nothing is selected)."""
    sig_notice = Signal(str)
    """A message worth a few seconds in the status bar (e.g. why the view changed)."""
    sig_rehearse_card = Signal(str)
    """Lay this card out off the screen once (before the window shows): nothing shown changes."""

    def __init__(self, service: CatalogService, body_map: BodyMapView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.map = body_map
        self.view = next(iter(service.views))
        self.layer = service.views[self.view].layers[0]
        self.mode = EXPLORE
        self.pinned = False  # True: selecting something never switches the view
        self.muscle_id: str | None = None
        self.trp_id: str | None = None
        self.trp_side = "right"
        self.condition_id: str | None = None
        self.areas: list[tuple[str, str]] = []
        self.last_candidates: list[dict] = []
        # Start-up (app/ui/start_up.py): a worker builds first what a click on the map reads (the
        # lookup index, the muscle records: ~50 ms), then the rest of the catalog's caches, pausing
        # while the window answers input.  The shown layer's pictures of every view (a click that turns
        # the view keeps the layer) are rendered before the window first shows (``prepare_first_click``);
        # the other layers' once the warm-up is done, so that they do not compete with it.
        self._render_pictures_ahead(only_current_layer=True)
        self.input_gate = InputGate(self)
        self.input_gate.watch(QCoreApplication.instance())
        self.start_up = StartUp(service, self.layer, self.input_gate.pause)
        worker_post.relay().sig_posted.connect(self._warm_up_done)
        QThreadPool.globalInstance().start(self.start_up.run)
        body_map.sig_hovered.connect(self.on_hover)
        body_map.sig_clicked.connect(self.on_click)
        body_map.sig_extended_click.connect(self.on_extended_click)
        body_map.sig_left.connect(self.on_pointer_left)

    def _render_pictures_ahead(self, only_current_layer: bool = False) -> None:
        """Every view's pictures, the current layer's first (a click that turns the view keeps the
        layer), then the skin overlays, then the other layers."""
        folder, views = assets_dir(), self.service.views
        layers = list(dict.fromkeys([self.layer, "skin", *(l for spec in views.values() for l in spec.layers)]))
        if only_current_layer:
            layers = layers[:1]
        in_order = sorted(views, key=lambda view: view != self.view)  # the shown view first: it is painted first
        self.map.set_atlas_pictures([(folder / f"{view}_{layer}.svg", views[view].width, views[view].height)
                                     for layer in layers for view in in_order
                                     if layer == "skin" or layer in views[view].layers])

    def _warm_up_done(self, token: int, _payload: object) -> None:
        if token == self.start_up.token:  # not another window's, nor another worker's
            self.input_gate.stop()
            self._render_pictures_ahead()

    def prepare_first_click(self) -> bool:
        """Before the window first shows (its layout has sized the map): wait until the shown layer's
        picture of every view is rendered and the catalog's first-click part is built, both on
        workers; False if the wait's time ran out first (a loaded machine: the window shows anyway)."""
        return self.start_up.wait_before_show(self.map, self._rehearse_first_click)

    def _rehearse_first_click(self) -> None:
        """Draw a card and the pattern's legend off the screen once (fonts, glyphs, polish: ~5 ms that
        the first click spent), while the pictures render; nothing shown changes."""
        muscle = self.service.muscles()[0]
        self.sig_rehearse_card.emit(muscle_html(muscle, None, self.service.conditions_for_muscle(muscle.id),
                                                self.service.techniques(), self._muscle_names()))
        self.map.legend.rehearse()

    # View state -----------------------------------------------------------------------------
    def set_view(self, view: str, layer: str | None = None) -> None:
        spec = self.service.views[view]
        self.view = view
        self.layer = layer if layer in spec.layers else (self.layer if self.layer in spec.layers else spec.layers[0])
        folder = assets_dir()
        skin = folder / f"{view}_skin.svg" if self.mode == WHERE_IT_HURTS else None
        self.map.show_atlas(folder / f"{view}_{self.layer}.svg", skin, spec.width, spec.height,
                            _SIDE_LABELS.get(view), keep_legend=True)  # _redraw below settles it
        self.map.fit()
        self.sig_status.emit("")  # what was under the pointer is gone with the picture
        self._redraw()
        self.sig_view_changed.emit(self.view, self.layer)

    def set_layer(self, layer: str) -> None:
        self.set_view(self.view, layer)

    def set_mode(self, mode: str) -> None:
        """Each mode keeps only its own state: patterns and cards of Explore, areas and candidates
        of Where does it hurt? are cleared when the mode changes."""
        if mode == self.mode:
            return
        self.mode = mode
        self.muscle_id = self.trp_id = self.condition_id = None
        self.areas = []
        self.last_candidates = []
        self.sig_areas.emit([])
        self.sig_candidates_cleared.emit(PAIN_PROMPT)
        self.set_view(self.view, self.layer)

    def _switch_to(self, view: str | None) -> None:
        if view is not None and view != self.view and not self.pinned:
            self.set_view(view, self.layer)

    # Pointer --------------------------------------------------------------------------------
    def _region_at(self, x: float, y: float) -> Region | None:
        return self.service.lookup.region_at(self.view, self.layer, x, y)

    def on_hover(self, x: float, y: float) -> None:
        if self.mode == WHERE_IT_HURTS:
            area = self.service.lookup.skin_area_at(self.view, x, y)
            self.map.set_highlight(to_painter_path(area.geometry) if area else None)
            self.sig_status.emit(f"{area_name(area.slug)}, client's {area.side}" if area else "")
            return
        region = self._region_at(x, y)
        self.map.set_highlight(to_painter_path(region.geometry) if region else None)
        self.sig_status.emit(self.service.describe_region(region) if region else "")

    def on_pointer_left(self) -> None:
        self.map.set_highlight(None)
        self.sig_status.emit("")

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

    def on_extended_click(self, x: float, y: float) -> None:
        """Ctrl/Shift-click: add the skin area under the pointer to the pain, or remove it."""
        if self.mode != WHERE_IT_HURTS:
            self.on_click(x, y)
            return
        area = self.service.lookup.skin_area_at(self.view, x, y)
        if area is None:
            return
        key = (area.slug, area.side)
        self.set_areas([a for a in self.areas if a != key] if key in self.areas else [*self.areas, key])

    # What to show ---------------------------------------------------------------------------
    def show_muscle(self, muscle_id: str, trp_id: str | None = None) -> None:
        muscle = self.service.muscle(muscle_id)
        self.muscle_id, self.trp_id, self.condition_id = muscle.id, trp_id, None
        self._publish_card()
        self._show_selection()

    def select_trigger_point(self, trp_id: str, side: str | None = None) -> None:
        trp = self.service.trigger_point(trp_id)
        if side:
            self.trp_side = side
        self.muscle_id, self.trp_id, self.condition_id = trp.muscle_id, trp.id, None
        self._publish_card()
        self._show_selection()

    def _show_selection(self) -> None:
        """Go to the view that shows most of the selected essential zone (unless pinned), then draw."""
        target = best_view(pattern_by_view(self.service, self._selected_trps(), self.trp_side), self.view)
        if target is not None and target != self.view and not self.pinned:
            came_from = self.view
            self.set_view(target, self.layer)
            self.sig_notice.emit(f"Turned from the {came_from.replace('_', ' ')} to the {target.replace('_', ' ')} "
                                 "view, which shows most of the essential zone (View → Keep this view, Ctrl+L, "
                                 "stays put).")
        else:
            self._redraw()

    def show_pattern_only(self, trp_id: str, side: str = "right") -> None:
        """Draw one TrP's pattern on the view that shows most of it, naming nothing (quiz)."""
        self.muscle_id = self.trp_id = self.condition_id = None
        self.trp_side = side
        patterns = pattern_by_view(self.service, [trp_id], side)
        self._switch_to(best_view(patterns, self.view))
        self._redraw()
        draw_pattern(self.map, self.service, [trp_id], self.view, side)
        self.sig_status.emit("")
        here = patterns.get(self.view)
        if here is not None:
            shapes = [here.essential, here.spillover, *(shapely.Point(x, y) for x, y, _n in here.markers)]
            x0, y0, x1, y1 = shapely.union_all(shapes).bounds
            self.map.focus_on(QRectF(x0, y0, x1 - x0, y1 - y0))

    def show_technique(self, technique_id: str) -> None:
        """A technique's page in the information panel; the selection and the map stay as they are."""
        from app.ui.cards import technique_html

        technique = next((t for t in self.service.techniques() if t.id == technique_id), None)
        if technique is None:
            return
        back_to = self.service.muscle(self.muscle_id).name if self.muscle_id else None
        self.sig_info_html.emit(technique_html(technique, back_to))

    def show_card(self) -> None:
        """The selected muscle's card again, with its selected trigger point (after a technique page)."""
        if self.muscle_id is not None:
            self._publish_card()

    def show_condition(self, condition_id: str) -> None:
        """The condition's page, and its muscles' essential zones on the map, one colour each."""
        from app.ui.cards import condition_html

        condition = self.service.condition(condition_id)
        labels = {t.id: t.label for m in self.service.muscles() for t in m.trigger_points}
        self.sig_info_html.emit(condition_html(condition, self._muscle_names(), labels))
        if self.mode != EXPLORE:
            return
        self.muscle_id = self.trp_id = None
        self.condition_id = condition.id
        zones = condition_zones(self.service, condition.id)
        target = busiest_view(zones)
        if target is not None and target != self.view and not self.pinned:
            self.set_view(target, self.layer)
        else:
            self._redraw()
        here = zones.get(self.view)
        if here:  # the zones are often a small part of the body (a headache's): show them large
            x0, y0, x1, y1 = shapely.union_all([shape for _n, shape, _c in here]).bounds
            self.map.focus_on(QRectF(x0, y0, x1 - x0, y1 - y0))

    # Where does it hurt? ---------------------------------------------------------------------
    def show_candidates_at(self, x: float, y: float) -> None:
        area = self.service.lookup.skin_area_at(self.view, x, y)
        if area is not None:
            self.set_areas([(area.slug, area.side)])
            return
        self.muscle_id = self.trp_id = None
        self.areas = []
        self.sig_areas.emit([])
        self._redraw()
        found = self.service.candidates_at(self.view, x, y, limit=40)
        self.last_candidates = candidate_rows(self.service, found[:40])
        self.sig_candidates.emit("Pain at the clicked spot — best candidates first", self.last_candidates)

    def set_areas(self, areas: list[tuple[str, str]]) -> None:
        """The pain is these skin areas (slug, side): rank their union, mark them on the map."""
        self.areas = list(dict.fromkeys(areas))
        self.muscle_id = self.trp_id = None
        self.sig_areas.emit([(slug, side, area_name(slug)) for slug, side in self.areas])
        self._redraw()
        if not self.areas:
            self.last_candidates = []
            self.sig_candidates_cleared.emit(PAIN_PROMPT)
            return
        found = self.service.candidates_for_areas(self.areas, limit=40)
        names = "; ".join(f"{area_name(slug)}, client's {side}" for slug, side in self.areas)
        self.last_candidates = candidate_rows(self.service, found[:40])
        self.sig_candidates.emit(f"Pain at: {names} — best candidates first", self.last_candidates)

    def remove_area(self, slug: str, side: str) -> None:
        self.set_areas([a for a in self.areas if a != (slug, side)])

    # Drawing ---------------------------------------------------------------------------------
    def _selected_trps(self) -> list[str]:
        if self.muscle_id is None:
            return []
        return [self.trp_id] if self.trp_id else [t.id for t in self.service.muscle(self.muscle_id).trigger_points]

    def _redraw(self) -> None:
        """Draw everything that applies to the current mode, view and layer, and nothing else."""
        self.map.clear_pattern(keep_legend=True)  # hidden at the end unless drawn again
        self.map.set_selection(None)
        self.map.set_marked(self._areas_path())
        patterns: dict = {}
        if self.condition_id is not None:
            zones = condition_zones(self.service, self.condition_id).get(self.view, [])
            self.map.show_zones([(name, to_painter_path(shape), color) for name, shape, color in zones])
        elif self.muscle_id is not None:
            trp_ids = self._selected_trps()
            if self.mode == EXPLORE:
                outlines = [r.geometry for r in self.service.regions(self.view, self.layer)
                            if r.ref == self.muscle_id and r.side == self.trp_side]
                if outlines:
                    self.map.set_selection(to_painter_path(shapely.union_all(outlines)))
            patterns = pattern_by_view(self.service, trp_ids, self.trp_side)
            draw_pattern(self.map, self.service, trp_ids, self.view, self.trp_side)
            if patterns and self.view not in patterns:
                elsewhere = " and ".join(v.replace("_", " ") for v in patterns)
                self.sig_status.emit(f"This pattern is on the {elsewhere} view: see the thumbnails below the map.")
        self.map.hide_unused_legend()
        self.sig_pattern_views.emit(patterns)

    def _areas_path(self):
        shapes = [a.geometry for slug, side in self.areas for a in self.service.lookup.skin_area_shapes(slug, side)
                  if a.view == self.view]
        return to_painter_path(shapely.union_all(shapes)) if shapes else None

    def _muscle_names(self) -> dict[str, str]:
        return {m.id: m.name for m in self.service.muscles()}

    def _publish_card(self) -> None:
        muscle = self.service.muscle(self.muscle_id)
        self.sig_info_html.emit(muscle_html(muscle, self.trp_id, self.service.conditions_for_muscle(muscle.id),
                                            self.service.techniques(), self._muscle_names()))
