"""What a person reads when writing a file fails: the cause in plain words, exactly, and the promise
that nothing was changed.  (Matched in full: a message grown around the words still "contains" them.)"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from app.storage.atomic_files import FileSaveError, atomic_path

KEPT = "nothing was changed (any earlier file is kept)"


@pytest.mark.parametrize("code, strerror, reason", [
    (errno.ENOSPC, "No space left on device", "the disk is full"),
    (errno.EDQUOT, "Disk quota exceeded", "the disk is full"),
    (errno.EACCES, "Permission denied", "permission denied"),
    (errno.EPERM, "Operation not permitted", "permission denied"),
    (errno.EROFS, "Read-only file system", "the disk is read-only"),
    (errno.EIO, "Input/output error", "Input/output error"),  # anything else: the system's own words
])
def test_a_failed_write_says_why_in_plain_words_and_keeps_the_old_file(
        tmp_path: Path, code: int, strerror: str, reason: str) -> None:
    target = tmp_path / "export.json"
    target.write_text('{"clients": ["yesterday"]}', encoding="utf-8")
    with pytest.raises(FileSaveError) as excinfo:
        with atomic_path(target) as temp:
            temp.write_text('{"clients": [', encoding="utf-8")
            raise OSError(code, strerror)
    assert str(excinfo.value) == f"could not write {target}: {reason}; {KEPT}"
    assert target.read_text(encoding="utf-8") == '{"clients": ["yesterday"]}'
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


def test_a_name_the_file_system_cannot_hold_is_one_plain_line(tmp_path: Path) -> None:
    target = tmp_path / ("very long export name " * 20 + ".json")  # 441 bytes: over the 255 a name may have
    with pytest.raises(FileSaveError) as excinfo:
        atomic_path(target).__enter__()
    assert str(excinfo.value) == f"cannot write {target}: File name too long"
    assert list(tmp_path.iterdir()) == []
