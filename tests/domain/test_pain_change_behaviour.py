"""Change and trend between visits as the Metrics tab shows them: each view's change named by its
view, the trend measured on the views asked for only, and the trend cache (the client window's)
answering like the uncached trend without keeping closed clients' marks alive."""

from __future__ import annotations

import gc
import random
import weakref
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from shapely.geometry import box

from app.domain.body_surface import BodySurface
from app.domain.model import SkinArea
from app.domain.pain_change import Superseded, TrendCache, compare, trend, trend_point
from app.domain.pain_map import PainMap
from app.domain.records import Visit
from tests.support.pain_strategies import ViewBox, pain_maps

OUTLINES = {"anterior": box(0, 0, 100, 200), "posterior": box(0, 0, 100, 200), "right_lateral": box(0, 0, 50, 200)}
SURFACE = BodySurface(OUTLINES, [SkinArea("posterior", "low_back", "left", box(0, 0, 50, 100))])
BODY = ("anterior", "posterior")  # the trend's "% of the body": front and back
VIEWS = {v: ViewBox((0.0, 0.0, 100.0, 200.0), outline) for v, outline in OUTLINES.items()}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pain_maps(VIEWS), pain_maps(VIEWS))
def test_each_views_change_is_named_by_its_view_and_adds_up(before: PainMap, after: PainMap) -> None:
    changes = compare(before, after)
    assert set(changes) == set(before.views()) | set(after.views())
    for view, change in changes.items():
        assert change.view == view
        assert change.unchanged_mm2 + change.lost_mm2 == pytest.approx(before.painted(view).area, abs=0.5)
        assert change.unchanged_mm2 + change.gained_mm2 == pytest.approx(after.painted(view).area, abs=0.5)


def _visit(visit_id: int | None, day: int, pain: PainMap) -> Visit:
    return Visit(visit_id, 1, date(2026, 5, day), pain=pain)


def test_the_trend_measures_only_the_views_asked_for() -> None:
    """Pain on the side view is not part of "% of the body" (front + back), cached or not."""
    pain = (PainMap().paint("anterior", box(0, 0, 100, 40), 6, "aching")
            .paint("right_lateral", box(0, 0, 50, 200), 9, "burning"))
    visit = _visit(1, 3, pain)
    point = trend_point(visit, SURFACE, BODY)
    assert point.extent_percent == pytest.approx(4000 / 40000 * 100)
    assert point.painted_mm2 == pytest.approx(4000 + 10000)  # the painted figure is every view's
    assert (point.max_intensity, point.mean_intensity) == (9, pytest.approx((4000 * 6 + 10000 * 9) / 14000))
    assert trend([visit], SURFACE, BODY) == [point]
    assert TrendCache().trend([visit], SURFACE, BODY) == [point]
    every_view = trend_point(visit, SURFACE)  # no views named: all of the surface's
    assert every_view.extent_percent == pytest.approx(14000 / 50000 * 100)
    assert trend_point(visit, SURFACE, ("left_lateral",)).extent_percent == 0.0  # a view without an outline


def test_the_trend_cache_keeps_no_marks_of_a_client_once_another_is_opened() -> None:
    """The window's trend cache holds the points; the body surface must not hold the marks too,
    or every history ever opened stays in memory."""
    surface = BodySurface(OUTLINES, [])
    cache = TrendCache()
    rng = random.Random(3)
    first = [_visit(i, i, PainMap().paint("posterior", box(0, 0, rng.uniform(10, 90), 50), 4, "dull"))
             for i in range(1, 6)]
    first.append(_visit(None, 8, PainMap().paint("posterior", box(0, 0, 20, 20), 6, "sharp")))  # a new visit, not saved
    points = cache.trend(first, surface, BODY)
    assert points == trend(first, BodySurface(OUTLINES, []), BODY)
    marks = [weakref.ref(v.pain.marks("posterior")[0]) for v in first]
    del first, points
    other = [_visit(50, 9, PainMap().paint("anterior", box(0, 0, 30, 30), 2, "sharp"))]
    cache.keep_only({50})
    cache.trend(other, surface, BODY)
    gc.collect()
    assert [m() for m in marks] == [None] * 6


def test_an_unsaved_visit_is_measured_every_time_and_not_cached() -> None:
    cache = TrendCache()
    saved = _visit(1, 1, PainMap().paint("anterior", box(0, 0, 20, 20), 3, "aching"))
    unsaved = _visit(None, 2, PainMap().paint("anterior", box(0, 0, 40, 20), 5, "aching"))
    assert cache.trend([unsaved, saved], SURFACE, BODY) == trend([saved, unsaved], SURFACE, BODY)
    assert len(cache) == 1
    unsaved.pain = unsaved.pain.paint("posterior", box(0, 0, 10, 10), 8, "sharp")
    again = cache.trend([unsaved, saved], SURFACE, BODY)
    assert again == trend([saved, unsaved], SURFACE, BODY) and again[1].max_intensity == 8


def test_a_trend_made_of_remembered_points_is_never_superseded() -> None:
    """Only new measuring is worth stopping: points already remembered come back whatever."""
    cache = TrendCache()
    visits = [_visit(i, i, PainMap().paint("anterior", box(0, 0, 10 * i, 10), i, "dull")) for i in range(1, 4)]
    expected = cache.trend(visits, SURFACE, BODY)
    assert cache.trend(visits, SURFACE, BODY, superseded=lambda: True) == expected
    visits[1].pain = visits[1].pain.paint("anterior", box(50, 50, 60, 60), 9, "sharp")
    with pytest.raises(Superseded):
        cache.trend(visits, SURFACE, BODY, superseded=lambda: True)
