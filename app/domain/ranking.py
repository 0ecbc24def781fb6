"""How candidate trigger points are scored and explained (the formula: docs/ranking.md).

Essential-zone matches rank above spillover matches: an essential match scores in (0.5, 1],
a spillover match in (0, 0.5] -- unless the essential zone only grazes the pain (under 8 % of
the pain and of the zone), when its bonus shrinks in proportion so a sliver of contact cannot
outrank a real spillover match.  Within a tier, prevalence is the prior and multiplies the
geometric evidence: a meaningful overlap is what says "this TrP can cause pain here"; how neatly
zone and pain coincide beyond that scales the fit between COVERAGE_FLOOR and 1.  So a very common
TrP whose essential zone meaningfully reaches the pain (quadratus lumborum for the low back) is
not buried under occasional ones whose zones happen to fill the area.  Ties break on the trigger
point id, so the order is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from app.domain.vocabulary import PREVALENCE_WEIGHT

# How neatly zone and pain coincide: the share of the pain the zone explains counts more than the
# share of the zone that hurts (a big zone is not wrong for covering more than this pain).
PAIN_COVERED_WEIGHT = 0.625
PATTERN_COVERED_WEIGHT = 0.375
# With a meaningful overlap, even a zone that only just reaches the pain keeps this share of the
# fit; perfect coincidence earns the rest.  Half: the evidence then spans a factor of 2, against
# 1.25 for one prevalence step, so a zone explaining most of a drawn pain outranks a one-step
# more common zone explaining a quarter of it, while small differences leave the prior in charge.
COVERAGE_FLOOR = 0.5
# A click is a point: we judge specificity against a zone the size of a palm.
POINT_REFERENCE_AREA_MM2 = 6000.0
# An essential zone that merely grazes the pain is no essential match: below this share (of the
# pain or of the zone, whichever is larger) the essential bonus -- and the fit -- shrink in proportion.
MEANINGFUL_OVERLAP = 0.08


@dataclass(frozen=True, slots=True)
class Candidate:
    trp_id: str
    muscle_id: str
    side: str
    zone: str  # essential | spillover
    score: float
    pain_covered: float  # share of the pain inside the zone, 0..1
    pattern_covered: float  # share of the zone that hurts, 0..1
    prevalence: str
    view: str
    point: bool = False  # the pain was a single clicked spot
    # The pain in words when it is clicked skin areas ("the client's right buttock"): the reason then
    # names them, not ``view`` -- the view the shares were measured on, which need not be the one clicked.
    # Words, not ranking: a clicked area equals the same area painted.
    pain_text: str = field(default="", compare=False)

    @property
    def why(self) -> str:
        """A short human reason for the rank (made on demand: most candidates are never read)."""
        return explain(self.zone, self.pain_covered, self.pattern_covered, self.prevalence, point=self.point,
                       view=self.view, pain_text=self.pain_text)


def score(zone: str, pain_covered: float, pattern_covered: float, prevalence: str) -> float:
    """Score of one match (the same formula as :func:`score_array`, which the engine uses)."""
    value = score_array(np.array([zone == "essential"]), np.array([pain_covered]), np.array([pattern_covered]),
                        np.array([PREVALENCE_WEIGHT.get(prevalence, 0.5)]))
    return float(value[0])


def score_array(essential: np.ndarray, pain_covered: np.ndarray, pattern_covered: np.ndarray,
                prevalence_weight: np.ndarray) -> np.ndarray:
    """Vectorised :func:`score` for many zones at once (same formula, same rounding).

    strength = min(1, max(pain, pattern) / MEANINGFUL_OVERLAP)     -- is the overlap meaningful?
    coverage = 0.625 pain + 0.375 pattern                          -- how neatly they coincide
    fit      = strength * prevalence * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage)
    score    = 0.5 * strength (essential only) + 0.5 * fit
    """
    strength = np.minimum(1.0, np.maximum(pain_covered, pattern_covered) / MEANINGFUL_OVERLAP)
    coverage = PAIN_COVERED_WEIGHT * pain_covered + PATTERN_COVERED_WEIGHT * pattern_covered
    fit = strength * prevalence_weight * (COVERAGE_FLOOR + (1.0 - COVERAGE_FLOOR) * coverage)
    return np.round(np.where(essential, 0.5 * strength, 0.0) + 0.5 * fit, 4)


def explain(zone: str, pain_covered: float, pattern_covered: float, prevalence: str, *, point: bool,
            view: str = "", pain_text: str = "") -> str:
    """The reason: how much of the pain the zone holds and how common the TrP is.  A painted pain
    is named with the view it was painted on; clicked skin areas (``pain_text``) by their names."""
    zone_text = "essential (main) referral zone" if zone == "essential" else "spillover zone"
    prevalence_text = prevalence.replace("_", " ").capitalize()
    if point:
        return f"The spot lies in its {zone_text}. {prevalence_text} trigger point."
    if zone == "essential" and max(pain_covered, pattern_covered) < MEANINGFUL_OVERLAP:
        zone_text += " (only grazing it)"
    where = f" on the {view.replace('_', ' ')} view" if view and not pain_text else ""
    return (
        f"{pain_covered:.0%} of {pain_text or 'the pain'} lies in its {zone_text}; the pain fills {pattern_covered:.0%} of "
        f"that zone{where}. {prevalence_text} trigger point."
    )


def rank(candidates: list[Candidate]) -> list[Candidate]:
    """Best first; one entry per (trigger point, side), keeping its best zone."""
    best: dict[tuple[str, str], Candidate] = {}
    for cand in candidates:
        key = (cand.trp_id, cand.side)
        if key not in best or (cand.score, cand.zone == "essential") > (best[key].score, best[key].zone == "essential"):
            best[key] = cand
    return sorted(best.values(), key=lambda c: (-c.score, c.trp_id, c.side))
