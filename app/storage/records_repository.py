"""Client records in and out of the user database.  Every public write is one transaction."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timezone

import shapely
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from app.domain.pain_map import PainMap, PainMark
from app.domain.records import SOAP_FIELDS, Client, PalpatedTrP, TreatmentGiven, Visit, empty_red_flags
from app.storage.records_models import CHILD_TABLES, ClientRow, FindingRow, PainMarkRow, TreatmentRow, VisitRow


class UnknownRecord(KeyError):
    """No client or visit with that id."""

    def __str__(self) -> str:
        return str(self.args[0])


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)  # stored naive, in UTC


def _as_utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


def _to_naive_utc(value: datetime | None) -> datetime:
    if value is None:
        return utc_now()
    return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value


# Row <-> domain ---------------------------------------------------------------------------------
def client_from_row(row: ClientRow) -> Client:
    return Client(row.id, row.name, row.date_of_birth, row.contact, row.notes, row.consent_given,
                  row.consent_date, _as_utc(row.created_at), row.uid)


def _fill_client_row(row: ClientRow, client: Client) -> None:
    row.name, row.date_of_birth, row.contact, row.notes = (
        client.name, client.date_of_birth, client.contact, client.notes)
    row.consent_given, row.consent_date = bool(client.consent_given), client.consent_date


def visit_from_rows(row: VisitRow, marks: Iterable[PainMarkRow], findings: Iterable[FindingRow],
                    treatments: Iterable[TreatmentRow]) -> Visit:
    red_flags = empty_red_flags()
    red_flags.update(json.loads(row.red_flags or "{}"))
    pain = PainMap.from_marks(
        PainMark(m.view, shapely.from_wkb(m.geometry), m.intensity, m.quality)
        for m in sorted(marks, key=lambda m: m.position))
    return Visit(
        id=row.id, client_id=row.client_id, date=row.date, therapist=row.therapist,
        chief_complaint=row.chief_complaint, soap={name: getattr(row, name) for name in SOAP_FIELDS},
        red_flags=red_flags, pain=pain,
        findings=[PalpatedTrP(f.muscle_id, f.trigger_point_id, f.side, f.status)
                  for f in sorted(findings, key=lambda f: f.position)],
        treatments=[TreatmentGiven(t.technique, t.muscle_id, t.side, t.duration_min, t.response)
                    for t in sorted(treatments, key=lambda t: t.position)],
        notes=row.notes)


def _fill_visit_row(row: VisitRow, visit: Visit) -> None:
    row.client_id, row.date, row.therapist = visit.client_id, visit.date, visit.therapist
    row.chief_complaint, row.notes = visit.chief_complaint, visit.notes
    for name in SOAP_FIELDS:
        setattr(row, name, visit.soap.get(name, ""))
    row.red_flags = json.dumps({k: bool(v) for k, v in sorted(visit.red_flags.items())})
    row.updated_at = utc_now()


def _child_rows(visit_id: int, visit: Visit) -> list[PainMarkRow | FindingRow | TreatmentRow]:
    rows: list[PainMarkRow | FindingRow | TreatmentRow] = []
    for position, mark in enumerate(visit.pain.all_marks()):
        rows.append(PainMarkRow(visit_id=visit_id, position=position, view=mark.view,
                                geometry=shapely.to_wkb(mark.geometry), intensity=mark.intensity,
                                quality=mark.quality))
    for position, f in enumerate(visit.findings):
        rows.append(FindingRow(visit_id=visit_id, position=position, muscle_id=f.muscle_id,
                               trigger_point_id=f.trigger_point_id, side=f.side, status=f.status))
    for position, t in enumerate(visit.treatments):
        rows.append(TreatmentRow(visit_id=visit_id, position=position, technique=t.technique,
                                 muscle_id=t.muscle_id, side=t.side, duration_min=float(t.duration_min),
                                 response=t.response))
    return rows


class RecordsRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # Clients ------------------------------------------------------------------------------------
    def clients(self) -> list[Client]:
        with Session(self.engine) as s:
            rows = s.scalars(select(ClientRow).order_by(func.lower(ClientRow.name), ClientRow.id))
            return [client_from_row(r) for r in rows]

    def client(self, client_id: int) -> Client:
        with Session(self.engine) as s:
            return client_from_row(self._client_row(s, client_id))

    def save_client(self, client: Client) -> Client:
        with Session(self.engine) as s, s.begin():
            row = self.write_client(s, client)
            s.flush()
            return client_from_row(row)

    def erase_client(self, client_id: int) -> None:
        """Remove the client and everything recorded about them (no soft delete)."""
        with Session(self.engine) as s, s.begin():
            self._client_row(s, client_id)
            self.erase_client_in(s, client_id)

    # Visits -------------------------------------------------------------------------------------
    def visits(self, client_id: int) -> list[Visit]:
        with Session(self.engine) as s:
            self._client_row(s, client_id)
            rows = list(s.scalars(select(VisitRow).where(VisitRow.client_id == client_id)
                                  .order_by(VisitRow.date, VisitRow.id)))
            return self._load_visits(s, rows)

    def visit(self, visit_id: int) -> Visit:
        with Session(self.engine) as s:
            row = s.get(VisitRow, visit_id)
            if row is None:
                raise UnknownRecord(f"unknown visit id {visit_id}")
            return self._load_visits(s, [row])[0]

    def save_visit(self, visit: Visit) -> Visit:
        """Insert or replace the whole visit (fields, pain marks, findings, treatments) at once."""
        with Session(self.engine) as s, s.begin():
            row = self.write_visit(s, visit)
            return self._load_visits(s, [row])[0]

    def delete_visit(self, visit_id: int) -> None:
        with Session(self.engine) as s, s.begin():
            for table in CHILD_TABLES:
                s.execute(delete(table).where(table.visit_id == visit_id))
            s.execute(delete(VisitRow).where(VisitRow.id == visit_id))

    # Building blocks for one-transaction imports ----------------------------------------------
    def write_client(self, s: Session, client: Client) -> ClientRow:
        if client.id is None:
            row = ClientRow(uid=client.uid or str(uuid.uuid4()), created_at=_to_naive_utc(client.created_at))
            s.add(row)
        else:
            row = self._client_row(s, client.id)
        _fill_client_row(row, client)
        s.flush()
        return row

    def write_visit(self, s: Session, visit: Visit) -> VisitRow:
        self._client_row(s, visit.client_id)
        if visit.id is None:
            row = VisitRow()
            s.add(row)
        else:
            found = s.get(VisitRow, visit.id)
            if found is None:
                raise UnknownRecord(f"unknown visit id {visit.id}")
            row = found
            for table in CHILD_TABLES:
                s.execute(delete(table).where(table.visit_id == visit.id))
        _fill_visit_row(row, visit)
        s.flush()
        s.add_all(_child_rows(row.id, visit))
        s.flush()
        return row

    def erase_client_in(self, s: Session, client_id: int, *, keep_client: bool = False) -> None:
        """Delete the client's visits and everything in them, then the client unless kept."""
        visit_ids = select(VisitRow.id).where(VisitRow.client_id == client_id)
        for table in CHILD_TABLES:  # explicit: do not rely on the backend's cascade settings
            s.execute(delete(table).where(table.visit_id.in_(visit_ids)))
        s.execute(delete(VisitRow).where(VisitRow.client_id == client_id))
        if not keep_client:
            s.execute(delete(ClientRow).where(ClientRow.id == client_id))
        s.expunge_all()

    def client_id_by_uid(self, s: Session, uid: str) -> int | None:
        return s.scalar(select(ClientRow.id).where(ClientRow.uid == uid))

    def counts(self) -> dict[str, int]:
        """Rows per table (used to prove an erase or a failed import left nothing behind)."""
        with Session(self.engine) as s:
            return {table.__tablename__: s.scalar(select(func.count()).select_from(table)) or 0
                    for table in (ClientRow, VisitRow, *CHILD_TABLES)}

    # Helpers ------------------------------------------------------------------------------------
    @staticmethod
    def _client_row(s: Session, client_id: int) -> ClientRow:
        row = s.get(ClientRow, client_id)
        if row is None:
            raise UnknownRecord(f"unknown client id {client_id}")
        return row

    @staticmethod
    def _load_visits(s: Session, rows: list[VisitRow]) -> list[Visit]:
        ids = [r.id for r in rows]
        children: dict[type, dict[int, list]] = {t: {i: [] for i in ids} for t in CHILD_TABLES}
        for table in CHILD_TABLES:
            for child in s.scalars(select(table).where(table.visit_id.in_(ids))):
                children[table][child.visit_id].append(child)
        return [visit_from_rows(r, children[PainMarkRow][r.id], children[FindingRow][r.id],
                                children[TreatmentRow][r.id]) for r in rows]


def new_visit(client_id: int, on: date, therapist: str = "", chief_complaint: str = "") -> Visit:
    return Visit(None, client_id, on, therapist, chief_complaint)
