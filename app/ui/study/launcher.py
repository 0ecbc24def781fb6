"""Tools → Study… in the explorer window: opens the study window (made on first use)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox

from app.ui.menus import command

STUDY_SHORTCUT = "Ctrl+Shift+S"


def add_study_action(window: QMainWindow) -> QAction:
    """Add Study… to the window's Tools menu (``window.tools_menu``; needs ``window.service``)."""
    action = command(window, "&Study…", STUDY_SHORTCUT, lambda: open_study(window),
                     tip="Study referral patterns: spaced-repetition decks, paint-the-pattern cards, exams, Anki")
    window.tools_menu.addAction(action)
    window.study_action = action
    window.study_window = None
    return action


def open_study(window: QMainWindow):
    """Show the study window; None (after saying why) if the user database cannot be opened."""
    from app.services.study_service import StudyService
    from app.storage.user_errors import UserDatabaseError
    from app.ui.study.study_window import StudyWindow

    study = getattr(window, "study_window", None)
    if study is None:
        try:
            service = StudyService.open(window.service)
        except UserDatabaseError as exc:
            QMessageBox.critical(window, "Study", f"The user database (student profiles) cannot be opened; "
                                 f"nothing was changed.\n\n{exc}")
            return None
        study = StudyWindow(service, window)
        study.setWindowFlag(Qt.WindowType.Window)
        window.study_window = study
    study.show()
    study.raise_()
    study.activateWindow()
    return study
