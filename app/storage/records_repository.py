"""Client records in and out of the user database.  Every public write is one transaction.

Optimistic concurrency: each client and visit row has a ``version``; a save names the version
it started from and the first statement of its transaction is
``UPDATE ... SET version = version + 1 WHERE id = ? AND version = ?``.  That statement takes
the row (PostgreSQL) or database (SQLite) write lock before anything else is touched, so of two
saves that started from the same version exactly one succeeds; the other gets
:class:`ConflictError` and changes nothing.

Reading is tolerant: a row another program or a damaged disk left unreadable is skipped and
reported by :meth:`RecordsRepository.damaged`, instead of making every listing fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from app.domain.records import Client, Visit
from app.storage.records_models import CHILD_TABLES, AmendmentRow, ClientRow, FindingRow, PainMarkRow, TreatmentRow, VisitRow
from app.storage.records_rows import (
    child_rows,
    client_from_row,
    fill_client_row,
    fill_visit_row,
    to_naive_utc,
    visit_from_rows,
)
from app.storage.user_errors import ConflictError, DamagedRecordError, SaveFailedError, SignedVisitError

MAX_ID = 2**63 - 1  # SQLite and PostgreSQL BIGINT; larger ids cannot exist
T = TypeVar("T")


class UnknownRecord(KeyError):
    """No client or visit with that id."""

    def __str__(self) -> str:
        return str(self.args[0])


def check_id(record_id: Any, what: str) -> int:
    """An id that can exist, else UnknownRecord (never an overflow deep in the driver)."""
    if isinstance(record_id, bool) or not isinstance(record_id, int) or not 1 <= record_id <= MAX_ID:
        raise UnknownRecord(f"unknown {what} id {record_id}")
    return record_id


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction; a failure of the database itself becomes SaveFailedError."""
    try:
        with Session(engine) as s, s.begin():
            yield s
    except DBAPIError as exc:
        raise SaveFailedError(_save_failure(exc)) from None


def _save_failure(exc: DBAPIError) -> str:
    text = str(exc.orig or exc).lower()
    if "full" in text or "no space" in text:
        why = "the disk is full"
    elif "locked" in text or "busy" in text:
        why = "the database is busy (another program is writing)"
    elif "read-only" in text or "readonly" in text:
        why = "the database file is read-only"
    elif "connection" in text or "server" in text:
        why = "the connection to the database server was lost"
    else:
        why = f"the database reported an error ({str(exc.orig or exc).splitlines()[0][:120]})"
    return f"could not save: {why}; nothing was written and your edits are kept — try again"


class RecordsRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # Clients ------------------------------------------------------------------------------------
    def clients(self) -> list[Client]:
        """Every readable client, by name."""
        with Session(self.engine) as s:
            ids = list(s.scalars(select(ClientRow.id).order_by(func.lower(ClientRow.name), ClientRow.id)))
            return [c for c in self._each(s, ClientRow, ids, client_from_row) if c is not None]

    def client(self, client_id: int) -> Client:
        with Session(self.engine) as s:
            return client_from_row(self._client_row(s, client_id))

    def visit_counts(self) -> dict[int, int]:
        """client id -> number of visits (without reading the visits)."""
        with Session(self.engine) as s:
            return dict(s.execute(select(VisitRow.client_id, func.count()).group_by(VisitRow.client_id)).all())

    # Visits -------------------------------------------------------------------------------------
    def visits(self, client_id: int) -> list[Visit]:
        """The client's readable visits by date (damaged ones: :meth:`damaged`)."""
        with Session(self.engine) as s:
            self._client_row(s, client_id)
            ids = list(s.scalars(select(VisitRow.id).where(VisitRow.client_id == client_id)
                                 .order_by(VisitRow.date, VisitRow.id)))
            return [v for v in self._load_visits(s, ids) if v is not None]

    def visit(self, visit_id: int) -> Visit:
        with Session(self.engine) as s:
            check_id(visit_id, "visit")
            (found,) = self._load_visits(s, [visit_id], strict=True)
            assert found is not None
            return found

    # Building blocks for one-transaction writes (RecordsService opens the transaction with
    # write_session and adds the audit event in it) ----------------------------------------------
    def claim(self, s: Session, table: type[ClientRow] | type[VisitRow], record_id: int, version: int,
              what: str) -> Any:
        """Bump the row's version if it is still ``version``; else UnknownRecord or ConflictError."""
        check_id(record_id, what)
        result = s.execute(update(table).where(table.id == record_id, table.version == version)
                           .values(version=table.version + 1).execution_options(synchronize_session=False))
        row = s.get(table, record_id, populate_existing=True)
        if row is None:
            raise UnknownRecord(f"unknown {what} id {record_id}")
        if result.rowcount != 1:
            raise ConflictError(f"this {what} was changed elsewhere (by another window or therapist) since "
                                f"you opened it; nothing was overwritten")
        return row

    def write_client(self, s: Session, client: Client) -> ClientRow:
        if client.id is None:
            row = ClientRow(uid=client.uid or _new_uid(), created_at=to_naive_utc(client.created_at), version=1)
            s.add(row)
        else:
            row = self.claim(s, ClientRow, client.id, client.version, "client")
        fill_client_row(row, client)
        s.flush()
        return row

    def write_visit(self, s: Session, visit: Visit, *, allow_signed: bool = False) -> VisitRow:
        if visit.id is None:
            self._client_row(s, visit.client_id)
            row = VisitRow(version=1, signed_by="")
            s.add(row)
        else:
            row = self.claim(s, VisitRow, visit.id, visit.version, "visit")
            if row.signed_at is not None and not allow_signed:
                raise SignedVisitError("this visit is signed; to change it, amend it (with your name and a reason)")
            if row.client_id != visit.client_id:
                self._client_row(s, visit.client_id)
            for table in (PainMarkRow, FindingRow, TreatmentRow):
                s.execute(delete(table).where(table.visit_id == visit.id))
        fill_visit_row(row, visit)
        s.flush()
        s.add_all(child_rows(row.id, visit))
        s.flush()
        return row

    def delete_visit_in(self, s: Session, visit_id: int) -> None:
        for table in CHILD_TABLES:
            s.execute(delete(table).where(table.visit_id == visit_id))
        s.execute(delete(VisitRow).where(VisitRow.id == visit_id))

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
                    for table in (ClientRow, VisitRow, PainMarkRow, FindingRow, TreatmentRow)}

    def fingerprint(self) -> str:
        """Row counts, version sums and the newest audit event: equal only if nothing changed."""
        from app.storage.records_models import AuditRow

        with Session(self.engine) as s:
            parts = [s.execute(select(func.count(), func.coalesce(func.sum(t.version), 0))).one()
                     for t in (ClientRow, VisitRow)]
            parts.append(s.execute(select(func.count(), func.max(AuditRow.id))).one())
            parts += [s.scalar(select(func.count()).select_from(t)) for t in (PainMarkRow, FindingRow, TreatmentRow)]
        return repr([tuple(p) if isinstance(p, tuple | list) or hasattr(p, "_mapping") else p for p in parts])

    def damaged(self) -> list[str]:
        """One line per client or visit row that cannot be read back."""
        problems: list[str] = []
        with Session(self.engine) as s:
            for table, load in ((ClientRow, client_from_row), (VisitRow, None)):
                ids = list(s.scalars(select(table.id).order_by(table.id)))
                if load is None:
                    loaded = self._load_visits(s, ids)
                else:
                    loaded = self._each(s, table, ids, load)
                what = "client" if table is ClientRow else "visit"
                problems += [f"{what} {i} cannot be read" for i, item in zip(ids, loaded) if item is None]
        return problems

    # Helpers ------------------------------------------------------------------------------------
    @staticmethod
    def _client_row(s: Session, client_id: int) -> ClientRow:
        row = s.get(ClientRow, check_id(client_id, "client"))
        if row is None:
            raise UnknownRecord(f"unknown client id {client_id}")
        return row

    @staticmethod
    def _each(s: Session, table: type, ids: list[int], convert: Callable[[Any], T]) -> list[T | None]:
        def bulk(some: list[int]) -> list[T]:
            rows = {r.id: r for r in s.scalars(select(table).where(table.id.in_(some)))}
            return [convert(rows[i]) for i in some]

        return _tolerant(s, ids, bulk)

    @staticmethod
    def _load_visits(s: Session, ids: list[int], *, strict: bool = False) -> list[Visit | None]:
        def bulk(some: list[int]) -> list[Visit]:
            # Plain rows (named tuples of the table's columns), not ORM objects: a long history is
            # read only to be turned into domain records, and 1,000 visits with their marks made
            # ~3,400 mapped objects and their identity map only to be dropped again.
            rows = {r.id: r for r in s.execute(select(VisitRow.__table__).where(VisitRow.id.in_(some)))}
            children: dict[type, dict[int, list[Any]]] = {t: {i: [] for i in some} for t in CHILD_TABLES}
            for table in CHILD_TABLES:
                for child in s.execute(select(table.__table__).where(table.visit_id.in_(some))):
                    children[table][child.visit_id].append(child)
            return [visit_from_rows(rows[i], *(children[t][i] for t in CHILD_TABLES)) for i in some]

        if strict:
            if s.get(VisitRow, ids[0]) is None:
                raise UnknownRecord(f"unknown visit id {ids[0]}")
            try:
                return list(bulk(ids))
            except (SQLAlchemyError, ValueError, TypeError, KeyError) as exc:
                raise DamagedRecordError(f"visit {ids[0]} cannot be read back ({type(exc).__name__}); "
                                         "`tpx export` saves every readable record") from None
        return _tolerant(s, ids, bulk)


def _tolerant(s: Session, ids: list[int], bulk: Callable[[list[int]], list[T]]) -> list[T | None]:
    """``bulk(ids)``; when a row is damaged, one by one with None for each unreadable row."""
    if not ids:
        return []
    try:
        return list(bulk(ids))
    except Exception:  # noqa: BLE001 - bad dates, JSON, geometry, values: any damage at all
        s.rollback()
        s.expunge_all()
    loaded: list[T | None] = []
    for record_id in ids:
        try:
            loaded.append(bulk([record_id])[0])
        except Exception:  # noqa: BLE001 - this row is damaged; the others still load
            s.rollback()
            s.expunge_all()
            loaded.append(None)
    return loaded


def _new_uid() -> str:
    import uuid

    return str(uuid.uuid4())


def new_visit(client_id: int, on: date, therapist: str = "", chief_complaint: str = "") -> Visit:
    return Visit(None, client_id, on, therapist, chief_complaint)
