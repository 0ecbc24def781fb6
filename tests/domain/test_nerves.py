"""The pure fit of a pain map to nerve territories: overlap, quality and shape weighting, wording."""

from __future__ import annotations

import pytest
import shapely

from app.domain.nerves import NerveFit, PainMark, Territory, fit_score, is_dermatomal, rank_nerves, verdict

STRIP = shapely.box(0, 0, 30, 200)  # a long, narrow, limb-like territory
PATCH = shapely.box(100, 0, 200, 100)
TERRITORIES = [Territory("root", "C6", "anterior", "right", STRIP), Territory("nerve", "median", "anterior", "right", PATCH)]
NAMES = {("root", "C6"): "C6 dermatome", ("nerve", "median"): "Median nerve"}


def test_the_territory_holding_the_pain_ranks_first_and_edge_contact_is_dropped() -> None:
    pain = shapely.box(2, 20, 28, 180).union(shapely.box(99, 50, 100.5, 51))
    fits = rank_nerves([PainMark("anterior", pain)], TERRITORIES, NAMES)
    assert [f.id for f in fits] == ["C6"]
    assert fits[0].pain_covered > 0.95 and 0.6 < fits[0].pattern_covered < 0.8


def test_pain_on_another_view_or_an_empty_mark_fits_nothing() -> None:
    assert rank_nerves([PainMark("posterior", STRIP)], TERRITORIES, NAMES) == []
    assert rank_nerves([PainMark("anterior", shapely.Polygon())], TERRITORIES, NAMES) == []


def test_neural_qualities_weigh_by_their_share_of_the_pain() -> None:
    aching = rank_nerves([PainMark("anterior", STRIP, 5, "aching")], TERRITORIES, NAMES)[0]
    half = rank_nerves([PainMark("anterior", shapely.box(0, 0, 30, 100), 5, "numbness"),
                        PainMark("anterior", shapely.box(0, 100, 30, 200), 5, "dull")], TERRITORIES, NAMES)[0]
    numb = rank_nerves([PainMark("anterior", STRIP, 5, "numbness")], TERRITORIES, NAMES)[0]
    assert aching.score < half.score < numb.score
    assert half.neural_share == 0.5 and "50% of the pain is numb" in half.why


def test_dermatomal_shape_is_long_narrow_and_on_a_limb() -> None:
    assert is_dermatomal(STRIP, None)
    assert not is_dermatomal(PATCH, None)
    assert not is_dermatomal(STRIP, shapely.box(500, 500, 600, 600))  # not on the limb
    assert fit_score(1.0, 1.0, 0.0, True) > fit_score(1.0, 1.0, 0.0, False)


def test_wording_never_diagnoses_and_names_what_to_do() -> None:
    fit = NerveFit("root", "L5", "L5 dermatome", "right", "anterior", 0.9, 0.9, 0.5, 1.0, True)
    nerve_first = verdict([fit], 0.7, "Gluteus minimus posterior TrPs")
    assert nerve_first.startswith("Fits the L5 dermatome better than any trigger-point pattern: screen")
    assert "refer if" in nerve_first
    trp_first = verdict([fit], 0.95, "Gluteus minimus posterior TrPs")
    assert trp_first.startswith("Gluteus minimus posterior TrPs fits about as well as the L5 dermatome")
    for text in (nerve_first, trp_first):
        assert "radiculopathy" not in text and "diagnos" not in text
    assert verdict([], 0.5).startswith("The pain lies in no dermatome")


def test_the_share_of_the_pain_inside_a_territory_is_reported_as_a_fraction() -> None:
    """Half the painted band lies in the strip: the fit says 0.5 of the pain, not a rounded 0 or 1."""
    pain = shapely.box(15, 20, 45, 180)  # x 15-30 inside the 30 mm strip, 30-45 outside
    fit = next(f for f in rank_nerves([PainMark("anterior", pain)], TERRITORIES, NAMES) if f.id == "C6")
    assert fit.pain_covered == pytest.approx(0.5, abs=1e-4)
    assert fit.pattern_covered == pytest.approx(15 * 160 / (30 * 200), abs=1e-4)


SCREEN = ("screen (light touch and pinprick at the key point, key-muscle strength, reflexes, neural tension tests) "
          "and refer if there is numbness, weakness, a changed reflex, or pain that keeps spreading")


