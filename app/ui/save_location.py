"""Where a Save dialog opens: the folder the person last saved into, else their Documents folder.

A bare file name made Qt open the dialog in the process's working directory (wherever tpx was
started from: a source checkout, /usr/bin...), so a report went somewhere the therapist never
looks.  The last folder is remembered in the app's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

LAST_FOLDER_KEY = "files/last_save_folder"


def suggested_path(file_name: str) -> str:
    """``file_name`` in the folder the person last saved into, else Documents, else home."""
    last = QSettings().value(LAST_FOLDER_KEY, "", type=str)
    if last and Path(last).is_dir():
        folder = Path(last)
    else:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
    return str(folder / file_name)


def remember_folder(saved_path: str | Path) -> None:
    """The folder of a file just chosen in a Save dialog opens the next one."""
    QSettings().setValue(LAST_FOLDER_KEY, str(Path(saved_path).parent))
