"""Help → Keyboard shortcuts (every command of the window, with its keys) and Help → User guide."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenuBar, QTextBrowser, QVBoxLayout, QWidget

from app.paths import ROOT
from app.ui.menus import shortcut_text

USER_GUIDE = ROOT / "docs" / "user-guide.md"
MAP_KEYS = [("Zoom at the pointer", "Mouse wheel"), ("Pan", "Drag, or arrow keys on the map"),
            ("Add or remove a skin area (Where does it hurt?)", "Ctrl+click or Shift+click"),
            ("Choose a search result", "Up/Down, then Enter")]


def plain(text: str) -> str:
    """Menu text without its mnemonic markers ("E&xport" -> "Export", "&&" -> "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def menu_commands(menu_bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every command in the menus, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(title: str, actions: list[QAction]) -> None:
        for action in actions:
            if action.isSeparator():
                continue
            if action.menu() is not None:
                walk(f"{title} › {plain(action.text())}", action.menu().actions())
            else:
                rows.append((title, plain(action.text()), shortcut_text(action)))

    for top in menu_bar.actions():
        if top.menu() is not None:
            walk(plain(top.text()), top.menu().actions())
    return rows


def shortcuts_html(rows: list[tuple[str, str, str]]) -> str:
    body = "".join(f"<tr><td>{escape(menu)}</td><td>{escape(name)}</td><td><b>{escape(keys or '—')}</b></td></tr>"
                   for menu, name, keys in rows)
    extra = "".join(f"<tr><td>Map</td><td>{escape(name)}</td><td><b>{escape(keys)}</b></td></tr>"
                    for name, keys in MAP_KEYS)
    return ("<h2>Keyboard shortcuts</h2><table cellspacing=6><tr><th align=left>Menu</th><th align=left>Command</th>"
            f"<th align=left>Keys</th></tr>{body}{extra}</table>")


class TextDialog(QDialog):
    """A closable dialog around a read-only text browser."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 600)
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


def shortcuts_dialog(menu_bar: QMenuBar, parent: QWidget) -> TextDialog:
    dialog = TextDialog("Keyboard shortcuts — Trigger Point Explorer", parent)
    dialog.text.setHtml(shortcuts_html(menu_commands(menu_bar)))
    return dialog


def user_guide_dialog(parent: QWidget, path: Path = USER_GUIDE) -> TextDialog:
    dialog = TextDialog("User guide — Trigger Point Explorer", parent)
    dialog.resize(760, 720)
    try:
        dialog.text.setMarkdown(path.read_text(encoding="utf-8"))
    except OSError as exc:
        dialog.text.setPlainText(f"The user guide ({path}) cannot be read: {exc.strerror or exc}")
    return dialog
