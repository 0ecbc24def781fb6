"""Signing, amendments and the per-client audit trail, inside the caller's transaction.

A signed visit is final: :meth:`RecordsRepository.write_visit` refuses to change it.  To
change it the therapist amends it: the amendment row keeps who, when, why and the whole visit
as it was, and the visit is open for editing until it is signed again.  Every step adds an
audit event; a deleted visit's last state is kept in its "deleted" event.
"""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from app.domain.records import AUDIT_ACTIONS, AuditEvent, Visit
from app.storage.records_models import AmendmentRow, AuditRow, VisitRow
from app.storage.records_repository import RecordsRepository
from app.storage.records_rows import as_utc, to_naive_utc, utc_now, visit_document
from app.storage.user_errors import SignedVisitError

# Autosave writes a visit every few seconds: one "changed" event per visit, actor and half hour.
CHANGE_EVENT_WINDOW = timedelta(minutes=30)


def add_event(s: Session, client_id: int, action: str, actor: str = "", visit_id: int | None = None,
              detail: str = "") -> None:
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if action == "changed":
        last = s.scalars(select(AuditRow).where(AuditRow.client_id == client_id)
                         .order_by(AuditRow.id.desc()).limit(1)).first()
        if (last is not None and last.action == "changed" and last.visit_id == visit_id and last.actor == actor
                and utc_now() - last.at < CHANGE_EVENT_WINDOW):
            return
    s.add(AuditRow(client_id=client_id, visit_id=visit_id, at=utc_now(), action=action, actor=actor,
                   detail=detail))


def events(engine: Engine, client_id: int) -> list[AuditEvent]:
    with Session(engine) as s:
        rows = s.scalars(select(AuditRow).where(AuditRow.client_id == client_id).order_by(AuditRow.id))
        return [AuditEvent(r.client_id, as_utc(r.at), r.action, r.actor, r.visit_id, r.detail) for r in rows]


def restore_event(s: Session, client_id: int, event: AuditEvent) -> None:
    """An event from an export, as it was (restoring a backup keeps the history)."""
    s.add(AuditRow(client_id=client_id, visit_id=event.visit_id, at=to_naive_utc(event.at), action=event.action,
                   actor=event.actor, detail=event.detail))


def forget_client(s: Session, client_id: int) -> None:
    """Erasure: the client's history goes too (it holds health data); one "erased" line stays."""
    s.execute(delete(AuditRow).where(AuditRow.client_id == client_id))


def sign(repo: RecordsRepository, s: Session, visit: Visit, by: str) -> VisitRow:
    if not by.strip():
        raise ValueError("signing needs the therapist's name")
    row: VisitRow = repo.claim(s, VisitRow, visit.id, visit.version, "visit")
    if row.signed_at is not None:
        raise SignedVisitError(f"this visit is already signed (by {row.signed_by})")
    row.signed_at, row.signed_by = utc_now(), by.strip()
    add_event(s, row.client_id, "signed", by.strip(), row.id, f"visit of {row.date.isoformat()} signed")
    return row


def amend(repo: RecordsRepository, s: Session, stored: Visit, version: int, by: str, reason: str) -> VisitRow:
    """Open the signed visit for a change; ``stored`` is the visit as signed (kept whole)."""
    if not by.strip() or not reason.strip():
        raise ValueError("an amendment needs the therapist's name and a reason")
    row: VisitRow = repo.claim(s, VisitRow, stored.id, version, "visit")
    if row.signed_at is None:
        raise SignedVisitError("only a signed visit is amended; this one can simply be edited")
    original = json.dumps(visit_document(stored), ensure_ascii=False, sort_keys=True)
    s.add(AmendmentRow(visit_id=row.id, author=by.strip(), at=utc_now(), reason=reason.strip(), original=original))
    row.signed_at, row.signed_by = None, ""
    add_event(s, row.client_id, "amended", by.strip(), row.id,
              f"visit of {row.date.isoformat()} reopened for an amendment: {reason.strip()}")
    return row


def restore_signature(s: Session, row: VisitRow, visit: Visit) -> None:
    """An imported visit's signature and amendments, exactly as in the file."""
    row.signed_at = to_naive_utc(visit.signed_at) if visit.signed_at is not None else None
    row.signed_by = visit.signed_by if visit.signed_at is not None else ""
    for amendment in visit.amendments:
        s.add(AmendmentRow(visit_id=row.id, author=amendment.author, at=to_naive_utc(amendment.at),
                           reason=amendment.reason, original=json.dumps(amendment.original, ensure_ascii=False,
                                                                       sort_keys=True)))
