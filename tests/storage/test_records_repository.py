"""Records survive a round trip through the database exactly; erasing leaves nothing."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.services.records_service import RecordsService, UnknownRecord
from app.storage.records_models import RecordsBase
from tests.storage.records_samples import fill_visit, sample_client, sample_pain


@pytest.fixture()
def service(db_url: str):
    with RecordsService.open(db_url) as svc:
        yield svc


def test_client_round_trip_and_update(service: RecordsService) -> None:
    saved = service.save_client(sample_client())
    assert saved.id is not None and len(saved.uid) == 36 and saved.created_at is not None
    saved.notes = "moved to evenings"
    service.save_client(saved)
    again = service.client(saved.id)
    assert again == saved
    assert [c.name for c in service.clients()] == ["Ann Example"]


def test_visit_round_trip_keeps_every_field_and_mark_order(service: RecordsService) -> None:
    client = service.save_client(sample_client())
    visit = service.new_visit(client.id, date(2026, 3, 4), "Dana", "neck pain")
    assert visit.id is not None and visit.pain.is_empty()
    stored = service.save_visit(fill_visit(visit))
    loaded = service.visit(visit.id)
    assert loaded == stored
    assert loaded.pain == sample_pain()
    assert [m.intensity for m in loaded.pain.marks("posterior")] == [6, 9]
    assert loaded.red_flags["recent_significant_trauma"] is True and loaded.any_red_flag
    assert loaded.findings[1].trigger_point_id is None and loaded.treatments[0].duration_min == 4.5


def test_save_visit_replaces_the_whole_visit(service: RecordsService) -> None:
    client = service.save_client(sample_client())
    visit = service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 3, 4))))
    visit.pain = visit.pain.erase("posterior", visit.pain.painted("posterior"))
    visit.findings = []
    service.save_visit(visit)
    loaded = service.visit(visit.id)
    assert loaded.pain.views() == ["right_lateral"] and loaded.findings == []
    assert service.counts()["pain_marks"] == 1 and service.counts()["findings"] == 0


def test_visits_come_by_date(service: RecordsService) -> None:
    client = service.save_client(sample_client())
    for day in (date(2026, 5, 1), date(2026, 1, 1), date(2026, 3, 1)):
        service.new_visit(client.id, day)
    assert [v.date.month for v in service.visits(client.id)] == [1, 3, 5]


def test_erase_client_removes_everything_about_them(service: RecordsService) -> None:
    keep = service.save_client(sample_client("Keep Me"))
    service.save_visit(fill_visit(service.new_visit(keep.id, date(2026, 1, 1))))
    gone = service.save_client(sample_client("Erase Me"))
    for day in (1, 2):
        service.save_visit(fill_visit(service.new_visit(gone.id, date(2026, 2, day))))
    service.erase_client(gone.id)
    assert service.counts() == {"clients": 1, "visits": 1, "pain_marks": 3, "findings": 2, "treatments": 2}
    with pytest.raises(UnknownRecord):
        service.client(gone.id)
    with pytest.raises(UnknownRecord):
        service.erase_client(gone.id)


def test_delete_visit_removes_its_marks_findings_and_treatments(service: RecordsService) -> None:
    client = service.save_client(sample_client())
    first = service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 1, 1))))
    service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 2, 1))))
    service.delete_visit(first.id)
    assert [v.date.month for v in service.visits(client.id)] == [2]
    assert service.counts() == {"clients": 1, "visits": 1, "pain_marks": 3, "findings": 2, "treatments": 2}


def test_unknown_ids_raise(service: RecordsService) -> None:
    with pytest.raises(UnknownRecord, match="visit id 42"):
        service.visit(42)
    with pytest.raises(UnknownRecord, match="client id 7"):
        service.new_visit(7, date(2026, 1, 1))


def test_models_and_migrations_agree(service: RecordsService) -> None:
    with service._db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), RecordsBase.metadata)
    assert diff == []
