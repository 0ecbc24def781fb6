"""The study service on the mini catalog: cards, questions, scoring, schedule, decks."""

from __future__ import annotations

import json

import pytest
import shapely
from shapely.geometry import box

from app.domain.study.cards import CONDITION, LOCATE, NAME, PAINT, Card
from app.domain.study.decks import DeckFileError
from app.domain.study.grades import AGAIN, EASY
from app.services.study_service import StudyStoreError, UnknownId


def test_cards_cover_every_type(study) -> None:
    assert {c.key for c in study.study.cards} == {
        "name:trapezius_trp1", "paint:trapezius_trp1", "locate:trapezius_trp1",
        "name:supinator_trp1", "paint:supinator_trp1", "locate:supinator_trp1",
        "condition:tension_type_headache"}
    assert study.study.key_muscles("tension_type_headache") == ["trapezius"]  # "perpetuates" is not key


def test_built_in_decks(study) -> None:
    decks = {d.id: d for d in study.decks()}
    assert len(decks["all"].cards) == 7
    assert {c.target for c in decks["region:neck"].cards} == {"trapezius_trp1"}
    assert set(decks["condition:tension_type_headache"].keys) == {
        "condition:tension_type_headache", "name:trapezius_trp1", "paint:trapezius_trp1"}
    with pytest.raises(UnknownId, match="unknown deck"):
        study.deck("region:nowhere")


def test_painting_the_essential_zone_scores_one_and_elsewhere_zero(study) -> None:
    q = study.question(Card(PAINT, "supinator_trp1"))
    right_zone = study.study.patterns["supinator_trp1"].zones["right"]["anterior"].essential
    assert study.questions.answer_paint(q, {"anterior": right_zone}).score == pytest.approx(1.0)
    far = study.questions.answer_paint(q, {"anterior": box(110, 170, 150, 230)})  # the neck, not the elbow
    assert far.score == 0.0 and far.grade == AGAIN


def test_name_locate_and_condition_answers(study) -> None:
    q = study.question(Card(NAME, "trapezius_trp1"), seed=3)
    assert ("trapezius", "Trapezius") in q.choices
    assert study.questions.answer_choice(q, "trapezius").score == 1.0
    assert study.questions.answer_typed(q, "trapezuis").score == 1.0
    assert study.questions.answer_typed(q, "supinator").score == 0.0
    q = study.question(Card(LOCATE, "supinator_trp1"))
    x, y, _side = study.study.patterns["supinator_trp1"].placements[q.view][0]
    assert study.questions.answer_click(q, q.view, x + 3, y - 4).score == 1.0
    assert study.questions.answer_click(q, q.view, x, y + 400).score == 0.0
    q = study.question(Card(CONDITION, "tension_type_headache"))
    assert "trapezius" in [m for m, _n in q.choices]
    assert study.questions.answer_selection(q, ["trapezius"]).score == 1.0
    assert study.questions.answer_selection(q, ["trapezius", "supinator"]).score == pytest.approx(2 / 3)


def test_the_queue_follows_fsrs_and_the_new_card_allowance(study, clock) -> None:
    ana = study.add_profile("  Ana   Lima ")
    assert ana.name == "Ana Lima"
    study.set_new_per_day(ana.id, 3)
    ana = study.profile(ana.id)
    first = study.queue(ana, "all")
    assert len(first) == 3
    for card in first:
        outcome = study.questions.answer_choice(study.question(Card(NAME, "trapezius_trp1")), "trapezius")
        study.record(ana, outcome.__class__(card, 1.0, "", "", ""))
    assert study.queue(ana, "all") == []  # the day's new cards are used up and nothing is due yet
    clock.advance(days=1)
    again = study.queue(ana, "all")
    assert again[:0] == [] and len([c for c in again if c in first]) == 0 and len(again) == 3  # new day: 3 new
    clock.advance(days=30)
    assert set(first) <= set(study.queue(ana, "all"))  # the easy cards are due again a month later
    stats = study.progress(ana)
    assert stats.reviews == 3 and stats.retention == 1.0


