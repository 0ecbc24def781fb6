"""Zones packed as int32 hundredths of a millimetre come back as the very WKB they were packed
from; anything that would not (off the grid, not a polygon, big-endian) stays WKB."""

from __future__ import annotations

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box

from app.domain.packed_zone import CompactShape, PackedZone, pack_wkb, shapes_of

RING = [(10.25, 3.5), (40.0, 3.5), (40.0, 30.75), (10.25, 30.75)]
HOLE = [(20.0, 10.0), (30.01, 10.0), (30.01, 20.0)]


def test_a_polygon_with_a_hole_and_a_multipolygon_on_the_grid_pack_and_come_back_byte_for_byte() -> None:
    for shape in (Polygon(RING, [HOLE]), MultiPolygon([Polygon(RING, [HOLE]), box(100, 100, 120.5, 140.25)]),
                  Polygon([(1733.35, 0.01), (0.0, -2.5), (5.0, 5.0)])):
        wkb = shapely.to_wkb(shape)
        packed = pack_wkb(wkb)
        assert isinstance(packed, CompactShape)
        assert packed.to_wkb() == wkb
        assert packed.nbytes < 0.75 * len(wkb)
        zone = PackedZone("t1", "essential", "anterior", "right", packed)
        assert zone.geometry.equals_exact(shape, 0) and not zone.is_empty


def test_shapes_off_the_grid_or_not_polygons_stay_wkb() -> None:
    for shape in (Polygon([(0.001, 0), (1, 0), (1, 1)]), Point(1, 2), Polygon(),
                  shapely.GeometryCollection([box(0, 0, 1, 1), Point(5, 5)])):
        wkb = shapely.to_wkb(shape)
        assert pack_wkb(wkb) == wkb
    big_endian = shapely.to_wkb(box(0, 0, 1, 1), byte_order=0)
    assert pack_wkb(big_endian) == big_endian
    empty = PackedZone.of_wkb("t1", "essential", "anterior", "right", shapely.to_wkb(Polygon()))
    assert empty.is_empty and empty.geometry.is_empty


def test_shapes_of_makes_each_zones_shape_in_order() -> None:
    zones = [PackedZone.of_wkb("t1", "essential", "anterior", "right", shapely.to_wkb(box(i, 0, i + 0.5, 1)))
             for i in range(3)]
    assert [g.bounds for g in shapes_of(zones)] == [(0, 0, 0.5, 1), (1, 0, 1.5, 1), (2, 0, 2.5, 1)]
    assert len(shapes_of([])) == 0
