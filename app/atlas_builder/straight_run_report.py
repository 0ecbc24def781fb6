"""Which skin-area borders run straight along an axis: per view, per pair of areas, per orientation.

``python -m app.atlas_builder.straight_run_report [ATLAS_DIR] [--top N]``

The issue-9 gauge (app/domain/shape_quality.py) gives one share for the whole atlas; this report
says where it comes from, so a border that is machine-made can be told from one that is anatomy
(the left/right midline of the front and back views, the limbs' near-vertical sides).  Each run is
put on the midline (where the right areas meet the left ones), on the outline, or between the two
areas that share it.  A border is counted once per area that owns it, as the gauge counts it.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely

from app.atlas_builder.skin_svg import read_skin_svg
from app.domain.shape_quality import axis_runs, straight_run_stats
from app.paths import ASSETS_DIR

VIEWS = ("anterior", "posterior", "right_lateral", "left_lateral", "plantar")
MIDLINE_VIEWS = ("anterior", "posterior")
_ON_LINE_MM = 0.05


@dataclass
class StraightRunReport:
    total_mm: float = 0.0
    midline_mm: float = 0.0
    # (view, "H"/"V", "area.side | other") -> mm; other is an area or "OUTLINE"
    by_border: Counter = field(default_factory=Counter)
    examples: dict[tuple[str, str, str], list[tuple[float, float, float]]] = field(default_factory=dict)

    @property
    def off_midline_mm(self) -> float:
        return float(sum(self.by_border.values()))

    def share(self, mm: float) -> float:
        return mm / self.total_mm if self.total_mm else 0.0


def _label(area) -> str:
    return f"{area.slug}.{area.side[0]}"


def report_for(atlas_dir: Path = ASSETS_DIR, views: Sequence[str] = VIEWS) -> StraightRunReport:
    report = StraightRunReport()
    for view in views:
        path = atlas_dir / f"{view}_skin.svg"
        if not path.exists():
            continue
        areas = read_skin_svg(path).areas
        report.total_mm += straight_run_stats([a.geometry for a in areas]).total_mm
        midline = None
        if view in MIDLINE_VIEWS:
            right = shapely.union_all([a.geometry for a in areas if a.side == "right"])
            left = shapely.union_all([a.geometry for a in areas if a.side == "left"])
            midline = shapely.intersection(right.boundary, left.boundary).buffer(_ON_LINE_MM)
        outline = shapely.union_all([a.geometry for a in areas]).boundary.buffer(_ON_LINE_MM)
        for area in areas:
            for poly in shapely.get_parts(area.geometry):
                for ring in (poly.exterior, *poly.interiors):
                    for start, end, length in axis_runs(np.asarray(ring.coords)):
                        if midline is not None and midline.contains(shapely.LineString([start, end])):
                            report.midline_mm += length
                            continue
                        middle = shapely.Point((start + end) / 2)
                        if outline.contains(middle):
                            pair = f"{_label(area)} | OUTLINE"
                        else:
                            others = sorted(_label(b) for b in areas if b is not area
                                            and b.geometry.distance(middle) < _ON_LINE_MM)
                            pair = " | ".join(sorted([_label(area), "+".join(others) or "?"]))
                        orient = "H" if abs(end[0] - start[0]) > abs(end[1] - start[1]) else "V"
                        key = (view, orient, pair)
                        report.by_border[key] += length
                        report.examples.setdefault(key, []).append(
                            (round(float(start[0]), 1), round(float(start[1]), 1), round(length, 1)))
    return report


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("atlas_dir", type=Path, nargs="?", default=ASSETS_DIR)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args(argv)
    r = report_for(args.atlas_dir)
    whole = r.midline_mm + r.off_midline_mm
    print(f"boundary {r.total_mm:.0f} mm; in axis-aligned straight runs {r.share(whole):.2%} "
          f"(midline {r.share(r.midline_mm):.2%}, off the midline {r.share(r.off_midline_mm):.2%})")
    per_view: Counter = Counter()
    for (view, orient, _), mm in r.by_border.items():
        per_view[(view, orient)] += mm
    on_outline = sum(mm for key, mm in r.by_border.items() if key[2].endswith("| OUTLINE"))
    print(f"  off the midline: on the outline {r.share(on_outline):.2%}, "
          f"between areas {r.share(r.off_midline_mm - on_outline):.2%}")
    for (view, orient), mm in sorted(per_view.items()):
        print(f"  {view:14s} {orient} {r.share(mm):.2%}")
    for key, mm in r.by_border.most_common(args.top):
        print(f"{r.share(mm):.3%} {mm:6.1f} mm  {key[0]} {key[1]} {key[2]}  e.g. {r.examples[key][:3]}")


if __name__ == "__main__":
    main()