def test_recording_grades_from_the_score(study) -> None:
    ana = study.add_profile("Ana")
    q = study.question(Card(PAINT, "trapezius_trp1"))
    outcome = study.questions.answer_paint(q, {"anterior": box(0, 0, 1, 1)})
    assert study.record(ana, outcome).grade == AGAIN
    outcome = study.questions.answer_choice(study.question(Card(NAME, "trapezius_trp1")), "trapezius")
    assert study.record(ana, outcome).grade == EASY


def test_profiles_need_a_name(study) -> None:
    with pytest.raises(StudyStoreError):
        study.add_profile("   ")
    study.add_profile("Ben")
    with pytest.raises(StudyStoreError, match="already exists"):
        study.add_profile("Ben")


def test_deck_files_round_trip_and_bad_ones_change_nothing(study, tmp_path) -> None:
    deck = study.create_deck("Elbow week", "lateral elbow", ["locate:supinator_trp1", "paint:supinator_trp1"])
    out = study.export_deck(deck.id, tmp_path / "elbow.json")
    imported = study.import_deck(out)
    assert imported.keys == ["locate:supinator_trp1", "paint:supinator_trp1"] and imported.name == "Elbow week"
    before = [d.id for d in study.decks()]
    bad = tmp_path / "bad.json"
    doc = json.loads(out.read_text())
    doc["cards"].append("paint:deltoid_trp1")  # valid cards first, one unknown at the end
    bad.write_text(json.dumps(doc))
    with pytest.raises(DeckFileError, match=r"cards\[2\].*not a card of this catalog"):
        study.import_deck(bad)
    with pytest.raises(DeckFileError, match="folder"):
        study.import_deck(tmp_path)
    with pytest.raises(DeckFileError, match="cannot read"):
        study.import_deck(tmp_path / "missing.json")
    assert [d.id for d in study.decks()] == before
    with pytest.raises(DeckFileError, match="no name"):
        study.create_deck("", "", ["paint:supinator_trp1"])


def test_without_a_user_database_only_profiles_are_unavailable(mini_service) -> None:
    from app.services.study_service import StudyService

    service = StudyService(mini_service, None)
    assert len(service.deck("all").cards) == 7
    with pytest.raises(StudyStoreError, match="no user database"):
        service.add_profile("Ana")
    service.close()


def test_the_pattern_union_helper_covers_both_sides(study) -> None:
    pattern = study.study.patterns["trapezius_trp1"]
    both = pattern.both_sides("anterior").essential
    assert both.area == pytest.approx(shapely.union_all(
        [pattern.zones[s]["anterior"].essential for s in ("left", "right")]).area)


def test_a_read_only_database_refuses_changes_in_one_line(mini_service, clock, tmp_path) -> None:
    from app.services.study_service import StudyService
    from app.storage.user_database import UserDatabase, open_user_database

    writable = open_user_database(f"sqlite:///{tmp_path / 'records.db'}")
    StudyService(mini_service, writable, clock).add_profile("Ana")
    read_only = UserDatabase(writable.engine, True, "records.db", read_only_reason="records.db is read-only (file permissions)")
    service = StudyService(mini_service, read_only, clock)
    ana = service.profile("Ana")  # reading still works
    outcome = service.questions.answer_choice(service.question(Card(NAME, "trapezius_trp1")), "trapezius")
    for change in (lambda: service.add_profile("Ben"), lambda: service.record(ana, outcome),
                   lambda: service.create_deck("D", "", ["paint:supinator_trp1"]),
                   lambda: service.set_new_per_day(ana.id, 5)):
        with pytest.raises(StudyStoreError, match="nothing was saved: records.db is read-only"):
            change()
    assert service._repo.reviews(ana.id) == [] and len(service.profiles()) == 1
    writable.close()
