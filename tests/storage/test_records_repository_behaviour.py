"""Records edits a person makes after the first save, read back through the service."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.services.records_service import DamagedRecordError, RecordsService, UnknownRecord
from tests.storage.records_samples import fill_visit, sample_client, sample_pain


@pytest.fixture()
def service(records_url: str):
    with RecordsService.open(records_url) as svc:
        yield svc


def test_a_visit_filed_under_the_wrong_client_can_be_moved_to_the_right_one(service: RecordsService) -> None:
    wrong = service.save_client(sample_client("Ann Example"))
    right = service.save_client(sample_client("Anne Exemple"))
    visit = service.save_visit(fill_visit(service.new_visit(wrong.id, date(2026, 3, 4), "Dana")))
    moved = service.save_visit(replace(visit, client_id=right.id))
    assert moved.client_id == right.id and moved.pain == sample_pain()
    assert service.visits(wrong.id) == []
    assert [v.id for v in service.visits(right.id)] == [visit.id]
    assert service.visit_counts() == {right.id: 1}


def test_moving_a_visit_to_a_client_that_does_not_exist_changes_nothing(service: RecordsService) -> None:
    client = service.save_client(sample_client())
    visit = service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 3, 4))))
    before = service.fingerprint()
    with pytest.raises(UnknownRecord, match="client id 999"):
        service.save_visit(replace(visit, client_id=999))
    assert service.fingerprint() == before
    assert service.visit(visit.id) == visit


def _spoil(db_path, sql: str, *params) -> None:
    """Another program (or a bad disk) writes something tpx cannot read back."""
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        conn.execute(sql, params)
    conn.close()


def test_a_damaged_visit_or_client_is_skipped_named_and_refused_alone(db_path, db_url: str) -> None:
    with RecordsService.open(db_url) as service:
        ann = service.save_client(sample_client("Ann Example"))
        bob = service.save_client(sample_client("Bob Other"))
        cat = service.save_client(sample_client("Cat Third"))
        visits = [service.save_visit(fill_visit(service.new_visit(ann.id, date(2026, 3, day)))) for day in (9, 2, 5)]
    bad_visit = visits[2]  # the one in the middle by date
    _spoil(db_path, "UPDATE visits SET red_flags = '{not json' WHERE id = ?", bad_visit.id)
    _spoil(db_path, "UPDATE clients SET date_of_birth = 'last spring' WHERE id = ?", bob.id)
    with RecordsService.open(db_url) as service:
        assert [v.date.day for v in service.visits(ann.id)] == [2, 9]
        assert service.visits(ann.id)[1].pain == sample_pain()  # the rows after the damaged one load whole
        assert [c.name for c in service.clients()] == ["Ann Example", "Cat Third"]
        assert service.client(cat.id).name == "Cat Third"
        assert service.damaged() == [f"client {bob.id} cannot be read", f"visit {bad_visit.id} cannot be read"]
        with pytest.raises(DamagedRecordError) as refused:
            service.visit(bad_visit.id)
        assert str(refused.value) == (f"visit {bad_visit.id} cannot be read back (JSONDecodeError); "
                                      "`tpx export` saves every readable record")
        assert service.visit(visits[0].id).date == date(2026, 3, 9)
        with pytest.raises(UnknownRecord, match=f"unknown visit id {bad_visit.id + 100}"):
            service.visit(bad_visit.id + 100)


def test_a_database_with_nothing_damaged_says_so(service: RecordsService) -> None:
    assert service.damaged() == [] and service.clients() == []
    client = service.save_client(sample_client())
    service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 3, 4))))
    assert service.damaged() == []


def test_the_client_list_counts_each_clients_own_visits(service: RecordsService) -> None:
    ann = service.save_client(sample_client("Ann Example"))
    bob = service.save_client(sample_client("Bob Other"))
    for day in (1, 2):
        service.new_visit(ann.id, date(2026, 3, day))
    for day in (1, 2, 3):
        service.new_visit(bob.id, date(2026, 3, day))
    assert service.visit_counts() == {ann.id: 2, bob.id: 3}
