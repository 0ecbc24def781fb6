from __future__ import annotations

from PySide6.QtCore import QPointF, Qt


def _at(window, x: float, y: float):
    return window.body_map.mapFromScene(QPointF(x, y))


def test_clicking_the_right_temple_ranks_upper_trapezius_first(window, qtbot) -> None:
    window.pain_action.trigger()
    # Anterior view: the client's right temple is on the viewer's left (x < 200).
    qtbot.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton, pos=_at(window, 150, 100))
    labels = window.candidates.labels()
    assert labels and labels[0].startswith("1. Upper trapezius TrP1")
    assert "client's right" in window.candidates.heading.text()
    assert window.tabs.currentWidget() is window.candidates


def test_selecting_a_candidate_draws_its_pattern(window, qtbot) -> None:
    window.pain_action.trigger()
    qtbot.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton, pos=_at(window, 150, 100))
    assert window.body_map.pattern_item_count() == 0
    window.candidates.list.setCurrentRow(0)
    assert window.body_map.pattern_item_count() >= 2  # essential + spillover shapes
    assert window.controller.trp_id == "trapezius_trp1"


def test_hover_names_the_muscle_and_click_opens_its_card(window, qtbot) -> None:
    viewport = window.body_map.viewport()
    qtbot.mouseMove(viewport, _at(window, 150, 175))
    qtbot.waitUntil(lambda: "Trapezius (upper), right" in window.hover_label.text())
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=_at(window, 150, 175))
    html = window.info.toHtml()
    assert "Trapezius" in html and "Upper trapezius TrP1" in html and "Test nerve" in html
    assert window.controller.muscle_id == "trapezius"


def test_view_and_layer_switch(window) -> None:
    window.view_combo.setCurrentIndex(window.view_combo.findData("posterior"))
    assert window.controller.view == "posterior"
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("deep"))
    assert window.controller.layer == "deep"
    assert [window.layer_combo.itemData(i) for i in range(window.layer_combo.count())] == ["superficial", "deep"]


def test_search_with_keyboard(window, qtbot) -> None:
    qtbot.keyClicks(window.search.edit, "supinatr")
    assert window.search.results.isVisible() and window.search.results.count() >= 1
    qtbot.keyClick(window.search.edit, Qt.Key.Key_Return)
    assert window.controller.muscle_id == "supinator"
    assert "Supinator" in window.info.toHtml()


def test_condition_browser_and_links(window, qtbot) -> None:
    window.conditions.list.setCurrentRow(0)
    html = window.info.toHtml()
    assert "Tension-type headache" in html and "Red flags" in html
    window._follow_link(__import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl("muscle:trapezius"))
    assert window.controller.muscle_id == "trapezius"


def test_zoom_and_fit(window) -> None:
    before = window.body_map.transform().m11()
    window.body_map.zoom(2.0)
    assert window.body_map.transform().m11() == before * 2.0
    window.body_map.fit()
    assert abs(window.body_map.transform().m11() - before) < 1e-6


def test_about_box_names_sources_licence_and_disclaimer(window) -> None:
    dialog = window.show_about()
    text = dialog.text.toPlainText()
    assert "Trigger Point Manual" in text and "CC BY-SA 4.0" in text and "does not diagnose" in text
    dialog.close()


def test_quiz_shows_a_pattern_and_scores_answers(window, qtbot) -> None:
    question = window.next_question(seed=1)
    assert window.tabs.currentWidget() is window.quiz_panel
    assert window.body_map.pattern_item_count() >= 2
    assert window.controller.muscle_id is None  # the map names nothing
    labels = {b.property("muscle_id"): b for b in window.quiz_panel.buttons if b.isVisible()}
    assert question.answer in labels
    qtbot.mouseClick(labels[question.answer], Qt.MouseButton.LeftButton)
    assert "Correct" in window.quiz_panel.feedback.text()
    assert window.quiz_panel.score.text() == "1 of 1 correct"


def test_clients_window_opens_once_and_writable(window, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TPX_DATABASE_URL", f"sqlite:///{tmp_path / 'records.db'}")
    first = window.open_clients()
    assert first is not None and not first.presenter.records.read_only
    assert window.open_clients() is first
    first.presenter.records.close()
    first.close()


def test_corrupt_records_database_is_reported_not_overwritten(window, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    bad = tmp_path / "records.db"
    bad.write_bytes(b"definitely not sqlite" * 50)
    monkeypatch.setenv("TPX_DATABASE_URL", f"sqlite:///{bad}")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    assert window.open_clients() is None
    assert shown and "cannot be opened" in shown[0]
    assert bad.read_bytes().startswith(b"definitely not sqlite")
