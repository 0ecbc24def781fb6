"""The explorer window's interactions, driven with synthetic input on the real widgets.

Each function returns the per-repetition times (ms) of one interaction, measured with
``ui_harness.timed``; untimed steps (switching views, clearing the search field) put the
window in the state a person would be in before the timed input.
"""

from __future__ import annotations

import random
import time

import shapely
from PySide6.QtCore import QEventLoop, QPoint, QPointF, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from shapely.ops import polylabel

from benchmarks import ui_harness as harness
from benchmarks.ui_harness import click, drain, move, timed

# A person aims and presses again no sooner than this after a click on another target: work the app
# defers past an interaction's frame (thumbnails, the nerve comparison) lands in this pause, where a
# 1 ms heartbeat measures how long it held the UI thread (``DEFERRED_BLOCKS_MS``), not in the next
# interaction's time as it did when the benchmark clicked back to back.
PERSON_PAUSE_S = 0.25
DEFERRED_BLOCKS_MS: dict[str, list[float]] = {}  # per interaction (the harness's label)
NERVE_PANEL_MS: list[float] = []  # from a skin-area click until the nerve panel shows its comparison

CLICK_VIEWS = ("anterior", "posterior", "right_lateral", "left_lateral")
SEARCH_QUERIES = ("infraspinatus", "headache", "tennis elbow", "sciatica", "trapezius", "dizzy",
                  "scalenes", "jaw pain", "gluteus medius", "shoulder", "plantar", "sternocleido")


def _pixel(window, x: float, y: float) -> QPoint:
    return window.body_map.mapFromScene(QPointF(x, y))


def _interior(geometry) -> tuple[float, float]:
    part = max(shapely.get_parts(geometry), key=lambda g: g.area)
    p = polylabel(part, tolerance=0.5)
    return p.x, p.y


def wait_for_start_up(app) -> float:
    """Block until the window's start-up work is done (the catalog warm-up on the global pool, then
    every view's picture rendered ahead); seconds waited.  The steady-state interactions are timed
    after it: what a click costs while that work still runs is the cold start's own measure."""
    import time

    from PySide6.QtCore import QThreadPool

    from app.ui.atlas_pictures import shared_pictures

    t0 = time.perf_counter()
    QThreadPool.globalInstance().waitForDone()  # the warm-up; its end asks for the pictures
    drain(app)
    QTest.qWait(300)  # the map asks for pictures once its size has rested (body_map's prerender delay)
    shared_pictures().wait_until_idle()
    QThreadPool.globalInstance().waitForDone()  # the thumbnails' backgrounds
    drain(app)
    return time.perf_counter() - t0


def pause_like_a_person(app) -> None:
    """Let ``PERSON_PAUSE_S`` pass in the event loop with a 1 ms heartbeat; the longest gap between
    beats (how long the UI thread was busy with deferred work) goes to ``DEFERRED_BLOCKS_MS``."""
    beats = [time.perf_counter()]
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(1)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
    loop = QEventLoop()
    QTimer.singleShot(int(PERSON_PAUSE_S * 1000), loop.quit)
    heartbeat.start()
    loop.exec()
    heartbeat.stop()
    block = max(b - a for a, b in zip(beats, beats[1:])) * 1000
    DEFERRED_BLOCKS_MS.setdefault(harness.label, []).append(block)


def _set_view(window, view: str, layer: str | None = None) -> None:
    window.view_combo.setCurrentIndex(window.view_combo.findData(view))
    if layer is not None and window.controller.layer != layer:
        window.layer_combo.setCurrentIndex(window.layer_combo.findData(layer))
    drain(QApplication.instance())


def muscle_targets(window, view: str, layer: str) -> list[tuple[str, QPoint]]:
    """One pixel per clickable muscle region of the view, checked to land on that muscle."""
    service = window.service
    known = {m.id for m in service.muscles()}
    out = []
    for region in service.regions(view, layer):
        if region.kind != "muscle" or region.ref not in known or region.geometry.area < 400:
            continue
        pixel = _pixel(window, *_interior(region.geometry))
        scene = window.body_map.mapToScene(pixel)
        hit = service.lookup.region_at(view, layer, scene.x(), scene.y())
        if hit is not None and hit.ref == region.ref and hit.side == region.side:
            out.append((region.ref, pixel))
    return out


