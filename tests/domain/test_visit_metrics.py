"""A visit's metrics as of that visit: the previous visit, the change and the trend."""

from __future__ import annotations

from datetime import date

from shapely.geometry import box

from app.domain.body_surface import BodySurface
from app.domain.model import SkinArea
from app.domain.pain_map import PainMap
from app.domain.records import SymptomSeverity, Visit
from app.domain.visit_metrics import summarize

SURFACE = BodySurface({"anterior": box(0, 0, 100, 100), "posterior": box(0, 0, 100, 100)},
                      [SkinArea("posterior", "low_back", "left", box(0, 0, 100, 100))])


def _visit(visit_id: int, day: date, side: float) -> Visit:
    return Visit(visit_id, 1, day, pain=PainMap().paint("posterior", box(0, 0, side, side), 5, "aching"))


def test_metrics_of_an_older_visit_stop_at_that_visit() -> None:
    late, early, middle = _visit(3, date(2026, 12, 1), 40), _visit(1, date(2026, 10, 1), 20), _visit(2, date(2026, 11, 1), 30)
    middle.symptom_severity = SymptomSeverity(3, 3, 3, 1, 1, 1)
    m = summarize(SURFACE, middle, [late, early])
    assert [p.visit_id for p in m.trend] == [1, 2]  # the December visit is not in November's trend
    assert m.previous_date == date(2026, 10, 1)
    assert m.change["posterior"].gained_mm2 == 900 - 400
    assert m.total.percent == 900 / 20000 * 100  # front and back count once each
    assert (m.wpi.score, m.fibromyalgia.sss, m.fibromyalgia.criteria_met) == (1, 12, False)
    assert [(a.slug, a.side) for a in m.areas] == [("low_back", "left")]  # the areas the tab lists
    assert [p.visit_id for p in summarize(SURFACE, late, [middle, early]).trend] == [1, 2, 3]


def test_the_trend_cache_gives_the_uncached_answers_and_forgets_other_clients() -> None:
    """The client window remembers trend points per unchanged visit: through painting, a date
    change and opening another client, every summary equals the one computed from scratch, and
    only the visits asked about last are kept."""
    import dataclasses
    import random

    from app.domain.pain_change import TrendCache

    rng = random.Random(4)
    history = [_visit(i, date(2026, 1, 1 + i), rng.uniform(5, 60)) for i in range(1, 13)]
    cache = TrendCache()

    def same(visit: Visit, others: list[Visit]) -> None:
        assert summarize(SURFACE, visit, others, trend_cache=cache) == summarize(SURFACE, visit, others)

    open_visit = history[-1]
    for step in range(6):  # brush segments: each a new PainMap of the open visit
        open_visit.pain = open_visit.pain.paint("posterior", box(step * 10, 50, step * 10 + 15, 70), 7, "sharp")
        same(open_visit, history[:-1])
    assert len(cache) == len(history)
    history[3] = dataclasses.replace(history[3], date=date(2026, 1, 11))  # moved later, before the open one
    same(open_visit, history[:-1])
    history[5] = dataclasses.replace(history[5], pain=PainMap())  # another window cleared it
    same(open_visit, history[:-1])
    other_client = [_visit(100 + i, date(2025, 5, 1 + i), 30) for i in range(3)]
    same(other_client[-1], other_client[:-1])
    assert len(cache) == 3  # the first client's points are gone


def test_a_superseded_trend_stops_between_visits_and_keeps_what_it_measured() -> None:
    import pytest

    from app.domain.pain_change import Superseded, TrendCache

    history = [_visit(i, date(2026, 3, i), 10 + i) for i in range(1, 9)]
    cache, asked = TrendCache(), []
    with pytest.raises(Superseded):
        summarize(SURFACE, history[-1], history[:-1], trend_cache=cache,
                  superseded=lambda: asked.append(1) or len(asked) > 3)
    assert len(cache) == 3  # three points made before the newer request was seen
    assert summarize(SURFACE, history[-1], history[:-1], trend_cache=cache) == summarize(SURFACE, history[-1], history[:-1])


def test_the_change_since_the_previous_visit_is_judged_and_the_first_visit_has_none() -> None:
    """The Metrics tab's verdict: the November square (30 mm) grown to December's (40 mm)
    overlaps 900/1600 and grew by 700/1250 of the mean extent: both real changes."""
    early, late = _visit(1, date(2026, 11, 1), 30), _visit(2, date(2026, 12, 1), 40)
    m = summarize(SURFACE, late, [early])
    assert m.verdict.jaccard == 900 / 1600 and m.verdict.location_changed
    assert (m.verdict.before_mm2, m.verdict.after_mm2) == (900, 1600) and m.verdict.extent_changed
    first = summarize(SURFACE, early, [late])
    assert (first.previous_date, first.change, first.verdict) == (None, None, None)
    assert summarize(SURFACE, late, [early], with_trend=False).trend == []
