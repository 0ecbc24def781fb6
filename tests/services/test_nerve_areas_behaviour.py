"""The radicular-versus-myofascial panel, given skin areas, must look at the same pain as "Where does
it hurt?": its trigger-point list for the chosen areas is the explorer's list for those areas, on
every skin area and side of the shipped catalog, and the areas' marks carry the chosen quality."""

from __future__ import annotations

import random

import pytest

from app.services.nerve_service import NerveService


@pytest.fixture(scope="module")
def service() -> NerveService:
    return NerveService.open()


def test_every_area_gives_the_panel_the_trigger_points_the_explorer_ranks(service: NerveService) -> None:
    catalog = service.catalog
    areas = [(a["id"], a["side"]) for a in catalog.areas()]
    assert len(areas) == 114
    for area in areas:
        marks = service.marks_for_areas([area], quality="burning")
        assert marks and {m.quality for m in marks} == {"burning"} and {m.intensity for m in marks} == {5.0}
        # (the panel ranks the trigger points of its marks as compare() does, below)
        ranked = catalog.candidates_for_marks([(m.view, m.geometry, m.intensity) for m in marks], 10)
        assert ranked == catalog.candidates_for_areas([area], limit=10), area


def test_several_areas_and_a_repeat_count_as_the_explorers_union(service: NerveService) -> None:
    catalog = service.catalog
    areas = [(a["id"], a["side"]) for a in catalog.areas()]
    rng = random.Random(14)
    for _ in range(12):
        chosen = rng.sample(areas, rng.randint(2, 5))
        chosen.append(chosen[0])  # clicked twice: counts once
        marks = service.marks_for_areas(chosen)
        assert len(marks) == len(service.marks_for_areas(chosen[:-1]))
        assert service.compare(marks).trp_candidates == catalog.candidates_for_areas(chosen, limit=10), chosen


def test_an_unknown_nerve_is_named(service: NerveService) -> None:
    from app.services.catalog_service import UnknownId

    with pytest.raises(UnknownId) as caught:
        service.nerve("radial_nerv")
    assert str(caught.value) == "unknown nerve id 'radial_nerv'"
