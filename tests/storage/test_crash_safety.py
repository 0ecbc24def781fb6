"""Fault test: a writer killed with SIGKILL at random moments never loses a committed visit
and never leaves a damaged database.  Each round forks a writer from a preloaded forkserver
(cheap), lets it save for a random few milliseconds, kills it and checks every reported id."""

from __future__ import annotations

import multiprocessing
import random
import time
from pathlib import Path

import pytest

from app.services.records_service import RecordsService
from tests.storage.crash_writer import write_visits_until_killed
from tests.storage.records_samples import sample_client

ROUNDS = 100


def _run_writer(ctx, url: str, client_id: int, wait_commits: int, then: float,
                probe: bool = False) -> list[tuple[str, int]]:
    """Start a writer, wait for ``wait_commits`` reported commits plus ``then`` seconds, SIGKILL."""
    receive, send = ctx.Pipe(duplex=False)
    writer = ctx.Process(target=write_visits_until_killed, args=(url, client_id, send), daemon=True)
    writer.start()
    send.close()
    events: list[tuple[str, int]] = []
    assert receive.poll(120), "writer did not start"  # a loaded machine may take long to fork
    while (event := receive.recv())[0] != "ready":
        events.append(event)
    assert event == ("ready", False)
    while len(events) < wait_commits and receive.poll(30):
        events.append(receive.recv())
    if probe:  # a second instance while the writer lives: reads it and may write too
        with RecordsService.open(url) as second:
            assert not second.read_only and second.visits(client_id)
    time.sleep(then)
    writer.kill()  # SIGKILL: no cleanup, no atexit, mid-transaction if unlucky
    writer.join(10)
    try:
        while receive.poll(0):
            events.append(receive.recv())
    except (EOFError, OSError):
        pass  # the end of the pipe, or a message cut by the kill: not reported, not counted
    receive.close()
    return events


def _check(service: RecordsService, client_id: int, expected: dict[int, str]) -> None:
    for visit_id, kind in expected.items():
        visit = service.visit(visit_id)
        assert visit.client_id == client_id
        assert len(visit.findings) == 2 and len(visit.treatments) == 2
        assert len(visit.pain.marks("posterior")) == 2
        if kind == "resaved":
            assert len(visit.pain.marks("anterior")) == 1


@pytest.mark.slow
def test_sigkilled_writer_never_loses_committed_visits(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'records.db'}"
    with RecordsService.open(url) as service:
        client_id = service.save_client(sample_client()).id
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["tests.storage.crash_writer"])
    rng = random.Random(20261121)
    committed: dict[int, str] = {}
    for round_number in range(ROUNDS):
        # A save takes ~10–60 ms (fsync): kill anywhere from the open to the middle of a save;
        # waiting for a few commits first keeps the test meaningful on a slow, busy machine.
        first = round_number == 0  # also proves a second process can work alongside
        wait_commits, then = rng.randint(1 if first else 0, 3), rng.uniform(0.0, 0.05)
        latest: dict[int, str] = {}
        for kind, visit_id in _run_writer(ctx, url, client_id, wait_commits, then, probe=first):
            latest[visit_id] = kind
        committed.update(latest)
        with RecordsService.open(url) as service:
            assert not service.read_only
            with service._db.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            _check(service, client_id, latest)
    with RecordsService.open(url) as service:
        _check(service, client_id, committed)
        assert set(committed) <= {v.id for v in service.visits(client_id)}
    assert len(committed) >= ROUNDS // 2  # the writer really did commit under fire
