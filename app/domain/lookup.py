"""Spatial lookups on the atlas: what is under a point, and which trigger points refer there.

One STRtree per (view, layer) for regions, per view for skin areas and per view for referral
zones, so a query touches only the few shapes whose boxes contain it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Generic, TypeVar

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from app.domain.model import Region, SkinArea, ZoneShape
from app.domain.ranking import POINT_REFERENCE_AREA_MM2, Candidate, explain, rank, score

PainStroke = tuple[BaseGeometry, float]  # painted shape (view units, mm) and intensity 0..10


T = TypeVar("T")


class _Index(Generic[T]):
    """Items with geometries behind an STRtree."""

    def __init__(self, items: Sequence[T], geometries: Sequence[BaseGeometry]) -> None:
        self.items = list(items)
        self.geometries = np.array(geometries, dtype=object)
        self.tree = STRtree(self.geometries)
        shapely.prepare(self.geometries)

    def at(self, x: float, y: float) -> list[T]:
        idx = self.tree.query(Point(x, y), predicate="intersects")
        return [self.items[i] for i in sorted(idx)]

    def overlapping(self, geometry: BaseGeometry) -> np.ndarray:
        return np.sort(self.tree.query(geometry, predicate="intersects"))


class LookupEngine:
    def __init__(
        self,
        regions: Iterable[Region],
        skin_areas: Iterable[SkinArea],
        zones: Iterable[ZoneShape],
        prevalence: Mapping[str, str],
        muscle_of: Mapping[str, str],
    ) -> None:
        self._prevalence = dict(prevalence)
        self._muscle_of = dict(muscle_of)
        by_layer: dict[tuple[str, str], list[Region]] = defaultdict(list)
        for region in regions:
            by_layer[(region.view, region.layer)].append(region)
        self._regions = {k: _Index(v, [r.geometry for r in v]) for k, v in by_layer.items()}
        by_view: dict[str, list[SkinArea]] = defaultdict(list)
        self._areas_by_key: dict[tuple[str, str], list[SkinArea]] = defaultdict(list)
        for area in skin_areas:
            by_view[area.view].append(area)
            self._areas_by_key[(area.slug, area.side)].append(area)
        self._skin = {k: _Index(v, [a.geometry for a in v]) for k, v in by_view.items()}
        zones_by_view: dict[str, list[ZoneShape]] = defaultdict(list)
        for zone in zones:
            if not zone.geometry.is_empty:
                zones_by_view[zone.view].append(zone)
        self._zones = {k: _Index(v, [z.geometry for z in v]) for k, v in zones_by_view.items()}
        self._zone_area = {k: shapely.area(ix.geometries) for k, ix in self._zones.items()}

    # What is under a point --------------------------------------------------------------
    def region_at(self, view: str, layer: str, x: float, y: float) -> Region | None:
        index = self._regions.get((view, layer))
        hits = index.at(x, y) if index else []
        return hits[0] if hits else None

    def skin_area_at(self, view: str, x: float, y: float) -> SkinArea | None:
        index = self._skin.get(view)
        hits = index.at(x, y) if index else []
        return hits[0] if hits else None

    def skin_area_shapes(self, slug: str, side: str) -> list[SkinArea]:
        return list(self._areas_by_key.get((slug, side), []))

    # Which trigger points refer there ---------------------------------------------------
    def candidates_at(self, view: str, x: float, y: float) -> list[Candidate]:
        index = self._zones.get(view)
        if index is None:
            return []
        found = []
        for i in index.tree.query(Point(x, y), predicate="intersects"):
            zone: ZoneShape = index.items[i]
            specificity = min(1.0, POINT_REFERENCE_AREA_MM2 / max(float(self._zone_area[view][i]), 1.0))
            found.append(self._candidate(zone, 1.0, specificity, point=True))
        return rank(found)

    def candidates_for_area(self, slug: str, side: str) -> list[Candidate]:
        """The skin area as the whole pain, on every view that shows it; best view per TrP."""
        found: list[Candidate] = []
        for area in self._areas_by_key.get((slug, side), []):
            found.extend(self.candidates_for_pain(area.view, [(area.geometry, 1.0)]))
        return rank(found)

    def candidates_for_pain(self, view: str, strokes: Sequence[PainStroke]) -> list[Candidate]:
        """Painted, non-overlapping shapes with intensities on one view."""
        index = self._zones.get(view)
        strokes = [(g, w) for g, w in strokes if not g.is_empty and w > 0]
        if index is None or not strokes:
            return []
        shapes = np.array([g for g, _ in strokes], dtype=object)
        weights = np.array([w for _, w in strokes], dtype=float)
        total = float(np.sum(weights * shapely.area(shapes)))
        if total <= 0:
            return []
        pain_union = shapely.union_all(shapes)
        hit = index.overlapping(pain_union)
        if hit.size == 0:
            return []
        zone_geoms = index.geometries[hit]
        covered = shapely.area(shapely.intersection(zone_geoms, pain_union))
        weighted = np.zeros(hit.size)
        for shape, weight in zip(shapes, weights):
            weighted += weight * shapely.area(shapely.intersection(zone_geoms, shape))
        zone_areas = self._zone_area[view][hit]
        found = []
        for j, i in enumerate(hit):
            if covered[j] <= 0:
                continue
            pain_share = min(1.0, weighted[j] / total)
            pattern_share = min(1.0, covered[j] / max(zone_areas[j], 1e-9))
            found.append(self._candidate(index.items[i], pain_share, pattern_share, point=False))
        return rank(found)

    def candidates_for_pain_map(self, pain_by_view: Mapping[str, Sequence[PainStroke]]) -> list[Candidate]:
        """A pain map over several views: each TrP keeps its best-matching view."""
        found: list[Candidate] = []
        for view, strokes in sorted(pain_by_view.items()):
            found.extend(self.candidates_for_pain(view, strokes))
        return rank(found)

    def _candidate(self, zone: ZoneShape, pain: float, pattern: float, *, point: bool) -> Candidate:
        prevalence = self._prevalence.get(zone.trp_id, "occasional")
        return Candidate(
            trp_id=zone.trp_id,
            muscle_id=self._muscle_of.get(zone.trp_id, ""),
            side=zone.side,
            zone=zone.kind,
            score=score(zone.kind, pain, pattern, prevalence),
            pain_covered=round(float(pain), 4),
            pattern_covered=round(float(pattern), 4),
            prevalence=prevalence,
            view=zone.view,
            why=explain(zone.kind, pain, pattern, prevalence, point=point),
        )
