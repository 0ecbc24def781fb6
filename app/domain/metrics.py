"""Numbers from pain maps: extent, skin areas involved, WPI regions, change between visits.

Pure functions over shapely geometry.  Body outlines and skin areas come from the catalog and
are passed in, so the records layer never depends on the catalog database.  Areas are mm²
on the drawings; "% of body surface" is painted area over outline area of the same view(s).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import shapely
from shapely.geometry.base import BaseGeometry

from app.domain.model import SkinArea
from app.domain.pain_map import EMPTY, GRID_MM, PainMap, polygonal
from app.domain.records import Visit
from app.domain.wpi import WPI_REGIONS, region_for

MIN_AREA_OVERLAP_MM2 = 25.0  # a 5 × 5 mm patch: less is a brush edge crossing a border
MIN_AREA_FRACTION = 0.05  # ... and at least 5 % of the skin area


def _pct(part: float, whole: float) -> float:
    return 100.0 * part / whole if whole > 0 else 0.0


@dataclass(frozen=True)
class ViewExtent:
    view: str
    painted_mm2: float
    body_mm2: float
    left_mm2: float  # client's left, from the skin areas' sides
    right_mm2: float

    @property
    def percent(self) -> float:
        return _pct(self.painted_mm2, self.body_mm2)

    @property
    def left_percent(self) -> float:
        return _pct(self.left_mm2, self.body_mm2)

    @property
    def right_percent(self) -> float:
        return _pct(self.right_mm2, self.body_mm2)


@dataclass(frozen=True)
class Extent:
    views: dict[str, ViewExtent]

    @property
    def painted_mm2(self) -> float:
        return sum(v.painted_mm2 for v in self.views.values())

    @property
    def body_mm2(self) -> float:
        return sum(v.body_mm2 for v in self.views.values())

    @property
    def percent(self) -> float:
        """Painted share of the drawn body surface over all views given."""
        return _pct(self.painted_mm2, self.body_mm2)

    @property
    def left_percent(self) -> float:
        return _pct(sum(v.left_mm2 for v in self.views.values()), self.body_mm2)

    @property
    def right_percent(self) -> float:
        return _pct(sum(v.right_mm2 for v in self.views.values()), self.body_mm2)


def _area(geometry: BaseGeometry) -> BaseGeometry:
    """Polygon parts only: catalog shapes may be collections holding stray lines."""
    return polygonal(geometry, 0.0)


def _side_union(skin_areas: Sequence[SkinArea], view: str, side: str) -> BaseGeometry:
    shapes = [_area(a.geometry) for a in skin_areas if a.view == view and a.side == side]
    return shapely.union_all(shapes, grid_size=GRID_MM) if shapes else EMPTY


def extent(pain: PainMap, outlines: Mapping[str, BaseGeometry],
           skin_areas: Sequence[SkinArea] = ()) -> Extent:
    """Painted area per view (clipped to the outline) and its left/right split."""
    views: dict[str, ViewExtent] = {}
    for view, raw_outline in outlines.items():
        outline = _area(raw_outline)
        painted = shapely.intersection(pain.painted(view), outline, grid_size=GRID_MM)
        left = shapely.intersection(painted, _side_union(skin_areas, view, "left"), grid_size=GRID_MM)
        right = shapely.intersection(painted, _side_union(skin_areas, view, "right"), grid_size=GRID_MM)
        views[view] = ViewExtent(view, float(painted.area), float(outline.area), float(left.area),
                                 float(right.area))
    return Extent(views)


@dataclass(frozen=True)
class AreaInvolved:
    slug: str
    side: str
    view: str
    overlap_mm2: float


def areas_involved(pain: PainMap, skin_areas: Sequence[SkinArea], *,
                   min_overlap_mm2: float = MIN_AREA_OVERLAP_MM2,
                   min_fraction: float = MIN_AREA_FRACTION) -> list[AreaInvolved]:
    """Skin areas (slug, side) the pain covers enough of; one entry each, best view kept."""
    best: dict[tuple[str, str], AreaInvolved] = {}
    painted = {view: pain.painted(view) for view in pain.views()}
    for area in skin_areas:
        shape = painted.get(area.view)
        geometry = _area(area.geometry)
        if shape is None or not shape.intersects(geometry):
            continue
        overlap = float(shapely.intersection(shape, geometry, grid_size=GRID_MM).area)
        if overlap < min_overlap_mm2 or overlap < min_fraction * geometry.area:
            continue
        key = (area.slug, area.side)
        if key not in best or best[key].overlap_mm2 < overlap:
            best[key] = AreaInvolved(area.slug, area.side, area.view, overlap)
    return sorted(best.values(), key=lambda a: (a.slug, a.side))


@dataclass(frozen=True)
class WpiResult:
    regions: tuple[str, ...]  # in WPI_REGIONS order
    areas: tuple[AreaInvolved, ...]

    @property
    def score(self) -> int:
        """The Widespread Pain Index, 0–19."""
        return len(self.regions)


def wpi_regions(pain: PainMap, skin_areas: Sequence[SkinArea], **thresholds: float) -> WpiResult:
    involved = areas_involved(pain, skin_areas, **thresholds)
    hit = {region_for(a.slug, a.side) for a in involved}
    return WpiResult(tuple(r for r in WPI_REGIONS if r in hit), tuple(involved))


@dataclass(frozen=True)
class ViewChange:
    """Overlay of two visits on one view: what was gained, lost and what stayed painted."""

    view: str
    gained: BaseGeometry
    lost: BaseGeometry
    unchanged: BaseGeometry

    @property
    def gained_mm2(self) -> float:
        return float(self.gained.area)

    @property
    def lost_mm2(self) -> float:
        return float(self.lost.area)

    @property
    def unchanged_mm2(self) -> float:
        return float(self.unchanged.area)


def compare(before: PainMap, after: PainMap) -> dict[str, ViewChange]:
    """Per view (painted in either map): gained = after − before, lost = before − after."""
    changes: dict[str, ViewChange] = {}
    for view in sorted(set(before.views()) | set(after.views())):
        old, new = before.painted(view), after.painted(view)
        changes[view] = ViewChange(
            view,
            polygonal(shapely.difference(new, old, grid_size=GRID_MM)),
            polygonal(shapely.difference(old, new, grid_size=GRID_MM)),
            polygonal(shapely.intersection(old, new, grid_size=GRID_MM)),
        )
    return changes


@dataclass(frozen=True)
class TrendPoint:
    visit_id: int | None
    date: date
    mean_intensity: float  # area-weighted over everything painted
    max_intensity: int
    painted_mm2: float
    extent_percent: float | None  # None when no outlines were given


def intensity_summary(pain: PainMap) -> tuple[float, int, float]:
    """(area-weighted mean intensity, max intensity, painted area) over all views."""
    marks = pain.all_marks()
    area = sum(m.area for m in marks)
    mean = sum(m.area * m.intensity for m in marks) / area if area > 0 else 0.0
    return mean, max((m.intensity for m in marks), default=0), area


def trend(visits: Sequence[Visit], outlines: Mapping[str, BaseGeometry] | None = None) -> list[TrendPoint]:
    """One point per visit, by date (then id)."""
    points = []
    for visit in sorted(visits, key=lambda v: (v.date, v.id or 0)):
        mean, peak, area = intensity_summary(visit.pain)
        pct = extent(visit.pain, outlines).percent if outlines else None
        points.append(TrendPoint(visit.id, visit.date, mean, peak, area, pct))
    return points
