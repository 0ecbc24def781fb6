"""Feedback drawing on the body map: the right answer, and the student's answer judged —
hits, misses, paint in the spillover zone and paint outside the pattern, each its own colour."""

from __future__ import annotations

import shapely
from PySide6.QtGui import QColor, QPainterPath
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from app.domain.study.answer_scoring import FULL_CREDIT_MM
from app.domain.study.paint_scoring import PaintOverlay
from app.services.study_catalog import TrpPattern
from app.ui.body_map import BodyMapView
from app.ui.qt_geometry import to_painter_path

HIT_COLOR = QColor(20, 150, 60, 210)
MISS_COLOR = QColor(220, 30, 30, 170)
SPILL_PAINT_COLOR = QColor(240, 160, 0, 200)
EXTRA_COLOR = QColor(110, 60, 210, 200)
CLICK_COLOR = QColor(20, 90, 220, 230)
TARGET_COLOR = QColor(20, 150, 60, 120)


def _path(geometry: BaseGeometry | None) -> QPainterPath:
    return QPainterPath() if geometry is None or geometry.is_empty else to_painter_path(geometry)


def draw_pattern(body_map: BodyMapView, pattern: TrpPattern, view: str, side: str | None = None) -> None:
    """The pattern on one view (one side, or both): essential solid, spillover stippled, crosses."""
    zones = pattern.both_sides(view) if side is None else pattern.zones.get(side, {}).get(view)
    places = [(x, y) for x, y, s in pattern.placements.get(view, []) if side is None or s == side]
    if zones is None:
        body_map.show_pattern(QPainterPath(), QPainterPath(), places)
        return
    body_map.show_pattern(_path(zones.essential), _path(zones.spillover.difference(zones.essential)), places)


def draw_paint_feedback(body_map: BodyMapView, overlay: PaintOverlay | None, pattern: TrpPattern, view: str) -> None:
    """The right answer (spillover stippled, crosses) under the judged paint of this view."""
    body_map.clear_pattern()
    zones = pattern.both_sides(view)
    body_map.show_pattern(QPainterPath(), _path(zones.spillover.difference(zones.essential)),
                          [(x, y) for x, y, _s in pattern.placements.get(view, [])])
    if overlay is None:  # nothing painted on this view: the essential zone is the answer to see
        body_map.show_zones([("Essential zone (you painted nothing on this view)", _path(zones.essential), MISS_COLOR)])
        return
    body_map.show_zones([
        ("Hit: essential zone painted", _path(overlay.hit), HIT_COLOR),
        ("Missed: essential zone not painted", _path(overlay.miss), MISS_COLOR),
        ("Painted spillover zone (half credit)", _path(overlay.spillover), SPILL_PAINT_COLOR),
        ("Painted outside the pattern", _path(overlay.extra), EXTRA_COLOR),
    ])


def draw_click_feedback(body_map: BodyMapView, pattern: TrpPattern, view: str,
                        click: tuple[str, float, float] | None) -> None:
    body_map.clear_pattern()
    places = [(x, y) for x, y, _s in pattern.placements.get(view, [])]
    targets = shapely.union_all([Point(x, y).buffer(FULL_CREDIT_MM) for x, y in places]) if places else None
    zones = [(f"Within {FULL_CREDIT_MM:.0f} mm of the trigger point ✕ (full marks)", _path(targets), TARGET_COLOR)]
    if click is not None and click[0] == view:
        zones.append(("Your click", _path(Point(click[1], click[2]).buffer(5.0)), CLICK_COLOR))
    body_map.show_pattern(QPainterPath(), QPainterPath(), places)
    body_map.show_zones(zones)


def draw_condition_feedback(body_map: BodyMapView, zones: list[tuple[str, BaseGeometry, QColor]]) -> None:
    body_map.clear_pattern()
    body_map.show_zones([(name, _path(shape), color) for name, shape, color in zones])
