"""Records survive a round trip through the database exactly; erasing leaves nothing.
Every test runs on SQLite and on PostgreSQL (``records_url``)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.domain.records import Client, SymptomSeverity
from app.services.records_service import RecordsService, UnknownRecord
from app.storage.records_models import RecordsBase
from tests.storage.records_samples import fill_visit, sample_client, sample_pain


@pytest.fixture()
def service(records_url: str):
    with RecordsService.open(records_url) as svc:
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
    (deleted,) = [e for e in service.audit(client.id) if e.action == "deleted"]
    assert deleted.visit_id == first.id and json.loads(deleted.detail)["soap"] == first.soap  # kept in the audit


def test_unknown_ids_raise(service: RecordsService) -> None:
    with pytest.raises(UnknownRecord, match="visit id 42"):
        service.visit(42)
    with pytest.raises(UnknownRecord, match="client id 7"):
        service.new_visit(7, date(2026, 1, 1))


def test_models_and_migrations_agree(service: RecordsService) -> None:
    with service._db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), RecordsBase.metadata)
    assert diff == []


def test_birth_dates_before_1900_are_kept_through_other_edits(service: RecordsService) -> None:
    client = service.save_client(Client(None, "Elder Example", date(1896, 2, 29)))
    client.notes = "hard of hearing"
    service.save_client(client)  # an edit of something else
    again = service.client(client.id)
    assert again.date_of_birth == date(1896, 2, 29) and again.notes == "hard of hearing"
    exported = service.export_records(client.id)["clients"][0]
    assert exported["date_of_birth"] == "1896-02-29"


def test_symptom_severity_round_trips_and_can_be_cleared(service: RecordsService) -> None:
    client = service.save_client(sample_client())
    visit = service.new_visit(client.id, date(2026, 4, 1))
    assert visit.symptom_severity is None  # not asked yet
    visit.symptom_severity = SymptomSeverity(fatigue=3, waking_unrefreshed=2, cognitive_symptoms=1,
                                             headaches=1, lower_abdominal_pain=0, depression=1)
    service.save_visit(visit)
    stored = service.visit(visit.id).symptom_severity
    assert stored == visit.symptom_severity and stored.score == 8
    visit.symptom_severity = None
    service.save_visit(visit)
    assert service.visit(visit.id).symptom_severity is None


@pytest.mark.parametrize("huge", [2**63, 2**64 + 5, -1, 0])
def test_ids_that_cannot_exist_are_unknown_not_a_crash(service: RecordsService, huge: int) -> None:
    with pytest.raises(UnknownRecord, match=str(huge)):
        service.visit(huge)
    with pytest.raises(UnknownRecord, match=str(huge)):
        service.client(huge)
    with pytest.raises(UnknownRecord):
        service.erase_client(huge)
    with pytest.raises(UnknownRecord):
        service.new_visit(huge, date(2026, 1, 1))


def test_a_nul_character_is_refused_alike_on_every_backend(service: RecordsService) -> None:
    with pytest.raises(ValueError, match="NUL"):
        service.save_client(Client(None, "Null\x00Byte"))
    client = service.save_client(sample_client())
    visit = service.new_visit(client.id, date(2026, 1, 1))
    visit.soap = dict(visit.soap, plan="pasted\x00from a PDF")
    with pytest.raises(ValueError, match="NUL"):
        service.save_visit(visit)
    assert service.visit(visit.id).soap["plan"] == "" and service.counts()["clients"] == 1
