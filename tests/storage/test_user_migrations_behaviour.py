"""A records database written by the first tpx (schema 0001, before versions, signing, the audit
log, study and neuro-screen tables) holding real records: opening it with this tpx upgrades it in
place, every record reads back as it was written, and editing works afterwards."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from app.services.records_service import RecordsService
from app.storage.user_migrations import alembic_config, current_revisions, head_revisions
from tests.storage.records_samples import fill_visit, sample_client


def _schema_0001_database(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    engine.dispose()


def _copy_into(old: Path, source: Path) -> None:
    """Every row of `source` that the old schema has columns for, as the first tpx wrote them."""
    conn = sqlite3.connect(old)
    conn.execute("ATTACH DATABASE ? AS new", (str(source),))
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name != 'alembic_version'")]
    for table in tables:
        old_columns = {r[1] for r in conn.execute(f"PRAGMA main.table_info({table})")}
        new_columns = [r[1] for r in conn.execute(f"PRAGMA new.table_info({table})")]
        columns = ", ".join(c for c in new_columns if c in old_columns)
        conn.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM new.{table}")
    conn.commit()
    conn.execute("DETACH DATABASE new")
    conn.close()


def _written(url: str) -> tuple[list, list]:
    with RecordsService.open(url) as service:
        client = service.save_client(sample_client("Zoë Ünïcode"))
        for day in (3, 1, 2):
            visit = fill_visit(service.new_visit(client.id, date(2026, 4, day)))
            visit.notes = f"visit of the {day}th"
            service.save_visit(visit)
        return _contents(service)


def _contents(service: RecordsService) -> tuple[list, list]:
    clients = [(c.name, c.date_of_birth, c.contact, c.notes, c.consent_given, c.consent_date)
               for c in service.clients()]
    visits = []
    for c in service.clients():
        for row in service.visits(c.id):
            v = service.visit(row.id)
            visits.append((v.date, v.soap, v.red_flags, v.pain, v.findings, v.treatments, v.notes,
                           v.chief_complaint, v.therapist))
    return clients, visits


def test_a_first_version_database_is_upgraded_in_place_with_its_records_intact(tmp_path: Path) -> None:
    source, old = tmp_path / "source.db", tmp_path / "old.db"
    written = _written(f"sqlite:///{source}")
    _schema_0001_database(old)
    _copy_into(old, source)
    engine = create_engine(f"sqlite:///{old}")
    assert current_revisions(engine) == {"0001"}
    engine.dispose()

    with RecordsService.open(f"sqlite:///{old}") as service:
        assert _contents(service) == written
        assert [v.date.day for v in service.visits(service.clients()[0].id)] == [1, 2, 3]
        # Editing a migrated visit works, and a second window's stale copy is still caught.
        first = service.visit(service.visits(service.clients()[0].id)[0].id)
        first.notes = "edited after the upgrade"
        service.save_visit(first)
        assert service.visit(first.id).notes == "edited after the upgrade"
    engine = create_engine(f"sqlite:///{old}")
    assert current_revisions(engine) == head_revisions() and len(head_revisions()) >= 2
    engine.dispose()
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == int.from_bytes(b"TPXr", "big")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert {"visit_amendments", "audit_events"} <= tables


def test_an_upgraded_database_opens_again_without_changing(tmp_path: Path) -> None:
    source, old = tmp_path / "source.db", tmp_path / "old.db"
    written = _written(f"sqlite:///{source}")
    _schema_0001_database(old)
    _copy_into(old, source)
    with RecordsService.open(f"sqlite:///{old}"):
        pass
    engine = create_engine(f"sqlite:///{old}")
    revisions = current_revisions(engine)
    engine.dispose()
    with RecordsService.open(f"sqlite:///{old}") as service:
        assert _contents(service) == written
    engine = create_engine(f"sqlite:///{old}")
    assert current_revisions(engine) == revisions == head_revisions()
    engine.dispose()
