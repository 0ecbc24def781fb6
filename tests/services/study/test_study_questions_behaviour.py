"""What a student reads in a study session: each kind of question's prompt and answer line, and
the feedback after each kind of answer (a pick, a typed name, a click, a painting, a tick list),
exactly, on the mini catalog where every value is known; typed names on the shipped catalog,
where muscles' names, Latin names and ids differ."""

from __future__ import annotations

import pytest
from shapely.geometry import Point, box

from app.domain.study.cards import CONDITION, LOCATE, NAME, PAINT, Card
from app.domain.study.grades import AGAIN, EASY
from app.services.catalog_service import CatalogService
from app.services.study_service import StudyService

TRAPEZIUS_ANSWER = "Trapezius: Upper trapezius TrP1. Lies: Test location. Essential zone: temple and back of the neck."


def test_a_name_question_shows_the_pattern_on_its_best_view_and_offers_the_muscles(study) -> None:
    q = study.question(Card(NAME, "trapezius_trp1"), seed=3)
    assert q.prompt == "Which muscle's trigger point refers pain in this pattern? Pick one, or type its name."
    assert (q.view, q.layer, q.side) == ("posterior", "superficial", "right")
    assert q.answer_text == TRAPEZIUS_ANSWER
    assert sorted(q.choices) == [("supinator", "Supinator"), ("trapezius", "Trapezius")]
    x0, y0, x1, y1 = q.box
    zone = study.study.patterns["trapezius_trp1"].zones["right"]["posterior"].essential
    zx0, zy0, zx1, zy1 = zone.bounds
    assert x0 <= zx0 and y0 <= zy0 and x1 >= zx1 and y1 >= zy1  # the whole pattern is in the picture
    assert (x0, y0) >= (0, 0) and x1 <= 400 and y1 <= 1000  # and the picture is on the body's view


def test_the_same_seed_asks_the_same_question(study) -> None:
    card = Card(NAME, "trapezius_trp1")
    assert study.question(card, seed=11) == study.question(card, seed=11)


def test_paint_locate_and_condition_prompts(study) -> None:
    q = study.question(Card(PAINT, "supinator_trp1"))
    assert (q.prompt, q.view, q.box, q.choices) == (
        "Paint the essential zone of Supinator TrP (either side, any view).", "posterior", None, ())
    assert q.answer_text == "Supinator TrP. Lies: Test location. Essential zone: outer elbow."
    q = study.question(Card(LOCATE, "trapezius_trp1"))
    assert q.prompt == "Click where Trapezius: Upper trapezius TrP1 lies (either side)."
    assert q.answer_text == "Trapezius: Upper trapezius TrP1 — Test location."
    # the neck region with 120 mm of context around it, not centred on the answer
    assert (q.view, q.layer, q.box) == ("posterior", "superficial", (-20.0, 30.0, 420.0, 320.0))
    q = study.question(Card(LOCATE, "supinator_trp1"))
    assert (q.view, q.box) == ("anterior", (-20.0, 280.0, 420.0, 570.0))
    q = study.question(Card(CONDITION, "tension_type_headache"))
    assert q.prompt == "Tension-type headache: which muscles are key to check? Tick all that apply."
    assert q.answer_text == "Tension-type headache: key muscles Trapezius."
    assert q.choices == (("trapezius", "Trapezius"),)  # supinator perpetuates it: never a distractor


def test_picking_a_muscle(study) -> None:
    q = study.question(Card(NAME, "trapezius_trp1"), seed=3)
    right = study.questions.answer_choice(q, "trapezius")
    assert (right.score, right.feedback, right.given, right.answer_text) == (1.0, "Correct.", "Trapezius", TRAPEZIUS_ANSWER)
    assert right.grade == EASY
    wrong = study.questions.answer_choice(q, "supinator")
    assert (wrong.score, wrong.feedback, wrong.given, wrong.grade) == (0.0, "Not Supinator.", "Supinator", AGAIN)
    assert wrong.grade_name == "Again"


@pytest.mark.parametrize(("typed", "score", "feedback", "given"), [
    ("  trapezuis ", 1.0, "Correct (read as Trapezius).", "trapezuis"),
    ("Trapezius", 1.0, "Correct (read as Trapezius).", "Trapezius"),
    ("supinator", 0.0, "“supinator” reads as Supinator: not this pattern.", "supinator"),
    ("xyzzy", 0.0, "“xyzzy” matches no muscle name closely enough.", "xyzzy"),
])
def test_typing_a_muscles_name(study, typed: str, score: float, feedback: str, given: str) -> None:
    q = study.question(Card(NAME, "trapezius_trp1"), seed=3)
    outcome = study.questions.answer_typed(q, typed)
    assert (outcome.score, outcome.feedback, outcome.given, outcome.answer_text) == (
        score, feedback, given, TRAPEZIUS_ANSWER)


@pytest.fixture(scope="module")
def shipped_study() -> StudyService:
    service = StudyService(CatalogService.open(), None)
    yield service
    service.close()


