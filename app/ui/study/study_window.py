"""The study window: a student's profile and decks on the left, the body map in the middle,
the card and its feedback on the right.  Study runs the due queue (FSRS); Exam asks N cards
with no feedback until the end, then writes a PDF report."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem, QMainWindow,
    QMessageBox, QPushButton, QSpinBox, QSplitter, QToolBar, QVBoxLayout, QWidget,
)
from superqt.utils import thread_worker

from app.domain.study.cards import KIND_TITLES, Card
from app.domain.study.exam import Exam, ExamAnswer
from app.services.study_questions import Outcome
from app.services.study_service import DeckFileError, StudyService, StudyStoreError
from app.storage.user_errors import FileSaveError, UserDatabaseError
from app.ui.body_map import BodyMapView
from app.ui.menus import command
from app.ui.patterns import show_layers
from app.ui.study.card_presenter import CardPresenter
from app.ui.study.question_panel import QuestionPanel

DECK_ROLE = Qt.ItemDataRole.UserRole


class StudyWindow(QMainWindow):
    def __init__(self, service: StudyService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Study — Trigger Point Explorer")
        self.resize(1500, 940)
        self.service = service
        self.map = BodyMapView(self)
        self.panel = QuestionPanel(self)
        self.size_spin = QSpinBox(self)
        self.size_spin.setRange(4, 80)
        self.size_spin.setValue(18)
        self.size_spin.setSuffix(" mm")
        self.presenter = CardPresenter(service, self.map, self.panel, lambda: float(self.size_spin.value()), self)
        self.queue: list[Card] = []
        self.studied = 0
        self.exam: Exam | None = None
        self.loaded = False
        self._build_left()
        self._build_toolbar()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.left)
        splitter.addWidget(self.map)
        splitter.addWidget(self.panel)
        splitter.setSizes([280, 760, 440])
        self.setCentralWidget(splitter)
        self.status = QLabel(self)
        self.statusBar().addWidget(self.status, 1)
        self._connect()
        self.presenter.set_view("anterior", "superficial")
        self._set_busy(True, "Loading the cards…")
        self._load()

    # Layout -------------------------------------------------------------------------------------
    def _build_left(self) -> None:
        self.left = QWidget(self)
        layout = QVBoxLayout(self.left)
        layout.addWidget(QLabel("<b>Student</b>"))
        row = QHBoxLayout()
        self.profile_combo = QComboBox(self.left)
        self.new_profile_button = QPushButton("New…", self.left)
        self.new_profile_button.setToolTip("Add a student profile (each student's schedule is kept apart)")
        row.addWidget(self.profile_combo, 1)
        row.addWidget(self.new_profile_button)
        layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(QLabel("New cards a day"))
        self.new_per_day = QSpinBox(self.left)
        self.new_per_day.setRange(0, 500)
        row.addWidget(self.new_per_day)
        layout.addLayout(row)
        layout.addWidget(QLabel("<b>Decks</b>"))
        self.deck_list = QListWidget(self.left)
        layout.addWidget(self.deck_list, 1)
        self.deck_info = QLabel(self.left)
        self.deck_info.setWordWrap(True)
        layout.addWidget(self.deck_info)
        self.study_button = QPushButton("Study due cards", self.left)
        self.exam_button = QPushButton("Exam…", self.left)
        layout.addWidget(self.study_button)
        layout.addWidget(self.exam_button)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Study", self)
        bar.setObjectName("study_toolbar")
        self.addToolBar(bar)
        self.view_combo = QComboBox(self)
        for name, spec in self.service.catalog.views.items():
            self.view_combo.addItem(spec.title, name)
        self.layer_combo = QComboBox(self)
        bar.addWidget(QLabel(" View "))
        bar.addWidget(self.view_combo)
        bar.addWidget(QLabel(" Layer "))
        bar.addWidget(self.layer_combo)
        bar.addSeparator()
        self.brush_action = command(self, "Brush", "B", lambda: self.presenter.set_tool(False), checkable=True)
        self.eraser_action = command(self, "Eraser", "E", lambda: self.presenter.set_tool(True), checkable=True)
        self.brush_action.setChecked(True)
        self.brush_action.toggled.connect(lambda on: self.eraser_action.setChecked(not on))
        self.eraser_action.toggled.connect(lambda on: self.brush_action.setChecked(not on))
        bar.addAction(self.brush_action)
        bar.addAction(self.eraser_action)
        bar.addWidget(QLabel(" Size "))
        bar.addWidget(self.size_spin)
        self.undo_action = self.presenter.paint.undo_stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.presenter.paint.undo_stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.clear_action = command(self, "Clear painting", "Ctrl+Shift+Backspace", self.presenter.paint.clear)
        for action in (self.undo_action, self.redo_action, self.clear_action):
            bar.addAction(action)
        bar.addSeparator()
        self.fit_action = command(self, "Fit", "Ctrl+0", self.map.fit)
        bar.addAction(self.fit_action)
        self.progress_action = command(self, "Progress…", "Ctrl+P", self.show_progress)
        self.import_action = command(self, "Import deck…", "Ctrl+I", self.import_deck)
        self.export_action = command(self, "Export deck…", "Ctrl+Shift+E", self.export_deck)
        self.new_deck_action = command(self, "New deck…", "Ctrl+Shift+N", self.new_deck)
        self.anki_action = command(self, "Export to Anki…", "Ctrl+Shift+A", self.export_anki)
        self.delete_deck_action = command(self, "Delete deck…", "Ctrl+Shift+Delete", self.delete_deck,
                                          tip="Delete the selected custom deck (its students' reviews are kept)")
        bar.addSeparator()
        for action in (self.progress_action, self.new_deck_action, self.import_action, self.export_action,
                       self.anki_action, self.delete_deck_action):
            bar.addAction(action)
        self.deck_actions = (self.export_action, self.anki_action)
        # Window-wide keys: answer and move on without the mouse.
        self.check_action = command(self, "Check answer", "Ctrl+Return", self.presenter.check)
        self.next_action = command(self, "Next card", "Ctrl+N", self._next_requested)
        self.addActions([self.check_action, self.next_action])

    def _connect(self) -> None:
        self.view_combo.currentIndexChanged.connect(lambda _i: self._view_chosen())
        self.layer_combo.currentIndexChanged.connect(lambda _i: self._view_chosen())
        self.presenter.sig_view_changed.connect(self._sync_combos)
        self.presenter.sig_answered.connect(self._answered)
        self.presenter.sig_asked.connect(lambda card: self.setWindowTitle(
            f"Study — {KIND_TITLES[card.kind]} — Trigger Point Explorer"))
        self.panel.sig_next.connect(self.next_card)
        self.new_profile_button.clicked.connect(lambda: self.new_profile())
        self.profile_combo.currentIndexChanged.connect(lambda _i: self._profile_changed())
        self.new_per_day.valueChanged.connect(self._new_per_day_changed)
        self.deck_list.currentItemChanged.connect(lambda *_: self._deck_changed())
        self.deck_list.itemDoubleClicked.connect(lambda _item: self.start_study())
        self.study_button.clicked.connect(lambda: self.start_study())
        self.exam_button.clicked.connect(lambda: self.start_exam())

    # Loading (off the UI thread) -------------------------------------------------------------
    def _set_busy(self, busy: bool, text: str = "") -> None:
        for widget in (self.study_button, self.exam_button, self.deck_list, *self.deck_actions, self.new_deck_action,
                       self.import_action, self.progress_action):
            widget.setEnabled(not busy)
        self.status.setText(text)

    def _load(self) -> None:
        service = self.service

        @thread_worker(start_thread=False)
        def build() -> int:
            return len(service.study.cards) + len(service.study.muscle_patterns) + len(service._builtin_decks)

        self._loader = build()
        self._loader.returned.connect(lambda _n: self._loaded())
        self._loader.errored.connect(lambda exc: self._set_busy(True, f"The cards could not be built: {exc}"))
        self._loader.start()

    def _loaded(self) -> None:
        self.loaded = True
        self._set_busy(False, f"{len(self.service.study.cards)} cards ready.")
        self.refresh_profiles()
        self.refresh_decks()

    # Profiles and decks -------------------------------------------------------------------------
    @property
    def profile(self):
        profile_id = self.profile_combo.currentData()
        return next((p for p in self.service.profiles() if p.id == profile_id), None) if profile_id else None

    def refresh_profiles(self, select: int | None = None) -> None:
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for p in self.service.profiles():
            self.profile_combo.addItem(p.name, p.id)
        if select is not None:
            self.profile_combo.setCurrentIndex(self.profile_combo.findData(select))
        self.profile_combo.blockSignals(False)
        self._profile_changed()

    def new_profile(self) -> object | None:
        name, ok = QInputDialog.getText(self, "New student", "Student's name:")
        if not ok:
            return None
        try:
            profile = self.service.add_profile(name)
        except (StudyStoreError, UserDatabaseError) as exc:
            QMessageBox.warning(self, "New student", str(exc))
            return None
        self.refresh_profiles(select=profile.id)
        return profile

    def _profile_changed(self) -> None:
        profile = self.profile
        self.new_per_day.blockSignals(True)
        self.new_per_day.setValue(profile.new_per_day if profile else 20)
        self.new_per_day.setEnabled(profile is not None)
        self.new_per_day.blockSignals(False)
        self._deck_changed()

    def _new_per_day_changed(self, value: int) -> None:
        if self.profile is not None:
            try:
                self.service.set_new_per_day(self.profile.id, value)
            except (StudyStoreError, UserDatabaseError) as exc:
                self.status.setText(str(exc))
            self._deck_changed()

    def refresh_decks(self, select: str | None = None) -> None:
        current = select or (self.deck_list.currentItem().data(DECK_ROLE) if self.deck_list.currentItem() else "all")
        self.deck_list.clear()
        for deck in self.service.decks():
            label = {"custom": "★ ", "condition": "⚕ "}.get(deck.kind, "")
            item = QListWidgetItem(f"{label}{deck.name}  ({len(deck.cards)})", self.deck_list)
            item.setData(DECK_ROLE, deck.id)
            item.setToolTip(f"{deck.name}: {len(deck.cards)} cards" + (f" — {deck.description}" if deck.description else ""))
            if deck.id == current:
                self.deck_list.setCurrentItem(item)

    @property
    def deck_id(self) -> str | None:
        item = self.deck_list.currentItem()
        return item.data(DECK_ROLE) if item is not None else None

    def _deck_changed(self) -> None:
        if not self.loaded or self.deck_id is None:
            return
        deck = self.service.deck(self.deck_id)
        self.delete_deck_action.setEnabled(deck.kind == "custom")
        text = deck.description or f"{len(deck.cards)} cards"
        if self.profile is not None:
            stats = self.service.progress(self.profile, deck.id)
            text += f"<br>Due now: <b>{stats.due}</b> · new: {stats.new} · reviews: {stats.reviews}"
        self.deck_info.setText(text)

    def _ensure_profile(self):
        if self.profile is None and not self.new_profile():
            return None
        return self.profile

    # Studying ------------------------------------------------------------------------------------
    def start_study(self) -> bool:
        profile = self._ensure_profile()
        if profile is None or self.deck_id is None:
            return False
        self.exam = None
        self.presenter.show_feedback = True
        self.queue = self.service.queue(profile, self.deck_id)
        self.studied = 0
        return self.next_card()

    def next_card(self) -> bool:
        if self.exam is not None:
            if self.exam.finished:
                self.save_exam_report()
                return False
            card = self.exam.current
            n = len(self.exam.answers) + 1
            self.presenter.ask(card, self.exam_seed, f"Exam: question {n} of {len(self.exam.cards)} — "
                                                      "no feedback until the end.")
            return True
        if not self.queue and self.profile is not None and self.deck_id is not None:
            self.queue = self.service.queue(self.profile, self.deck_id)  # learning steps fall due again
        if not self.queue:
            due = self.service.next_due(self.profile, self.deck_id) if self.profile and self.deck_id else None
            when = f" Next card due {due.astimezone().strftime('%a %d %b %H:%M')}." if due else ""
            self.presenter.stop(f"Done: {self.studied} card(s) studied, nothing more due in this deck.{when}")
            self.setWindowTitle("Study — Trigger Point Explorer")
            self._deck_changed()
            return False
        card = self.queue.pop(0)
        self.presenter.ask(card, int(time.time()) // 60, f"{self.studied} studied · {len(self.queue)} more in "
                                                          f"the queue · {self.profile.name if self.profile else ''}")
        return True

    def _next_requested(self) -> None:
        """Ctrl+N moves on only once the card is answered (or at the end of an exam)."""
        if self.panel.next_button.isVisible() and self.panel.next_button.isEnabled():
            self.panel.next_button.click()

    def _answered(self, outcome: Outcome) -> None:
        if self.exam is not None:
            q = self.presenter.question
            self.exam.record(ExamAnswer(outcome.card, q.prompt, outcome.given, outcome.answer_text, outcome.score))
            if self.exam.finished:
                self.presenter.stop("")
                self._show_exam_summary()
            else:
                self.next_card()
            return
        self.studied += 1
        self.panel.session.setText(f"{self.studied} studied · {len(self.queue)} more in the queue · "
                                   f"{self.profile.name if self.profile else ''}")
        if self.profile is not None:
            try:
                self.service.record(self.profile, outcome)
            except (StudyStoreError, UserDatabaseError) as exc:
                self.status.setText(f"This review was not saved: {exc}")
        self._deck_changed()

    # Exams ---------------------------------------------------------------------------------------
    def start_exam(self) -> bool:
        profile = self._ensure_profile()
        if profile is None or self.deck_id is None:
            return False
        deck = self.service.deck(self.deck_id)
        ask = QInputDialog(self)  # an instance (not the static getInt): modal, yet scriptable in tests
        ask.setWindowTitle("Exam")
        ask.setInputMode(QInputDialog.InputMode.IntInput)
        ask.setLabelText(f"Number of questions from “{deck.name}”:")
        ask.setIntRange(1, len(deck.cards))
        ask.setIntValue(min(10, len(deck.cards)))
        if ask.exec() != QInputDialog.DialogCode.Accepted:
            return False
        count = ask.intValue()

        self.exam_seed = int(time.time())
        self.exam = Exam.draw(profile.name, deck.name, deck.cards, count, self.exam_seed, self.service.clock().astimezone())
        self.presenter.show_feedback = False
        return self.next_card()

    def _show_exam_summary(self) -> None:
        from app.ui.study.exam_report import answers_html, summary_html

        self.panel.show_idle("")
        self.setWindowTitle("Study — Trigger Point Explorer")
        self.panel.session.setText("Exam finished: save the report for your teacher.")
        self.panel.feedback.setText(summary_html(self.exam) + answers_html(self.exam))
        self.panel.next_button.setText("Save the PDF report…")
        self.panel.next_button.setVisible(True)
        self.panel.next_button.setEnabled(True)

    def save_exam_report(self) -> Path | None:
        from app.ui.study.exam_report import write_exam_pdf

        if self.exam is None:
            return None
        default = f"exam-{self.exam.student}-{self.exam.started_at:%Y%m%d-%H%M}.pdf".replace(" ", "_")
        path, _ = QFileDialog.getSaveFileName(self, "Save exam report", str(Path.home() / default), "PDF (*.pdf)")
        if not path:
            return None
        try:
            written = write_exam_pdf(self.exam, Path(path))
        except FileSaveError as exc:
            QMessageBox.warning(self, "Exam report", str(exc))
            return None
        self.status.setText(f"Exam report saved: {written}")
        return written

    # Map -----------------------------------------------------------------------------------------
    def _view_chosen(self) -> None:
        view, layer = self.view_combo.currentData(), self.layer_combo.currentData()
        if view and (view != self.presenter.view or (layer and layer != self.presenter.layer)):
            self.presenter.set_view(view, layer)

    def _sync_combos(self, view: str, layer: str) -> None:
        self.view_combo.blockSignals(True)
        self.view_combo.setCurrentIndex(self.view_combo.findData(view))
        self.view_combo.blockSignals(False)
        show_layers(self.layer_combo, self.service.catalog.views[view].layers, layer)

    # Deck files, Anki, progress --------------------------------------------------------------
    def show_progress(self):
        from app.ui.study.progress_dialog import ProgressDialog

        profile = self._ensure_profile()
        if profile is None:
            return None
        dialog = ProgressDialog(profile.name, self.service.progress(profile, self.deck_id or "all"),
                                self.service.deck(self.deck_id or "all").name, self)
        dialog.show()
        return dialog

    def import_deck(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self, "Import a study deck", "", "Study decks (*.json);;All files (*)")
        if not path:
            return False
        try:
            deck = self.service.import_deck(Path(path))
        except (DeckFileError, StudyStoreError, UserDatabaseError) as exc:
            QMessageBox.warning(self, "Import deck", f"The deck was not imported (nothing was changed):\n{exc}")
            return False
        self.refresh_decks(select=deck.id)
        self.status.setText(f"Imported “{deck.name}”: {len(deck.cards)} cards.")
        return True

    def export_deck(self) -> Path | None:
        if self.deck_id is None:
            return None
        deck = self.service.deck(self.deck_id)
        path, _ = QFileDialog.getSaveFileName(self, "Export the deck", str(Path.home() / f"{deck.name}.json"),
                                              "Study decks (*.json)")
        if not path:
            return None
        try:
            written = self.service.export_deck(deck.id, Path(path))
        except FileSaveError as exc:
            QMessageBox.warning(self, "Export deck", str(exc))
            return None
        self.status.setText(f"Deck saved: {written}")
        return written

    def new_deck(self):
        from app.ui.study.deck_builder import DeckBuilderDialog

        dialog = DeckBuilderDialog(self.service, self)
        if dialog.exec() and dialog.created is not None:
            self.refresh_decks(select=dialog.created.id)
        return dialog.created

    def delete_deck(self) -> bool:
        if self.deck_id is None or not self.deck_id.startswith("custom:"):
            return False
        deck = self.service.deck(self.deck_id)
        answer = QMessageBox.question(self, "Delete deck", f"Delete the custom deck “{deck.name}”? Reviews of its "
                                      "cards stay in each student's schedule.")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.service.delete_deck(deck.id)
        except (StudyStoreError, UserDatabaseError) as exc:
            QMessageBox.warning(self, "Delete deck", str(exc))
            return False
        self.refresh_decks(select="all")
        self.status.setText(f"Deleted the deck “{deck.name}”.")
        return True

    def export_anki(self) -> None:
        if self.deck_id is None:
            return
        deck = self.service.deck(self.deck_id)
        path, _ = QFileDialog.getSaveFileName(self, "Export to Anki", str(Path.home() / f"{deck.name}.apkg"),
                                              "Anki packages (*.apkg)")
        if not path:
            return
        from app.services.study_anki import export_anki

        service = self.service

        @thread_worker(start_thread=False)
        def run():
            return export_anki(service, deck.id, Path(path))

        self.anki_action.setEnabled(False)
        self.status.setText(f"Writing {path}…")
        self._anki_worker = run()
        self._anki_worker.returned.connect(self._anki_done)
        self._anki_worker.errored.connect(self._anki_failed)
        self._anki_worker.start()

    def _anki_done(self, result) -> None:
        self.anki_action.setEnabled(True)
        path, count = result
        self.status.setText(f"Anki package written: {path} ({count} notes).")

    def _anki_failed(self, exc: Exception) -> None:
        self.anki_action.setEnabled(True)
        self.status.setText("Anki export failed.")
        QMessageBox.warning(self, "Export to Anki", str(exc))
