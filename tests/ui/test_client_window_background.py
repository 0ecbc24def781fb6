"""The client window's slow work leaves the UI thread: autosave and metrics run on workers, in
order, and nothing typed while they run is lost or shown out of date.  Real typing and drags;
the worker is held at a gate so the test can act while it runs (nothing here is timed)."""

from __future__ import annotations

import gc
import threading
import weakref
from pathlib import Path

import pytest
import shapely
from PySide6.QtTest import QTest

import app.ui.records.metrics_runner as metrics_module
from tests.support.client_window_driver import (  # noqa: F401 - fixtures
    answers, client_window, drag, open_window, records_url, wait_for_metrics,
)


def test_autosave_runs_off_the_ui_thread_and_edits_made_meanwhile_are_saved_after_it(
        client_window, mini_catalog: Path, records_url: str, qtbot, monkeypatch) -> None:
    win = client_window
    records = win.presenter.records
    real_save, gate, started = records.save_visit, threading.Event(), threading.Event()
    saved: list[tuple[str, str]] = []  # (thread name, complaint) in the order written

    def slow_save(visit):
        saved.append((threading.current_thread().name, visit.chief_complaint))
        started.set()
        gate.wait(10)  # a slow disk; on the UI thread this would freeze the typing below
        return real_save(visit)

    monkeypatch.setattr(records, "save_visit", slow_save)
    QTest.keyClicks(win.form.complaint, "Neck")
    qtbot.waitUntil(started.is_set, timeout=3000)  # the autosave is writing "Neck" ...
    QTest.keyClicks(win.form.complaint, " pain")  # ... and the window still takes keys
    assert win.form.complaint.text() == "Neck pain" and not gate.is_set()
    threading.Timer(0.2, gate.set).start()
    visit_id = win.presenter.visit.id
    win.close()  # straight after the edit, while "Neck" is still being written
    assert not win.isVisible()
    main = threading.main_thread().name
    assert saved[0] == (saved[0][0], "Neck") and saved[0][0] != main  # the autosave, on a worker
    assert [c for _t, c in saved] == ["Neck", "Neck pain"]  # in order; the later edit not lost
    monkeypatch.setattr(records, "save_visit", real_save)
    assert records.visit(visit_id).chief_complaint == "Neck pain"
    records.close()
    again = open_window(mini_catalog, records_url, qtbot)
    try:
        again.clients.setCurrentRow(0)
        assert again.presenter.visit.chief_complaint == "Neck pain"
    finally:
        again.presenter.metrics_runner.wait()
        again.presenter.records.close()


def test_metrics_run_off_the_ui_thread_and_a_newer_edit_supersedes_an_older_run(
        client_window, qtbot, monkeypatch) -> None:
    win = client_window
    wait_for_metrics(win, qtbot)
    real, gate, calls = metrics_module.summarize, threading.Event(), []

    def held(surface, visit, others, **options):
        calls.append((threading.current_thread().name, len(visit.pain.all_marks())))
        if len(calls) == 1:
            gate.wait(10)  # the first run is still measuring when the next edit comes
        return real(surface, visit, others, **options)

    monkeypatch.setattr(metrics_module, "summarize", held)
    shown: list[int] = []
    win.presenter.sig_metrics.connect(lambda m: m is not None and shown.append(len(m.areas)))
    drag(win, [(120, 80), (140, 90), (160, 100), (180, 110)])  # the right temple
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=3000)  # measuring the first stroke, held
    runner = win.presenter.metrics_runner
    asked = runner.generation
    drag(win, [(130, 600), (150, 650), (170, 700), (150, 750)])  # the right forearm, meanwhile
    qtbot.waitUntil(lambda: runner.generation > asked, timeout=3000)  # the newer request, once painting paused
    gate.set()
    metrics = wait_for_metrics(win, qtbot, lambda m: len(m.areas) == 2)
    assert all(name != threading.main_thread().name for name, _n in calls)
    assert shown == [2]  # the older run's figures (one area) never reached the window
    assert "Skin areas involved: 2" in win.metrics.text.toPlainText() and len(metrics.areas) == 2


def _pain_items(win) -> list:
    from app.ui.records.pain_layer import PainLayer

    return [i for i in win.map.scene().items() if i.zValue() == PainLayer.Z]


def _drawn_area(items) -> float:
    return sum(abs(p.area) for i in items for p in shapely.from_wkt(
        [f"POLYGON(({', '.join(f'{q.x()} {q.y()}' for q in poly)}, {poly[0].x()} {poly[0].y()}))"
         for poly in i.path().toFillPolygons() if len(poly) >= 3]))


