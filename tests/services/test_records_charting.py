"""Charting promises: sign, amend (author, time, reason, original kept), audit trail per client,
delete a visit (kept in the audit), search by name, a visit started from the previous SOAP."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from app.services.records_service import ConflictError, RecordsService, SignedVisitError
from tests.storage.conftest import pg_url, records_url  # noqa: F401 - the two-backend fixtures
from tests.storage.records_samples import fill_visit, sample_client


@pytest.fixture()
def service(records_url: str):
    with RecordsService.open(records_url) as svc:
        svc.actor = "Dana Reyes"
        yield svc


def test_a_signed_visit_is_final_until_amended_and_the_original_is_kept(service: RecordsService) -> None:
    client = service.save_client(sample_client())
    visit = service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, 1), "Dana Reyes")))
    signed = service.sign_visit(visit, "Dana Reyes")
    assert signed.signed and signed.signed_by == "Dana Reyes" and visit.signed
    visit.soap = dict(visit.soap, assessment="changed after signing")
    with pytest.raises(SignedVisitError, match="amend"):
        service.save_visit(visit)
    assert service.visit(visit.id).soap["assessment"] == "myofascial pain"  # nothing changed
    with pytest.raises(ValueError, match="reason"):
        service.amend_visit(visit, "Dana Reyes", "  ")
    service.amend_visit(visit, "Dana Reyes", "assessment typed into the wrong visit")
    visit.soap = dict(visit.soap, assessment="myofascial pain, upper trapezius")
    service.save_visit(visit)
    service.sign_visit(visit, "Dana Reyes")
    final = service.visit(visit.id)
    assert final.signed and final.soap["assessment"] == "myofascial pain, upper trapezius"
    (amendment,) = final.amendments
    assert (amendment.author, amendment.reason) == ("Dana Reyes", "assessment typed into the wrong visit")
    assert amendment.original["soap"]["assessment"] == "myofascial pain" and amendment.original["signed_by"] == "Dana Reyes"
    assert abs((amendment.at - final.signed_at).total_seconds()) < 120


def test_the_audit_trail_tells_the_story_in_order(service: RecordsService) -> None:
    client = service.save_client(sample_client())
    client.notes = "moved"
    service.save_client(client)
    visit = service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, 1))))
    for n in range(5):  # autosaves: one "changed" line, not five
        visit.notes = f"autosave {n}"
        service.save_visit(visit)
    service.sign_visit(visit, "Dana Reyes")
    service.amend_visit(visit, "Dana Reyes", "late lab result")
    service.record_export(service.export_records(client.id), "ann.json")
    doomed = service.new_visit(client.id, date(2026, 4, 2))
    service.delete_visit(doomed.id)
    actions = [e.action for e in service.audit(client.id)]
    assert actions == ["created", "changed", "created", "changed", "signed", "amended", "exported", "created",
                       "deleted"]
    events = service.audit(client.id)
    assert all(e.actor == "Dana Reyes" for e in events) and "late lab result" in events[5].detail
    assert json.loads(events[-1].detail)["date"] == "2026-04-02"
    service.erase_client(client.id)
    (erased,) = service.audit(client.id)  # erasure takes the history (health data) with it
    assert erased.action == "erased" and client.uid in erased.detail and "Ann" not in erased.detail


def test_signing_what_you_did_not_see_is_a_conflict(records_url: str) -> None:
    with RecordsService.open(records_url) as dana, RecordsService.open(records_url) as eli:
        client = dana.save_client(sample_client())
        visit_id = dana.new_visit(client.id, date(2026, 4, 1)).id
        seen_by_eli = eli.visit(visit_id)
        mine = dana.visit(visit_id)
        mine.notes = "changed just now"
        dana.save_visit(mine)
        with pytest.raises(ConflictError):
            eli.sign_visit(seen_by_eli, "Eli")
        assert not eli.visit(visit_id).signed


def test_client_search_by_name_tolerates_typos(service: RecordsService) -> None:
    for name in ("John Smith", "Joan Smyth", "Ann Example", "Zoë Ødegård", "Bob Marley"):
        service.save_client(sample_client(name))
    assert [c.name for c in service.search_clients("jon smith")][:2] == ["John Smith", "Joan Smyth"]
    assert [c.name for c in service.search_clients("odegard")] == ["Zoë Ødegård"]
    assert service.search_clients("qqqq") == []
    assert len(service.search_clients("")) == 5


def test_a_new_visit_starts_from_the_latest_visits_soap(service: RecordsService) -> None:
    client = service.save_client(sample_client())
    older = fill_visit(service.new_visit(client.id, date(2026, 4, 8), "Dana Reyes", "neck"))
    older.soap = dict(older.soap, plan="the LATEST plan")
    service.save_visit(older)
    earlier = fill_visit(service.new_visit(client.id, date(2026, 3, 1), "Dana Reyes", "back"))
    earlier.soap = dict(earlier.soap, plan="an old plan")
    service.save_visit(earlier)  # entered later, but dated earlier: not the previous visit
    fresh = service.visit_from_previous(client.id, date(2026, 4, 15))
    assert fresh.id is not None and fresh.soap["plan"] == "the LATEST plan" and fresh.chief_complaint == "neck"
    assert fresh.pain.is_empty() and fresh.findings == [] and not fresh.any_red_flag and not fresh.signed
    assert fresh.date == date(2026, 4, 15) and fresh.therapist == "Dana Reyes"
    with pytest.raises(ValueError, match="no earlier visit"):
        service.visit_from_previous(service.save_client(sample_client("New")).id, date.today() + timedelta(1))
