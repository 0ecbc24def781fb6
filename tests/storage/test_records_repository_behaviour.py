"""Records edits a person makes after the first save, read back through the service."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.services.records_service import RecordsService, UnknownRecord
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
