"""Study subcommands: `tpx study decks`, `tpx study score`, `tpx study export-anki`.

`score` grades a drawing given as a pain-map file (the format of `tpx candidates --pain`)
against a trigger point's essential zone, so a teacher can grade scripted exercises.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.cli.errors import CliError
from app.cli.formatting import print_table
from app.cli.pain_file import load_pain_marks
from app.cli.records_commands import add_database_option, safe


def _catalog() -> Any:
    from app.services.catalog_service import CatalogService, CatalogUnavailable

    try:
        return CatalogService.open()
    except CatalogUnavailable as exc:
        raise CliError(str(exc)) from None


def _study(args: argparse.Namespace, with_database: bool) -> Any:
    from app.services.study_service import StudyService
    from app.storage.user_errors import UserDatabaseError

    catalog = _catalog()
    if not with_database:
        return StudyService(catalog, None)
    try:
        return StudyService.open(catalog, getattr(args, "database", None))
    except UserDatabaseError as exc:
        raise CliError(safe(exc)) from None


def cmd_decks(args: argparse.Namespace) -> int:
    service = _study(args, with_database=True)
    try:
        decks = [{"id": d.id, "name": d.name, "kind": d.kind, "cards": len(d.cards),
                  "description": d.description} for d in service.decks()]
    finally:
        service.close()
    if args.json:
        json.dump(decks, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print_table([[d["id"], d["name"], str(d["cards"])] for d in decks])
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from shapely import union_all

    from app.domain.study.cards import PAINT, Card
    from app.services.catalog_service import UnknownId

    service = _study(args, with_database=False)
    try:
        service.catalog.trigger_point(args.trp)
    except UnknownId as exc:
        raise CliError(str(exc)) from None
    card = Card(PAINT, args.trp)
    if card.key not in service.study.card_keys:
        raise CliError(f"trigger point '{args.trp}' has no essential zone drawn on the atlas; nothing to score")
    marks = load_pain_marks(Path(args.pain))
    by_view: dict[str, list[Any]] = {}
    for view, shape, _intensity in marks:
        if view not in service.catalog.views:
            raise CliError(f"{args.pain}: unknown view '{view}' (views: {', '.join(service.catalog.views)})")
        by_view.setdefault(view, []).append(shape)
    paint = {view: union_all(shapes) for view, shapes in by_view.items()}
    outcome = service.questions.answer_paint(service.question(card), paint)
    result = outcome.paint
    data = {"trp": args.trp, "score": round(outcome.score, 4), "iou": round(result.iou, 4),
            "grade": outcome.grade_name, "side": result.side, "feedback": outcome.feedback,
            "hit_mm2": round(result.hit_mm2, 1), "miss_mm2": round(result.miss_mm2, 1),
            "spillover_mm2": round(result.spillover_mm2, 1), "extra_mm2": round(result.extra_mm2, 1)}
    if args.json:
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(f"score {data['score']:.2f} ({data['grade']}), IoU {data['iou']:.2f}: {data['feedback']}")
    return 0


def cmd_export_anki(args: argparse.Namespace) -> int:
    from app.services.catalog_service import UnknownId
    from app.services.study_anki import export_anki
    from app.storage.user_errors import FileSaveError

    service = _study(args, with_database=args.deck.startswith("custom:"))
    try:
        path, count = export_anki(service, args.deck, Path(args.out))
    except UnknownId as exc:
        raise CliError(str(exc)) from None
    except FileSaveError as exc:
        raise CliError(safe(exc)) from None
    finally:
        service.close()
    print(f"wrote {path}: {count} notes", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    study = subparsers.add_parser("study", help="study mode: decks, scoring drawings, Anki export")
    commands = study.add_subparsers(dest="study_command", required=True, parser_class=type(study))
    p = commands.add_parser("decks", help="list the study decks (built-in and custom)")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_database_option(p)
    p.set_defaults(handler=cmd_decks)
    p = commands.add_parser("score", help="score a drawing of a trigger point's essential zone")
    p.add_argument("--trp", required=True, metavar="TRP_ID", help="trigger point id (see `tpx show MUSCLE`)")
    p.add_argument("--pain", required=True, metavar="FILE.json",
                   help='the drawing: JSON list of {"view", "geometry" (WKT, view mm), "intensity", "quality"}')
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_score)
    p = commands.add_parser("export-anki", help="write a deck as an Anki package with pattern pictures")
    p.add_argument("--deck", required=True, metavar="ID", help="deck id (see `tpx study decks`)")
    p.add_argument("--out", required=True, metavar="FILE.apkg", help="Anki package to write")
    add_database_option(p)
    p.set_defaults(handler=cmd_export_anki)
