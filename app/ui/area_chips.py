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
        self.hide()

    def set_areas(self, areas: list[tuple[str, str, str]]) -> None:
        """areas: (slug, side, display name), in the order chosen."""
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # at once: deletion waits for the event loop
                item.widget().deleteLater()
        self.chips = []
        if areas:
            self._layout.addWidget(QLabel("Areas:", self))
        for slug, side, name in areas:
            chip = QToolButton(self)
            chip.setText(f"{name}, client's {side}  ✕")
            chip.setToolTip(f"Remove {name.lower()} (client's {side}) from the pain")
            chip.setObjectName(f"chip_{slug}_{side}")
            chip.clicked.connect(lambda _checked=False, s=slug, d=side: self.sig_removed.emit(s, d))
            self._layout.addWidget(chip)
            self.chips.append(chip)
        if len(areas) > 1:
            clear = QToolButton(self)
            clear.setText("Clear")
            clear.setToolTip("Remove every area")
            clear.clicked.connect(lambda _checked=False: self.sig_cleared.emit())
            self._layout.addWidget(clear)
        self.setVisible(bool(areas))
