"""What the client window builds before it is needed: counted objects, nothing timed."""

from __future__ import annotations

import sys
import threading
import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.ui.records.neuro_screen_panel import ChoiceBox
from tests.support.client_window_driver import (  # noqa: F401 - fixtures
    answers, client_window, drag, records_url, wait_for_metrics,
)


def test_the_neuro_screen_is_built_when_the_visit_tab_is_first_shown(client_window, qtbot) -> None:
    """~150 drop-downs (~6.5 MB of widgets): painting and reading the candidates does not make them."""
    win = client_window
    assert win.tabs.currentWidget() is win.candidates
    assert win.findChildren(ChoiceBox) == []
    bar = win.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == "Visit")
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: win.tabs.currentWidget() is win.form)
    boxes = win.findChildren(ChoiceBox)
    assert len(boxes) > 100 and set(boxes) == set(win.form.neuro.choices.values())
    qtbot.waitUntil(win.form.neuro.isVisible)


def test_memory_freed_by_the_measuring_goes_back_on_the_ui_thread_once_none_runs(client_window, qtbot,
                                                                                   monkeypatch) -> None:
    """After the metrics of a painting pause arrive, malloc_trim hands the heap's free pages back:
    called on the UI thread, never while the metrics worker still runs or a request waits."""
    import app.ui.records.metrics_runner as runner_module

    runner = client_window.presenter.metrics_runner
    run = runner_module._Job.run  # noqa: SLF001
    # The worker lingers after posting its result, as a loaded machine may leave it.
    monkeypatch.setattr(runner_module._Job, "run", lambda job: (run(job), time.sleep(0.2)))  # noqa: SLF001
    calls: list[tuple[bool, int, bool]] = []
    monkeypatch.setattr(runner_module, "release_free_memory", lambda: calls.append(
        (threading.current_thread() is threading.main_thread(), runner._pool.activeThreadCount(),  # noqa: SLF001
         runner._pending is None)))  # noqa: SLF001
    wait_for_metrics(client_window, qtbot)
    drag(client_window, [(120, 80), (140, 90), (160, 100), (180, 110)])
    wait_for_metrics(client_window, qtbot, lambda m: m.areas)
    qtbot.waitUntil(lambda: len(calls) >= 1)
    assert set(calls) == {(True, 0, True)}


def test_free_memory_is_never_trimmed_from_a_worker_thread() -> None:
    from app.ui.process_memory import release_free_memory

    on_worker: list[bool] = []
    worker = threading.Thread(target=lambda: on_worker.append(release_free_memory()))
    worker.start()
    worker.join()
    assert on_worker == [False]
    assert release_free_memory() is sys.platform.startswith("linux")
