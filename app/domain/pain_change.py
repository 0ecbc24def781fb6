"""Change between visits, judged against how much a pain drawing varies when simply repeated.

A person who draws the same pain twice, a minute apart, does not draw the same shape: in
patients with chronic neck or low-back pain two consecutive drawings overlapped with a mean
Jaccard index of 0.62 (± 0.18), and the extent's 95 % limits of agreement spanned roughly
−45 % to +32 % of the mean extent (Leoni, Falla, Egloff, Faccendini & Barbero 2013; published
as Barbero et al., "Test-retest reliability of pain extent and pain location using a novel
method for pain drawing analysis", Eur J Pain 2015;19(8):1129–1138).  In healthy volunteers
drawing provoked pain the median Jaccard index was 0.73–0.76 (Barbero et al., Pain Pract
2017;17(2):176–184).  So overlap of 0.6–0.75 and extent within about ±40 % is what repetition
alone gives: only beyond that do we call it a change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import shapely
from shapely.geometry.base import BaseGeometry

from app.domain.body_surface import BodySurface, overlay
from app.domain.pain_map import PainMap
from app.domain.records import Visit

RETEST_JACCARD_LOW = 0.60  # repeat drawings overlap about 0.6–0.75 (see the module docstring)
RETEST_JACCARD_HIGH = 0.75
RETEST_EXTENT_FRACTION = 0.40  # repeat drawings' extent varies by about ±40 % of their mean


@dataclass(frozen=True)
class ViewChange:
    """Overlay of two visits on one view: what was gained, lost and what stayed painted."""

    view: str
    gained: BaseGeometry
    lost: BaseGeometry
    unchanged: BaseGeometry

    @property
    def gained_mm2(self) -> float:
        return float(self.gained.area)

    @property
    def lost_mm2(self) -> float:
        return float(self.lost.area)

    @property
    def unchanged_mm2(self) -> float:
        return float(self.unchanged.area)


def compare(before: PainMap, after: PainMap) -> dict[str, ViewChange]:
    """Per view (painted in either map): gained = after − before, lost = before − after."""
    changes: dict[str, ViewChange] = {}
    for view in sorted(set(before.views()) | set(after.views())):
        old, new = before.painted(view), after.painted(view)
        changes[view] = ViewChange(view, overlay(shapely.difference, new, old), overlay(shapely.difference, old, new),
                                   overlay(shapely.intersection, old, new))
    return changes


@dataclass(frozen=True)
class ChangeVerdict:
    """Two visits' maps compared, with what counts as real change spelt out."""

    jaccard: float | None  # shared / either; None when neither visit has pain
    before_mm2: float
    after_mm2: float

    @property
    def extent_change(self) -> float | None:
        """(after − before) over their mean; None when neither has pain."""
        mean = (self.before_mm2 + self.after_mm2) / 2
        return (self.after_mm2 - self.before_mm2) / mean if mean > 0 else None

    @property
    def location_changed(self) -> bool:
        return self.jaccard is not None and self.jaccard < RETEST_JACCARD_LOW

    @property
    def extent_changed(self) -> bool:
        change = self.extent_change
        return change is not None and abs(change) > RETEST_EXTENT_FRACTION

    def summary(self) -> str:
        if self.jaccard is None:
            return "No pain painted at either visit."
        where = (f"overlap with then {self.jaccard:.2f} (Jaccard): " +
                 ("a real change of where it hurts — below the 0.6–0.75 that redrawing the same pain gives"
                  if self.location_changed else "no real change of where it hurts (redrawing the same pain "
                  "overlaps 0.6–0.75)"))
        change = self.extent_change or 0.0
        size = (f"extent {change:+.0%}: " +
                ("a real change of how much hurts — beyond the ±40 % of redrawing" if self.extent_changed
                 else "no real change of how much hurts (within the ±40 % of redrawing)"))
        return f"{where}; {size}."


def verdict(changes: dict[str, ViewChange]) -> ChangeVerdict:
    shared = sum(c.unchanged_mm2 for c in changes.values())
    gained = sum(c.gained_mm2 for c in changes.values())
    lost = sum(c.lost_mm2 for c in changes.values())
    either = shared + gained + lost
    return ChangeVerdict(shared / either if either > 0 else None, shared + lost, shared + gained)


