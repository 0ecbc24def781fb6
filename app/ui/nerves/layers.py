"""View → Dermatomes / Cutaneous nerves: the two overlay layers, kept in step with the shown view,
and a click on a dermatome (overlay on) showing that root's card with the muscles it supplies."""

from __future__ import annotations

import html

import shapely
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QColor, QPainterPath

from app.domain.nerves import ROOT_ORDER
from app.ui.menus import command
from app.ui.nerves.overlay import TerritoryOverlay, territory_colour
from app.ui.qt_geometry import to_painter_path

DERMATOMES_SHORTCUT = "Ctrl+Alt+D"
NERVES_SHORTCUT = "Ctrl+Alt+N"
_SUPPLIED_COLOUR = QColor(40, 120, 220, 150)


_SMALL_WORDS = {"of", "the", "and", "nerve", "nerves"}
# Long one-word names, shortened: both sides' full labels met over the midline on the whole-body views.
_ONE_WORD_SHORT = {"Iliohypogastric": "IH", "Ilioinguinal": "II", "Genitofemoral": "GF", "Supraclavicular": "SC",
                   "Musculocutaneous": "MC", "Obturator": "Obt", "Saphenous": "Saph"}
MIDLINE_CLEARANCE_MM = 25.0  # labels are placed at least this far from the body's midline where the territory allows


def map_label(name: str) -> str:
    """A nerve's label on the map: 'Median', 'Ulnar'; long names as initials ('LFC' for the lateral
    femoral cutaneous nerve) -- full names overlapped each other on the whole-body views."""
    short = name.split(" (")[0].removesuffix(" nerves").removesuffix(" nerve")
    if short in _ONE_WORD_SHORT:
        return _ONE_WORD_SHORT[short]
    if len(short) <= 12 or " " not in short:
        return short
    return "".join(w[0].upper() for w in short.split() if w not in _SMALL_WORDS)


class NerveLayers(QObject):
    sig_root_shown = Signal(str)
    """The card of this root (e.g. "L5") is now shown, its muscles highlighted."""

    def __init__(self, window) -> None:
        super().__init__(window)
        from app.services.nerve_service import nerve_service_for

        self.window = window
        self.service = nerve_service_for(window.service)
        self.dermatomes = TerritoryOverlay(dashed=False, z=26)
        self.nerves = TerritoryOverlay(dashed=True, z=27)
        scene = window.body_map.scene()
        for overlay in (self.dermatomes, self.nerves):
            overlay.setVisible(False)
            scene.addItem(overlay)
        self.dermatomes_action = command(window, "&Dermatomes", DERMATOMES_SHORTCUT, None, checkable=True,
                                         tip="Overlay the dermatomes C2-S4-5 (Lee et al. 2008); click one for its root card")
        self.nerves_action = command(window, "&Cutaneous nerves", NERVES_SHORTCUT, None, checkable=True,
                                     tip="Overlay the cutaneous territories of the peripheral nerves")
        self.dermatomes_action.toggled.connect(lambda on: self._toggle(self.dermatomes, on))
        self.nerves_action.toggled.connect(lambda on: self._toggle(self.nerves, on))
        window.controller.sig_view_changed.connect(lambda _view, _layer: self.refresh())
        window.body_map.sig_clicked.connect(self._clicked)

    def actions(self) -> list[QAction]:
        return [self.dermatomes_action, self.nerves_action]

    def _toggle(self, overlay: TerritoryOverlay, on: bool) -> None:
        overlay.setVisible(on)
        self.refresh()

    def refresh(self) -> None:
        """Redraw the visible layers for the view now shown."""
        view = self.window.controller.view
        names = {n.id: map_label(n.name) for n in self.service.nerves()}
        nerve_index = {nid: i for i, nid in enumerate(sorted(names))}
        roots, nerves = [], []
        for t in self.service.territories:
            if t.view != view:
                continue
            if t.kind == "root" and self.dermatomes.isVisible():
                roots.append((f"{t.ref}.{t.side}", t.ref, t.geometry, territory_colour(ROOT_ORDER.index(t.ref))))
            elif t.kind == "nerve" and self.nerves.isVisible():
                nerves.append((f"{t.ref}.{t.side}", names.get(t.ref, t.ref), t.geometry,
                               territory_colour(nerve_index.get(t.ref, 0) + 3)))
        # Big territories first, so the small ones are drawn (and labelled) on top.
        points = [(root, side, x, y) for root, found in self.service.key_points.items()
                  for v, side, x, y in found if v == view] if self.dermatomes.isVisible() else []
        avoid: dict[str, list[tuple[float, float]]] = {}
        for root, side, x, y in points:
            avoid.setdefault(f"{root}.{side}", []).append((x, y))
        midline = self._midline(view)
        self.dermatomes.show_territories(sorted(roots, key=lambda r: -r[2].area), avoid, midline)
        # The ISNCSCI key sensory points: where each root's light touch and pinprick are tested.
        self.dermatomes.show_markers([(f"{root}.{side}", root, x, y, territory_colour(ROOT_ORDER.index(root)))
                                      for root, side, x, y in points])
        self.nerves.show_territories(sorted(nerves, key=lambda r: -r[2].area), None, midline)

    def _midline(self, view: str) -> shapely.Geometry | None:
        """A strip down the body's midline on the front and back views, where labels of both sides met."""
        if view not in ("anterior", "posterior"):
            return None
        spec = self.service.catalog.views[view]
        return shapely.box(spec.width / 2 - MIDLINE_CLEARANCE_MM, 0, spec.width / 2 + MIDLINE_CLEARANCE_MM, spec.height)

    def root_at(self, x: float, y: float) -> str | None:
        """The dermatome under this point on the shown view (the smallest, where they overlap)."""
        view, here = self.window.controller.view, shapely.Point(x, y)
        hits = [t for t in self.service.territories if t.kind == "root" and t.view == view and t.geometry.contains(here)]
        return min(hits, key=lambda t: t.geometry.area).ref if hits else None

    def _clicked(self, x: float, y: float) -> None:
        # In Where does it hurt? a click chooses a skin area; the root card would hide the candidates.
        if not self.dermatomes_action.isChecked() or self.window.controller.mode != "explore":
            return
        root_id = self.root_at(x, y)
        if root_id is not None:
            self.show_root(root_id)

    def show_root(self, root_id: str) -> None:
        card = self.service.root_card(root_id)
        self.window.info.setHtml(root_card_html(card, self.service.catalog))
        self.window.tabs.setCurrentWidget(self.window.info)
        self._highlight_muscles(card["muscles"])
        self.sig_root_shown.emit(str(card["id"]))

    def _highlight_muscles(self, muscle_ids: list[str]) -> None:
        controller, body_map = self.window.controller, self.window.body_map
        path = QPainterPath()
        for region in self.service.catalog.regions(controller.view, controller.layer):
            if region.kind == "muscle" and region.ref in muscle_ids:
                path.addPath(to_painter_path(region.geometry))
        body_map.clear_pattern()
        if not path.isEmpty():
            body_map.show_zones([("Muscles this root supplies", path, _SUPPLIED_COLOUR)])


