from __future__ import annotations

from shapely.geometry import box

from app.domain.svg_geometry import geometry_to_path_d, path_d_to_geometry


def test_round_trip_keeps_holes_and_parts() -> None:
    shape = box(0, 0, 10, 10).difference(box(2, 2, 4, 4)).union(box(20, 0, 30, 5))
    back = path_d_to_geometry(geometry_to_path_d(shape))
    assert back.symmetric_difference(shape).area < 1e-6
    assert back.area == shape.area == 146


def test_one_decimal_coordinates() -> None:
    d = geometry_to_path_d(box(0.04, 0, 1.26, 1))
    assert d.startswith("M") and "1.3" in d and "0.04" not in d


def test_empty_geometry_gives_empty_path() -> None:
    assert geometry_to_path_d(box(0, 0, 1, 1).difference(box(0, 0, 1, 1))) == ""
    assert path_d_to_geometry("").is_empty


def test_reading_keeps_only_the_area() -> None:
    # A ring that touches itself would give make_valid a collection with stray lines.
    shape = path_d_to_geometry("M0 0L10 0L10 10L0 10ZM10 10L20 10L20 20L10 20Z M5 5L5 5L5 5Z")
    assert shape.geom_type in ("Polygon", "MultiPolygon") and abs(shape.area - 200) < 1e-9


def test_polygons_inside_nested_collections_are_kept() -> None:
    from shapely.geometry import GeometryCollection, LineString, MultiPolygon

    from app.domain.svg_geometry import polygons_of

    nested = GeometryCollection([MultiPolygon([box(0, 0, 1, 1), box(2, 0, 3, 1)]), LineString([(0, 0), (5, 5)])])
    assert sum(p.area for p in polygons_of(nested)) == 2
