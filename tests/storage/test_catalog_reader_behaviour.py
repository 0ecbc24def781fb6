"""The catalog reader (app/storage/catalog_reader.py) on the shipped catalog, held against an
independent SQLAlchemy reading of the same file (tests/support/sqlalchemy_catalog.py).

Every method the app and `tpx` call is compared: a column the reader drops or maps to the wrong
field, a filter or an ordering lost, shows up here as a difference from the second reading.  The
methods the oracle has no twin for (one muscle, the conditions naming a muscle, the precomputed
tables) are checked against what the oracle's full reads say they must be.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import shapely
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.paths import catalog_db_path
from app.storage import catalog_models as t
from app.storage.catalog_errors import CatalogUnavailable
from app.storage.catalog_reader import CatalogReader, open_catalog_reader
from tests.support.sqlalchemy_catalog import CatalogRepository, open_catalog_engine


@pytest.fixture(scope="module")
def reader() -> Iterator[CatalogReader]:
    opened = open_catalog_reader(catalog_db_path())
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def oracle() -> CatalogRepository:
    return CatalogRepository(open_catalog_engine(catalog_db_path()))


def _same(a: list, b: list) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b):
        for f in dataclasses.fields(x):
            u, v = getattr(x, f.name), getattr(y, f.name)
            if isinstance(u, shapely.Geometry):
                assert shapely.to_wkb(u) == shapely.to_wkb(v), (x, f.name)
            elif isinstance(u, np.ndarray):
                assert np.array_equal(u, v), (x, f.name)
            else:
                assert u == v, (x, f.name)


def test_records_read_as_the_oracle_reads_them(reader: CatalogReader, oracle: CatalogRepository) -> None:
    muscles = reader.muscles()
    assert muscles == oracle.muscles()
    assert len(muscles) > 100 and sum(len(m.trigger_points) for m in muscles) > 200
    # Sorted by name, each muscle's trigger points in the catalog's order, sources titled.
    assert [m.name for m in muscles] == sorted(m.name for m in muscles)
    assert all(m.source.title != m.source.ref for m in muscles if m.source.ref)
    assert reader.conditions() == oracle.conditions()
    assert reader.trp_index() == oracle.trp_index()
    assert reader.bones() == oracle.bones() and len(reader.bones()) > 10
    for kind in ("factor", "technique"):
        assert reader.terms(kind) == oracle.terms(kind) and reader.terms(kind)
    assert reader.terms("no such kind") == []
    assert [dataclasses.astuple(s) for s in reader.sources()] == [
        (s.id, s.title, s.authors, s.edition, s.year, s.publisher, s.kind, s.note) for s in oracle.sources()]
    assert reader.meta("cell_mm") == oracle.meta("cell_mm") is not None
    assert reader.meta("no such key") is None


def test_geometry_reads_as_the_oracle_reads_it(reader: CatalogReader, oracle: CatalogRepository) -> None:
    views_a, views_b = reader.views(), oracle.views()
    assert [v[:4] for v in views_a] == [v[:4] for v in views_b] and len(views_a) >= 4
    assert all(shapely.to_wkb(a[4]) == shapely.to_wkb(b[4]) for a, b in zip(views_a, views_b))
    assert reader.landmarks() == oracle.landmarks()
    assert reader.label_grids() == oracle.label_grids()
    _same(reader.regions(), oracle.regions())
    _same(reader.skin_areas(), oracle.skin_areas())
    ids = [row[0] for row in reader.trp_index()]
    for kwargs in ({}, {"with_cells": True}, {"referred_pain_only": True},
                   {"with_cells": True, "referred_pain_only": True}):
        _same(reader.zones(**kwargs), oracle.zones(**kwargs))
    _same(reader.zones(ids[5:9]), oracle.zones(ids[5:9]))
    _same(reader.zones(ids[5:9], with_cells=True, referred_pain_only=True),
          oracle.zones(ids[5:9], with_cells=True, referred_pain_only=True))
    assert reader.zones([]) == []
    assert reader.placements(ids) == oracle.placements(ids)
    assert reader.placements(ids[3:4]) == oracle.placements(ids[3:4]) and len(reader.placements(ids[3:4])) == 1
    assert reader.placements([]) == {}


def test_referred_pain_only_leaves_out_exactly_the_trigger_points_whose_phenomenon_is_not_pain(
        reader: CatalogReader, oracle: CatalogRepository) -> None:
    phenomenon = {tp.id: tp.phenomenon for m in oracle.muscles() for tp in m.trigger_points}
    every = {z.trp_id for z in reader.zones()}
    pain = {z.trp_id for z in reader.zones(referred_pain_only=True)}
    assert pain == {i for i in every if phenomenon[i] == "pain"}
    assert pain < every  # the shipped catalog has a few (gooseflesh, arrhythmia)


def test_one_muscle_and_the_names_of_trigger_points(reader: CatalogReader, oracle: CatalogRepository) -> None:
    muscles = oracle.muscles()
    for muscle in (muscles[0], muscles[len(muscles) // 2], muscles[-1]):
        assert reader.muscle(muscle.id) == muscle
    assert reader.muscle("no_such_muscle") is None
    wanted = [tp for m in muscles[10:14] for tp in m.trigger_points]
    by_muscle = {tp.id: m for m in muscles for tp in m.trigger_points}
    assert reader.trigger_point_names([tp.id for tp in wanted]) == {
        tp.id: (tp.label, tp.muscle_id, by_muscle[tp.id].name, tp.prevalence) for tp in wanted}
    assert reader.trigger_point_names([]) == {}


def test_conditions_naming_a_muscle_in_name_then_rank_order(reader: CatalogReader,
                                                            oracle: CatalogRepository) -> None:
    conditions = sorted(oracle.conditions(), key=lambda c: (c.name, c.id))
    linked = {link.muscle_id for c in conditions for link in c.links}
    checked = 0
    for muscle in oracle.muscles():
        expected = [(c.id, c.name, link.relation) for c in conditions
                    for link in sorted(c.links, key=lambda k: k.rank) if link.muscle_id == muscle.id]
        assert reader.conditions_naming(muscle.id) == expected
        checked += len(expected) > 1
    assert checked > 3 and linked
    assert reader.conditions_naming("no_such_muscle") == []


def test_the_precomputed_tables_read_whole_and_in_order(reader: CatalogReader) -> None:
    engine = open_catalog_engine(catalog_db_path())
    with Session(engine) as s:
        reaches = [(r.trp_id, r.kind, r.view, r.side, r.slug) for r in s.scalars(select(t.ZoneSkinAreaRow))]
        overlaps = [(r.slug, r.side, r.view, r.trp_id, r.kind, r.zone_side, r.pain, r.pattern)
                    for r in s.scalars(select(t.AreaZoneOverlapRow))]
    assert reader.has_table("zone_skin_areas") and reader.has_table("area_zone_overlaps")
    assert not reader.has_table("no_such_table") and not reader.has_table("sqlite_master")
    ids = sorted({r[0] for r in reaches})
    some = ids[::7]
    assert reader.zone_skin_areas(some) == sorted(r for r in reaches if r[0] in some) != []
    assert reader.zone_skin_areas([]) == []
    zones = reader.zones(some)
    assert reader.zone_views(some) == [(z.trp_id, z.kind, z.view, z.side) for z in zones] != []
    assert reader.zone_views(["no_such_trp"]) == []

    areas = sorted({(r[0], r[1]) for r in overlaps})
    for slug, side in areas[::25]:
        expected = sorted((r[2], r[3], r[4], r[5], r[6], r[7]) for r in overlaps if r[:2] == (slug, side))
        got = reader.area_zone_overlaps(slug, side)
        assert got == expected and got
        assert all(0.0 < pain <= 1.0 and 0.0 < pattern <= 1.0 for *_, pain, pattern in got)
        assert reader.has_skin_area(slug, side)
    assert reader.area_zone_overlaps("no_such_area", "left") == []


def test_a_skin_area_exists_on_its_own_side_only(reader: CatalogReader) -> None:
    sides = {}
    for area in reader.skin_areas():
        sides.setdefault(area.slug, set()).add(area.side)
    one_sided = sorted(slug for slug, s in sides.items() if s == {"left"})
    assert reader.has_skin_area(one_sided[0], "left") if one_sided else True
    if one_sided:
        assert not reader.has_skin_area(one_sided[0], "right")
    lateral = sorted(slug for slug, s in sides.items() if {"left", "right"} <= s)
    assert reader.has_skin_area(lateral[0], "right") and reader.has_skin_area(lateral[0], "left")
    assert not reader.has_skin_area("no_such_area", "left")


def test_a_missing_or_garbage_catalog_is_reported_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.db"
    with pytest.raises(CatalogUnavailable) as gone:
        open_catalog_reader(missing)
    assert str(gone.value) == f"catalog database not found: {missing} (run `tpx build-catalog`)"
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database, just text " * 200)
    with pytest.raises(CatalogUnavailable) as bad:
        open_catalog_reader(garbage)
    assert str(bad.value).startswith(f"catalog database {garbage} is unreadable: ")
    assert "\n" not in str(bad.value)
    empty = tmp_path / "empty.db"
    import sqlite3
    sqlite3.connect(empty).execute("CREATE TABLE other (x)").connection.close()
    with pytest.raises(CatalogUnavailable, match="no such table: muscles"):
        open_catalog_reader(empty)



def test_packed_zones_are_every_zone_with_its_cells_and_its_exact_shape(reader: CatalogReader) -> None:
    packed = reader.packed_zones()
    shapes = reader.zones(with_cells=True)
    assert len(packed) == len(shapes) > 1000
    assert [(p.trp_id, p.kind, p.view, p.side) for p in packed] == [(z.trp_id, z.kind, z.view, z.side) for z in shapes]
    for p, z in zip(packed[::37], shapes[::37]):
        assert shapely.to_wkb(p.geometry) == shapely.to_wkb(z.geometry)
        assert np.array_equal(p.cells, z.cells) and len(p.cells) > 0


def test_a_muscles_compiled_pattern_holds_its_essential_zones_and_keeps_spillover_apart(reader: CatalogReader) -> None:
    """The pattern drawn for a clicked muscle: per view, essential covers every essential pain zone
    of that side (simplified within 0.02 mm), and spillover never overlaps it."""
    trps = [t.id for t in reader.muscle("trapezius").trigger_points if t.phenomenon == "pain"]  # TrP7: gooseflesh
    zones = [z for z in reader.zones(trps) if z.side == "right"]
    pattern = reader.muscle_pattern("trapezius", "right")
    assert [view for view, _, _ in pattern] == sorted({z.view for z in zones})
    for view, essential_wkb, spillover_wkb in pattern:
        essential, spillover = shapely.from_wkb(essential_wkb), shapely.from_wkb(spillover_wkb)
        for zone in (z for z in zones if z.view == view and z.kind == "essential"):
            assert zone.geometry.difference(essential.buffer(0.05)).area < 0.5, (view, zone.trp_id)
        assert essential.area > 0 and spillover.intersection(essential).area < 0.5, view


def test_a_reader_a_worker_thread_used_closes_from_the_window_thread() -> None:
    """The explorer's warm-up reads on a pool thread; closing the window closes every connection."""
    import threading

    opened = open_catalog_reader(catalog_db_path())
    read: list[dict[str, str]] = []
    worker = threading.Thread(target=lambda: read.append(opened.bones()))
    worker.start()
    worker.join()
    assert read and read[0] == opened.bones()
    opened.close()  # a connection tied to its thread would raise ProgrammingError here
