"""Export and import of client records as open ``tpx-records`` JSON (docs/user-database.md).

Import validates the whole document first and then writes it in one transaction, so a file
is either imported completely or not at all.  Imported clients and visits always get new
local ids.  A client whose ``uid`` already exists is, by default, added as a separate copy
with a fresh uid; with ``replace=True`` the existing client (same local id) is replaced by the
one in the file, visits included.
"""

from __future__ import annotations

import json
import os
import stat
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app import __version__
from app.domain import neuro_screen
from app.domain.pain_map import PainMap, PainMark
from app.domain.records import (
    Amendment,
    AuditEvent,
    Client,
    PalpatedTrP,
    SymptomSeverity,
    TreatmentGiven,
    Visit,
    empty_red_flags,
)
from app.storage import records_history as history
from app.storage.records_document import FORMAT, VERSION
from app.storage.records_repository import RecordsRepository, write_session
from app.storage.records_rows import client_document, visit_document
from app.storage.text import one_line
from app.storage.user_errors import UserDatabaseError

if TYPE_CHECKING:  # the pydantic models are imported when a file is read (validate_document), not before
    from app.storage.records_format import ClientModel, RecordsDocument, VisitModel

__all__ = ["Export", "ImportReport", "RecordsImportError", "Vocabulary", "apply_document", "check_vocabulary",
           "client_document", "export_document", "load_file", "one_line", "parse_json", "validate_document",
           "visit_document"]

# muscle id -> its trigger point ids (from the catalog); findings and treatments must use them.
Vocabulary = dict[str, frozenset[str]]

MAX_FILE_BYTES = 512 * 1024 * 1024


class RecordsImportError(ValueError):
    """The file is not a valid tpx-records document; nothing was imported."""


@dataclass
class ImportReport:
    clients_added: int = 0
    clients_replaced: int = 0
    visits_imported: int = 0
    client_ids: dict[str, int] = field(default_factory=dict)  # uid in the file -> local id

    def summary(self) -> str:
        return (f"{self.clients_added} client(s) added, {self.clients_replaced} replaced, "
                f"{self.visits_imported} visit(s) imported")


# Export -------------------------------------------------------------------------------------
def _audit_document(events: list[AuditEvent]) -> list[dict[str, Any]]:
    return [{"at": e.at.isoformat() if e.at else None, "action": e.action, "actor": e.actor,
             "visit_id": e.visit_id, "detail": e.detail} for e in events]


@dataclass
class Export:
    """An export document and the rows that could not be read into it (damaged)."""

    document: dict[str, Any]
    damaged: list[str] = field(default_factory=list)


def export_document(repo: RecordsRepository, client_id: int | None = None) -> Export:
    clients = [repo.client(client_id)] if client_id is not None else repo.clients()
    document = {
        "format": FORMAT, "version": VERSION,
        "exported_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "app_version": __version__, "geometry_encoding": "wkt",
        "clients": [],
    }
    for client in clients:
        if client.id is None:
            continue
        entry = client_document(client, repo.visits(client.id))
        entry["audit"] = _audit_document(history.events(repo.engine, client.id))
        document["clients"].append(entry)
    damaged = repo.damaged() if client_id is None else [
        p for p in repo.damaged() if p.startswith("visit ")
        and _visit_client(repo, p) == client_id]
    return Export(document, damaged)


def _visit_client(repo: RecordsRepository, problem: str) -> int | None:
    from sqlalchemy import select

    from app.storage.records_models import VisitRow

    visit_id = int(problem.split()[1])
    with Session(repo.engine) as s:
        return s.scalar(select(VisitRow.client_id).where(VisitRow.id == visit_id))


