"""The study tables: migration branch 'study', models agree with migrations, reviews stored
with the card's new state in one transaction, profiles and custom decks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from app.storage.records_models import RecordsBase
from app.storage.study_repository import StudyRepository, StudyStoreError
from app.storage.user_database import open_user_database
from app.storage.user_migrations import current_revisions, head_revisions

T0 = datetime(2026, 2, 1, 8, 30, tzinfo=timezone.utc)


@pytest.fixture()
def db(tmp_path):
    database = open_user_database(f"sqlite:///{tmp_path / 'records.db'}")
    yield database
    database.close()


def test_the_study_branch_is_migrated_and_matches_the_models(db) -> None:
    assert "s001" in head_revisions() and current_revisions(db.engine) == head_revisions()
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), RecordsBase.metadata) == []


def test_profiles_are_unique_and_keep_their_settings(db) -> None:
    repo = StudyRepository(db.engine)
    ana = repo.add_profile("Ana", T0)
    with pytest.raises(StudyStoreError, match="already exists"):
        repo.add_profile("Ana", T0)
    repo.set_new_per_day(ana.id, 35)
    assert [(p.name, p.new_per_day) for p in repo.profiles()] == [("Ana", 35)]
    with pytest.raises(StudyStoreError):
        repo.set_new_per_day(999, 3)


def test_a_review_logs_and_updates_the_card_state_and_survives_reopening(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'records.db'}"
    database = open_user_database(url)
    repo = StudyRepository(database.engine)
    ana = repo.add_profile("Ana", T0)
    repo.record_review(ana.id, "paint:x_trp1", "neck", 0.8, 3, T0, '{"s": 1}', T0 + timedelta(days=1))
    repo.record_review(ana.id, "paint:x_trp1", "neck", 0.3, 1, T0 + timedelta(days=1), '{"s": 2}', T0 + timedelta(days=1, minutes=10))
    database.close()
    reopened = StudyRepository(open_user_database(url).engine)
    assert reopened.card_states(ana.id) == {"paint:x_trp1": ('{"s": 2}', T0 + timedelta(days=1, minutes=10))}
    assert [r[2] for r in reopened.reviews(ana.id)] == [0.8, 0.3]
    assert reopened.new_cards_since(ana.id, T0) == 1 and reopened.new_cards_since(ana.id, T0 + timedelta(hours=1)) == 0


def test_a_failed_review_write_leaves_neither_log_nor_state(db) -> None:
    repo = StudyRepository(db.engine)
    with pytest.raises(Exception):
        repo.record_review(12345, "paint:x", "neck", 0.5, 2, T0, "{}", T0)  # no such profile: FK refuses
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM study_reviews")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM study_cards")).scalar() == 0


def test_custom_decks_store_their_cards_in_order(db) -> None:
    repo = StudyRepository(db.engine)
    deck = repo.add_deck("Week 3", "neck", ["paint:b", "name:a"], T0)
    assert repo.decks()[0].cards == ["paint:b", "name:a"]
    repo.delete_deck(deck.uid)
    assert repo.decks() == []
    with pytest.raises(StudyStoreError):
        repo.delete_deck(deck.uid)
