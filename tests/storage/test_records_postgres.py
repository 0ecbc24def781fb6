"""What only a server database has to prove: the password never shows, and the schema the
migrations build is the models' (the shared behaviour runs on both backends elsewhere)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from sqlalchemy.engine import make_url

from app.services.records_service import RecordsService, UserDatabaseError

pytestmark = pytest.mark.postgres


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


def test_a_server_database_with_other_tables_is_refused_untouched(pg_url: str) -> None:
    from sqlalchemy import create_engine, inspect

    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.exec_driver_sql("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
        conn.exec_driver_sql("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(UserDatabaseError, match="not a tpx records database"):
        RecordsService.open(pg_url)
    assert set(inspect(engine).get_table_names()) == {"alembic_version", "invoices"}
    engine.dispose()
