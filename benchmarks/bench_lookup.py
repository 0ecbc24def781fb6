"""Lookup benchmark.  Run: `.venv/bin/python benchmarks/bench_lookup.py [--samples 2400] [--scale 10] [--json]`.

What is under a point -- the region of the layer, the skin area and the referral zones -- answered
three ways on the same points, drawn over every view and every layer of the real catalog:

* indexed: the app's LookupEngine (label grids, STRtrees, exact point-in-polygon);
* ``shapely.contains_xy`` over all of the view's prepared geometries at once (vectorised);
* ``QPainterPath.contains`` over the view's shapes as the map draws them.

The three answers are asserted equal for every point; the sides run interleaved (the order
rotates per point) so machine noise falls on all of them alike; ratios come from this run.
Then the ranked point lookup (best 40 candidates under a point) and the painted-map ranking
(random brush-stroke pain maps, live list of 40 and full list) on the catalog and on a
synthetic catalog with every trigger point replicated ``--scale`` times, interleaved too.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from app.domain.lookup import LookupEngine  # noqa: E402
from app.domain.model import ZoneShape  # noqa: E402
from benchmarks.brush_maps import brush_pain  # noqa: E402
from app.services.catalog_service import CatalogService  # noqa: E402
from benchmarks.ui_harness import summary  # noqa: E402

SEED = 7


def sample_points(service: CatalogService, n: int, rng: random.Random) -> list[tuple[str, str, float, float]]:
    """n points inside the body outline, spread evenly over every (view, layer)."""
    pairs = [(name, layer) for name, spec in service.views.items() for layer in spec.layers]
    points = []
    while len(points) < n:
        view, layer = pairs[len(points) % len(pairs)]
        outline = service.views[view].outline
        x0, y0, x1, y1 = outline.bounds
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        if shapely.contains_xy(outline, x, y):
            points.append((view, layer, x, y))
    return points


class VectorisedBaseline:
    """All shapes of a view (and layer) as one prepared array; contains_xy answers all at once."""

    def __init__(self, service: CatalogService) -> None:
        def prepared(geoms):
            array = np.array(geoms, dtype=object)
            shapely.prepare(array)
            return array

        self.regions = {(v, layer): prepared([r.geometry for r in service.regions(v, layer)])
                        for v, spec in service.views.items() for layer in spec.layers}
        self.skin = {v: prepared([a.geometry for a in service.skin_areas if a.view == v]) for v in service.views}
        self.zones = {v: prepared([z.geometry for z in service.lookup._zones[v].items]) for v in service.lookup._zones}  # noqa: SLF001

    def __call__(self, view: str, layer: str, x: float, y: float):
        region = np.flatnonzero(shapely.contains_xy(self.regions[(view, layer)], x, y))
        skin = np.flatnonzero(shapely.contains_xy(self.skin[view], x, y))
        zones = np.flatnonzero(shapely.contains_xy(self.zones[view], x, y)) if view in self.zones else np.empty(0, int)
        return (int(region[0]) if region.size else None, int(skin[0]) if skin.size else None, zones)


class PainterPathBaseline:
    """Each shape as the QPainterPath the map draws; QPainterPath.contains one by one."""

    def __init__(self, service: CatalogService) -> None:
        from app.ui.qt_geometry import to_painter_path

        self.regions = {(v, layer): [to_painter_path(r.geometry) for r in service.regions(v, layer)]
                        for v, spec in service.views.items() for layer in spec.layers}
        self.skin = {v: [to_painter_path(a.geometry) for a in service.skin_areas if a.view == v] for v in service.views}
        self.zones = {v: [to_painter_path(z.geometry) for z in service.lookup._zones[v].items] for v in service.lookup._zones}  # noqa: SLF001

    def __call__(self, view: str, layer: str, x: float, y: float):
        from PySide6.QtCore import QPointF

        p = QPointF(x, y)
        region = next((i for i, path in enumerate(self.regions[(view, layer)]) if path.contains(p)), None)
        skin = next((i for i, path in enumerate(self.skin[view]) if path.contains(p)), None)
        zones = np.array([i for i, path in enumerate(self.zones.get(view, [])) if path.contains(p)], dtype=int)
        return region, skin, zones


def indexed_side(service: CatalogService):
    lookup = service.lookup
    region_pos = {(v, layer): {id(r): i for i, r in enumerate(service.regions(v, layer))}
                  for v, spec in service.views.items() for layer in spec.layers}
    skin_pos = {v: {id(a): i for i, a in enumerate([a for a in service.skin_areas if a.view == v])} for v in service.views}

    def answer(view: str, layer: str, x: float, y: float):
        region = lookup.region_at(view, layer, x, y)
        area = lookup.skin_area_at(view, x, y)
        return (region_pos[(view, layer)][id(region)] if region else None,
                skin_pos[view][id(area)] if area else None, lookup.zone_indices_at(view, x, y))
    return answer


def interleaved(sides: dict, calls: list[tuple], check) -> dict[str, list[float]]:
    """Time every side on every call, rotating which side goes first; ``check`` compares answers."""
    names = list(sides)
    times: dict[str, list[float]] = {n: [] for n in names}
    for i, args in enumerate(calls):
        answers = {}
        for name in names[i % len(names):] + names[:i % len(names)]:
            t0 = time.perf_counter_ns()
            answers[name] = sides[name](*args)
            times[name].append((time.perf_counter_ns() - t0) / 1e6)
        check(args, answers)
    return times


def same_point_answers(args, answers) -> None:
    first, *rest = answers.values()
    for other in rest:
        assert first[0] == other[0] and first[1] == other[1] and np.array_equal(first[2], other[2]), (args, answers)


def scaled_engine(service: CatalogService, scale: int) -> LookupEngine:
    """The catalog with every trigger point's zones replicated ``scale`` times (new TrP ids)."""
    base = service.lookup
    zones = [z for ix in base._zones.values() for z in ix.items]  # noqa: SLF001
    copies = [ZoneShape(f"{z.trp_id}~{k}" if k else z.trp_id, z.kind, z.view, z.side, z.geometry, z.cells)
              for k in range(scale) for z in zones]
    prevalence = {f"{t}~{k}" if k else t: p for k in range(scale) for t, p in base._prevalence.items()}  # noqa: SLF001
    muscle_of = {f"{t}~{k}" if k else t: m for k in range(scale) for t, m in base._muscle_of.items()}  # noqa: SLF001
    labels = {}
    for (view, layer), ix in base._regions.items():  # noqa: SLF001
        if ix.labels is not None:
            labels[(view, layer)] = ix.labels
    for view, ix in base._skin.items():  # noqa: SLF001
        if ix.labels is not None:
            labels[(view, "skin")] = ix.labels
    return LookupEngine([r for ix in base._regions.values() for r in ix.items], service.skin_areas, copies,  # noqa: SLF001
                        prevalence, muscle_of, grids=base._grids, label_grids=labels)  # noqa: SLF001


