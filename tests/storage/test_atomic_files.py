"""The one atomic writer every file goes through: the bytes reach the disk before the name
points at them, a failed or bad write never replaces a good file, and every impossible target
is one plain line."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from app.storage import atomic_files
from app.storage.atomic_files import FileSaveError, atomic_path, write_bytes_atomically


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_fsync_of_the_file_comes_before_the_rename_and_the_folder_after(tmp_path: Path, monkeypatch) -> None:
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        calls.append(f"fsync {kind}")
        real_fsync(fd)

    def replace(src, dst) -> None:
        calls.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(atomic_files.os, "fsync", fsync)
    monkeypatch.setattr(atomic_files.os, "replace", replace)
    write_bytes_atomically(tmp_path / "export.json", b'{"a": 1}')
    assert calls == ["fsync file", "rename", "fsync folder"]


def test_the_file_is_private_and_complete(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    write_bytes_atomically(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new" and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert _leftovers(tmp_path) == []


def test_a_full_disk_keeps_the_old_file_and_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF- the good report from yesterday")
    with pytest.raises(FileSaveError, match="the disk is full.*nothing was changed") as excinfo:
        with atomic_path(target) as temp:
            temp.write_bytes(b"%PDF- half a rep")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert target.read_bytes() == b"%PDF- the good report from yesterday"
    assert _leftovers(tmp_path) == [] and "\n" not in str(excinfo.value)


@pytest.mark.parametrize("content, check, message", [
    (b"", None, "came out empty"),
    (b"%PDF- cut off", lambda p: (_ for _ in ()).throw(ValueError("the PDF came out incomplete")), "incomplete"),
])
def test_an_empty_or_bad_result_never_replaces_a_good_file(tmp_path: Path, content: bytes, check, message) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"good")
    with pytest.raises(FileSaveError, match=message):
        with atomic_path(target, check=check) as temp:
            temp.write_bytes(content)
    assert target.read_bytes() == b"good" and _leftovers(tmp_path) == []


def test_impossible_targets_are_one_plain_line(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    cases = {"": "no file name", str(tmp_path): "is a folder", f"{tmp_path}/": "is a folder",
             str(tmp_path / "no" / "such" / "x.json"): "no such folder", "/dev/null": "not a regular file",
             str(fifo): "not a regular file", "/proc/tpx-report.pdf": "cannot write in /proc"}
    for target, message in cases.items():
        with pytest.raises(FileSaveError, match=message) as excinfo:
            write_bytes_atomically(target, b"data")
        assert "\n" not in str(excinfo.value), target
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)  # the device was not replaced by a file
