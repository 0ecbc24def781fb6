"""A records database that can only be read: the person is told why, on every kind of change,
and nothing is written."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from app.services.records_service import ReadOnlyError, RecordsService
from tests.storage.records_samples import sample_client


def test_every_change_to_a_read_only_database_says_why(tmp_path: Path) -> None:
    path = tmp_path / "records.db"
    with RecordsService.open(f"sqlite:///{path}") as service:
        client = service.save_client(sample_client())
        visit = service.new_visit(client.id, date(2026, 4, 1), "Dana")
        document = service.export_records()
    os.chmod(path, 0o400)
    before = path.read_bytes()
    with RecordsService.open(f"sqlite:///{path}") as service:
        reason = service.read_only_reason
        assert service.read_only and "read-only" in reason
        changes = [lambda: service.save_client(sample_client("Bob")), lambda: service.erase_client(client.id),
                   lambda: service.save_visit(service.visit(visit.id)), lambda: service.delete_visit(visit.id),
                   lambda: service.import_records(document)]
        for change in changes:
            with pytest.raises(ReadOnlyError) as caught:
                change()
            assert str(caught.value) == reason
        assert [c.name for c in service.clients()] == ["Ann Example"]
    assert path.read_bytes() == before


def test_an_export_names_the_visits_it_could_not_read_and_keeps_the_rest(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "records.db"
    with RecordsService.open(f"sqlite:///{path}") as service:
        ann = service.save_client(sample_client("Ann Example"))
        bob = service.save_client(sample_client("Bob Other"))
        good = service.new_visit(ann.id, date(2026, 4, 1), "Dana")
        broken = service.new_visit(ann.id, date(2026, 4, 2), "Dana")
        service.new_visit(bob.id, date(2026, 4, 3), "Dana")
    with sqlite3.connect(path) as db:  # a row damaged behind tpx's back
        db.execute("UPDATE visits SET red_flags = '{not json' WHERE id = ?", (broken.id,))
    db.close()
    with RecordsService.open(f"sqlite:///{path}") as service:
        everything = service.export()
        assert everything.damaged == [f"visit {broken.id} cannot be read"]
        ann_only = service.export(ann.id)
        assert ann_only.damaged == [f"visit {broken.id} cannot be read"]
        assert service.export(bob.id).damaged == []
        (ann_doc,) = ann_only.document["clients"]
        assert [v["date"] for v in ann_doc["visits"]] == [good.date.isoformat()]


@pytest.mark.parametrize("meanwhile", ["saved", "deleted"])
def test_a_visit_changed_elsewhere_while_being_deleted_is_left_as_the_other_window_left_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, meanwhile: str) -> None:
    """Dana deletes a visit at the very moment Eli's window saves (or deletes) it: Dana's delete is
    refused with a message naming the visit, and Eli's work stands."""
    from app.services.records_service import ConflictError, UnknownRecord

    url = f"sqlite:///{tmp_path / 'records.db'}"
    with RecordsService.open(url) as dana, RecordsService.open(url) as eli:
        client = dana.save_client(sample_client())
        visit_id = dana.new_visit(client.id, date(2026, 4, 1), "Dana").id
        read = dana._repo.visit

        def read_then_eli_acts(wanted: int):
            found = read(wanted)
            if meanwhile == "saved":
                his = eli.visit(visit_id)
                his.notes = "Eli's note"
                eli.save_visit(his)
            else:
                eli.delete_visit(visit_id)
            return found

        monkeypatch.setattr(dana._repo, "visit", read_then_eli_acts)
        expected = ConflictError if meanwhile == "saved" else UnknownRecord
        with pytest.raises(expected) as caught:
            dana.delete_visit(visit_id)
        monkeypatch.undo()
        if meanwhile == "saved":
            assert str(caught.value) == ("this visit was changed elsewhere (by another window or therapist) since "
                                         "you opened it; nothing was overwritten")
            assert dana.visit(visit_id).notes == "Eli's note"
        else:
            assert str(caught.value) == f"unknown visit id {visit_id}"
            assert [e.action for e in dana.audit(client.id)].count("deleted") == 1  # Eli's delete only
