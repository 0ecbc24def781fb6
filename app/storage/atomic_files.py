"""Write a file so that it appears complete or not at all, and never replaces a good file
with a bad one: write a temporary file next to the target, check it, fsync, rename, fsync the
folder.  Every file tpx writes (exports, reports, backups, preferences) goes through here.

Problems become :class:`FileSaveError` in one plain line (full disk, no such folder, a folder
or device given as the file, no permission); the target is then untouched and no temporary
file is left behind.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.storage.user_errors import FileSaveError

__all__ = ["FileSaveError", "atomic_path", "check_target", "write_bytes_atomically"]


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    return exc.strerror or str(exc)


def check_target(path: str | os.PathLike[str]) -> Path:
    """The target as a Path, or FileSaveError when it cannot be a file tpx writes."""
    text = os.fspath(path)
    if not text.strip():
        raise FileSaveError("no file name given")
    target = Path(text).expanduser()
    try:
        is_folder = text.endswith(os.sep) or target.is_dir()
    except OSError as exc:  # e.g. a name longer than the file system allows: is_dir raises, not False
        raise FileSaveError(f"cannot write {target}: {_reason(exc)}") from None
    if is_folder:
        raise FileSaveError(f"{target} is a folder; give a file name inside it")
    if not target.parent.is_dir():
        raise FileSaveError(f"no such folder: {target.parent}")
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise FileSaveError(f"cannot write {target}: {_reason(exc)}") from None
    if stat.S_ISLNK(mode):
        target = target.resolve()
        try:
            mode = target.stat().st_mode
        except FileNotFoundError:
            return target
    if not stat.S_ISREG(mode):
        raise FileSaveError(f"{target} is not a regular file (a device, pipe or socket); choose a file name")
    return target


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # e.g. Windows: folders cannot be opened; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_path(target: str | os.PathLike[str], *, mode: int = 0o600,
                check: Callable[[Path], None] | None = None) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target``.

    After the block the temporary file must be non-empty and pass ``check`` (raise ValueError
    with the reason); then it is fsynced, given ``mode`` and renamed over the target.
    """
    final = check_target(target)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    except OSError as exc:
        raise FileSaveError(f"cannot write in {final.parent}: {_reason(exc)}") from None
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        _commit(temp, final, mode, check)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, FileSaveError):
            raise
        raise FileSaveError(f"could not write {final}: {_reason(exc)}; "
                            "nothing was changed (any earlier file is kept)") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _commit(temp: Path, final: Path, mode: int, check: Callable[[Path], None] | None) -> None:
    if temp.stat().st_size == 0:
        raise FileSaveError(f"could not write {final}: the new file came out empty "
                            "(full disk?); nothing was changed (any earlier file is kept)")
    if check is not None:
        try:
            check(temp)
        except ValueError as exc:
            raise FileSaveError(f"could not write {final}: {exc}; nothing was changed "
                                "(any earlier file is kept)") from None
    fd = os.open(temp, os.O_RDWR)
    try:
        os.fsync(fd)  # the bytes are on disk before the name points at them
    finally:
        os.close(fd)
    os.chmod(temp, mode)
    os.replace(temp, final)
    _fsync_folder(final.parent)  # ... and the rename itself survives a power cut


def write_bytes_atomically(target: str | os.PathLike[str], data: bytes, *, mode: int = 0o600) -> Path:
    """Write ``data`` to ``target`` atomically; returns the path written."""
    with atomic_path(target, mode=mode) as temp:
        with temp.open("wb") as handle:
            handle.write(data)
            handle.flush()
    return check_target(target)
