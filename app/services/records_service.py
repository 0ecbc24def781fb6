"""Client records as the UI and the CLI use them: one object over the user database.

``RecordsService.open()`` finds the database (argument, ``TPX_DATABASE_URL`` or the per-user
SQLite file), migrates it and takes the writer lock; when another instance holds the lock the
service is ``read_only`` and every change raises :class:`ReadOnlyError`.
"""

from __future__ import annotations

from datetime import date
from types import TracebackType
from typing import Any

from app.domain.records import Client, Visit
from app.services.records_io import (
    ImportReport,
    RecordsImportError,
    apply_document,
    export_document,
    validate_document,
)
from app.storage.records_repository import RecordsRepository, UnknownRecord, new_visit
from app.storage.user_database import UserDatabase, open_user_database
from app.storage.user_errors import ReadOnlyError, UserDatabaseError

__all__ = ["ImportReport", "ReadOnlyError", "RecordsImportError", "RecordsService", "UnknownRecord",
           "UserDatabaseError"]


class RecordsService:
    def __init__(self, database: UserDatabase) -> None:
        self._db = database
        self._repo = RecordsRepository(database.engine)

    @classmethod
    def open(cls, url: str | None = None) -> RecordsService:
        """None: ``TPX_DATABASE_URL`` or ``records.db`` in the user data folder."""
        return cls(open_user_database(url))

    @property
    def read_only(self) -> bool:
        return self._db.read_only

    @property
    def location(self) -> str:
        return self._db.location

    def _writable(self) -> None:
        if self._db.read_only:
            raise ReadOnlyError(f"{self.location} is open for writing in another tpx window; "
                                "this one can only read")

    # Clients ------------------------------------------------------------------------------------
    def clients(self) -> list[Client]:
        return self._repo.clients()

    def client(self, client_id: int) -> Client:
        return self._repo.client(client_id)

    def save_client(self, client: Client) -> Client:
        self._writable()
        if not client.name.strip():
            raise ValueError("a client needs a name")
        return self._repo.save_client(client)

    def erase_client(self, client_id: int) -> None:
        """Remove the client with every visit, pain mark, finding and treatment."""
        self._writable()
        self._repo.erase_client(client_id)

    # Visits -------------------------------------------------------------------------------------
    def visits(self, client_id: int) -> list[Visit]:
        """The client's visits, oldest first."""
        return self._repo.visits(client_id)

    def visit(self, visit_id: int) -> Visit:
        return self._repo.visit(visit_id)

    def new_visit(self, client_id: int, date: date, therapist: str = "", chief_complaint: str = "") -> Visit:
        """A saved, empty visit (it has an id, so autosave can replace it)."""
        self._writable()
        return self._repo.save_visit(new_visit(client_id, date, therapist, chief_complaint))

    def save_visit(self, visit: Visit) -> Visit:
        """The whole visit in one transaction; returns it as stored."""
        self._writable()
        return self._repo.save_visit(visit)

    def delete_visit(self, visit_id: int) -> None:
        self._writable()
        self._repo.delete_visit(visit_id)

    # Export / import ----------------------------------------------------------------------------
    def export_records(self, client_id: int | None = None) -> dict[str, Any]:
        """One client (or all) as a ``tpx-records`` version 1 document, ready for json.dump."""
        return export_document(self._repo, client_id)

    def import_records(self, data: Any, *, replace: bool = False) -> ImportReport:
        """Validate everything, then write it in one transaction (all or nothing)."""
        document = validate_document(data)
        self._writable()
        return apply_document(self._repo, document, replace=replace)

    def counts(self) -> dict[str, int]:
        return self._repo.counts()

    # Lifetime -----------------------------------------------------------------------------------
    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> RecordsService:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
