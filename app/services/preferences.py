"""Small per-user preferences kept between sessions (the therapist's name for signing and new
visits): JSON in the user config folder (platformdirs, app "tpx"), written atomically, 0600."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

from app.storage.atomic_files import write_bytes_atomically
from app.storage.user_files import make_dirs_private

FILE_NAME = "preferences.json"
MAX_NAME = 200


def preferences_path() -> Path:
    return platformdirs.user_config_path("tpx", appauthor=False) / FILE_NAME


@dataclass
class Preferences:
    therapist_name: str = ""

    @classmethod
    def load(cls, path: Path | None = None) -> Preferences:
        """The saved preferences; defaults when there are none or the file is unreadable."""
        try:
            data = json.loads((path or preferences_path()).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        name = data.get("therapist_name") if isinstance(data, dict) else None
        return cls(therapist_name=name.strip()[:MAX_NAME] if isinstance(name, str) else "")

    def save(self, path: Path | None = None) -> None:
        target = path or preferences_path()
        make_dirs_private(target.parent)
        write_bytes_atomically(target, json.dumps(asdict(self), ensure_ascii=False, indent=1).encode("utf-8"))


def remembered_therapist() -> str:
    return Preferences.load().therapist_name


def remember_therapist(name: str) -> None:
    preferences = Preferences.load()
    if name.strip() and name.strip() != preferences.therapist_name:
        preferences.therapist_name = name.strip()[:MAX_NAME]
        preferences.save()
