"""Candidate scores and the "why" line the therapist reads under each candidate.

The weights of the formula are tuned by the catalog review (docs/ranking.md); these tests hold
what must stay true whatever the tuning: scores stay in 0..1, an essential zone that really
meets the pain beats any spillover zone, more coverage and a commoner TrP never score lower,
and the explanation says in words what the numbers are.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from app.domain.ranking import MEANINGFUL_OVERLAP, Candidate, explain, rank, score, score_array

PREVALENCES = ("very_common", "common", "occasional", "rare")
SHARES = (0.0, 0.01, 0.05, MEANINGFUL_OVERLAP, 0.1, 0.3, 0.5, 0.8, 1.0)


def test_scores_stay_between_0_and_1_and_have_four_decimals() -> None:
    for zone, pain, pattern, prevalence in itertools.product(("essential", "spillover"), SHARES, SHARES,
                                                             PREVALENCES + ("unknown",)):
        value = score(zone, pain, pattern, prevalence)
        assert 0.0 <= value <= 1.0
        assert value == round(value, 4)
        if zone == "spillover":
            assert value <= 0.5
    assert score("essential", 1.0, 1.0, "very_common") == 1.0
    assert score("spillover", 0.0, 0.0, "very_common") == 0.0


def test_a_meaningful_essential_zone_beats_every_spillover_zone() -> None:
    weakest = min(score("essential", p, q, prev) for p, q, prev in itertools.product(SHARES, SHARES, PREVALENCES)
                  if max(p, q) >= MEANINGFUL_OVERLAP)
    strongest_spillover = max(score("spillover", p, q, prev)
                              for p, q, prev in itertools.product(SHARES, SHARES, PREVALENCES))
    assert weakest > strongest_spillover
    assert weakest >= 0.5


def test_a_grazing_essential_zone_shrinks_with_the_overlap() -> None:
    grazes = [score("essential", share, share / 2, "common") for share in (0.005, 0.02, 0.04, 0.06)]
    assert grazes == sorted(grazes) and len(set(grazes)) == 4
    assert grazes[0] < score("spillover", 0.9, 0.9, "common")
    # Past the meaningful overlap the essential half of the score is full: 0.5 and up.
    assert score("essential", 0.2, 0.0, "rare") > 0.5 > score("essential", 0.02, 0.0, "very_common")


def test_more_coverage_and_a_commoner_trigger_point_never_score_lower() -> None:
    for zone, prevalence in itertools.product(("essential", "spillover"), PREVALENCES):
        by_pain = [score(zone, p, 0.3, prevalence) for p in SHARES]
        by_pattern = [score(zone, 0.3, q, prevalence) for q in SHARES]
        assert by_pain == sorted(by_pain) and by_pattern == sorted(by_pattern)
        assert by_pain[-1] > by_pain[-3]  # and it does count
    for zone in ("essential", "spillover"):
        by_prevalence = [score(zone, 0.5, 0.5, p) for p in PREVALENCES]
        assert by_prevalence == sorted(by_prevalence, reverse=True) and len(set(by_prevalence)) == 4
        # An unknown prevalence weighs between occasional and rare.
        assert score(zone, 0.5, 0.5, "rare") < score(zone, 0.5, 0.5, "unknown") < score(zone, 0.5, 0.5, "occasional")
        # The pain the zone explains counts more than the share of the zone that hurts.
        assert score(zone, 0.8, 0.2, "common") > score(zone, 0.2, 0.8, "common")


def test_the_vectorised_scores_equal_one_at_a_time() -> None:
    rng = np.random.default_rng(7)
    essential = rng.random(500) < 0.5
    pain, pattern = rng.random(500) ** 3, rng.random(500) ** 3  # many small overlaps, as painting gives
    weights = rng.choice([1.0, 0.8, 0.6, 0.4], 500)
    names = {1.0: "very_common", 0.8: "common", 0.6: "occasional", 0.4: "rare"}
    many = score_array(essential, pain, pattern, weights)
    one_by_one = [score("essential" if e else "spillover", p, q, names[w])
                  for e, p, q, w in zip(essential, pain, pattern, weights)]
    assert many.tolist() == one_by_one


def test_the_why_line_says_what_the_numbers_are() -> None:
    text = explain("spillover", 0.25, 0.5, "very_common", point=False, view="right_lateral")
    assert text == ("25% of the pain lies in its spillover zone; the pain fills 50% of that zone on the "
                    "right lateral view. Very common trigger point.")
    text = explain("essential", 1.0, 0.07, "occasional", point=False, view="anterior")
    assert text.startswith("100% of the pain lies in its essential (main) referral zone;")
    assert "(only grazing it)" not in text and "fills 7% of that zone on the anterior view." in text
    grazing = explain("essential", 0.05, 0.02, "rare", point=False)
    assert grazing == ("5% of the pain lies in its essential (main) referral zone (only grazing it); the pain "
                       "fills 2% of that zone. Rare trigger point.")
    assert "grazing" not in explain("spillover", 0.05, 0.02, "rare", point=False)
    assert "grazing" not in explain("essential", MEANINGFUL_OVERLAP, 0.0, "rare", point=False)
    assert explain("essential", 1.0, 0.3, "very_common", point=True, view="anterior") == \
        "The spot lies in its essential (main) referral zone. Very common trigger point."
    assert explain("spillover", 1.0, 0.3, "rare", point=True) == "The spot lies in its spillover zone. Rare trigger point."


def test_a_candidate_explains_itself_with_its_own_numbers() -> None:
    c = Candidate("soleus_trp1", "soleus", "left", "essential", 0.9, 0.6, 0.4, "common", "posterior")
    assert c.why == explain("essential", 0.6, 0.4, "common", point=False, view="posterior")
    assert "on the posterior view" in c.why and "60% of the pain" in c.why


def _c(trp: str, zone: str, value: float, side: str = "right", view: str = "anterior") -> Candidate:
    return Candidate(trp, trp.split("_")[0], side, zone, value, 0.5, 0.5, "common", view)


def test_rank_keeps_each_side_and_the_best_zone_of_each_trigger_point() -> None:
    ranked = rank([_c("b_trp1", "spillover", 0.3), _c("a_trp1", "spillover", 0.3, "left"),
                   _c("a_trp1", "essential", 0.6, "right"), _c("a_trp1", "spillover", 0.4, "right"),
                   _c("b_trp1", "spillover", 0.35, view="posterior")])
    assert [(c.trp_id, c.side, c.zone, c.score, c.view) for c in ranked] == [
        ("a_trp1", "right", "essential", 0.6, "anterior"),
        ("b_trp1", "right", "spillover", 0.35, "posterior"),
        ("a_trp1", "left", "spillover", 0.3, "anterior")]


def test_at_equal_scores_the_essential_zone_is_kept_and_ids_break_ties() -> None:
    for order in itertools.permutations([_c("a_trp1", "spillover", 0.5), _c("a_trp1", "essential", 0.5),
                                         _c("a_trp1", "spillover", 0.5, view="posterior")]):
        [kept] = rank(list(order))
        assert kept.zone == "essential"
    tied = [_c("c_trp1", "spillover", 0.4), _c("a_trp1", "spillover", 0.4, "right"),
            _c("a_trp1", "spillover", 0.4, "left"), _c("b_trp1", "spillover", 0.4)]
    expected = [("a_trp1", "left"), ("a_trp1", "right"), ("b_trp1", "right"), ("c_trp1", "right")]
    for order in itertools.permutations(tied):
        assert [(c.trp_id, c.side) for c in rank(list(order))] == expected
    # The first of two equal spillover zones stays (the list does not flicker between views).
    first = rank([_c("a_trp1", "spillover", 0.5), _c("a_trp1", "spillover", 0.5, view="posterior")])
    assert first[0].view == "anterior"
    assert rank([]) == []


@pytest.mark.parametrize("prevalence", PREVALENCES)
def test_prevalence_is_said_in_plain_words(prevalence: str) -> None:
    text = explain("spillover", 0.5, 0.5, prevalence, point=False)
    assert text.endswith(f"{prevalence.replace('_', ' ').capitalize()} trigger point.")
    assert "_" not in text