def root_card_html(card: dict, catalog) -> str:
    e = html.escape
    muscles = ", ".join(e(catalog.muscle(m).name) for m in card["muscles"]) or "none in the catalog"
    key = card["key_muscle"]["text"] if card["key_muscle"] else "none (ISNCSCI names no key muscle for this root)"
    sites = "".join(f"<li><b>{e(s['nerve'].replace('_', ' '))}</b>: {e(s['site'])}</li>" for s in card["entrapment_sites"])
    return (f"<h2>{e(card['name'])}</h2><p>{e(card['note'])}</p>"
            f"<p><b>Key sensory point:</b> {e(card['key_sensory_point']['text'])}</p>"
            f"<p><b>Key muscle:</b> {e(key)}<br><b>Reflex:</b> {e(card['reflex'] or 'none')}</p>"
            f"<p><b>Muscles it supplies</b> (highlighted on the map): {muscles}</p>"
            f"<p><b>Entrapment sites</b> along the nerves it feeds:</p><ul>{sites or '<li>none on record</li>'}</ul>"
            f"<p style='color:#b00'><b>Refer at once</b> for saddle numbness, new bladder or bowel change, progressive "
            f"weakness, or pain with fever, weight loss or a history of cancer.</p>"
            f"<p><small>Dermatome: {e(card['source']['title'])}. Key points: {e(card['key_points_source']['title'])}."
            f" Dermatomes overlap and vary between people.</small></p>")


def add_nerve_layers(window) -> NerveLayers | None:
    """Add View → Dermatomes and View → Cutaneous nerves (``window.menus.view_menu``); None, the
    window working on, when the catalog has no nerve tables (an older build)."""
    from app.services.catalog_service import CatalogUnavailable

    try:
        layers = NerveLayers(window)
    except CatalogUnavailable:
        window.nerve_layers = None
        return None
    menu = window.menus.view_menu
    menu.addSeparator()
    for action in layers.actions():
        menu.addAction(action)
    window.nerve_layers = layers
    return layers
