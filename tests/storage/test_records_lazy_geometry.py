"""A client's history is read without making its pain maps' geometry: each mark keeps the stored
WKB bytes and makes its shape when drawn or measured (1,000 visits held as GEOS geometry took
several MB more).  Runs on SQLite and PostgreSQL (``records_url``)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import shapely
from shapely.geometry import box

from app.domain.pain_map import PainMap
from app.domain.records import Client
from app.services.records_service import RecordsService


@pytest.fixture()
def service(records_url: str):
    with RecordsService.open(records_url) as svc:
        yield svc


@pytest.fixture()
def made(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the geometries made from WKB (shapely.from_wkb, as the records are read back)."""
    calls: list[int] = []
    real = shapely.from_wkb

    def counting(data, *args, **kwargs):
        calls.append(1)
        return real(data, *args, **kwargs)

    monkeypatch.setattr(shapely, "from_wkb", counting)
    return calls


def _history(service: RecordsService, visits: int) -> int:
    client = service.save_client(Client(id=None, name="Long History"))
    for i in range(visits):
        visit = service.new_visit(client.id, date(2024, 1, 1) + timedelta(days=i))
        visit.pain = (PainMap().paint("anterior", box(10 + i, 10, 60 + i, 80), 1 + i % 10, "aching")
                      .paint("posterior", box(20, 30 + i, 70, 90 + i), 5, "burning"))
        service.save_visit(visit)
    return client.id


def test_reading_a_history_makes_no_geometry_until_a_mark_is_drawn(service: RecordsService, made: list[int]) -> None:
    client_id = _history(service, 12)
    made.clear()
    history = service.visits(client_id)
    assert len(history) == 12 and all(len(v.pain.all_marks()) == 2 for v in history)
    assert made == []  # was one per mark (24)
    first = history[0].pain.marks("anterior")[0]
    assert first.is_stored and first.geometry.equals(box(10, 10, 60, 80))
    assert len(made) == 1  # only the mark asked for


def test_a_stored_mark_reads_and_saves_as_the_shape_painted(service: RecordsService) -> None:
    client_id = _history(service, 2)
    visit = service.visits(client_id)[1]
    posterior = visit.pain.marks("posterior")[0]
    assert posterior.is_stored and posterior.geometry.equals(box(20, 31, 70, 91))
    assert posterior.wkb == shapely.to_wkb(posterior.geometry)  # saved again as the same bytes
    assert posterior.area == pytest.approx(50 * 60)
    # Painting over a stored mark makes geometry for the new state; the untouched view stays stored.
    visit.pain = visit.pain.paint("anterior", box(0, 0, 30, 30), 9, "sharp")
    service.save_visit(visit)
    again = service.visit(visit.id)
    assert again.pain == visit.pain
    assert again.pain.marks("posterior")[0].geometry.equals(box(20, 31, 70, 91))
    assert [m.intensity for m in again.pain.marks("anterior")] == [2, 9]