def test_the_map_keeps_one_item_per_mark_through_strokes_eraser_undo_and_view_changes(client_window) -> None:
    """The pain layer redraws only the marks a segment changed: no item is left behind or missing."""
    from PySide6.QtCore import Qt

    from tests.support.client_window_driver import key

    win = client_window

    def check() -> None:
        marks = win.presenter.visit.pain.marks(win.view)
        items = _pain_items(win)
        assert len(items) == len(marks)
        assert _drawn_area(items) == pytest.approx(sum(m.area for m in marks), rel=0.02)

    for intensity, points in ((7, [(120, 80), (160, 100), (180, 130)]), (3, [(150, 90), (150, 140), (150, 200)]),
                              (7, [(130, 600), (150, 650)]), (3, [(140, 640), (180, 700)])):
        win.intensity_spin.setValue(intensity)
        drag(win, points)
        check()
    key(win, Qt.Key.Key_E)
    drag(win, [(150, 120), (152, 121)])  # cut a mark in two
    check()
    for _ in range(3):
        key(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        check()
    win.view_combo.setCurrentIndex(win.view_combo.findData("posterior"))
    assert _pain_items(win) == []
    win.view_combo.setCurrentIndex(win.view_combo.findData("anterior"))
    check()


def test_a_closed_clients_pain_maps_are_not_kept_alive(mini_catalog: Path, records_url: str, qtbot,
                                                        monkeypatch, answers) -> None:
    """Memory follows the open client, not every history looked at: after choosing another
    client (and its metrics), no mark of the first client's history is still alive (the visit
    that was open may stay among the last few measures), however often it was opened."""
    import gc
    import random
    import weakref
    from datetime import date, timedelta

    from app.domain.pain_map import PainMap
    from app.domain.records import Client
    from app.services.records_service import RecordsService
    from tests.support.client_window_driver import click_list_row

    monkeypatch.setenv("TPX_ASSETS_DIR", str(mini_catalog.parent / "assets"))
    rng = random.Random(2)
    with RecordsService.open(records_url) as records:
        for name, visits in (("Aa Long History", 12), ("Bb One Visit", 1)):
            client = records.save_client(Client(id=None, name=name))
            for i in range(visits):
                visit = records.new_visit(client.id, date(2026, 1, 1) + timedelta(days=7 * i))
                x, y = rng.uniform(120, 280), rng.uniform(80, 900)
                visit.pain = PainMap().paint("anterior", shapely.Point(x, y).buffer(20), rng.randint(1, 10), "aching")
                records.save_visit(visit)
    win = open_window(mini_catalog, records_url, qtbot)
    try:
        runner = win.presenter.metrics_runner
        for _round in range(3):  # the same long history opened again and again
            click_list_row(win.clients, 0)
            metrics = wait_for_metrics(win, qtbot, lambda m: len(m.trend) == 12)
            marks = [weakref.ref(m) for v in win.presenter.visits for m in v.pain.all_marks()]
            assert len(marks) == 12 and len(runner.trend_cache) <= 12
            del metrics
            click_list_row(win.clients, 1)
            wait_for_metrics(win, qtbot, lambda m: len(m.trend) == 1)
            runner.wait()
            gc.collect()
            # At most the marks of the visit that was open (its latest measures are kept, a few at most).
            assert len([r for r in marks if r() is not None]) <= 1
            assert len(runner.trend_cache) == 1
    finally:
        runner.wait()
        win.presenter.records.close()


def test_requests_waiting_behind_a_running_measure_are_replaced_not_queued(client_window, qtbot, monkeypatch) -> None:
    """Painting while the worker measures: only the newest waiting request is measured next, and
    the ones it replaced are not measured at all (each would hold a whole history meanwhile)."""
    win = client_window
    wait_for_metrics(win, qtbot)
    real, gate, measured = metrics_module.summarize, threading.Event(), []

    def held(surface, visit, others, **options):
        measured.append(len(visit.pain.all_marks()))
        if len(measured) == 1:
            gate.wait(10)
        return real(surface, visit, others, **options)

    monkeypatch.setattr(metrics_module, "summarize", held)
    runner = win.presenter.metrics_runner
    snapshots, real_request = [], runner.request
    monkeypatch.setattr(runner, "request", lambda visit, others: snapshots.append(weakref.ref(visit))
                        or real_request(visit, others))
    win.intensity_spin.setValue(2)
    drag(win, [(120, 80), (140, 90)])
    qtbot.waitUntil(lambda: len(measured) == 1, timeout=3000)
    for i, y in enumerate((300, 450, 600, 750)):  # four more strokes, each followed by a pause
        win.intensity_spin.setValue(3 + i)  # a new mark each time
        asked = runner.generation
        drag(win, [(130, y), (170, y + 20)])
        qtbot.waitUntil(lambda a=asked: runner.generation > a, timeout=3000)
    gc.collect()
    assert [r() is not None for r in snapshots] == [True, False, False, False, True]  # running, newest
    gate.set()
    metrics = wait_for_metrics(win, qtbot, lambda m: len(m.areas) >= 3)
    runner.wait()
    assert measured == [1, 5]  # the held run, then only the newest of the four waiting
    assert metrics is win.last_metrics
