"""The explorer's menu bar: File, View, Tools, Help.  Every command has a shortcut (the standard
key where Qt defines one), shown in the menu and in its tooltip; Help → Keyboard shortcuts
lists them all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from app.ui.explorer import EXPLORE, WHERE_IT_HURTS
from app.ui.menus import command
from app.ui.theme import THEMES, apply_theme, saved_theme

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

Key = QKeySequence.StandardKey
LAYER_KEYS = {"superficial": "Alt+1", "middle": "Alt+2", "deep": "Alt+3"}
THEME_KEYS = {"light": "Ctrl+Shift+L", "dark": "Ctrl+Shift+D", "system": "Ctrl+Shift+Y"}


class MainMenus:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialogs: list = []  # open non-modal dialogs (kept referenced while shown)
        self.progress = None  # the review sheet being drawn, if any
        bar = window.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.view_menu = bar.addMenu("&View")
        self.tools_menu = bar.addMenu("&Tools")
        self.help_menu = bar.addMenu("&Help")
        self._file()
        self._view()
        self._tools()
        self._help()

    # File --------------------------------------------------------------------------------------
    def _file(self) -> None:
        w, menu = self.window, self.file_menu
        self.new_client_action = command(w, "&New client…", Key.New, self.new_client,
                                         tip="Add a client and start their first visit")
        self.import_action = command(w, "&Import records…", "Ctrl+I", self.import_records,
                                     tip="Add clients and visits from a tpx-records JSON file")
        self.export_records_action = command(w, "E&xport records…", "Ctrl+Shift+E", self.export_records,
                                             tip="Save every client and visit to a tpx-records JSON file")
        self.export_chart_action = command(w, "Export &chart…", "Ctrl+E", self.export_chart,
                                           tip="Save the selected muscle's referral chart as PDF, PNG or SVG")
        self.export_chart_action.setEnabled(False)
        self.review_sheet_action = command(w, "Export &review sheet…", "Ctrl+Shift+R", self.export_review_sheet,
                                           tip="Every muscle's chart in one PDF")
        self.print_action = command(w, "&Print map…", Key.Print, self.print_map, tip="Print what the map shows")
        self.quit_action = command(w, "&Quit", "Ctrl+Q", w.close, tip="Close the window (the visit is saved)")
        for action in (self.new_client_action, None, self.import_action, self.export_records_action, None,
                       self.export_chart_action, self.review_sheet_action, self.print_action, None, self.quit_action):
            menu.addSeparator() if action is None else menu.addAction(action)

    def new_client(self) -> None:
        clients = self.window.open_clients()
        if clients is not None and not clients.presenter.records.read_only:
            clients.left.new_client_button.click()

    def import_records(self) -> None:
        from app.ui.file_commands import import_records_dialog

        records = self.window.records_service()
        if records is not None and import_records_dialog(self.window, records) and self.window.client_window:
            self.window.client_window._refresh_clients()

    def export_records(self) -> None:
        from app.ui.file_commands import export_records_dialog

        records = self.window.records_service()
        if records is not None:
            if self.window.client_window is not None:
                self.window.client_window.presenter.save_now()
            export_records_dialog(self.window, records)

    def export_chart(self) -> None:
        from app.ui.file_commands import export_chart_dialog

        muscle_id = self.window.controller.muscle_id
        if muscle_id is None:
            self.window.statusBar().showMessage("Select a muscle first: its chart is what gets exported.", 6000)
            return
        out = export_chart_dialog(self.window, self.window.service, muscle_id)
        if out is not None:
            self.window.statusBar().showMessage(f"Wrote {out}", 8000)

    def export_review_sheet(self) -> None:
        from app.ui.file_commands import export_review_sheet

        if self.progress is not None:
            self.progress.dialog.raise_()
            return
        self.progress = export_review_sheet(self.window, self.window.service)
        if self.progress is not None:
            self.progress.sig_finished.connect(lambda _ok, _message: setattr(self, "progress", None))

    def print_map(self) -> None:
        from app.ui.file_commands import print_map

        if print_map(self.window, self.window.body_map):
            self.window.statusBar().showMessage("Sent the map to the printer.", 6000)

    # View --------------------------------------------------------------------------------------
    def _view(self) -> None:
        w, menu = self.window, self.view_menu
        views = QActionGroup(w)
        self.view_actions: dict[str, QAction] = {}
        for i, (name, spec) in enumerate(w.service.views.items(), 1):
            action = command(w, f"&{spec.title}", f"Ctrl+{i}", lambda v=name: w.show_view(v), checkable=True,
                             tip=f"Show the {spec.title.lower()} view")
            views.addAction(action)
            menu.addAction(action)
            self.view_actions[name] = action
        menu.addSeparator()
        layers = QActionGroup(w)
        self.layer_actions: dict[str, QAction] = {}
        all_layers = list(dict.fromkeys(layer for spec in w.service.views.values() for layer in spec.layers))
        for i, layer in enumerate(all_layers, 1):
            action = command(w, f"{layer.capitalize()} layer", LAYER_KEYS.get(layer, f"Alt+{i}"),
                             lambda name=layer: w.show_layer(name), checkable=True,
                             tip=f"Show the {layer} muscles")
            layers.addAction(action)
            menu.addAction(action)
            self.layer_actions[layer] = action
        menu.addSeparator()
        body_map = w.body_map
        self.zoom_in_action = command(w, "Zoom &in", Key.ZoomIn, lambda: body_map.zoom(1.25))
        self.zoom_out_action = command(w, "Zoom &out", Key.ZoomOut, lambda: body_map.zoom(0.8))
        self.fit_action = command(w, "&Fit to window", "Ctrl+0", body_map.fit, tip="Show the whole body")
        self.pin_action = command(w, "&Keep this view", "Ctrl+L", None, checkable=True,
                                  tip="Stay on this view when selecting a muscle, trigger point or condition")
        self.pin_action.toggled.connect(lambda on: setattr(w.controller, "pinned", on))
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_action, self.pin_action):
            menu.addAction(action)
        menu.addSeparator()
        theme_menu = menu.addMenu("&Theme")
        themes = QActionGroup(w)
        self.theme_actions: dict[str, QAction] = {}
        current = saved_theme()
        for name in THEMES:
            action = command(w, name.capitalize(), THEME_KEYS[name], lambda n=name: apply_theme(n), checkable=True,
                             tip=f"{name.capitalize()} colours" if name != "system" else "Follow the system's colours")
            action.setChecked(name == current)
            themes.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[name] = action
        if current != "system":
            apply_theme(current, remember=False)  # the choice made in an earlier session

    def sync_view(self, view: str, layer: str, layers: tuple[str, ...]) -> None:
        """Tick the shown view and layer; layers this view does not have are disabled."""
        self.view_actions[view].setChecked(True)
        for name, action in self.layer_actions.items():
            action.setEnabled(name in layers)
            action.setChecked(name == layer)

    # Tools -------------------------------------------------------------------------------------
    def _tools(self) -> None:
        w, menu = self.window, self.tools_menu
        modes = QActionGroup(w)
        self.explore_action = command(w, "&Explore muscles", "Ctrl+M", None, checkable=True,
                                      tip="Hover to name a muscle, click it for its card and pattern")
        self.pain_action = command(w, "&Where does it hurt?", "Ctrl+H", None, checkable=True,
                                   tip="Click skin areas to rank the trigger points that refer pain there")
        self.explore_action.setChecked(True)
        for action, mode in ((self.explore_action, EXPLORE), (self.pain_action, WHERE_IT_HURTS)):
            modes.addAction(action)
            menu.addAction(action)
            action.toggled.connect(lambda on, m=mode: on and w.set_mode(m))
        menu.addSeparator()
        self.clients_action = command(w, "&Clients && pain maps…", "Ctrl+K", w.open_clients,
                                      tip="Clients, visits and painted pain maps")
        self.find_action = command(w, "&Find…", Key.Find, lambda: w.search.edit.setFocus(),
                                   tip="Search muscles, conditions and symptoms")
        self.quiz_action = command(w, "&Quiz", "Ctrl+U", lambda: w.tabs.setCurrentWidget(w.quiz_panel),
                                   tip="Which muscle refers pain in this pattern?")
        for action in (self.clients_action, self.find_action, self.quiz_action):
            menu.addAction(action)

    # Help --------------------------------------------------------------------------------------
    def _help(self) -> None:
        w, menu = self.window, self.help_menu
        self.shortcuts_action = command(w, "&Keyboard shortcuts", "Ctrl+/", self.show_shortcuts,
                                        tip="Every command and its keys")
        self.guide_action = command(w, "&User guide", Key.HelpContents, self.show_user_guide,
                                    tip="How to use Trigger Point Explorer")
        self.about_action = command(w, "&About", "Ctrl+Shift+A", w.show_about,
                                    tip="Sources, atlas licence and disclaimer")
        for action in (self.shortcuts_action, self.guide_action, self.about_action):
            menu.addAction(action)

    def _keep(self, dialog) -> None:
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]
        dialog.show()

    def show_shortcuts(self):
        from app.ui.help_dialogs import shortcuts_dialog

        dialog = shortcuts_dialog(self.window.menuBar(), self.window)
        self._keep(dialog)
        return dialog

    def show_user_guide(self):
        from app.ui.help_dialogs import user_guide_dialog

        dialog = user_guide_dialog(self.window)
        self._keep(dialog)
        return dialog

