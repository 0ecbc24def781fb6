"""The records' history as stored: signing, amending (the signed original kept whole), the audit
trail per client, erasing one client without touching another, and the fingerprint a window
uses to notice another program's change."""

from __future__ import annotations

from datetime import UTC, date

import pytest

from app.services.records_service import RecordsService
from tests.storage.records_samples import fill_visit, sample_client


@pytest.fixture()
def service(db_url: str):
    with RecordsService.open(db_url) as opened:
        yield opened


def _client_with_visit(service: RecordsService, name: str, day: int):
    client = service.save_client(sample_client(name))
    visit = service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, day), therapist="Dr Lee")))
    return client, visit


def test_sign_then_amend_keeps_the_signed_original_and_writes_the_trail(service: RecordsService) -> None:
    ann, visit = _client_with_visit(service, "Ann Example", 2)
    bob, _ = _client_with_visit(service, "Bob Other", 3)
    signed = service.sign_visit(visit, " Dr Lee ")
    assert signed.signed_by == "Dr Lee" and signed.signed_at is not None
    as_signed = service.visit(visit.id)
    reopened = service.amend_visit(visit, "Dr Lee", "  wrong side noted  ")
    assert reopened.signed_at is None and reopened.signed_by == ""
    (amendment,) = reopened.amendments
    assert (amendment.author, amendment.reason) == ("Dr Lee", "wrong side noted")
    assert amendment.original["soap"] == as_signed.soap
    assert amendment.original["date"] == "2026-04-02"

    trail = [(e.client_id, e.action, e.actor, e.visit_id, e.detail) for e in service.audit(ann.id)
             if e.action in ("signed", "amended")]
    assert trail == [
        (ann.id, "signed", "Dr Lee", visit.id, "visit of 2026-04-02 signed"),
        (ann.id, "amended", "Dr Lee", visit.id, "visit of 2026-04-02 reopened for an amendment: wrong side noted")]
    assert not [e for e in service.audit(bob.id) if e.action in ("signed", "amended")]


def test_erasing_one_client_leaves_the_other_whole(service: RecordsService) -> None:
    ann, _ = _client_with_visit(service, "Ann Example", 2)
    bob, bobs_visit = _client_with_visit(service, "Bob Other", 3)
    before = service.counts()
    service.erase_client(ann.id)
    after = service.counts()
    assert after["clients"] == before["clients"] - 1 and after["visits"] == before["visits"] - 1
    per_visit = {k: before[k] // 2 for k in ("pain_marks", "findings", "treatments")}
    assert all(before[k] == 2 * per_visit[k] > 0 and after[k] == per_visit[k] for k in per_visit)
    assert [c.name for c in service.clients()] == ["Bob Other"]
    kept = service.visit(bobs_visit.id)
    assert kept.pain == bobs_visit.pain and kept.findings == bobs_visit.findings


def test_the_fingerprint_changes_with_every_kind_of_change_and_only_then(service: RecordsService,
                                                                         db_url: str) -> None:
    client, visit = _client_with_visit(service, "Ann Example", 2)
    prints = [service.fingerprint()]
    assert service.fingerprint() == prints[0]  # nothing changed
    with RecordsService.open(db_url) as other:  # another window or `tpx` meanwhile
        assert other.fingerprint() == prints[0]
        visit.notes = "seen by another window"
        other.save_visit(visit)
    prints.append(service.fingerprint())
    client.contact = "new number"
    service.save_client(client)
    prints.append(service.fingerprint())
    service.sign_visit(service.visit(visit.id), "Dr Lee")
    prints.append(service.fingerprint())
    assert len(set(prints)) == len(prints)


def test_an_amended_visit_moved_to_another_database_keeps_its_signature_and_amendment(
        service: RecordsService, tmp_path) -> None:
    """Import writes a visit's signature and amendments as the file has them (restore_signature)."""
    ann, visit = _client_with_visit(service, "Ann Example", 2)
    service.sign_visit(visit, "Dr Lee")
    service.amend_visit(visit, "Dr Lee", "wrong side noted")
    service.sign_visit(service.visit(visit.id), "Dr Kim")
    document = service.export_records(ann.id)
    (exported,) = document["clients"][0]["visits"]
    exported["signed_at"] = "2026-04-03T17:45:12+00:00"  # signed on another day than the import runs
    with RecordsService.open(f"sqlite:///{tmp_path / 'other.db'}") as other:
        other.import_records(document)
        (moved,) = [v for c in other.clients() for v in other.visits(c.id)]
    assert moved.signed_by == "Dr Kim"
    assert moved.signed_at.astimezone(UTC).isoformat() == "2026-04-03T17:45:12+00:00"
    (amendment,) = moved.amendments
    (original,) = service.visit(visit.id).amendments
    assert (amendment.author, amendment.at, amendment.reason) == ("Dr Lee", original.at, "wrong side noted")
    assert amendment.original == original.original


def test_saving_a_visit_another_window_erased_names_it(service: RecordsService, db_url: str) -> None:
    from app.services.records_service import UnknownRecord

    ann, visit = _client_with_visit(service, "Ann Example", 2)
    with RecordsService.open(db_url) as other_window:
        other_window.erase_client(ann.id)
    visit.soap["subjective"] = "typed after the erase"
    with pytest.raises(UnknownRecord) as gone:
        service.save_visit(visit)
    assert str(gone.value) == f"unknown visit id {visit.id}"
