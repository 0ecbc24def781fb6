"""Every records test gets its own database under tmp_path; the real user folder is never used.

``records_url`` runs a test on both backends: a SQLite file and a throw-away schema on the
PostgreSQL server in ``TPX_TEST_POSTGRES_URL`` (scripts/test.sh starts one).  Without a server
the PostgreSQL case skips — except in CI (``CI=true``), where a missing server is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under mutmut, storage's slow tests run last: mutmut runs the tests mapped to a mutant with
    ``-x`` in collection order, so the SIGKILL crash test (~80 s quiet, ~230 s loaded), sitting
    alphabetically before test_records_* and test_user_*, ran in full for every open-path mutant
    those later, faster tests kill.  Same tests, same kills; only the order changes, and only
    under mutmut (last in an xdist run it would lengthen the suite's tail)."""
    if "MUTANT_UNDER_TEST" not in os.environ:
        return
    fast = [item for item in items if item.get_closest_marker("slow") is None]
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    items[:] = fast + slow


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("TPX_DATABASE_URL", raising=False)


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "user" / "records.db"


@pytest.fixture()
def db_url(db_path: Path) -> str:
    return f"sqlite:///{db_path}"


def _no_server(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A URL whose search_path is a fresh schema on the test server; dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = os.environ.get("TPX_TEST_POSTGRES_URL")
    if not base:
        _no_server("TPX_TEST_POSTGRES_URL is not set (scripts/test.sh starts a server)")
    url = make_url(base)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    schema = f"tpx_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001 - no driver, no server, no rights
        _no_server(f"PostgreSQL not reachable: {type(exc).__name__}: {exc}")
    query = dict(url.query)
    query["options"] = f"-csearch_path={schema}"
    yield url.set(query=query).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def records_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'records-backend.db'}"
    return request.getfixturevalue("pg_url")
