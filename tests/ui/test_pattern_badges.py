"""The TrP numbers beside the crosses stay readable: on the shipped catalog, at the window's fit zoom
and after zooming, no number covers another number or another trigger point's cross.

Seen in the window: clicking the trapezius (seven TrPs within ~40 px at fit zoom) drew every badge
up-right of its cross, so ①, ② and ⑥ sat on each other and ④ hid under ⑤."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt

from app.ui.map_markers import NumberBadge, place_badges


def _screen_rects(window) -> tuple[list[QRectF], list[QRectF]]:
    """Badges and crosses as the user sees them (viewport pixels)."""
    view = window.body_map
    badges = [i for i in view._pattern_items if isinstance(i, NumberBadge)]
    rects = [view.mapFromScene(b.pos()) for b in badges]
    badge_rects = [b.boundingRect().adjusted(1, 1, -1, -1).translated(p.x(), p.y()) for b, p in zip(badges, rects)]
    crosses = [QRectF(p.x() - 4, p.y() - 4, 8, 8) for p in rects]
    return badge_rects, crosses


def _overlaps(window) -> list[tuple[int, int]]:
    badges, crosses = _screen_rects(window)
    bad = [(i, j) for i, j in itertools.combinations(range(len(badges)), 2) if badges[i].intersects(badges[j])]
    bad += [(i, j) for i in range(len(badges)) for j in range(len(crosses)) if i != j and badges[i].intersects(crosses[j])]
    return bad


def _click_muscle(qtbot, window, service, view: str, muscle: str) -> None:
    region = max((r for r in service.regions(view, "superficial") if r.ref == muscle and r.side == "right"),
                 key=lambda r: r.geometry.area)
    inner = region.geometry.buffer(-4)
    for point in (inner.representative_point(), inner.centroid):
        top = service.lookup.region_at(view, "superficial", point.x, point.y)
        if top is not None and top.ref == muscle:
            break
    else:
        raise AssertionError(f"no visible point of the right {muscle}")
    qtbot.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     window.body_map.mapFromScene(QPointF(point.x, point.y)))


@pytest.mark.parametrize(("muscle", "numbers"), [("trapezius", 5), ("gluteus_medius", 2), ("deltoid", 2)])
def test_no_number_covers_another_at_fit_zoom_or_after_zooming(real_window, shipped_service, qtbot, muscle,
                                                               numbers) -> None:
    qtbot.keyClick(real_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # the posterior view
    _click_muscle(qtbot, real_window, shipped_service, "posterior", muscle)
    assert real_window.controller.muscle_id == muscle
    badges = [i for i in real_window.body_map._pattern_items if isinstance(i, NumberBadge)]
    assert len(badges) >= numbers
    assert _overlaps(real_window) == []
    # Zoom in four steps and out again: each zoom lays the badges out anew (laid out close in, they
    # would collide once the crosses draw together again).
    for key in [Qt.Key.Key_Plus] * 4 + [Qt.Key.Key_Minus] * 4:
        qtbot.keyClick(real_window, key, Qt.KeyboardModifier.ControlModifier)
        assert _overlaps(real_window) == []


def test_zoomed_in_the_numbers_go_back_to_their_usual_place(real_window, shipped_service, qtbot) -> None:
    qtbot.keyClick(real_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    _click_muscle(qtbot, real_window, shipped_service, "posterior", "trapezius")

    def up_right() -> int:
        badges = [i for i in real_window.body_map._pattern_items if isinstance(i, NumberBadge)]
        return sum(b.boundingRect().left() > 0 and b.boundingRect().bottom() < 0 for b in badges)

    crowded = up_right()
    assert crowded <= 3  # at fit zoom most of the seven had to move aside
    for _ in range(4):
        qtbot.keyClick(real_window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert up_right() >= 5 > crowded


def test_a_lone_badge_sits_up_right_and_crowded_ones_take_other_sides() -> None:
    assert place_badges([(100.0, 100.0)], [16.0]) == [(1, -1)]
    places = place_badges([(100.0, 100.0), (104.0, 98.0), (98.0, 104.0)], [16.0, 16.0, 16.0])
    assert len(set(places)) == 3


def test_muscles_clicked_in_the_window_draw_without_any_union(real_window, shipped_service, qtbot, monkeypatch) -> None:
    """A click on a muscle reads its compiled pattern: the union that took up to ~90 ms on the UI
    thread (during the start-up warm-up) must never run for a whole muscle, whichever is clicked."""
    from app.ui import patterns

    def no_union(*_args, **_kwargs):
        raise AssertionError("a whole muscle's pattern was unioned on a click")

    patterns._pattern_by_view.cache_clear()  # noqa: SLF001
    monkeypatch.setattr(patterns, "pattern_shapes", no_union)
    qtbot.keyClick(real_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    for muscle in ("trapezius", "infraspinatus", "gluteus_medius", "latissimus_dorsi"):
        if real_window.controller.view != "posterior":
            qtbot.keyClick(real_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        _click_muscle(qtbot, real_window, shipped_service, "posterior", muscle)
        assert real_window.controller.muscle_id == muscle
        assert not real_window.body_map.essential_path().isEmpty()
    patterns._pattern_by_view.cache_clear()  # noqa: SLF001
