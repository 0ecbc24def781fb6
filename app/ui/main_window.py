"""The explorer window: body map and view thumbnails on the left, search and information panels
on the right, every command in the menus (with its shortcut) and the common ones on the toolbar."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl
from PySide6.QtWidgets import (
    QLabel, QMainWindow, QMessageBox, QSizePolicy, QSplitter, QTabWidget, QToolBar, QVBoxLayout, QWidget,
)

from app.domain.quiz import Question, QuizSession
from app.services.catalog_service import CatalogService
from app.ui.about import AboutDialog
from app.ui.body_map import BodyMapView
from app.ui.candidates_panel import CandidatesPanel
from app.ui.card_browser import CardBrowser
from app.ui.conditions_panel import ConditionsPanel
from app.ui.explorer import EXPLORE, PAIN_PROMPT, WHERE_IT_HURTS, ExplorerController
from app.ui.main_menus import MainMenus
from app.ui.nerves.layers import add_nerve_layers
from app.ui.nerves.radicular_view import attach_to_explorer
from app.ui.patterns import add_view_layer_pickers, show_layers
from app.ui.quiz_panel import QuizPanel
from app.ui.search_box import SearchBox
from app.ui.study.launcher import add_study_action
from app.ui.view_strip import ViewStrip

WELCOME = ("<h2>Trigger Point Explorer</h2><p><b>Explore:</b> hover over the map to name a muscle, click it "
           "to see its trigger points (✕, numbered as on its card) and referral zones (solid red: essential; "
           "stippled: spillover). The thumbnails under the map show the whole pattern on every view.</p>"
           "<p><b>Where does it hurt?</b> switch mode (Ctrl+H) and click a skin area: the trigger points that "
           "refer pain there are ranked, best first, each with its reason. Ctrl+click adds more areas.</p>"
           "<p>Every command is in the menus with its shortcut (Help → Keyboard shortcuts). Scroll to zoom at "
           "the pointer, drag or use the arrow keys to pan.</p>")


class MainWindow(QMainWindow):
    def __init__(self, service: CatalogService) -> None:
        super().__init__()
        self.setWindowTitle("Trigger Point Explorer")
        self.resize(1280, 900)
        self.service = service
        self.records = None  # the user database, opened on first use (once per process)
        self.client_window = None
        self._prepared = False  # the first show waits for what a first click needs (showEvent)
        self.body_map = BodyMapView(self)
        self.controller = ExplorerController(service, self.body_map, self)
        self.strip = ViewStrip({name: (spec.title, spec.width, spec.height) for name, spec in service.views.items()},
                               self, pictures=self.body_map.pictures)  # backgrounds scaled from the map's pictures
        self.search = SearchBox(self)
        self.tabs = QTabWidget(self)
        self.info = CardBrowser(self)
        self.info.setOpenLinks(False)
        self.info.setHtml(WELCOME)
        self.candidates = CandidatesPanel(self)
        self.candidates.heading.setText(PAIN_PROMPT)
        self.conditions = ConditionsPanel(self)
        self.conditions.set_conditions([(c.id, c.name) for c in service.conditions()])
        self.tabs.addTab(self.info, "Information")
        self.tabs.addTab(self.candidates, "Where does it hurt?")
        self.tabs.addTab(self.conditions, "Conditions")
        self.quiz_panel = QuizPanel(self)
        self.tabs.addTab(self.quiz_panel, "Quiz")
        self.quiz: QuizSession | None = None
        self.question: Question | None = None
        self.setCentralWidget(self._layout())
        self.hover_label = QLabel(self)
        # Its text changes on every hover and click: a label sized by its text made the status bar
        # lay out again and repaint with it.
        self.hover_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self.hover_label, 1)
        self.menus = MainMenus(self)
        self.tools_menu = self.menus.tools_menu  # other tools (e.g. Study) append their actions here
        add_study_action(self)  # Tools → Study… (Ctrl+Shift+S), the study window
        add_nerve_layers(self)  # View → Dermatomes, Cutaneous nerves (app/ui/nerves)
        self._build_toolbar()
        self._connect()
        attach_to_explorer(self)  # roots and nerves the chosen areas fit, under the candidates (app/ui/nerves)
        self.controller.set_view(self.controller.view)

    def _layout(self) -> QSplitter:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.body_map, 1)
        left_layout.addWidget(self.strip)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(4, 4, 4, 4)
        side_layout.addWidget(self.search)
        side_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 520])
        return splitter

    def _build_toolbar(self) -> None:
        m = self.menus
        bar = QToolBar("Map", self)
        bar.setObjectName("map_toolbar")
        self.addToolBar(bar)
        self.view_combo, self.layer_combo = add_view_layer_pickers(bar, self.service.views, self)
        self.explore_action, self.pain_action = m.explore_action, m.pain_action
        for action in (m.explore_action, m.pain_action, None, m.zoom_in_action, m.zoom_out_action, m.fit_action,
                       m.pin_action, None, m.clients_action, m.about_action):
            bar.addSeparator() if action is None else bar.addAction(action)

    def _connect(self) -> None:
        c = self.controller
        self.view_combo.currentIndexChanged.connect(lambda _i: self.show_view(self.view_combo.currentData()))
        self.layer_combo.currentIndexChanged.connect(lambda _i: self.show_layer(self.layer_combo.currentData()))
        self.strip.sig_view_chosen.connect(self.show_view)
        c.sig_view_changed.connect(self._sync_view)
        c.sig_status.connect(self.hover_label.setText)
        c.sig_notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
        c.sig_info_html.connect(self._show_info)
        c.sig_rehearse_card.connect(self.info.rehearse)
        c.sig_candidates.connect(self._show_candidates)
        c.sig_candidates_cleared.connect(self.candidates.clear_candidates)
        c.sig_areas.connect(self.candidates.chips.set_areas)
        c.sig_pattern_views.connect(self.strip.set_patterns)
        self.candidates.sig_selected.connect(c.select_trigger_point)
        self.candidates.chips.sig_removed.connect(c.remove_area)
        self.candidates.chips.sig_cleared.connect(lambda: c.set_areas([]))
        self.conditions.sig_chosen.connect(self._show_condition)
        self.info.anchorClicked.connect(self._follow_link)
        self.search.sig_query_changed.connect(lambda q: self.search.show_results(self.service.search(q, 12)))
        self.search.sig_chosen.connect(self._open_search_result)
        self.tabs.currentChanged.connect(lambda _i: self.tabs.currentWidget() is self.quiz_panel
                                         and self.question is None and self.next_question())
        self.quiz_panel.sig_next.connect(lambda: self.next_question())
        self.quiz_panel.sig_answered.connect(self.answer_question)

    # Map -------------------------------------------------------------------------------------
    def show_view(self, view: str | None) -> None:
        if view and view != self.controller.view:
            self.controller.set_view(view)

    def show_layer(self, layer: str | None) -> None:
        if layer and layer in self.service.views[self.controller.view].layers and layer != self.controller.layer:
            self.controller.set_layer(layer)

    def set_mode(self, mode: str) -> None:
        self.controller.set_mode(mode)
        self.tabs.setCurrentWidget(self.candidates if mode == WHERE_IT_HURTS else self.info)

    def _sync_view(self, view: str, layer: str) -> None:
        self.view_combo.blockSignals(True)
        self.view_combo.setCurrentIndex(self.view_combo.findData(view))
        self.view_combo.blockSignals(False)
        show_layers(self.layer_combo, self.service.views[view].layers, layer)
        self.strip.set_current(view)
        self.menus.sync_view(view, layer, self.service.views[view].layers)

    # Panels ----------------------------------------------------------------------------------
    def _show_info(self, html: str) -> None:
        self.info.show_html(html)
        if self.controller.mode == EXPLORE:
            self.tabs.setCurrentWidget(self.info)
        self.menus.export_chart_action.setEnabled(self.controller.muscle_id is not None)

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
        elif scheme == "technique":
            self.controller.show_technique(target)
        elif scheme == "card":
            self.controller.show_card()
        self.tabs.setCurrentWidget(self.info)

    # Client records --------------------------------------------------------------------------
    def records_service(self):
        """The user database (TPX_DATABASE_URL or the user data folder), opened once per process:
        a second open would be the read-only instance.  None (after saying why) if it cannot open."""
        if self.records is None:
            from app.services.records_service import RecordsService, UserDatabaseError

            try:
                self.records = RecordsService.open()
            except UserDatabaseError as exc:
                QMessageBox.critical(self, "Client records", f"The client database cannot be opened; nothing was "
                                     f"changed.\n\n{exc}")
                return None
        return self.records

    def open_clients(self):
        """Show the client screen (made on first use); None if the user database cannot be opened."""
        if self.client_window is None:
            records = self.records_service()
            if records is None:
                return None
            from app.ui.records.client_window import ClientWindow

            self.client_window = ClientWindow(records, self.service, self)
            self.client_window.setWindowFlag(Qt.WindowType.Window)
        self.client_window.show()
        self.client_window.raise_()
        self.client_window.activateWindow()
        return self.client_window

    # Quiz ------------------------------------------------------------------------------------
    def next_question(self, seed: int | None = None) -> Question:
        if self.quiz is None or seed is not None:
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

    def showEvent(self, event) -> None:  # noqa: N802
        # Sent before the window appears on the screen, its layout done: what a first click needs
        # (the shown layer's pictures, the lookup index, the muscle records) is made now, while the
        # workers have the cores (app/ui/start_up.py).
        if not self._prepared:
            self._prepared = True
            # The layouts still pending (the thumbnail strip's, which sets the map's height) first:
            # the pictures are rendered at the size the map will have.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            self.controller.prepare_first_click()
        super().showEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.client_window is not None:
            self.client_window.close()  # its closeEvent saves the visit being edited
        if self.records is not None and (self.client_window is None or not self.client_window.isVisible()):
            try:  # the rotating automatic backup (TPX_BACKUP_KEEP), then release the database
                self.records.close(backup=True)
            except Exception as exc:  # noqa: BLE001 - say it; the records themselves are saved
                QMessageBox.warning(self, "Automatic backup", f"The automatic backup was not made: {exc}")
            self.records = None
        super().closeEvent(event)
