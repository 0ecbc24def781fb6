"""Client records as the UI and the CLI use them: one object over the user database.

``RecordsService.open()`` finds the database (argument, ``TPX_DATABASE_URL`` or the per-user
SQLite file) and migrates it.  Several windows and CLI commands may use one database at once;
a save of a record someone else changed since it was read raises :class:`ConflictError`
(nothing overwritten, the refused version kept in the audit trail).  A database tpx may not
write (a read-only file) opens ``read_only`` and every change raises :class:`ReadOnlyError`.
Signing, amendments, the audit trail and client search are in records_charting.py.
"""

from __future__ import annotations

import getpass
import json
from datetime import date
from types import TracebackType
from typing import Any

from app.domain.records import Client, Visit
from app.services.records_charting import ChartingMixin
from app.services.records_io import (
    Export,
    ImportReport,
    RecordsImportError,
    Vocabulary,
    apply_document,
    check_vocabulary,
    export_document,
    validate_document,
)
from app.storage import records_history as history
from app.storage.records_models import VisitRow
from app.storage.records_repository import RecordsRepository, UnknownRecord, new_visit, write_session
from app.storage.records_rows import visit_document
from app.storage.user_database import UserDatabase, open_user_database
from app.storage.user_errors import (
    ConflictError,
    DamagedRecordError,
    FileSaveError,
    ReadOnlyError,
    SaveFailedError,
    SignedVisitError,
    UserDatabaseError,
)

__all__ = ["ConflictError", "DamagedRecordError", "Export", "FileSaveError", "ImportReport", "ReadOnlyError",
           "RecordsImportError", "RecordsService", "SaveFailedError", "SignedVisitError", "UnknownRecord",
           "UserDatabaseError"]


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _texts(visit: Visit) -> list[str]:
    return [visit.therapist, visit.chief_complaint, visit.notes, *visit.soap.values(),
            *(t.technique for t in visit.treatments), *(t.response for t in visit.treatments)]