def previous_visit(visit: Visit, others: Sequence[Visit]) -> Visit | None:
    """The latest visit before ``visit`` by date (then id), whatever order ``others`` come in."""
    key = (visit.date, visit.id if visit.id is not None else float("inf"))
    earlier = [v for v in others if v.id != visit.id and (v.date, v.id if v.id is not None else float("inf")) < key]
    return max(earlier, key=lambda v: (v.date, v.id or 0), default=None)


@dataclass(frozen=True)
class TrendPoint:
    visit_id: int | None
    date: date
    mean_intensity: float  # area-weighted over everything painted
    max_intensity: int
    painted_mm2: float
    extent_percent: float | None  # None when no body surface was given


def intensity_summary(pain: PainMap) -> tuple[float, int, float]:
    """(area-weighted mean intensity, max intensity, painted area) over all views."""
    marks = pain.all_marks()
    area = sum(m.area for m in marks)
    mean = sum(m.area * m.intensity for m in marks) / area if area > 0 else 0.0
    return mean, max((m.intensity for m in marks), default=0), area


def trend_point(visit: Visit, surface: BodySurface | None = None, views: Sequence[str] = (),
                remember: bool = True) -> TrendPoint:
    """``remember=False``: the surface does not keep the visit's areas (the caller keeps the point)."""
    mean, peak, area = intensity_summary(visit.pain)
    pct = None
    if surface is not None:
        shown = views or surface.views()
        body = sum(surface.body_mm2(v) for v in shown)
        painted = sum(surface.painted_mm2(visit.pain, v, remember) for v in shown)
        pct = min(100.0, 100.0 * painted / body) if body > 0 else 0.0
    return TrendPoint(visit.id, visit.date, mean, peak, area, pct)


def visit_order(visit: Visit) -> tuple:
    """By date, then id; a visit not yet saved is the latest of its day (it is the one being entered)."""
    return (visit.date, visit.id if visit.id is not None else float("inf"))


def trend(visits: Sequence[Visit], surface: BodySurface | None = None, views: Sequence[str] = ()) -> list[TrendPoint]:
    """One point per visit, by date (then id)."""
    return [trend_point(v, surface, views) for v in sorted(visits, key=visit_order)]


class Superseded(Exception):
    """A newer request made this computation pointless (raised between visits of a trend)."""


class TrendCache:
    """Trend points of a client's visits, each remembered while that visit keeps the same pain
    map object and date (a ``PainMap`` is immutable: an edit makes a new one).  Editing one visit
    then costs one new point instead of one per visit of the history: with 1,000 visits the
    metrics worker held the interpreter lock for ~60 ms per run, which the UI thread felt.

    Not thread-safe: one metrics worker uses it.
    """

    def __init__(self) -> None:
        self._points: dict[int, tuple[PainMap, date, TrendPoint]] = {}

    def trend(self, visits: Sequence[Visit], surface: BodySurface | None = None,
              views: Sequence[str] = (), superseded: Callable[[], bool] | None = None) -> list[TrendPoint]:
        """``trend(visits, surface, views)``, reusing the points of unchanged visits.  Raises
        Superseded as soon as ``superseded()`` says so (checked before each new point)."""
        points = []
        for visit in sorted(visits, key=visit_order):
            if visit.id is None:
                points.append(trend_point(visit, surface, views, remember=False))
                continue
            hit = self._points.get(visit.id)
            if hit is None or hit[0] is not visit.pain or hit[1] != visit.date:
                if superseded is not None and superseded():
                    raise Superseded
                point = trend_point(visit, surface, views, remember=False)  # kept here, not in the surface too
                hit = self._points[visit.id] = (visit.pain, visit.date, point)
            points.append(hit[2])
        return points

    def keep_only(self, visit_ids: set[int]) -> None:
        """Forget visits no longer asked about (another client's, deleted ones): what is kept
        stays proportional to the open client's history."""
        for gone in [i for i in self._points if i not in visit_ids]:
            del self._points[gone]

    def __len__(self) -> int:
        return len(self._points)
