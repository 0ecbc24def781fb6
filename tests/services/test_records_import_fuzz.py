"""Fault test: 1,000 generated malformed import files (mutated, truncated, damaged) give a clean RecordsImportError
(one line), never another exception, and never a partial import."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services.records_io import parse_json, validate_document
from app.services.records_service import RecordsImportError, RecordsService
from tests.storage.records_samples import fill_visit, sample_client

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                         st.floats(allow_nan=False), st.text(max_size=20),
                         st.sampled_from(["POLYGON ((0 0, 1 0, 1 1, 0 0))", "POINT (1 1)", "2026-13-01",
                                          "left", "aching", "tpx-records", "", "anterior"]))
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)), max_leaves=6)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_paths(value, (*prefix, index)))
    return found


def _base_document() -> dict[str, Any]:
    with RecordsService.open("sqlite://") as service:
        for name in ("Ann Example", "Bob Other"):
            client = service.save_client(sample_client(name))
            service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, 1))))
        return json.loads(json.dumps(service.export_records()))


BASE = _base_document()
PATHS = _paths(BASE)


@st.composite
def malformed_documents(draw: st.DrawFn) -> Any:
    kind = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add_key", "whole", "cut", "bytes"]))
    if kind == "whole":
        return json.dumps(draw(json_values)).encode()
    text = json.dumps(BASE).encode()
    if kind == "cut":  # a file truncated by a full disk or an interrupted copy
        return text[: draw(st.integers(0, len(text) - 1))]
    if kind == "bytes":  # flipped bytes, e.g. a damaged USB stick
        spots = draw(st.lists(st.integers(0, len(text) - 1), min_size=1, max_size=4))
        damaged = bytearray(text)
        for spot in spots:
            damaged[spot] = draw(st.integers(0, 255))
        return bytes(damaged)
    doc = copy.deepcopy(BASE)
    path = draw(st.sampled_from(PATHS))
    *parents, last = path
    holder = doc
    for step in parents:
        holder = holder[step]
    if kind == "replace":
        holder[last] = draw(json_values)
    elif kind == "delete":
        del holder[last]
    elif isinstance(holder, dict):
        holder[draw(st.text(min_size=1, max_size=8))] = draw(json_values)
    else:
        holder.append(draw(json_values))
    return json.dumps(doc).encode()


@pytest.mark.slow
def test_malformed_imports_fail_cleanly_and_write_nothing() -> None:
    outcomes = {"rejected": 0, "imported": 0}
    with RecordsService.open("sqlite://") as service:  # in memory: the logic, not the disk, is tested

        @settings(max_examples=1000, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
        @given(malformed_documents())
        def run(content: bytes) -> None:
            before = service.counts()
            try:
                report = service.import_records(parse_json(content))
            except RecordsImportError as exc:
                message = str(exc)
                assert message and "\n" not in message and len(message) < 600
                assert service.counts() == before
                outcomes["rejected"] += 1
                return
            # A harmless mutation (e.g. a note replaced by other text): the import is whole and
            # what was stored is what the file said, and passes validation when exported again.
            after = service.counts()
            assert after["clients"] == before["clients"] + report.clients_added
            assert after["visits"] == before["visits"] + report.visits_imported
            sent = validate_document(parse_json(content))
            assert len(report.client_ids) == len(sent.clients)
            for original, local_id in zip(sent.clients, report.client_ids.values(), strict=True):  # file order
                exported = service.export_records(local_id)
                (stored,) = validate_document(exported).clients
                assert (stored.name, stored.date_of_birth, stored.notes) == (
                    original.name, original.date_of_birth, original.notes)
                assert len(stored.visits) == len(original.visits)
                for mine, theirs in zip(stored.visits, original.visits, strict=True):
                    assert (mine.date, mine.therapist, mine.soap, mine.findings, mine.treatments) == (
                        theirs.date, theirs.therapist, theirs.soap, theirs.findings, theirs.treatments)
                    assert all(mine.red_flags[k] == v for k, v in theirs.red_flags.items())
                    assert [(m.view, m.intensity, m.quality) for m in mine.pain] == [
                        (m.view, m.intensity, m.quality) for m in theirs.pain]
                    assert all(a.geometry.equals(b.geometry) for a, b in zip(mine.pain, theirs.pain, strict=True))
            outcomes["imported"] += 1

        run()
    assert sum(outcomes.values()) >= 1000
    print("import fuzz outcomes:", outcomes)
    assert outcomes["rejected"] >= 800, outcomes
