"""The neuro screen in the records: stored and read back, kept in the history, exported and
imported identically, every wrong enum in a file refused in one line with nothing imported, and a
database made before migration n001 upgraded with its visits intact."""

from __future__ import annotations

import copy
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
import shapely
from alembic import command
from shapely.geometry import box
from sqlalchemy import create_engine

from app.domain import neuro_screen as ns
from app.domain.records import Client
from app.services.records_service import RecordsImportError, RecordsService
from app.storage.user_migrations import alembic_config, head_revisions

SCREEN = {"light_touch.C6.left": "reduced", "pinprick.C6.left": "absent", "light_touch.C6.right": "normal",
          "strength.C6.left": 4, "strength.L5.right": 5, "reflex.brachioradialis.left": "reduced",
          "reflex.patellar.right": "brisk", "provocation.spurling.left": "positive",
          "provocation.straight_leg_raise.right": "negative", "slr_angle.right": 80,
          "note": "Spurling reproduces thumb tingling — «left»"}


@pytest.fixture()
def service(tmp_path: Path):
    with RecordsService.open(f"sqlite:///{tmp_path / 'records.db'}") as svc:
        yield svc


def _visit_with_screen(service: RecordsService):
    client = service.save_client(Client(None, "Ann Example"))
    visit = service.new_visit(client.id, date(2026, 11, 2), "Dana", "neck and arm pain")
    visit.neuro_screen = ns.normalized(SCREEN)
    return service.save_visit(visit)


def test_the_screen_is_stored_and_read_back_and_only_tested_items_are_kept(service: RecordsService) -> None:
    visit = _visit_with_screen(service)
    assert service.visit(visit.id).neuro_screen == ns.normalized(SCREEN)
    with sqlite3.connect(service.database_path) as conn:
        (stored,) = conn.execute("SELECT neuro_screen FROM visits").fetchone()
        empty = service.new_visit(visit.client_id, date(2026, 11, 9))
        (nothing,) = conn.execute("SELECT neuro_screen FROM visits WHERE id = ?", (empty.id,)).fetchone()
    conn.close()
    stored = json.loads(stored)
    leaves = [v for test in ns.TESTS for sides in stored[test].values() for v in sides.values()]
    assert len(leaves) + len(stored["slr_angle"]) + 1 == len(SCREEN)  # nothing untested is written
    assert stored["light_touch"] == {"C6": {"left": "reduced", "right": "normal"}} and stored["note"] == SCREEN["note"]
    assert nothing is None and service.visit(empty.id).neuro_screen == ns.empty_neuro_screen()


def test_an_amendment_and_a_deleted_visit_keep_the_screen_as_it_was(service: RecordsService) -> None:
    visit = _visit_with_screen(service)
    signed = service.sign_visit(visit, "Dana")
    amended = service.amend_visit(signed, "Dana", "SLR angle mistyped")
    assert amended.amendments[0].original["neuro_screen"]["slr_angle"] == {"right": 80}
    amended.neuro_screen = {**amended.neuro_screen, "slr_angle.right": 60}
    service.save_visit(amended)
    service.delete_visit(visit.id)
    deleted = [e for e in service.audit(visit.client_id) if e.action == "deleted"][0]
    assert json.loads(deleted.detail)["neuro_screen"]["slr_angle"] == {"right": 60}


def _visits(document: dict) -> list[dict]:
    return [{k: v for k, v in visit.items() if k != "id"} for c in document["clients"] for visit in c["visits"]]


def test_export_then_import_into_a_fresh_database_is_identical(service: RecordsService, tmp_path: Path) -> None:
    _visit_with_screen(service)
    document = service.export_records()
    assert document["clients"][0]["visits"][0]["neuro_screen"]["light_touch"]["C6"] == {"left": "reduced",
                                                                                     "right": "normal"}
    text = json.dumps(document, ensure_ascii=False)
    with RecordsService.open(f"sqlite:///{tmp_path / 'fresh.db'}") as fresh:
        fresh.import_records(json.loads(text))
        again = fresh.export_records()
        (visit,) = fresh.visits(fresh.clients()[0].id)
    assert _visits(again) == _visits(document)
    assert visit.neuro_screen == ns.normalized(SCREEN)