@pytest.mark.parametrize("typed", ["Levator scapulae", "levator scapulae", "Musculus levator scapulae", "levator_scapulae"])
def test_a_muscle_is_known_by_its_name_latin_name_or_id(shipped_study: StudyService, typed: str) -> None:
    card = next(c for c in shipped_study.study.cards if c.kind == NAME and c.target.startswith("levator_scapulae_"))
    outcome = shipped_study.questions.answer_typed(shipped_study.question(card), typed)
    assert (outcome.score, outcome.feedback) == (1.0, "Correct (read as Levator scapulae).")


@pytest.mark.parametrize(("muscle", "typed", "name"), [
    ("peroneus_longus", "peroneus longus", "Peroneus (fibularis) longus"),  # what most people say
    ("intercostals", "intercostals", "Intercostal muscles"),
])
def test_the_everyday_name_in_the_muscles_id_is_read_too(shipped_study: StudyService, muscle: str, typed: str,
                                                          name: str) -> None:
    card = next(c for c in shipped_study.study.cards if c.kind == NAME and c.target.startswith(f"{muscle}_trp"))
    outcome = shipped_study.questions.answer_typed(shipped_study.question(card), typed)
    assert (outcome.score, outcome.feedback) == (1.0, f"Correct (read as {name}).")


def test_a_muscle_named_with_its_part_is_known_by_its_id_words(shipped_study: StudyService) -> None:
    card = next(c for c in shipped_study.study.cards if c.kind == NAME and c.target.startswith("lumbricals_foot"))
    q = shipped_study.question(card)
    assert shipped_study.questions.answer_typed(q, "lumbricals foot").feedback == "Correct (read as Lumbricals (foot))."
    assert shipped_study.questions.answer_typed(q, "Lumbricals (foot)").score == 1.0
    hand = shipped_study.questions.answer_typed(q, "lumbricals hand")
    assert (hand.score, hand.feedback) == (0.0, "“lumbricals hand” reads as Lumbricals (hand): not this pattern.")


def test_clicking_where_the_trigger_point_lies(study) -> None:
    q = study.question(Card(LOCATE, "supinator_trp1"))
    near = study.questions.answer_click(q, "anterior", 293.0, 426.0)  # 5 mm from the left-side TrP
    assert (near.score, near.given, near.click_at) == (1.0, "clicked on the anterior view", ("anterior", 293.0, 426.0))
    assert near.feedback == "Your click is 5 mm from the trigger point (full marks within 15 mm)."
    assert (near.click.distance_mm, near.click.nearest) == (5.0, (290.0, 430.0))
    far = study.questions.answer_click(q, "anterior", 290.0, 830.0)
    assert (far.score, far.feedback) == (0.0, "Your click is 400 mm from the trigger point (full marks within 15 mm).")
    other_side = study.questions.answer_click(q, "anterior", 110.0, 430.0)  # either side counts
    assert other_side.score == 1.0 and other_side.click.nearest == (110.0, 430.0)


def test_a_click_on_a_two_word_view_names_the_view_in_words(study) -> None:
    q = study.question(Card(LOCATE, "supinator_trp1"))
    outcome = study.questions.answer_click(q, "right_lateral", 10.0, 10.0)
    assert outcome.given == "clicked on the right lateral view" and outcome.click_at == ("right_lateral", 10.0, 10.0)


def test_painting_names_the_views_painted_on(study) -> None:
    q = study.question(Card(PAINT, "supinator_trp1"))
    zone = study.study.patterns["supinator_trp1"].zones["left"]["anterior"].essential
    full = study.questions.answer_paint(q, {"anterior": zone, "left_lateral": Point(5, 5).buffer(0).buffer(0)})
    assert (full.score, full.given) == (pytest.approx(1.0), "painted on anterior")
    assert full.paint is not None and full.paint.side == "left"
    wrong = study.questions.answer_paint(q, {"anterior": box(110, 170, 150, 230), "right_lateral": box(1, 1, 2, 2)})
    assert (wrong.score, wrong.given) == (0.0, "painted on anterior, right lateral")
    assert wrong.feedback == ("Not yet: you covered 0% of the essential zone; 0% of your paint lies in the pattern "
                              "(0% in the spillover zone).")
    nothing = study.questions.answer_paint(q, {})
    assert (nothing.score, nothing.given, nothing.feedback) == (
        0.0, "painted on nothing", "Nothing painted on a view that shows this pattern.")


def test_ticking_the_key_muscles_of_a_condition(study) -> None:
    q = study.question(Card(CONDITION, "tension_type_headache"))
    both = study.questions.answer_selection(q, ["trapezius", "supinator"])
    assert (both.score, both.given) == (pytest.approx(2 / 3), "Trapezius, Supinator")
    assert both.feedback == "1 of 1 key muscles found, 1 not key (precision 50%, recall 100%)."
    assert both.selection.wrong == frozenset({"supinator"})
    none = study.questions.answer_selection(q, [])
    assert (none.score, none.given, none.feedback) == (0.0, "none", "0 of 1 key muscles found (precision 0%, recall 0%).")
