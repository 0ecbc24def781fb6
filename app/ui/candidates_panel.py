"""The ranked list of candidate trigger points for the pain being examined."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QSizePolicy, QVBoxLayout, QWidget

from app.ui.area_chips import AreaChips

_ROLE = Qt.ItemDataRole.UserRole


def candidate_rows(service, candidates) -> list[dict]:
    """What the panel shows of ranked candidates (CatalogService, domain Candidates)."""
    return [{"trp_id": c.trp_id, "side": c.side, "label": service.trigger_point(c.trp_id).label,
             "muscle": service.muscle(c.muscle_id).name, "zone": c.zone, "score": c.score, "why": c.why}
            for c in candidates]


class CandidatesPanel(QWidget):
    sig_selected = Signal(str, str)
    """A candidate was selected: trigger point id, side."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.heading = QLabel("Click where it hurts (skin areas are outlined) to rank the trigger points "
                              "that refer pain there.")
        self.heading.setWordWrap(True)
        # Its text changes on every click: sized by its text, it laid the tabs out again and the whole
        # panel was repainted.  Two lines are kept for it (more when a long list of areas needs them).
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.heading.setMinimumHeight(2 * self.heading.fontMetrics().lineSpacing())
        self.chips = AreaChips(self)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.chips)
        layout.addWidget(self.list, 1)
        self.list.currentItemChanged.connect(self._current_changed)

    def show_candidates(self, heading: str, rows: list[dict]) -> None:
        """rows: dicts with trp_id, side, label, muscle, zone, score, why."""
        self.list.blockSignals(True)
        self.list.clear()
        for rank, row in enumerate(rows, 1):
            zone = "ESSENTIAL" if row["zone"] == "essential" else "spillover"
            side = f"client's {row['side']}" if row["side"] in ("left", "right") else row["side"]
            item = QListWidgetItem(f"{rank}. {row['label']} — {row['muscle']}, {side}  [{zone}, {row['score']:.2f}]\n"
                                   f"     {row['why']}")
            item.setData(_ROLE, (row["trp_id"], row["side"]))
            item.setToolTip(row["why"])
            self.list.addItem(item)
        self.list.blockSignals(False)
        if rows:
            # Lay the rows out now rather than on the view's posted layout: painted before it, the
            # list was painted twice per click (once empty, once filled).
            self.list.visualItemRect(self.list.item(0))
        self.heading.setText(heading if rows else f"{heading}\nNo trigger point in the catalog refers pain here.")

    def clear_candidates(self, heading: str) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.blockSignals(False)
        self.heading.setText(heading)

    def labels(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _current_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None:
            trp_id, side = current.data(_ROLE)
            self.sig_selected.emit(trp_id, side)
