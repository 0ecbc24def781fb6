"""Why a save failed, in the words the window shows: a file made read-only under a running window,
another program holding the write lock, a rule another program added to the database; and an
amendment over a stale copy.  Each time nothing is written and the edits are kept."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlalchemy import event

from app.services.records_service import ConflictError, RecordsService, SaveFailedError
from tests.storage.records_samples import fill_visit, sample_client


def _on_every_new_connection(service: RecordsService, *pragmas: str) -> None:
    def apply(dbapi_connection, _record) -> None:
        for pragma in pragmas:
            dbapi_connection.execute(pragma)

    event.listen(service._db.engine, "connect", apply)
    service._db.engine.dispose()


def _saved(service: RecordsService):
    client = service.save_client(sample_client())
    return service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, 1))))


def _refused_save(service: RecordsService, visit) -> str:
    before, version = service.counts(), visit.version
    visit.notes = "added after the problem began"
    with pytest.raises(SaveFailedError) as excinfo:
        service.save_visit(visit)
    assert service.counts() == before and visit.version == version
    assert service.visit(visit.id).notes == "tolerated well"
    return str(excinfo.value)


def test_a_database_that_became_read_only_says_so(db_url: str) -> None:
    with RecordsService.open(db_url) as service:
        visit = _saved(service)
        _on_every_new_connection(service, "PRAGMA query_only = ON")  # as SQLite reports a read-only file
        assert _refused_save(service, visit) == (
            "could not save: the database file is read-only; nothing was written and your edits are kept — try again")


def test_another_program_holding_the_write_lock_is_busy(db_path, db_url: str) -> None:
    with RecordsService.open(db_url) as service:
        visit = _saved(service)
        _on_every_new_connection(service, "PRAGMA busy_timeout = 0")  # do not wait the usual 10 s here
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            assert _refused_save(service, visit) == (
                "could not save: the database is busy (another program is writing); nothing was written and "
                "your edits are kept — try again")
        finally:
            other.execute("ROLLBACK")
            other.close()


def test_any_other_refusal_quotes_the_database(db_path, db_url: str) -> None:
    with RecordsService.open(db_url) as service:
        visit = _saved(service)
        rule = sqlite3.connect(db_path)
        rule.execute("CREATE TRIGGER no_edits BEFORE UPDATE ON visits BEGIN "
                     "SELECT RAISE(ABORT, 'edits are frozen by the clinic audit tool'); END")
        rule.commit()
        rule.close()
        assert _refused_save(service, visit) == (
            "could not save: the database reported an error (edits are frozen by the clinic audit tool); "
            "nothing was written and your edits are kept — try again")


def test_amending_a_stale_copy_is_a_conflict_naming_the_visit(db_url: str) -> None:
    with RecordsService.open(db_url) as service:
        visit = _saved(service)
        service.sign_visit(visit, "Dr Lee")
        stale = service.visit(visit.id)
        service.amend_visit(visit, "Dr Lee", "wrong side")
        service.sign_visit(visit, "Dr Lee")
        with pytest.raises(ConflictError) as excinfo:
            service.amend_visit(stale, "Dr Kim", "dose missing")
        assert str(excinfo.value).startswith("this visit was changed elsewhere (by another window or therapist)")
        assert [a.reason for a in service.visit(visit.id).amendments] == ["wrong side"]


def test_saving_a_stale_copy_of_a_visit_or_client_names_what_changed(db_url: str) -> None:
    with RecordsService.open(db_url) as service:
        visit = _saved(service)
        stale = service.visit(visit.id)
        visit.notes = "saved first by the other window"
        service.save_visit(visit)
        stale.notes = "saved second"
        with pytest.raises(ConflictError) as excinfo:
            service.save_visit(stale)
        assert str(excinfo.value).startswith("this visit was changed elsewhere (by another window or therapist) "
                                             "since you opened it; nothing was overwritten")
        client = service.client(visit.client_id)
        old = service.client(visit.client_id)
        client.notes = "new number"
        service.save_client(client)
        with pytest.raises(ConflictError) as excinfo:
            service.save_client(old)
        assert str(excinfo.value).startswith("this client was changed elsewhere")
