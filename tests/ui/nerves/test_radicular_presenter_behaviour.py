"""The radicular presenter as its unit: the newest pain wins, an empty pain clears the panel with the
prompt it was given, a failed comparison is said in the panel, and each result names the best
trigger point and whether a nerve fits better.

Temporary nerve catalog (tests/ui/nerves/conftest.py): the mini catalog plus a C5 dermatome on the
lateral epicondyle band and a forearm cutaneous nerve on the dorsal forearm band.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from shapely.geometry import box

from app.domain.pain_map import PainMap
from app.services.catalog_service import CatalogService
from app.services.nerve_service import nerve_service_for
from app.ui.nerves.radicular_presenter import NERVE_ROWS, RadicularPresenter, RadicularResult


@pytest.fixture()
def presenter(nerve_catalog: Path, qtbot):
    shown = RadicularPresenter(nerve_service_for(CatalogService.open(nerve_catalog)))
    yield shown
    shown.wait()


def _results(presenter: RadicularPresenter) -> tuple[list, list]:
    results: list = []
    cleared: list = []
    presenter.sig_result.connect(results.append)
    presenter.sig_cleared.connect(cleared.append)
    return results, cleared


def test_an_elbow_pain_names_its_dermatome_first_and_the_best_trigger_point(presenter, qtbot) -> None:
    results, cleared = _results(presenter)
    with qtbot.waitSignal(presenter.sig_result, timeout=10000):
        presenter.request_areas([("lateral_epicondyle", "right")], "prompt")
    result = results[0]
    assert isinstance(result, RadicularResult) and cleared == []
    expected = presenter.service.compare(presenter.service.marks_for_areas([("lateral_epicondyle", "right")]),
                                         limit=NERVE_ROWS)
    assert [(r.kind, r.id, r.side) for r in result.rows] == [(f.kind, f.id, f.side) for f in expected.nerve_fits]
    assert (result.rows[0].kind, result.rows[0].id, result.rows[0].side) == ("root", "C5", "right")
    assert result.summary == expected.summary
    best = expected.trp_candidates[0]
    assert result.best_trp == presenter.service.catalog.trigger_point(best.trp_id).label == "Supinator TrP"
    assert result.nerve_leads == (result.rows[0].score > best.score)


def test_a_pain_no_trigger_point_refers_to_is_led_by_the_nerve(presenter, qtbot, monkeypatch) -> None:
    service = presenter.service
    real = service.compare

    def without_trps(marks, limit=10):
        comparison = real(marks, limit)
        return type(comparison)(comparison.nerve_fits, [], comparison.summary)

    monkeypatch.setattr(service, "compare", without_trps)
    results, _cleared = _results(presenter)
    with qtbot.waitSignal(presenter.sig_result, timeout=10000):
        presenter.request_areas([("dorsal_forearm", "left")], "prompt")
    assert results[0].rows and results[0].nerve_leads is True and results[0].best_trp is None


def test_no_area_or_no_paint_clears_the_panel_with_its_prompt(presenter, qtbot) -> None:
    results, cleared = _results(presenter)
    presenter.request_areas([], "Choose where it hurts")
    presenter.request_pain(None, "Paint the pain")
    presenter.request_pain(PainMap(), "Paint it")
    assert cleared == ["Choose where it hurts", "Paint the pain", "Paint it"]
    presenter.wait()
    assert results == []


def test_the_newest_pain_wins(presenter, qtbot) -> None:
    results, _cleared = _results(presenter)
    waiting: list = []
    presenter.sig_waiting.connect(lambda: waiting.append(True))
    presenter.request_areas([("temple", "right")], "prompt")
    presenter.request_areas([("dorsal_forearm", "right")], "prompt")
    assert len(waiting) == 2
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    presenter.wait()
    qtbot.wait(50)  # a stale result, had one been sent, would arrive now
    assert len(results) == 1
    assert results[0].rows[0].id == "forearm_cutaneous"


def test_a_request_then_a_clear_shows_only_the_prompt(presenter, qtbot) -> None:
    results, cleared = _results(presenter)
    presenter.request_areas([("lateral_epicondyle", "right")], "prompt")
    presenter.clear("Cleared")
    presenter.wait()
    qtbot.wait(50)
    assert results == [] and cleared == ["Cleared"]


def test_a_painted_map_is_compared_once_the_stroke_pauses(nerve_catalog: Path, qtbot) -> None:
    presenter = RadicularPresenter(nerve_service_for(CatalogService.open(nerve_catalog)), delay_ms=60)
    results, _cleared = _results(presenter)
    outline = presenter.service.catalog.views["anterior"].outline
    pain = PainMap().paint("anterior", box(110, 410, 190, 490), 7, "tingling", outline)  # the right elbow band
    presenter.request_pain(pain, "prompt")
    presenter.request_pain(pain.paint("anterior", box(110, 600, 190, 700), 7, "tingling", outline), "prompt")
    assert presenter._timer.isActive() and results == []  # nothing compared while painting goes on
    with qtbot.waitSignal(presenter.sig_result, timeout=10000):
        pass
    presenter.wait()
    assert len(results) == 1 and {r.id for r in results[0].rows[:2]} == {"C5", "forearm_cutaneous"}


def test_a_failed_comparison_is_said_in_the_panel(presenter, qtbot, monkeypatch) -> None:
    def broken(_marks, limit=10):
        raise ValueError("no territories")

    monkeypatch.setattr(presenter.service, "compare", broken)
    results, cleared = _results(presenter)
    with qtbot.waitSignal(presenter.sig_cleared, timeout=10000):
        presenter.request_areas([("temple", "right")], "prompt")
    assert results == []
    assert cleared == ["The pain could not be compared with the nerve territories (ValueError: no territories)."]


def test_pains_queued_behind_a_running_comparison_are_skipped_but_the_newest(presenter, qtbot, monkeypatch) -> None:
    """While one comparison runs, two more pains come: the middle one is never compared, and the
    running one's result (older than the newest pain) is dropped when it arrives."""
    real = presenter.service.compare
    started, release = threading.Event(), threading.Event()
    compared: list[int] = []

    def slow_first(marks, limit=10):
        compared.append(len(marks))
        if len(compared) == 1:
            started.set()
            release.wait(10)
        return real(marks, limit)

    monkeypatch.setattr(presenter.service, "compare", slow_first)
    results, _cleared = _results(presenter)
    presenter.request_areas([("temple", "right")], "prompt")
    assert started.wait(10)
    presenter.request_areas([("lateral_epicondyle", "right")], "prompt")
    presenter.request_areas([("dorsal_forearm", "right")], "prompt")
    release.set()
    presenter.wait()
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    qtbot.wait(50)
    assert len(compared) == 2  # the temple (running) and the forearm; the elbow was skipped
    assert len(results) == 1 and results[0].rows[0].id == "forearm_cutaneous"


def test_waiting_runs_a_delayed_request_at_once(nerve_catalog: Path, qtbot) -> None:
    presenter = RadicularPresenter(nerve_service_for(CatalogService.open(nerve_catalog)), delay_ms=60000)
    results, _cleared = _results(presenter)
    presenter.request_areas([("lateral_epicondyle", "left")], "prompt")
    assert presenter.wait() is True  # closing the window: the pain asked for is compared now
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results[0].rows[0].id == "C5" and results[0].rows[0].side == "left"


def test_at_most_eight_roots_and_nerves_are_listed(qtbot) -> None:
    from app.services.nerve_service import NerveService

    presenter = RadicularPresenter(NerveService.open())  # the shipped catalog: dozens of territories
    areas = [("dorsal_forearm", "right"), ("thumb_radial_hand", "right"), ("lateral_thigh", "right"), ("heel", "left")]
    assert len(presenter.service.compare(presenter.service.marks_for_areas(areas), limit=20).nerve_fits) > NERVE_ROWS
    results, _cleared = _results(presenter)
    with qtbot.waitSignal(presenter.sig_result, timeout=20000):
        presenter.request_areas(areas, "prompt")
    assert len(results[0].rows) == NERVE_ROWS
