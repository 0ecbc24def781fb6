from __future__ import annotations

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
