"""`tpx show` and `tpx candidates --area` answer from CatalogFacts (precomputed rows, no geometry).
A person must get the same answer as the window gives, which computes it from the shapes: the
shipped catalog is asked both ways, for every skin area on both sides and for muscles' facts."""

from __future__ import annotations

import pytest

from app.services.catalog_facts import CatalogFacts, UnknownRecord
from app.services.catalog_service import CatalogService


@pytest.fixture(scope="module")
def window() -> CatalogService:
    return CatalogService.open()


@pytest.fixture(scope="module")
def facts() -> CatalogFacts:
    return CatalogFacts.open()


def _rows(candidates) -> list[tuple]:
    return [(c.trp_id, c.muscle_id, c.side, c.zone, c.view, c.prevalence, round(c.score, 9),
             round(c.pain_covered, 9), round(c.pattern_covered, 9)) for c in candidates]


def test_the_shipped_catalog_has_its_precomputed_tables(facts: CatalogFacts) -> None:
    assert facts.precomputed is True


def test_every_skin_area_ranks_the_same_as_in_the_window(window: CatalogService, facts: CatalogFacts) -> None:
    areas = sorted({(a.slug, a.side) for a in window.skin_areas})
    assert len(areas) > 60
    non_empty = 0
    for slug, side in areas:
        # the command line's answer is the window's for that one area painted whole
        expected = _rows(window.candidates_for_areas([(slug, side)]))
        assert _rows(facts.candidates_for_area(slug, side)) == expected, (slug, side)
        non_empty += bool(expected)
    assert non_empty > len(areas) // 2  # most areas have candidates: the comparison is not of empties


@pytest.mark.parametrize(("call", "message"), [
    (lambda f: f.muscle("trapezoid"), "unknown muscle id 'trapezoid'"),
    (lambda f: f.candidates_for_area("posterior_neck", "up"), "unknown skin area 'posterior_neck' on the up side"),
    (lambda f: f.candidates_for_area("elbow_pit", "left"), "unknown skin area 'elbow_pit' on the left side"),
])
def test_an_unknown_id_is_named(facts: CatalogFacts, call, message: str) -> None:
    with pytest.raises(UnknownRecord) as caught:
        call(facts)
    assert str(caught.value) == message


def test_a_muscles_facts_are_the_windows(window: CatalogService, facts: CatalogFacts) -> None:
    assert facts.sources() == window.sources()
    for muscle in window.muscles()[::7]:
        assert facts.muscle(muscle.id) == muscle
        trps = [t.id for t in muscle.trigger_points] if hasattr(muscle, "trigger_points") else []
        if trps:
            assert facts.placements_for(trps) == window.placements_for(trps)
            names = facts.trigger_point_names(trps)
            assert names == {t: (window.trigger_point(t).label, muscle.name) for t in trps}
        assert [(c.id, c.name, rel) for c, rel in facts.conditions_for_muscle(muscle.id)] == [
            (c.id, c.name, rel) for c, rel in window.conditions_for_muscle(muscle.id)]


def test_zone_reach_names_the_views_and_skin_areas_the_drawn_zones_touch(window: CatalogService, facts: CatalogFacts) -> None:
    trp = "trapezius_trp1"
    for side in ("left", "right"):
        reach = facts.zone_reach([trp], side)
        zones = [z for z in window.zones_for([trp]) if z.side == side]
        assert set(reach) == {(trp, z.kind) for z in zones}
        for (_trp, kind), found in reach.items():
            assert found.views == sorted({z.view for z in zones if z.kind == kind})
            assert found.skin_areas == sorted(set(found.skin_areas)) and found.skin_areas
            # each named skin area really lies under one of the zone's shapes on that side
            for slug in found.skin_areas:
                assert any(a.slug == slug and a.side == side and a.view == z.view and a.geometry.intersects(z.geometry)
                           for z in zones if z.kind == kind for a in window.skin_areas), (kind, slug)
    left, right = facts.zone_reach([trp], "left"), facts.zone_reach([trp], "right")
    mirror = {"left_lateral": "right_lateral", "right_lateral": "left_lateral"}
    assert {k: sorted(mirror.get(v, v) for v in r.views) for k, r in left.items()} == {
        k: r.views for k, r in right.items()}
    assert left[(trp, "essential")].views == ["anterior", "left_lateral", "posterior"]
    assert facts.zone_reach([trp], "midline") == {}
    assert facts.zone_reach([trp]) == right  # `tpx show` describes the right side unless asked


def test_no_trigger_point_reaches_a_skin_area_on_the_side_it_does_not_touch(window: CatalogService,
                                                                             facts: CatalogFacts) -> None:
    """A pain on the left shoulder is never explained by a right-side zone's reach (all TrPs)."""
    import shapely

    trps = sorted({z.trp_id for z in window.zones_for(None)})
    areas = {(a.view, a.slug, a.side): a.geometry for a in window.skin_areas}
    for side in ("left", "right"):
        reach = facts.zone_reach(trps, side)
        zones: dict[tuple[str, str, str], list] = {}
        for z in window.zones_for(None):
            if z.side == side:
                zones.setdefault((z.trp_id, z.kind, z.view), []).append(z.geometry)
        for (trp, kind), found in reach.items():
            for slug in found.skin_areas:
                touched = [shapely.intersects(areas[(view, slug, side)], shapely.union_all(shapes))
                           for (t, k, view), shapes in zones.items()
                           if (t, k) == (trp, kind) and (view, slug, side) in areas]
                assert any(touched), (trp, kind, side, slug)
