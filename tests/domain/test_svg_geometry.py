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


def test_path_text_is_one_move_then_lines_then_close_per_ring() -> None:
    """The exact text the atlas files hold: no repeated closing point, rings back to back."""
    assert geometry_to_path_d(box(0, 0, 2, 1)) == "M2.0 0.0L2.0 1.0L0.0 1.0L0.0 0.0Z"
    holed = box(0, 0, 10, 10).difference(box(2, 2, 4, 4))
    d = geometry_to_path_d(holed)
    assert d.count("M") == 2 and d.count("Z") == 2 and d.count("L") == 6 and "ZM" in d
    from shapely.geometry import Polygon
    assert geometry_to_path_d(Polygon([(0, 0), (5, 0), (0, 5)])) == "M0.0 0.0L5.0 0.0L0.0 5.0Z"


def test_reading_accepts_what_other_svg_editors_write() -> None:
    # Lower-case commands, implicit line-tos after a move, exponents, negatives, no closing Z.
    tri = path_d_to_geometry("m0 0 l10 0 l0 10 z")
    assert tri.area == 50
    implicit = path_d_to_geometry("M0 0 10 0 10 10 0 10Z")
    assert implicit.area == 100 and implicit.bounds == (0, 0, 10, 10)
    assert path_d_to_geometry("M-1e1 0L0 0L0 1e1Z").bounds == (-10, 0, 0, 10)
    # Two unclosed subpaths are two rings, not one zig-zag.
    two = path_d_to_geometry("M0 0L10 0L10 10L0 10M20 20L30 20L30 30L20 30")
    assert two.geom_type == "MultiPolygon"
    assert two.symmetric_difference(box(0, 0, 10, 10).union(box(20, 20, 30, 30))).area < 1e-9
    # A ring of three corners is a triangle; two points are nothing.
    assert path_d_to_geometry("M0 0L4 0L0 4Z").area == 8
    assert path_d_to_geometry("M0 0L4 0Z").is_empty


def test_a_ring_inside_another_is_a_hole_even_when_drawn_first() -> None:
    holed = path_d_to_geometry("M2 2L4 2L4 4L2 4ZM0 0L10 0L10 10L0 10Z")
    assert holed.area == 96 and not holed.contains(box(2.5, 2.5, 3.5, 3.5))
