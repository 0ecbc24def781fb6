"""The client screen's presenter as its unit: the visit opened for a client, undo steps of typed and
ticked fields, what a signed visit refuses, saves that fail or conflict, and the live ranking.

The presenter is driven through its public methods (what the window's widgets call), on a real
records database in a temporary folder and the mini catalog (tests/support/mini_catalog.py:
anterior view 400 × 1000 mm, the client's right at x < 200; temple band y 50-150).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import box

from app.domain.records import Client
from app.services.catalog_service import CatalogService
from app.services.records_service import RecordsService
from app.storage.user_errors import ConflictError
from app.ui.records.visit_presenter import VisitPresenter
from tests.support.pain_strategies import _brush_pieces


@pytest.fixture()
def presenter(mini_catalog: Path, tmp_path: Path, qtbot):
    records = RecordsService.open(f"sqlite:///{tmp_path / 'records.db'}")
    shown = VisitPresenter(records, CatalogService.open(mini_catalog))
    yield shown
    shown.metrics_runner.wait()
    shown._saver.wait()
    records.close()


def _client_with_visits(presenter: VisitPresenter, *dates: date) -> Client:
    """A client whose visits were entered in this order (not by date)."""
    client = presenter.records.save_client(Client(id=None, name="Ada Test"))
    for day in dates:
        presenter.records.new_visit(client.id, day, "Sam", f"visit of {day.isoformat()}")
    return client


def _temple_drag(presenter: VisitPresenter, stroke_id: int, x0: float = 120) -> None:
    """A brush drag over the client's right temple, one capsule per mouse move (as BrushTool sends)."""
    for piece in _brush_pieces([(x0, 80), (x0 + 20, 90), (x0 + 40, 100), (x0 + 60, 110)], 12):
        presenter.paint("anterior", piece, 6, "aching", stroke_id)


def test_a_client_opens_on_the_latest_visit_whatever_the_order_they_were_entered(presenter) -> None:
    client = _client_with_visits(presenter, date(2026, 3, 2), date(2026, 5, 9), date(2026, 1, 20))
    presenter.open_client(client.id)
    assert presenter.visit.date == date(2026, 5, 9)
    assert [v.date for v in presenter.visits] == [date(2026, 1, 20), date(2026, 3, 2), date(2026, 5, 9)]
    assert [v.date for v in presenter.other_visits()] == [date(2026, 1, 20), date(2026, 3, 2)]
    earliest = presenter.visits[0]
    presenter.open_visit(earliest.id)
    assert presenter.visit is earliest  # the copy already read, not a second one
    assert [v.date for v in presenter.other_visits()] == [date(2026, 3, 2), date(2026, 5, 9)]


def test_two_visits_on_one_day_open_on_the_one_entered_last_and_stay_in_that_order(presenter) -> None:
    client = _client_with_visits(presenter, date(2026, 4, 1), date(2026, 4, 1))
    presenter.open_client(client.id)
    first, last = sorted(v.id for v in presenter.visits)
    assert presenter.visit.id == last
    presenter.edit_field("notes", "saved again")
    assert presenter.save_now() is True  # the saved copy replaces the old one in the list ...
    assert [v.id for v in presenter.visits] == [first, last]  # ... in its place, not first
    assert presenter.visits[-1] is presenter.visit


def test_a_client_without_visits_opens_on_nothing_and_publishes_an_empty_ranking(presenter, qtbot) -> None:
    client = _client_with_visits(presenter)
    published: list = []
    presenter.sig_candidates.connect(lambda rows: published.append(("candidates", rows)))
    presenter.sig_metrics.connect(lambda metrics: published.append(("metrics", metrics)))
    presenter.open_client(client.id)
    assert presenter.visit is None and presenter.visits == [] and presenter.other_visits() == []
    assert published == [("candidates", []), ("metrics", None)]
    presenter.edit_field("chief_complaint", "Headache")  # no visit: nothing to edit
    assert presenter.undo_stack.count() == 0 and not presenter.has_unsaved_edits()


