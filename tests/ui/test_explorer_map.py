"""What the explorer's map shows, read back from its pixels: the side clicked is the side drawn,
the side labels match the atlas on every view, essential zones are solid and spillover zones
stippled, and nothing stale stays on the map when the mode or the selection changes.

Mini catalog (tests/support/mini_catalog.py): the client's right is the viewer's left on the
anterior view (x < 200) and the viewer's right on the posterior view (x > 200).  Supinator TrP:
essential zone the lateral epicondyle band (y 400-500), spillover the dorsal forearm (y 500-950)
and the temple (y 50-150).  Upper trapezius TrP1: essential temple and posterior neck.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication


def _screen(window, x: float, y: float) -> QPoint:
    return window.body_map.mapFromScene(QPointF(x, y))


def _click(qtbot, window, x: float, y: float, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton, modifier, _screen(window, x, y))


def _red_share(image: QImage, window, x: float, y: float, radius: int = 6) -> float:
    """Share of clearly red pixels in a small square around a scene point."""
    centre = _screen(window, x, y)
    red = total = 0
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            c = image.pixelColor(centre.x() + dx, centre.y() + dy)
            total += 1
            red += c.red() - c.green() > 60 and c.red() - c.blue() > 60
    return red / total


def _map_image(window) -> QImage:
    QApplication.processEvents()
    return window.body_map.viewport().grab().toImage()


def _mirror(x: float) -> float:
    return 400 - x


@pytest.mark.parametrize("view, right_x", [("anterior", 115), ("posterior", 285)])
def test_a_click_on_the_clients_right_draws_the_right_pattern_on_the_right_half(window, qtbot, view, right_x):
    qtbot.keyClick(window, Qt.Key.Key_1 if view == "anterior" else Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.view == view
    _click(qtbot, window, right_x, 425)  # supinator, client's right
    assert window.controller.view == view  # its pattern is as large on both views: no reason to turn
    assert "Supinator" in window.info.toPlainText()
    assert window.controller.trp_side == "right"
    image = _map_image(window)
    # Essential zone (lateral epicondyle band) on the client's right only.
    assert _red_share(image, window, 170 if right_x < 200 else 230, 470) > 0.95
    assert _red_share(image, window, _mirror(right_x), 470) == 0.0
    # The muscle's outline is selected on the clicked side.
    outline = window.body_map._selection.path().boundingRect()
    assert (outline.center().x() < 200) == (right_x < 200)


def test_clicking_the_clients_left_draws_the_left_pattern(window, qtbot) -> None:
    _click(qtbot, window, 285, 425)  # supinator; anterior view: the viewer's right is the client's left
    assert window.controller.trp_side == "left"
    image = _map_image(window)
    assert _red_share(image, window, 230, 470) > 0.95 and _red_share(image, window, 170, 470) == 0.0


@pytest.mark.parametrize("view", ["anterior", "posterior"])
def test_side_labels_name_the_side_the_atlas_draws_there(window, view) -> None:
    """The label over each half names the side whose right-side shapes lie in that half."""
    window.show_view(view)
    left_label, right_label = window.body_map.side_labels
    assert left_label.isVisible() and right_label.isVisible()
    assert left_label.geometry().right() < right_label.geometry().left()
    right_shapes = [r.geometry.centroid.x for r in window.service.regions(view, "superficial") if r.side == "right"]
    right_on_screen_left = sum(_screen(window, x, 500).x() for x in right_shapes) / len(right_shapes) \
        < window.body_map.viewport().width() / 2
    expected = ("Client's R", "Client's L") if right_on_screen_left else ("Client's L", "Client's R")
    assert window.body_map.side_label_texts() == expected
    assert expected == (("Client's R", "Client's L") if view == "anterior" else ("Client's L", "Client's R"))


def test_side_labels_keep_one_screen_size_and_stay_in_the_corners(window, qtbot) -> None:
    left, right = window.body_map.side_labels
    before = (left.size(), right.size())
    scale = window.body_map.transform().m11()
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.body_map.transform().m11() == pytest.approx(scale * 1.25 ** 4)
    assert (left.size(), right.size()) == before
    viewport = window.body_map.viewport().geometry()
    assert viewport.contains(left.geometry()) and viewport.contains(right.geometry())
    assert left.geometry().left() - viewport.left() < 12 and viewport.right() - right.geometry().right() < 12


def test_essential_is_solid_and_spillover_stippled_on_the_map_and_tagged_in_the_list(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    _click(qtbot, window, 170, 100)  # the client's right temple
    rows = window.candidates.labels()
    assert rows[0].startswith("1. Upper trapezius TrP1 — Trapezius, client's right  [ESSENTIAL")
    assert rows[1].startswith("2. Supinator TrP — Supinator, client's right  [spillover")
    # Choose the supinator row with the mouse: its essential zone is the epicondyle band, the
    # temple and forearm are spillover.
    item = window.candidates.list.item(1)
    rect = window.candidates.list.visualItemRect(item)
    qtbot.mouseClick(window.candidates.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.controller.trp_id == "supinator_trp1"
    image = _map_image(window)
    essential = _red_share(image, window, 170, 470)
    forearm, temple = _red_share(image, window, 170, 700), _red_share(image, window, 170, 120)
    assert essential > 0.95
    assert 0.04 < forearm < 0.4 and 0.04 < temple < 0.4  # stippled: some red dots, mostly not
    assert _red_share(image, window, 230, 470) == 0.0 and _red_share(image, window, 230, 700) == 0.0
    assert window.body_map.legend.texts() == ["trigger point (number as on the card)", "essential zone",
                                              "spillover zone"]


def test_the_selected_trigger_point_is_numbered_as_on_its_card(window, qtbot) -> None:
    _click(qtbot, window, 150, 175)  # upper trapezius, client's right, on the anterior view
    # Its TrP is drawn only on the posterior view (zones are as large on both): the map turns there.
    assert window.controller.view == "posterior"
    badges = [i for i in window.body_map._pattern_items if type(i).__name__ == "NumberBadge"]
    assert [b.text for b in badges] == ["1"]
    marker = badges[0].pos()
    trp = window.service.placements_for(["trapezius_trp1"])["trapezius_trp1"]
    assert [(p.view, p.side) for p in trp if (p.x, p.y) == (marker.x(), marker.y())] == [("posterior", "right")]
    assert "① " in window.info.toPlainText()


def test_several_areas_by_ctrl_click_rank_their_union_and_show_as_removable_chips(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    _click(qtbot, window, 170, 100)  # temple, client's right
    _click(qtbot, window, 230, 450, Qt.KeyboardModifier.ControlModifier)  # + lateral epicondyle, client's left
    _click(qtbot, window, 170, 450, Qt.KeyboardModifier.ShiftModifier)  # + lateral epicondyle, client's right
    chosen = [("temple", "right"), ("lateral_epicondyle", "left"), ("lateral_epicondyle", "right")]
    assert window.controller.areas == chosen
    assert [c.text() for c in window.candidates.chips.chips] == [
        "Temple, client's right  ✕", "Lateral epicondyle, client's left  ✕", "Lateral epicondyle, client's right  ✕"]
    expected = window.service.candidates_for_areas(chosen)
    assert [(r["trp_id"], r["side"]) for r in window.controller.last_candidates] == \
        [(c.trp_id, c.side) for c in expected[:40]]
    labels = window.candidates.labels()
    assert any("Supinator, client's left" in t for t in labels) and any("Supinator, client's right" in t for t in labels)
    marked = window.body_map._marked.path()
    assert marked.contains(_scene(170, 100)) and marked.contains(_scene(230, 450)) and not marked.contains(_scene(230, 100))
    # Ctrl+click on a chosen area removes it; the chip's ✕ removes another.
    _click(qtbot, window, 230, 450, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.areas == [("temple", "right"), ("lateral_epicondyle", "right")]
    qtbot.mouseClick(window.candidates.chips.chips[0], Qt.MouseButton.LeftButton)
    assert window.controller.areas == [("lateral_epicondyle", "right")]
    assert window.candidates.labels()[0].startswith("1. Supinator TrP — Supinator, client's right  [ESSENTIAL")


def _scene(x: float, y: float) -> QPointF:
    return QPointF(x, y)


def test_changing_mode_or_view_leaves_nothing_stale(window, qtbot) -> None:
    _click(qtbot, window, 150, 175)  # upper trapezius: its TrP is on the posterior view, the map turns there
    assert window.controller.view == "posterior" and not window.body_map.essential_path().isEmpty()
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)  # to Where does it hurt?
    assert window.body_map.essential_path().isEmpty() and window.body_map.pattern_item_count() == 0
    assert window.body_map._selection.path().isEmpty() and window.strip.views_with_pattern() == []
    assert window.body_map.legend.texts() == []  # no pattern, no key to it
    _click(qtbot, window, 230, 100)  # posterior view: the client's right temple
    assert window.controller.areas == [("temple", "right")]
    qtbot.mouseClick(window.candidates.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.candidates.list.visualItemRect(window.candidates.list.item(0)).center())
    assert window.controller.trp_id == "trapezius_trp1" and not window.body_map.essential_path().isEmpty()
    assert window.strip.views_with_pattern() == ["anterior", "posterior"]
    qtbot.mouseClick(window.strip.buttons["anterior"], Qt.MouseButton.LeftButton)  # pattern and areas follow
    assert window.controller.view == "anterior" and not window.body_map.essential_path().isEmpty()
    assert window.body_map._marked.path().contains(_scene(170, 100))  # client's right temple, anterior
    assert not window.body_map._marked.path().contains(_scene(230, 100))
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)  # back to Explore
    assert window.candidates.list.count() == 0 and not window.candidates.chips.isVisible()
    assert window.body_map._marked.path().isEmpty() and window.body_map.pattern_item_count() == 0
    assert window.controller.areas == [] and window.tabs.currentWidget() is window.info
    assert window.body_map.legend.texts() == []


def test_the_hover_highlight_clears_when_the_pointer_leaves(window, qtbot) -> None:
    qtbot.mouseMove(window.body_map.viewport(), _screen(window, 250, 700))  # a real move, wherever it was
    qtbot.mouseMove(window.body_map.viewport(), _screen(window, 150, 175))
    qtbot.waitUntil(lambda: not window.body_map._highlight.path().isEmpty())
    assert "Trapezius (upper), right" in window.hover_label.text()
    QApplication.sendEvent(window.body_map, QEvent(QEvent.Type.Leave))
    assert window.body_map._highlight.path().isEmpty() and window.hover_label.text() == ""


def test_a_condition_draws_its_muscles_essential_zones_with_a_legend(window, qtbot) -> None:
    window.tabs.setCurrentWidget(window.conditions)
    item = window.conditions.list.item(0)
    qtbot.mouseClick(window.conditions.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.conditions.list.visualItemRect(item).center())
    assert "Tension-type headache" in window.info.toPlainText()
    assert window.body_map.legend.texts() == ["Trapezius", "Supinator"]  # most relevant first
    zones = window.body_map.essential_path()
    for x, y in ((170, 100), (230, 100), (170, 200), (170, 450), (230, 450)):  # both sides
        assert zones.contains(_scene(x, y)), (x, y)
    assert not zones.contains(_scene(170, 700))  # spillover is not drawn for a condition
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.body_map.essential_path().isEmpty() and window.body_map.legend.texts() == []
