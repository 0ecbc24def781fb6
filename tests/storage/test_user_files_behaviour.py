"""What a person sees when the records database's path holds the wrong thing, or the open is
blocked: one plain line naming the path, and the file (or folder) left exactly as it was."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.services.records_service import RecordsService
from app.storage.user_database import open_user_database
from app.storage.user_errors import UserDatabaseError
from app.storage.user_files import OpenLock
from tests.storage.records_samples import sample_client


def _refusal(db_url: str) -> str:
    with pytest.raises(UserDatabaseError) as excinfo:
        RecordsService.open(db_url)
    message = str(excinfo.value)
    assert "\n" not in message
    return message


def test_a_folder_where_the_database_should_be_is_named(db_path: Path, db_url: str) -> None:
    db_path.mkdir(parents=True)
    assert _refusal(db_url) == f"the records database {db_path} is not a file"
    assert db_path.is_dir() and not any(db_path.iterdir())


@pytest.mark.parametrize("header, problem", [
    (b"SQLite for", "truncated (10 bytes)"),  # the start of the SQLite header, cut off
    (b"SQLite format 3\x00" + (3000).to_bytes(2, "big") + b"\x00" * 4094, "damaged (page size 3000)"),
    (b"SQLite format 3\x00" + (256).to_bytes(2, "big") + b"\x00" * 4094, "damaged (page size 256)"),
    (b"SQLite format 3\x00" + (1).to_bytes(2, "big") + b"\x00" * 4094, "truncated or damaged (4112 bytes)"),
    (b"SQLite format 3\x00" + (1024).to_bytes(2, "big") + b"\x00" * 1030, "truncated or damaged (1048 bytes)"),
])
def test_a_damaged_header_is_refused_with_what_is_wrong(db_path: Path, db_url: str, header: bytes,
                                                        problem: str) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(header)
    message = _refusal(db_url)
    assert message.startswith(f"the records database {db_path} is {problem}")
    assert "tpx restore" in message
    assert db_path.read_bytes() == header


def test_a_database_whose_page_count_says_it_is_longer_is_truncated(db_path: Path, db_url: str) -> None:
    with RecordsService.open(db_url) as service:
        for i in range(20):
            service.save_client(sample_client(f"Client {i} " + "x" * 400))
    whole = db_path.read_bytes()
    page_size = int.from_bytes(whole[16:18], "big")
    cut = whole[: (len(whole) // page_size - 1) * page_size]  # a whole page lost off the end
    db_path.write_bytes(cut)
    assert _refusal(db_url) == (f"the records database {db_path} is truncated or damaged ({len(cut)} bytes); "
                                "nothing was changed — restore a backup with `tpx restore FILE` "
                                "(see docs/user-database.md)")
    assert db_path.read_bytes() == cut


def test_no_database_is_created_in_a_folder_its_owner_made_read_only(db_path: Path, db_url: str) -> None:
    db_path.parent.mkdir(parents=True)
    os.chmod(db_path.parent, 0o500)
    try:
        assert _refusal(db_url) == f"cannot create the records database {db_path}: the folder is read-only"
        # (root may still create the open lock there; a normal user cannot)
        assert [p.name for p in db_path.parent.iterdir() if p.name != "records.db.lock"] == []
    finally:
        os.chmod(db_path.parent, 0o700)


def test_an_open_blocked_by_another_program_gives_up_with_the_lock_named(db_path: Path) -> None:
    with OpenLock(db_path):
        started = OpenLock(db_path, timeout_s=0.3)
        with pytest.raises(UserDatabaseError) as excinfo:
            started.__enter__()
        assert str(excinfo.value) == f"another program keeps {db_path}.lock locked; try again"
    with OpenLock(db_path, timeout_s=0.3):  # released on leaving: the next open gets it at once
        pass
    assert stat.S_IMODE(db_path.with_name("records.db.lock").stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize("url, message", [
    ("sqlite:///file:/tmp/records.db", "give the records database as sqlite:///PATH, not a file: URI"),
    ("just words", "not a database URL: 'just words' (e.g. sqlite:////path/records.db)"),
])
def test_urls_that_cannot_be_a_records_database_are_explained(url: str, message: str) -> None:
    with pytest.raises(UserDatabaseError) as excinfo:
        open_user_database(url)
    assert str(excinfo.value) == message


def test_a_server_that_does_not_answer_is_one_line_naming_it_without_the_password() -> None:
    with pytest.raises(UserDatabaseError) as excinfo:
        open_user_database("postgresql://therapist:secret@127.0.0.1:1/records")
    message = str(excinfo.value)
    # psycopg 3 is what is installed: the plain postgresql:// URL is read with it, not psycopg2
    assert message.startswith("cannot connect to the records database "
                              "postgresql+psycopg://therapist:***@127.0.0.1:1/records: ")
    assert "refused" in message and "secret" not in message
    assert "\n" not in message and "\t" not in message and "\\" not in message and "  " not in message
