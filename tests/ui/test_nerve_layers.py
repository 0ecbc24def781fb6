"""View → Dermatomes / Cutaneous nerves in the real window on the shipped catalog: the actions
through their real signals, the labels per view, and a click on a dermatome showing its card."""

from __future__ import annotations

import shapely
from PySide6.QtCore import QPointF, Qt


def _labels(overlay) -> set[str]:
    return {item.text() for item in overlay.labels.values()}


def test_dermatome_and_nerve_layers_toggle_from_the_view_menu_on_every_view(real_window) -> None:
    layers = real_window.nerve_layers
    menu_actions = real_window.menus.view_menu.actions()
    assert layers.dermatomes_action in menu_actions and layers.nerves_action in menu_actions
    assert not layers.dermatomes.isVisible() and not layers.dermatomes.labels
    layers.dermatomes_action.trigger()
    assert layers.dermatomes.isVisible() and {"C6", "L5", "T10"} <= _labels(layers.dermatomes)
    real_window.menus.view_actions["posterior"].trigger()
    assert {"S3", "S4-5", "C2"} <= _labels(layers.dermatomes) and "T10" in _labels(layers.dermatomes)
    real_window.menus.view_actions["plantar"].trigger()
    assert _labels(layers.dermatomes) == {"L5", "S1"}
    layers.nerves_action.trigger()
    assert {"MP", "LP"} <= _labels(layers.nerves)  # medial and lateral plantar, as initials
    layers.dermatomes_action.trigger()
    assert not layers.dermatomes.isVisible() and not layers.dermatomes.labels
    assert layers.nerves.isVisible()


def test_clicking_a_dermatome_shows_the_root_card_and_highlights_its_muscles(real_window, qtbot) -> None:
    layers = real_window.nerve_layers
    real_window.menus.view_actions["anterior"].trigger()
    c6 = next(t for t in layers.service.territories if (t.kind, t.ref, t.view, t.side) == ("root", "C6", "anterior", "right"))
    # A spot in C6 alone (not in the overlapping C5/C7/C8/T1 strips).
    others = shapely.union_all([t.geometry for t in layers.service.territories
                                if t.kind == "root" and t.view == "anterior" and t.ref != "C6"])
    spot = shapely.point_on_surface(c6.geometry.difference(others.buffer(3)))
    click = lambda: qtbot.mouseClick(real_window.body_map.viewport(), Qt.MouseButton.LeftButton,  # noqa: E731
                                     Qt.KeyboardModifier.NoModifier,
                                     real_window.body_map.mapFromScene(QPointF(spot.x, spot.y)))
    click()  # overlay off: the click is the explorer's, no root card
    assert "C6 dermatome" not in real_window.info.toPlainText()
    layers.dermatomes_action.trigger()
    with qtbot.waitSignal(layers.sig_root_shown, timeout=3000) as shown:
        click()
    assert shown.args == ["C6"]
    text = real_window.info.toPlainText()
    assert "C6 dermatome" in text and "Brachioradialis reflex" in text and "Biceps brachii" in text
    assert "Refer at once" in text
    assert real_window.body_map.pattern_item_count() > 0


def test_key_sensory_points_are_drawn_on_the_surface_that_shows_them_clear_of_the_labels(real_window) -> None:
    layers = real_window.nerve_layers
    layers.dermatomes_action.trigger()
    markers = layers.dermatomes.markers
    assert {"C5.right", "T4.left", "T10.right", "L3.right", "L4.left"} <= set(markers)
    assert "C6.right" not in markers  # the dorsal thumb: the anterior view shows the palm
    assert markers["T6.right"].childItems()[0].text() == "T6"  # each dot is labelled with its root
    for ident in set(markers) & set(layers.dermatomes.labels):  # each label beside its dot, not under it
        dot, plate = markers[ident].pos(), layers.dermatomes.labels[ident].parentItem().pos()
        assert (dot - plate).manhattanLength() >= 16, ident
    real_window.menus.view_actions["posterior"].trigger()
    assert {"C6.right", "C7.left", "C8.right"} <= set(layers.dermatomes.markers)
    real_window.menus.view_actions["plantar"].trigger()
    assert not any(key.startswith("L5.") for key in layers.dermatomes.markers)  # the dorsum is not on the sole
    layers.dermatomes_action.trigger()
    assert not layers.dermatomes.markers
