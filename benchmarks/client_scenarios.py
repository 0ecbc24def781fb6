"""The client window's interactions: opening a client with a long history, brush segments, and
how long the UI thread is blocked while the metrics are computed after a painting pause.

The user database is a temporary SQLite file seeded through the records service with one
client of ``visits`` visits (each a pain map of random-walk brush strokes, as the brush paints
them) and one client with a single visit.  It is seeded in a child process before the window
opens, as a person opens a database written over months: the memory Python and malloc keep
from creating 1,000 visits is not the window's.  What seeding in the measured process (as the
benchmark did before session 6) would add is measured at the end, apart.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import shapely
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtTest import QTest

from benchmarks import ui_harness as harness
from benchmarks.brush_maps import brush_pain
from benchmarks.ui_harness import click, drain, rss_mb, timed


def seed(records, catalog, visits: int, rng: random.Random) -> tuple[int, int]:
    """(id of the client with ``visits`` visits, id of a client with one visit)."""
    from app.domain.records import Client

    big = records.save_client(Client(id=None, name="Aa Long History"))
    small = records.save_client(Client(id=None, name="Ab One Visit"))
    first = date(2020, 1, 1)
    for i in range(visits):
        visit = records.new_visit(big.id, first + timedelta(days=2 * i), "bench", "low back and neck")
        visit.pain = brush_pain(catalog, rng, rng.randint(1, 6))
        records.save_visit(visit)
    visit = records.new_visit(small.id, first, "bench", "shoulder")
    visit.pain = brush_pain(catalog, rng, 3)
    records.save_visit(visit)
    return big.id, small.id


def seed_in_child(path: Path, visits: int, rng: random.Random) -> tuple[int, int]:
    """``seed`` into the SQLite file ``path`` in a fresh process (same records service, same kind of data)."""
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-m", "benchmarks.client_scenarios", str(path), str(visits),
                             str(rng.randrange(2**32))], capture_output=True, text=True, cwd=root, check=False)
    if result.returncode:
        raise RuntimeError(f"seeding failed: {result.stderr[-2000:]}")
    big, small = json.loads(result.stdout.strip().splitlines()[-1])
    return big, small


def _seed_child_main(path: str, visits: str, seed_value: str) -> None:
    from app.services.catalog_service import CatalogService
    from app.services.records_service import RecordsService

    records = RecordsService.open(f"sqlite:///{path}")
    try:
        print(json.dumps(seed(records, CatalogService.open(), int(visits), random.Random(int(seed_value)))))
    finally:
        records.close()


def _row_of(window, client_id: int) -> int:
    clients = window.left.clients
    return next(i for i in range(clients.count()) if clients.item(i).data(Qt.ItemDataRole.UserRole) == client_id)


def _choose(app, window, client_id: int) -> float:
    clients = window.left.clients
    item = clients.item(_row_of(window, client_id))
    return timed(app, [window.map.viewport(), clients.viewport()], click(clients.viewport(), clients.visualItemRect(item).center()))


def open_client(app, window, big: int, small: int, reps: int) -> list[float]:
    times = []
    for _ in range(reps):
        harness.label = "open_client_one_visit"
        _choose(app, window, small)
        drain(app)
        harness.label = "open_client_1000_visits"
        times.append(_choose(app, window, big))
        drain(app)
    return times


def _body_pixel(window, rng: random.Random) -> QPoint:
    outline = window.catalog.views[window.view].outline.buffer(-40)  # well inside: room for the drag
    x0, y0, x1, y1 = outline.bounds
    while True:
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        if shapely.contains_xy(outline, x, y):
            return window.map.mapFromScene(QPointF(x, y))


def _on_body(window, outline, pixel: QPoint) -> bool:
    scene = window.map.mapToScene(pixel)
    return bool(shapely.contains_xy(outline.buffer(-20), scene.x(), scene.y()))


def brush_and_metrics(app, window, reps: int, rng: random.Random) -> tuple[list[float], list[float], list[float]]:
    """Drags of the brush: each move is one timed segment; after each drag, the longest gap in a
    1 ms heartbeat until the metrics arrive (how long the UI thread was blocked).  At least
    ``reps`` drags are made (each gives one metrics sample, and p90 needs >= 30 of them), so the
    segments number 8 x ``reps``."""
    window.tool_actions["brush"].trigger()
    viewport = window.map.viewport()
    segments, blocks, metrics_ms = [], [], []
    presenter = window.presenter
    arrived = []
    presenter.sig_metrics.connect(lambda *_a: arrived.append(time.perf_counter()))
    while len(blocks) < reps:
        start = _body_pixel(window, rng)
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        drain(app)
        pos = start
        outline = window.catalog.views[window.view].outline
        for _ in range(8):
            # The next pointer sample, kept on the body (paint off the body is clipped away: no change).
            steps = [QPoint(pos.x() + dx, pos.y() + dy) for dx in (-14, 14) for dy in (-14, 14)]
            rng.shuffle(steps)
            pos = next((p for p in steps if _on_body(window, outline, p)), steps[0])
            segments.append(timed(app, [viewport], lambda p=pos: QTest.mouseMove(viewport, p)))
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        released, beats = time.perf_counter(), []
        arrived.clear()
        heartbeat = QTimer()
        heartbeat.setInterval(1)
        heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
        heartbeat.start()
        deadline = released + 8.0
        while not arrived and time.perf_counter() < deadline:
            app.processEvents()
        end = time.perf_counter() + 0.1
        while time.perf_counter() < end:
            app.processEvents()
        heartbeat.stop()
        stamps = [released, *beats]
        blocks.append(max(b - a for a, b in zip(stamps, stamps[1:])) * 1000 if len(stamps) > 1 else float("nan"))
        if arrived:
            metrics_ms.append((arrived[0] - released) * 1000)
    return segments, blocks, metrics_ms


def client_run(app, explorer, reps: int, visits: int, rng: random.Random) -> tuple[dict, dict]:
    from app.services.records_service import RecordsService
    from app.ui.records.client_window import ClientWindow

    folder = Path(tempfile.mkdtemp(prefix="tpx-bench-"))
    t0 = time.perf_counter()
    big, small = seed_in_child(folder / "records.db", visits, rng)
    seed_s = time.perf_counter() - t0
    records = RecordsService.open(f"sqlite:///{folder / 'records.db'}")
    window = ClientWindow(records, explorer.service, explorer)
    window.show()
    drain(app)
    harness.label = "open_client_1000_visits"
    times = {"open_client_1000_visits": open_client(app, window, big, small, max(10, reps // 3))}
    memory = {"client_window_open": rss_mb()}
    harness.label = "brush_segment"
    segments, blocks, metrics_ms = brush_and_metrics(app, window, reps, rng)
    harness.label = "unlabelled"
    times["brush_segment"] = segments
    times["metrics_block"] = blocks
    times["metrics_ready_after_release"] = metrics_ms
    memory["after_client_window"] = rss_mb()
    memory["seed_s"] = seed_s
    window.close()
    records.close()
    memory["seeded_in_this_process_too"] = _seeded_here(app, explorer, visits, rng)
    return times, memory


def _seeded_here(app, explorer, visits: int, rng: random.Random) -> float:
    """RSS once ``visits`` visits are also seeded in this process, as before session 6, and that
    client is opened in a new client window (the old way's cost, on top of everything above)."""
    from app.services.records_service import RecordsService
    from app.ui.records.client_window import ClientWindow

    folder = Path(tempfile.mkdtemp(prefix="tpx-bench-"))
    records = RecordsService.open(f"sqlite:///{folder / 'records.db'}")
    big, small = seed(records, explorer.service, visits, rng)
    window = ClientWindow(records, explorer.service, explorer)
    window.show()
    drain(app)
    open_client(app, window, big, small, 2)
    rss = rss_mb()
    window.presenter.metrics_runner.wait()
    window.close()
    records.close()
    return rss


if __name__ == "__main__":
    _seed_child_main(*sys.argv[1:4])
