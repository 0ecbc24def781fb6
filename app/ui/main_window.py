"""The explorer window: body map on the left, search and information panels on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QLabel, QMainWindow, QSplitter, QTabWidget, QTextBrowser, QToolBar, QVBoxLayout, QWidget,
)

from app.services.catalog_service import CatalogService
from app.ui.about import AboutDialog
from app.ui.body_map import BodyMapView
from app.ui.candidates_panel import CandidatesPanel
from app.ui.conditions_panel import ConditionsPanel
from app.ui.explorer import EXPLORE, WHERE_IT_HURTS, ExplorerController
from app.domain.quiz import Question, QuizSession
from app.ui.patterns import add_view_layer_pickers, show_layers
from app.ui.quiz_panel import QuizPanel
from app.ui.search_box import SearchBox

WELCOME = ("<h2>Trigger Point Explorer</h2><p><b>Explore:</b> hover over the map to name a muscle, click it "
           "to see its trigger points (✕) and referral zones (solid red: essential; stippled: spillover).</p>"
           "<p><b>Where does it hurt?</b> switch mode and click a skin area: the trigger points that refer pain "
           "there are ranked, best first, each with its reason.</p><p>Switch view and layer in the toolbar; "
           "deeper layers show the muscles under the superficial ones. Scroll to zoom, drag to pan.</p>")


class MainWindow(QMainWindow):
    def __init__(self, service: CatalogService) -> None:
        super().__init__()
        self.setWindowTitle("Trigger Point Explorer")
        self.resize(1280, 860)
        self.service = service
        self.body_map = BodyMapView(self)
        self.controller = ExplorerController(service, self.body_map, self)
        self.search = SearchBox(self)
        self.tabs = QTabWidget(self)
        self.info = QTextBrowser(self)
        self.info.setOpenLinks(False)
        self.info.setHtml(WELCOME)
        self.candidates = CandidatesPanel(self)
        self.conditions = ConditionsPanel(self)
        self.conditions.set_conditions([(c.id, c.name) for c in service.conditions()])
        self.tabs.addTab(self.info, "Information")
        self.tabs.addTab(self.candidates, "Where does it hurt?")
        self.tabs.addTab(self.conditions, "Conditions")
        self.quiz_panel = QuizPanel(self)
        self.tabs.addTab(self.quiz_panel, "Quiz")
        self.quiz: QuizSession | None = None
        self.question: Question | None = None
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(4, 4, 4, 4)
        side_layout.addWidget(self.search)
        side_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.body_map)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 520])
        self.setCentralWidget(splitter)
        self.hover_label = QLabel(self)
        self.statusBar().addWidget(self.hover_label, 1)
        self._build_toolbar()
        self._connect()
        self.controller.set_view(self.controller.view)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Map", self)
        bar.setObjectName("map_toolbar")
        self.addToolBar(bar)
        self.view_combo, self.layer_combo = add_view_layer_pickers(bar, self.service.views, self)
        group = QActionGroup(self)
        self.explore_action = QAction("Explore muscles", self, checkable=True, checked=True)
        self.pain_action = QAction("Where does it hurt?", self, checkable=True)
        self.pain_action.setShortcut(QKeySequence("Ctrl+H"))
        for action in (self.explore_action, self.pain_action):
            group.addAction(action)
            bar.addAction(action)
        bar.addSeparator()
        for text, shortcut, slot in (("Zoom in", QKeySequence.StandardKey.ZoomIn, lambda: self.body_map.zoom(1.25)),
                                     ("Zoom out", QKeySequence.StandardKey.ZoomOut, lambda: self.body_map.zoom(0.8)),
                                     ("Fit", QKeySequence("Ctrl+0"), self.body_map.fit)):
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            bar.addAction(action)
        bar.addSeparator()
        clients = QAction("Clients && pain maps…", self)
        clients.setShortcut(QKeySequence("Ctrl+K"))
        clients.triggered.connect(self.open_clients)
        bar.addAction(clients)
        about = QAction("About", self)
        about.triggered.connect(self.show_about)
        bar.addAction(about)
        find = QAction("Find", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.search.edit.setFocus())
        self.addAction(find)

    def _connect(self) -> None:
        c = self.controller
        self.view_combo.currentIndexChanged.connect(lambda _i: c.set_view(self.view_combo.currentData()))
        self.layer_combo.currentIndexChanged.connect(
            lambda _i: self.layer_combo.currentData() and self.layer_combo.currentData() != c.layer
            and c.set_layer(self.layer_combo.currentData()))
        self.explore_action.toggled.connect(lambda on: on and c.set_mode(EXPLORE))
        self.pain_action.toggled.connect(lambda on: on and self._enter_pain_mode())
        c.sig_view_changed.connect(self._sync_combos)
        c.sig_status.connect(self.hover_label.setText)
        c.sig_info_html.connect(self._show_info)
        c.sig_candidates.connect(self._show_candidates)
        self.candidates.sig_selected.connect(c.select_trigger_point)
        self.conditions.sig_chosen.connect(self._show_condition)
        self.info.anchorClicked.connect(self._follow_link)
        self.search.sig_query_changed.connect(lambda q: self.search.show_results(self.service.search(q, 12)))
        self.search.sig_chosen.connect(self._open_search_result)
        self.tabs.currentChanged.connect(lambda _i: self.tabs.currentWidget() is self.quiz_panel
                                         and self.question is None and self.next_question())
        self.quiz_panel.sig_next.connect(self.next_question)
        self.quiz_panel.sig_answered.connect(self.answer_question)

    def _enter_pain_mode(self) -> None:
        self.controller.set_mode(WHERE_IT_HURTS)
        self.tabs.setCurrentWidget(self.candidates)

    def _sync_combos(self, view: str, layer: str) -> None:
        self.view_combo.blockSignals(True)
        self.view_combo.setCurrentIndex(self.view_combo.findData(view))
        self.view_combo.blockSignals(False)
        show_layers(self.layer_combo, self.service.views[view].layers, layer)

    def _show_info(self, html: str) -> None:
        self.info.setHtml(html)
        if self.controller.mode == EXPLORE:
            self.tabs.setCurrentWidget(self.info)

    def _show_candidates(self, heading: str, rows: list) -> None:
        self.candidates.show_candidates(heading, rows)
        self.tabs.setCurrentWidget(self.candidates)

    def _show_condition(self, condition_id: str) -> None:
        self.controller.show_condition(condition_id)
        self.tabs.setCurrentWidget(self.info)

    def _open_search_result(self, kind: str, target: str) -> None:
        if kind == "condition":
            self._show_condition(target)
        else:
            self.controller.show_muscle(target)
            self.tabs.setCurrentWidget(self.info)

    def _follow_link(self, url: QUrl) -> None:
        scheme, _, target = url.toString().partition(":")
        if scheme == "trp":
            self.controller.select_trigger_point(target)
        elif scheme == "muscle":
            self.controller.show_muscle(target)
        elif scheme == "condition":
            self._show_condition(target)
        self.tabs.setCurrentWidget(self.info)

    def open_clients(self, records=None):
        """The client screen on the user database (TPX_DATABASE_URL or the user data folder)."""
        from PySide6.QtWidgets import QMessageBox

        from app.services.records_service import RecordsService, UserDatabaseError
        from app.ui.records.client_window import ClientWindow

        window = getattr(self, "client_window", None)
        if window is not None and records is None:
            window.show()
            window.raise_()
            return window
        if records is None:
            try:
                # Opened once per app: a second open in this process would be the read-only instance.
                records = RecordsService.open()
            except UserDatabaseError as exc:
                QMessageBox.critical(self, "Client records", f"The client database cannot be opened; nothing was "
                                     f"changed.\n\n{exc}")
                return None
        self.client_window = ClientWindow(records, self.service, self)
        self.client_window.setWindowFlag(Qt.WindowType.Window)
        self.client_window.show()
        return self.client_window

    # Quiz ------------------------------------------------------------------------------------
    def next_question(self, seed: int | None = None) -> Question:
        if self.quiz is None or seed is not None:
            import time

            self.quiz = QuizSession(self.service.muscles(), seed=int(time.time()) if seed is None else seed)
        self.question = self.quiz.next_question()
        self.explore_action.setChecked(True)
        self.controller.show_pattern_only(self.question.trp_id)
        names = {m.id: m.name for m in self.service.muscles()}
        self.quiz_panel.ask([(m, names[m]) for m in self.question.choices], self.quiz.score_text)
        self.tabs.setCurrentWidget(self.quiz_panel)
        return self.question

    def answer_question(self, muscle_id: str) -> bool:
        if self.quiz is None or self.question is None:
            return False
        right = self.quiz.answer(self.question, muscle_id)
        trp = self.service.trigger_point(self.question.trp_id)
        muscle = self.service.muscle(self.question.answer)
        self.quiz_panel.reveal(right, f"This is {trp.label} of {muscle.name}: {trp.essential_text}.",
                               self.quiz.score_text)
        return right

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.service.sources(), self.service.attribution(), self)
        dialog.show()
        return dialog
