"""Shared drawing helpers of the two map windows: referral patterns and view/layer pickers."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache


import shapely
from shapely.geometry.base import BaseGeometry
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QWidget

from app.domain.model import Placement
from app.domain.referral_pattern import pattern_shapes
from app.services.catalog_service import CatalogService, ViewSpec
from app.ui.body_map import BodyMapView
from app.ui.map_markers import numbered_markers
from app.ui.qt_geometry import to_painter_path


def pain_zones(service: CatalogService, trp_ids: list[str], side: str) -> list:
    """The referral zones of these TrPs on one side, leaving out TrPs that refer no pain.

    Trapezius TrP7's gooseflesh area (and any other non-pain phenomenon) would otherwise be
    drawn in the essential-zone red, as if it were where the client hurts; the card and the
    marker still show such a TrP and say what it does.
    """
    refers_pain = {t: service.trigger_point(t).refers_pain for t in trp_ids}
    return [z for z in service.zones_for(trp_ids) if z.side == side and refers_pain.get(z.trp_id, True)]


def trp_numbers(service: CatalogService, trp_ids: list[str]) -> dict[str, int]:
    """Each TrP's number on its muscle's card (1 for the first trigger point listed)."""
    numbers = {}
    for trp_id in trp_ids:
        muscle = service.muscle(service.trigger_point(trp_id).muscle_id)
        numbers[trp_id] = next(i for i, t in enumerate(muscle.trigger_points, 1) if t.id == trp_id)
    return numbers


@dataclass(frozen=True)
class PatternOnView:
    """What of a pattern one view shows: the shapes to draw and the numbered markers."""

    essential: BaseGeometry
    spillover: BaseGeometry
    markers: list[tuple[float, float, str]]
    # The areas (mm²) of the shapes, found once: the choice of view compares them on every click.
    areas: tuple[float, float] = field(default=None, compare=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.areas is None:
            object.__setattr__(self, "areas", (self.essential.area, self.spillover.area))

    @property
    def empty(self) -> bool:
        return self.essential.is_empty and self.spillover.is_empty and not self.markers


def pattern_by_view(service: CatalogService, trp_ids: list[str], side: str) -> dict[str, PatternOnView]:
    """These TrPs' pattern on one side, per view (views that show none of it are left out)."""
    return dict(_pattern_by_view(service, tuple(trp_ids), side))


@lru_cache(maxsize=24)
def _pattern_by_view(service: CatalogService, trp_ids: tuple[str, ...], side: str) -> dict[str, PatternOnView]:
    # Catalog patterns never change while the app runs: a click asks for its pattern several times
    # (the map, the thumbnails, the choice of view), so the last few are kept.  A whole muscle's
    # shapes come compiled from the catalog; a selection of some of its TrPs is made here.
    muscle = _whole_muscle(service, trp_ids)
    if muscle is None:
        return _make_pattern_by_view(service, trp_ids, side)
    return _with_markers(service, trp_ids, side, service.muscle_pattern(muscle, side))


def _whole_muscle(service: CatalogService, trp_ids: tuple[str, ...]) -> str | None:
    """The muscle whose trigger points these are, all of them; else None."""
    if not trp_ids:
        return None
    muscle_id = service.trigger_point(trp_ids[0]).muscle_id
    every = {t.id for t in service.muscle(muscle_id).trigger_points}
    return muscle_id if every == set(trp_ids) else None


def _make_pattern_by_view(service: CatalogService, trp_ids: tuple[str, ...], side: str) -> dict[str, PatternOnView]:
    """The pattern made from these TrPs' zones (the unions a compiled muscle pattern spares)."""
    zones = pain_zones(service, list(trp_ids), side)
    shapes = {view: pattern_shapes([z.geometry for z in zones if z.view == view and z.kind == "essential"],
                                   [z.geometry for z in zones if z.view == view and z.kind == "spillover"])
              for view in service.views}
    return _with_markers(service, trp_ids, side, shapes)


def _with_markers(service: CatalogService, trp_ids: tuple[str, ...], side: str,
                  shapes: dict[str, tuple[BaseGeometry, BaseGeometry]]) -> dict[str, PatternOnView]:
    """Each view's (essential, spillover) with the numbered crosses of these TrPs on that side; views
    showing none of it are left out."""
    placements = [(trp, p) for trp, ps in service.placements_for(list(trp_ids)).items() for p in ps if p.side == side]
    numbers = trp_numbers(service, list(trp_ids))
    found = {}
    for view in service.views:
        essential, spill = shapes.get(view, (shapely.Polygon(), shapely.Polygon()))
        markers = numbered_markers([(p.x, p.y, numbers[trp]) for trp, p in placements if p.view == view])
        pattern = PatternOnView(essential, spill, markers)
        if not pattern.empty:
            found[view] = pattern
    return found


def best_view(patterns: dict[str, PatternOnView], current: str | None = None) -> str | None:
    """The view showing most of the essential zone (then of the spillover, then the markers);
    on a tie the current view, so the map never turns for nothing."""
    if not patterns:
        return None
    return max(patterns, key=lambda v: (round(patterns[v].areas[0], 1), round(patterns[v].areas[1], 1),
                                        len(patterns[v].markers), v == current))


def draw_pattern(body_map: BodyMapView, service: CatalogService, trp_ids: list[str], view: str,
                 side: str) -> list[Placement]:
    """Draw the union of these TrPs' zones on one view and side (spillover minus essential)
    with their numbered crosses; returns all their placements on that side (any view)."""
    pattern = pattern_by_view(service, trp_ids, side).get(view)
    if pattern is not None:
        body_map.show_pattern(to_painter_path(pattern.essential), to_painter_path(pattern.spillover), pattern.markers)
    return [p for ps in service.placements_for(trp_ids).values() for p in ps if p.side == side]


def add_view_layer_pickers(bar: QToolBar, views: dict[str, ViewSpec], parent: QWidget) -> tuple[QComboBox, QComboBox]:
    view_combo = QComboBox(parent)
    for name, spec in views.items():
        view_combo.addItem(spec.title, name)
    layer_combo = QComboBox(parent)
    bar.addWidget(QLabel(" View "))
    bar.addWidget(view_combo)
    bar.addWidget(QLabel(" Layer "))
    bar.addWidget(layer_combo)
    bar.addSeparator()
    return view_combo, layer_combo


def show_layers(layer_combo: QComboBox, layers: tuple[str, ...], current: str) -> None:
    """Offer this view's layers, with ``current`` selected, without emitting change signals."""
    layer_combo.blockSignals(True)
    layer_combo.clear()
    for name in layers:
        layer_combo.addItem(name.capitalize(), name)
    layer_combo.setCurrentIndex(layer_combo.findData(current))
    layer_combo.blockSignals(False)
