"""Spatial lookups on the atlas: what is under a point, and which trigger points refer there.

Regions, skin areas and referral zones sit behind STRtrees: a point is answered exactly
(bounding boxes from the tree, then point-in-polygon on the few prepared shapes they give),
regions and skin areas first from a 2 mm label grid away from their borders.  For painted
maps the zones are also gridded on 4 mm cells (cell_grid.py) when the catalog provides the
cells: a map is ranked by summing its painted cells into the zones covering them.  Without
cells the engine falls back to exact polygon overlays (small hand-made catalogs in tests).
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry.base import BaseGeometry

from app.domain.candidate_order import best_per_key
from app.domain.cell_grid import NOTHING, CellGrid, CellSums, PointCells
from app.domain.model import Region, SkinArea, ZoneShape
from app.domain.packed_zone import PackedZone, shapes_of
from app.domain.ranking import POINT_REFERENCE_AREA_MM2, Candidate, score_array
from app.domain.vocabulary import PREVALENCE_WEIGHT

_ZONE_STATE = frozenset({"_zones", "_zone_area", "_zone_meta", "_key_rank", "_gridded"})
PainStroke = tuple[BaseGeometry, float]  # painted shape (view units, mm) and intensity 0..10
MIN_AREA_VIEW_MM2 = 500.0
T = TypeVar("T")


def _is_empty(zone: ZoneShape | PackedZone) -> bool:
    if isinstance(zone, PackedZone):
        return zone.is_empty  # without making the shape
    return zone.geometry.is_empty


def _has_cells(zone: ZoneShape | PackedZone) -> bool:
    return zone.has_cells if isinstance(zone, PackedZone) else zone.cells is not None  # without decoding them


def well_shown_views(shapes: Sequence[SkinArea]) -> list[SkinArea]:
    """One skin area's shapes on the views that show it well: not a sliver under 500 mm² (or half
    its largest view) nor under a fifth of its largest view."""
    largest = max((a.geometry.area for a in shapes), default=0.0)
    return [a for a in shapes
            if a.geometry.area >= min(MIN_AREA_VIEW_MM2, 0.5 * largest) and a.geometry.area >= 0.2 * largest]


class _Index(Generic[T]):
    """Items with geometries behind an STRtree, optionally fronted by a label grid.

    With a grid, a point inside a shape is answered from one array read; only points near a
    border (MIXED cells) go to the tree and an exact point-in-polygon test.
    """

    def __init__(self, items: Sequence[T], geometries: Sequence[BaseGeometry],
                 labels: tuple[CellGrid, np.ndarray | Callable[[], np.ndarray]] | None = None) -> None:
        """``labels``: the label grid, or a function decoding it when first needed (decoding all
        19 of the atlas took ~90 ms of the first click's wait; a click needs its own layer's)."""
        self.items = list(items)
        self.geometries = np.array(geometries, dtype=object)
        self.tree = STRtree(self.geometries)
        shapely.prepare(self.geometries)
        self._labels_source = labels

    @property
    def labels(self) -> tuple[CellGrid, np.ndarray] | None:
        source = self._labels_source
        if source is not None and callable(source[1]):  # decoded once (two threads at once: same result)
            grid, decoded = source[0], source[1]()
            source = self._labels_source = (grid, decoded) if decoded.size == grid.size else None
        elif source is not None and source[1].size != source[0].size:
            source = self._labels_source = None
        return source

    def at(self, x: float, y: float) -> list[T]:
        if self.labels is not None:
            grid, labels = self.labels
            col, row = int(x // grid.cell), int(y // grid.cell)
            if not (0 <= col < grid.cols and 0 <= row < grid.rows):
                return []
            label = labels[row * grid.cols + col]
            if label >= 0:
                return [self.items[label]]
            if label == NOTHING:
                return []
        return [self.items[i] for i in self.indices_at(x, y)]

    def indices_at(self, x: float, y: float) -> np.ndarray:
        """Sorted indices of the shapes containing the point (exact point-in-polygon)."""
        near = self.tree.query(shapely.points(x, y))  # boxes only; exact test on the few below
        if near.size == 0:
            return near
        if near.size > 1:
            near.sort()
        return near[shapely.contains_xy(self.geometries[near], x, y)]

class _ZoneIndex:
    """One view's zones behind an STRtree of their bounding boxes.  Their shapes are made when a
    question needs them exactly: a click tests the few zones its cell cannot answer, a painted mark
    smaller than a cell the few it touches.  Zones read from the catalog keep their shapes packed
    (``PackedZone``: ~7 MB for the catalog instead of about 35 MB of GEOS geometry); zones given
    as shapes (small catalogs, tests) keep them."""

    def __init__(self, items: Sequence[ZoneShape | PackedZone]) -> None:
        self.items = list(items)
        packed = all(isinstance(z, PackedZone) for z in self.items)
        self._packed = None
        if packed:
            self._packed = np.empty(len(self.items), dtype=object)
            self._packed[:] = self.items
        self._geometries = None if packed else np.array([z.geometry for z in self.items], dtype=object)
        # Boxes and areas from each shape made and let go in turn: the freed memory is reused by
        # the next one, where making all at once would leave a view's worth of holes in the heap.
        bounds, self.areas = np.empty((len(self.items), 4)), np.empty(len(self.items))
        for i in range(len(self.items)):
            shape = self.shapes(i)
            bounds[i], self.areas[i] = shapely.bounds(shape), shapely.area(shape)
        self.tree = STRtree(shapely.box(*bounds.T))

    def shapes(self, indices: np.ndarray | int) -> np.ndarray:
        """The zones' shapes (made now, unless they were given as shapes)."""
        if self._geometries is not None:
            return self._geometries[indices]
        if isinstance(indices, (int, np.integer)):
            return self._packed[indices].geometry
        return shapes_of(self._packed[indices])

    def all_shapes(self) -> np.ndarray:
        return self.shapes(np.arange(len(self.items)))

    def indices_at(self, x: float, y: float) -> np.ndarray:
        """Sorted indices of the zones containing the point (exact point-in-polygon)."""
        near = self.tree.query(shapely.points(x, y))  # boxes only; exact test on the few below
        if near.size == 0:
            return near
        near.sort()
        return near[shapely.contains_xy(self.shapes(near), x, y)]

    def overlapping(self, geometry: BaseGeometry) -> tuple[np.ndarray, np.ndarray]:
        """Sorted indices of the zones that intersect the geometry, and their shapes."""
        near = np.sort(self.tree.query(geometry))
        shapes = self.shapes(near)
        keep = shapely.intersects(shapes, geometry)
        return near[keep], shapes[keep]


