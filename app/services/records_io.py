"""Export and import of client records as open ``tpx-records`` JSON (docs/user-database.md).

Import validates the whole document first and then writes it in one transaction, so a file
is either imported completely or not at all.  Imported clients and visits always get new
local ids.  A client whose ``uid`` already exists is, by default, added as a separate copy
with a fresh uid; with ``replace=True`` the existing client (same local id) is replaced by the
one in the file, visits included.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import shapely
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app import __version__
from app.domain.pain_map import PainMap, PainMark
from app.domain.records import Client, PalpatedTrP, TreatmentGiven, Visit, empty_red_flags
from app.storage.records_format import FORMAT, VERSION, ClientModel, RecordsDocument, VisitModel
from app.storage.records_repository import RecordsRepository
from app.storage.user_errors import UserDatabaseError

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
def _wkt(geometry: Any) -> str:
    return shapely.to_wkt(geometry, rounding_precision=-1, trim=True)  # lossless


def visit_document(visit: Visit) -> dict[str, Any]:
    return {
        "id": visit.id, "date": visit.date.isoformat(), "therapist": visit.therapist,
        "chief_complaint": visit.chief_complaint, "soap": dict(visit.soap),
        "red_flags": dict(sorted(visit.red_flags.items())), "notes": visit.notes,
        "pain": [{"view": m.view, "geometry": _wkt(m.geometry), "intensity": m.intensity,
                  "quality": m.quality} for m in visit.pain.all_marks()],
        "findings": [{"muscle_id": f.muscle_id, "trigger_point_id": f.trigger_point_id, "side": f.side,
                      "status": f.status} for f in visit.findings],
        "treatments": [{"technique": t.technique, "muscle_id": t.muscle_id, "side": t.side,
                        "duration_min": float(t.duration_min), "response": t.response}
                       for t in visit.treatments],
    }


def client_document(client: Client, visits: list[Visit]) -> dict[str, Any]:
    def day(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "id": client.id, "uid": client.uid, "name": client.name, "date_of_birth": day(client.date_of_birth),
        "contact": client.contact, "notes": client.notes, "consent_given": client.consent_given,
        "consent_date": day(client.consent_date), "created_at": day(client.created_at),
        "visits": [visit_document(v) for v in visits],
    }


def export_document(repo: RecordsRepository, client_id: int | None = None) -> dict[str, Any]:
    clients = [repo.client(client_id)] if client_id is not None else repo.clients()
    return {
        "format": FORMAT, "version": VERSION,
        "exported_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "app_version": __version__, "geometry_encoding": "wkt",
        "clients": [client_document(c, repo.visits(c.id)) for c in clients if c.id is not None],
    }


# Import -------------------------------------------------------------------------------------
def _where(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "document"


def one_line(text: str, limit: int = 300) -> str:
    """Control characters escaped and length capped: safe to print as one line."""
    flat = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def validate_document(data: Any) -> RecordsDocument:
    """The parsed document, or RecordsImportError naming the first problem and how many."""
    if not isinstance(data, dict):
        raise RecordsImportError("not a tpx-records document (expected a JSON object)")
    if data.get("format") != FORMAT:
        raise RecordsImportError(f"not a tpx-records document (\"format\" must be \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise RecordsImportError(one_line(f"unsupported tpx-records version {data.get('version')!r}")
                                 + f" (this tpx reads {VERSION})")
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
    """Parsed JSON from a file, or RecordsImportError in one line."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise RecordsImportError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB")
        content = path.read_bytes()
    except OSError as exc:
        raise RecordsImportError(f"{path}: {exc.strerror or exc}") from None
    return parse_json(content, str(path))


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


def _visit_from_model(model: VisitModel, client_id: int) -> Visit:
    red_flags = empty_red_flags()
    red_flags.update(model.red_flags)
    pain = PainMap.from_marks(PainMark(m.view, m.geometry, m.intensity, m.quality) for m in model.pain)
    return Visit(
        id=None, client_id=client_id, date=model.date, therapist=model.therapist,
        chief_complaint=model.chief_complaint, soap=model.soap.model_dump(), red_flags=red_flags,
        pain=pain, findings=[PalpatedTrP(f.muscle_id, f.trigger_point_id, f.side, f.status) for f in model.findings],
        treatments=[TreatmentGiven(t.technique, t.muscle_id, t.side, t.duration_min, t.response)
                    for t in model.treatments],
        notes=model.notes)


def _client_from_model(model: ClientModel, local_id: int | None, uid: str) -> Client:
    return Client(local_id, model.name, model.date_of_birth, model.contact, model.notes, model.consent_given,
                  model.consent_date, model.created_at, uid)


def apply_document(repo: RecordsRepository, document: RecordsDocument, *, replace: bool = False) -> ImportReport:
    report = ImportReport()
    try:
        with Session(repo.engine) as s, s.begin():
            for model in document.clients:
                existing = repo.client_id_by_uid(s, model.uid) if model.uid else None
                if existing is not None and replace:
                    repo.erase_client_in(s, existing, keep_client=True)
                    row = repo.write_client(s, _client_from_model(model, existing, model.uid or ""))
                    report.clients_replaced += 1
                else:
                    uid = model.uid if model.uid and existing is None else str(uuid.uuid4())
                    row = repo.write_client(s, _client_from_model(model, None, uid))
                    report.clients_added += 1
                report.client_ids[model.uid or row.uid] = row.id
                for visit in model.visits:
                    repo.write_visit(s, _visit_from_model(visit, row.id))
                    report.visits_imported += 1
    except SQLAlchemyError as exc:
        raise UserDatabaseError(f"import failed and was rolled back: {exc.__class__.__name__}: {exc}") from None
    return report
