"""The chosen skin areas of Where does it hurt?, as removable chips ("Temple, client's right ✕")."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from app.ui.flow_layout import FlowLayout


class AreaChips(QWidget):
    sig_removed = Signal(str, str)
    """The user removed this area (slug, side) with its chip's ✕."""
    sig_cleared = Signal()
    """The user removed every area ("Clear")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = FlowLayout(self)  # chips wrap: many areas never widen the panel
        self.chips: list[QToolButton] = []
        # The widgets are made once and reused: a skin-area click used to make a new label and chip
        # (and drop the old ones), each made, polished and shown within the click.
        self._label = QLabel("Areas:", self)
        self._spare: list[QToolButton] = []
        self._areas: dict[QToolButton, tuple[str, str]] = {}
        self._clear = QToolButton(self)
        self._clear.setText("Clear")
        self._clear.setToolTip("Remove every area")
        self._clear.clicked.connect(lambda _checked=False: self.sig_cleared.emit())
        for widget in (self._label, self._clear):
            widget.hide()
        self.hide()

    def _chip(self, index: int) -> QToolButton:
        while len(self._spare) <= index:
            chip = QToolButton(self)
            chip.hide()
            chip.clicked.connect(lambda _checked=False, c=chip: self.sig_removed.emit(*self._areas[c]))
            self._spare.append(chip)
        return self._spare[index]

    def set_areas(self, areas: list[tuple[str, str, str]]) -> None:
        """areas: (slug, side, display name), in the order chosen."""
        while self._layout.count():
            self._layout.takeAt(0)
        shown: list[QWidget] = [self._label] if areas else []
        self.chips = []
        for i, (slug, side, name) in enumerate(areas):
            chip = self._chip(i)
            chip.setText(f"{name}, client's {side}  ✕")
            chip.setToolTip(f"Remove {name.lower()} (client's {side}) from the pain")
            chip.setObjectName(f"chip_{slug}_{side}")
            self._areas[chip] = (slug, side)
            self.chips.append(chip)
        shown += self.chips
        if len(areas) > 1:
            shown.append(self._clear)
        for widget in shown:
            self._layout.addWidget(widget)
        for widget in (self._label, self._clear, *self._spare):
            if widget.isVisibleTo(self) != (widget in shown):
                widget.setVisible(widget in shown)
        self._layout.invalidate()
        self.setVisible(bool(areas))
