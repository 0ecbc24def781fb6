"""An exported .apkg is a valid Anki package: a zip holding an SQLite collection with one note
per card (the expected fields) and the pattern pictures as media."""

from __future__ import annotations

import json
import sqlite3
import zipfile

import pytest

from app.services.study_anki import export_anki
from app.storage.user_errors import FileSaveError


def _open_package(path, tmp_path):
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        assert {"collection.anki2", "media"} <= names
        media = json.loads(package.read("media"))
        package.extract("collection.anki2", tmp_path)
        files = {media[k]: package.read(k) for k in media}
    db = sqlite3.connect(tmp_path / "collection.anki2")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    notes = [row[0].split("\x1f") for row in db.execute("SELECT flds FROM notes")]
    cards = db.execute("SELECT count(*) FROM cards").fetchone()[0]
    decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
    db.close()
    return notes, cards, decks, files


def test_export_writes_a_valid_anki_package_with_pattern_pictures(study, tmp_path) -> None:
    out = tmp_path / "neck.apkg"
    path, count = export_anki(study, "all", out)
    notes, cards, decks, files = _open_package(path, tmp_path)
    assert count == len(notes) == cards == 7
    keys = {fields[0] for fields in notes}
    assert keys == {c.key for c in study.deck("all").cards}
    name_note = next(f for f in notes if f[0] == "name:trapezius_trp1")
    assert '<img src="tpx_trapezius_trp1.svg">' in name_note[1] and "Upper trapezius TrP1" in name_note[2]
    condition_note = next(f for f in notes if f[0].startswith("condition:"))
    assert "Trapezius" in condition_note[2]
    assert set(files) == {"tpx_trapezius_trp1.svg", "tpx_supinator_trp1.svg"}
    svg = files["tpx_supinator_trp1.svg"].decode()
    assert svg.startswith("<svg") and 'fill="#c8141e"' in svg and "url(#stipple)" in svg
    assert any(d["name"] == "tpx::Everything" for d in decks.values())


def test_exporting_again_gives_the_same_note_ids(study, tmp_path) -> None:
    first = tmp_path / "a.apkg"
    second = tmp_path / "b.apkg"
    export_anki(study, "region:neck", first)
    export_anki(study, "region:neck", second)

    def guids(path, folder):
        folder.mkdir()
        with zipfile.ZipFile(path) as package:
            package.extract("collection.anki2", folder)
        db = sqlite3.connect(folder / "collection.anki2")
        found = sorted(r[0] for r in db.execute("SELECT guid FROM notes"))
        db.close()
        return found

    assert guids(first, tmp_path / "x") == guids(second, tmp_path / "y")


def test_an_unwritable_target_is_one_line_and_keeps_the_old_file(study, tmp_path) -> None:
    with pytest.raises(FileSaveError) as caught:
        export_anki(study, "all", tmp_path / "no-such-folder" / "deck.apkg")
    assert "\n" not in str(caught.value)
    old = tmp_path / "deck.apkg"
    old.write_bytes(b"old")
    with pytest.raises(Exception):
        export_anki(study, "region:nowhere", old)
    assert old.read_bytes() == b"old"


def test_each_deck_keeps_one_positive_anki_deck_id_across_exports(study, tmp_path) -> None:
    """Anki files a re-imported deck under its id: the same deck must come back with the same id (the
    student's deck is updated, not duplicated), two decks must not share one, and Anki's deck ids are
    positive (a negative id is refused by some Anki versions and by AnkiDroid)."""
    def deck_id(deck: str, name: str) -> int:
        folder = tmp_path / name
        folder.mkdir()
        path, _count = export_anki(study, deck, folder / "deck.apkg")
        _notes, _cards, decks, _files = _open_package(path, folder)
        (found,) = [int(d["id"]) for d in decks.values() if d["name"].startswith("tpx::")]
        return found

    everything = deck_id("all", "a")
    assert everything > 0 and deck_id("all", "b") == everything
    neck = deck_id("region:neck", "c")
    assert neck > 0 and neck != everything
