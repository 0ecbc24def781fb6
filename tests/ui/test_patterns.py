"""What the map and the charts draw for a selection: pain zones only, never a non-pain phenomenon."""

from __future__ import annotations

import pytest

from app.paths import catalog_db_path
from app.services.catalog_service import CatalogService
from app.ui.patterns import pattern_by_view

pytestmark = pytest.mark.skipif(not catalog_db_path().exists(), reason="no compiled catalog")

PAIN_TRPS = [f"trapezius_trp{n}" for n in range(1, 7)]


def test_a_gooseflesh_trigger_point_is_marked_but_paints_no_pain_zone(shipped_service: CatalogService) -> None:
    assert not shipped_service.trigger_point("trapezius_trp7").refers_pain
    assert shipped_service.zones_for(["trapezius_trp7"]), "the catalog does record where the gooseflesh appears"
    drawn = pattern_by_view(shipped_service, ["trapezius_trp7"], "right")
    assert drawn, "its marker is still shown"
    assert all(p.essential.is_empty and p.spillover.is_empty and p.markers for p in drawn.values())


def test_a_muscle_pattern_is_the_pattern_of_its_pain_trigger_points(shipped_service: CatalogService) -> None:
    whole = pattern_by_view(shipped_service, PAIN_TRPS + ["trapezius_trp7"], "right")
    pain_only = pattern_by_view(shipped_service, PAIN_TRPS, "right")
    for view, pattern in pain_only.items():
        # The whole muscle's shapes come compiled (simplified within 0.02 mm): equal up to that.
        assert whole[view].essential.symmetric_difference(pattern.essential).area < 0.001 * pattern.essential.area + 1.0
        assert whole[view].spillover.symmetric_difference(pattern.spillover).area < 0.001 * pattern.spillover.area + 1.0


def test_compiled_muscle_patterns_are_the_patterns_made_from_the_zones(shipped_service: CatalogService) -> None:
    """A click on a muscle reads its pattern compiled into the catalog (no union on the UI thread);
    it must be what the zones make, on both sides: the same views, markers and chosen view, shapes
    within the drawing tolerance (0.02 mm: no pixel at any zoom)."""
    from app.domain.referral_pattern import DRAWING_TOLERANCE_MM
    from app.ui import patterns

    patterns._pattern_by_view.cache_clear()  # noqa: SLF001
    for muscle in shipped_service.muscles()[::5]:
        trp_ids = tuple(t.id for t in muscle.trigger_points)
        for side in ("left", "right"):
            made = patterns._make_pattern_by_view(shipped_service, trp_ids, side)  # noqa: SLF001
            read = pattern_by_view(shipped_service, list(trp_ids), side)
            assert read.keys() == made.keys(), muscle.id
            assert patterns.best_view(read, "anterior") == patterns.best_view(made, "anterior"), muscle.id
            for view, pattern in made.items():
                for compiled, exact in ((read[view].essential, pattern.essential),
                                        (read[view].spillover, pattern.spillover)):
                    assert compiled.is_empty == exact.is_empty
                    if not exact.is_empty:
                        # Hausdorff as shapely measures it (vertex to vertex) overstates the true
                        # distance of a simplified edge: a sub-pixel bound of three tolerances.
                        assert compiled.hausdorff_distance(exact) <= 3 * DRAWING_TOLERANCE_MM, (muscle.id, view)
                        assert abs(compiled.area - exact.area) <= 0.002 * exact.area + 0.05, (muscle.id, view)
                assert read[view].markers == pattern.markers


def test_a_click_on_any_muscle_makes_no_union(shipped_service: CatalogService, monkeypatch) -> None:
    """Whole-muscle patterns never go through the union (it took up to ~90 ms on the UI thread)."""
    from app.ui import patterns

    def no_union(*_args, **_kwargs):
        raise AssertionError("a whole muscle's pattern was unioned at run time")

    patterns._pattern_by_view.cache_clear()  # noqa: SLF001
    monkeypatch.setattr(patterns, "pattern_shapes", no_union)
    for muscle in shipped_service.muscles():
        assert pattern_by_view(shipped_service, [t.id for t in muscle.trigger_points], "right") is not None
    patterns._pattern_by_view.cache_clear()  # noqa: SLF001
