"""The radicular-versus-myofascial panel shown beside the TrP candidates: the sentence comparing the
best nerve fit with the best trigger point, the red flags, and the roots and nerves ranked by how
well the pain fits their territory, each with its why.  It only shows what its presenter posts and
reports which row the person selected."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.ui.nerves.radicular_presenter import RED_FLAGS_TEXT, RadicularResult

_ROLE = Qt.ItemDataRole.UserRole
PROMPT = "Roots and nerves whose territory fits the pain appear here, beside the trigger points."


class RadicularPanel(QWidget):
    sig_selected = Signal(str, str, str, str)
    """A root or nerve row was selected: kind (root | nerve), id, side, the view it fits best on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("radicular_panel")
        self.title = QLabel("<b>Radicular or myofascial?</b> Dermatomes and cutaneous nerves", self)
        self.summary = QLabel(PROMPT, self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.red_flags = QLabel(RED_FLAGS_TEXT, self)
        self.red_flags.setObjectName("red_flags")
        self.red_flags.setWordWrap(True)
        self.red_flags.setStyleSheet("QLabel#red_flags { color: #8b0000; background: #fde8e8; border: 1px solid #c62828;"
                                     " border-radius: 3px; padding: 3px; font-weight: bold; }")
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setToolTip("Select a root or nerve to see its territory on the map (a root also shows the "
                             "muscles it supplies)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.red_flags)
        layout.addWidget(self.list, 1)
        self.list.currentItemChanged.connect(self._current_changed)

    def show_result(self, result: RadicularResult) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for rank, row in enumerate(result.rows, 1):
            side = f"client's {row.side}" if row.side in ("left", "right") else row.side
            short = row.name.split(" (")[0]  # the radial nerve's branches are in the tooltip, not the row
            item = QListWidgetItem(f"{rank}. {short}, {side}  [{row.score:.2f}]\n     {row.why}")
            item.setData(_ROLE, (row.kind, row.id, row.side, row.view))
            item.setToolTip(f"{row.name}: {row.why}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        # The sentence leads: bold and dark red when a nerve story fits better than any trigger point.
        text = f"<b>{_escape(result.summary)}</b>"
        self.summary.setText(f"<span style='color:#8b0000'>{text}</span>" if result.nerve_leads else text)
        self.summary.setEnabled(True)

    def show_recorded_red_flags(self, recorded: list[str]) -> None:
        """The red flags ticked in the open visit, named first in the red box (none: the general list)."""
        if recorded:
            self.red_flags.setText(f"Red flags recorded at this visit: {'; '.join(recorded)}. Refer before any "
                                   f"soft-tissue work. {RED_FLAGS_TEXT}")
        else:
            self.red_flags.setText(RED_FLAGS_TEXT)

    def show_waiting(self) -> None:
        """A newer pain is being compared: grey out what is shown until its result arrives."""
        self.summary.setEnabled(False)

    def clear(self, prompt: str) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.blockSignals(False)
        self.summary.setText(_escape(prompt))
        self.summary.setEnabled(True)

    def labels(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def row_keys(self) -> list[tuple[str, str, str]]:
        """(kind, id, side) of each row shown, best first (what a test or a screen reader reads back)."""
        return [tuple(self.list.item(i).data(_ROLE)[:3]) for i in range(self.list.count())]

    def _current_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None:
            self.sig_selected.emit(*current.data(_ROLE))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
