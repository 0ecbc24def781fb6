"""The shipped catalog and atlas in the real window, driven with the mouse and keyboard.

References: Travell, Simons & Simons, Trigger Point Manual Vol. 1 -- upper trapezius TrP1 refers
to the temple (Trapezius chapter); infraspinatus refers deep into the front of the shoulder
(Infraspinatus chapter).
"""

from __future__ import annotations

import pytest
import shapely
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication


def _click(qtbot, window, point, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton, modifier,
                     window.body_map.mapFromScene(QPointF(point.x, point.y)))


def _area(shipped_service, view: str, slug: str, side: str):
    return next(a for a in shipped_service.skin_areas if (a.view, a.slug, a.side) == (view, slug, side))


def _inside(shipped_service, view: str, slug: str, side: str):
    """A point well inside the area (not on a border shared with a neighbour)."""
    geometry = _area(shipped_service, view, slug, side).geometry
    return geometry.buffer(-3).representative_point() if not geometry.buffer(-3).is_empty \
        else geometry.representative_point()


def test_clicking_the_right_temple_lists_upper_trapezius_first(real_window, shipped_service, qtbot) -> None:
    qtbot.keyClick(real_window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    spot = _inside(shipped_service, "anterior", "temple", "right")
    assert spot.x < shipped_service.views["anterior"].width / 2  # the client's right is the viewer's left
    _click(qtbot, real_window, spot)
    assert "Temple, client's right" in real_window.candidates.heading.text()
    top = real_window.candidates.labels()[:3]
    assert any("Upper trapezius TrP1 — Trapezius, client's right  [ESSENTIAL" in label for label in top), top


@pytest.mark.parametrize("view", ["anterior", "posterior", "plantar"])
def test_side_labels_match_where_the_atlas_puts_the_clients_right(real_window, shipped_service, view) -> None:
    real_window.show_view(view)
    right = [a.geometry.centroid.x for a in shipped_service.skin_areas if a.view == view and a.side == "right"]
    left = [a.geometry.centroid.x for a in shipped_service.skin_areas if a.view == view and a.side == "left"]
    right_on_viewer_left = sum(right) / len(right) < sum(left) / len(left)
    expected = ("Client's R", "Client's L") if right_on_viewer_left else ("Client's L", "Client's R")
    assert real_window.body_map.side_label_texts() == expected


@pytest.mark.parametrize("view, side", [("right_lateral", "right"), ("left_lateral", "left")])
def test_a_lateral_view_names_the_side_it_shows(real_window, shipped_service, view, side) -> None:
    real_window.show_view(view)
    sides = [a.side for a in shipped_service.skin_areas if a.view == view and a.side in ("left", "right")]
    assert max(set(sides), key=sides.count) == side
    assert real_window.body_map.side_label_texts()[0] == f"Client's {side} side"


def _infraspinatus_spot(shipped_service):
    region = max((r for r in shipped_service.regions("posterior", "superficial")
                  if r.ref == "infraspinatus" and r.side == "right"), key=lambda r: r.geometry.area)
    inner = region.geometry.buffer(-4)
    for point in (inner.representative_point(), inner.centroid):
        top = shipped_service.lookup.region_at("posterior", "superficial", point.x, point.y)
        if top is not None and top.ref == "infraspinatus":
            return point
    raise AssertionError("no visible point of the right infraspinatus on the posterior view")


def test_infraspinatus_on_the_posterior_view_shows_its_anterior_shoulder_zone(real_window, shipped_service, qtbot) -> None:
    qtbot.keyClick(real_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    _click(qtbot, real_window, _infraspinatus_spot(shipped_service))
    assert real_window.controller.muscle_id == "infraspinatus" and real_window.controller.trp_side == "right"
    # The map turned to the anterior view, where most of the essential zone is (front of the shoulder) ...
    assert real_window.controller.view == "anterior"
    drawn = real_window.body_map.essential_path().boundingRect()
    assert not drawn.isEmpty()
    width = shipped_service.views["anterior"].width
    assert drawn.right() < width / 2  # ... on the client's right, the viewer's left
    shoulder = _area(shipped_service, "anterior", "anterior_shoulder", "right").geometry
    assert shapely.box(drawn.left(), drawn.top(), drawn.right(), drawn.bottom()).intersects(shoulder)
    # ... and the thumbnails show every view with part of the pattern, the posterior (its TrPs) too.
    assert {"anterior", "posterior"} <= set(real_window.strip.views_with_pattern())
    assert "Turned from the posterior to the anterior view" in real_window.statusBar().currentMessage()


def test_a_pinned_view_stays_put(real_window, shipped_service, qtbot) -> None:
    qtbot.keyClick(real_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(real_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert real_window.menus.pin_action.isChecked()
    _click(qtbot, real_window, _infraspinatus_spot(shipped_service))
    assert real_window.controller.view == "posterior"
    assert "anterior" in real_window.strip.views_with_pattern()  # the thumbnail still shows the zone
    qtbot.mouseClick(real_window.strip.buttons["anterior"], Qt.MouseButton.LeftButton)
    assert real_window.controller.view == "anterior" and not real_window.body_map.essential_path().isEmpty()


def test_temple_occiput_and_posterior_neck_by_ctrl_click_rank_their_union(real_window, shipped_service, qtbot) -> None:
    qtbot.keyClick(real_window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(real_window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # right lateral
    _click(qtbot, real_window, _inside(shipped_service, "right_lateral", "temple", "right"))
    qtbot.keyClick(real_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # posterior
    _click(qtbot, real_window, _inside(shipped_service, "posterior", "occiput", "right"), Qt.KeyboardModifier.ControlModifier)
    _click(qtbot, real_window, _inside(shipped_service, "posterior", "posterior_neck", "right"),
           Qt.KeyboardModifier.ControlModifier)
    chosen = [("temple", "right"), ("occiput", "right"), ("posterior_neck", "right")]
    assert real_window.controller.areas == chosen
    assert len(real_window.candidates.chips.chips) == 3
    expected = shipped_service.candidates_for_areas(chosen)
    rows = real_window.controller.last_candidates
    assert [(r["trp_id"], r["side"]) for r in rows] == [(c.trp_id, c.side) for c in expected[:40]]
    # Upper trapezius TrP1 refers to all three (temple, occiput side, posterior neck): among the first.
    assert "trapezius_trp1" in [r["trp_id"] for r in rows[:3]]
    assert {r["side"] for r in rows[:10]} == {"right"}
    QApplication.processEvents()
