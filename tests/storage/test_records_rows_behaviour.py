"""What a therapist enters comes back as entered: times in UTC, the neuro screen, the history of a
visit signed and amended twice, and the autosave trail (one "changed" line per half hour)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from app.domain import neuro_screen
from app.domain.records import SymptomSeverity
from app.services.records_service import RecordsService
from tests.storage.records_samples import fill_visit, sample_client


@pytest.fixture()
def service(db_url: str):
    with RecordsService.open(db_url) as opened:
        yield opened


def test_a_client_added_in_berlin_is_stored_at_the_same_instant_in_utc(service: RecordsService) -> None:
    client = sample_client()
    client.created_at = datetime(2026, 7, 1, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))  # summer time: UTC+2
    saved = service.save_client(client)
    assert saved.created_at == datetime(2026, 7, 1, 7, 30, tzinfo=timezone.utc)
    assert saved.created_at.tzinfo == timezone.utc
    exported = service.export_records(saved.id)["clients"][0]
    assert exported["created_at"] == "2026-07-01T07:30:00+00:00"


def test_a_neuro_screen_with_a_note_in_any_language_round_trips(service: RecordsService) -> None:
    client = service.save_client(sample_client())
    visit = service.new_visit(client.id, date(2026, 4, 1))
    assert visit.neuro_screen is neuro_screen.nothing_tested()
    visit.neuro_screen = neuro_screen.normalized({
        "light_touch.C6.left": "reduced", "strength.C7.right": 4, "reflex.biceps.left": "absent",
        "slr_angle.right": 45, "note": "Taubheit am Daumen — «gêne» 痛み"})
    service.save_visit(visit)
    stored = service.visit(visit.id)
    assert dict(stored.neuro_screen) == dict(visit.neuro_screen)
    assert neuro_screen.tested(stored.neuro_screen) == {
        "light_touch.C6.left": "reduced", "strength.C7.right": 4, "reflex.biceps.left": "absent",
        "slr_angle.right": 45, "note": "Taubheit am Daumen — «gêne» 痛み"}
    visit.neuro_screen = neuro_screen.nothing_tested()
    service.save_visit(visit)
    assert neuro_screen.is_empty(service.visit(visit.id).neuro_screen)


def test_a_visit_signed_and_amended_twice_keeps_both_originals_in_order(service: RecordsService) -> None:
    client = service.save_client(sample_client())
    visit = service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, 2), "Dr Lee")))
    service.sign_visit(visit, "Dr Lee")
    service.amend_visit(visit, "Dr Lee", "wrong side")
    visit.soap = dict(visit.soap, assessment="left, not right")
    service.save_visit(visit)
    service.sign_visit(visit, "Dr Kim")
    service.amend_visit(visit, "Dr Kim", "dose missing")
    first, second = service.visit(visit.id).amendments
    assert (first.author, first.reason, second.author, second.reason) == (
        "Dr Lee", "wrong side", "Dr Kim", "dose missing")
    assert first.at.tzinfo == timezone.utc and first.at <= second.at
    assert first.original["signed_by"] == "Dr Lee" and first.original["amendments"] == []
    assert first.original["soap"]["assessment"] == "myofascial pain"
    assert second.original["signed_by"] == "Dr Kim"
    assert second.original["soap"]["assessment"] == "left, not right"
    assert [a["reason"] for a in second.original["amendments"]] == ["wrong side"]
    assert second.original["signed_at"] is not None and second.original["signed_at"].endswith("+00:00")


def test_autosaves_leave_one_changed_line_per_visit_and_person(service: RecordsService) -> None:
    client = service.save_client(sample_client())
    visit = service.new_visit(client.id, date(2026, 4, 3))
    other = service.new_visit(client.id, date(2026, 4, 4))
    service.actor = "dana"
    for word in ("neck", "neck pain", "neck pain 3 weeks"):
        visit.chief_complaint = word
        service.save_visit(visit)
    other.notes = "first visit"
    service.save_visit(other)
    visit.notes = "back again"
    service.save_visit(visit)
    service.actor = "lee"
    visit.notes = "seen by Lee too"
    service.save_visit(visit)
    changed = [(e.actor, e.visit_id) for e in service.audit(client.id) if e.action == "changed"]
    assert changed == [("dana", visit.id), ("dana", other.id), ("dana", visit.id), ("lee", visit.id)]


def test_an_export_holds_every_field_as_the_file_format_names_it(service: RecordsService) -> None:
    client = service.save_client(sample_client())
    visit = fill_visit(service.new_visit(client.id, date(2026, 3, 4), "Dana", "neck pain"))
    visit.symptom_severity = SymptomSeverity(fatigue=2, waking_unrefreshed=1, cognitive_symptoms=0,
                                             headaches=1, lower_abdominal_pain=0, depression=1)
    service.save_visit(visit)
    (exported,) = service.export_records(client.id)["clients"]
    (document,) = exported.pop("visits")
    exported.pop("audit", None)
    assert exported == {
        "id": client.id, "uid": client.uid, "name": "Ann Example", "date_of_birth": "1980-05-17",
        "contact": "ann@example.org", "notes": "prefers mornings", "consent_given": True,
        "consent_date": "2026-01-10", "created_at": client.created_at.isoformat()}
    pain = document.pop("pain")
    assert [(m["view"], m["intensity"], m["quality"]) for m in pain] == [
        ("posterior", 6, "aching"), ("posterior", 9, "stabbing"), ("right_lateral", 3, "tingling")]
    assert pain[2]["geometry"] == "POLYGON ((10 10, 10 20, 30 20, 30 10, 10 10))"
    flags = document.pop("red_flags")
    assert list(flags) == sorted(flags) and [k for k, v in flags.items() if v] == ["recent_significant_trauma"]
    assert document == {
        "id": visit.id, "date": "2026-03-04", "therapist": "Dana", "chief_complaint": "neck pain",
        "soap": {"subjective": "neck pain 3 weeks", "objective": "taut band R upper trapezius",
                 "assessment": "myofascial pain", "plan": "weekly x3"},
        "notes": "tolerated well",
        "symptom_severity": {"fatigue": 2, "waking_unrefreshed": 1, "cognitive_symptoms": 0, "headaches": 1,
                             "lower_abdominal_pain": 0, "depression": 1},
        "neuro_screen": None,
        "findings": [
            {"muscle_id": "trapezius", "trigger_point_id": "trapezius_trp1", "side": "right", "status": "active"},
            {"muscle_id": "levator_scapulae", "trigger_point_id": None, "side": "left", "status": "latent"}],
        "treatments": [
            {"technique": "ischemic_compression", "muscle_id": "trapezius", "side": "right", "duration_min": 4.5,
             "response": "eased"},
            {"technique": "self_care", "muscle_id": None, "side": None, "duration_min": 0.0, "response": ""}],
        "signed_at": None, "signed_by": "", "amendments": []}