class _ZoneCells:
    """The zones of one view on its cell grid, summed against painted maps."""

    def __init__(self, grid: CellGrid, cell_sets: list[np.ndarray]) -> None:
        self.grid = grid
        self.sums = CellSums(cell_sets)
        self.counts = self.sums.counts.astype(np.float64)


@dataclass(frozen=True)
class _Scored:
    """Scores of the zones one query hit on one view (arrays aligned with ``hit``)."""

    view: str
    hit: np.ndarray
    pain: np.ndarray
    pattern: np.ndarray
    scores: np.ndarray
    keys: np.ndarray

    @classmethod
    def empty(cls, view: str) -> _Scored:
        nothing = np.empty(0)
        return cls(view, np.empty(0, dtype=np.int64), nothing, nothing, nothing, np.empty(0, dtype=np.int64))


class _PointScores:
    """Every zone of one view scored as a clicked spot inside it, with its candidate."""

    def __init__(self, engine: LookupEngine, zones: list[ZoneShape], scored: _Scored, key_rank: np.ndarray) -> None:
        self.scores = scored.scores
        self.keys = scored.keys
        # Every zone's candidate, made now: a click then only picks (a few thousand small objects).
        self._built = [engine._candidate(zone, 1.0, pattern, score, point=True)  # noqa: SLF001
                       for zone, pattern, score in zip(zones, scored.pattern.tolist(), scored.scores.tolist())]
        # Zones ordered best first: score, then (TrP id, side), then zone index; rank[i] is zone i's place.
        self.order = np.lexsort((np.arange(len(zones)), key_rank[scored.keys], -scored.scores))
        self.rank = np.empty_like(self.order)
        self.rank[self.order] = np.arange(len(zones))
        # A (TrP, side) has at most two zones on a view, essential and spillover: each zone's
        # sibling, if any, so that a click keeps only the better-ranked of the two when both are hit.
        by_key = np.argsort(scored.keys, kind="stable")
        pair = scored.keys[by_key][1:] == scored.keys[by_key][:-1]
        if np.any(pair[1:] & pair[:-1]):
            raise ValueError("more than two zones of one trigger point and side on a view")
        self.sibling = np.full(len(zones), -1, dtype=np.int64)
        self.sibling[by_key[1:][pair]] = by_key[:-1][pair]
        self.sibling[by_key[:-1][pair]] = by_key[1:][pair]

    def best(self, hit: np.ndarray, limit: int | None) -> np.ndarray:
        """The hit zones kept, best first: of each (TrP, side) its better-ranked zone."""
        if hit.size > 1:
            is_hit = np.zeros(self.rank.size, dtype=bool)
            is_hit[hit] = True
            sibling = self.sibling[hit]
            beaten = (sibling >= 0) & is_hit[sibling] & (self.rank[sibling] < self.rank[hit])
            hit = hit[~beaten]
        return self.order[np.sort(self.rank[hit])][:limit]

    def candidate(self, i: int) -> Candidate:
        return self._built[i]


