"""Light, dark or the system's colour scheme, remembered between sessions (QSettings).

Qt follows a requested scheme only where the platform theme supports it (not under plain X11
or offscreen), so light and dark also set the palette Fusion draws with."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark, "system": Qt.ColorScheme.Unknown}
_KEY = "appearance/theme"


def saved_theme() -> str:
    value = QSettings().value(_KEY, "system")
    return value if value in THEMES else "system"


def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for r, color in ((role.Window, QColor(45, 45, 48)), (role.WindowText, QColor(230, 230, 230)),
                     (role.Base, QColor(30, 30, 32)), (role.AlternateBase, QColor(50, 50, 54)),
                     (role.Text, QColor(230, 230, 230)), (role.Button, QColor(55, 55, 58)),
                     (role.ButtonText, QColor(230, 230, 230)), (role.ToolTipBase, QColor(60, 60, 64)),
                     (role.ToolTipText, QColor(230, 230, 230)), (role.Highlight, QColor(42, 110, 200)),
                     (role.HighlightedText, QColor(255, 255, 255)), (role.Link, QColor(110, 170, 255)),
                     (role.Mid, QColor(80, 80, 84)), (role.PlaceholderText, QColor(150, 150, 150))):
        palette.setColor(r, color)
    palette.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(120, 120, 120))
    palette.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(120, 120, 120))
    return palette


def apply_theme(name: str, remember: bool = True) -> None:
    hints = QGuiApplication.styleHints()
    app = QApplication.instance()
    if name == "system":
        hints.unsetColorScheme()
        if app is not None:
            app.setPalette(app.style().standardPalette())
    else:
        hints.setColorScheme(THEMES[name])
        if app is not None:
            app.setPalette(dark_palette() if name == "dark" else app.style().standardPalette())
    if remember:
        QSettings().setValue(_KEY, name)


def applied_theme() -> str:
    """What the window looks like now: dark when its window colour is dark."""
    app = QApplication.instance()
    return "dark" if app is not None and app.palette().window().color().lightness() < 128 else "light"
