"""Change between visits: the latest earlier visit in any order, and change judged against the
test–retest noise of pain drawings."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from shapely.geometry import box

from app.domain.pain_change import RETEST_EXTENT_FRACTION, compare, previous_visit, verdict
from app.domain.pain_map import PainMap
from app.domain.records import Visit

DATES = [date(2026, 1, 5), date(2026, 2, 9), date(2026, 2, 9), date(2026, 3, 1), date(2026, 4, 20)]


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))))
def test_previous_visit_is_the_latest_earlier_one_whatever_the_order(order) -> None:
    visits = [Visit(i + 1, 1, DATES[i]) for i in range(4)]  # ids 2 and 3 share a date
    shuffled = [visits[i] for i in order]
    assert previous_visit(visits[3], shuffled).id == 3
    assert previous_visit(visits[2], shuffled).id == 2  # same date: the lower id came first
    assert previous_visit(visits[1], shuffled).id == 1
    assert previous_visit(visits[0], shuffled) is None
    later = Visit(9, 1, date(2026, 2, 1))  # entered later, dated between the first two
    assert previous_visit(later, [*shuffled, later]).id == 1


def _square(side: float, x: float = 0.0) -> PainMap:
    return PainMap().paint("anterior", box(x, 0, x + side, side), 5, "aching")


def test_overlap_within_retest_noise_is_not_called_a_change() -> None:
    same_place = verdict(compare(_square(100), _square(100, 20)))  # 80×100 shared of 120×100
    assert same_place.jaccard == pytest.approx(80 / 120)
    assert not same_place.location_changed and not same_place.extent_changed
    assert "no real change of where it hurts" in same_place.summary()
    moved = verdict(compare(_square(100), _square(100, 50)))  # 50 shared of 150
    assert moved.jaccard == pytest.approx(1 / 3) and moved.location_changed
    assert "a real change of where it hurts" in moved.summary()


def test_extent_change_beyond_forty_percent_is_a_change() -> None:
    # Extent change is measured against the mean of the two extents.
    def change(after_side: float):
        return verdict(compare(_square(100), _square(after_side)))
    within, beyond = change(120), change(130)  # +36 % and +51 % of the mean extent
    assert abs(within.extent_change) < RETEST_EXTENT_FRACTION < abs(beyond.extent_change)
    assert not within.extent_changed and beyond.extent_changed
    assert change(70).extent_changed  # shrinking counts too
    assert verdict(compare(PainMap(), PainMap())).summary() == "No pain painted at either visit."


def test_the_summary_sentence_says_both_verdicts_in_full() -> None:
    assert verdict(compare(_square(100), _square(100, 20))).summary() == (
        "overlap with then 0.67 (Jaccard): no real change of where it hurts (redrawing the same pain overlaps "
        "0.6–0.75); extent +0%: no real change of how much hurts (within the ±40 % of redrawing).")
    assert verdict(compare(_square(100), _square(130))).summary() == (
        "overlap with then 0.59 (Jaccard): a real change of where it hurts — below the 0.6–0.75 that redrawing "
        "the same pain gives; extent +51%: a real change of how much hurts — beyond the ±40 % of redrawing.")
