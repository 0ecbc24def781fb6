"""The 2016 fibromyalgia criteria (Wolfe et al. 2016): thresholds and the generalised-pain rule."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from app.domain import metrics
from app.domain.fibromyalgia import FibromyalgiaScreen, generalised_regions, wpi_and_sss_met
from app.domain.model import SkinArea
from app.domain.pain_map import PainMap
from app.domain.records import SymptomSeverity


@pytest.mark.parametrize(("wpi", "sss", "met"), [
    (7, 5, True), (7, 4, False), (19, 5, True), (6, 9, True), (6, 8, False), (4, 9, True), (3, 12, False),
    (4, 8, False), (0, 12, False), (19, 0, False)])
def test_wpi_and_sss_thresholds(wpi: int, sss: int, met: bool) -> None:
    assert wpi_and_sss_met(wpi, sss) is met


def test_jaw_chest_and_abdomen_count_in_the_wpi_but_not_for_generalised_pain() -> None:
    assert generalised_regions(["jaw_left", "jaw_right", "chest", "abdomen"]) == ()
    assert generalised_regions(["upper_arm_left", "lower_leg_right", "neck", "upper_leg_left"]) == (
        "left upper", "left lower", "right lower", "axial")


def _sss(score: int) -> SymptomSeverity:
    fatigue = min(score, 3)
    waking = min(max(score - 3, 0), 3)
    cognitive = min(max(score - 6, 0), 3)
    rest = max(score - 9, 0)
    return SymptomSeverity(fatigue, waking, cognitive, int(rest >= 1), int(rest >= 2), int(rest >= 3))


def test_criteria_need_generalised_pain_as_well_as_the_scores() -> None:
    # WPI 8 all in the upper body (both arms, jaw and shoulders): regional, not generalised.
    regional = ("jaw_left", "jaw_right", "shoulder_girdle_left", "shoulder_girdle_right", "upper_arm_left",
                "upper_arm_right", "lower_arm_left", "lower_arm_right")
    screen = FibromyalgiaScreen(len(regional), regional, _sss(12))
    assert (screen.regions, screen.generalised, screen.criteria_met) == (("left upper", "right upper"), False, False)
    widespread = ("shoulder_girdle_left", "shoulder_girdle_right", "upper_leg_left", "lower_leg_right", "neck",
                  "lower_back", "chest")
    met = FibromyalgiaScreen(7, widespread, _sss(5))
    assert met.generalised and met.criteria_met and met.severity == 12
    assert "meets the 2016 fibromyalgia criteria" in met.summary()
    assert FibromyalgiaScreen(7, widespread, _sss(4)).criteria_met is False
    unasked = FibromyalgiaScreen(7, widespread, None)
    assert unasked.criteria_met is None and unasked.sss is None and "enter the Symptom Severity Scale" in unasked.summary()


def test_screen_from_a_painted_map() -> None:
    skin = [SkinArea("anterior", "anterior_arm", side, box(x, 0, x + 50, 50)) for side, x in (("right", 0), ("left", 50))]
    skin += [SkinArea("posterior", "calf", side, box(x, 0, x + 50, 50)) for side, x in (("left", 0), ("right", 50))]
    skin += [SkinArea("posterior", "low_back", "midline", box(0, 60, 100, 100))]
    pain = PainMap().paint("anterior", box(0, 0, 100, 50), 6, "aching").paint("posterior", box(0, 0, 100, 100), 5, "dull")
    wpi = metrics.wpi_regions(pain, skin)
    assert wpi.regions == ("upper_arm_left", "upper_arm_right", "lower_leg_left", "lower_leg_right", "lower_back")
    screen = FibromyalgiaScreen(wpi.score, wpi.regions, _sss(9))
    assert screen.regions == ("left upper", "right upper", "left lower", "right lower", "axial")
    assert screen.criteria_met is True  # WPI 5 (4–6) with SSS 9
