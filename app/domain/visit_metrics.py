"""Everything the Metrics tab and the report say about one visit, computed in one place."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.body_surface import BodySurface
from app.domain.fibromyalgia import FibromyalgiaScreen
from app.domain.metrics import AreaInvolved, Extent, WpiResult, extent_on, wpi_on
from app.domain.pain_change import (
    ChangeVerdict, TrendCache, TrendPoint, ViewChange, compare, previous_visit, trend, verdict, visit_order,
)
from app.domain.records import Visit

BODY_SURFACE_VIEWS = ("anterior", "posterior")  # the total extent counts front + back once


@dataclass(frozen=True)
class VisitMetrics:
    visit_id: int | None
    extent: Extent  # every view
    total: Extent  # front + back: "% of the body surface"
    wpi: WpiResult
    fibromyalgia: FibromyalgiaScreen
    previous_date: date | None  # the latest earlier visit, by date
    change: dict[str, ViewChange] | None  # since that visit, per view
    verdict: ChangeVerdict | None
    trend: list[TrendPoint]

    @property
    def areas(self) -> tuple[AreaInvolved, ...]:
        return self.wpi.areas


def summarize(surface: BodySurface, visit: Visit, others: Sequence[Visit] = (),
              with_trend: bool = True, trend_cache: TrendCache | None = None,
              superseded: Callable[[], bool] | None = None) -> VisitMetrics:
    """The visit measured on ``surface``; ``others`` are the client's other visits, any order.
    ``trend_cache`` (one per caller thread) reuses the trend points of unchanged visits; with it,
    ``superseded()`` true stops a long history's trend early (raises pain_change.Superseded)."""
    pain = visit.pain
    per_view = extent_on(surface, pain)
    body_views = [v for v in BODY_SURFACE_VIEWS if v in surface.views()]
    total = Extent({v: per_view.views[v] for v in body_views})
    wpi = wpi_on(surface, pain)
    previous = previous_visit(visit, others)
    change = compare(previous.pain, pain) if previous is not None else None
    # The trend as of this visit: a report on an older visit does not show later ones.
    upto = [v for v in others if v.id != visit.id and visit_order(v) <= visit_order(visit)]
    if not with_trend:
        points = []
    elif trend_cache is not None:
        trend_cache.keep_only({v.id for v in others if v.id is not None} | {visit.id})
        points = trend_cache.trend([*upto, visit], surface, body_views, superseded)
    else:
        points = trend([*upto, visit], surface, body_views)
    return VisitMetrics(visit.id, per_view, total, wpi,
                        FibromyalgiaScreen(wpi.score, wpi.regions, visit.symptom_severity),
                        previous.date if previous is not None else None, change,
                        verdict(change) if change is not None else None, points)