def test_the_verdict_spells_out_the_screen_and_a_tie_goes_to_the_trigger_point() -> None:
    """Myofascial pain is the commoner story: when the best trigger point fits exactly as well,
    the sentence names it first."""
    fit = NerveFit("nerve", "median", "Median nerve (hand)", "right", "anterior", 0.8, 0.9, 0.5, 0.0, False)
    assert verdict([fit], None) == f"Fits the median nerve territory better than any trigger-point pattern: {SCREEN}."
    assert verdict([fit], 0.8, "Pronator teres TrP1") == (
        "Pronator teres TrP1 fits about as well as the median nerve territory; if symptoms are neural "
        f"(numb, tingling, shooting), {SCREEN}.")
    assert verdict([fit], 0.8).startswith("a trigger-point pattern fits about as well")


def test_the_verdict_says_how_clearly_one_fits_better() -> None:
    """A clear lead is "better than", a hair's difference "about as well" / "a little better": the
    sentence neither overstates a near tie nor understates a clear winner (either way)."""
    fit = NerveFit("nerve", "median", "Median nerve (hand)", "right", "anterior", 0.6, 0.9, 0.5, 0.0, False)
    assert verdict([fit], 0.9, "Pronator teres TrP1").startswith(
        "Pronator teres TrP1 fits better than the median nerve territory; if symptoms are neural")
    assert verdict([fit], 0.62, "Pronator teres TrP1").startswith(
        "Pronator teres TrP1 fits about as well as the median nerve territory;")
    assert verdict([fit], 0.58, "Pronator teres TrP1") == (
        f"Fits the median nerve territory a little better than Pronator teres TrP1: {SCREEN}.")
    assert verdict([fit], 0.3, "Pronator teres TrP1") == (
        f"Fits the median nerve territory better than any trigger-point pattern: {SCREEN}.")


def test_a_dermatomal_shape_needs_half_of_it_on_the_limb() -> None:
    band = shapely.box(0, 0, 20, 200)
    assert is_dermatomal(band, shapely.box(0, 0, 20, 100))  # exactly half on the limb
    assert not is_dermatomal(band, shapely.box(0, 0, 20, 99))


def test_a_graze_of_one_territory_does_not_hide_the_territories_after_it() -> None:
    """The C6 strip only brushes the painted patch; the median territory after it holds the pain."""
    pain = shapely.box(29.9, 0, 200, 100)
    fits = rank_nerves([PainMark("anterior", pain)], TERRITORIES, NAMES)
    assert [f.id for f in fits] == ["median"]


def test_pain_only_touching_a_territorys_edge_does_not_hide_the_territories_after_it() -> None:
    pain = shapely.box(30, 0, 200, 100)  # shares only the line x = 30 with the C6 strip
    assert [f.id for f in rank_nerves([PainMark("anterior", pain)], TERRITORIES, NAMES)] == ["median"]
    assert not is_dermatomal(shapely.Polygon(), None)


def test_more_of_the_pain_inside_or_more_of_the_territory_filled_fits_better() -> None:
    """The fit grows with both shares (weighted 0.625 and 0.375, as in the trigger-point ranking):
    a pain filling its whole territory fits it fully, before the nerve-side weight of 0.85."""
    assert fit_score(1.0, 1.0, 0.0, False) == 0.85
    assert fit_score(0.9, 0.5, 0.0, False) > fit_score(0.3, 0.5, 0.0, False)
    assert fit_score(0.5, 0.9, 0.0, False) > fit_score(0.5, 0.3, 0.0, False)
    assert fit_score(0.5, 0.25, 0.0, False) == round((0.5 + 0.5 * (0.6 + 0.4 * (0.625 * 0.5 + 0.375 * 0.25))) * 0.85, 4)


def test_shares_are_given_to_four_decimals_and_the_limb_decides_the_dermatomal_shape() -> None:
    pain = shapely.box(0, 0, 30, 200).union(shapely.box(30, 0, 90, 200))  # a third of it in the strip
    c6 = next(f for f in rank_nerves([PainMark("anterior", pain)], TERRITORIES, NAMES) if f.id == "C6")
    assert c6.pain_covered == 0.3333
    band = [PainMark("anterior", shapely.box(2, 0, 28, 200))]
    assert rank_nerves(band, TERRITORIES, NAMES, limbs={"anterior": STRIP})[0].dermatomal
    assert not rank_nerves(band, TERRITORIES, NAMES, limbs={"anterior": shapely.box(500, 0, 600, 10)})[0].dermatomal


def test_a_listed_fit_never_says_zero_percent_of_the_pain() -> None:
    # A sliver of the pain covering 5 % of the dermatome, the rest far away: 0.33 % of the pain is inside.
    pain = shapely.box(0, 0, 30, 10).union(shapely.box(500, 500, 800, 800))
    fit = rank_nerves([PainMark("anterior", pain)], TERRITORIES, NAMES)[0]
    assert fit.id == "C6" and 0 < fit.pain_covered < 0.005
    assert fit.why.startswith("Under 1% of the pain lies in the C6 dermatome; the pain fills 5% of it")
