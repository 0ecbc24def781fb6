"""A pain mark's geometry in a records file (app/storage/records_format.py): what is accepted,
and for each kind of broken shape the exact reason an import gives."""

from __future__ import annotations

import pytest
from shapely.geometry import box, mapping

from app.storage.records_format import MAX_COORD_MM, MAX_VERTICES, parse_geometry

BOW_TIE = "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"


@pytest.mark.parametrize(("value", "reason"), [
    (12, "geometry must be WKT text or a GeoJSON object"),
    ("POLYGON((0 0, 10", "unreadable geometry (GEOSException)"),
    ("LINESTRING(0 0, 10 10)", "geometry must be a Polygon or MultiPolygon"),
    ("POLYGON Z((0 0 1, 10 0 1, 10 10 1, 0 0 1))", "geometry must be flat (x y millimetres on the drawing, no Z or M values)"),
    ("POLYGON EMPTY", "geometry is empty"),
    (BOW_TIE, "invalid geometry: Self-intersection[5 5]"),
    (f"POLYGON((0 0, {MAX_COORD_MM * 2} 0, 0 10, 0 0))", "geometry coordinates must be finite millimetres on the drawing"),
    ({"type": "Polygon", "coordinates": [[(i % 2, i) for i in range(MAX_VERTICES)] + [(0, 0)]]},
     f"geometry has more than {MAX_VERTICES} vertices"),
])
def test_a_broken_geometry_is_refused_with_its_reason(value, reason: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_geometry(value)
    assert str(refused.value) == reason


def test_wkt_and_geojson_of_one_stroke_read_the_same() -> None:
    stroke = box(10, 20, 40, 35).union(box(30, 30, 60, 50))
    assert parse_geometry(stroke.wkt).equals(stroke)
    assert parse_geometry(mapping(stroke)).equals(stroke)