def test_a_new_visit_needs_a_client(presenter) -> None:
    with pytest.raises(ValueError, match="open or create a client first"):
        presenter.new_visit("Sam")


def test_a_new_client_starts_without_visits_and_a_new_visit_is_today_s(presenter) -> None:
    old = _client_with_visits(presenter, date(2026, 1, 5))
    presenter.open_client(old.id)
    client = presenter.new_client("Bea")
    assert presenter.client == client and client.id != old.id and presenter.visit is None and presenter.visits == []
    visit = presenter.new_visit("Sam")
    assert visit.date == date.today() and visit.therapist == "Sam" and visit.client_id == client.id
    assert presenter.visit is visit and presenter.visits == [visit]
    assert presenter.records.visits(client.id)[0].id == visit.id
    presenter.open_client(old.id)
    second = presenter.new_visit()  # the client's earlier visit stays in the list, before it
    assert second.therapist == ""  # no therapist remembered: the visit names none
    assert [v.id for v in presenter.visits] == [presenter.records.visits(old.id)[0].id, second.id]
    assert [v.date for v in presenter.other_visits()] == [date(2026, 1, 5)]


def test_typing_merges_into_one_step_per_field_and_ticks_are_a_step_each(presenter) -> None:
    client = _client_with_visits(presenter, date(2026, 2, 1))
    presenter.open_client(client.id)
    for text in ("T", "Te", "Temple"):
        presenter.edit_field("chief_complaint", text)
    assert presenter.undo_stack.count() == 1 and presenter.undo_stack.undoText() == "Edit chief complaint"
    presenter.edit_field("soap.plan", "Stretch")
    presenter.edit_field("soap.plan", "Stretch daily")
    assert presenter.undo_stack.count() == 2
    flag = next(iter(presenter.visit.red_flags))
    presenter.edit_field(f"red_flags.{flag}", True)
    presenter.edit_field(f"red_flags.{flag}", False)  # a tick and an untick: two steps, not one
    assert presenter.undo_stack.count() == 4
    presenter.edit_field("chief_complaint", "Temple")  # the value it has: no step
    assert presenter.undo_stack.count() == 4
    presenter.undo_stack.undo()
    assert presenter.visit.red_flags[flag] is True
    presenter.undo_stack.undo()
    assert presenter.visit.red_flags[flag] is False and presenter.visit.soap["plan"] == "Stretch daily"
    presenter.undo_stack.undo()
    assert presenter.visit.soap["plan"] == "" and presenter.visit.chief_complaint == "Temple"
    presenter.undo_stack.undo()
    assert presenter.visit.chief_complaint == "visit of 2026-02-01"
    presenter.undo_stack.redo()
    assert presenter.visit.chief_complaint == "Temple"


def test_a_date_or_complaint_edit_redraws_the_visit_list_in_date_order(presenter, qtbot) -> None:
    client = _client_with_visits(presenter, date(2026, 1, 10), date(2026, 2, 10))
    presenter.open_client(client.id)  # the February visit
    # The date decides which visit is the previous one: the ranking and the metrics follow it.
    with qtbot.waitSignals([presenter.sig_visits_changed, presenter.sig_candidates]):
        presenter.edit_field("date", date(2025, 12, 24))
    assert presenter._metrics_timer.isActive()
    assert [v.date for v in presenter.visits] == [date(2025, 12, 24), date(2026, 1, 10)]
    assert presenter.visits[0] is presenter.visit
    with qtbot.waitSignal(presenter.sig_visits_changed):
        presenter.edit_field("chief_complaint", "Neck")
    with qtbot.assertNotEmitted(presenter.sig_visits_changed), qtbot.assertNotEmitted(presenter.sig_candidates):
        presenter.edit_field("notes", "Sleeps badly")  # a note changes neither the list nor the ranking
    assert presenter.has_unsaved_edits()


