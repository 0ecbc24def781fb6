"""Student profiles and their review history as stored: listed by name, each student's own,
reviews oldest first whatever order they were written in, and unknown profiles refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.storage.study_repository import StudyRepository, StudyStoreError
from app.storage.user_database import open_user_database

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture()
def repo(db_url: str) -> StudyRepository:
    return StudyRepository(open_user_database(db_url).engine)


def test_profiles_are_listed_by_name_with_their_own_daily_limit(repo: StudyRepository) -> None:
    for name, count in (("Ben", 20), ("Anna", 5), ("Carl", 40)):
        repo.add_profile(name, T0, new_per_day=count)
    assert [(p.name, p.new_per_day) for p in repo.profiles()] == [("Anna", 5), ("Ben", 20), ("Carl", 40)]
    ben = next(p for p in repo.profiles() if p.name == "Ben")
    repo.set_new_per_day(ben.id, 7)
    assert [(p.name, p.new_per_day) for p in repo.profiles()] == [("Anna", 5), ("Ben", 7), ("Carl", 40)]
    with pytest.raises(StudyStoreError, match=r"^no student profile with id 999$"):
        repo.set_new_per_day(999, 3)


def test_reviews_come_oldest_first_and_belong_to_their_student(repo: StudyRepository) -> None:
    anna, ben = repo.add_profile("Anna", T0), repo.add_profile("Ben", T0)
    written = [(T0 + timedelta(hours=3), "paint:trapezius_trp1", 0.8, 3),
               (T0 + timedelta(hours=1), "paint:supinator_trp1", 0.2, 1),
               (T0 + timedelta(hours=2), "paint:trapezius_trp1", 0.5, 2)]
    for at, key, score, grade in written:
        repo.record_review(anna.id, key, "neck", score, grade, at, f'{{"grade": {grade}}}', at + timedelta(days=grade))
    repo.record_review(ben.id, "paint:gluteus_medius_trp1", "hip", 1.0, 4, T0, '{"grade": 4}', T0 + timedelta(days=9))
    assert repo.reviews(anna.id) == [(k, "neck", s, g, at) for at, k, s, g in sorted(written)]
    assert [r[0] for r in repo.reviews(ben.id)] == ["paint:gluteus_medius_trp1"]
    # The card's state is the latest review's, per student.
    assert repo.card_states(anna.id) == {
        "paint:trapezius_trp1": ('{"grade": 2}', T0 + timedelta(hours=2, days=2)),
        "paint:supinator_trp1": ('{"grade": 1}', T0 + timedelta(hours=1, days=1))}
    assert list(repo.card_states(ben.id)) == ["paint:gluteus_medius_trp1"]
    assert repo.new_cards_since(anna.id, T0 + timedelta(hours=4)) == 0
    assert repo.new_cards_since(anna.id, T0) == 2


def test_a_student_abroad_sees_the_same_instants_back_in_utc(repo: StudyRepository) -> None:
    sydney = ZoneInfo("Australia/Sydney")  # UTC+11 in November
    anna = repo.add_profile("Anna", T0)
    local = datetime(2026, 11, 3, 8, 0, tzinfo=sydney)
    repo.record_review(anna.id, "paint:trapezius_trp1", "neck", 0.7, 3, local, '{"s": 1}',
                       local + timedelta(days=2))
    ((key, region, score, grade, at),) = repo.reviews(anna.id)
    assert at == datetime(2026, 11, 2, 21, 0, tzinfo=UTC) and at.tzinfo == UTC
    state, due = repo.card_states(anna.id)["paint:trapezius_trp1"]
    assert due == datetime(2026, 11, 4, 21, 0, tzinfo=UTC) and due.tzinfo == UTC
    # "new today" counts from the moment given, wherever it was given; the review itself counts
    assert repo.new_cards_since(anna.id, local) == 1
    assert repo.new_cards_since(anna.id, datetime(2026, 11, 3, 8, 1, tzinfo=sydney)) == 0
    assert repo.new_cards_since(anna.id, datetime(2026, 11, 2, 21, 0, tzinfo=UTC)) == 1


def test_decks_are_listed_by_name_and_mistakes_are_named(repo: StudyRepository) -> None:
    neck = repo.add_deck("Neck", "week 2", ["paint:trapezius_trp1"], T0)
    arm = repo.add_deck("Arm", "", ["name:supinator", "paint:supinator_trp1"], T0)
    neck_again = repo.add_deck("Neck", "week 3", [], T0)
    assert len({neck.uid, arm.uid, neck_again.uid}) == 3
    assert [(d.name, d.description, d.cards) for d in repo.decks()] == [
        ("Arm", "", ["name:supinator", "paint:supinator_trp1"]), ("Neck", "week 2", ["paint:trapezius_trp1"]),
        ("Neck", "week 3", [])]
    repo.delete_deck(neck.uid)
    assert [d.uid for d in repo.decks()] == [arm.uid, neck_again.uid]
    with pytest.raises(StudyStoreError) as gone:
        repo.delete_deck(neck.uid)
    assert str(gone.value) == f"no custom deck {neck.uid}"
    repo.add_profile("Anna", T0)
    with pytest.raises(StudyStoreError) as taken:
        repo.add_profile("Anna", T0)
    assert str(taken.value) == "a student profile named 'Anna' already exists"


def test_a_new_profile_comes_back_as_it_is_listed(repo: StudyRepository) -> None:
    """The profile returned by add_profile is what the window selects at once: same id, name, limit."""
    added = repo.add_profile("Zoë Étudiante", T0, new_per_day=12)
    (listed,) = repo.profiles()
    assert (added.id, added.name, added.new_per_day) == (listed.id, "Zoë Étudiante", 12) == (
        listed.id, listed.name, listed.new_per_day)


def test_a_new_deck_comes_back_as_it_is_listed(repo: StudyRepository) -> None:
    added = repo.add_deck("Nacken · Woche 2", "für Anna", ["paint:trapezius_trp1"], T0)
    (listed,) = repo.decks()
    assert (added.uid, added.name, added.description, added.cards) == (
        listed.uid, "Nacken · Woche 2", "für Anna", ["paint:trapezius_trp1"])
