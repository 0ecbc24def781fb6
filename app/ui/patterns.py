"""Shared drawing helpers of the two map windows: referral patterns and view/layer pickers."""

from __future__ import annotations

import shapely
from shapely.geometry.base import BaseGeometry
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QWidget

from app.domain.model import Placement
from app.services.catalog_service import CatalogService, ViewSpec
from app.ui.body_map import BodyMapView
from app.ui.qt_geometry import to_painter_path


def pattern_shapes(essential: list[BaseGeometry], spillover: list[BaseGeometry]) -> tuple[BaseGeometry, BaseGeometry]:
    """Union of the essential zones, and of the spillover zones minus the essential area."""
    ess = shapely.union_all(essential) if essential else shapely.Polygon()
    spill = shapely.difference(shapely.union_all(spillover), ess) if spillover else shapely.Polygon()
    return ess, spill


def draw_pattern(body_map: BodyMapView, service: CatalogService, trp_ids: list[str], view: str,
                 side: str) -> list[Placement]:
    """Draw the union of these TrPs' zones on one view and side (spillover minus essential)
    with their crosses; returns all their placements on that side (any view)."""
    zones = [z for z in service.zones_for(trp_ids) if z.view == view and z.side == side]
    essential, spill = pattern_shapes([z.geometry for z in zones if z.kind == "essential"],
                                      [z.geometry for z in zones if z.kind == "spillover"])
    placements = [p for ps in service.placements_for(trp_ids).values() for p in ps if p.side == side]
    markers = [(p.x, p.y) for p in placements if p.view == view]
    body_map.show_pattern(to_painter_path(essential), to_painter_path(spill), markers)
    return placements


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
