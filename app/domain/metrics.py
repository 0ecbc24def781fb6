"""Numbers from pain maps: extent, skin areas involved and WPI regions.

Pure functions over shapely geometry, measured on a :class:`BodySurface` (outlines and skin
areas prepared once; the catalog passes them in, so the records layer never depends on the
catalog database).  Areas are mm² on the drawings; "% of body surface" is painted area over
outline area of the same view(s).  Change between visits and the trend: ``pain_change``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from shapely.geometry.base import BaseGeometry

from app.domain.body_surface import BodySurface, ViewMeasure
from app.domain.model import SkinArea
from app.domain.pain_map import PainMap
from app.domain.wpi import WPI_REGIONS, region_for

MIN_AREA_OVERLAP_MM2 = 25.0  # a 5 × 5 mm patch: less is a brush edge crossing a border
MIN_AREA_FRACTION = 0.05  # ... and at least 5 % of the skin area


def _pct(part: float, whole: float) -> float:
    """Percent, at most 100: a map painted all over can come out a few millionths of a percent
    above it, from floating-point rounding of the areas of large many-sided shapes."""
    return min(100.0, 100.0 * part / whole) if whole > 0 else 0.0


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


def _view_extent(m: ViewMeasure) -> ViewExtent:
    return ViewExtent(m.view, m.painted_mm2, m.body_mm2, m.left_mm2, m.right_mm2)


def extent_on(surface: BodySurface, pain: PainMap, views: Sequence[str] | None = None) -> Extent:
    """Painted area per view (clipped to the outline) and its left/right split."""
    return Extent({v: _view_extent(surface.measure(pain, v)) for v in (views or surface.views())})


def extent(pain: PainMap, outlines: Mapping[str, BaseGeometry], skin_areas: Sequence[SkinArea] = ()) -> Extent:
    """``extent_on`` a surface built for this call (the window and report keep one instead)."""
    return extent_on(BodySurface(outlines, skin_areas), pain)


@dataclass(frozen=True)
class AreaInvolved:
    slug: str
    side: str
    view: str
    overlap_mm2: float


def areas_involved_on(surface: BodySurface, pain: PainMap, *, min_overlap_mm2: float = MIN_AREA_OVERLAP_MM2,
                      min_fraction: float = MIN_AREA_FRACTION) -> list[AreaInvolved]:
    """Skin areas (slug, side) the pain covers enough of; one entry each, best view kept."""
    best: dict[tuple[str, str], AreaInvolved] = {}
    for view in pain.views():
        for index, overlap in surface.measure(pain, view).skin_overlaps:
            area = surface.skin_areas[index]
            if overlap < min_overlap_mm2 or overlap < min_fraction * surface.skin_area_mm2(index):
                continue
            key = (area.slug, area.side)
            if key not in best or best[key].overlap_mm2 < overlap:
                best[key] = AreaInvolved(area.slug, area.side, area.view, overlap)
    return sorted(best.values(), key=lambda a: (a.slug, a.side))


def areas_involved(pain: PainMap, skin_areas: Sequence[SkinArea], **thresholds: float) -> list[AreaInvolved]:
    return areas_involved_on(BodySurface({}, skin_areas), pain, **thresholds)


@dataclass(frozen=True)
class WpiResult:
    regions: tuple[str, ...]  # in WPI_REGIONS order
    areas: tuple[AreaInvolved, ...]

    @property
    def score(self) -> int:
        """The Widespread Pain Index, 0–19."""
        return len(self.regions)


def wpi_from_areas(involved: Sequence[AreaInvolved]) -> WpiResult:
    hit = {region_for(a.slug, a.side) for a in involved}
    return WpiResult(tuple(r for r in WPI_REGIONS if r in hit), tuple(involved))


def wpi_on(surface: BodySurface, pain: PainMap, **thresholds: float) -> WpiResult:
    return wpi_from_areas(areas_involved_on(surface, pain, **thresholds))


def wpi_regions(pain: PainMap, skin_areas: Sequence[SkinArea], **thresholds: float) -> WpiResult:
    return wpi_from_areas(areas_involved(pain, skin_areas, **thresholds))