def brush_pain_maps(service: CatalogService, n: int, rng: random.Random) -> list[dict[str, list]]:
    """Pain maps painted the way the client window paints them: random-walk brush drags."""
    maps = []
    for _ in range(n):
        pain = brush_pain(service, rng, rng.randint(2, 12), step_mm=25, steps=(1, 30), width_mm=(6, 30))
        maps.append({v: pain.strokes(v) for v in pain.views()})
    return maps


def main() -> None:
    parser = argparse.ArgumentParser(description="honest lookup benchmark")
    parser.add_argument("--samples", type=int, default=2400, help="points per side (>= 2000)")
    parser.add_argument("--maps", type=int, default=60, help="painted maps per side")
    parser.add_argument("--scale", type=int, default=10, help="replicate every TrP this many times")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = random.Random(SEED)
    service = CatalogService.open()
    t0 = time.perf_counter()
    service.lookup  # noqa: B018 - the index build the window does in the background at start
    build_ms = (time.perf_counter() - t0) * 1000
    points = sample_points(service, args.samples, rng)
    sides = {"indexed": indexed_side(service), "contains_xy_prepared": VectorisedBaseline(service),
             "qpainterpath_contains": PainterPathBaseline(service)}
    interleaved(sides, points[:100], same_point_answers)  # warm-up, answers checked too
    point_times = interleaved(sides, points, same_point_answers)
    t0 = time.perf_counter()
    big = scaled_engine(service, args.scale)
    big_build_ms = (time.perf_counter() - t0) * 1000
    one = service.lookup
    ranked = interleaved({"1x": lambda v, l, x, y: one.candidates_at(v, x, y, 40),
                          f"{args.scale}x": lambda v, l, x, y: big.candidates_at(v, x, y, 40)}, points,
                         lambda a, answers: None)
    maps = brush_pain_maps(service, args.maps, rng)
    live = interleaved({"1x": lambda m: one.candidates_for_pain_map(m, 40),
                        f"{args.scale}x": lambda m: big.candidates_for_pain_map(m, 40)}, [(m,) for m in maps],
                       lambda a, answers: None)
    full = interleaved({"1x": lambda m: one.candidates_for_pain_map(m),
                        f"{args.scale}x": lambda m: big.candidates_for_pain_map(m)}, [(m,) for m in maps],
                       lambda a, answers: None)
    stats = {"point_lookup": {k: summary(v) for k, v in point_times.items()},
             "ranked_point_lookup_40": {k: summary(v) for k, v in ranked.items()},
             "painted_map_ranking_40": {k: summary(v) for k, v in live.items()},
             "painted_map_ranking_full": {k: summary(v) for k, v in full.items()}}
    ratios = {
        "contains_xy_over_indexed_median": stats["point_lookup"]["contains_xy_prepared"]["median"]
        / stats["point_lookup"]["indexed"]["median"],
        "qpainterpath_over_indexed_median": stats["point_lookup"]["qpainterpath_contains"]["median"]
        / stats["point_lookup"]["indexed"]["median"],
    }
    for name in ("ranked_point_lookup_40", "painted_map_ranking_40", "painted_map_ranking_full"):
        ratios[f"{name}_{args.scale}x_over_1x_median"] = stats[name][f"{args.scale}x"]["median"] / stats[name]["1x"]["median"]
        ratios[f"{name}_{args.scale}x_over_1x_p90"] = stats[name][f"{args.scale}x"]["p90"] / stats[name]["1x"]["p90"]
    zones = sum(len(ix.items) for ix in one._zones.values())  # noqa: SLF001
    result = {"catalog": {"zones": zones, "regions": len(service._all_regions), "skin_areas": len(service.skin_areas),  # noqa: SLF001
                          "views_x_layers": len({(p[0], p[1]) for p in points})},
              "index_build_ms": build_ms, "scaled_build_ms": big_build_ms, "scale": args.scale, "samples": len(points),
              "painted_maps": len(maps), "stats_ms": stats, "ratios": ratios, "load_average": os.getloadavg()}
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"catalog: {zones} zone shapes, {result['catalog']['regions']} regions, {len(service.skin_areas)} skin-area "
          f"shapes, {result['catalog']['views_x_layers']} view x layer pairs; index build {build_ms:.0f} ms; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"point lookup (region + skin area + zones), {len(points)} points, same answers asserted on every point:")
    for name, s in stats["point_lookup"].items():
        print(f"  {name:<24} min {s['min']:.3f}  median {s['median']:.3f}  p90 {s['p90']:.3f}  p99 {s['p99']:.3f} ms")
    print(f"  ratio of medians: contains_xy {ratios['contains_xy_over_indexed_median']:.1f}x, "
          f"QPainterPath {ratios['qpainterpath_over_indexed_median']:.1f}x the indexed time")
    for name in ("ranked_point_lookup_40", "painted_map_ranking_40", "painted_map_ranking_full"):
        print(f"{name.replace('_', ' ')} (1x vs {args.scale}x catalog, interleaved):")
        for side, s in stats[name].items():
            print(f"  {side:<5} n={s['n']}  min {s['min']:.3f}  median {s['median']:.3f}  p90 {s['p90']:.3f}  "
                  f"p99 {s['p99']:.3f} ms")
        print(f"  {args.scale}x / 1x: median {ratios[f'{name}_{args.scale}x_over_1x_median']:.2f}, "
              f"p90 {ratios[f'{name}_{args.scale}x_over_1x_p90']:.2f}")


if __name__ == "__main__":
    main()
