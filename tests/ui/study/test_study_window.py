"""The study window driven as a student drives it: real clicks, drags, keys and actions."""

from __future__ import annotations

import json
import zipfile

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from tests.ui.study.conftest import start_deck, viewport_point


def _drag(win, points: list[tuple[float, float]]) -> None:
    """Press, move through the points and release on the map's viewport, like a brush stroke."""
    viewport = win.map.viewport()
    pixels = [viewport_point(win, x, y) for x, y in points]
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixels[0])
    for pixel in pixels[1:]:
        # QTest.mouseMove sends no held buttons; a real drag does.
        QApplication.sendEvent(viewport, QMouseEvent(QEvent.Type.MouseMove, QPointF(pixel), QPointF(viewport.mapToGlobal(pixel)),
                                                     Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                                                     Qt.KeyboardModifier.NoModifier))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixels[-1])


def _score(win) -> float:
    return win.presenter.outcome.score


def _zigzag(x0: float, x1: float, y0: float, y1: float, rows: int = 7) -> list[tuple[float, float]]:
    points = []
    for i in range(rows):
        y = y0 + (y1 - y0) * i / (rows - 1)
        points += [(x0, y), (x1, y)] if i % 2 == 0 else [(x1, y), (x0, y)]
    return points


def test_painting_the_zone_with_the_mouse_scores_it_and_shows_the_overlay(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["paint:supinator_trp1"])
    assert win.map.tool is win.presenter.brush
    win.size_spin.setValue(20)
    view = win.presenter.view
    zone = win.service.study.patterns["supinator_trp1"].both_sides(view).essential
    part = max(zone.geoms, key=lambda g: g.area) if hasattr(zone, "geoms") else zone
    minx, miny, maxx, maxy = part.bounds
    _drag(win, _zigzag(minx + 6, maxx - 6, miny + 6, maxy - 6))  # one brush drag over one side's zone
    assert not win.presenter.paint.pain.is_empty()
    QTest.mouseClick(win.panel.check_button, Qt.MouseButton.LeftButton)
    assert _score(win) > 0.8
    assert "Score" in win.panel.feedback.text() and "Answer:" in win.panel.feedback.text()
    assert win.map.legend.isVisible() and win.map.pattern_item_count() > 0
    # the judged paint of this view, in the four colours the legend names (not "you painted nothing")
    assert win.map.legend.texts()[:2] == ["Hit: essential zone painted", "Missed: essential zone not painted"]
    assert win.map.tool is None  # no more painting once judged


def test_a_stroke_far_from_the_zone_scores_zero_and_undo_takes_strokes_back(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["paint:supinator_trp1"])
    _drag(win, [(120, 180), (160, 200), (180, 230)])  # the neck
    _drag(win, [(130, 300), (170, 320)])
    assert win.undo_action.isEnabled()
    QTest.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(win.presenter.paint.pain.marks(win.presenter.view)) == 1
    win.undo_action.trigger()
    assert win.presenter.paint.pain.is_empty()
    win.redo_action.trigger()
    QTest.mouseClick(win.panel.check_button, Qt.MouseButton.LeftButton)
    assert _score(win) == 0.0


def test_check_without_paint_asks_for_paint(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["paint:supinator_trp1"])
    QTest.mouseClick(win.panel.check_button, Qt.MouseButton.LeftButton)
    assert win.presenter.outcome is None and "Paint" in win.panel.feedback.text()


def test_name_card_by_button_then_by_typing(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["name:trapezius_trp1", "name:supinator_trp1"])
    card = win.presenter.question.card
    answer = win.service.catalog.trigger_point(card.target).muscle_id
    button = next(b for b in win.panel.buttons if b.isVisible() and b.property("choice_id") == answer)
    q = win.presenter.question
    zone = win.service.study.patterns[card.target].zones[q.side][q.view].essential
    drawn = win.map.essential_path().boundingRect()  # the shown side's essential zone, not just "something"
    assert (drawn.left(), drawn.top(), drawn.right(), drawn.bottom()) == pytest.approx(zone.bounds, abs=0.5)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert _score(win) == 1.0 and "Correct" in win.panel.feedback.text()
    QTest.mouseClick(win.panel.next_button, Qt.MouseButton.LeftButton)
    other = win.service.catalog.trigger_point(win.presenter.question.card.target).muscle_id
    wrong = "supinatr" if other == "trapezius" else "trapezuis"  # a typo of the other muscle
    QTest.keyClicks(win.panel.typed, wrong)
    QTest.keyClick(win.panel.typed, Qt.Key.Key_Return)
    assert _score(win) == 0.0 and "reads as" in win.panel.feedback.text()


