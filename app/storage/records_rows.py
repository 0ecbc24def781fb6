"""Rows of the records tables <-> domain records, and a visit as a plain JSON object (the
``tpx-records`` visit shape, used by export, amendments and the audit of a deleted visit)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, timezone
from typing import Any

import shapely

from app.domain import neuro_screen
from app.domain.pain_map import PainMap, PainMark
from app.domain.records import (
    SOAP_FIELDS,
    Amendment,
    Client,
    PalpatedTrP,
    SymptomSeverity,
    TreatmentGiven,
    Visit,
    empty_red_flags,
)
from app.storage.records_models import AmendmentRow, ClientRow, FindingRow, PainMarkRow, TreatmentRow, VisitRow


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)  # stored naive, in UTC


def as_utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


def to_naive_utc(value: datetime | None) -> datetime:
    if value is None:
        return utc_now()
    return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value


def _day(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _wkt(geometry: Any) -> str:
    return shapely.to_wkt(geometry, rounding_precision=-1, trim=True)  # lossless


# Client ---------------------------------------------------------------------------------------
def client_from_row(row: ClientRow) -> Client:
    return Client(row.id, row.name, row.date_of_birth, row.contact, row.notes, row.consent_given,
                  row.consent_date, as_utc(row.created_at), row.uid, row.version)


def fill_client_row(row: ClientRow, client: Client) -> None:
    row.name, row.date_of_birth, row.contact, row.notes = (
        client.name, client.date_of_birth, client.contact, client.notes)
    row.consent_given, row.consent_date = bool(client.consent_given), client.consent_date


# Visit ----------------------------------------------------------------------------------------
def symptom_severity_from_json(text: str | None) -> SymptomSeverity | None:
    return SymptomSeverity(**json.loads(text)) if text else None


def visit_from_rows(row: VisitRow, marks: Iterable[PainMarkRow], findings: Iterable[FindingRow],
                    treatments: Iterable[TreatmentRow], amendments: Iterable[AmendmentRow] = ()) -> Visit:
    red_flags = empty_red_flags()
    red_flags.update(json.loads(row.red_flags or "{}"))
    pain = PainMap.from_marks(
        PainMark.stored(m.view, m.geometry, m.intensity, m.quality)  # geometry made when drawn or measured
        for m in sorted(marks, key=lambda m: m.position))
    return Visit(
        id=row.id, client_id=row.client_id, date=row.date, therapist=row.therapist,
        chief_complaint=row.chief_complaint, soap={name: getattr(row, name) for name in SOAP_FIELDS},
        red_flags=red_flags, pain=pain,
        findings=[PalpatedTrP(f.muscle_id, f.trigger_point_id, f.side, f.status)
                  for f in sorted(findings, key=lambda f: f.position)],
        treatments=[TreatmentGiven(t.technique, t.muscle_id, t.side, t.duration_min, t.response)
                    for t in sorted(treatments, key=lambda t: t.position)],
        notes=row.notes, symptom_severity=symptom_severity_from_json(row.symptom_severity),
        neuro_screen=neuro_screen.from_document(json.loads(row.neuro_screen) if row.neuro_screen else None),
        version=row.version, signed_at=as_utc(row.signed_at), signed_by=row.signed_by or "",
        amendments=[Amendment(a.author, as_utc(a.at), a.reason, json.loads(a.original))
                    for a in sorted(amendments, key=lambda a: a.id)])


def fill_visit_row(row: VisitRow, visit: Visit) -> None:
    """The visit's own fields (not its version, signature or amendments: those have their own paths)."""
    row.client_id, row.date, row.therapist = visit.client_id, visit.date, visit.therapist
    row.chief_complaint, row.notes = visit.chief_complaint, visit.notes
    for name in SOAP_FIELDS:
        setattr(row, name, visit.soap.get(name, ""))
    row.red_flags = json.dumps({k: bool(v) for k, v in sorted(visit.red_flags.items())})
    severity = visit.symptom_severity
    row.symptom_severity = json.dumps(severity.as_dict(), sort_keys=True) if severity is not None else None
    screen = neuro_screen.to_document(visit.neuro_screen)
    row.neuro_screen = json.dumps(screen, ensure_ascii=False, sort_keys=True) if screen is not None else None
    row.updated_at = utc_now()


def child_rows(visit_id: int, visit: Visit) -> list[PainMarkRow | FindingRow | TreatmentRow]:
    rows: list[PainMarkRow | FindingRow | TreatmentRow] = []
    for position, mark in enumerate(visit.pain.all_marks()):
        rows.append(PainMarkRow(visit_id=visit_id, position=position, view=mark.view,
                                geometry=mark.wkb, intensity=mark.intensity,
                                quality=mark.quality))
    for position, f in enumerate(visit.findings):
        rows.append(FindingRow(visit_id=visit_id, position=position, muscle_id=f.muscle_id,
                               trigger_point_id=f.trigger_point_id, side=f.side, status=f.status))
    for position, t in enumerate(visit.treatments):
        rows.append(TreatmentRow(visit_id=visit_id, position=position, technique=t.technique,
                                 muscle_id=t.muscle_id, side=t.side, duration_min=float(t.duration_min),
                                 response=t.response))
    return rows


# JSON shapes (tpx-records version 1) --------------------------------------------------------------
def visit_document(visit: Visit, *, with_history: bool = True) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": visit.id, "date": visit.date.isoformat(), "therapist": visit.therapist,
        "chief_complaint": visit.chief_complaint, "soap": dict(visit.soap),
        "red_flags": dict(sorted(visit.red_flags.items())), "notes": visit.notes,
        "symptom_severity": visit.symptom_severity.as_dict() if visit.symptom_severity else None,
        "neuro_screen": neuro_screen.to_document(visit.neuro_screen),
        "pain": [{"view": m.view, "geometry": _wkt(m.geometry), "intensity": m.intensity,
                  "quality": m.quality} for m in visit.pain.all_marks()],
        "findings": [{"muscle_id": f.muscle_id, "trigger_point_id": f.trigger_point_id, "side": f.side,
                      "status": f.status} for f in visit.findings],
        "treatments": [{"technique": t.technique, "muscle_id": t.muscle_id, "side": t.side,
                        "duration_min": float(t.duration_min), "response": t.response}
                       for t in visit.treatments],
    }
    if with_history:
        document["signed_at"] = _day(visit.signed_at)
        document["signed_by"] = visit.signed_by
        document["amendments"] = [{"author": a.author, "at": _day(a.at), "reason": a.reason,
                                   "original": a.original} for a in visit.amendments]
    return document


def client_document(client: Client, visits: list[Visit]) -> dict[str, Any]:
    return {
        "id": client.id, "uid": client.uid, "name": client.name, "date_of_birth": _day(client.date_of_birth),
        "contact": client.contact, "notes": client.notes, "consent_given": client.consent_given,
        "consent_date": _day(client.consent_date), "created_at": _day(client.created_at),
        "visits": [visit_document(v) for v in visits],
    }
