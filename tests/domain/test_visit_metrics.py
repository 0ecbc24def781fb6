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
    assert [p.visit_id for p in summarize(SURFACE, late, [middle, early]).trend] == [1, 2, 3]
