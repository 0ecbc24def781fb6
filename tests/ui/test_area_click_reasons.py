"""What a ranked candidate's reason says after a click on a skin area, in the shipped window.

A clicked area is ranked on every view that shows it well and each candidate keeps the view where
its zone fits best; the reason once named that view ("... of that zone on the right lateral view")
though the person clicked the buttock on the posterior view.  It must name what was clicked.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt


def _inside(shipped_service, view: str, slug: str, side: str):
    area = next(a for a in shipped_service.skin_areas if (a.view, a.slug, a.side) == (view, slug, side))
    inner = area.geometry.buffer(-4)
    return inner.representative_point() if not inner.is_empty else area.geometry.representative_point()


def _click(qtbot, window, point, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton, modifier,
                     window.body_map.mapFromScene(QPointF(point.x, point.y)))


@pytest.mark.parametrize("slug", ["buttock", "lateral_epicondyle", "occiput"])
def test_reasons_after_a_click_on_the_posterior_view_name_the_clicked_area_not_another_view(
        real_window, shipped_service, qtbot, slug) -> None:
    # The trap is real: some of these candidates fit best on a lateral view.
    measured_on = {c.view for c in shipped_service.candidates_for_areas([(slug, "right")], limit=40)}
    assert measured_on - {"posterior"}, measured_on
    qtbot.keyClick(real_window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)  # Where does it hurt?
    qtbot.keyClick(real_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # posterior
    assert real_window.controller.view == "posterior"
    _click(qtbot, real_window, _inside(shipped_service, "posterior", slug, "right"))
    assert real_window.controller.areas == [(slug, "right")]
    words = slug.replace("_", " ")
    reasons = [label.split("\n", 1)[1] for label in real_window.candidates.labels()]
    assert reasons
    for reason in reasons:
        assert f"of the client's right {words} lies in its" in reason, reason
        assert " view" not in reason, reason


def test_ctrl_clicked_areas_on_two_sides_are_named_with_their_sides(real_window, shipped_service, qtbot) -> None:
    qtbot.keyClick(real_window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(real_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    _click(qtbot, real_window, _inside(shipped_service, "posterior", "low_back", "right"))
    _click(qtbot, real_window, _inside(shipped_service, "posterior", "sacrum_si", "right"), Qt.KeyboardModifier.ControlModifier)
    _click(qtbot, real_window, _inside(shipped_service, "posterior", "buttock", "left"), Qt.KeyboardModifier.ControlModifier)
    assert real_window.controller.areas == [("low_back", "right"), ("sacrum_si", "right"), ("buttock", "left")]
    first = real_window.candidates.labels()[0].split("\n", 1)[1]
    assert "of the client's right low back, sacrum and SI joint and left buttock lies in its" in first, first
