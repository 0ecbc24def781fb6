"""Compile one muscle's trigger points: rows for the record, its placements and its zones.

One module per record kind keeps the pipeline easy to extend (a nerve or dermatome compiler
would sit beside this one).  Zone sentences are read off the compiled geometry
(sentences.py), so the card says where the zone really is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import shapely
from shapely.geometry.base import BaseGeometry

from app.catalog.hidden_landmarks import landmarks_with_hidden
from app.catalog.schema import MuscleSource, SourceRef, TriggerPointSource
from app.catalog.sentences import zone_sentence
from app.catalog.zones import ZONE_PRECISION_MM, resolve_point, zone_geometry
from app.domain.atlas import Atlas
from app.domain.cell_grid import CellGrid, pack_cells
from app.storage import catalog_models as t

PLACEMENT_TOLERANCE_MM = 20.0
# A point located from a landmark hidden on the view must land on its muscle there (the location's
# offsets across the line of sight are lost in the projection, so a near miss is no placement).
HIDDEN_LANDMARK_TOLERANCE_MM = 1.0
SIDES = ("right", "left")


def stored_shape(geometry: BaseGeometry, precision: float = 0.1) -> BaseGeometry:
    """The shape as the catalog stores it (snapped to ``precision``): a row's cells must be those
    of this shape, the one the app reads back and ranks painted maps against, not of the shape
    before snapping (they differed at the borders: a clicked skin area ranked differently from
    the same area painted)."""
    return shapely.set_precision(geometry, precision)


def wkb(geometry: BaseGeometry, precision: float = 0.1) -> bytes:
    return shapely.to_wkb(stored_shape(geometry, precision), output_dimension=2)


def cited(ref: SourceRef) -> dict[str, str | None]:
    return {"source_ref": ref.ref, "source_chapter": ref.chapter, "source_pages": ref.pages, "source_note": ref.note}


class TriggerPointCompiler:
    """Rows for trigger points; ``problems`` collects what cannot be drawn."""

    def __init__(self, atlas: Atlas, grids: dict[str, CellGrid], where: Callable[[str], str]) -> None:
        self.atlas = atlas
        self.grids = grids
        self.where = where
        self.problems: list[str] = []
        # (view, ref, side) -> [(layer, geometry)] to check that a TrP lies on its muscle
        self.muscle_shapes: dict[tuple[str, str, str], list[tuple[str, BaseGeometry]]] = defaultdict(list)
        self.drawn_muscles = {r.ref for r in atlas.regions if r.kind == "muscle"}
        for region in atlas.regions:
            if region.kind == "muscle":
                self.muscle_shapes[(region.view, region.ref, region.side)].append((region.layer, region.geometry))
        self.landmarks = {name: view.landmarks for name, view in atlas.views.items()}
        self._hidden: dict[str, dict[str, tuple[float, float]]] = {}

    def rows(self, m: MuscleSource, trp: TriggerPointSource, position: int) -> list[t.CatalogBase]:
        out: list[t.CatalogBase] = []
        placed = False
        zones_of_first_side: dict[str, dict[str, BaseGeometry]] = {"essential": {}, "spillover": {}}
        sides = [s for s in SIDES if trp.location.sides is None or s in trp.location.sides]
        for view in self.atlas.views:
            for side in sides:
                placement = self._placement(m.id, trp, view, side)
                if placement is not None:
                    out.append(placement)
                    placed |= side == sides[0]
                for kind, elements in (("essential", trp.essential), ("spillover", trp.spillover)):
                    geometry = zone_geometry(self.atlas, view, side, elements) if elements else shapely.Polygon()
                    if geometry.is_empty:
                        continue
                    stored = stored_shape(geometry, ZONE_PRECISION_MM)
                    out.append(t.ZoneRow(trp_id=trp.id, kind=kind, view=view, side=side, geometry=wkb(stored, ZONE_PRECISION_MM),
                                         cells=pack_cells(self.grids[view].cells_of(stored))))
                    if side == sides[0]:
                        zones_of_first_side[kind][view] = geometry
        # Sentences describe the right side's zones (or the only side's, for a one-sided TrP).
        texts = {kind: zone_sentence(zones_of_first_side[kind], self.atlas.skin_areas, elements, self.landmarks,
                                     sides[0])
                 for kind, elements in (("essential", trp.essential), ("spillover", trp.spillover))}
        out.insert(0, t.TriggerPointRow(
            id=trp.id, muscle_id=m.id, position=position, label=trp.label, part=trp.part,
            prevalence=trp.prevalence, phenomenon=trp.phenomenon, inferred=trp.inferred,
            location_text=trp.location.text, essential_text=texts["essential"], spillover_text=texts["spillover"],
            symptoms=list(trp.symptoms), perpetuating=[[p.factor, p.note] for p in trp.perpetuating],
            associated=list(trp.associated), entrapment=list(trp.entrapment), differential=list(trp.differential),
            treatment=trp.treatment.model_dump(), **cited(trp.source)))
        self._check(m, trp, placed, zones_of_first_side)
        return out

    def _check(self, m: MuscleSource, trp: TriggerPointSource, placed: bool,
               zones: dict[str, dict[str, BaseGeometry]]) -> None:
        where = f"{self.where(m.id)}: {trp.id}"
        if not placed:
            self.problems.append(f"{where}: location is not on the muscle in any view (check `location.at`)")
        for kind, elements in (("essential", trp.essential), ("spillover", trp.spillover)):
            if elements and not zones[kind]:
                self.problems.append(f"{where}: the {kind} zone draws nothing on any view")
        if trp.phenomenon == "pain" and not set(zones["essential"]) & set(zones["spillover"]):
            self.problems.append(f"{where}: essential and spillover zones do not both appear on any one view "
                                 f"(essential on {sorted(zones['essential'])}, "
                                 f"spillover on {sorted(zones['spillover'])})")

    def _with_hidden(self, view: str) -> dict[str, tuple[float, float]]:
        if view not in self._hidden:
            self._hidden[view] = landmarks_with_hidden(self.atlas, view)
        return self._hidden[view]

    def _placement(self, muscle_id: str, trp: TriggerPointSource, view: str, side: str) -> t.PlacementRow | None:
        same_lateral = {"right": "right_lateral", "left": "left_lateral"}[side]
        views = trp.location.views
        if views is not None and view not in views and not ("same_lateral" in views and view == same_lateral):
            return None
        point = resolve_point(self.atlas, view, side, trp.location.at)
        tolerance = PLACEMENT_TOLERANCE_MM
        if point is None and view == same_lateral and views is None and muscle_id in self.drawn_muscles:
            # A landmark of the location is hidden on this side view (C7 behind the neck's contour):
            # the point from its projection, kept only where it lands on the muscle itself.
            point = resolve_point(self.atlas, view, side, trp.location.at, self._with_hidden(view))
            tolerance = HIDDEN_LANDMARK_TOLERANCE_MM
        if point is None:
            return None
        layer: str | None = None
        if muscle_id in self.drawn_muscles:
            # Midline muscles (diaphragm, sphincters) are one region for both sides.
            shapes = self.muscle_shapes.get((view, muscle_id, side), []) + self.muscle_shapes.get(
                (view, muscle_id, "midline"), [])
            near = [lay for lay, g in shapes if g.distance(shapely.Point(point)) <= tolerance]
            if not near:
                return None
            layers = self.atlas.views[view].layers
            layer = min(near, key=layers.index)
        return t.PlacementRow(trp_id=trp.id, view=view, side=side, layer=layer,
                              x=round(point[0], 1), y=round(point[1], 1))