def skin_targets(window, view: str) -> list[QPoint]:
    service = window.service
    out = []
    for area in service.skin_areas:
        if area.view != view or area.geometry.area < 800:
            continue
        pixel = _pixel(window, *_interior(area.geometry))
        scene = window.body_map.mapToScene(pixel)
        hit = service.lookup.skin_area_at(view, scene.x(), scene.y())
        if hit is not None and hit.slug == area.slug and service.candidates_for_area(hit.slug, hit.side):
            out.append(pixel)
    return out


def click_muscles(app, window, reps: int, rng: random.Random) -> list[float]:
    window.explore_action.trigger()
    times = []
    watch = [window.body_map.viewport()]
    for i in range(reps):
        view = CLICK_VIEWS[i % len(CLICK_VIEWS)]
        _set_view(window, view, window.service.views[view].layers[0])
        targets = muscle_targets(window, view, window.controller.layer)
        _muscle, pixel = rng.choice(targets)
        times.append(timed(app, watch, click(window.body_map.viewport(), pixel)))
        pause_like_a_person(app)
    return times


def hover_with_pattern(app, window, reps: int, rng: random.Random) -> list[float]:
    """A muscle's pattern is shown; the pointer moves onto a different muscle each time."""
    window.explore_action.trigger()
    _set_view(window, "posterior", "superficial")
    targets = muscle_targets(window, "posterior", window.controller.layer)
    _ref, pixel = targets[0]
    QTest.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixel)
    drain(app)
    assert window.body_map.pattern_item_count() > 0, "no pattern shown for the hover benchmark"
    # Selecting a muscle may move the map to the view that shows its pattern best.
    targets = muscle_targets(window, window.controller.view, window.controller.layer)
    times, last = [], None
    for _ in range(reps):
        choices = [t for t in targets if t[0] != last]
        last, pixel = rng.choice(choices)
        times.append(timed(app, [window.body_map.viewport()], move(window.body_map.viewport(), pixel)))
    return times


def click_skin_and_select(app, window, reps: int, rng: random.Random) -> tuple[list[float], list[float]]:
    """Where-does-it-hurt mode: click a skin area (ranked list), then select a candidate (pattern)."""
    window.pain_action.trigger()
    area_times, select_times = [], []
    lst = window.candidates.list
    targets: dict[str, list[QPoint]] = {}
    shown: list[float] = []
    if getattr(window, "radicular", None) is not None:
        window.radicular.presenter.sig_result.connect(lambda _r: shown.append(time.perf_counter()))
    for i in range(reps):
        view = ("anterior", "posterior")[i % 2]
        _set_view(window, view)
        if view not in targets:
            targets[view] = skin_targets(window, view)
        harness.label = "click_skin_area"
        shown.clear()
        clicked = time.perf_counter()
        area_times.append(timed(app, [lst.viewport()], click(window.body_map.viewport(), rng.choice(targets[view]))))
        pause_like_a_person(app)
        if shown:
            NERVE_PANEL_MS.append((shown[0] - clicked) * 1000)
        row = rng.randrange(min(lst.count(), 8))
        rect = lst.visualItemRect(lst.item(row))
        harness.label = "select_candidate"
        select_times.append(timed(app, [window.body_map.viewport()], click(lst.viewport(), rect.center())))
        pause_like_a_person(app)
    window.explore_action.trigger()
    return area_times, select_times


def search_keystrokes(app, window, reps: int, rng: random.Random) -> list[float]:
    edit = window.search.edit
    edit.setFocus()
    times = []
    while len(times) < reps:
        query = rng.choice(SEARCH_QUERIES)
        edit.clear()
        drain(app)
        for char in query:
            times.append(timed(app, [edit], lambda c=char: QTest.keyClick(edit, c)))
    edit.clear()
    drain(app)
    return times
