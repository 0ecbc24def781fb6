"""Behaviour a user relies on, found untested by a mutation sample of app/services (seed 43): search
limits, the root card's fields, consent kept through an import, export going on past a damaged
client (the study parts: tests/services/study/test_study_seed43_behaviour.py)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

from app.services.catalog_service import CatalogService
from app.services.nerve_service import NerveService
from app.services.records_service import RecordsService
from tests.storage.records_samples import fill_visit, sample_client


def test_search_gives_at_most_the_number_asked_for() -> None:
    shipped_service = CatalogService.open()
    assert len(shipped_service.search("pain", limit=40)) > 3
    assert len(shipped_service.search("pain", limit=3)) == 3


def test_a_root_card_names_the_root_and_places_its_key_point_on_the_views() -> None:
    card = NerveService.open().root_card("C6")
    assert card["name"] and "C6" in card["name"]
    points = card["key_sensory_point"]["on_views"]
    assert points and all(set(p) == {"view", "side", "x", "y"} for p in points)
    assert all(isinstance(p["x"], float) and isinstance(p["y"], float) for p in points)


def test_consent_as_the_file_says_it_survives_an_import(tmp_path: Path) -> None:
    with RecordsService.open(f"sqlite:///{tmp_path / 'a.db'}") as source:
        given = source.save_client(sample_client("Gave Consent"))
        refused = source.save_client(sample_client("No Consent"))
        source.save_client(dataclass_replace(refused, consent_given=False))
        assert given.consent_given
        document = json.loads(json.dumps(source.export_records()))
    with RecordsService.open(f"sqlite:///{tmp_path / 'b.db'}") as target:
        target.import_records(document)
        consent = {c.name: c.consent_given for c in target.clients()}
    assert consent == {"Gave Consent": True, "No Consent": False}


def dataclass_replace(obj, **changes):
    import dataclasses

    return dataclasses.replace(obj, **changes)


def test_an_export_of_everyone_goes_on_past_a_damaged_client(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    with RecordsService.open(url) as service:
        damaged = service.save_client(sample_client("Damaged First"))
        healthy = service.save_client(sample_client("Healthy After"))
        service.save_visit(fill_visit(service.new_visit(healthy.id, date(2026, 4, 1))))
    with sqlite3.connect(tmp_path / "r.db") as conn:  # another tool wrote a date that is not one
        conn.execute("UPDATE clients SET date_of_birth = '31/02/1980' WHERE id = ?", (damaged.id,))
    conn.close()
    with RecordsService.open(url) as service:
        exported = service.export_records()
    assert "Healthy After" in [c["name"] for c in exported["clients"]]
