"""The catalog as the UI and the CLI use it: records, lookups, ranked candidates, search."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from app.domain.cell_grid import CELL_MM, CellGrid, unpack_labels
from app.domain.lookup import LookupEngine, PainStroke, well_shown_views
from app.domain.model import Condition, Muscle, Placement, Region, SkinArea, Term, TriggerPoint, ZoneShape
from app.domain.packed_zone import PackedZone, shapes_of
from app.domain.ranking import Candidate
from app.domain.vocabulary import SKIN_AREAS
from app.paths import catalog_db_path
from app.services.built_once import built_once
from app.services.pain_words import area_name, areas_in_words
from app.storage.catalog_errors import CatalogUnavailable

if TYPE_CHECKING:
    from app.domain.search import SearchEntry, SearchHit, SearchIndex
    from app.storage.catalog_reader import CatalogReader

__all__ = ["CatalogService", "CatalogUnavailable", "UnknownId", "ViewSpec", "area_name"]


class UnknownId(KeyError):
    """No record with that id; the message names the kind and the id."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class ViewSpec:
    name: str
    width: float
    height: float
    layers: tuple[str, ...]
    outline: BaseGeometry

    @property
    def title(self) -> str:
        return self.name.replace("_", " ").capitalize()


class CatalogService:
    def __init__(self, repository: CatalogReader) -> None:
        self._repo = repository
        self._warm_up_pause: Callable[[], None] | None = None  # while warm_up runs: its pause points
        self.database_path: Path | None = None  # the file read, when opened from one (the nerve layer reads it too)

    @classmethod
    def open(cls, path: Path | None = None) -> CatalogService:
        from app.storage.catalog_reader import open_catalog_reader

        path = path or catalog_db_path()
        service = cls(open_catalog_reader(path))
        service.database_path = path
        return service

    # Records ----------------------------------------------------------------------------------
    @built_once
    def _muscles(self) -> dict[str, Muscle]:
        return {m.id: m for m in self._repo.muscles()}

    @built_once
    def _trigger_points(self) -> dict[str, TriggerPoint]:
        return {trp.id: trp for m in self._muscles.values() for trp in m.trigger_points}

    @built_once
    def _conditions(self) -> dict[str, Condition]:
        return {c.id: c for c in self._repo.conditions()}

    def muscles(self) -> list[Muscle]:
        return list(self._muscles_by_name)

    @built_once
    def _muscles_by_name(self) -> tuple[Muscle, ...]:
        return tuple(sorted(self._muscles.values(), key=lambda m: m.name))

    def muscle(self, muscle_id: str) -> Muscle:
        try:
            return self._muscles[muscle_id]
        except KeyError:
            raise UnknownId(f"unknown muscle id '{muscle_id}'") from None

    def trigger_point(self, trp_id: str) -> TriggerPoint:
        try:
            return self._trigger_points[trp_id]
        except KeyError:
            raise UnknownId(f"unknown trigger point id '{trp_id}'") from None

    def conditions(self) -> list[Condition]:
        return list(self._conditions_by_name)

    @built_once
    def _conditions_by_name(self) -> tuple[Condition, ...]:
        return tuple(sorted(self._conditions.values(), key=lambda c: c.name))

    def condition(self, condition_id: str) -> Condition:
        try:
            return self._conditions[condition_id]
        except KeyError:
            raise UnknownId(f"unknown condition id '{condition_id}'") from None

    def conditions_for_muscle(self, muscle_id: str) -> list[tuple[Condition, str]]:
        """(condition, relation) pairs naming this muscle."""
        return list(self._conditions_by_muscle.get(muscle_id, ()))

    @built_once
    def _conditions_by_muscle(self) -> dict[str, list[tuple[Condition, str]]]:
        out: dict[str, list[tuple[Condition, str]]] = {}
        for c in self._conditions_by_name:
            for link in c.links:
                out.setdefault(link.muscle_id, []).append((c, link.relation))
        return out

    def factors(self) -> list[Term]:
        return self._repo.terms("factor")

    def techniques(self) -> list[Term]:
        return list(self._techniques)

    @built_once
    def _techniques(self) -> tuple[Term, ...]:
        return tuple(self._repo.terms("technique"))

    def sources(self) -> list[tuple[str, str]]:
        return [(s.id, s.title + (f", {s.edition}" if s.edition else "") + (f" ({s.year})" if s.year else ""))
                for s in self._repo.sources()]

    def attribution(self) -> list[str]:
        raw = self._repo.meta("attribution")
        return list(json.loads(raw)) if raw else []

    def bone_name(self, bone_id: str) -> str:
        return self._bones.get(bone_id, bone_id.replace("_", " "))

    @built_once
    def _bones(self) -> dict[str, str]:
        return self._repo.bones()

    # Atlas --------------------------------------------------------------------------------------
    @built_once
    def views(self) -> dict[str, ViewSpec]:
        return {v[0]: ViewSpec(*v) for v in self._repo.views()}

    @built_once
    def landmarks(self) -> dict[str, dict[str, tuple[float, float]]]:
        return self._repo.landmarks()

    @built_once
    def skin_areas(self) -> list[SkinArea]:
        return self._repo.skin_areas()

    def areas(self) -> list[dict[str, object]]:
        """Skin areas with the views that show them, in anatomical (vocabulary) order."""
        views: dict[tuple[str, str], list[str]] = {}
        for a in self.skin_areas:
            views.setdefault((a.slug, a.side), [])
            if a.view not in views[(a.slug, a.side)]:
                views[(a.slug, a.side)].append(a.view)
        order = {slug: i for i, slug in enumerate(SKIN_AREAS)}
        keys = sorted(views, key=lambda k: (order.get(k[0], len(order)), k[0], k[1]))
        return [{"id": slug, "name": area_name(slug), "side": side, "views": views[(slug, side)]} for slug, side in keys]

    @built_once
    def lookup(self) -> LookupEngine:
        index = self._repo.trp_index()
        cell_mm = float(self._repo.meta("cell_mm") or CELL_MM)
        grids = {name: CellGrid(v.width, v.height, cell_mm) for name, v in self.views.items()}
        labels = {(view, layer): (CellGrid(self.views[view].width, self.views[view].height, mm), partial(unpack_labels, blob))
                  for view, layer, mm, blob in self._repo.label_grids() if view in self.views}
        return LookupEngine(
            self._all_regions, self.skin_areas, lambda: self._pain_zones,  # zones read when first needed
            prevalence={trp: prev for trp, _m, prev in index}, muscle_of={trp: m for trp, m, _p in index},
            grids=grids, label_grids=labels)

    def regions(self, view: str, layer: str) -> list[Region]:
        return list(self._regions_by_layer.get((view, layer), ()))

    @built_once
    def _regions_by_layer(self) -> dict[tuple[str, str], list[Region]]:
        out: dict[tuple[str, str], list[Region]] = {}
        for r in self._all_regions:
            out.setdefault((r.view, r.layer), []).append(r)
        return out

    @built_once
    def _all_regions(self) -> list[Region]:
        return self._repo.regions()

    def zones_for(self, trp_ids: list[str] | None) -> list[ZoneShape]:
        """Zones of these TrPs (all when None), ordered by TrP, kind, view and side.  Once the
        window has warmed the whole table into memory, a click reads no database."""
        if not type(self)._zones_by_trp.is_built(self) and trp_ids is not None:
            return self._repo.zones(trp_ids)  # one command on the command line: read only these
        by_trp = self._zones_by_trp
        packed = [z for trp in (sorted(by_trp) if trp_ids is None else sorted(set(trp_ids))) for z in by_trp.get(trp, ())]
        shapes = shapes_of(packed)
        # Without cells, as read from the database above: drawing and study use the shapes only, and
        # the packed cells would be decompressed for each zone on every call (ranking reads them from
        # the lookup's own packed zones).
        return [ZoneShape(z.trp_id, z.kind, z.view, z.side, g) for z, g in zip(packed, shapes)]

    def muscle_pattern(self, muscle_id: str, side: str) -> dict[str, tuple[BaseGeometry, BaseGeometry]]:
        """A muscle's whole pattern on one side, per view: (essential, spillover minus essential), as
        compiled into the catalog (domain/referral_pattern.py).  Read when asked (a few rows, well under
        a millisecond): the shapes are made for the muscle clicked, not kept for all 140."""
        rows = self._repo.muscle_pattern(muscle_id, side)
        shapes = shapely.from_wkb([w for _v, ess, spill in rows for w in (ess, spill)]) if rows else []
        return {view: (shapes[2 * i], shapes[2 * i + 1]) for i, (view, _e, _s) in enumerate(rows)}

    @built_once
    def _zones_by_trp(self) -> dict[str, tuple[PackedZone, ...]]:
        out: dict[str, list[PackedZone]] = {}
        for zone in self._all_zones:
            out.setdefault(zone.trp_id, []).append(zone)
        return {trp: tuple(zones) for trp, zones in out.items()}

    @built_once
    def _all_zones(self) -> list[PackedZone]:
        """Every zone, read once and shared by drawing and ranking, its shape kept packed: shapes
        are made for the zones a question needs (packed_zone.py: 6.7 MB of int32 coordinates
        where the WKB took 12.8 MB and GEOS geometry ~35 MB)."""
        return self._repo.packed_zones(self._warm_up_pause)

    @built_once
    def _pain_zones(self) -> list[PackedZone]:
        """The zones the pain ranking reads: of TrPs whose referred phenomenon is pain (not
        gooseflesh or arrhythmia)."""
        trps = self._trigger_points
        return [z for z in self._all_zones if z.trp_id in trps and trps[z.trp_id].refers_pain]

    def placements_for(self, trp_ids: list[str]) -> dict[str, list[Placement]]:
        if not type(self)._placements.is_built(self):
            return self._repo.placements(trp_ids)
        return {trp: list(self._placements[trp]) for trp in sorted(set(trp_ids)) if trp in self._placements}

    @built_once
    def _placements(self) -> dict[str, tuple[Placement, ...]]:
        return {trp: tuple(p) for trp, p in self._repo.placements([t for t in self._trigger_points]).items()}

    # What a click on the map reads first: the lookup index (regions, and the skin areas it is built
    # with), the muscle records a card shows, their conditions, techniques and placements.  About 50 ms
    # on a quiet core; the window has it made before it shows (app/ui/start_up.py).
    FIRST_CLICK = ("views", "_muscles_by_name", "_trigger_points", "_conditions_by_muscle", "_techniques",
                   "_regions_by_layer", "lookup", "_placements")
    # The rest of the warm-up: the zones (ranking, search, other layers' grids, cell sums): what a
    # later painted map, a search keystroke or the other layers read.
    LATER = ("_zones_by_trp", "_search_index", "_bones")

    def warm_for_first_click(self, layer: str | None = None) -> None:
        """Build what a first click on the map reads; ``layer``: the shown layer, whose label grids
        (every view's: a click may turn the view) are decoded too."""
        for name in self.FIRST_CLICK:
            getattr(self, name)
        self.lookup.warm_labels(layer)

    def warm_up(self, pause: Callable[[], None] | None = None) -> None:
        """Build everything a click, a hover or a keystroke reads (the window calls this on a worker
        thread at start, so no click finds an index still to build).  The first click's part comes
        first; ``pause`` is called between the later pieces (a background warm-up waits there while
        the window answers input)."""
        pause = pause or (lambda: None)
        for name in self.FIRST_CLICK:
            getattr(self, name)
        self._warm_up_pause = pause  # reading the zones, the longest piece, pauses within (_all_zones)
        try:
            for name in self.LATER:
                pause()
                getattr(self, name)
        finally:
            self._warm_up_pause = None
        pause()
        self.lookup.warm(pause)

    # Where does it hurt? --------------------------------------------------------------------------
    def candidates_for_area(self, slug: str, side: str = "right") -> list[Candidate]:
        """One skin area clicked ranks exactly as painting it whole does (the cells of the shape the
        person sees, not the cells the compiler stored from the shape before rounding it)."""
        return self.candidates_for_areas([(slug, side)])

    def candidates_for_areas(self, areas: list[tuple[str, str]], limit: int | None = None) -> list[Candidate]:
        """Several skin areas (slug, side) as one pain, their union, ranked by the painted-map engine:
        each area counts on the views that show it well (``well_shown_views``: slivers skipped), so
        painting the same areas ranks the same."""
        pain: dict[str, list[PainStroke]] = {}
        for slug, side in dict.fromkeys(areas):
            shapes = self.lookup.skin_area_shapes(slug, side)
            if not shapes:
                raise UnknownId(f"unknown skin area '{slug}' on the {side} side")
            for area in well_shown_views(shapes):
                pain.setdefault(area.view, []).append((area.geometry, 1.0))
        in_words = areas_in_words(areas)  # the reason names the areas, not the view a zone fitted best
        return [replace(c, pain_text=in_words) for c in self.lookup.candidates_for_pain_map(pain, limit)]

    def candidates_for_marks(self, marks: list[tuple[str, BaseGeometry, float]],
                             limit: int | None = None) -> list[Candidate]:
        """A pain map given as (view, shape in the view's mm, intensity 0..10) marks."""
        pain: dict[str, list[PainStroke]] = {}
        for view, shape, intensity in marks:
            if view not in self.views:
                raise UnknownId(f"unknown view '{view}' (views: {', '.join(self.views)})")
            pain.setdefault(view, []).append((shape, float(intensity)))
        return self.lookup.candidates_for_pain_map(pain, limit)

    def candidates_at(self, view: str, x: float, y: float, limit: int | None = None) -> list[Candidate]:
        if view not in self.views:
            raise UnknownId(f"unknown view '{view}' (views: {', '.join(self.views)})")
        return self.lookup.candidates_at(view, x, y, limit)

    def candidates_for_pain(self, pain_by_view: dict[str, list[PainStroke]], limit: int | None = None) -> list[Candidate]:
        return self.lookup.candidates_for_pain_map(pain_by_view, limit)

    def describe_region(self, region: Region) -> str:
        if region.kind == "muscle" and region.ref in self._muscles:
            name = self._muscles[region.ref].name
        elif region.kind == "bone":
            name = self.bone_name(region.ref)
        else:
            name = region.ref.replace("_", " ").capitalize()
        part = f" ({region.part})" if region.part else ""
        side = f", {region.side}" if region.side in ("left", "right") else ""
        return f"{name}{part}{side}"

    # Search ------------------------------------------------------------------------------------
    @built_once
    def _search_index(self) -> SearchIndex:
        from app.domain.search import SearchIndex  # rapidfuzz: only for searching

        return SearchIndex(self._search_entries())

    def _search_entries(self) -> list[SearchEntry]:
        from app.domain.search import SearchEntry

        entries: list[SearchEntry] = []
        for m in self._muscles.values():
            entries.append(SearchEntry("muscle", m.id, m.name, m.name, 1.0))
            entries.append(SearchEntry("muscle", m.id, m.name, f"{m.latin} {m.id.replace('_', ' ')}", 0.9))
            for trp in m.trigger_points:
                for symptom in trp.symptoms:
                    entries.append(SearchEntry("symptom", m.id, m.name, symptom, 0.6))
        for c in self._conditions.values():
            entries.append(SearchEntry("condition", c.id, c.name, c.name, 1.0))
            entries.append(SearchEntry("condition", c.id, c.name, c.id.replace("_", " "), 0.9))
        return entries

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self._search_index.search(query, limit)