def test_a_signed_visit_takes_no_paint_and_no_edit(presenter) -> None:
    client = _client_with_visits(presenter, date(2026, 2, 1))
    presenter.records.sign_visit(presenter.records.visits(client.id)[0], "Sam")
    presenter.open_client(client.id)
    assert presenter.visit.signed
    presenter.edit_field("chief_complaint", "Changed")
    _temple_drag(presenter, 1)
    assert presenter.undo_stack.count() == 0 and presenter.visit.pain.is_empty()
    assert presenter.visit.chief_complaint == "visit of 2026-02-01" and not presenter.has_unsaved_edits()


def test_one_drag_is_one_step_and_ranks_at_once(presenter, qtbot) -> None:
    client = _client_with_visits(presenter, date(2026, 2, 1))
    presenter.open_client(client.id)
    with qtbot.waitSignal(presenter.sig_candidates) as ranked:
        _temple_drag(presenter, 7)
    assert presenter.undo_stack.count() == 1 and presenter.undo_stack.undoText() == "Paint aching 6/10"
    assert [(r["trp_id"], r["side"]) for r in ranked.args[0]][:1] == [("trapezius_trp1", "right")]
    assert presenter.last_ranking_ms > 0
    painted = presenter.visit.pain.painted("anterior")
    assert painted.area > 1000 and painted.bounds[2] < 200  # the client's right temple
    presenter.paint("anterior", box(110, 70, 130, 90), 6, "aching", 8, erase=True)
    assert presenter.undo_stack.count() == 2 and presenter.undo_stack.undoText() == "Erase"
    steps = presenter.undo_stack.count()
    presenter.paint("posterior", box(210, 70, 230, 90), 6, "aching", 9, erase=True)  # nothing painted there
    assert presenter.undo_stack.count() == steps


def test_the_open_client_s_erasure_leaves_nothing_open(presenter, qtbot) -> None:
    presenter.erase_client()  # nothing open: nothing to erase, no error
    client = _client_with_visits(presenter, date(2026, 2, 1))
    presenter.open_client(client.id)
    presenter.edit_field("notes", "to be erased")
    with qtbot.waitSignal(presenter.sig_visit_opened):
        presenter.erase_client()
    assert presenter.client is None and presenter.visit is None and presenter.visits == []
    assert not presenter.has_unsaved_edits() and presenter.save_error is None
    assert presenter.records.clients() == []


def test_a_failed_save_keeps_the_edits_says_why_and_is_retried_every_five_seconds(presenter, monkeypatch,
                                                                                   qtbot) -> None:
    client = _client_with_visits(presenter, date(2026, 2, 1))
    presenter.open_client(client.id)
    presenter.edit_field("notes", "Sleeps badly")
    real_save = presenter.records.save_visit

    def disk_full(_visit):
        raise OSError("disk full")

    monkeypatch.setattr(presenter.records, "save_visit", disk_full)
    with qtbot.waitSignal(presenter.sig_save_failed) as failed:
        assert presenter.save_now() is False
    expected = ("Not saved: disk full. Your edits are kept in this window; trying again every 5 s.")
    assert failed.args == [expected] and presenter.save_error == expected
    assert presenter.has_unsaved_edits() and presenter._timer.isActive() and presenter._timer.interval() == 5000
    monkeypatch.setattr(presenter.records, "save_visit", real_save)
    with qtbot.waitSignal(presenter.sig_status) as status:
        assert presenter.save_now() is True
    assert status.args[0].startswith("Saved ") and presenter.save_error is None
    assert not presenter.has_unsaved_edits() and not presenter._timer.isActive()
    assert presenter.records.visit(presenter.visit.id).notes == "Sleeps badly"
    assert presenter.save_now() is True  # nothing left to save


