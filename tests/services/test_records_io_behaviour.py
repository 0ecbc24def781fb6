"""Importing a tpx-records file as a person meets it: the one-line message for each kind of wrong
file (named exactly, so the person knows what to fix), the summary line after an import, and
random brush-stroke pain maps surviving export and import unchanged."""

from __future__ import annotations

import copy
import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from app.services.catalog_service import CatalogService
from app.services.records_io import (
    MAX_FILE_BYTES, ImportReport, RecordsImportError, check_vocabulary, load_file, parse_json, validate_document,
)
from app.services.records_service import RecordsService
from tests.storage.records_samples import fill_visit, sample_client
from tests.support.pain_strategies import catalog_views, pain_maps

VIEWS = catalog_views(CatalogService.open(), ["anterior", "posterior"])


def _document(tmp_path: Path, visits: int = 1) -> dict:
    with RecordsService.open(f"sqlite:///{tmp_path / 'source.db'}") as service:
        client = service.save_client(sample_client())
        for day in range(1, visits + 1):
            service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, day), "Dana")))
        return json.loads(json.dumps(service.export_records()))


def _message(action) -> str:
    with pytest.raises(RecordsImportError) as excinfo:
        action()
    return str(excinfo.value)


@pytest.mark.parametrize(("content", "message"), [
    (b"\xff\xfe{}", "backup.json: not UTF-8 text"),
    (b'{"a": 1,}', "backup.json: not JSON (Expecting property name enclosed in double quotes at line 1 column 9)"),
    (b'\n\n  [1, 2', "backup.json: not JSON (Expecting ',' delimiter at line 3 column 8)"),
    (b'{"a": NaN}', "backup.json: not valid JSON (NaN is not allowed in JSON)"),
    (b'[Infinity]', "backup.json: not valid JSON (Infinity is not allowed in JSON)"),
    (b'[-Infinity]', "backup.json: not valid JSON (-Infinity is not allowed in JSON)"),
])
def test_a_file_that_is_not_strict_json_is_named_with_where_it_breaks(content: bytes, message: str) -> None:
    assert _message(lambda: parse_json(content, "backup.json")) == message


def test_strict_json_parses_with_unicode_and_default_name() -> None:
    assert parse_json('{"name": "Zoë 山田"}'.encode()) == {"name": "Zoë 山田"}
    assert _message(lambda: parse_json(b"{")).startswith("import file: not JSON (")


def test_a_file_that_cannot_be_read_is_refused_before_reading(tmp_path: Path) -> None:
    assert _message(lambda: load_file(tmp_path / "gone.json")) == f"{tmp_path / 'gone.json'}: No such file or directory"
    assert _message(lambda: load_file(tmp_path)) == f"{tmp_path}: is a folder, not a tpx-records file"
    assert _message(lambda: load_file(Path("/dev/zero"))) == "/dev/zero: not a regular file (a device, pipe or socket)"
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert _message(lambda: load_file(fifo)) == f"{fifo}: not a regular file (a device, pipe or socket)"
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is really written
    assert _message(lambda: load_file(huge)) == f"{huge}: larger than 512 MB"
    exact = tmp_path / "exact.json"
    exact.write_bytes(b'{"format": "tpx-records"}')
    assert load_file(exact) == {"format": "tpx-records"}
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff")
    assert _message(lambda: load_file(bad)) == f"{bad}: not UTF-8 text"


def test_the_document_check_names_the_first_problem_and_counts_the_rest(tmp_path: Path) -> None:
    assert _message(lambda: validate_document([])) == "not a tpx-records document (expected a JSON object)"
    assert _message(lambda: validate_document({"format": "tpx"})) == (
        'not a tpx-records document ("format" must be "tpx-records")')
    document = _document(tmp_path)
    assert _message(lambda: validate_document(dict(document, version=2))) == (
        "unsupported tpx-records version 2 (this tpx reads 1)")
    assert _message(lambda: validate_document(dict(document, version="1\nx"))) == (
        "unsupported tpx-records version '1\\nx' (this tpx reads 1)")
    one = copy.deepcopy(document)
    one["clients"][0]["visits"][0]["pain"][0]["intensity"] = 11
    assert _message(lambda: validate_document(one)) == (
        "clients[0].visits[0].pain[0].intensity: Input should be less than or equal to 10")
    three = copy.deepcopy(one)
    three["clients"][0]["visits"][0]["findings"][0]["side"] = "up"
    three["clients"][0]["name"] = 5
    message = _message(lambda: validate_document(three))
    assert message.endswith(" (and 2 more problem(s))") and message.startswith("clients[0].")
    assert validate_document(document).clients[0].name == "Ann Example"


