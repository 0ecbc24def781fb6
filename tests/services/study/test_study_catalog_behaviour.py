"""The pattern a student is shown after answering: both sides of the body at once, essential zone
and spillover each the union of the two sides' (a zone on the midline belongs to both)."""

from __future__ import annotations

import shapely

from app.services.study_service import StudyService


def test_both_sides_shows_each_kind_of_zone_of_either_side(study: StudyService) -> None:
    checked = 0
    for trp_id, pattern in study.study.patterns.items():
        views = {v for by_view in pattern.zones.values() for v in by_view}
        for view in views:
            sides = [by_view[view] for by_view in pattern.zones.values() if view in by_view]
            both = pattern.both_sides(view)
            for kind in ("essential", "spillover"):
                expected = shapely.union_all([getattr(s, kind) for s in sides])
                shown = getattr(both, kind)
                assert shown.symmetric_difference(expected).area < 1e-6, (trp_id, view, kind)
                checked += not expected.is_empty
        nowhere = pattern.both_sides("plantar")  # a view the pattern does not reach
        assert nowhere.essential.is_empty and nowhere.spillover.is_empty
    assert checked >= 4  # essential and spillover zones of both trigger points were compared


def test_the_spillover_of_both_sides_covers_more_than_one_side(study: StudyService) -> None:
    pattern = study.study.patterns["supinator_trp1"]
    views = [v for v, zones in pattern.zones["right"].items() if not zones.spillover.is_empty]
    assert views
    for view in views:
        right, left = pattern.zones["right"][view].spillover, pattern.zones["left"][view].spillover
        both = pattern.both_sides(view).spillover
        assert both.area > right.area > 0 and both.covers(right) and both.covers(left), view
