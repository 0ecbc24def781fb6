"""`tpx build-atlas`: rebuild assets/body_svgs from the anatomy meshes (needs the `atlas` extra)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.errors import CliError
from app.paths import ASSETS_DIR

VIEW_NAMES = ("anterior", "posterior", "right_lateral", "left_lateral", "plantar")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("build-atlas", help="build the body atlas SVGs from the anatomy meshes")
    parser.add_argument("--meshes", required=True, type=Path,
                        help="anatomy dataset folder (holding manifest.json and meshes/)")
    parser.add_argument("--out", type=Path, default=ASSETS_DIR, help="output folder (default: assets/body_svgs)")
    parser.add_argument("--views", nargs="+", choices=VIEW_NAMES, help="only these views (default: all)")
    parser.add_argument("--mm-per-px", type=float, default=None, help="raster resolution (default from views.yaml)")
    parser.add_argument("--preview", type=Path, default=None, help="also render every layer to PNG in this folder")
    parser.set_defaults(handler=_build_atlas)


def _build_atlas(args: argparse.Namespace) -> int:
    if not args.meshes.is_dir():
        raise CliError(f"mesh folder not found: {args.meshes}")
    if args.mm_per_px is not None and not 0.05 <= args.mm_per_px <= 10:
        raise CliError("--mm-per-px must lie between 0.05 and 10")
    try:
        from app.atlas_builder.build import build_atlas
    except ImportError as exc:
        raise CliError(f"build-atlas needs the 'atlas' extra (numpy, rasterio, scipy): {exc}") from exc
    from app.atlas_builder.scene import SceneError

    try:
        report = build_atlas(args.meshes, args.out, views=args.views, mm_per_px=args.mm_per_px)
    except SceneError as exc:
        raise CliError(str(exc)) from exc
    for key, count in sorted(report.region_counts.items()):
        print(f"{key}: {count} regions")
    for note in report.notes:
        print(f"note: {note}")
    print(f"wrote {len(report.files)} SVG files to {args.out} in {report.seconds:.0f} s")
    if args.preview is not None:
        from app.atlas_builder.preview import render_all

        for png in render_all(args.out, args.preview):
            print(f"preview: {png}")
    return 0
