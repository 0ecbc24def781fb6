"""What a student or a teacher sees of the study service: the exact refusals for a profile's
name, a teacher's deck file coming back with its name and description, and "next card due"
following the clock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.study.cards import NAME, Card
from app.services.study_service import StudyService, StudyStoreError


@pytest.mark.parametrize(("typed", "message"), [
    ("", "a student profile needs a name"),
    (" \t\n ", "a student profile needs a name"),
    ("A" * 81, "a student profile name is at most 80 characters"),
    ("Ana " + "B" * 77, "a student profile name is at most 80 characters"),
], ids=["empty", "blank", "81 letters", "81 with a space"])
def test_a_profile_name_that_cannot_be_kept_is_refused_with_why(study: StudyService, typed: str, message: str) -> None:
    with pytest.raises(StudyStoreError) as caught:
        study.add_profile(typed)
    assert str(caught.value) == message
    assert study.profiles() == []


def test_the_longest_profile_name_is_kept_whole_with_its_spaces_tidied(study: StudyService) -> None:
    longest = "Ana " + "B" * 76  # 80 characters
    assert study.add_profile(f"  {longest[:4]}   {longest[4:]}  ").name == longest
    assert [p.name for p in study.profiles()] == [longest]


def test_a_teachers_deck_file_comes_back_with_its_name_description_and_cards(study: StudyService,
                                                                           tmp_path: Path) -> None:
    shared = tmp_path / "elbow-week.json"
    shared.write_text(json.dumps({
        "format": "tpx-study-deck", "version": 1, "name": "Elbow week — Ünïcode",
        "description": "Lateral elbow pain: what refers there",
        "cards": ["paint:supinator_trp1", "locate:supinator_trp1"]}), encoding="utf-8")
    deck = study.import_deck(shared)
    assert (deck.name, deck.description) == ("Elbow week — Ünïcode", "Lateral elbow pain: what refers there")
    assert deck.keys == ["paint:supinator_trp1", "locate:supinator_trp1"]
    listed = [d for d in study.decks() if d.kind == "custom"]
    assert [(d.id, d.name, d.description) for d in listed] == [(deck.id, deck.name, deck.description)]
    # and written out again, the same file a colleague would import
    again = json.loads(study.export_deck(deck.id, tmp_path / "again.json").read_text(encoding="utf-8"))
    assert (again["name"], again["description"], again["cards"]) == (
        "Elbow week — Ünïcode", "Lateral elbow pain: what refers there", deck.keys)


def test_the_next_card_due_follows_the_clock(study: StudyService, clock) -> None:
    ana = study.add_profile("Ana")
    assert study.next_due(ana, "all") is None  # nothing reviewed: nothing scheduled
    question = study.question(Card(NAME, "trapezius_trp1"))
    reviewed_at = clock.now
    first = study.record(ana, study.questions.answer_choice(question, "supinator"))  # wrong: soon again
    clock.advance(hours=1)
    second = study.record(ana, study.questions.answer_choice(study.question(Card(NAME, "supinator_trp1")),
                                                             "supinator"))  # right: much later
    assert reviewed_at < first.due < clock.now < second.due
    assert study.next_due(ana, "all") == second.due  # the first card is due already: not "next"
    assert study.next_due(ana, "region:neck") is None  # its only card is due
    clock.now = reviewed_at  # seen from before either was due, the first comes first
    assert study.next_due(ana, "all") == first.due
    assert study.next_due(ana, "region:neck") == first.due
    clock.now = second.due
    assert study.next_due(ana, "all") is None


def test_a_deck_file_that_cannot_be_imported_is_named_in_the_refusal(study: StudyService, tmp_path: Path) -> None:
    """Several files picked at once: the message says which one is wrong, and nothing is added."""
    from app.services.study_service import DeckFileError

    bad = tmp_path / "week 3 — elbow.json"
    bad.write_text(json.dumps({"format": "tpx-study-deck", "version": 1, "name": "Week 3",
                               "cards": ["paint:supinator_trp1", "paint:soleus_trp1"]}), encoding="utf-8")
    with pytest.raises(DeckFileError) as caught:
        study.import_deck(bad)
    assert str(caught.value) == f"{bad}: cards[1]: 'paint:soleus_trp1' is not a card of this catalog"
    assert [d for d in study.decks() if d.kind == "custom"] == []


def test_a_student_can_stop_new_cards_for_a_while(study: StudyService) -> None:
    """New cards per day 0: only reviews are asked (0 is allowed, 501 is not)."""
    ana = study.add_profile("Ana")
    study.set_new_per_day(ana.id, 0)
    ana = study.profile(ana.id)
    assert ana.new_per_day == 0 and study.queue(ana, "all") == []
    with pytest.raises(StudyStoreError) as caught:
        study.set_new_per_day(ana.id, 501)
    assert str(caught.value) == "new cards per day: 0 to 500"


def test_opened_on_a_records_database_the_study_service_keeps_profiles_there(mini_service, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'records.db'}"
    first = StudyService.open(mini_service, url)
    first.add_profile("Ana")
    assert len(first.deck("all").cards) == 7
    first.close()
    again = StudyService.open(mini_service, url)
    assert [p.name for p in again.profiles()] == ["Ana"] and not again.read_only
    again.close()


def test_a_question_asked_again_with_its_seed_is_the_same_and_other_seeds_vary(study: StudyService) -> None:
    """An exam re-opened asks exactly what it asked (its seed is kept), while a new exam varies the choices."""
    card = Card(NAME, "trapezius_trp1")
    asked = [study.question(card, seed) for seed in range(8)]
    assert asked == [study.questions.question(card, seed) for seed in range(8)]
    assert len({q.choices for q in asked}) > 1


def test_a_condition_answer_shows_the_key_muscles_whatever_was_ticked(study: StudyService) -> None:
    from app.domain.study.cards import CONDITION

    question = study.question(Card(CONDITION, "tension_type_headache"))
    outcome = study.questions.answer_selection(question, ["supinator"])
    assert outcome.score == 0.0 and outcome.answer_text == question.answer_text and "Trapezius" in outcome.answer_text


def test_a_custom_deck_can_be_deleted_and_a_built_in_one_cannot(study: StudyService) -> None:
    """A teacher removes a deck she made; the built-in decks (all cards, a region, a condition) stay,
    with a one-line reason, and deleting one custom deck leaves the other."""
    kept = study.create_deck("Neck", "", ["paint:supinator_trp1"])
    gone = study.create_deck("Elbow", "", ["locate:supinator_trp1"])
    study.delete_deck(gone.id)
    assert [d.id for d in study.decks() if d.kind == "custom"] == [kept.id]
    built_in = next(d for d in study.decks() if d.kind != "custom")
    with pytest.raises(StudyStoreError) as caught:
        study.delete_deck(built_in.id)
    assert str(caught.value) == "only custom decks can be deleted"
    assert built_in.id in [d.id for d in study.decks()]
