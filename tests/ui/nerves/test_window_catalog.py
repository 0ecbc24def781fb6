"""The nerve features read the catalog the window was given (here a temporary one with a single
dermatome and a single cutaneous nerve), through the real View-menu actions and mouse clicks."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from tests.ui.nerves.driving import click_area, click_row


def test_the_overlay_draws_the_windows_own_catalog_not_the_shipped_one(nerve_window) -> None:
    layers = nerve_window.nerve_layers
    assert layers.service.catalog is nerve_window.service
    layers.dermatomes_action.trigger()
    layers.nerves_action.trigger()
    assert {label.text() for label in layers.dermatomes.labels.values()} == {"C5"}  # the shipped one has C2-S4-5
    assert {label.text() for label in layers.nerves.labels.values()} == {"FC"}  # long names as initials


def test_choosing_an_area_ranks_its_root_on_that_side_and_the_row_shows_it_on_the_map(nerve_window, qtbot) -> None:
    rv = nerve_window.radicular
    nerve_window.menus.pain_action.trigger()
    nerve_window.nerve_layers.dermatomes_action.trigger()  # on: a click still only chooses the area here
    with qtbot.waitSignal(rv.presenter.sig_result, timeout=10000):
        spot = click_area(nerve_window, "lateral_epicondyle", "left", view="anterior")
    assert nerve_window.tabs.currentWidget() is nerve_window.candidates  # no root card took over
    assert rv.panel.row_keys()[0] == ("root", "C5", "left")
    assert "C5 dermatome" in rv.panel.summary.text()
    click_row(rv.panel.list, 0)
    assert rv.highlight.text == "C5"
    territory = rv.highlight.childItems()[1].path()  # supplied muscles first, then the territory
    assert territory.contains(QPointF(spot.x, spot.y))  # the client's left, where the pain is
    with qtbot.waitSignal(rv.presenter.sig_result, timeout=10000):
        click_area(nerve_window, "dorsal_forearm", "left", add=True, view="anterior")
    assert ("nerve", "forearm_cutaneous", "left") in rv.panel.row_keys()[:2]
    assert rv.highlight.text == ""  # a new pain: the old selection is gone from the map
