"""The SQLite file of the user database on disk: sanity of its header, privacy, the open lock."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

from app.storage.user_errors import UserDatabaseError

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
COMPANIONS = ("-wal", "-shm", ".lock")
# PRAGMA application_id of every records database tpx creates ("TPXr"): another program's
# SQLite file is never mistaken for ours, even if it has an alembic_version table.
APPLICATION_ID = int.from_bytes(b"TPXr", "big")
WAY_OUT = "nothing was changed — restore a backup with `tpx restore FILE` (see docs/user-database.md)"


def check_sqlite_file(path: Path) -> None:
    """Raise for a file that is plainly not an intact SQLite database; never writes to it.

    Only what SQLite itself cannot repair is refused.  A file shorter than its header says is
    normal while a write-ahead log (``-wal``) still holds the newest pages (a crash or full
    disk during a checkpoint); SQLite reads such a database fine, so it is accepted.
    """
    if not path.exists():
        return  # a new database
    if not path.is_file():
        raise UserDatabaseError(f"the records database {path} is not a file")
    size = path.stat().st_size
    if size == 0:
        raise UserDatabaseError(f"the records database {path} is empty (0 bytes), not a database; "
                                f"{WAY_OUT}, or delete the empty file to start a new one")
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except OSError as exc:
        raise UserDatabaseError(f"the records database {path} cannot be read: {exc.strerror}") from None
    looks_like_sqlite = SQLITE_MAGIC.startswith(header) if len(header) < 16 else header[:16] == SQLITE_MAGIC
    if not looks_like_sqlite:
        raise UserDatabaseError(f"{path} is not a SQLite database (tpx records); "
                                "nothing was changed — check the path or restore a backup")
    if len(header) < HEADER_SIZE:
        raise UserDatabaseError(f"the records database {path} is truncated ({size} bytes); {WAY_OUT}")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise UserDatabaseError(f"the records database {path} is damaged (page size {page_size}); {WAY_OUT}")
    if has_write_ahead_log(path):
        return  # the log completes the file; SQLite (quick_check) decides
    page_count = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    if size % page_size or (counter_valid and size < page_count * page_size):
        raise UserDatabaseError(f"the records database {path} is truncated or damaged ({size} bytes); {WAY_OUT}")


def has_write_ahead_log(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def can_write(path: Path) -> bool:
    """May tpx write the database (the file, and the folder for its -wal and -shm files)?

    A file without its owner's write permission (e.g. chmod 0400) counts as read-only even
    for root, who could write it anyway: the owner chose to protect it.
    """
    for target in (path, path.parent):
        try:
            info = target.stat()
        except FileNotFoundError:
            continue
        if info.st_uid == os.getuid() and not info.st_mode & stat.S_IWUSR:
            return False
    target = path if path.exists() else path.parent
    return os.access(target, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def make_dirs_private(folder: Path) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for created in reversed(missing):
        created.mkdir(mode=0o700)
        os.chmod(created, 0o700)  # mkdir's mode is filtered by the umask


def make_private(path: Path) -> None:
    """No access for group and others on the database and its companions.

    Only permissions are taken away, never given: a file its owner made read-only (0400)
    stays read-only.
    """
    for candidate in (path, *(path.with_name(path.name + suffix) for suffix in COMPANIONS)):
        try:
            info = candidate.stat()
            if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
                os.chmod(candidate, stat.S_IMODE(info.st_mode) & 0o700)
        except OSError:
            pass  # vanished between the calls (SQLite removes -wal/-shm on close)


class OpenLock:
    """An exclusive advisory lock on ``<db>.lock``, held only while a database is opened,
    created or migrated (seconds at most), so two tpx processes never migrate at once.

    Saves do not need it: SQLite serialises writers and versions catch conflicting edits,
    so a window and a CLI command (or two windows) use one database at the same time.
    """

    def __init__(self, db_path: Path, timeout_s: float = 15.0) -> None:
        make_dirs_private(db_path.parent)
        self.path = db_path.with_name(db_path.name + ".lock")
        self._fd: int | None = None
        self._timeout_s = timeout_s

    def __enter__(self) -> OpenLock:
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return self  # a read-only folder: nobody can migrate there, nothing to serialise
        deadline = time.monotonic() + self._timeout_s
        while True:
            try:
                _lock(self._fd)
                return self
            except OSError:
                if time.monotonic() > deadline:
                    os.close(self._fd)
                    self._fd = None
                    raise UserDatabaseError(f"another program keeps {self.path} locked; try again") from None
                time.sleep(0.05)

    def __exit__(self, *_exc: object) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None


if sys.platform == "win32":  # untested here; the app's primary targets are Linux and macOS
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
