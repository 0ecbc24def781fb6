"""Every zone sentence on the cards says where its zone is drawn (issue 9, item 3).

The check is independent of the sentence generator: it finds the skin-area words in the
sentence and measures, with shapely, how much of each named area the compiled zone covers.
A sentence fails when it names no area the zone really covers, names an area the zone does not
reach, leaves its main area out or puts it last, shows a raw id, or describes a band from a
point to itself ("a band from the PSIS to the PSIS").
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
import shapely

from app.catalog.sentences import AREA_WORDS
from app.paths import catalog_db_path
from app.services.catalog_service import CatalogService

pytestmark = pytest.mark.skipif(not catalog_db_path().exists(), reason="no compiled catalog (data/trigger_points.db)")

REACHED_MM2 = 50.0  # a named area must overlap the zone by at least this much on some view
MAIN_SHARE = 0.25  # the zone's main area must be named, and the first name must cover this share of it
RAW_ID = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
SELF_BAND = re.compile(r"from the ([\w ]+?) to the \1\b")


@lru_cache(maxsize=1)
def catalog() -> CatalogService:
    return CatalogService.open()


def named_areas(sentence: str) -> list[str]:
    """Skin-area slugs whose plain words appear in the sentence, in reading order (longest words win)."""
    found: list[tuple[int, str]] = []
    taken = [False] * len(sentence)
    for slug, words in sorted(AREA_WORDS.items(), key=lambda kv: -len(kv[1])):
        for match in re.finditer(rf"\b{re.escape(words)}\b", sentence):
            if not any(taken[match.start():match.end()]):
                taken[match.start():match.end()] = [True] * (match.end() - match.start())
                found.append((match.start(), slug))
    return [slug for _, slug in sorted(found)]


def coverage(trp_id: str, kind: str) -> dict[str, float]:
    """mm² of each skin area (either side) covered by the right-side zone, on its best view."""
    service = catalog()
    zones = [z for z in service.zones_for([trp_id]) if z.kind == kind and z.side == "right"]
    covered: dict[str, float] = {}
    for zone in zones:
        for area in service.skin_areas:
            if area.view == zone.view and area.geometry.intersects(zone.geometry):
                mm2 = shapely.intersection(area.geometry, zone.geometry).area
                covered[area.slug] = max(covered.get(area.slug, 0.0), mm2)
    return covered


def sentence_problems(sentence: str, covered: dict[str, float]) -> list[str]:
    """What is wrong with a zone sentence, given the mm² the zone covers of each area."""
    problems = []
    if RAW_ID.search(sentence):
        problems.append(f"shows a raw id: {RAW_ID.search(sentence).group(0)!r}")
    if SELF_BAND.search(sentence):
        problems.append(f"describes a band from a point to itself: {SELF_BAND.search(sentence).group(0)!r}")
    names = named_areas(sentence)
    if not names:
        return problems + ["names no skin area"]
    unreached = [n for n in names if covered.get(n, 0.0) < REACHED_MM2]
    if unreached:
        problems.append(f"names areas the zone does not reach: {unreached}")
    if covered:
        main = max(covered, key=covered.get)
        if main not in names:
            problems.append(f"leaves out the main area {main!r}")
        elif covered.get(names[0], 0.0) < MAIN_SHARE * covered[main]:
            problems.append(f"opens with {names[0]!r}, a minor area, instead of {main!r}")
    return problems


def test_the_checker_catches_the_sentences_the_audit_found() -> None:
    # Coverage of quadratus lumborum TrP1-like zone: crest and flank, groin.
    covered = {"low_back": 900.0, "lateral_hip": 2500.0, "lower_abdomen": 600.0, "groin": 300.0}
    assert any("point to itself" in p for p in sentence_problems("a band from the PSIS to the PSIS", covered))
    assert any("raw id" in p for p in sentence_problems("side of the hip, around the clavicle_mid", covered))
    assert sentence_problems("around the tibial tuberosity", covered) == ["names no skin area"]
    assert any("does not reach" in p for p in sentence_problems("side of the hip and back of the knee", covered))
    assert any("main area" in p for p in sentence_problems("low back and groin", covered))
    assert any("minor area" in p for p in sentence_problems("groin, side of the hip and low back", covered))
    assert sentence_problems("side of the hip and low back, reaching the lower abdomen and groin", covered) == []


def _cases() -> list:
    if not catalog_db_path().exists():
        return []
    return [pytest.param(trp.id, kind, id=f"{trp.id}-{kind}")
            for m in catalog().muscles() for trp in m.trigger_points for kind in ("essential", "spillover")]


@pytest.mark.parametrize(("trp_id", "kind"), _cases())
def test_zone_sentence_says_where_the_zone_is(trp_id: str, kind: str) -> None:
    trp = catalog().trigger_point(trp_id)
    sentence = trp.essential_text if kind == "essential" else trp.spillover_text
    covered = coverage(trp_id, kind)
    if not covered:
        assert sentence == "", f"{trp_id} {kind}: no zone is drawn, yet the card says {sentence!r}"
        assert not trp.refers_pain, f"{trp_id}: a pain TrP without a {kind} zone"
        return
    problems = sentence_problems(sentence, covered)
    assert not problems, f"{trp_id} {kind}: {sentence!r}: {problems}"


@pytest.mark.skipif(not catalog_db_path().exists(), reason="no compiled catalog")
@pytest.mark.parametrize(("trp_id", "phrase"), [
    ("sphincter_ani_trp1", "below the coccyx"),  # the anal region: 'buttock' and 'tailbone' alone do not say it
    ("latissimus_dorsi_trp1", "around the lower tip of the shoulder blade"),
    ("quadratus_lumborum_trp2", "around the greater trochanter"),
    ("masseter_trp1", "below the cheekbone"),
])
def test_a_zone_drawn_about_one_landmark_is_placed_by_it(trp_id: str, phrase: str) -> None:
    assert phrase in CatalogService.open().trigger_point(trp_id).essential_text


def test_a_zone_reaching_far_from_its_landmark_is_not_placed_by_it() -> None:
    from app.catalog.schema import ZoneElement
    from app.catalog.sentences import _anchor_phrase

    near = ZoneElement.model_validate({"curve": {"through": [
        {"landmark": "coccyx", "inferior": d, "lateral": w} for d, w in ((10, 2), (40, 15), (65, 2), (40, -12))]}})
    far = ZoneElement.model_validate({"curve": {"through": [
        {"landmark": "tibial_tuberosity", "inferior": d, "lateral": w} for d, w in ((300, 0), (340, 30), (380, 0))]}})
    mixed = [near, ZoneElement.model_validate({"disk": {"at": "psis", "r": 20}})]
    assert _anchor_phrase([near]) == "below the coccyx"
    assert _anchor_phrase([far]) is None  # "below the tibial tuberosity" for the top of the foot would mislead
    assert _anchor_phrase(mixed) is None  # two landmarks: the skin areas say where it is
