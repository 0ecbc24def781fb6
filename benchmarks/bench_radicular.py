"""The radicular panel's cost to the explorer's skin-area click (issue 13): the same clicks and
candidate selections (explorer_scenarios.click_skin_and_select, seed 10) in a window without the
panel and in one with it, in separate processes, alternating; UI-thread CPU and wall time per
interaction, and the UI-thread time of posting a result to the panel.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_radicular --rounds 3 --reps 40
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _stats(values: list[float]) -> dict:
    ordered = sorted(values)
    return {"median": round(statistics.median(ordered), 2), "p90": round(ordered[int(0.9 * (len(ordered) - 1))], 2),
            "max": round(ordered[-1], 2), "n": len(ordered)}


def child(with_panel: bool, reps: int) -> dict:
    import app.ui.main_window as main_window
    from app.ui.launch import create_application

    if not with_panel:
        main_window.attach_to_explorer = lambda window: None
    app = create_application()
    from app.services.catalog_service import CatalogService
    from benchmarks import explorer_scenarios as sc
    from benchmarks.ui_harness import CPU_MS, drain

    window = main_window.MainWindow(CatalogService.open())
    window.show()
    drain(app)
    window.service.warm_up()
    posted: list[float] = []
    if with_panel:
        panel = window.radicular.panel
        show = panel.show_result

        def timed_show(result) -> None:
            t0 = time.perf_counter()
            show(result)
            posted.append((time.perf_counter() - t0) * 1000)

        panel.show_result = timed_show
    wall_click, wall_select = sc.click_skin_and_select(app, window, reps, random.Random(10))
    if with_panel:  # results posted during the clicks above are rare (newest wins): post 20 on purpose
        window.pain_action.trigger()
        for slug in ("thumb_radial_hand", "dorsal_foot", "lateral_thigh", "heel", "dorsal_fingers") * 4:
            window.controller.set_areas([(slug, "right")])
            window.radicular.presenter.wait()
            drain(app)
    return {"panel": with_panel, "wall_click_ms": _stats(wall_click), "wall_select_ms": _stats(wall_select),
            "cpu_click_ms": _stats(CPU_MS["click_skin_area"]), "cpu_select_ms": _stats(CPU_MS["select_candidate"]),
            "panel_post_ms": _stats(posted) if posted else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reps", type=int, default=40)
    parser.add_argument("--child", choices=("on", "off"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child == "on", args.reps)))
        return
    for _ in range(args.rounds):
        for mode in ("off", "on"):
            out = subprocess.run([sys.executable, "-m", "benchmarks.bench_radicular", "--child", mode, "--reps",
                                  str(args.reps)], capture_output=True, text=True, cwd=ROOT, check=True)
            print(out.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
