"""Export and import through the service: lossless round trip, id policy, all or nothing."""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from pathlib import Path

import pytest

from app.services.records_service import RecordsImportError, RecordsService
from tests.storage.records_samples import fill_visit, sample_client, sample_pain


@pytest.fixture()
def service(tmp_path: Path):
    with RecordsService.open(f"sqlite:///{tmp_path / 'records.db'}") as svc:
        yield svc


def _seed(service: RecordsService, name: str = "Ann Example", visits: int = 2) -> int:
    client = service.save_client(sample_client(name))
    for day in range(1, visits + 1):
        service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, day), "Dana", "neck")))
    return client.id


def test_export_is_versioned_json_with_wkt(service: RecordsService) -> None:
    client_id = _seed(service)
    _seed(service, "Bob Other", 1)
    data = json.loads(json.dumps(service.export_records(client_id)))  # plain JSON all the way
    assert (data["format"], data["version"], data["geometry_encoding"]) == ("tpx-records", 1, "wkt")
    (client,) = data["clients"]
    assert client["name"] == "Ann Example" and len(client["visits"]) == 2
    assert client["visits"][0]["pain"][0]["geometry"].startswith("POLYGON")
    assert len(service.export_records()["clients"]) == 2


def test_round_trip_into_another_database_is_lossless(service: RecordsService, tmp_path: Path) -> None:
    client_id = _seed(service)
    data = json.loads(json.dumps(service.export_records()))
    with RecordsService.open(f"sqlite:///{tmp_path / 'other.db'}") as other:
        report = other.import_records(data)
        assert (report.clients_added, report.clients_replaced, report.visits_imported) == (1, 0, 2)
        (copy_,) = other.clients()
        original = service.client(client_id)
        assert copy_.uid == original.uid and copy_.name == original.name
        assert copy_.created_at == original.created_at
        for mine, theirs in zip(service.visits(client_id), other.visits(copy_.id), strict=True):
            assert theirs.pain == mine.pain == sample_pain()
            assert (theirs.soap, theirs.red_flags, theirs.findings, theirs.treatments) == (
                mine.soap, mine.red_flags, mine.findings, mine.treatments)


def test_reimport_adds_a_copy_with_new_ids_and_uid(service: RecordsService) -> None:
    client_id = _seed(service)
    data = service.export_records()
    report = service.import_records(data)
    assert report.clients_added == 1
    clients = service.clients()
    assert len(clients) == 2 and len({c.uid for c in clients}) == 2 and len({c.id for c in clients}) == 2
    assert service.counts()["visits"] == 4
    assert service.client(client_id).uid == data["clients"][0]["uid"]  # the original is untouched


def test_replace_policy_swaps_the_client_in_place(service: RecordsService) -> None:
    client_id = _seed(service)
    data = service.export_records()
    data["clients"][0]["name"] = "Ann Renamed"
    data["clients"][0]["visits"] = data["clients"][0]["visits"][:1]
    report = service.import_records(data, replace=True)
    assert (report.clients_added, report.clients_replaced, report.visits_imported) == (0, 1, 1)
    assert [(c.id, c.name) for c in service.clients()] == [(client_id, "Ann Renamed")]
    assert len(service.visits(client_id)) == 1 and service.counts()["pain_marks"] == 3


def test_geojson_geometry_is_accepted(service: RecordsService) -> None:
    _seed(service, visits=1)
    data = service.export_records()
    mark = data["clients"][0]["visits"][0]["pain"][0]
    mark["geometry"] = {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]}
    data["clients"][0]["visits"][0]["pain"] = [mark]
    data["clients"][0]["uid"] = None
    service.import_records(data)
    newest = max(service.clients(), key=lambda c: c.id)
    assert service.visits(newest.id)[0].pain.marks("posterior")[0].area == 100.0


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.update(format="other"), "not a tpx-records document"),
    (lambda d: d.update(version=2), "unsupported tpx-records version 2"),
    (lambda d: d["clients"][1]["visits"][0]["pain"][0].update(geometry="POLYGON ((0 0, 1 1"), "clients[1].visits[0].pain[0].geometry"),
    (lambda d: d["clients"][1]["visits"][0]["pain"][0].update(intensity=11), "less than or equal to 10"),
    (lambda d: d["clients"][1]["visits"][0]["findings"][0].update(side="up"), "side"),
    (lambda d: d["clients"][1].update(uid=d["clients"][0]["uid"]), "duplicate client uid"),
    (lambda d: d["clients"][1]["visits"][0].update(id=d["clients"][0]["visits"][0]["id"]), "duplicate visit id"),
    (lambda d: d["clients"][1]["visits"][0].update(date="yesterday"), "date"),
    (lambda d: d["clients"][1].update(surprise=1), "surprise"),
    (lambda d: d["clients"][1]["visits"][0]["pain"].append(dict(d["clients"][1]["visits"][0]["pain"][0])), "overlap"),
])
def test_a_bad_file_imports_nothing(service: RecordsService, tmp_path: Path, mutate, message: str) -> None:
    _seed(service)
    _seed(service, "Bob Other")
    data = copy.deepcopy(service.export_records())
    mutate(data)
    with RecordsService.open(f"sqlite:///{tmp_path / 'target.db'}") as target:
        _seed(target, "Already Here", 1)
        before = target.counts()
        with pytest.raises(RecordsImportError, match=re.escape(message)) as excinfo:
            target.import_records(data)
        assert "\n" not in str(excinfo.value)
        assert target.counts() == before  # the valid first client was not written either


