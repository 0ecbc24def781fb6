"""The therapist's name is remembered between sessions (signing, new visits): what a person sees
when they open tpx again after typing it, after a damaged or foreign preferences file, and with a
very long or padded name."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from app.services import preferences
from app.services.preferences import MAX_NAME, Preferences, remember_therapist, remembered_therapist


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh user config folder, as on a new machine."""
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def test_a_name_typed_once_is_there_next_session_in_a_private_file(config_home: Path) -> None:
    assert remembered_therapist() == ""  # a new machine knows nobody
    remember_therapist("  Zoë Ångström  ")
    path = config_home / "tpx" / "preferences.json"
    assert preferences.preferences_path() == path
    assert json.loads(path.read_text(encoding="utf-8")) == {"therapist_name": "Zoë Ångström"}
    assert "Zoë" in path.read_text(encoding="utf-8")  # written as text, not \u escapes
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert remembered_therapist() == "Zoë Ångström"


def test_a_blank_name_never_forgets_the_remembered_one(config_home: Path) -> None:
    remember_therapist("Dana Lee")
    remember_therapist("   ")
    remember_therapist("")
    assert remembered_therapist() == "Dana Lee"
    remember_therapist("Sam Ortiz")
    assert remembered_therapist() == "Sam Ortiz"


def test_the_same_name_again_leaves_the_file_alone(config_home: Path) -> None:
    remember_therapist("Dana Lee")
    path = config_home / "tpx" / "preferences.json"
    path.write_text('{"therapist_name": "Dana Lee", "kept": 1}', encoding="utf-8")
    remember_therapist(" Dana Lee ")  # padded, but the same name: nothing to write
    assert json.loads(path.read_text(encoding="utf-8")) == {"therapist_name": "Dana Lee", "kept": 1}


def test_a_very_long_name_is_cut_to_the_limit_both_ways(config_home: Path, tmp_path: Path) -> None:
    long_name = "Ä" * (MAX_NAME + 50)
    remember_therapist(long_name)
    assert remembered_therapist() == "Ä" * MAX_NAME
    assert MAX_NAME == 200
    path = tmp_path / "hand-edited.json"
    path.write_text(json.dumps({"therapist_name": " " + "b" * 300 + " "}), encoding="utf-8")
    assert Preferences.load(path).therapist_name == "b" * 200


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"\xff\xfe\x00", b"[1, 2]", b'"Dana"', b"null", b'{"therapist_name": 7}',
     b'{"therapist_name": null}', b'{"other": "Dana"}'],
)
def test_a_damaged_or_foreign_file_means_no_remembered_name(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "preferences.json"
    path.write_bytes(content)
    assert Preferences.load(path) == Preferences(therapist_name="")


def test_a_missing_file_or_a_folder_in_its_place_means_no_remembered_name(tmp_path: Path) -> None:
    assert Preferences.load(tmp_path / "nothing.json").therapist_name == ""
    (tmp_path / "folder.json").mkdir()
    assert Preferences.load(tmp_path / "folder.json").therapist_name == ""


def test_saving_to_a_given_path_creates_its_folders_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "prefs.json"
    Preferences(therapist_name="Dr. O'Brien <x>").save(path)
    assert Preferences.load(path).therapist_name == "Dr. O'Brien <x>"
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    assert path.read_text(encoding="utf-8") == '{\n "therapist_name": "Dr. O\'Brien <x>"\n}'
