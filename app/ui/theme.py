"""Light, dark or the system's colour scheme, remembered between sessions (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication

THEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark, "system": Qt.ColorScheme.Unknown}
_KEY = "appearance/theme"


def saved_theme() -> str:
    value = QSettings().value(_KEY, "system")
    return value if value in THEMES else "system"


def apply_theme(name: str, remember: bool = True) -> None:
    """Fusion draws with the palette, which Qt derives from the colour scheme set here."""
    hints = QGuiApplication.styleHints()
    if name == "system":
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(THEMES[name])
    if remember:
        QSettings().setValue(_KEY, name)
