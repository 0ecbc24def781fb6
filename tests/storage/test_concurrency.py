"""Two therapists, one database (SQLite file and PostgreSQL): the second save of a record
someone changed meanwhile is a conflict, nothing is overwritten and both versions are kept;
a short CLI command never leaves a window read-only."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest
from shapely.geometry import box

from app.services.records_service import ConflictError, RecordsService
from tests.storage.records_samples import fill_visit, sample_client


@pytest.fixture()
def two_windows(records_url: str):
    with RecordsService.open(records_url) as first, RecordsService.open(records_url) as second:
        first.actor, second.actor = "Dana", "Eli"
        yield first, second


def test_second_save_of_a_changed_visit_is_a_conflict_and_both_versions_are_kept(two_windows) -> None:
    first, second = two_windows
    assert not first.read_only and not second.read_only
    client = first.save_client(sample_client())
    visit_id = first.save_visit(fill_visit(first.new_visit(client.id, date(2026, 4, 1)))).id
    dana, eli = first.visit(visit_id), second.visit(visit_id)  # both therapists open the visit
    dana.soap = dict(dana.soap, plan="Dana: stretch daily")
    dana.pain = dana.pain.paint("anterior", box(0, 0, 30, 30), 5, "aching")
    first.save_visit(dana)
    eli.soap = dict(eli.soap, plan="Eli: heat, then review")
    with pytest.raises(ConflictError, match="changed elsewhere") as excinfo:
        second.save_visit(eli)
    stored = second.visit(visit_id)
    assert stored.soap["plan"] == "Dana: stretch daily" and len(stored.pain.marks("anterior")) == 1
    assert excinfo.value.theirs == stored and excinfo.value.mine.soap["plan"] == "Eli: heat, then review"
    (conflict,) = [e for e in second.audit(client.id) if e.action == "conflict"]
    kept = json.loads(conflict.detail)
    assert (conflict.actor, conflict.visit_id, kept["soap"]["plan"]) == ("Eli", visit_id, "Eli: heat, then review")
    # Eli reloads, reapplies and saves: now it goes through and Dana's paint stays.
    fresh = second.visit(visit_id)
    fresh.soap = dict(fresh.soap, plan="Dana's plan, and heat (Eli)")
    second.save_visit(fresh)
    final = first.visit(visit_id)
    assert final.soap["plan"] == "Dana's plan, and heat (Eli)" and len(final.pain.marks("anterior")) == 1


def test_the_saving_window_keeps_saving_after_its_own_saves(two_windows) -> None:
    first, _second = two_windows
    client = first.save_client(sample_client())
    visit = first.new_visit(client.id, date(2026, 4, 1))
    for n in range(3):  # autosave: the same object saved again and again
        visit.notes = f"note {n}"
        first.save_visit(visit)
    assert first.visit(visit.id).notes == "note 2" and first.visit(visit.id).version == visit.version


def test_client_details_conflict_too(two_windows) -> None:
    first, second = two_windows
    client = first.save_client(sample_client())
    mine, theirs = first.client(client.id), second.client(client.id)
    mine.contact = "new phone 555"
    first.save_client(mine)
    theirs.notes = "old view of the client"
    with pytest.raises(ConflictError):
        second.save_client(theirs)
    assert second.client(client.id).contact == "new phone 555"
    assert second.client(client.id).notes == "prefers mornings"


def test_simultaneous_saves_of_one_version_let_exactly_one_through(two_windows) -> None:
    first, second = two_windows
    client = first.save_client(sample_client())
    visit_id = first.save_visit(fill_visit(first.new_visit(client.id, date(2026, 4, 1)))).id
    copies = {"Dana": (first, first.visit(visit_id)), "Eli": (second, second.visit(visit_id))}
    start = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def save(who: str) -> None:
        service, visit = copies[who]
        visit.notes = f"written by {who}"
        start.wait()
        try:
            service.save_visit(visit)
            outcome[who] = "saved"
        except ConflictError:
            outcome[who] = "conflict"

    threads = [threading.Thread(target=save, args=(who,)) for who in copies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcome.values()) == ["conflict", "saved"]
    (winner,) = [who for who, result in outcome.items() if result == "saved"]
    assert first.visit(visit_id).notes == f"written by {winner}"


def test_a_cli_command_meanwhile_never_leaves_the_window_read_only(db_url: str) -> None:
    from app.cli.main import main

    with RecordsService.open(db_url) as setup:
        setup.save_client(sample_client())
    cli_meanwhile = RecordsService.open(db_url)  # e.g. `tpx export` still running
    window = RecordsService.open(db_url)
    try:
        assert not window.read_only
        assert main(["clients", "--database", db_url, "--json"]) == 0  # and another one, start to end
        cli_meanwhile.close()
        window.save_client(sample_client("Saved after the CLI ran"))
        assert {c.name for c in window.clients()} == {"Ann Example", "Saved after the CLI ran"}
    finally:
        window.close()


def test_a_full_disk_is_a_plain_save_failure_that_keeps_everything(db_url: str) -> None:
    """SQLITE_FULL (what a full disk gives) through max_page_count: nothing written, the caller's
    visit unchanged (the window keeps the edits), and the same save succeeds once there is room."""
    from shapely.geometry import Point
    from sqlalchemy import event

    from app.services.records_service import SaveFailedError

    with RecordsService.open(db_url) as service:
        client = service.save_client(sample_client())
        visit = service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, 1))))
        engine = service._db.engine
        with engine.connect() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

        def cap(dbapi_connection, _record) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

        event.listen(engine, "connect", cap)
        engine.dispose()
        before, version = service.counts(), visit.version
        for n in range(40):  # a busy painting session: many detailed marks
            visit.pain = visit.pain.paint("anterior", Point(20 + n * 9, 300).buffer(4, 256), 1 + n % 10, "aching")
        with pytest.raises(SaveFailedError, match="the disk is full") as excinfo:
            service.save_visit(visit)
        assert "edits are kept" in str(excinfo.value) and "\n" not in str(excinfo.value)
        assert service.counts() == before and visit.version == version
        assert len(service.visit(visit.id).pain.marks("anterior")) == 0
        event.remove(engine, "connect", cap)
        engine.dispose()
        service.save_visit(visit)  # room again: the kept edits go in
        assert len(service.visit(visit.id).pain.marks("anterior")) == 40
