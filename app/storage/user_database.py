"""Open the user database (client records): where it is, who may write, schema up to date.

* Location: an explicit SQLAlchemy URL, else ``TPX_DATABASE_URL``, else ``records.db`` in the
  platform's user data folder (platformdirs, app "tpx").  Only a PostgreSQL (or other server)
  URL the user gives makes the app talk to a network.
* SQLite: WAL, ``synchronous=FULL``, foreign keys on; file and folder private (0600/0700).
  One writer: the first instance holds ``<db>.lock`` (fcntl.flock); a second opens read-only.
* A file that is not an intact SQLite database raises :class:`UserDatabaseError` before
  anything is written to it.
* The schema is migrated with Alembic (``app/storage/migrations``) on every writable open.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from app.storage import user_files
from app.storage.user_errors import UserDatabaseError
from app.storage.user_migrations import upgrade_to_head

ENV_URL = "TPX_DATABASE_URL"
APP_NAME = "tpx"
DB_FILE_NAME = "records.db"

__all__ = ["ENV_URL", "UserDatabase", "UserDatabaseError", "default_database_path", "open_user_database",
           "resolve_url"]


def default_database_path() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DB_FILE_NAME


def resolve_url(url: str | None = None) -> str:
    """The URL to open: the argument, else ``TPX_DATABASE_URL``, else the per-user SQLite file."""
    if url:
        return url
    from_env = os.environ.get(ENV_URL, "").strip()
    if from_env:
        return from_env
    return f"sqlite:///{default_database_path()}"


@dataclass
class UserDatabase:
    engine: Engine
    read_only: bool
    location: str  # file path, or the URL without its password
    path: Path | None = None  # the SQLite file, when there is one
    _lock: user_files.LockFile | None = field(default=None, repr=False)

    def close(self) -> None:
        self.engine.dispose()
        if self.path is not None:
            user_files.make_private(self.path)
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _sqlite_pragmas(engine: Engine, *, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute("PRAGMA foreign_keys = ON")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("PRAGMA synchronous = FULL")  # a committed visit survives power loss
        cursor.close()


def _open_sqlite_file(path: Path, *, read_only: bool) -> Engine:
    if read_only:
        engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    else:
        engine = create_engine(f"sqlite:///{path}")
    _sqlite_pragmas(engine, read_only=read_only)
    try:
        with engine.connect() as conn:
            result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
            if result != "ok":
                raise UserDatabaseError(f"the records database {path} is damaged ({result}); "
                                        "restore it from a backup or an export")
            tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and "alembic_version" not in tables:
                raise UserDatabaseError(f"{path} is not a tpx records database (it holds other tables)")
            if not read_only:  # only now: switching to WAL rewrites the file header
                conn.exec_driver_sql("PRAGMA journal_mode = WAL")
    except DBAPIError as exc:
        engine.dispose()
        raise UserDatabaseError(f"the records database {path} cannot be read: {exc.orig}") from None
    except UserDatabaseError:
        engine.dispose()
        raise
    return engine


def _check_is_records_db(engine: Engine, location: str) -> None:
    """Refuse a database that holds other tables but was never a tpx records database."""
    tables = set(inspect(engine).get_table_names())
    if tables and "alembic_version" not in tables:
        raise UserDatabaseError(f"{location} is not a tpx records database (it holds other tables)")


def _open_sqlite(path: Path) -> UserDatabase:
    path = path.expanduser().resolve()
    user_files.check_sqlite_file(path)
    lock = user_files.LockFile.try_acquire(path)
    read_only = lock is None
    if read_only and not path.exists():
        raise UserDatabaseError(f"the records database {path} is locked but does not exist")
    if not read_only:
        user_files.create_private(path)
    try:
        engine = _open_sqlite_file(path, read_only=read_only)
        if not read_only:
            upgrade_to_head(engine, str(path))
            user_files.make_private(path)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return UserDatabase(engine, read_only, str(path), path, lock)


def _with_installed_driver(parsed: URL) -> URL:
    """``postgresql://`` means psycopg2 to SQLAlchemy; use psycopg 3 when only that is installed."""
    if parsed.drivername != "postgresql":
        return parsed
    if importlib.util.find_spec("psycopg2") is None and importlib.util.find_spec("psycopg") is not None:
        return parsed.set(drivername="postgresql+psycopg")
    return parsed


def _open_server(url: str) -> UserDatabase:
    parsed = _with_installed_driver(make_url(url))
    location = parsed.render_as_string(hide_password=True)
    try:
        engine = create_engine(parsed, pool_pre_ping=True)
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except (DBAPIError, NoSuchModuleError, ImportError) as exc:
        raise UserDatabaseError(f"cannot connect to the records database {location}: "
                                f"{getattr(exc, 'orig', None) or exc}".strip()) from None
    _check_is_records_db(engine, location)
    upgrade_to_head(engine, location)
    return UserDatabase(engine, False, location)


def open_user_database(url: str | None = None) -> UserDatabase:
    resolved = resolve_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError:
        raise UserDatabaseError(f"not a database URL: {resolved!r} (e.g. sqlite:////path/records.db)") from None
    if parsed.get_backend_name() != "sqlite":
        return _open_server(resolved)
    database = parsed.database or ""
    if database in ("", ":memory:"):
        # In-memory: tests and throw-away sessions; one shared connection, nothing on disk.
        engine = create_engine("sqlite://", poolclass=StaticPool)
        _sqlite_pragmas(engine, read_only=False)
        upgrade_to_head(engine, ":memory:")
        return UserDatabase(engine, False, ":memory:")
    if database.startswith("file:"):
        raise UserDatabaseError("give the records database as sqlite:///PATH, not a file: URI")
    return _open_sqlite(Path(database))
