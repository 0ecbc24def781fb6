"""Lookup and start-up benchmark.  Run: `.venv/bin/python benchmarks/bench_lookup.py`.

Prints, from one run on this machine: point-lookup p50/p99 (region, skin area and ranked
candidates under a point), the same lookups by a naive linear scan over every shape (and
the ratio), the time to rank a whole-body painted map, cold start to the window shown, and
the window process's peak RSS.  Compare ratios within one run; absolute times are noisy.
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import shapely
from shapely.geometry import Point

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from app.services.catalog_service import CatalogService  # noqa: E402

QUERIES = 2000
SEED = 7


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def sample_points(service: CatalogService, n: int) -> list[tuple[str, str, float, float]]:
    rng = random.Random(SEED)
    points = []
    views = list(service.views.values())
    while len(points) < n:
        spec = rng.choice(views)
        x0, y0, x1, y1 = spec.outline.bounds
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        if spec.outline.contains(Point(x, y)):
            points.append((spec.name, spec.layers[0], x, y))
    return points


def indexed_lookup(service: CatalogService, view: str, layer: str, x: float, y: float):
    """What is under the pointer: muscle region, skin area, and the referral zones there."""
    lookup = service.lookup
    return lookup.region_at(view, layer, x, y), lookup.skin_area_at(view, x, y), lookup.zone_indices_at(view, x, y)


def ranked_lookup(service: CatalogService, view: str, layer: str, x: float, y: float):
    """The same plus scoring and sorting the candidate trigger points."""
    lookup = service.lookup
    return lookup.region_at(view, layer, x, y), lookup.skin_area_at(view, x, y), lookup.candidates_at(view, x, y)


def naive_lookup(shapes_by_view, view: str, layer: str, x: float, y: float):
    """A linear scan testing every region, skin area and zone of the view (no spatial index)."""
    p = Point(x, y)
    regions, areas, zones = shapes_by_view[view]
    region = next((r for r in regions if r.layer == layer and r.geometry.contains(p)), None)
    area = next((a for a in areas if a.geometry.contains(p)), None)
    hits = [z for z in zones if z.geometry.contains(p)]
    return region, area, hits


def time_calls(fn, points) -> list[float]:
    out = []
    for args in points:
        t0 = time.perf_counter()
        fn(*args)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def painted_map(service: CatalogService) -> dict[str, list]:
    """About a third of the front and back painted in blobs of mixed intensity."""
    rng = random.Random(SEED)
    pain = {}
    for view in ("anterior", "posterior"):
        outline = service.views[view].outline
        x0, y0, x1, y1 = outline.bounds
        blobs = [Point(rng.uniform(x0, x1), rng.uniform(y0, y1)).buffer(rng.uniform(40, 90)) for _ in range(40)]
        union = shapely.intersection(shapely.union_all(blobs), outline)
        # Split the painted union into bands of intensity so the strokes do not overlap.
        bands = [shapely.intersection(union, shapely.box(x0, y, x1, y + 200)) for y in range(int(y0), int(y1), 200)]
        pain[view] = [(b, float(1 + i % 10)) for i, b in enumerate(bands) if not b.is_empty]
    return pain


def cold_start() -> tuple[float, float]:
    code = (
        "import time, sys; t0 = float(sys.argv[1])\n"
        "from app.ui.launch import create_application\n"
        "app = create_application()\n"
        "from app.services.catalog_service import CatalogService\n"
        "from app.ui.main_window import MainWindow\n"
        "w = MainWindow(CatalogService.open()); w.show(); app.processEvents()\n"
        "print(time.time() - t0)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    root = Path(__file__).resolve().parent.parent
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run([sys.executable, "-c", code, str(time.time())], capture_output=True, text=True, env=env,
                            cwd=root, check=True)
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return float(result.stdout.strip().splitlines()[-1]), max(rss_kb, before) / 1024


def main() -> None:
    service = CatalogService.open()
    t0 = time.perf_counter()
    service.lookup  # noqa: B018  (build the indexes once, as the app does at start)
    build_ms = (time.perf_counter() - t0) * 1000
    # The painted map first, in the state the app is in (the naive scan's extra data comes later).
    pain = painted_map(service)
    service.candidates_for_pain(pain)
    runs = []
    for _ in range(30):
        t = time.perf_counter()
        ranked = service.candidates_for_pain(pain)
        runs.append((time.perf_counter() - t) * 1000)
    live = []
    for _ in range(30):
        t = time.perf_counter()
        service.candidates_for_pain(pain, limit=40)
        live.append((time.perf_counter() - t) * 1000)
    points = sample_points(service, QUERIES)
    regions, areas, zones = service._all_regions, service.skin_areas, service.zones_for(None)  # noqa: SLF001
    shapes_by_view = {v: ([r for r in regions if r.view == v], [a for a in areas if a.view == v],
                          [z for z in zones if z.view == v]) for v in service.views}
    time_calls(lambda *a: ranked_lookup(service, *a), points[:200])  # warm-up
    fast = time_calls(lambda *a: indexed_lookup(service, *a), points)
    ranked_times = time_calls(lambda *a: ranked_lookup(service, *a), points)
    slow = time_calls(lambda *a: naive_lookup(shapes_by_view, *a), points[:400])
    start_s, rss_mb = cold_start()
    print(f"catalog: {len(service.muscles())} muscles, {len(zones)} zone shapes, {len(regions)} regions, "
          f"{len(areas)} skin-area shapes; index build {build_ms:.0f} ms")
    print(f"point lookup (region + skin area + zones under the point), {len(fast)} queries: "
          f"p50 {percentile(fast, 0.5):.3f} ms, p99 {percentile(fast, 0.99):.3f} ms")
    print(f"naive linear scan of every shape of the view, {len(slow)} queries: p50 {percentile(slow, 0.5):.3f} ms, "
          f"p99 {percentile(slow, 0.99):.3f} ms; ratio of medians {statistics.median(slow) / statistics.median(fast):.0f}x, "
          f"of p99s {percentile(slow, 0.99) / percentile(fast, 0.99):.0f}x")
    print(f"point lookup with ranked candidates: p50 {percentile(ranked_times, 0.5):.3f} ms, "
          f"p99 {percentile(ranked_times, 0.99):.3f} ms")
    painted = sum(len(v) for v in pain.values())
    print(f"whole-body painted map ({painted} strokes on 2 views) ranked: median {statistics.median(runs):.2f} ms, "
          f"max {max(runs):.2f} ms, {len(ranked)} candidates; best 40 only (the live list): median "
          f"{statistics.median(live):.2f} ms, max {max(live):.2f} ms")
    print(f"cold start to window shown: {start_s:.2f} s; window process peak RSS {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
