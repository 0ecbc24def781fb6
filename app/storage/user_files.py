"""The SQLite file of the user database on disk: sanity of its header, privacy, the lock."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.storage.user_errors import UserDatabaseError

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
COMPANIONS = ("-wal", "-shm", ".lock")


def check_sqlite_file(path: Path) -> None:
    """Raise for a file that is plainly not an intact SQLite database; never writes to it."""
    if not path.exists() or path.stat().st_size == 0:
        return  # a new (or brand-new empty) database
    if not path.is_file():
        raise UserDatabaseError(f"the records database {path} is not a file")
    size = path.stat().st_size
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
        raise UserDatabaseError(f"the records database {path} is truncated ({size} bytes); "
                                "nothing was changed — restore it from a backup or an export")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    if page_size < 512 or size % page_size or (counter_valid and size < page_count * page_size):
        raise UserDatabaseError(f"the records database {path} is truncated or damaged ({size} bytes); "
                                "nothing was changed — restore it from a backup or an export")


def _make_dirs_private(folder: Path) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for created in reversed(missing):
        created.mkdir(mode=0o700)
        os.chmod(created, 0o700)  # mkdir's mode is filtered by the umask


def create_private(path: Path) -> None:
    """Create the folder (0700) and an empty database file (0600) when missing."""
    _make_dirs_private(path.parent)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    make_private(path)


def make_private(path: Path) -> None:
    """Owner-only permissions on the database and its -wal, -shm and .lock files."""
    for candidate in (path, *(path.with_name(path.name + suffix) for suffix in COMPANIONS)):
        try:
            if candidate.exists() and candidate.stat().st_uid == os.getuid():
                os.chmod(candidate, 0o600)
        except OSError:
            pass  # vanished between the calls (SQLite removes -wal/-shm on close)


class LockFile:
    """An exclusive advisory lock on ``<db>.lock``: held for as long as the app writes."""

    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self.path = path

    @classmethod
    def try_acquire(cls, db_path: Path) -> LockFile | None:
        """The lock, or None when another process (or another open here) holds it."""
        _make_dirs_private(db_path.parent)
        lock_path = db_path.with_name(db_path.name + ".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:  # BlockingIOError on POSIX, PermissionError from msvcrt
            os.close(fd)
            return None
        return cls(fd, lock_path)

    def release(self) -> None:
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
