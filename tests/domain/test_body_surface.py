"""Measuring pain maps on a prepared body surface: the mixed-dimension crash, exact areas on
hand-checkable shapes, and each view measured once per set of marks."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import GeometryCollection, LineString, Point, box

from app.domain import metrics
from app.domain.body_surface import BodySurface, overlay
from app.domain.model import SkinArea
from app.domain.pain_map import PainMap


def test_pain_touching_the_outline_along_an_edge_is_measured_not_a_crash() -> None:
    # Two marks; the outline covers one partly and only touches the other along its edge, so
    # pain ∩ outline is a polygon plus a line.  That collection used to go into the next
    # intersection and raise "Overlay input is mixed-dimension" (issue 11).
    pain = PainMap().paint("anterior", box(0, 0, 10, 10), 5, "aching").paint("anterior", box(20, 0, 30, 10), 6, "aching")
    outlines = {"anterior": box(5, 0, 20, 10)}
    skin = [SkinArea("anterior", "jaw", "left", box(0, 0, 30, 10)), SkinArea("anterior", "jaw", "right", box(0, 10, 30, 20))]
    front = metrics.extent(pain, outlines, skin).views["anterior"]
    assert (front.painted_mm2, front.body_mm2, front.left_mm2, front.right_mm2) == (50.0, 150.0, 50.0, 0.0)


@pytest.mark.parametrize("operation", [shapely.intersection, shapely.difference])
def test_overlay_results_hold_polygons_only(operation) -> None:
    a = shapely.union_all([box(0, 0, 10, 10), box(20, 0, 30, 10)])
    b = box(5, 0, 20, 10)
    result = overlay(operation, a, b)
    assert result.geom_type in ("Polygon", "MultiPolygon")
    assert result.area == pytest.approx(50.0 if operation is shapely.intersection else 150.0)
    assert overlay(operation, GeometryCollection(), b).is_empty
    assert overlay(shapely.difference, a, GeometryCollection()).area == pytest.approx(200.0)
    assert overlay(shapely.intersection, a, GeometryCollection([LineString([(0, 0), (5, 5)]), Point(1, 1)])).is_empty


def test_a_view_is_measured_once_per_set_of_marks() -> None:
    surface = BodySurface({"anterior": box(0, 0, 100, 100), "posterior": box(0, 0, 100, 100)},
                          [SkinArea("anterior", "jaw", "left", box(0, 0, 50, 100))])
    pain = PainMap().paint("anterior", box(0, 0, 10, 10), 5, "aching")
    first = surface.measure(pain, "anterior")
    assert surface.measure(pain, "anterior") is first
    painted_back = pain.paint("posterior", box(0, 0, 5, 5), 3, "dull")  # the front's marks are shared
    assert surface.measure(painted_back, "anterior") is first
    repainted = pain.paint("anterior", box(0, 0, 20, 10), 5, "aching")
    again = surface.measure(repainted, "anterior")
    assert again is not first and again.painted_mm2 == 200.0 and again.left_mm2 == 200.0
    assert surface.measure(pain, "anterior").painted_mm2 == 100.0  # the older map still measures as it was


def test_skin_overlaps_name_each_area_the_pain_covers() -> None:
    skin = [SkinArea("anterior", "jaw", "left", box(0, 0, 50, 50)), SkinArea("anterior", "throat", "right", box(50, 0, 100, 50)),
            SkinArea("anterior", "anterior_chest", "left", box(0, 60, 50, 100))]
    surface = BodySurface({"anterior": box(0, 0, 100, 100)}, skin)
    pain = PainMap().paint("anterior", box(40, 0, 60, 10), 5, "aching")
    assert surface.measure(pain, "anterior").skin_overlaps == ((0, 100.0), (1, 100.0))


def test_paint_running_off_the_body_counts_only_the_part_on_the_body() -> None:
    """A brush stroke past the body's edge (painted where the outline is not): only skin is pain."""
    surface = BodySurface({"anterior": box(0, 0, 100, 100)}, [SkinArea("anterior", "jaw", "right", box(0, 0, 100, 100))])
    pain = PainMap().paint("anterior", box(80, 10, 130, 30), 5, "aching")
    assert surface.painted_mm2(pain, "anterior", remember=False) == pytest.approx(20 * 20)
