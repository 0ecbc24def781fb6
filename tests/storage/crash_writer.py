"""The writer a crash test kills: saves visits in a loop, reports each id after its commit."""

from __future__ import annotations

from datetime import date, timedelta
from multiprocessing.connection import Connection

from shapely.geometry import box

from app.services.records_service import RecordsService
from tests.storage.records_samples import fill_visit, sample_client


def write_visits_until_killed(url: str, client_id: int, conn: Connection) -> None:
    service = RecordsService.open(url)
    conn.send(("ready", service.read_only))
    day = date(2026, 1, 1)
    n = 0
    while True:
        n += 1
        visit = fill_visit(service.new_visit(client_id, day + timedelta(days=n % 300), "crash test"))
        saved = service.save_visit(visit)
        conn.send(("saved", saved.id))
        # Autosave of the same visit: the replaced marks must never be half-written.
        saved.pain = saved.pain.paint("anterior", box(0, 0, 10 + n % 7, 10), 1 + n % 10, "dull")
        service.save_visit(saved)
        conn.send(("resaved", saved.id))


def _warm_up() -> None:
    """Pay first-use costs (mapper setup, SQL compilation) once in the forkserver, not per child."""
    with RecordsService.open("sqlite://") as service:
        client = service.save_client(sample_client())
        visit = service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 1, 1))))
        service.visits(client.id)
        service.visit(visit.id)


_warm_up()
