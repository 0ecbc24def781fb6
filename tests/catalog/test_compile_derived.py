"""What the compiler precomputes from geometry (catalog/compile_derived.py) equals what the app
computes from the stored zones and skin areas, on the freshly compiled mini catalog and on the
shipped one -- so the database and its sources cannot drift apart unnoticed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import shapely

from app.paths import catalog_db_path
from app.services.catalog_facts import CatalogFacts
from app.services.catalog_service import CatalogService


@pytest.fixture(scope="module", params=["mini", "shipped"])
def catalog(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue("mini_catalog") if request.param == "mini" else catalog_db_path()


def _reach_by_shapely(service: CatalogService, trp_id: str, kind: str) -> tuple[list[str], list[str]]:
    """The rule `tpx show` used to apply at every call: the right side's zones of this kind, and
    the right-side skin areas of their view whose intersection with a zone covers at least a
    quarter of the smaller of the two."""
    zones = [z for z in service.zones_for([trp_id]) if z.kind == kind and z.side == "right"]
    areas: set[str] = set()
    for zone in zones:
        for area in service.skin_areas:
            if area.view == zone.view and area.side == "right" and area.geometry.intersects(zone.geometry):
                shared = shapely.intersection(area.geometry, zone.geometry).area
                if shared >= 0.25 * min(area.geometry.area, zone.geometry.area):
                    areas.add(area.slug)
    return sorted({z.view for z in zones}), sorted(areas)


def test_the_skin_areas_each_zone_reaches_are_what_shapely_computes_from_the_zones(catalog: Path) -> None:
    service, facts = CatalogService.open(catalog), CatalogFacts.open(catalog)
    assert facts.precomputed
    trp_ids = sorted(t.id for m in service.muscles() for t in m.trigger_points)
    reach = facts.zone_reach(trp_ids, side="right")
    reached = 0
    for trp_id in trp_ids:
        for kind in ("essential", "spillover"):
            got = reach.get((trp_id, kind))
            expected = _reach_by_shapely(service, trp_id, kind)
            assert ((got.views, got.skin_areas) if got else ([], [])) == expected, (trp_id, kind)
            reached += bool(expected[1])
    assert reached >= len(trp_ids) // 2  # the comparison is not vacuous


def test_one_area_ranks_from_the_stored_overlaps_exactly_as_the_lookup_engine_ranks_it(catalog: Path) -> None:
    service, facts = CatalogService.open(catalog), CatalogFacts.open(catalog)
    keys = sorted({(a.slug, a.side) for a in service.skin_areas})
    ranked = 0
    for slug, side in keys:
        expected = service.candidates_for_areas([(slug, side)])
        assert facts.candidates_for_area(slug, side) == expected, (slug, side)
        ranked += bool(expected)
    assert ranked >= len(keys) // 2


def test_the_shipped_tables_are_what_the_compiler_derives_from_the_shipped_geometry() -> None:
    """The tests above read the stored tables; this one reruns the compiler's derivation on the
    shipped zones and skin areas (a compiler bug fails here before anyone rebuilds the catalog)."""
    from app.catalog.compile_derived import derived_rows
    from app.storage.catalog_reader import open_catalog_reader

    reader = open_catalog_reader(catalog_db_path())
    derived: dict[str, set[tuple]] = {}
    for row in derived_rows(reader):
        columns = [c.name for c in row.__table__.columns]
        derived.setdefault(row.__tablename__, set()).add(tuple(getattr(row, c) for c in columns))
    with sqlite3.connect(f"file:{catalog_db_path()}?mode=ro", uri=True) as db:
        for table, rows in derived.items():
            assert set(db.execute(f'SELECT * FROM "{table}"').fetchall()) == rows, table
    assert set(derived) == {"zone_skin_areas", "area_zone_overlaps", "muscle_patterns"}
