"""Services behaviour a mutation sample on the session's final code (seed 48) found untested: the
compiled muscle pattern, nerve fits named and made from a painted map, clicked areas in words (the
CLI's precomputed path too), a region the catalog does not name, and an Anki picture's crosses."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import shapely
from shapely.geometry import Polygon, box

from app.domain.model import Region
from app.domain.pain_map import PainMap
from app.domain.referral_pattern import DRAWING_TOLERANCE_MM, pattern_shapes
from app.services.catalog_service import CatalogService
from app.services.nerve_service import NerveService
from app.services.pain_words import areas_in_words


def test_a_muscles_compiled_pattern_is_the_union_of_its_zones_on_each_view() -> None:
    service = CatalogService.open()
    trps = [t.id for t in service.muscle("infraspinatus").trigger_points]
    compiled = service.muscle_pattern("infraspinatus", "right")
    assert {"anterior", "posterior"} <= set(compiled)
    for view, (essential, spillover) in compiled.items():
        zones = [z for z in service.zones_for(trps) if z.side == "right" and z.view == view]
        exact_e, exact_s = pattern_shapes([z.geometry for z in zones if z.kind == "essential"],
                                          [z.geometry for z in zones if z.kind == "spillover"])
        assert essential.is_empty == exact_e.is_empty and spillover.is_empty == exact_s.is_empty, view
        if not exact_e.is_empty:
            assert essential.hausdorff_distance(exact_e) <= 3 * DRAWING_TOLERANCE_MM, view
        if not exact_s.is_empty:
            assert abs(spillover.area - exact_s.area) <= 0.002 * exact_s.area + 0.05, view


def test_nerve_fits_of_a_painted_map_are_named_and_keep_each_marks_view() -> None:
    nerves = NerveService.open()
    thumb = next(a for a in nerves.catalog.skin_areas if (a.view, a.slug, a.side) == ("anterior", "thumb_radial_hand", "right"))
    pain = PainMap().paint("anterior", thumb.geometry.buffer(-1), 6, "tingling")
    marks = nerves.marks_for_pain_map(pain)
    assert [(m.view, m.intensity, m.quality) for m in marks] == [("anterior", 6.0, "tingling")]
    fits = nerves.fits_for_marks(marks)
    assert fits and all(f.name and not f.name.startswith(("(", "{")) for f in fits)
    assert any(f.name.endswith("dermatome") for f in fits if f.kind == "root")


def test_clicked_areas_in_words_name_each_side_where_it_changes() -> None:
    assert areas_in_words([("low_back", "right")]) == "the client's right low back"
    three = areas_in_words([("low_back", "right"), ("sacrum_si", "right"), ("buttock", "left")])
    assert three.startswith("the client's right low back, ") and three.endswith(" and left buttock")


def test_the_precomputed_area_ranking_names_the_area_in_its_reasons() -> None:
    from app.services.catalog_facts import CatalogFacts

    facts = CatalogFacts.open()
    ranked = facts.candidates_for_area("buttock", "right")
    assert ranked and all("of the client's right buttock lies in its" in c.why for c in ranked)


def test_a_region_the_catalog_does_not_name_is_named_from_its_id() -> None:
    service = CatalogService.open()
    region = Region("anterior", "superficial", "muscle", "iliotibial_tract", None, "right", Polygon())
    assert service.describe_region(region) == "Iliotibial tract, right"


def test_an_anki_picture_shows_the_crosses_of_the_side_it_draws(tmp_path: Path) -> None:
    from app.services.study_anki import export_anki
    from app.services.study_service import StudyService
    from app.storage.user_database import open_user_database

    study = StudyService(CatalogService.open(), open_user_database(f"sqlite:///{tmp_path / 'records.db'}"))
    try:
        deck = study.create_deck("Trapezius", "", ["name:trapezius_trp1"])
        path, _count = export_anki(study, deck.id, tmp_path / "t.apkg")
        pattern = study.study.patterns["trapezius_trp1"]
        view = study.study.best_view("trapezius_trp1")
        side = "right" if view in pattern.zones.get("right", {}) else next(iter(pattern.zones))
        own = [(round(x, 1), round(y, 1)) for x, y, s in pattern.placements[view] if s == side]
    finally:
        study.close()
    with zipfile.ZipFile(path) as package:
        svg = next(package.read(k).decode() for k in package.namelist() if k.isdigit()
                   and b"<svg" in package.read(k)[:200])
    crosses = re.findall(r'<path d="M([-\d.]+),([-\d.]+) L[^"]*" stroke="black" stroke-width="3.5"', svg)
    assert len(crosses) == 1  # upper trapezius TrP1 on the side it draws ...
    centre = (round(float(crosses[0][0]) + 9, 1), round(float(crosses[0][1]) + 9, 1))
    assert [centre] == own  # ... at that side's trigger point
