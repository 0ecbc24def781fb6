"""The student's painted answer: a pain map edited through an undo stack, drawn on the map.

The brush is the client screen's (app/ui/records/paint_tools.py); each drag is one undo step
(PainMapCommand merges the segments of one stroke)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from shapely.geometry.base import BaseGeometry

from app.domain.pain_map import PainMap
from app.ui.records.commands import PainMapCommand

_INTENSITY, _QUALITY = 6, "aching"  # study paint has no intensity: one colour for every stroke


class PaintAnswer(QObject):
    sig_changed = Signal()
    """The painted answer changed (a stroke, undo, redo or clear)."""

    def __init__(self, outline_of, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._outline_of = outline_of  # view -> body outline: paint is clipped to the body
        self.pain = PainMap()
        self.undo_stack = QUndoStack(self)

    def _set(self, pain: PainMap) -> None:
        self.pain = pain
        self.sig_changed.emit()

    def stroke(self, view: str, shape: BaseGeometry, stroke_id: int, erase: bool) -> None:
        before = self.pain
        after = before.erase(view, shape) if erase else before.paint(view, shape, _INTENSITY, _QUALITY,
                                                                     self._outline_of(view))
        if after is not before:
            self.undo_stack.push(PainMapCommand("Erase" if erase else "Paint", before, after, self._set, stroke_id))

    def clear(self) -> None:
        if not self.pain.is_empty():
            self.undo_stack.push(PainMapCommand("Clear painting", self.pain, PainMap(), self._set))

    def reset(self) -> None:
        """A new question: nothing painted, nothing to undo."""
        self.undo_stack.clear()
        self._set(PainMap())

    def by_view(self) -> dict[str, BaseGeometry]:
        return {view: self.pain.painted(view) for view in self.pain.views()}
