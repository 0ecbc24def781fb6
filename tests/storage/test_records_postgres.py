"""The same records API on a real PostgreSQL server (TPX_TEST_POSTGRES_URL), in a throw-away
schema; skipped when no server is configured or reachable."""

from __future__ import annotations

import os
import uuid
from datetime import date
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.services.records_service import RecordsImportError, RecordsService, UserDatabaseError
from tests.storage.records_samples import fill_visit, sample_client, sample_pain

pytestmark = pytest.mark.postgres


@pytest.fixture()
def pg_url():
    base = os.environ.get("TPX_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("TPX_TEST_POSTGRES_URL is not set")
    url = make_url(base)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    try:
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        schema = f"tpx_test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # no driver, no server, no rights: not this machine's job
        pytest.skip(f"PostgreSQL not reachable: {type(exc).__name__}")
    query = dict(url.query)
    query["options"] = f"-csearch_path={schema}"
    yield url.set(query=query).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_records_round_trip_on_postgres(pg_url: str) -> None:
    with RecordsService.open(pg_url) as service:
        assert not service.read_only and "://" in service.location
        client = service.save_client(sample_client())
        visit = service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, 1))))
        loaded = service.visit(visit.id)
        assert loaded.pain == sample_pain() and loaded.findings == visit.findings
        assert service.client(client.id) == client


def test_two_therapists_write_at_once(pg_url: str) -> None:
    with RecordsService.open(pg_url) as first, RecordsService.open(pg_url) as second:
        assert not first.read_only and not second.read_only  # the server arbitrates, no lock file
        first.save_client(sample_client("From first"))
        second.save_client(sample_client("From second"))
        assert {c.name for c in first.clients()} == {"From first", "From second"}


def test_import_is_all_or_nothing_and_erase_is_complete(pg_url: str) -> None:
    with RecordsService.open(pg_url) as service:
        client = service.save_client(sample_client())
        service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, 1))))
        data = service.export_records()
        data["clients"].append(dict(data["clients"][0], uid=None, name=""))
        before = service.counts()
        with pytest.raises(RecordsImportError):
            service.import_records(data)
        assert service.counts() == before
        service.erase_client(client.id)
        assert set(service.counts().values()) == {0}


def test_password_is_not_shown(pg_url: str) -> None:
    url = make_url(pg_url)
    password = url.password or "s3cret-unused"  # a trust-auth server ignores a wrong one
    try:
        service = RecordsService.open(url.set(password=password).render_as_string(hide_password=False))
    except UserDatabaseError as exc:
        assert password not in str(exc)
        return
    with service:
        assert password not in service.location and quote(password) not in service.location


def test_models_and_migrations_agree_on_postgres(pg_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.storage.records_models import RecordsBase

    with RecordsService.open(pg_url) as service, service._db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), RecordsBase.metadata) == []
