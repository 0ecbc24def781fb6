"""The worker's job holds no Qt object of the window (app/ui/nerves/radicular_presenter.py).

A job that held its presenter could outlive the window and destroy the presenter on the pool
thread, which deadlocked against the UI thread's ``QObject.connect`` (Qt's signal-slot locks and
the interpreter lock taken in opposite orders; tests/ui/nerves hung in two of three runs).  Not
a timing test: it looks at what a started job refers to, and checks a result still arrives."""

from __future__ import annotations

import types
from pathlib import Path

from PySide6.QtCore import QObject

from app.services.catalog_service import CatalogService
from app.services.nerve_service import nerve_service_for
from app.ui.nerves import radicular_presenter
from app.ui.nerves.radicular_presenter import RadicularPresenter


def _qt_objects_reachable(root: object, depth: int = 3) -> list[QObject]:
    """Qt objects reachable from a job's attributes and closures (a few levels: the marks' maker)."""
    found, seen, frontier = [], set(), [root]
    for _ in range(depth):
        nxt = []
        for obj in frontier:
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if isinstance(obj, QObject):
                found.append(obj)
                continue
            if isinstance(obj, types.FunctionType):
                nxt += [c.cell_contents for c in obj.__closure__ or ()]
            elif isinstance(obj, types.MethodType):
                nxt.append(obj.__self__)
            elif hasattr(obj, "__dict__") and not isinstance(obj, type):
                nxt += list(vars(obj).values())
        frontier = nxt
    return found


def test_a_started_comparison_holds_no_qt_object_of_the_window(nerve_catalog: Path, qtbot, monkeypatch) -> None:
    jobs = []
    original = radicular_presenter._Job.__init__

    def keep(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        jobs.append(self)

    monkeypatch.setattr(radicular_presenter._Job, "__init__", keep)
    presenter = RadicularPresenter(nerve_service_for(CatalogService.open(nerve_catalog)))
    with qtbot.waitSignal(presenter.sig_result, timeout=10000):
        presenter.request_areas([("lateral_epicondyle", "right")], "Click skin areas")
    presenter.wait()
    assert len(jobs) == 1
    assert _qt_objects_reachable(jobs[0]) == []


def test_two_presenters_each_get_only_their_own_result(nerve_catalog: Path, qtbot) -> None:
    service = nerve_service_for(CatalogService.open(nerve_catalog))
    first, second = RadicularPresenter(service), RadicularPresenter(service)
    got_first, got_second = [], []
    first.sig_result.connect(got_first.append)
    second.sig_result.connect(got_second.append)
    second.clear("Click skin areas")  # its newest request is number 1 too: only the token tells them apart
    with qtbot.waitSignal(first.sig_result, timeout=10000):
        first.request_areas([("lateral_epicondyle", "right")], "Click skin areas")
    qtbot.wait(50)
    assert len(got_first) == 1 and got_second == []
