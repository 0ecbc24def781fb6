"""Where the window's memory goes, step by step.  Run (any display; Xvfb or offscreen):

    DISPLAY=:33 .venv/bin/python benchmarks/memory_steps.py [--visits 1000] [--seed-here]

One process does what ``bench_ui.py`` does to the windows, in order: start Qt, import the
explorer, show it, let the catalog warm up, set every view x layer in both modes, click muscles
and skin areas, import the records stack, open the client window, open the client of
``--visits`` visits four times, paint.  After each step it prints RSS (from /proc/self/status,
with its anonymous and file-backed parts), its growth, and glibc's heap figures (in use / free
inside the heap / large blocks in their own mappings), so a step's growth can be told apart from
memory freed but kept.  The database is seeded in a child process (``--seed-here``: in this one,
as bench_ui.py did before session 6).  Times nothing.
"""

from __future__ import annotations

import argparse
import ctypes
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def _heap() -> str:
    try:
        mallinfo2 = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError):  # not glibc >= 2.33
        return ""
    mallinfo2.restype = _MallInfo2
    info = mallinfo2()
    return (f"heap in use {info.uordblks / 2**20:6.1f}  free {info.fordblks / 2**20:5.1f}  "
            f"own mappings {info.hblkhd / 2**20:5.1f}")


_last = [0.0]


def mark(step: str) -> None:
    status = {}
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(("VmRSS", "RssAnon", "RssFile")):
                key, value = line.split(":")
                status[key] = int(value.split()[0]) / 1024
    rss = status["VmRSS"]
    print(f"{step:<40} RSS {rss:6.1f} MB ({rss - _last[0]:+6.1f})  anon {status['RssAnon']:6.1f}  "
          f"file {status['RssFile']:5.1f}  {_heap()}", flush=True)
    _last[0] = rss


def _every_view_and_layer(window, scenarios) -> None:
    for action in (window.explore_action, window.pain_action):
        action.trigger()
        for view, spec in window.service.views.items():
            for layer in spec.layers:
                scenarios._set_view(window, view, layer)  # noqa: SLF001


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=1000)
    parser.add_argument("--seed-here", action="store_true", help="seed the database in this process")
    args = parser.parse_args()
    mark("python started")
    from app.ui.launch import create_application

    app = create_application()
    mark("QApplication")
    from app.services.catalog_service import CatalogService
    from app.ui.main_window import MainWindow
    from benchmarks import client_scenarios as clients
    from benchmarks import explorer_scenarios as scenarios
    from benchmarks.ui_harness import drain

    mark("explorer imported")
    service = CatalogService.open()
    window = MainWindow(service)
    window.show()
    drain(app)
    mark("explorer shown")
    end = time.time() + 6
    while time.time() < end:
        app.processEvents()
        time.sleep(0.01)
    mark("6 s later (warm-up done)")
    _every_view_and_layer(window, scenarios)
    mark("every view x layer, both modes")
    rng = random.Random(10)
    scenarios.click_muscles(app, window, 30, rng)
    scenarios.click_skin_and_select(app, window, 30, rng)
    _every_view_and_layer(window, scenarios)
    mark("30 muscle + 30 skin-area clicks, again")
    database = Path(tempfile.mkdtemp(prefix="tpx-memory-")) / "records.db"
    if not args.seed_here:
        big, small = clients.seed_in_child(database, args.visits, rng)
    from app.services.records_service import RecordsService
    from app.ui.records.client_window import ClientWindow

    mark("records stack imported")
    records = RecordsService.open(f"sqlite:///{database}")
    if args.seed_here:
        big, small = clients.seed(records, service, args.visits, rng)
        mark(f"{args.visits} visits seeded here")
    client_window = ClientWindow(records, service, window)
    client_window.show()
    drain(app)
    mark("client window shown")
    clients.open_client(app, client_window, big, small, 4)
    client_window.presenter.metrics_runner.wait()
    drain(app)
    mark(f"{args.visits}-visit client opened 4 times")
    clients.brush_and_metrics(app, client_window, 10, rng)
    mark("10 brush drags, metrics after each")
    client_window.close()
    records.close()


if __name__ == "__main__":
    main()
