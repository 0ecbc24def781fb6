"""Facts the commands would otherwise compute from geometry, precomputed into the catalog.

`tpx show` lists the skin areas each zone reaches, and `tpx candidates --area` ranks the zones
a skin area overlaps.  Both used to load numpy, shapely and every zone for one answer.  The window
draws each muscle's whole pattern, a union of its zones that took up to ~90 ms per click.  They are
computed here, once, from the database just written -- the very geometry and cells the app reads
back -- so a command reads a few rows instead.  Tests recompute both from the geometry and
compare (tests/catalog/test_compile_derived.py).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import shapely

from app.domain.cell_grid import CELL_MM, CellGrid
from app.domain.lookup import LookupEngine, well_shown_views
from app.domain.model import SkinArea, ZoneShape
from app.domain.referral_pattern import drawn_pattern
from app.storage import catalog_models as t
from app.storage.catalog_reader import CatalogReader

# A zone "reaches" a skin area when their intersection covers this share of the smaller of the two.
REACH_SHARE = 0.25


def derived_rows(reader: CatalogReader) -> list[t.CatalogBase]:
    areas = reader.skin_areas()
    rows: list[t.CatalogBase] = list(zone_skin_area_rows(reader.zones(), areas))
    rows.extend(area_overlap_rows(reader, areas))
    rows.extend(muscle_pattern_rows(reader))
    return rows


def muscle_pattern_rows(reader: CatalogReader) -> list[t.MusclePatternRow]:
    """Each muscle's pattern per view and side from its pain-referring TrPs' zones (a TrP whose
    referred phenomenon is not pain is drawn as a marker only, not in the essential red)."""
    muscle_of = {trp: muscle for trp, muscle, _prevalence in reader.trp_index()}
    grouped: dict[tuple[str, str, str], tuple[list, list]] = defaultdict(lambda: ([], []))
    for zone in reader.zones(referred_pain_only=True):
        essential, spillover = grouped[(muscle_of[zone.trp_id], zone.view, zone.side)]
        (essential if zone.kind == "essential" else spillover).append(zone.geometry)
    rows = []
    for (muscle, view, side), (essential, spillover) in sorted(grouped.items()):
        ess, spill = drawn_pattern(essential, spillover)
        rows.append(t.MusclePatternRow(muscle_id=muscle, view=view, side=side, essential=shapely.to_wkb(ess),
                                       spillover=shapely.to_wkb(spill)))
    return rows


def zone_skin_area_rows(zones: list[ZoneShape], areas: list[SkinArea]) -> list[t.ZoneSkinAreaRow]:
    """Each zone against the skin areas of its view and side (see REACH_SHARE)."""
    by_view_side: dict[tuple[str, str], list[SkinArea]] = defaultdict(list)
    for area in areas:
        by_view_side[(area.view, area.side)].append(area)
    trees = {key: (shapely.STRtree([a.geometry for a in group]), shapely.area([a.geometry for a in group]))
             for key, group in by_view_side.items()}
    rows = []
    for zone in zones:
        if (zone.view, zone.side) not in trees or zone.geometry.is_empty:
            continue
        group = by_view_side[(zone.view, zone.side)]
        tree, area_sizes = trees[(zone.view, zone.side)]
        touching = np.sort(tree.query(zone.geometry, predicate="intersects"))
        if touching.size == 0:
            continue
        shared = shapely.area(shapely.intersection([group[i].geometry for i in touching.tolist()], zone.geometry))
        smaller = np.minimum(area_sizes[touching], zone.geometry.area)
        slugs = {group[i].slug for i, s, m in zip(touching.tolist(), shared.tolist(), smaller.tolist())
                 if s >= REACH_SHARE * m}
        rows.extend(t.ZoneSkinAreaRow(trp_id=zone.trp_id, kind=zone.kind, view=zone.view, side=zone.side, slug=slug)
                    for slug in sorted(slugs))
    return rows


def area_engine(reader: CatalogReader, areas: list[SkinArea]) -> LookupEngine:
    """The pain-ranking part of the app's lookup engine, built as CatalogService.lookup builds it."""
    index = reader.trp_index()
    cell_mm = float(reader.meta("cell_mm") or CELL_MM)
    grids = {name: CellGrid(width, height, cell_mm) for name, width, height, _layers, _outline in reader.views()}
    return LookupEngine([], areas, reader.zones(with_cells=True, referred_pain_only=True),
                        prevalence={trp: prev for trp, _m, prev in index}, muscle_of={trp: m for trp, m, _p in index},
                        grids=grids)


def area_overlap_rows(reader: CatalogReader, areas: list[SkinArea]) -> list[t.AreaZoneOverlapRow]:
    """Each skin area (slug, side) as the whole pain, on each view that shows it well, as `tpx
    candidates --area` ranks a single area (CatalogService.candidates_for_areas)."""
    engine = area_engine(reader, areas)
    by_key: dict[tuple[str, str], list[SkinArea]] = defaultdict(list)
    for area in areas:
        by_key[(area.slug, area.side)].append(area)
    rows = []
    for (slug, side), shapes in sorted(by_key.items()):
        for area in well_shown_views(shapes):
            for zone, pain, pattern in engine.pain_overlaps(area.view, [(area.geometry, 1.0)]):
                rows.append(t.AreaZoneOverlapRow(slug=slug, side=side, view=area.view, trp_id=zone.trp_id,
                                                 kind=zone.kind, zone_side=zone.side, pain=pain, pattern=pattern))
    return rows
