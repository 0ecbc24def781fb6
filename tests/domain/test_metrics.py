"""Metrics on squares whose areas are known by hand."""

from __future__ import annotations

from datetime import date

import pytest
from shapely.geometry import box

from app.domain import metrics, pain_change
from app.domain.body_surface import BodySurface
from app.domain.model import SkinArea
from app.domain.pain_map import PainMap
from app.domain.records import Visit
from app.domain.vocabulary import SKIN_AREAS
from app.domain.wpi import SLUG_TO_REGION, WPI_REGIONS, region_for

# A 100 x 100 mm "body" on the anterior view: client's right half x<50 (anterior view shows
# the client's right on the viewer's left), left half x>=50.
OUTLINES = {"anterior": box(0, 0, 100, 100), "posterior": box(0, 0, 100, 200)}
SKIN = [
    SkinArea("anterior", "anterior_chest", "right", box(0, 0, 50, 50)),
    SkinArea("anterior", "anterior_chest", "left", box(50, 0, 100, 50)),
    SkinArea("anterior", "jaw", "right", box(0, 50, 50, 100)),
    SkinArea("anterior", "jaw", "left", box(50, 50, 100, 100)),
    SkinArea("posterior", "low_back", "left", box(0, 0, 50, 200)),
    SkinArea("posterior", "calf", "right", box(50, 0, 100, 200)),
]


def test_extent_per_view_total_and_sides() -> None:
    pain = PainMap().paint("anterior", box(40, 0, 60, 10), 5, "aching")  # 200 mm², half each side
    pain = pain.paint("posterior", box(0, 0, 10, 10), 5, "aching")  # 100 mm², left
    result = metrics.extent(pain, OUTLINES, SKIN)
    front = result.views["anterior"]
    assert (front.painted_mm2, front.body_mm2, front.percent) == (200.0, 10000.0, 2.0)
    assert (front.left_mm2, front.right_mm2) == (100.0, 100.0)
    assert result.percent == pytest.approx(300 / 30000 * 100)
    assert result.left_percent == pytest.approx(200 / 30000 * 100)
    assert result.right_percent == pytest.approx(100 / 30000 * 100)


def test_extent_ignores_paint_outside_the_outline() -> None:
    pain = PainMap().paint("anterior", box(90, 90, 110, 110), 5, "aching")  # no outline given
    assert metrics.extent(pain, OUTLINES).views["anterior"].painted_mm2 == 100.0


def test_areas_involved_respect_thresholds() -> None:
    pain = PainMap().paint("anterior", box(0, 0, 50, 50), 5, "aching")  # right chest fully
    pain = pain.paint("anterior", box(50, 0, 54, 5), 5, "aching")  # 20 mm² of left chest: too little
    involved = metrics.areas_involved(pain, SKIN)
    assert [(a.slug, a.side, a.overlap_mm2) for a in involved] == [("anterior_chest", "right", 2500.0)]
    assert len(metrics.areas_involved(pain, SKIN, min_overlap_mm2=10, min_fraction=0)) == 2


def test_wpi_regions_from_painted_skin_areas() -> None:
    pain = PainMap().paint("anterior", box(0, 0, 100, 100), 7, "aching")
    pain = pain.paint("posterior", box(0, 0, 100, 200), 4, "dull")
    result = metrics.wpi_regions(pain, SKIN)
    assert result.regions == ("jaw_left", "jaw_right", "lower_leg_right", "lower_back", "chest")
    assert result.score == 5


def test_wpi_mapping_is_complete_and_well_formed() -> None:
    assert len(WPI_REGIONS) == 19
    assert set(SLUG_TO_REGION) <= set(SKIN_AREAS)
    mapped = {region_for(slug, side) for slug in SLUG_TO_REGION for side in ("left", "right")}
    assert mapped == set(WPI_REGIONS)  # every region is reachable from some skin area
    assert region_for("forehead", "left") is None and region_for("throat", "right") == "neck"


def test_compare_gained_lost_unchanged() -> None:
    before = PainMap().paint("anterior", box(0, 0, 10, 10), 5, "aching")
    after = PainMap().paint("anterior", box(5, 0, 15, 10), 3, "aching").paint("posterior", box(0, 0, 2, 2), 2, "dull")
    changes = pain_change.compare(before, after)
    front = changes["anterior"]
    assert (front.gained_mm2, front.lost_mm2, front.unchanged_mm2) == (50.0, 50.0, 50.0)
    assert front.gained.equals(box(10, 0, 15, 10)) and front.lost.equals(box(0, 0, 5, 10))
    assert (changes["posterior"].gained_mm2, changes["posterior"].lost_mm2) == (4.0, 0.0)


def test_trend_over_visits_by_date() -> None:
    first = PainMap().paint("anterior", box(0, 0, 10, 10), 8, "aching").paint("anterior", box(10, 0, 40, 10), 4, "dull")
    second = PainMap().paint("anterior", box(0, 0, 10, 10), 2, "aching")
    visits = [Visit(2, 1, date(2026, 2, 1), pain=second), Visit(1, 1, date(2026, 1, 1), pain=first)]
    points = pain_change.trend(visits, BodySurface(OUTLINES, []))
    assert [p.visit_id for p in points] == [1, 2]
    # (100*8 + 300*4) / 400 = 5
    assert (points[0].mean_intensity, points[0].max_intensity, points[0].painted_mm2) == (5.0, 8, 400.0)
    assert points[0].extent_percent == pytest.approx(400 / 30000 * 100)
    assert (points[1].mean_intensity, points[1].max_intensity) == (2.0, 2)
    empty = pain_change.trend([Visit(3, 1, date(2026, 3, 1))])[0]
    assert (empty.mean_intensity, empty.max_intensity, empty.extent_percent) == (0.0, 0, None)


def test_skin_areas_holding_stray_lines_are_measured_by_their_polygons() -> None:
    from shapely.geometry import GeometryCollection, LineString

    messy = [SkinArea("anterior", "anterior_chest", "right",
                      GeometryCollection([box(0, 0, 50, 50), LineString([(50, 0), (60, 0)])]))]
    pain = PainMap().paint("anterior", box(0, 0, 100, 100), 5, "aching")
    assert metrics.extent(pain, OUTLINES, messy).views["anterior"].right_mm2 == 2500.0
    assert [a.overlap_mm2 for a in metrics.areas_involved(pain, messy)] == [2500.0]


def test_each_view_reports_its_sides_as_shares_of_that_views_body() -> None:
    pain = PainMap().paint("anterior", box(40, 0, 60, 10), 5, "aching").paint("anterior", box(70, 60, 80, 70), 5, "dull")
    front = metrics.extent(pain, OUTLINES, SKIN).views["anterior"]
    assert (front.right_percent, front.left_percent) == (1.0, 2.0)  # 100 and 200 of 10,000 mm²


def test_wpi_regions_are_titled_as_the_report_lists_them() -> None:
    from app.domain.wpi import region_title

    assert [region_title(r) for r in ("jaw_left", "hip_buttock_trochanter_right", "neck", "lower_back")] == [
        "Jaw, left", "Hip (buttock, trochanter), right", "Neck", "Lower back"]


def test_pain_on_a_view_without_an_outline_is_zero_percent_of_it() -> None:
    pain = PainMap().paint("plantar", box(0, 0, 10, 10), 5, "aching")
    surface = BodySurface(OUTLINES, SKIN)
    assert metrics.extent_on(surface, pain, ["plantar"]).views["plantar"].percent == 0.0