def test_unknown_catalog_ids_are_named_with_where_they_are(tmp_path: Path) -> None:
    vocabulary = {"trapezius": frozenset({"trapezius_trp1"}), "levator_scapulae": frozenset()}
    document = _document(tmp_path)
    check_vocabulary(validate_document(document), vocabulary)  # the sample uses only these
    wrong = copy.deepcopy(document)
    wrong["clients"][0]["visits"][0]["findings"][0]["muscle_id"] = "trapezoid"
    assert _message(lambda: check_vocabulary(validate_document(wrong), vocabulary)) == (
        "clients[0].visits[0].findings[0].muscle_id: unknown muscle 'trapezoid'")
    wrong = copy.deepcopy(document)
    wrong["clients"][0]["visits"][0]["findings"][1]["trigger_point_id"] = "trapezius_trp1"
    assert _message(lambda: check_vocabulary(validate_document(wrong), vocabulary)) == (
        "clients[0].visits[0].findings[1].trigger_point_id: 'trapezius_trp1' is not a trigger point of "
        "'levator_scapulae'")
    wrong = copy.deepcopy(document)
    wrong["clients"][0]["visits"][0]["treatments"][0]["muscle_id"] = "deltoid"
    assert _message(lambda: check_vocabulary(validate_document(wrong), vocabulary)) == (
        "clients[0].visits[0].treatments[0].muscle_id: unknown muscle 'deltoid'")


def test_the_import_summary_and_report_say_what_happened(tmp_path: Path) -> None:
    document = _document(tmp_path, visits=2)
    uid = document["clients"][0]["uid"]
    with RecordsService.open(f"sqlite:///{tmp_path / 'target.db'}") as target:
        first = target.import_records(document)
        assert first.summary() == "1 client(s) added, 0 replaced, 2 visit(s) imported"
        assert first.client_ids == {uid: target.clients()[0].id}
        last = target.export_records()["clients"][0]["audit"][-1]
        assert (last["action"], last["detail"]) == ("imported", "2 visit(s) imported from a tpx-records file")
        again = target.import_records(document, replace=True, action="restored")
        assert again.summary() == "0 client(s) added, 1 replaced, 2 visit(s) imported"
        (client,) = target.clients()
        assert again.client_ids == {uid: client.id} and client.uid == uid
        events = target.export_records()["clients"][0]["audit"]
        # the replaced client's history is the file's, then the restore itself
        assert [(e["action"], e["detail"]) for e in events] == [
            (e["action"], e["detail"]) for e in document["clients"][0]["audit"]] + [
            ("restored", "2 visit(s) restored from a tpx-records file")]
        copy_ = target.import_records(document)  # without replace: a separate copy with a new uid
        assert list(copy_.client_ids) == [uid] and copy_.client_ids[uid] != client.id  # keyed by the file's uid
        assert sorted(c.uid == uid for c in target.clients()) == [False, True]  # the copy has a fresh uid
    assert ImportReport().summary() == "0 client(s) added, 0 replaced, 0 visit(s) imported"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pain=pain_maps(VIEWS))
def test_random_brush_maps_survive_export_and_import(tmp_path_factory, pain) -> None:
    folder = tmp_path_factory.mktemp("io")
    with RecordsService.open(f"sqlite:///{folder / 'a.db'}") as source:
        client = source.save_client(sample_client("Zoë Ångström"))
        visit = source.new_visit(client.id, date(2026, 5, 2), "Dana")
        visit.pain = pain
        source.save_visit(visit)
        document = json.loads(json.dumps(source.export_records()))
        stored = source.visits(client.id)[0].pain
    with RecordsService.open(f"sqlite:///{folder / 'b.db'}") as target:
        report = target.import_records(document)
        assert (report.clients_added, report.visits_imported) == (1, 1)
        (imported,) = target.visits(target.clients()[0].id)
    assert imported.pain == stored
    for view in ("anterior", "posterior"):
        assert [(m.intensity, m.quality, round(m.geometry.area, 6)) for m in imported.pain.marks(view)] == [
            (m.intensity, m.quality, round(m.geometry.area, 6)) for m in stored.marks(view)]


def test_a_service_opened_with_the_catalogs_vocabulary_refuses_unknown_muscles(tmp_path: Path) -> None:
    document = _document(tmp_path)
    document["clients"][0]["visits"][0]["findings"][0]["muscle_id"] = "trapezoid"
    vocabulary = {m.id: frozenset(t.id for t in m.trigger_points) for m in CatalogService.open().muscles()}
    with RecordsService.open(f"sqlite:///{tmp_path / 'checked.db'}", vocabulary) as checked:
        assert _message(lambda: checked.import_records(document)) == (
            "clients[0].visits[0].findings[0].muscle_id: unknown muscle 'trapezoid'")
        assert checked.counts()["clients"] == 0
    with RecordsService.open(f"sqlite:///{tmp_path / 'unchecked.db'}") as unchecked:  # no catalog: ids kept
        assert unchecked.import_records(document).clients_added == 1


def test_text_with_a_nul_character_is_refused_with_what_to_do(tmp_path: Path) -> None:
    with RecordsService.open(f"sqlite:///{tmp_path / 'r.db'}") as service:
        client = sample_client("Ann\x00Example")
        with pytest.raises(ValueError) as caught:
            service.save_client(client)
        assert str(caught.value) == "text with a NUL character (\\x00) cannot be saved; remove it and save again"
        assert service.clients() == []


def test_an_impossible_birth_date_is_named_without_pydantics_prefix(tmp_path: Path) -> None:
    document = _document(tmp_path)
    document["clients"][0]["date_of_birth"] = "2999-01-01"
    message = _message(lambda: validate_document(document))
    assert message == "clients[0]: date_of_birth 2999-01-01 is not a possible birth date"
