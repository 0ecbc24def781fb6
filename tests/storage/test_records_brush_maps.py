"""Real data through storage and export/import: random brush-stroke pain maps (random walks,
erasing, self-crossing polygons, GeometryCollections, empty and huge marks) on the shipped
catalog's views, with names of every script and hostile ones, on SQLite and PostgreSQL.
Everything saved comes back exactly; everything exported imports into an empty database and
comes back exactly again; the export itself passes the import validation."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.records import Client
from app.services.records_io import validate_document
from app.services.records_service import RecordsService
from tests.support.pain_strategies import catalog_views, client_names, hostile_names, pain_maps


@pytest.fixture(scope="module")
def views():
    from app.services.catalog_service import CatalogService

    return catalog_views(CatalogService.open())


NAMES = st.one_of(client_names(), hostile_names()).filter(lambda n: "\x00" not in n)  # NUL is refused
NOTES = st.text(max_size=200).filter(lambda n: "\x00" not in n)


def _examples(url: str) -> int:
    return 40 if url.startswith("sqlite") else 15  # each PostgreSQL example is several round trips


def test_brush_maps_and_names_survive_save_export_and_import(records_url: str, tmp_path_factory, views) -> None:
    with RecordsService.open(records_url) as service:

        @settings(max_examples=_examples(records_url), deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                         HealthCheck.function_scoped_fixture])
        @given(pain=pain_maps(views, max_strokes=6), name=NAMES, notes=NOTES)
        def run(pain, name: str, notes: str) -> None:
            client = service.save_client(Client(None, name, date(1931, 7, 4), notes=notes))
            visit = service.new_visit(client.id, date(2026, 5, 1), "Dana", chief_complaint=name)
            visit.pain, visit.notes = pain, notes
            service.save_visit(visit)
            stored = service.visit(visit.id)
            assert stored.pain == pain and stored.notes == notes
            assert service.client(client.id).name == name
            document = json.loads(json.dumps(service.export_records(client.id)))
            validate_document(document)  # what tpx writes, tpx reads
            target = tmp_path_factory.mktemp("import") / "records.db"
            with RecordsService.open(f"sqlite:///{target}") as other:
                other.import_records(document)
                (copy_,) = other.clients()
                (copied_visit,) = other.visits(copy_.id)
            assert copy_.name == name and copied_visit.pain == pain and copied_visit.chief_complaint == name

        run()
