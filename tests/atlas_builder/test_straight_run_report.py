"""The straight-run report splits the skin-area gauge into midline, outline and area pairs."""

from __future__ import annotations

import pytest

from app.atlas_builder.skin_svg import read_skin_svg
from app.atlas_builder.straight_run_report import VIEWS, report_for
from app.domain.shape_quality import straight_run_stats
from app.paths import ASSETS_DIR


@pytest.fixture(scope="module")
def report():
    return report_for(ASSETS_DIR)


def test_the_parts_add_up_to_the_gauge(report) -> None:
    geoms = [a.geometry for v in VIEWS for a in read_skin_svg(ASSETS_DIR / f"{v}_skin.svg").areas]
    gauge = straight_run_stats(geoms)
    assert report.total_mm == pytest.approx(gauge.total_mm)
    assert report.midline_mm + report.off_midline_mm == pytest.approx(gauge.axis_aligned_mm)
    assert 0.02 < report.share(report.midline_mm) < 0.05  # the front and back views' median line


def test_a_border_is_named_by_its_view_orientation_and_two_areas(report) -> None:
    # On the side views the shoulder's front and back meet down the deltoid: a near-vertical border.
    key = ("right_lateral", "V", "anterior_shoulder.r | posterior_shoulder.r")
    assert report.by_border[key] > 20.0
    assert ("right_lateral", "H", "anterior_shoulder.r | posterior_shoulder.r") not in report.by_border
    assert all(view != "right_lateral" or "l" not in {p.split(".")[-1] for p in pair.replace("+", " | ").split(" | ")
                                                     if p != "OUTLINE"}
               for view, _, pair in report.by_border)
