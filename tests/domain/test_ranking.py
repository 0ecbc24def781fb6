from __future__ import annotations

import pytest

from app.domain.ranking import Candidate, rank, score


def test_a_meaningful_essential_match_beats_any_spillover() -> None:
    weakest_essential = score("essential", 0.10, 0.0, "rare")
    strongest_spillover = score("spillover", 1.0, 1.0, "very_common")
    assert weakest_essential > strongest_spillover


def test_a_grazing_essential_zone_does_not_outrank_a_full_spillover_match() -> None:
    grazing = score("essential", 0.01, 0.005, "very_common")
    assert grazing < score("spillover", 1.0, 0.6, "common")
    assert grazing > score("spillover", 0.01, 0.005, "very_common")  # still ahead of a grazing spillover


def test_fit_rewards_coverage_and_prevalence() -> None:
    assert score("essential", 1.0, 0.5, "common") > score("essential", 0.5, 0.5, "common")
    assert score("essential", 0.5, 0.9, "common") > score("essential", 0.5, 0.2, "common")
    assert score("spillover", 0.5, 0.5, "very_common") > score("spillover", 0.5, 0.5, "rare")


def _c(trp: str, zone: str, s: float) -> Candidate:
    return Candidate(trp, "m", "right", zone, s, 1.0, 1.0, "common", "anterior")


def test_rank_keeps_best_zone_per_trigger_point_and_is_deterministic() -> None:
    ranked = rank([_c("b", "spillover", 0.3), _c("a", "spillover", 0.3), _c("b", "essential", 0.7)])
    assert [(c.trp_id, c.zone) for c in ranked] == [("b", "essential"), ("a", "spillover")]
    assert rank(list(reversed(ranked))) == ranked


def test_prevalence_multiplies_the_geometric_evidence() -> None:
    # Same overlap, the prior alone decides, in proportion: a very common TrP is 2.5 x a rare one.
    common_fit = score("spillover", 0.3, 0.3, "very_common") / 0.5
    rare_fit = score("spillover", 0.3, 0.3, "rare") / 0.5
    assert common_fit / rare_fit == pytest.approx(1.0 / 0.4, rel=0.01)


def test_a_very_common_trp_meaningfully_reaching_the_pain_beats_an_occasional_one_filling_it() -> None:
    # Quadratus lumborum's crest zone reaches 13 % of a clicked low back; serratus posterior
    # inferior's zone lies half inside it.  The prior outweighs the neater fit.
    very_common_reaching = score("essential", 0.03, 0.13, "very_common")
    occasional_filling = score("essential", 0.20, 0.48, "occasional")
    assert very_common_reaching > occasional_filling
    # ...but neatness still counts between equally common TrPs.
    assert score("essential", 0.20, 0.48, "very_common") > very_common_reaching


def test_grazing_weakens_the_fit_too_not_only_the_bonus() -> None:
    # Below the meaningful share a spillover zone's fit shrinks in proportion: prevalence cannot
    # lift a sliver of contact above a real spillover match of a rarer TrP.
    assert score("spillover", 0.02, 0.01, "very_common") < score("spillover", 0.3, 0.3, "rare")


def test_a_zone_explaining_most_of_the_pain_beats_one_step_more_prevalence() -> None:
    # Pain drawn over a pattern: one TrP's zone explains 80 % of it, a more common TrP's zone a
    # quarter (the gluteus minimus pseudo-sciatica against gluteus maximus TrP2's whole buttock).
    explains_most = score("essential", 0.80, 0.50, "common")
    explains_a_quarter = score("essential", 0.25, 0.40, "very_common")
    assert explains_most > explains_a_quarter
    # A small difference in neatness does not overturn the prior (quadratus lumborum's crest band
    # against a common paraspinal zone that fills more of the low back).
    assert score("essential", 0.09, 0.38, "very_common") > score("essential", 0.15, 0.79, "common")