WRONG = [
    (("light_touch", "C9"), {"left": "reduced"}, "neuro_screen.light_touch.C9"),
    (("light_touch", "C6"), {"front": "reduced"}, "neuro_screen.light_touch.C6.front"),
    (("light_touch", "C6"), {"left": "numb"}, "neuro_screen.light_touch.C6.left"),
    (("pinprick", "C6"), {"left": "tingling"}, "neuro_screen.pinprick.C6.left"),
    (("pinprick", "X1"), {"left": "normal"}, "neuro_screen.pinprick.X1"),
    (("strength", "C6"), {"left": 6}, "neuro_screen.strength.C6.left"),
    (("strength", "C6"), {"left": "4"}, "neuro_screen.strength.C6.left"),
    (("strength", "C6"), {"left": "not tested"}, "neuro_screen.strength.C6.left"),
    (("strength", "C2"), {"left": 5}, "neuro_screen.strength.C2"),
    (("reflex", "knee"), {"left": "normal"}, "neuro_screen.reflex.knee"),
    (("reflex", "biceps"), {"left": "hyper"}, "neuro_screen.reflex.biceps.left"),
    (("reflex", "biceps"), {"both": "normal"}, "neuro_screen.reflex.biceps.both"),
    (("provocation", "lasegue"), {"left": "positive"}, "neuro_screen.provocation.lasegue"),
    (("provocation", "slump"), {"left": "equivocal"}, "neuro_screen.provocation.slump.left"),
    (("provocation", "slump"), {"left": "not tested"}, "neuro_screen.provocation.slump.left"),
    (("slr_angle", "left"), 120, "neuro_screen.slr_angle.left"),
    (("slr_angle", "up"), 40, "neuro_screen.slr_angle.up"),
    (("tone", "C6"), {"left": "normal"}, "neuro_screen.tone"),
]


@pytest.mark.parametrize(("where", "value", "named"), WRONG, ids=[w[2].removeprefix("neuro_screen.") for w in WRONG])
def test_every_wrong_enum_is_refused_in_one_line_and_nothing_is_imported(service: RecordsService, tmp_path: Path,
                                                                        where: tuple[str, str], value, named: str) -> None:
    _visit_with_screen(service)
    document = copy.deepcopy(service.export_records())
    document["clients"][0]["uid"] = None  # would be a new client if the import went through
    service.import_records(copy.deepcopy(document))  # the file as exported is fine ...
    before = service.counts()
    part, site = where
    document["clients"][0]["visits"][0]["neuro_screen"].setdefault(part, {})[site] = value
    with pytest.raises(RecordsImportError) as error:  # ... with one wrong value it is refused whole
        service.import_records(document)
    message = str(error.value)
    assert "\n" not in message and message.startswith(f"clients[0].visits[0].{named}")
    assert service.counts() == before


def test_a_database_made_before_n001_upgrades_with_its_visits_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as conn:  # the schema as a tpx without the neuro screen made it
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        command.upgrade(config, "s001")
        conn.exec_driver_sql("INSERT INTO clients (id, uid, name, contact, notes, consent_given, created_at, version) "
                             "VALUES (1, '00000000-0000-4000-8000-000000000001', 'Old Client', '', '', 1, "
                             "'2026-01-02 10:00:00', 3)")
        conn.exec_driver_sql(
            "INSERT INTO visits (id, client_id, date, therapist, chief_complaint, subjective, objective, assessment, "
            "plan, red_flags, notes, updated_at, version, signed_by) VALUES (7, 1, '2026-01-02', 'Dana', 'low back', "
            "'aches', '', '', '', '{\"history_of_cancer\": true}', 'n', '2026-01-02 10:00:00', 2, '')")
        conn.exec_driver_sql("INSERT INTO pain_marks (visit_id, position, view, geometry, intensity, quality) "
                             "VALUES (7, 0, 'posterior', ?, 6, 'aching')", (shapely.to_wkb(box(0, 0, 30, 40)),))
        columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(visits)")]
        assert "neuro_screen" not in columns
    engine.dispose()
    with RecordsService.open(f"sqlite:///{path}") as service:
        (visit,) = service.visits(1)
        assert (visit.id, visit.therapist, visit.soap["subjective"], visit.version) == (7, "Dana", "aches", 2)
        assert visit.red_flags["history_of_cancer"] and visit.pain.painted("posterior").area == 1200
        assert visit.neuro_screen == ns.empty_neuro_screen()
        visit.neuro_screen = ns.normalized({"reflex.achilles.left": "absent"})
        service.save_visit(visit)
        assert service.visit(7).neuro_screen["reflex.achilles.left"] == "absent"
    with sqlite3.connect(path) as conn:
        versions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
    conn.close()
    assert "n001" in versions and versions == set(head_revisions())
