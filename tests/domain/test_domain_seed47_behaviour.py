"""Domain behaviour a mutation sample (seed 47, on the session's final domain code) found untested:
a muscle's drawn pattern, the fibromyalgia verdict, nerves best first, a typed answer with no names
to match, a deck without a description, a painting with nothing on one view, hole precision in
path data, and the exact words of two refusals."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
import shapely
from shapely.geometry import Polygon, box

from app.domain.fibromyalgia import FibromyalgiaScreen, SymptomSeverity
from app.domain.nerves import PainMark, Territory, rank_nerves
from app.domain.neuro_screen import summarize as summarize_screen
from app.domain.referral_pattern import DRAWING_TOLERANCE_MM, drawn_pattern, pattern_shapes
from app.domain.study.answer_scoring import score_typed
from app.domain.study.cards import NAME, PAINT, Card
from app.domain.study.decks import parse_deck
from app.domain.study.exam import Exam, ExamAnswer
from app.domain.study.paint_scoring import ViewZones, score_side
from app.domain.svg_geometry import geometry_to_path_d


def test_a_patterns_essential_zones_are_one_shape_and_spillover_stops_at_them() -> None:
    a, b = box(0, 0, 40, 40), box(30, 0, 70, 40)  # two TrPs' essential zones overlapping
    spill = box(0, 30, 100, 80)
    essential, spillover = pattern_shapes([a, b], [spill])
    assert essential.equals(shapely.union(a, b)) and essential.area == pytest.approx(2800)
    assert spillover.equals(shapely.difference(spill, essential))
    single, _none = pattern_shapes([a], [])
    assert single.equals(a)
    drawn_e, drawn_s = drawn_pattern([a, b], [spill])
    assert drawn_e.hausdorff_distance(essential) <= DRAWING_TOLERANCE_MM and drawn_s.area == pytest.approx(spillover.area)


def test_the_fibromyalgia_line_says_when_the_criteria_are_not_met() -> None:
    low = FibromyalgiaScreen(2, ("neck", "upper_back"), SymptomSeverity(0, 0, 0, 0, 0, 0))
    assert low.summary().endswith("; does not meet the 2016 fibromyalgia criteria.")


def test_nerve_fits_come_best_first() -> None:
    strip, patch = box(0, 0, 30, 200), box(100, 0, 200, 100)
    territories = [Territory("root", "C6", "anterior", "right", strip), Territory("nerve", "median", "anterior", "right", patch)]
    names = {("root", "C6"): "C6 dermatome", ("nerve", "median"): "Median nerve"}
    pain = strip.union(box(100, 0, 120, 30))  # all of C6, a corner of the median territory
    fits = rank_nerves([PainMark("anterior", pain)], territories, names)
    assert [f.id for f in fits] == ["C6", "median"] and fits[0].score > fits[1].score


def test_a_typed_answer_with_no_names_to_match_scores_zero() -> None:
    scored = score_typed("trapezius", "trapezius", {})
    assert (scored.score, scored.matched) == (0.0, None)


def test_a_deck_file_without_a_description_has_an_empty_one() -> None:
    raw = b'{"format": "tpx-study-deck", "version": 1, "name": "Neck", "cards": ["name:trapezius_trp1"]}'
    name, description, cards = parse_deck(raw, {"name:trapezius_trp1"})
    assert (name, description, [c.key for c in cards]) == ("Neck", "", ["name:trapezius_trp1"])


def test_a_view_painted_with_nothing_counts_for_nothing() -> None:
    zones = {"anterior": ViewZones(box(0, 0, 10, 10)), "posterior": ViewZones(box(0, 0, 10, 10))}
    score = score_side({"anterior": box(0, 0, 10, 10), "posterior": None}, zones)
    assert set(score.overlays) == {"anterior"}


def test_path_data_keeps_the_precision_asked_for_in_holes_too() -> None:
    holed = Polygon([(0, 0), (50, 0), (50, 50), (0, 50)], [[(10.123, 10.456), (20.789, 10.111), (15.555, 20.999)]])
    assert all(len(n.split(".")[1]) <= 1 for n in re.findall(r"\d+\.\d+", geometry_to_path_d(holed, 1)))
    assert "10.12" in geometry_to_path_d(holed, 2) and "20.79" in geometry_to_path_d(holed, 2)  # the hole's own points


def test_an_exam_answer_for_another_card_is_refused_in_words() -> None:
    exam = Exam.draw("Ana", "Neck", [Card(NAME, "trapezius_trp1")], 1, seed=1, started_at=datetime(2026, 1, 1))
    with pytest.raises(ValueError, match=r"^answer for a card that is not the current exam question$"):
        exam.record(ExamAnswer(Card(PAINT, "supinator_trp1"), "", "", "", 0.0))


def test_a_screen_without_a_note_summarises_with_an_empty_note() -> None:
    assert summarize_screen({}).note == ""


def test_an_unknown_screen_item_is_refused_by_name() -> None:
    from app.domain.neuro_screen import check_value

    with pytest.raises(ValueError, match=r"^unknown neuro screen item 'bogus'$"):
        check_value("bogus", 1)
