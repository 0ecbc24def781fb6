"""Open the user database (client records): where it is, whether it is ours, schema up to date.

* Location: an explicit SQLAlchemy URL, else ``TPX_DATABASE_URL``, else ``records.db`` in the
  platform's user data folder (platformdirs, app "tpx").  Only a PostgreSQL (or other server)
  URL the user gives makes the app talk to a network.
* SQLite: WAL, ``synchronous=FULL``, foreign keys on; file and folder private (0600/0700;
  permissions are only ever taken away).  Any number of windows and CLI commands may write at
  once: SQLite serialises the writes and record versions turn a second save of the same record
  into a conflict (app/storage/records_repository.py).  A file its owner made read-only (or in
  a read-only folder) opens read-only.
* A new database is built next to its final name and renamed into place, so a file at the
  path is always either a complete tpx database or someone else's.  A file that is empty,
  not SQLite, damaged or another program's raises :class:`UserDatabaseError` before anything
  is written to it; a database SQLite can read (e.g. after a crash during a checkpoint) opens.
* The schema is migrated with Alembic (``app/storage/migrations``) on every writable open.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from app.storage import user_files
from app.storage.text import one_line
from app.storage.user_errors import UserDatabaseError
from app.storage.user_migrations import known_revisions, upgrade_to_head

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
    read_only_reason: str = ""

    def close(self) -> None:
        self.engine.dispose()
        if self.path is not None and not self.read_only:
            user_files.make_private(self.path)


# Each pooled connection's page cache, in KiB.  SQLite's default (2 MB) was filled by the open's
# quick_check and by reading a long history, and kept by every connection for the session; the
# file's pages are then read again from the system's file cache (1,000 visits: 44 ms either way).
SQLITE_CACHE_KIB = 256


def _sqlite_pragmas(engine: Engine, *, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 10000")  # another writer's save takes milliseconds
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("PRAGMA synchronous = FULL")  # a committed visit survives power loss
        cursor.close()


def _sqlite_engine(path: Path, *, read_only: bool) -> Engine:
    if read_only:
        engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    else:
        engine = create_engine(f"sqlite:///{path}")
    _sqlite_pragmas(engine, read_only=read_only)
    return engine


def _looks_like_an_older_tpx_database(conn: Any, tables: set[str]) -> bool:
    """A records database from before application_id was set: our tables and revisions."""
    if not {"alembic_version", "clients", "visits"} <= tables:
        return False
    columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(clients)")}
    if not {"uid", "name", "consent_given"} <= columns:
        return False
    revisions = {r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}
    return bool(revisions) and revisions <= known_revisions()


def _open_sqlite_file(path: Path, *, read_only: bool) -> Engine:
    engine = _sqlite_engine(path, read_only=read_only)
    try:
        with engine.connect() as conn:
            result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
            if result != "ok":
                raise UserDatabaseError(f"the records database {path} is damaged ({one_line(str(result))}); "
                                        f"{user_files.WAY_OUT}")
            tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
            application_id = conn.exec_driver_sql("PRAGMA application_id").scalar()
            if application_id != user_files.APPLICATION_ID and not (
                    application_id == 0 and _looks_like_an_older_tpx_database(conn, tables)):
                raise UserDatabaseError(f"{path} is not a tpx records database (another program's file); "
                                        "nothing was changed — check the path")
            if not read_only:  # only now: these rewrite the file header
                conn.exec_driver_sql("PRAGMA journal_mode = WAL")
                if application_id != user_files.APPLICATION_ID:  # an older tpx's database: stamp it
                    conn.exec_driver_sql(f"PRAGMA application_id = {user_files.APPLICATION_ID}")
                conn.commit()
    except DBAPIError as exc:
        engine.dispose()
        raise UserDatabaseError(f"the records database {path} cannot be read "
                                f"({one_line(str(exc.orig))}); {user_files.WAY_OUT}") from None
    except UserDatabaseError:
        engine.dispose()
        raise
    return engine


def _create_sqlite(path: Path) -> None:
    """A new, migrated database built beside ``path`` and renamed into place."""
    user_files.make_dirs_private(path.parent)
    temp = path.with_name(f".{path.name}.new-{os.getpid()}")
    parts = [temp, *(temp.with_name(temp.name + suffix) for suffix in ("-wal", "-shm", "-journal"))]
    try:
        os.close(os.open(temp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600))
        engine = _sqlite_engine(temp, read_only=False)
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(f"PRAGMA application_id = {user_files.APPLICATION_ID}")
                conn.exec_driver_sql("PRAGMA journal_mode = WAL")
                conn.commit()
            upgrade_to_head(engine, str(path))
        finally:
            engine.dispose()  # the last connection checkpoints the log into the file
        fd = os.open(temp, os.O_RDWR)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as exc:
        raise UserDatabaseError(f"cannot create the records database {path}: {exc.strerror or exc}") from None
    finally:
        for part in parts:
            part.unlink(missing_ok=True)


def _open_sqlite(path: Path) -> UserDatabase:
    path = path.expanduser().resolve()
    with user_files.OpenLock(path):
        user_files.check_sqlite_file(path)
        writable = user_files.can_write(path)
        if not path.exists():
            if not writable:
                raise UserDatabaseError(f"cannot create the records database {path}: the folder is read-only")
            _create_sqlite(path)
        read_only = not writable
        engine = _open_sqlite_file(path, read_only=read_only)
        if read_only:
            return UserDatabase(engine, True, str(path), path,
                                f"{path} is read-only (file permissions); you can look, not edit")
        try:
            upgrade_to_head(engine, str(path))
        except BaseException:
            engine.dispose()
            raise
        user_files.make_private(path)
    return UserDatabase(engine, False, str(path), path)


def _check_is_records_db(engine: Engine, location: str) -> None:
    """Refuse a server database that holds other tables and was never a tpx records database."""
    tables = set(inspect(engine).get_table_names())
    if not tables:
        return
    ours = {"alembic_version", "clients"} <= tables
    if ours:
        with engine.connect() as conn:
            revisions = {r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}
        ours = bool(revisions & known_revisions())
    if not ours:
        raise UserDatabaseError(f"{location} is not a tpx records database (it holds other tables); "
                                "nothing was changed")


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
        # The driver's reason may span lines ("...refused\n\tIs the server running..."): one line.
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        raise UserDatabaseError(f"cannot connect to the records database {location}: {one_line(reason)}") from None
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
