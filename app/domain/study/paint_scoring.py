"""Scoring a student's painting of a trigger point's essential zone.

Per view the student painted on, the paint splits into: **hit** (inside the essential zone),
**spillover** (inside the spillover zone only), **extra** (outside both); the essential zone
left unpainted is the **miss**.  Over all painted views (areas in mm² summed)::

    iou   = hit / (essential ∪ paint)
    score = (hit + SPILLOVER_CREDIT·spillover) / (essential + spillover + EXTRA_PENALTY·extra)

so painting exactly the essential zone scores 1, paint in the spillover earns partial credit,
and paint outside both costs more than a plain miss.  Views the student left blank do not
count (a pattern may be shown on several views; painting it on any one is enough).  The zone
is judged against each side of the body and against both sides together (a student may paint
the pattern on one side or on both); the best of these counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import shapely
from shapely.geometry import MultiPolygon
from shapely.geometry.base import BaseGeometry

SPILLOVER_CREDIT = 0.5
EXTRA_PENALTY = 1.5
_EMPTY = MultiPolygon()


@dataclass(frozen=True)
class ViewZones:
    """One view of a trigger point's pattern on one side: its essential and spillover shapes."""

    essential: BaseGeometry = _EMPTY
    spillover: BaseGeometry = _EMPTY


@dataclass(frozen=True)
class PaintOverlay:
    """What the feedback screen draws on one view."""

    hit: BaseGeometry
    miss: BaseGeometry
    spillover: BaseGeometry
    extra: BaseGeometry


@dataclass(frozen=True)
class PaintScore:
    score: float
    iou: float
    hit_mm2: float
    miss_mm2: float
    spillover_mm2: float
    extra_mm2: float
    side: str
    overlays: dict[str, PaintOverlay] = field(default_factory=dict, compare=False)

    @property
    def feedback(self) -> str:
        if self.hit_mm2 + self.spillover_mm2 + self.extra_mm2 <= 0:
            return "Nothing painted on a view that shows this pattern."
        essential = self.hit_mm2 + self.miss_mm2
        painted = self.hit_mm2 + self.spillover_mm2 + self.extra_mm2
        covered = self.hit_mm2 / essential if essential else 0.0
        inside = (self.hit_mm2 + self.spillover_mm2) / painted if painted else 0.0
        verdict = ("Excellent" if self.score >= 0.9 else "Good" if self.score >= 0.7
                   else "Partly right" if self.score >= 0.5 else "Not yet")
        return (f"{verdict}: you covered {covered:.0%} of the essential zone; {inside:.0%} of your paint lies "
                f"in the pattern ({self.spillover_mm2 / painted:.0%} in the spillover zone).")


def _area(geometry: BaseGeometry) -> float:
    return float(geometry.area) if not geometry.is_empty else 0.0


def _valid(geometry: BaseGeometry | None) -> BaseGeometry:
    if geometry is None or geometry.is_empty:
        return _EMPTY
    return geometry if geometry.is_valid else shapely.make_valid(geometry)


def score_side(paint: Mapping[str, BaseGeometry], zones: Mapping[str, ViewZones], side: str = "") -> PaintScore:
    hit = miss = spill = extra = union = 0.0
    overlays: dict[str, PaintOverlay] = {}
    for view, painted in paint.items():
        painted = _valid(painted)
        if painted.is_empty:
            continue
        zone = zones.get(view, ViewZones())
        essential = _valid(zone.essential)
        spillover = shapely.difference(_valid(zone.spillover), essential)
        hit_shape = shapely.intersection(painted, essential)
        spill_shape = shapely.intersection(shapely.difference(painted, essential), spillover)
        extra_shape = shapely.difference(shapely.difference(painted, essential), spillover)
        miss_shape = shapely.difference(essential, painted)
        overlays[view] = PaintOverlay(hit_shape, miss_shape, spill_shape, extra_shape)
        hit += _area(hit_shape)
        miss += _area(miss_shape)
        spill += _area(spill_shape)
        extra += _area(extra_shape)
        union += _area(shapely.union(painted, essential))
    denominator = (hit + miss) + spill + EXTRA_PENALTY * extra
    score = (hit + SPILLOVER_CREDIT * spill) / denominator if denominator > 0 else 0.0
    iou = hit / union if union > 0 else 0.0
    return PaintScore(min(1.0, score), min(1.0, iou), hit, miss, spill, extra, side, overlays)


def score_painting(paint: Mapping[str, BaseGeometry],
                   zones_by_side: Mapping[str, Mapping[str, ViewZones]]) -> PaintScore:
    """The better of the sides; ``zones_by_side``: side -> view -> zones (midline zones belong to
    both sides)."""
    scores = [score_side(paint, zones, side) for side, zones in sorted(zones_by_side.items())]
    if len(zones_by_side) > 1:
        views = {view for zones in zones_by_side.values() for view in zones}
        both = {view: ViewZones(shapely.union_all([z[view].essential for z in zones_by_side.values() if view in z]),
                                shapely.union_all([z[view].spillover for z in zones_by_side.values() if view in z]))
                for view in views}
        scores.append(score_side(paint, both, "both"))
    if not scores:
        return score_side(paint, {}, "")
    return max(scores, key=lambda s: (s.score, s.iou))
