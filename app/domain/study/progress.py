"""Progress from the review log: due cards, retention, streak, weakest regions, daily counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.domain.study.grades import passed
from app.domain.study.scheduling import utc


@dataclass(frozen=True)
class LoggedReview:
    card_key: str
    region: str  # body region of the card's muscle ("" for condition cards)
    score: float
    grade: int
    reviewed_at: datetime


@dataclass(frozen=True)
class Progress:
    due: int
    new: int
    reviews: int
    retention: float | None  # share of reviews not graded Again (None before any review)
    streak_days: int
    weakest: list[tuple[str, float, int]]  # (region, mean score, reviews), weakest first
    daily: list[tuple[date, int, float]]  # (day, reviews, mean score) for the chart, oldest first


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive days with a review, ending today (or yesterday, if today has none yet)."""
    studied = set(days)
    day = today if today in studied else today - timedelta(days=1)
    count = 0
    while day in studied:
        count += 1
        day -= timedelta(days=1)
    return count


def progress(log: Iterable[LoggedReview], due: int, new: int, now: datetime, chart_days: int = 30,
             min_reviews_for_weakest: int = 1) -> Progress:
    reviews = sorted(log, key=lambda r: r.reviewed_at)
    today = utc(now).date()
    retention = sum(passed(r.grade) for r in reviews) / len(reviews) if reviews else None
    by_region: Mapping[str, list[float]] = defaultdict(list)
    for r in reviews:
        if r.region:
            by_region[r.region].append(r.score)
    weakest = sorted(((reg, sum(s) / len(s), len(s)) for reg, s in by_region.items() if len(s) >= min_reviews_for_weakest),
                     key=lambda row: (row[1], row[0]))[:5]
    per_day: Mapping[date, list[float]] = defaultdict(list)
    for r in reviews:
        per_day[utc(r.reviewed_at).date()].append(r.score)
    first = today - timedelta(days=chart_days - 1)
    daily = [(first + timedelta(days=i), len(per_day.get(first + timedelta(days=i), [])),
              (sum(per_day[first + timedelta(days=i)]) / len(per_day[first + timedelta(days=i)]))
              if per_day.get(first + timedelta(days=i)) else 0.0) for i in range(chart_days)]
    return Progress(due, new, len(reviews), retention, streak(per_day.keys(), today), weakest, daily)