def test_a_database_failure_mid_import_rolls_everything_back(service: RecordsService, monkeypatch) -> None:
    _seed(service)
    _seed(service, "Bob Other")
    data = service.export_records()
    before = service.counts()
    from app.storage.records_repository import RecordsRepository

    calls = {"n": 0}
    real = RecordsRepository.write_visit

    def failing(self, s, visit):  # the third visit fails, after two were written
        calls["n"] += 1
        if calls["n"] == 3:
            from sqlalchemy.exc import OperationalError

            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return real(self, s, visit)

    monkeypatch.setattr(RecordsRepository, "write_visit", failing)
    from app.storage.user_errors import UserDatabaseError

    with pytest.raises(UserDatabaseError, match="rolled back"):
        service.import_records(data)
    assert service.counts() == before


ENUM_FIELDS = [  # (where in the first visit, a wrong value, the message's location)
    (("pain", 0, "view"), "back", "pain[0].view"),
    (("pain", 0, "view"), "Posterior", "pain[0].view"),
    (("pain", 0, "quality"), "sore", "pain[0].quality"),
    (("findings", 0, "side"), "both", "findings[0].side"),  # a finding is one side
    (("findings", 0, "side"), "Right", "findings[0].side"),
    (("findings", 0, "status"), "dormant", "findings[0].status"),
    (("treatments", 0, "side"), "up", "treatments[0].side"),
    (("red_flags",), {"made_up_flag": True}, "red_flags"),
    (("symptom_severity",), {"fatigue": 1}, "symptom_severity"),
]


@pytest.mark.parametrize("path, wrong, where", ENUM_FIELDS)
def test_every_enum_of_the_format_is_checked(service: RecordsService, path, wrong, where: str) -> None:
    _seed(service, visits=1)
    data = copy.deepcopy(service.export_records())
    node = data["clients"][0]["visits"][0]
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = wrong
    before = service.counts()
    with pytest.raises(RecordsImportError, match=re.escape(f"clients[0].visits[0].{where}")):
        service.import_records(data)
    assert service.counts() == before


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.update(geometry_encoding="wkb"), "geometry_encoding"),
    (lambda d: d["clients"][0]["audit"].append({"at": "2026-01-01T00:00:00", "action": "hacked"}), "action: Input should be"),
    (lambda d: d["clients"][0]["visits"][0].update(signed_by="Dana"), "signed_at and signed_by"),
    (lambda d: d["clients"][0].update(id=2**63), "less than or equal"),
    (lambda d: d["clients"][0].update(date_of_birth="2999-01-01"), "not a possible birth date"),
])
def test_document_level_enums_and_invariants(service: RecordsService, mutate, message: str) -> None:
    _seed(service, visits=1)
    data = copy.deepcopy(service.export_records())
    mutate(data)
    with pytest.raises(RecordsImportError, match=re.escape(message)):
        service.import_records(data)


def test_what_was_imported_is_read_back_field_by_field(service: RecordsService, tmp_path: Path) -> None:
    from app.domain.records import SymptomSeverity

    client_id = _seed(service, visits=1)
    (visit,) = service.visits(client_id)
    visit.symptom_severity = SymptomSeverity(3, 0, 2, 1, 1, 0)
    service.save_visit(visit)
    data = json.loads(json.dumps(service.export_records()))
    with RecordsService.open(f"sqlite:///{tmp_path / 'fresh.db'}") as fresh:
        fresh.import_records(data)
        (client,) = fresh.clients()
        (copy_,) = fresh.visits(client.id)
    original = service.visit(visit.id)
    for name in ("date", "therapist", "chief_complaint", "soap", "red_flags", "notes", "findings", "treatments",
                 "symptom_severity", "signed_at", "signed_by", "amendments"):
        assert getattr(copy_, name) == getattr(original, name), name
    assert copy_.pain == original.pain and copy_.symptom_severity.score == 7
