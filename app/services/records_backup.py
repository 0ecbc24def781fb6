"""Backups of the records database and restoring them (``tpx backup``, ``tpx restore``, and the
rotating automatic backup made when the window closes).

* SQLite: SQLite's online backup API copies a consistent snapshot while others keep working;
  the copy is checked (quick_check, our application id) before it replaces anything.
* PostgreSQL (or any server): the complete ``tpx-records`` JSON (visits, signatures,
  amendments and audit trails).  ``pg_dump`` remains the clinic's server-side backup
  (docs/user-database.md); this one needs no server tools and restores anywhere.
* Restore: the backup's clients replace those with the same uid and the others are added, in
  one transaction; a non-empty database is backed up first.  Restoring into an empty database
  brings everything back.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from app.services.records_io import ImportReport, load_file
from app.storage.atomic_files import atomic_path, check_target, write_bytes_atomically
from app.storage.user_errors import FileSaveError, UserDatabaseError
from app.storage.user_files import APPLICATION_ID, SQLITE_MAGIC, make_dirs_private

if TYPE_CHECKING:
    from app.services.records_service import RecordsService

ENV_KEEP = "TPX_BACKUP_KEEP"  # how many automatic backups to keep (0: none)
ENV_DIR = "TPX_BACKUP_DIR"
DEFAULT_KEEP = 10
FINGERPRINT_FILE = ".last-automatic-backup"  # what the newest automatic backup holds
AUTO_NAME = re.compile(r"^records-\d{8}-\d{6}(-\d+)?\.(db|json)$")


@dataclass(frozen=True)
class BackupSettings:
    folder: Path
    keep: int

    @classmethod
    def from_environment(cls, database_path: Path | None = None) -> BackupSettings:
        """TPX_BACKUP_DIR (default: ``backups`` beside a SQLite database, else in the user data
        folder) and TPX_BACKUP_KEEP (default 10; 0 turns automatic backups off)."""
        folder = os.environ.get(ENV_DIR, "").strip()
        raw = os.environ.get(ENV_KEEP, "").strip()
        try:
            keep = max(0, int(raw)) if raw else DEFAULT_KEEP
        except ValueError:
            keep = DEFAULT_KEEP
        if database_path is not None:
            default = Path(database_path).parent / "backups"
        else:
            default = platformdirs.user_data_path("tpx", appauthor=False) / "backups"
        return cls(Path(folder).expanduser() if folder else default, keep)


def backup_kind(service: RecordsService, out: Path | None = None) -> str:
    """"db" (a SQLite copy) for a SQLite database unless a .json file is asked for; else "json"."""
    if service.database_path is not None and (out is None or out.suffix.lower() != ".json"):
        return "db"
    return "json"


def _check_sqlite_copy(path: Path) -> None:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise ValueError("the copy did not pass SQLite's check")
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise ValueError("the copy is not a tpx records database")
    conn.close()


def _check_json_copy(path: Path) -> None:
    document = json.loads(path.read_bytes())
    if document.get("format") != "tpx-records":
        raise ValueError("the copy is not a tpx-records file")


def backup(service: RecordsService, out: str | os.PathLike[str]) -> tuple[Path, int]:
    """Write a backup to ``out`` atomically (0600); returns the path and the number of clients."""
    target = check_target(out)
    clients = len(service.clients())
    if backup_kind(service, target) == "db":
        with atomic_path(target, check=_check_sqlite_copy) as temp:
            source = sqlite3.connect(f"file:{service.database_path}?mode=ro", uri=True)
            copy = sqlite3.connect(temp)
            try:
                source.backup(copy)  # a consistent snapshot, even while a window is saving
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            except sqlite3.Error as exc:
                raise FileSaveError(f"could not back up {service.location}: {exc}") from None
            finally:
                copy.close()
                source.close()
    else:
        document = service.export_records()
        with atomic_path(target, check=_check_json_copy) as temp:
            with temp.open("w", encoding="utf-8") as handle:
                json.dump(document, handle, ensure_ascii=False, indent=1)
                handle.write("\n")
    return target, clients


def automatic_backup(service: RecordsService, settings: BackupSettings | None = None) -> Path | None:
    """A dated backup in the backup folder, keeping the newest ``keep``; None when turned off."""
    settings = settings or BackupSettings.from_environment(service.database_path)
    if settings.keep <= 0 or service.location == ":memory:":
        return None
    make_dirs_private(settings.folder)
    fingerprint_file = settings.folder / FINGERPRINT_FILE
    fingerprint = service.fingerprint()
    if automatic_backups(settings.folder) and _read(fingerprint_file) == fingerprint:
        return None  # nothing changed since the newest backup
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    extension = backup_kind(service)
    target = settings.folder / f"records-{stamp}.{extension}"
    n = 1
    while target.exists():
        target = settings.folder / f"records-{stamp}-{n}.{extension}"
        n += 1
    written, _clients = backup(service, target)
    for old in automatic_backups(settings.folder)[settings.keep:]:
        old.unlink(missing_ok=True)
    write_bytes_atomically(fingerprint_file, fingerprint.encode("utf-8"))
    return written


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def automatic_backups(folder: Path) -> list[Path]:
    """tpx's automatic backups in ``folder``, newest first (other files there are left alone)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and AUTO_NAME.match(p.name)]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def _document_from_sqlite_backup(path: Path) -> dict:
    """The records in a SQLite backup, read from a private copy (the backup is never changed)."""
    from app.services.records_service import RecordsService

    with tempfile.TemporaryDirectory(prefix="tpx-restore-") as folder:
        copy = Path(folder) / "backup.db"
        shutil.copyfile(path, copy)
        with RecordsService.open(f"sqlite:///{copy}") as backup_service:  # migrates the copy if older
            export = backup_service.export()
    if export.damaged:
        raise UserDatabaseError(f"the backup {path} has unreadable records ({'; '.join(export.damaged[:3])})")
    return export.document


def restore(service: RecordsService, source: str | os.PathLike[str]) -> ImportReport:
    """Bring the records in a backup (SQLite copy or tpx-records JSON) into this database."""
    path = Path(source).expanduser()
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise UserDatabaseError(f"{path}: {exc.strerror or exc}") from None
    data = _document_from_sqlite_backup(path) if magic == SQLITE_MAGIC else load_file(path)
    if service.counts()["clients"] and not service.read_only:
        automatic_backup(service)  # what is there now can be brought back too
    return service.import_records(data, replace=True, action="restored")
