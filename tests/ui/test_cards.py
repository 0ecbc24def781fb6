"""Muscle cards and condition pages say what a TrP refers, how sure the pattern is, and what
else to rule out (issue 9, items 4, 5, 7).  Built from the shipped catalog, as the app shows them."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from app.paths import catalog_db_path
from app.services.catalog_service import CatalogService
from app.ui.cards import condition_html, muscle_html

pytestmark = pytest.mark.skipif(not catalog_db_path().exists(), reason="no compiled catalog (data/trigger_points.db)")


@lru_cache(maxsize=1)
def catalog() -> CatalogService:
    return CatalogService.open()


def card(muscle_id: str, selected: str | None = None) -> str:
    service = catalog()
    names = {m.id: m.name for m in service.muscles()}
    return muscle_html(service.muscle(muscle_id), selected, service.conditions_for_muscle(muscle_id),
                       service.techniques(), names)


def section(html: str, trp_id: str) -> str:
    """The part of a card about one trigger point (up to the next one)."""
    start = html.index(f"href='trp:{trp_id}'")
    following = [m.start() for m in re.finditer(r"<h3>", html) if m.start() > start]
    return html[start:following[0] if following else len(html)]


def test_gooseflesh_trp_says_what_it_does_and_is_not_called_a_pain_zone() -> None:
    text = section(card("trapezius", "trapezius_trp7"), "trapezius_trp7")
    assert "gooseflesh" in text and "not pain" in text
    assert "Essential zone" not in text
    assert "outer" in text or "upper arm" in text, "where the gooseflesh appears is still said"


def test_arrhythmia_trp_is_on_the_card_without_any_zone() -> None:
    html = card("pectoralis_major", "pectoralis_major_trp_arrhythmia")
    text = section(html, "pectoralis_major_trp_arrhythmia")
    assert "heart rhythm" in text and "not pain" in text and "Essential zone" not in text
    assert "medical assessment" in text  # its caution
    placements = catalog().placements_for(["pectoralis_major_trp_arrhythmia"])["pectoralis_major_trp_arrhythmia"]
    assert {p.side for p in placements} == {"right"}, "the Manual's arrhythmia TrP is a right-sided one"
    assert catalog().zones_for(["pectoralis_major_trp_arrhythmia"]) == []


@pytest.mark.parametrize("muscle_id", ["extensor_digiti_minimi", "flexor_pollicis_brevis", "abductor_pollicis_brevis",
                                       "lumbricals_hand", "pronator_quadratus", "superior_gemellus",
                                       "inferior_gemellus", "quadratus_femoris"])
def test_inferred_patterns_are_labelled_on_the_card(muscle_id: str) -> None:
    trp = catalog().muscle(muscle_id).trigger_points[0]
    assert "inferred — not in the Manual" in section(card(muscle_id, trp.id), trp.id)


def test_manual_patterns_carry_no_inferred_label_and_pain_trps_keep_their_zones() -> None:
    text = section(card("supinator", "supinator_trp1"), "supinator_trp1")
    assert "inferred" not in text
    assert "Essential zone:</b> outer elbow" in text


def test_secondary_sources_are_cited_as_such() -> None:
    text = section(card("biceps_femoris", "biceps_femoris_trp_long2"), "biceps_femoris_trp_long2")
    assert "Hamstrings" in text and "Trigger Point Manual" not in text.split("Source:")[-1]


def test_condition_page_lists_the_differentials_before_the_red_flags() -> None:
    service = catalog()
    condition = service.condition("low_back_pain")
    html = condition_html(condition, {m.id: m.name for m in service.muscles()}, {})
    assert "Other causes to consider" in html
    for cause in ("radiculopathy", "Kidney", "Pancreatic", "Gynaecological", "aortic aneurysm"):
        assert cause in html, cause
    assert html.index("Other causes to consider") < html.index("Red flags")
