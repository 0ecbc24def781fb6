"""Undoable edits of a visit's pain map.

Every edit replaces the visit's (immutable) PainMap with a new one; the command keeps both,
so undo and redo are reference swaps.  Consecutive edits of one brush drag share a stroke id
and merge into a single undo step (Plom's annotator does the same with `mergeWith`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from app.domain.pain_map import PainMap

PAINT_COMMAND_ID = 4711


class PainMapCommand(QUndoCommand):
    def __init__(self, text: str, before: PainMap, after: PainMap, apply: Callable[[PainMap], None],
                 stroke_id: int | None = None) -> None:
        super().__init__(text)
        self.before = before
        self.after = after
        self._apply = apply
        self.stroke_id = stroke_id

    def id(self) -> int:  # noqa: A003
        return PAINT_COMMAND_ID

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, PainMapCommand) or self.stroke_id is None or other.stroke_id != self.stroke_id:
            return False
        self.after = other.after
        return True
