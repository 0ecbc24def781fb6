"""The client window on the shipped catalog: a stroke painted with the mouse down the lateral forearm
to the thumb updates the radicular panel beside the candidates (C6 near the top); undoing it empties
the panel again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.support.client_window_driver import answers, click, drag, key, open_window, records_url  # noqa: F401


@pytest.fixture()
def shipped_client_window(records_url: str, answers, qtbot):  # noqa: F811 - fixtures
    from app.paths import catalog_db_path

    win = open_window(catalog_db_path(), records_url, qtbot)
    answers.queue.append("Ada Nerve")
    click(win.left.new_client_button)
    qtbot.wait(10)
    win.map.fit()
    yield win
    win.radicular.presenter.wait()
    win.presenter.metrics_runner.wait()
    win.presenter.save_now()
    win.presenter.records.close()


def _path(win, names: list[str], steps: int = 8) -> list[tuple[float, float]]:
    """Points every few mm along the landmarks (client's right, anterior view), as a hand drags."""
    marks = [win.catalog.landmarks["anterior"][f"{n}.right"] for n in names]
    points = []
    for (ax, ay), (bx, by) in zip(marks, marks[1:]):
        points += [(ax + (bx - ax) * i / steps, ay + (by - ay) * i / steps) for i in range(steps)]
    return [*points, marks[-1]]


def test_a_painted_tingling_stroke_updates_the_panel_and_undo_clears_it(shipped_client_window, qtbot) -> None:
    win = shipped_client_window
    rv = win.radicular
    assert rv.panel.parent() is not None and rv.panel.isVisible()  # under the candidates, in their tab
    win.quality_combo.setCurrentText("tingling")
    win.size_spin.setValue(24)
    with qtbot.waitSignal(rv.presenter.sig_result, timeout=20000):
        drag(win, _path(win, ["lateral_epicondyle", "radial_styloid", "first_mcp"]))
    ids = [ref for _kind, ref, _side in rv.panel.row_keys()]
    assert "C6" in ids[:3] and ids[0] in {"C6", "musculocutaneous", "radial", "median"}, ids
    assert "tingling" in rv.panel.labels()[ids.index("C6")]  # the why says the quality weighs towards a nerve
    assert win.candidates.labels()  # the TrP candidates are listed too
    with qtbot.waitSignal(rv.presenter.sig_cleared, timeout=5000):
        key(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rv.panel.row_keys() == []


def test_a_red_flag_ticked_in_the_visit_leads_the_panels_red_box(shipped_client_window, qtbot) -> None:
    win = shipped_client_window
    box = win.form.flags["saddle_anaesthesia_bladder_bowel"]
    win.tabs.setCurrentWidget(win.form)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on its tick box
    assert box.isChecked()
    assert win.radicular.panel.red_flags.text().startswith("Red flags recorded at this visit: Saddle numbness")
    key(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not win.radicular.panel.red_flags.text().startswith("Red flags recorded")