# Import -------------------------------------------------------------------------------------
def _where(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "document"


def validate_document(data: Any) -> RecordsDocument:
    """The parsed document, or RecordsImportError naming the first problem and how many."""
    if not isinstance(data, dict):
        raise RecordsImportError("not a tpx-records document (expected a JSON object)")
    if data.get("format") != FORMAT:
        raise RecordsImportError(f"not a tpx-records document (\"format\" must be \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise RecordsImportError(one_line(f"unsupported tpx-records version {data.get('version')!r}")
                                 + f" (this tpx reads {VERSION})")
    from pydantic import ValidationError

    from app.storage.records_format import RecordsDocument

    try:
        return RecordsDocument.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        first = errors[0]
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        message = str(first.get("msg", "invalid")).removeprefix("Value error, ")
        raise RecordsImportError(one_line(f"{_where(tuple(first.get('loc', ())))}: {message}") + more) from None
    except (RecursionError, TypeError, ValueError) as exc:  # hostile nesting, odd key types
        raise RecordsImportError(f"not a valid tpx-records document ({type(exc).__name__})") from None


def load_file(path: Path) -> Any:
    """Parsed JSON from a regular file, or RecordsImportError in one line.

    Devices (``/dev/zero``), pipes and sockets are refused before they are read (they never
    end, or block); at most MAX_FILE_BYTES are read even if the file grows meanwhile.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise RecordsImportError(one_line(f"{path}: {exc.strerror or exc}")) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise RecordsImportError(one_line(f"{path}: is a folder, not a tpx-records file"))
        if not stat.S_ISREG(info.st_mode):
            raise RecordsImportError(one_line(f"{path}: not a regular file (a device, pipe or socket)"))
        if info.st_size > MAX_FILE_BYTES:
            raise RecordsImportError(one_line(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB"))
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            content = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise RecordsImportError(one_line(f"{path}: {exc.strerror or exc}")) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(content) > MAX_FILE_BYTES:
        raise RecordsImportError(one_line(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB"))
    return parse_json(content, one_line(str(path)))


def parse_json(content: bytes, name: str = "import file") -> Any:
    """Strict JSON (UTF-8, no NaN/Infinity) or RecordsImportError in one line."""
    try:
        return json.loads(content.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise RecordsImportError(f"{name}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise RecordsImportError(f"{name}: not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except (RecursionError, ValueError) as exc:
        raise RecordsImportError(one_line(f"{name}: not valid JSON ({exc})")) from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


def check_vocabulary(document: RecordsDocument, vocabulary: Vocabulary) -> None:
    """Every muscle and trigger point id is one the catalog knows, and the TrP is that muscle's."""
    for c, client in enumerate(document.clients):
        for v, visit in enumerate(client.visits):
            where = f"clients[{c}].visits[{v}]"
            for f, finding in enumerate(visit.findings):
                trps = vocabulary.get(finding.muscle_id)
                if trps is None:
                    raise RecordsImportError(one_line(f"{where}.findings[{f}].muscle_id: unknown muscle "
                                                      f"{finding.muscle_id!r}"))
                if finding.trigger_point_id is not None and finding.trigger_point_id not in trps:
                    raise RecordsImportError(one_line(
                        f"{where}.findings[{f}].trigger_point_id: {finding.trigger_point_id!r} is not a "
                        f"trigger point of {finding.muscle_id!r}"))
            for t, treatment in enumerate(visit.treatments):
                if treatment.muscle_id is not None and treatment.muscle_id not in vocabulary:
                    raise RecordsImportError(one_line(f"{where}.treatments[{t}].muscle_id: unknown muscle "
                                                      f"{treatment.muscle_id!r}"))


def _visit_from_model(model: VisitModel, client_id: int) -> Visit:
    red_flags = empty_red_flags()
    red_flags.update(model.red_flags)
    pain = PainMap.from_marks(PainMark(m.view, m.geometry, m.intensity, m.quality) for m in model.pain)
    severity = model.symptom_severity
    return Visit(
        id=None, client_id=client_id, date=model.date, therapist=model.therapist,
        chief_complaint=model.chief_complaint, soap=model.soap.model_dump(), red_flags=red_flags,
        pain=pain, findings=[PalpatedTrP(f.muscle_id, f.trigger_point_id, f.side, f.status) for f in model.findings],
        treatments=[TreatmentGiven(t.technique, t.muscle_id, t.side, t.duration_min, t.response)
                    for t in model.treatments],
        notes=model.notes,
        symptom_severity=SymptomSeverity(**severity.model_dump()) if severity is not None else None,
        neuro_screen=neuro_screen.from_document(model.neuro_screen.model_dump() if model.neuro_screen else None),
        signed_at=model.signed_at, signed_by=model.signed_by,
        amendments=[Amendment(a.author, a.at, a.reason, a.original) for a in model.amendments])


def _client_from_model(model: ClientModel, local_id: int | None, uid: str, version: int = 0) -> Client:
    return Client(local_id, model.name, model.date_of_birth, model.contact, model.notes, model.consent_given,
                  model.consent_date, model.created_at, uid, version)


def apply_document(repo: RecordsRepository, document: RecordsDocument, *, replace: bool = False,
                   actor: str = "", action: str = "imported") -> ImportReport:
    """Write a validated document in one transaction (``action``: imported or restored)."""
    report = ImportReport()
    try:
        with write_session(repo.engine) as s:
            for model in document.clients:
                existing = repo.client_id_by_uid(s, model.uid) if model.uid else None
                if existing is not None and replace:
                    version = _version_of(s, existing)
                    repo.erase_client_in(s, existing, keep_client=True)
                    history.forget_client(s, existing)
                    row = repo.write_client(s, _client_from_model(model, existing, model.uid or "", version))
                    report.clients_replaced += 1
                else:
                    uid = model.uid if model.uid and existing is None else str(uuid.uuid4())
                    row = repo.write_client(s, _client_from_model(model, None, uid))
                    report.clients_added += 1
                report.client_ids[model.uid or row.uid] = row.id
                for event in model.audit:
                    history.restore_event(s, row.id, AuditEvent(row.id, event.at, event.action, event.actor,
                                                                None, event.detail))
                for visit_model in model.visits:
                    visit = _visit_from_model(visit_model, row.id)
                    visit_row = repo.write_visit(s, visit)
                    history.restore_signature(s, visit_row, visit)
                    report.visits_imported += 1
                history.add_event(s, row.id, action, actor, None,
                                  f"{len(model.visits)} visit(s) {action} from a tpx-records file")
    except SQLAlchemyError as exc:
        raise UserDatabaseError(one_line(f"import failed and was rolled back: {exc.__class__.__name__}: {exc}")) from None
    except UserDatabaseError as exc:
        raise type(exc)(f"import failed and was rolled back: {exc}") from None
    return report


def _version_of(s: Session, client_id: int) -> int:
    from app.storage.records_models import ClientRow

    row = s.get(ClientRow, client_id)
    return row.version if row is not None else 0