def test_a_conflict_is_handed_to_the_window_not_retried(presenter, monkeypatch, qtbot) -> None:
    client = _client_with_visits(presenter, date(2026, 2, 1))
    presenter.open_client(client.id)
    presenter.edit_field("notes", "mine")
    conflict = ConflictError("someone else saved it")
    monkeypatch.setattr(presenter.records, "save_visit", lambda _v: (_ for _ in ()).throw(conflict))
    with qtbot.waitSignal(presenter.sig_conflict) as handed, qtbot.assertNotEmitted(presenter.sig_save_failed):
        assert presenter.save_now() is False
    assert handed.args == [conflict] and not presenter._timer.isActive()
    assert presenter.save_error == "Not saved: someone else saved this visit first. Nothing was overwritten."


def _conflict(presenter) -> tuple:
    """The open visit saved meanwhile by another window (theirs); ours edited on an older version."""
    client = _client_with_visits(presenter, date(2026, 2, 1), date(2026, 3, 1))
    presenter.open_client(client.id)
    theirs = presenter.records.visit(presenter.visit.id)
    theirs.notes = "theirs"
    theirs = presenter.records.save_visit(theirs)
    presenter.edit_field("notes", "mine")
    assert presenter.save_now() is False
    return client, theirs


def test_taking_theirs_opens_the_stored_version_and_forgets_ours(presenter) -> None:
    client, theirs = _conflict(presenter)
    presenter.take_theirs(theirs)
    assert presenter.visit is theirs and presenter.visit.notes == "theirs"
    assert not presenter.has_unsaved_edits() and presenter.undo_stack.count() == 0
    assert [v.notes for v in presenter.visits] == ["", "theirs"]
    assert [v.notes for v in presenter.records.visits(client.id)] == ["", "theirs"]


def test_keeping_mine_as_a_copy_keeps_both_visits(presenter, qtbot) -> None:
    client, theirs = _conflict(presenter)
    with qtbot.waitSignal(presenter.sig_visits_changed):  # a visit more in the list
        assert presenter.keep_mine_as_copy(theirs) is True
    mine = presenter.visit
    assert mine.notes == "mine" and mine.id not in (None, theirs.id) and not mine.signed
    assert not presenter.has_unsaved_edits()
    stored = {v.id: v.notes for v in presenter.records.visits(client.id)}
    assert stored[theirs.id] == "theirs" and stored[mine.id] == "mine" and len(stored) == 3
    assert sorted(v.id for v in presenter.visits) == sorted(stored)


def test_autosave_writes_the_edits_shortly_after_they_stop(presenter, qtbot) -> None:
    client = _client_with_visits(presenter, date(2026, 2, 1))
    presenter.open_client(client.id)
    presenter.edit_field("notes", "Sleeps badly")
    assert presenter._timer.isActive() and presenter._timer.interval() == 400
    qtbot.waitUntil(lambda: not presenter.has_unsaved_edits(), timeout=5000)
    assert presenter.records.visit(presenter.visit.id).notes == "Sleeps badly"
    assert presenter.visit.version == presenter.records.visit(presenter.visit.id).version


def test_the_live_list_keeps_the_forty_best_of_a_large_pain(shipped_service, tmp_path: Path, qtbot) -> None:
    """Shipped catalog: pain over the whole front of the body reaches far more than 40 trigger points."""
    records = RecordsService.open(f"sqlite:///{tmp_path / 'records.db'}")
    presenter = VisitPresenter(records, shipped_service)
    try:
        client = records.save_client(Client(id=None, name="Ada Test"))
        records.new_visit(client.id, date(2026, 2, 1))
        presenter.open_client(client.id)
        outline = shipped_service.views["anterior"].outline
        with qtbot.waitSignal(presenter.sig_candidates) as ranked:
            presenter.paint("anterior", outline.buffer(10), 5, "aching", 1)
        pain = presenter.visit.pain
        everything = shipped_service.candidates_for_pain({v: pain.strokes(v) for v in pain.views()})
        assert len(everything) > 40
        assert [(r["trp_id"], r["side"]) for r in ranked.args[0]] == [(c.trp_id, c.side) for c in everything[:40]]
    finally:
        presenter.metrics_runner.wait()
        records.close()
