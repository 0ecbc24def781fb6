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
        assert whole[view].essential.symmetric_difference(pattern.essential).area < 1.0
        assert whole[view].spillover.symmetric_difference(pattern.spillover).area < 1.0


def test_packed_muscle_patterns_are_the_patterns_made_on_a_click(shipped_service: CatalogService) -> None:
    """The worker packs every muscle's pattern so a click does no union: what a click then reads
    back is exactly what it would have made, on both sides (shapes, markers, areas, chosen view)."""
    from app.ui import patterns

    patterns.pack_muscle_patterns(shipped_service)
    patterns._pattern_by_view.cache_clear()  # noqa: SLF001
    for muscle in shipped_service.muscles()[::7]:
        trp_ids = tuple(t.id for t in muscle.trigger_points)
        for side in ("left", "right"):
            made = patterns._make_pattern_by_view(shipped_service, trp_ids, side)  # noqa: SLF001
            read = pattern_by_view(shipped_service, list(trp_ids), side)
            assert read.keys() == made.keys()
            assert patterns.best_view(read, "anterior") == patterns.best_view(made, "anterior")
            for view, pattern in made.items():
                assert read[view].essential.equals_exact(pattern.essential, 0)
                assert read[view].spillover.equals_exact(pattern.spillover, 0)
                assert read[view].markers == pattern.markers and read[view].areas == pattern.areas
