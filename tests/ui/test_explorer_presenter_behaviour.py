"""The explorer's presenter as a person meets it: what the status bar says under the pointer, what a
click on a bone, a second Ctrl+H or a condition chosen while ranking pain does (and leaves alone),
the quiz's unnamed pattern, and what a turn of the view says.

Mini catalog (tests/support/mini_catalog.py): anterior view, client's right at x < 200; skin bands
temple (y 50-150), posterior neck (150-250), upper thoracic back (250-400), lateral epicondyle
(400-500), dorsal forearm (500-950); humerus (a bone) at x 140-160, y 250-400 on the client's right.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from app.ui.explorer import PAIN_PROMPT, WHERE_IT_HURTS


def _screen(window, x: float, y: float):
    return window.body_map.mapFromScene(QPointF(x, y))


def _click(qtbot, window, x: float, y: float, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton, modifier, _screen(window, x, y))


def _hover(qtbot, window, x: float, y: float) -> None:
    qtbot.mouseMove(window.body_map.viewport(), _screen(window, x, y))
    QApplication.processEvents()


def _pain_mode(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)


def test_in_where_does_it_hurt_the_pointer_names_the_skin_area_and_the_clients_side(window, qtbot) -> None:
    _pain_mode(qtbot, window)
    _hover(qtbot, window, 250, 700)  # a real move first: the next one is a change
    _hover(qtbot, window, 170, 100)
    qtbot.waitUntil(lambda: window.hover_label.text() == "Temple, client's right")
    assert window.body_map._highlight.path().contains(QPointF(150, 100))  # the whole band, not the muscle
    assert not window.body_map._highlight.path().contains(QPointF(250, 100))
    _hover(qtbot, window, 230, 450)
    qtbot.waitUntil(lambda: window.hover_label.text() == "Lateral epicondyle, client's left")
    _hover(qtbot, window, 40, 450)  # beside the body: nothing to name
    qtbot.waitUntil(lambda: window.hover_label.text() == "")
    assert window.body_map._highlight.path().isEmpty()


def test_in_explore_the_pointer_names_the_muscle_and_nothing_beside_the_body(window, qtbot) -> None:
    _hover(qtbot, window, 250, 700)
    _hover(qtbot, window, 115, 425)
    qtbot.waitUntil(lambda: window.hover_label.text() == "Supinator, right")
    _hover(qtbot, window, 40, 425)
    qtbot.waitUntil(lambda: window.hover_label.text() == "")
    assert window.body_map._highlight.path().isEmpty()


def test_a_click_on_a_bone_names_it_and_opens_no_card(window, qtbot) -> None:
    welcome = window.info.toPlainText()
    _click(qtbot, window, 150, 300)  # humerus, client's right
    assert window.hover_label.text() == "Humerus, right"
    assert window.controller.muscle_id is None and window.info.toPlainText() == welcome
    assert window.body_map.pattern_item_count() == 0
    _click(qtbot, window, 40, 300)  # beside the body: nothing happens, the name stays
    assert window.hover_label.text() == "Humerus, right" and window.controller.muscle_id is None


def test_a_ctrl_click_in_explore_is_a_plain_click(window, qtbot) -> None:
    _click(qtbot, window, 285, 425, Qt.KeyboardModifier.ControlModifier)  # supinator, client's left
    assert window.controller.muscle_id == "supinator" and window.controller.trp_side == "left"
    assert "Supinator" in window.info.toPlainText() and window.controller.areas == []


def test_asking_again_for_the_mode_already_on_keeps_the_chosen_areas_and_their_ranking(window, qtbot) -> None:
    _pain_mode(qtbot, window)
    _click(qtbot, window, 170, 100)  # temple, client's right
    rows = window.candidates.labels()
    assert rows and window.controller.areas == [("temple", "right")]
    _pain_mode(qtbot, window)  # the checked action: Qt asks nothing of the presenter ...
    window.controller.set_mode(WHERE_IT_HURTS)  # ... but a caller that does must not clear the pain
    assert window.controller.areas == [("temple", "right")] and window.candidates.labels() == rows
    assert [c.text() for c in window.candidates.chips.chips] == ["Temple, client's right  ✕"]


def test_the_last_area_removed_brings_back_the_prompt(window, qtbot) -> None:
    _pain_mode(qtbot, window)
    _click(qtbot, window, 170, 450)  # lateral epicondyle, client's right
    assert window.candidates.heading.text() == \
        "Pain at: Lateral epicondyle, client's right — best candidates first"
    assert window.candidates.labels()[0].startswith("1. Supinator TrP — Supinator, client's right")
    _click(qtbot, window, 230, 450, Qt.KeyboardModifier.ControlModifier)  # + the left one
    assert window.candidates.heading.text() == ("Pain at: Lateral epicondyle, client's right; "
                                                "Lateral epicondyle, client's left — best candidates first")
    _click(qtbot, window, 170, 450, Qt.KeyboardModifier.ShiftModifier)
    _click(qtbot, window, 230, 450, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.areas == [] and window.controller.last_candidates == []
    assert window.candidates.labels() == [] and window.candidates.heading.text() == PAIN_PROMPT
    assert window.body_map._marked.path().isEmpty()


def test_a_ctrl_click_beside_the_body_changes_no_area(window, qtbot) -> None:
    _pain_mode(qtbot, window)
    _click(qtbot, window, 170, 100)
    _click(qtbot, window, 40, 100, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.areas == [("temple", "right")]


def test_a_click_beside_the_body_in_where_does_it_hurt_ranks_the_spot_and_drops_the_areas(window, qtbot) -> None:
    _pain_mode(qtbot, window)
    _click(qtbot, window, 170, 100)
    _click(qtbot, window, 40, 100)  # no skin area here: the spot itself is ranked
    assert window.controller.areas == [] and window.candidates.chips.chips == []
    assert window.body_map._marked.path().isEmpty()
    # Beside the body no pattern reaches: the list says so under the spot's heading.
    assert window.service.candidates_at("anterior", 40, 100) == [] and window.controller.last_candidates == []
    assert window.candidates.heading.text().splitlines() == [
        "Pain at the clicked spot — best candidates first", "No trigger point in the catalog refers pain here."]
    assert window.candidates.labels() == []


def test_a_condition_chosen_while_ranking_pain_shows_its_page_but_keeps_the_map(window, qtbot) -> None:
    _pain_mode(qtbot, window)
    _click(qtbot, window, 170, 100)
    window.tabs.setCurrentWidget(window.conditions)
    item = window.conditions.list.item(0)
    qtbot.mouseClick(window.conditions.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.conditions.list.visualItemRect(item).center())
    assert "Tension-type headache" in window.info.toPlainText()
    assert window.controller.condition_id is None and window.controller.areas == [("temple", "right")]
    assert window.body_map.essential_path().isEmpty() and window.body_map.legend.texts() == []
    assert window.body_map._marked.path().contains(QPointF(170, 100))


def test_a_condition_shows_its_zones_large(window, qtbot) -> None:
    before = window.body_map.transform().m11()
    window.tabs.setCurrentWidget(window.conditions)
    item = window.conditions.list.item(0)
    qtbot.mouseClick(window.conditions.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.conditions.list.visualItemRect(item).center())
    # The headache's zones (temple to epicondyle, y 50-500) are half of the body's height: zoomed in.
    assert window.body_map.transform().m11() > 1.3 * before
    visible = window.body_map.mapToScene(window.body_map.viewport().rect()).boundingRect()
    assert visible.top() < 60 and visible.bottom() > 490 and visible.bottom() < 900


def test_turning_to_the_view_of_the_pattern_says_why_and_a_pinned_view_does_not_turn(window, qtbot) -> None:
    _click(qtbot, window, 150, 175)  # upper trapezius on the anterior view: its TrP is on the posterior
    assert window.controller.view == "posterior"
    assert window.statusBar().currentMessage() == (
        "Turned from the anterior to the posterior view, which shows most of the essential zone "
        "(View → Keep this view, Ctrl+L, stays put).")
    assert window.view_combo.currentData() == "posterior"
    window.statusBar().clearMessage()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    _click(qtbot, window, 150, 175)
    assert window.controller.view == "anterior" and window.statusBar().currentMessage() == ""
    assert not window.body_map.essential_path().isEmpty()  # the temple part is drawn where we are


def test_a_view_change_empties_the_status_of_what_was_under_the_pointer(window, qtbot) -> None:
    _click(qtbot, window, 150, 300)
    assert window.hover_label.text() == "Humerus, right"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.hover_label.text() == "" and window.controller.view == "posterior"


def test_the_quiz_shows_an_unnamed_pattern(window, qtbot) -> None:
    _click(qtbot, window, 285, 425)  # a selection from before the quiz: supinator, client's left
    assert window.controller.trp_side == "left"
    window.tabs.setCurrentWidget(window.quiz_panel)  # the tab asks its first question
    assert window.question is not None
    assert window.controller.muscle_id is None and window.controller.trp_id is None
    assert window.controller.trp_side == "right" and window.hover_label.text() == ""
    assert window.body_map._selection.path().isEmpty()  # nothing named, no outline to give it away
    assert window.body_map.pattern_item_count() > 0 and not window.body_map.essential_path().isEmpty()
    drawn = window.body_map.essential_path().boundingRect()
    # Always the client's right: the viewer's left on the anterior view, the viewer's right behind.
    assert drawn.right() <= 200 if window.controller.view == "anterior" else drawn.left() >= 200


def test_the_quiz_pattern_is_shown_large_on_the_view_that_shows_most_of_it(window, qtbot) -> None:
    fitted = window.body_map.transform().m11()
    window.controller.show_pattern_only("trapezius_trp1")  # temple, neck and acromion: the top quarter
    assert window.controller.view == "posterior"  # where its TrP is
    assert window.body_map.transform().m11() > 1.8 * fitted
    visible = window.body_map.mapToScene(window.body_map.viewport().rect()).boundingRect()
    pattern = window.body_map.essential_path().boundingRect()
    assert pattern.left() >= 199 and pattern.top() <= 51 and pattern.bottom() >= 249  # client's right, posterior
    assert visible.contains(pattern.adjusted(-20, -20, 20, 20))
    # The pattern (y 50-250) with 90 mm of context below it, no more: the map shows y 0 to about 340.
    assert 300 < visible.bottom() < 380 and visible.center().x() > 200


def test_a_technique_page_without_a_selected_muscle_has_no_back_link(window, qtbot) -> None:
    window.controller.show_technique("ischemic_compression")
    page = window.info.toPlainText()
    assert "Sustained pressure." in page and "Back to" not in page
    window.controller.show_technique("no_such_technique")  # a stale link: the page stays
    assert window.info.toPlainText() == page
    window.controller.show_card()  # no muscle selected: nothing to go back to
    assert window.info.toPlainText() == page


def _badges(window) -> list[str]:
    return sorted(i.text for i in window.body_map._pattern_items if type(i).__name__ == "NumberBadge")


def test_one_selected_trigger_point_of_six_is_drawn_alone_and_the_muscle_draws_all(real_window, qtbot) -> None:
    """Shipped catalog: the deltoid has six TrPs; a candidate or card link selects one of them."""
    controller = real_window.controller
    controller.select_trigger_point("deltoid_trp_middle", "right")
    assert controller.trp_id == "deltoid_trp_middle" and len(_badges(real_window)) == 1
    controller.show_muscle("deltoid")
    assert controller.trp_id is None and len(_badges(real_window)) > 1


def test_a_condition_stays_chosen_on_a_view_without_its_zones(real_window, qtbot) -> None:
    """Shipped catalog: carpal tunnel syndrome's muscles draw nothing on the plantar view; turning there
    shows an empty map (and the zones again on the way back), it does not fail."""
    controller = real_window.controller
    controller.show_condition("carpal_tunnel_syndrome")
    assert not real_window.body_map.essential_path().isEmpty()
    qtbot.mouseClick(real_window.strip.buttons["plantar"], Qt.MouseButton.LeftButton)
    assert controller.view == "plantar" and controller.condition_id == "carpal_tunnel_syndrome"
    assert real_window.body_map.essential_path().isEmpty() and real_window.body_map.legend.texts() == []
    qtbot.mouseClick(real_window.strip.buttons["anterior"], Qt.MouseButton.LeftButton)
    assert not real_window.body_map.essential_path().isEmpty()


def test_a_condition_turns_the_map_to_the_view_that_shows_most_of_it(real_window, qtbot) -> None:
    """Shipped catalog: Achilles tendinopathy's muscles draw nothing on the anterior view."""
    controller = real_window.controller
    assert controller.view == "anterior"
    controller.show_condition("achilles_tendinopathy")
    assert controller.view != "anterior" and controller.condition_id == "achilles_tendinopathy"
    assert real_window.view_combo.currentData() == controller.view
    assert not real_window.body_map.essential_path().isEmpty()


def test_the_quiz_pattern_stays_on_the_view_shown_when_another_shows_it_as_well(window, qtbot) -> None:
    """The supinator's pattern and TrP are as large on both views: the map does not turn for nothing."""
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    window.controller.show_pattern_only("supinator_trp1")
    assert window.controller.view == "posterior" and not window.body_map.essential_path().isEmpty()


def test_a_pattern_off_the_pinned_view_says_where_it_is(real_window, qtbot) -> None:
    """Shipped catalog: the upper trapezius draws nothing on the plantar view; pinned there, the
    status bar says which views show it."""
    real_window.menus.view_actions["plantar"].trigger()
    qtbot.keyClick(real_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    real_window.controller.show_muscle("trapezius")
    assert real_window.controller.view == "plantar"
    text = real_window.hover_label.text()
    assert text.startswith("This pattern is on the ") and "posterior" in text
    assert text.endswith(" view: see the thumbnails below the map.") and "plantar" not in text