def test_locate_card_by_clicking_the_map(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["locate:supinator_trp1"])
    view = win.presenter.view
    assert win.layer_combo.currentData() == win.presenter.layer == win.presenter.question.layer
    box = win.presenter.question.box  # the muscle's body region: the map shows it large (30 mm margin)
    if box is not None:
        spec = win.service.catalog.views[view]
        visible = win.map.mapToScene(win.map.viewport().rect()).boundingRect()
        box_w = min(box[2] + 30, spec.width) - max(box[0] - 30, 0)
        box_h = min(box[3] + 30, spec.height) - max(box[1] - 30, 0)
        assert min(visible.width() / box_w, visible.height() / box_h) < 1.05
    x, y, _side = win.service.study.patterns["supinator_trp1"].placements[view][0]
    QTest.mouseClick(win.map.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     viewport_point(win, x + 2, y + 2))
    QTest.keyClick(win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _score(win) == 1.0 and "mm from the trigger point" in win.panel.feedback.text()


def test_condition_card_ticked_with_the_keyboard(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["condition:tension_type_headache"])
    options = win.panel.options
    row = next(i for i in range(options.count()) if options.item(i).data(Qt.ItemDataRole.UserRole) == "trapezius")
    options.setCurrentRow(row)
    QTest.keyClick(options, Qt.Key.Key_Space)
    QTest.mouseClick(win.panel.check_button, Qt.MouseButton.LeftButton)
    assert _score(win) == 1.0
    assert "✓ key" in options.item(row).text()


def test_reviews_are_saved_and_the_queue_ends(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["condition:tension_type_headache"])
    QTest.mouseClick(win.panel.check_button, Qt.MouseButton.LeftButton)  # nothing ticked: Again
    profile = win.profile
    assert len(win.service._repo.reviews(profile.id)) == 1
    QTest.mouseClick(win.panel.next_button, Qt.MouseButton.LeftButton)
    assert win.presenter.question is None and "Done" in win.panel.prompt.text()


def test_hover_names_are_hidden_during_a_question(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["name:trapezius_trp1"])
    QTest.mouseMove(win.map.viewport(), viewport_point(win, 150, 175))  # over the trapezius
    texts = [win.status.text(), win.panel.prompt.text(), win.map.viewport().toolTip()]
    assert not any("Trapezius" in t for t in texts)


def test_new_student_button(study_window, qtbot, monkeypatch) -> None:
    win = study_window
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Beatriz", True))
    QTest.mouseClick(win.new_profile_button, Qt.MouseButton.LeftButton)
    assert win.profile.name == "Beatriz"
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    QTest.mouseClick(win.new_profile_button, Qt.MouseButton.LeftButton)
    assert warnings == ["a student profile named 'Beatriz' already exists"]


def test_import_export_and_bad_import_through_the_actions(study_window, qtbot, monkeypatch, tmp_path) -> None:
    win = study_window
    deck = win.service.create_deck("Elbow", "", ["paint:supinator_trp1", "locate:supinator_trp1"])
    win.refresh_decks(select=deck.id)
    target = tmp_path / "elbow.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    win.export_action.trigger()
    assert json.loads(target.read_text())["cards"] == ["paint:supinator_trp1", "locate:supinator_trp1"]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    count = win.deck_list.count()
    win.import_action.trigger()
    assert win.deck_list.count() == count + 1
    bad = tmp_path / "bad.json"
    doc = json.loads(target.read_text())
    doc["cards"].append("paint:nobody_trp1")  # good cards first: nothing of them may be kept
    bad.write_text(json.dumps(doc))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    win.import_action.trigger()
    assert win.deck_list.count() == count + 1 and len(warnings) == 1
    assert "not a card of this catalog" in warnings[0] and "nothing was changed" in warnings[0]


def test_anki_export_action(study_window, qtbot, monkeypatch, tmp_path) -> None:
    win = study_window
    target = tmp_path / "all.apkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    win.anki_action.trigger()
    qtbot.waitUntil(lambda: "Anki package written" in win.status.text(), timeout=10000)
    with zipfile.ZipFile(target) as package:
        assert "collection.anki2" in package.namelist()


def test_progress_action_opens_the_chart(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["condition:tension_type_headache"])
    QTest.mouseClick(win.panel.check_button, Qt.MouseButton.LeftButton)
    win.progress_action.trigger()
    from app.ui.study.progress_dialog import ProgressDialog

    dialogs = win.findChildren(ProgressDialog)
    assert dialogs and "Retention" in dialogs[-1].summary.text() and dialogs[-1].chart.daily[-1][1] == 1


def test_new_deck_dialog_builds_a_custom_deck(study_window, qtbot, monkeypatch) -> None:
    win = study_window
    from app.ui.study.deck_builder import DeckBuilderDialog

    def fill_and_accept(dialog: DeckBuilderDialog) -> int:
        QTest.keyClicks(dialog.name, "Elbow drill")
        QTest.keyClicks(dialog.filter, "supinator")
        visible = [dialog.cards.item(i) for i in range(dialog.cards.count()) if not dialog.cards.item(i).isHidden()]
        assert len(visible) == 3
        QTest.mouseClick(dialog.tick_shown, Qt.MouseButton.LeftButton)
        assert dialog.count.text() == "3 card(s) ticked"
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(DeckBuilderDialog, "exec", fill_and_accept)
    win.new_deck_action.trigger()
    assert win.service.deck(win.deck_id).name == "Elbow drill" and len(win.service.deck(win.deck_id).cards) == 3


def test_exam_gives_no_feedback_until_the_end_then_a_pdf(study_window, qtbot, monkeypatch, tmp_path) -> None:
    win = study_window
    win.service.add_profile("Ana")
    win.refresh_profiles()
    deck = win.service.create_deck("Exam deck", "", ["condition:tension_type_headache", "locate:supinator_trp1"])
    win.refresh_decks(select=deck.id)
    def two_questions(dialog: QInputDialog) -> int:
        assert dialog.intValue() == 2  # the default: min(10, deck size)
        dialog.setIntValue(2)
        return QInputDialog.DialogCode.Accepted

    monkeypatch.setattr(QInputDialog, "exec", two_questions)
    QTest.mouseClick(win.exam_button, Qt.MouseButton.LeftButton)
    for _ in range(2):
        card = win.presenter.question.card
        if card.kind == "condition":
            QTest.mouseClick(win.panel.check_button, Qt.MouseButton.LeftButton)
        else:
            x, y, _s = win.service.study.patterns[card.target].placements[win.presenter.view][0]
            QTest.mouseClick(win.map.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             viewport_point(win, x, y))
            assert win.panel.feedback.text() == ""
            QTest.mouseClick(win.panel.check_button, Qt.MouseButton.LeftButton)
            assert "Score" not in win.panel.feedback.text()
    assert win.exam.finished and "Exam finished: 50%" in win.panel.feedback.text()
    assert "The right answers" in win.panel.feedback.text() and "Supinator TrP" in win.panel.feedback.text()
    assert win.service._repo.reviews(win.profile.id) == []  # an exam does not move the schedule
    pdf = tmp_path / "exam.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    QTest.mouseClick(win.panel.next_button, Qt.MouseButton.LeftButton)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Ana" in text and "Exam deck" in text and "50%" in text


def test_eraser_clear_and_fit_actions_and_ctrl_n_only_after_answering(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["paint:supinator_trp1", "locate:supinator_trp1"])
    first = win.presenter.question.card
    _drag(win, [(110, 420), (190, 430), (190, 480), (110, 490)])
    painted = win.presenter.paint.pain.painted(win.presenter.view).area
    win.eraser_action.trigger()
    assert win.map.tool is win.presenter.eraser and not win.brush_action.isChecked()
    _drag(win, [(110, 420), (190, 430)])
    assert 0 < win.presenter.paint.pain.painted(win.presenter.view).area < painted
    win.brush_action.trigger()
    assert win.map.tool is win.presenter.brush
    win.clear_action.trigger()
    assert win.presenter.paint.pain.is_empty()
    QTest.keyClick(win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert win.presenter.question.card == first  # not answered yet: Ctrl+N does not skip the card
    win.map.zoom(3.0)
    win.fit_action.trigger()
    _drag(win, [(110, 420), (190, 480)])
    QTest.keyClick(win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert win.presenter.outcome is not None
    QTest.keyClick(win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert win.presenter.question.card != first


def test_paint_on_two_views_through_the_view_picker(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["paint:supinator_trp1"])
    pattern = win.service.study.patterns["supinator_trp1"]
    for view in ("anterior", "posterior"):
        win.view_combo.setCurrentIndex(win.view_combo.findData(view))
        assert win.presenter.view == view
        zone = pattern.zones["right"][view].essential
        minx, miny, maxx, maxy = zone.bounds
        _drag(win, _zigzag(minx + 6, maxx - 6, miny + 6, maxy - 6))
    assert win.presenter.paint.pain.views() == ["anterior", "posterior"]
    QTest.mouseClick(win.panel.check_button, Qt.MouseButton.LeftButton)
    assert _score(win) > 0.8 and set(win.presenter.outcome.paint.overlays) == {"anterior", "posterior"}


def test_new_cards_a_day_limits_the_queue(study_window, qtbot) -> None:
    win = study_window
    win.service.add_profile("Ana")
    win.refresh_profiles()
    win.new_per_day.setValue(2)
    assert win.service.profile("Ana").new_per_day == 2
    win.refresh_decks(select="all")
    QTest.mouseClick(win.study_button, Qt.MouseButton.LeftButton)
    assert len(win.queue) == 1  # two new cards today: one on screen, one waiting


def test_delete_deck_only_for_custom_decks_and_only_when_confirmed(study_window, qtbot, monkeypatch) -> None:
    win = study_window
    deck = win.service.create_deck("Old week", "", ["paint:supinator_trp1"])
    win.refresh_decks(select=deck.id)
    assert win.delete_deck_action.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    win.delete_deck_action.trigger()
    assert any(d.id == deck.id for d in win.service.decks())
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    win.delete_deck_action.trigger()
    assert all(d.id != deck.id for d in win.service.decks()) and win.deck_id == "all"
    assert not win.delete_deck_action.isEnabled()  # built-in decks cannot be deleted
