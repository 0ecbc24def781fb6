"""A teacher builds a custom deck: a name, a description and the cards ticked in a list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPushButton,
    QVBoxLayout, QWidget,
)

from app.domain.study.cards import CONDITION, KIND_TITLES
from app.domain.study.decks import DeckFileError, Deck
from app.services.study_service import StudyService, StudyStoreError


class DeckBuilderDialog(QDialog):
    def __init__(self, service: StudyService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New study deck")
        self.resize(620, 640)
        self.service = service
        self.created: Deck | None = None
        self.name = QLineEdit(self)
        self.description = QLineEdit(self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter: muscle, condition or card type")
        self.cards = QListWidget(self)
        for card in service.study.cards:
            target = (service.catalog.condition(card.target).name if card.kind == CONDITION
                      else service.study.trp_title(card.target))
            item = QListWidgetItem(f"{KIND_TITLES[card.kind]} — {target}", self.cards)
            item.setData(Qt.ItemDataRole.UserRole, card.key)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.count = QLabel(self)
        self.tick_shown = QPushButton("Tick all shown", self)
        self.untick_shown = QPushButton("Untick all shown", self)
        self.tick_shown.clicked.connect(lambda: self._tick_shown(Qt.CheckState.Checked))
        self.untick_shown.clicked.connect(lambda: self._tick_shown(Qt.CheckState.Unchecked))
        tick_row = QHBoxLayout()
        tick_row.addWidget(self.tick_shown)
        tick_row.addWidget(self.untick_shown)
        tick_row.addStretch(1)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Description", self.description)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.filter)
        layout.addWidget(self.cards, 1)
        layout.addLayout(tick_row)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self.filter.textChanged.connect(self._filter)
        self.cards.itemChanged.connect(lambda _i: self._count())
        self.buttons.accepted.connect(self._create)
        self.buttons.rejected.connect(self.reject)
        self._count()

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        for i in range(self.cards.count()):
            item = self.cards.item(i)
            item.setHidden(not all(w in item.text().lower() for w in words))

    def _tick_shown(self, state: Qt.CheckState) -> None:
        for i in range(self.cards.count()):
            if not self.cards.item(i).isHidden():
                self.cards.item(i).setCheckState(state)

    def ticked(self) -> list[str]:
        return [self.cards.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.cards.count())
                if self.cards.item(i).checkState() == Qt.CheckState.Checked]

    def _count(self) -> None:
        self.count.setText(f"{len(self.ticked())} card(s) ticked")

    def _create(self) -> None:
        try:
            self.created = self.service.create_deck(self.name.text(), self.description.text(), self.ticked())
        except (DeckFileError, StudyStoreError) as exc:
            QMessageBox.warning(self, "New study deck", str(exc).replace("new deck: ", ""))
            return
        self.accept()
