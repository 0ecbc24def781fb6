"""Commands as QActions: every command has a shortcut, shown in its menu and in its tooltip.

``command`` connects ``triggered`` through a lambda that drops the signal's ``checked``
argument: a slot never receives a signal's arguments meant for something else (the
"Clients" action once passed ``False`` as the records service).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


def shortcut_text(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def with_shortcut_tip(action: QAction, tip: str = "") -> QAction:
    """Tooltip: what it does, then its shortcut in brackets."""
    text = tip or action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
    keys = shortcut_text(action)
    action.setToolTip(f"{text} ({keys})" if keys else text)
    return action


def command(parent: QObject, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str,
            slot: Callable[[], object] | None = None, *, tip: str = "", checkable: bool = False) -> QAction:
    """A QAction with its shortcut and tooltip; ``slot`` is called with no arguments."""
    action = QAction(text, parent)
    action.setCheckable(checkable)
    action.setShortcut(QKeySequence(shortcut))
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    return with_shortcut_tip(action, tip)