class LookupEngine:
    def __init__(
        self,
        regions: Iterable[Region],
        skin_areas: Iterable[SkinArea],
        zones: Iterable[ZoneShape | PackedZone] | Callable[[], Iterable[ZoneShape | PackedZone]],
        prevalence: Mapping[str, str],
        muscle_of: Mapping[str, str],
        grids: Mapping[str, CellGrid] | None = None,
        label_grids: Mapping[tuple[str, str], tuple[CellGrid, np.ndarray]] | None = None,
    ) -> None:
        """``label_grids`` maps (view, layer) -- layer "skin" for skin areas -- to a label grid
        over that layer's shapes in the order given here (see cell_grid.label_grid).  ``zones`` may
        be a function giving them: it is called when a zone is first asked about."""
        label_grids = dict(label_grids or {})
        self._prevalence = dict(prevalence)
        self._muscle_of = dict(muscle_of)
        self._grids = dict(grids or {})
        by_layer: dict[tuple[str, str], list[Region]] = defaultdict(list)
        for region in regions:
            by_layer[(region.view, region.layer)].append(region)
        self._regions = {k: _Index(v, [r.geometry for r in v], label_grids.get(k)) for k, v in by_layer.items()}
        by_view: dict[str, list[SkinArea]] = defaultdict(list)
        self._areas_by_key: dict[tuple[str, str], list[SkinArea]] = defaultdict(list)
        for area in skin_areas:
            by_view[area.view].append(area)
            self._areas_by_key[(area.slug, area.side)].append(area)
        self._skin = {k: _Index(v, [a.geometry for a in v], label_grids.get((k, "skin"))) for k, v in by_view.items()}
        # The zones' half of the index is built on first use: a click on a muscle needs only the
        # regions, and reading every zone is most of the index's cost at start-up.
        self._zone_source = zones
        self._zone_lock = threading.Lock()
        self._cells: dict[str, _ZoneCells] = {}
        self._points: dict[str, _PointScores] = {}
        self._point_cell_index: dict[str, PointCells] = {}
        self._point_cell_lock = threading.Lock()
        self._mark_cells: dict[tuple[str, int], tuple[weakref.ref, np.ndarray]] = {}

    def __getattr__(self, name: str) -> object:
        if name in _ZONE_STATE:  # not built yet (once built they are plain attributes)
            self._build_zone_state()
            return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _build_zone_state(self) -> None:
        with self._zone_lock:
            if all(name in self.__dict__ for name in _ZONE_STATE):
                return
            source = self._zone_source
            zones_by_view: dict[str, list[ZoneShape]] = defaultdict(list)
            for zone in source() if callable(source) else source:
                if not _is_empty(zone):
                    zones_by_view[zone.view].append(zone)
            indexes = {k: _ZoneIndex(v) for k, v in zones_by_view.items()}
            # Per view, per zone: essential?, prevalence weight, and an int key per (TrP, side).
            keys: dict[tuple[str, str], int] = {}
            meta: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
            for view, items in zones_by_view.items():
                meta[view] = (
                    np.array([z.kind == "essential" for z in items]),
                    np.array([PREVALENCE_WEIGHT.get(self._prevalence.get(z.trp_id, ""), 0.5) for z in items]),
                    np.array([keys.setdefault((z.trp_id, z.side), len(keys)) for z in items], dtype=np.int64),
                )
            # Rank of each (TrP, side) key in (trp_id, side) order: ties in score break on it in numpy.
            key_rank = np.empty(len(keys), dtype=np.int64)
            key_rank[[keys[k] for k in sorted(keys)]] = np.arange(len(keys))
            self._zone_area = {k: ix.areas for k, ix in indexes.items()}
            self._zone_meta = meta
            self._key_rank = key_rank
            # Each view's cell sums are built when that view is first ranked (a command-line query
            # touches two or three views); warm() builds them all (the window does, on a worker).
            self._gridded = {view for view, items in zones_by_view.items()
                             if view in self._grids and all(_has_cells(z) for z in items)}
            self._zones = indexes  # last: the other attributes are in place when this one is seen
            self._zone_source = None

    def _view_cells(self, view: str) -> _ZoneCells | None:
        cells = self._cells.get(view)
        if cells is None and view in self._gridded:
            cells = self._cells[view] = _ZoneCells(self._grids[view],
                                                   [np.asarray(z.cells) for z in self._zones[view].items])
        return cells

    def warm_labels(self, layer: str | None = None) -> None:
        """Decode the label grids now rather than at the first hover or click on their layer: every
        view's grid of this layer ("skin": the skin areas'), or all of them."""
        indexes = [*self._regions.items(), *(((view, "skin"), index) for view, index in self._skin.items())]
        for (_view, its_layer), index in indexes:
            if layer is None or its_layer == layer:
                _ = index.labels

    def warm(self, pause: Callable[[], None] | None = None) -> None:
        """Build every view's cell sums and point scores now rather than at the first painted map or
        click.  ``pause`` is called between the pieces (each a few ms): a background warm-up waits
        there while the window answers input (app/ui/input_gate.py)."""
        pause = pause or (lambda: None)
        for index in [*self._regions.values(), *self._skin.values()]:
            pause()
            _ = index.labels
        for view in sorted(self._gridded):
            pause()
            self._view_cells(view)
        for view in sorted(self._zones):
            pause()
            self._point_scores(view)

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

    def zone_indices_at(self, view: str, x: float, y: float) -> np.ndarray:
        """Indices (into this view's zones) of the zones containing the point, exactly (a 4 mm
        cell would answer wrongly near a zone's edge, where a click often lands)."""
        index = self._zones.get(view)
        if index is None:
            return np.empty(0, dtype=np.int64)
        cells = self._point_cells(view)
        found = cells.indices_at(x, y) if cells is not None else None
        return index.indices_at(x, y) if found is None else found

    def _point_cells(self, view: str) -> PointCells | None:
        """The view's zones by cell for clicks (cell_grid.PointCells): most zones under a point are
        known from its cell, the few whose edge crosses the cell are tested exactly -- so a click
        costs about the same however many zones overlap there.  Built at a view's first click
        (about 0.1 s for the largest view; not at start-up, where the cores are busy)."""
        cells = self._point_cell_index.get(view)
        if cells is None and view in self._grids:
            with self._point_cell_lock:
                cells = self._point_cell_index.get(view)
                if cells is None:
                    zones = self._zones[view]
                    cells = self._point_cell_index[view] = PointCells(self._grids[view], zones.all_shapes(),
                                                                      shapes_of=zones.shapes)
        return cells

    # Which trigger points refer there ---------------------------------------------------
    def candidates_at(self, view: str, x: float, y: float, limit: int | None = None) -> list[Candidate]:
        """Trigger points whose zones contain the point, best first; ``limit`` builds only the best few."""
        index = self._zones.get(view)
        if index is None:
            return []
        hit = self.zone_indices_at(view, x, y)
        if hit.size == 0:
            return []
        point = self._point_scores(view)
        # The view's zones in final order (score, then TrP id and side, then zone): the hit zones in
        # that order, the first of each (TrP, side) kept -- the same choice best_per_key makes.
        return [point.candidate(zone) for zone in point.best(hit, limit).tolist()]

    def _point_scores(self, view: str) -> _PointScores:
        """A clicked spot scores each zone the same wherever in the zone it lands (the whole "pain"
        is inside; specificity is the zone's size), so each view's zones are scored once and each
        zone's candidate is built the first time it is kept, then reused (candidates are immutable)."""
        point = self._points.get(view)
        if point is None:
            specificity = np.minimum(1.0, POINT_REFERENCE_AREA_MM2 / np.maximum(self._zone_area[view], 1.0))
            scored = self._score(view, np.arange(specificity.size), np.ones(specificity.size), specificity)
            point = self._points[view] = _PointScores(self, self._zones[view].items, scored, self._key_rank)
        return point

    def candidates_for_area(self, slug: str, side: str) -> list[Candidate]:
        """The skin area as the whole pain, on every view that shows it well; best view per TrP.

        A view where the area is only a sliver (under 500 mm² or a fifth of its largest view,
        e.g. the backs of the fingers seen from the front) is skipped: any zone touching the
        sliver would cover "all" of the pain there.
        """
        parts: list[_Scored] = []
        for area in well_shown_views(self._areas_by_key.get((slug, side), [])):
            cells = self._view_cells(area.view)
            if cells is not None and area.cells is not None and len(area.cells):
                weights = np.zeros(cells.grid.size)
                weights[np.asarray(area.cells)] = 1.0
                parts.append(self._score_cells(area.view, weights))
            elif area.view in self._zones:
                parts.append(self._score_exact(area.view, [(area.geometry, 1.0)]))
        return self._materialize(parts, point=False)

    def candidates_for_pain(self, view: str, strokes: Sequence[PainStroke]) -> list[Candidate]:
        """Painted, non-overlapping shapes with intensities on one view."""
        return self._materialize([self._score_pain(view, strokes)], point=False)

    def candidates_for_pain_map(self, pain_by_view: Mapping[str, Sequence[PainStroke]],
                                limit: int | None = None) -> list[Candidate]:
        """A pain map over several views: each TrP keeps its best-matching view.  ``limit`` keeps
        only the best few (the live list while painting), which saves building the rest."""
        parts = [self._score_pain(view, strokes) for view, strokes in sorted(pain_by_view.items())]
        return self._materialize(parts, point=False, limit=limit)

    def pain_overlaps(self, view: str, strokes: Sequence[PainStroke]) -> list[tuple[ZoneShape, float, float]]:
        """(zone, share of the pain in it, share of it that hurts) for every zone the pain reaches on
        this view, in zone order: what the ranking scores (the compiler stores these per skin area)."""
        scored = self._score_pain(view, strokes)
        items = self._zones[view].items if scored.hit.size else []
        return [(items[h], pn, pt) for h, pn, pt in zip(scored.hit.tolist(), scored.pain.tolist(),
                                                          scored.pattern.tolist())]

    def _score_pain(self, view: str, strokes: Sequence[PainStroke]) -> _Scored:
        strokes = [(g, w) for g, w in strokes if not g.is_empty and w > 0]
        if view not in self._zones or not strokes:
            return _Scored.empty(view)
        cells = self._view_cells(view)
        if cells is not None:
            weights = np.zeros(cells.grid.size)
            for shape, weight in strokes:
                weights[self._cells_of_mark(view, cells.grid, shape)] = weight
            if weights.any():
                return self._score_cells(view, weights)
        return self._score_exact(view, strokes)  # no grid, or pain smaller than a cell

    def _cells_of_mark(self, view: str, grid: CellGrid, shape: BaseGeometry) -> np.ndarray:
        """The grid cells of a painted mark, kept while the mark lives: a brush segment changes one
        mark of a map and the ranking then re-reads all of them (pain maps are immutable and share
        their untouched marks, so the same geometry objects come back)."""
        key = (view, id(shape))
        entry = self._mark_cells.get(key)
        if entry is not None and entry[0]() is shape:
            return entry[1]
        cells = grid.cells_of(shape)

        def forget(ref: weakref.ref, cache: dict = self._mark_cells) -> None:
            if cache.get(key, (None,))[0] is ref:
                del cache[key]

        self._mark_cells[key] = (weakref.ref(shape, forget), cells)
        return cells

    def _score_cells(self, view: str, weights: np.ndarray) -> _Scored:
        cells = self._cells[view]
        total = float(weights.sum())
        weighted, painted = cells.sums.weighted_and_count(weights)
        hit = np.flatnonzero(painted > 0)
        pain = np.minimum(1.0, weighted[hit] / total)
        pattern = np.minimum(1.0, painted[hit] / cells.counts[hit])
        return self._score(view, hit, pain, pattern)

    def _score_exact(self, view: str, strokes: Sequence[PainStroke]) -> _Scored:
        index = self._zones[view]
        shapes = np.array([g for g, _ in strokes], dtype=object)
        weights = np.array([w for _, w in strokes], dtype=float)
        total = float(np.sum(weights * shapely.area(shapes)))
        if total <= 0:
            return _Scored.empty(view)
        pain_union = shapely.union_all(shapes)
        hit, zone_geoms = index.overlapping(pain_union)
        if hit.size == 0:
            return _Scored.empty(view)
        covered = shapely.area(shapely.intersection(zone_geoms, pain_union))
        weighted = np.zeros(hit.size)
        for shape, weight in zip(shapes, weights):
            weighted += weight * shapely.area(shapely.intersection(zone_geoms, shape))
        keep = covered > 0
        zone_areas = self._zone_area[view][hit]
        pain = np.minimum(1.0, weighted / total)
        pattern = np.minimum(1.0, covered / np.maximum(zone_areas, 1e-9))
        return self._score(view, hit[keep], pain[keep], pattern[keep])

    def _score(self, view: str, hit: np.ndarray, pain: np.ndarray, pattern: np.ndarray) -> _Scored:
        essential, prevalence_weight, keys = self._zone_meta[view]
        return _Scored(view, hit, pain, pattern, score_array(essential[hit], pain, pattern, prevalence_weight[hit]),
                       keys[hit])

    def _materialize(self, parts: list[_Scored], *, point: bool, limit: int | None = None) -> list[Candidate]:
        """Keep each (TrP, side)'s best zone over all parts, then build result objects for those only."""
        parts = [p for p in parts if p.hit.size]
        if not parts:
            return []
        scores = np.concatenate([p.scores for p in parts])
        keys = np.concatenate([p.keys for p in parts])
        part_of = np.concatenate([np.full(p.hit.size, i) for i, p in enumerate(parts)])
        best = best_per_key(scores, keys, part_of, self._key_rank, limit)  # score, then TrP id, side
        # Plain Python values for the few kept rows in one go (numpy scalars are slow one by one).
        hit = np.concatenate([p.hit for p in parts])[best].tolist()
        pain = np.concatenate([p.pain for p in parts])[best].tolist()
        pattern = np.concatenate([p.pattern for p in parts])[best].tolist()
        items = [self._zones[parts[i].view].items for i in part_of[best].tolist()]
        return [self._candidate(zone_items[h], pn, pt, sc, point=point)
                for zone_items, h, pn, pt, sc in zip(items, hit, pain, pattern, scores[best].tolist())]

    def _candidate(self, zone: ZoneShape, pain: float, pattern: float, value: float, *, point: bool) -> Candidate:
        prevalence = self._prevalence.get(zone.trp_id, "occasional")
        return Candidate(
            trp_id=zone.trp_id,
            muscle_id=self._muscle_of.get(zone.trp_id, ""),
            side=zone.side,
            zone=zone.kind,
            score=value,
            pain_covered=pain,
            pattern_covered=pattern,
            prevalence=prevalence,
            view=zone.view,
            point=point,
        )