class RecordsService(ChartingMixin):
    def __init__(self, database: UserDatabase, vocabulary: Vocabulary | None = None) -> None:
        self._db = database
        self._repo = RecordsRepository(database.engine)
        self.vocabulary = vocabulary  # catalog ids checked on import, when given
        self.actor = _default_actor()  # who is named in the audit trail; the UI sets the therapist

    @classmethod
    def open(cls, url: str | None = None, vocabulary: Vocabulary | None = None) -> RecordsService:
        """None: ``TPX_DATABASE_URL`` or ``records.db`` in the user data folder."""
        return cls(open_user_database(url), vocabulary)

    @property
    def read_only(self) -> bool:
        return self._db.read_only

    @property
    def read_only_reason(self) -> str:
        return self._db.read_only_reason

    @property
    def location(self) -> str:
        return self._db.location

    @property
    def saves_off_thread(self) -> bool:
        """Whether a save may run on a worker thread while the UI thread reads: not for the
        in-memory database, whose single connection every thread would share."""
        return self._db.location != ":memory:"

    @property
    def database_path(self) -> Any:
        """The SQLite file (a Path), or None for a server or in-memory database."""
        return self._db.path

    def _writable(self, *texts: str) -> None:
        if self._db.read_only:
            raise ReadOnlyError(self._db.read_only_reason or f"{self.location} can only be read")
        if any("\x00" in text for text in texts):  # PostgreSQL refuses them; keep both backends alike
            raise ValueError("text with a NUL character (\\x00) cannot be saved; remove it and save again")

    # Clients ------------------------------------------------------------------------------------
    def clients(self) -> list[Client]:
        return self._repo.clients()

    def client(self, client_id: int) -> Client:
        return self._repo.client(client_id)

    def visit_counts(self) -> dict[int, int]:
        return self._repo.visit_counts()

    def save_client(self, client: Client) -> Client:
        """Insert or update; ``client.version`` is updated in place to the stored one."""
        self._writable(client.name, client.contact, client.notes)
        if not client.name.strip():
            raise ValueError("a client needs a name")
        with write_session(self._repo.engine) as s:
            row = self._repo.write_client(s, client)
            history.add_event(s, row.id, "created" if client.id is None else "changed", self.actor, None,
                              "client added" if client.id is None else "client details changed")
            client_id = row.id
        stored = self._repo.client(client_id)
        client.version = stored.version
        return stored

    def erase_client(self, client_id: int) -> None:
        """Remove the client with every visit, pain mark, finding, treatment and their history."""
        self._writable()
        with write_session(self._repo.engine) as s:
            uid = self._repo.client(client_id).uid
            self._repo.erase_client_in(s, client_id)
            history.forget_client(s, client_id)
            history.add_event(s, client_id, "erased", self.actor, None, f"client {uid} and all their records erased")

    # Visits -------------------------------------------------------------------------------------
    def visits(self, client_id: int) -> list[Visit]:
        """The client's visits, oldest first (rows that cannot be read: :meth:`damaged`)."""
        return self._repo.visits(client_id)

    def visit(self, visit_id: int) -> Visit:
        return self._repo.visit(visit_id)

    def new_visit(self, client_id: int, date: date, therapist: str = "", chief_complaint: str = "") -> Visit:
        """A saved, empty visit (it has an id, so autosave can replace it)."""
        return self._insert_visit(new_visit(client_id, date, therapist, chief_complaint))

    def _insert_visit(self, visit: Visit) -> Visit:
        self._writable(*_texts(visit))
        with write_session(self._repo.engine) as s:
            row = self._repo.write_visit(s, visit)
            history.add_event(s, row.client_id, "created", self.actor, row.id,
                              f"visit of {row.date.isoformat()} started")
            visit_id = row.id
        return self._repo.visit(visit_id)

    def save_visit(self, visit: Visit) -> Visit:
        """The whole visit in one transaction; returns it as stored and updates
        ``visit.version`` in place (the caller's copy now matches the database).

        ConflictError: changed elsewhere since read (nothing overwritten; this version is kept
        in the audit trail and on the error).  SignedVisitError: signed, amend it first.
        SaveFailedError: the database could not take it (full disk...); nothing written.
        """
        self._writable(*_texts(visit))
        if visit.id is None:
            return self._insert_visit(visit)
        try:
            with write_session(self._repo.engine) as s:
                row = self._repo.write_visit(s, visit)
                history.add_event(s, row.client_id, "changed", self.actor, row.id,
                                  f"visit of {row.date.isoformat()} edited")
        except ConflictError as exc:
            raise self._keep_refused(visit, exc) from None
        stored = self._repo.visit(visit.id)
        visit.version = stored.version
        return stored

    def _keep_refused(self, mine: Visit, exc: ConflictError) -> ConflictError:
        theirs = self._repo.visit(mine.id)
        with write_session(self._repo.engine) as s:
            history.add_event(s, theirs.client_id, "conflict", self.actor, mine.id,
                              json.dumps(visit_document(mine), ensure_ascii=False, sort_keys=True))
        return ConflictError(f"{exc} — both versions are kept: yours in the window and in the audit trail, "
                             f"theirs in the database", mine=mine, theirs=theirs)

    def delete_visit(self, visit_id: int) -> None:
        """Delete a visit; its last state stays in the client's audit trail ("deleted")."""
        self._writable()
        visit = self._repo.visit(visit_id)
        with write_session(self._repo.engine) as s:
            self._repo.claim(s, VisitRow, visit_id, visit.version, "visit")
            self._repo.delete_visit_in(s, visit_id)
            history.add_event(s, visit.client_id, "deleted", self.actor, visit_id,
                              json.dumps(visit_document(visit), ensure_ascii=False, sort_keys=True))

    # Export / import ----------------------------------------------------------------------------
    def export(self, client_id: int | None = None) -> Export:
        """One client (or all) as a ``tpx-records`` version 1 document, and any damaged rows."""
        return export_document(self._repo, client_id)

    def export_records(self, client_id: int | None = None) -> dict[str, Any]:
        return self.export(client_id).document

    def record_export(self, document: dict[str, Any], where: str) -> None:
        """Note in each exported client's audit trail that their records left the database."""
        if self._db.read_only:
            return
        with write_session(self._repo.engine) as s:
            for client in document.get("clients", []):
                if client.get("id") is not None:
                    history.add_event(s, client["id"], "exported", self.actor, None, f"exported to {where}")

    def import_records(self, data: Any, *, replace: bool = False, action: str = "imported") -> ImportReport:
        """Validate everything, then write it in one transaction (all or nothing)."""
        document = validate_document(data)
        if self.vocabulary is not None:
            check_vocabulary(document, self.vocabulary)
        self._writable()
        return apply_document(self._repo, document, replace=replace, actor=self.actor, action=action)

    def counts(self) -> dict[str, int]:
        return self._repo.counts()

    def fingerprint(self) -> str:
        """Changes whenever any record changes (counts, versions, the newest audit event)."""
        return self._repo.fingerprint()

    def damaged(self) -> list[str]:
        """One line per client or visit that cannot be read back."""
        return self._repo.damaged()

    # Lifetime -----------------------------------------------------------------------------------
    def close(self, *, backup: bool = False) -> Any:
        """Close; with ``backup`` first make the rotating automatic backup (the window does, on
        close; TPX_BACKUP_KEEP, TPX_BACKUP_DIR).  Returns the backup written, if any."""
        written = None
        try:
            if backup and not self._db.read_only:
                from app.services.records_backup import automatic_backup

                written = automatic_backup(self)
        finally:
            self._db.close()
        return written

    def __enter__(self) -> RecordsService:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
