"""Nerve subcommands: `tpx nerves` (roots and nerves whose territory a pain fits, best first) and
`tpx root ID` (the root card).  `--json` prints JSON only."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.errors import CliError
from app.cli.formatting import print_table
from app.cli.area_args import AREA_SIDES, parse_areas


def _service():
    from app.services.catalog_service import CatalogUnavailable
    from app.services.nerve_service import NerveService

    try:
        return NerveService.open()
    except CatalogUnavailable as exc:
        raise CliError(str(exc)) from None


def _guard(fn, *args):
    from app.services.catalog_service import UnknownId

    try:
        return fn(*args)
    except UnknownId as exc:
        raise CliError(str(exc)) from None


def _emit(as_json: bool, data: object, table: list[list[str]]) -> int:
    if as_json:
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print_table(table)
    return 0


def _pain_marks(path: Path):
    from app.cli.pain_file import load_pain_marks
    from app.domain.nerves import PainMark
    from app.services.records_io import load_file

    marks = load_pain_marks(path)  # checks the file; one-line CliError on any problem
    qualities = [str(item["quality"]) for item in load_file(path)]
    return [PainMark(view, shape, intensity, quality) for (view, shape, intensity), quality in zip(marks, qualities)]


def cmd_nerves(args: argparse.Namespace) -> int:
    if (args.area is None) == (args.pain is None):
        raise CliError("give either --area AREA[:SIDE] (repeatable) or --pain FILE.json", exit_code=2)
    if args.limit < 1:
        raise CliError(f"--limit must be at least 1, got {args.limit}", exit_code=2)
    if args.pain is not None:
        marks = _pain_marks(Path(args.pain))
        service = _service()
    else:
        areas = parse_areas(args.area, args.side)
        service = _service()
        marks = _guard(service.marks_for_areas, areas)
    fits = _guard(service.fits_for_marks, marks)[: args.limit]
    rows = [{"kind": f.kind, "id": f.id, "name": f.name, "side": f.side, "score": f.score, "why": f.why} for f in fits]
    return _emit(args.json, rows, [[f"{r['score']:.3f}", r["kind"], r["id"], f"client's {r['side']}", r["why"]]
                                   for r in rows])


def cmd_root(args: argparse.Namespace) -> int:
    service = _service()
    card = _guard(service.root_card, args.root_id)
    key_muscle = card["key_muscle"]["text"] if card["key_muscle"] else "none (ISNCSCI names no key muscle)"
    table = [["Root", f"{card['id']} ({card['level']})"], ["Key sensory point", card["key_sensory_point"]["text"]],
             ["Key muscle", key_muscle], ["Reflex", card["reflex"] or "none"],
             ["Muscles it supplies", ", ".join(card["muscles"]) or "none in the catalog"],
             ["Entrapment sites", "; ".join(f"{e['nerve']}: {e['site']}" for e in card["entrapment_sites"]) or "none"],
             ["Note", card["note"]]]
    return _emit(args.json, card, table)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("nerves", help="dermatomes and cutaneous nerves whose territory a pain fits, best first")
    p.add_argument("--area", action="append", metavar="AREA[:SIDE]", help="a skin area (see `tpx areas`); repeatable")
    p.add_argument("--side", choices=AREA_SIDES, default="right", help="side for --area without one (default right)")
    p.add_argument("--pain", metavar="FILE.json", help="a pain map: a JSON list of marks, as for `tpx candidates --pain`")
    p.add_argument("--limit", type=int, default=10, help="how many to list (default 10)")
    p.add_argument("--json", action="store_true", help="print JSON only")
    p.set_defaults(handler=cmd_nerves)
    r = subparsers.add_parser("root", help="a nerve root's card: key sensory point, key muscle, reflex, muscles")
    r.add_argument("root_id", metavar="ROOT", help="C2 ... C8, T1 ... T12, L1 ... L5, S1 ... S3, S4-5")
    r.add_argument("--json", action="store_true", help="print JSON only")
    r.set_defaults(handler=cmd_root)
