"""The 2016 fibromyalgia diagnostic criteria, scored from the painted map and the SSS entry.

Wolfe F, Clauw DJ, Fitzcharles M-A, Goldenberg DL, Häuser W, Katz RL, Mease PJ, Russell AS,
Russell IJ, Walitt B. "2016 Revisions to the 2010/2011 fibromyalgia diagnostic criteria."
Semin Arthritis Rheum 2016;46(3):319–329.  The criteria are met when all of:

1. WPI ≥ 7 and SSS ≥ 5, or WPI 4–6 and SSS ≥ 9;
2. generalised pain: pain in at least 4 of the 5 regions below (jaw, chest and abdomen do not
   count towards this rule, though they count in the WPI);
3. symptoms generally present for at least 3 months (asked by the therapist, not drawn);
4. the diagnosis holds irrespective of other diagnoses.

Here the WPI comes from the painted map (``app.domain.wpi``): the map is one visit's drawing,
while the criteria ask about pain over the past week, so the therapist confirms it.  This is a
screening aid for referral, never a diagnosis made by a massage therapist.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.records import SymptomSeverity

# The five regions of the generalised-pain rule, each with the WPI regions that count for it.
GENERALISED_PAIN_REGIONS: dict[str, tuple[str, ...]] = {
    "left upper": ("shoulder_girdle_left", "upper_arm_left", "lower_arm_left"),  # jaw left excluded
    "right upper": ("shoulder_girdle_right", "upper_arm_right", "lower_arm_right"),  # jaw right excluded
    "left lower": ("hip_buttock_trochanter_left", "upper_leg_left", "lower_leg_left"),
    "right lower": ("hip_buttock_trochanter_right", "upper_leg_right", "lower_leg_right"),
    "axial": ("neck", "upper_back", "lower_back"),  # chest and abdomen excluded
}
GENERALISED_MIN_REGIONS = 4
SSS_MAX = 12
WPI_MAX = 19


def generalised_regions(wpi_regions: Iterable[str]) -> tuple[str, ...]:
    """The generalised-pain regions (in the order above) with pain in at least one of their areas."""
    painted = set(wpi_regions)
    return tuple(name for name, members in GENERALISED_PAIN_REGIONS.items() if painted & set(members))


def wpi_and_sss_met(wpi: int, sss: int) -> bool:
    """Criterion 1: WPI ≥ 7 with SSS ≥ 5, or WPI 4–6 with SSS ≥ 9."""
    return (wpi >= 7 and sss >= 5) or (4 <= wpi <= 6 and sss >= 9)


@dataclass(frozen=True)
class FibromyalgiaScreen:
    wpi: int  # 0–19
    wpi_regions: tuple[str, ...]
    symptoms: SymptomSeverity | None  # None: the SSS was not asked at this visit

    @property
    def sss(self) -> int | None:
        return self.symptoms.score if self.symptoms is not None else None

    @property
    def regions(self) -> tuple[str, ...]:
        return generalised_regions(self.wpi_regions)

    @property
    def generalised(self) -> bool:
        return len(self.regions) >= GENERALISED_MIN_REGIONS

    @property
    def severity(self) -> int | None:
        """The fibromyalgia severity (FS) scale, WPI + SSS, 0–31."""
        return None if self.sss is None else self.wpi + self.sss

    @property
    def criteria_met(self) -> bool | None:
        """Criteria 1 and 2 from this visit; None until the SSS is entered.  Duration (criterion 3)
        is the therapist's question."""
        if self.sss is None:
            return None
        return self.generalised and wpi_and_sss_met(self.wpi, self.sss)

    def summary(self) -> str:
        regions = f"generalised pain in {len(self.regions)} of 5 regions" + (
            f" ({', '.join(self.regions)})" if self.regions else "")
        if self.sss is None:
            return f"WPI {self.wpi}/19; {regions}; enter the Symptom Severity Scale to score the 2016 criteria."
        verdict = ("meets the 2016 fibromyalgia criteria 1–2 (confirm symptoms for ≥ 3 months; refer for diagnosis)"
                   if self.criteria_met else "does not meet the 2016 fibromyalgia criteria")
        return f"WPI {self.wpi}/19, SSS {self.sss}/12 (FS {self.severity}/31); {regions}; {verdict}."
