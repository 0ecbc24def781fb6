"""Catalog subcommands: areas, muscles, show, candidates, conditions, condition, search,
chart, build-catalog.  `--json` prints JSON only (other tools parse it)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.cli.errors import CliError
from app.cli.formatting import candidate_json, muscle_json, print_table
from app.cli.area_args import AREA_SIDES, parse_areas


def _service():
    from app.services.catalog_service import CatalogService, CatalogUnavailable

    try:
        return CatalogService.open()
    except CatalogUnavailable as exc:
        raise CliError(str(exc)) from None


def _facts():
    """The light reader for one answer (services/catalog_facts.py): no geometry library loaded."""
    from app.services.catalog_facts import CatalogFacts
    from app.storage.catalog_errors import CatalogUnavailable

    try:
        return CatalogFacts.open()
    except CatalogUnavailable as exc:
        raise CliError(str(exc)) from None


def _guard(fn, *args: Any) -> Any:
    try:
        return fn(*args)
    except KeyError as exc:
        # Unknown ids from whichever catalog reader answered (imported only if it was used).
        if any(type(exc).__name__ == name and type(exc).__module__ == module for module, name in (
                ("app.services.catalog_service", "UnknownId"), ("app.services.catalog_facts", "UnknownRecord"))):
            raise CliError(str(exc)) from None
        raise


def _emit(args: argparse.Namespace, data: Any, table: list[list[str]] | None = None) -> int:
    if args.json or table is None:
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print_table(table)
    return 0


def cmd_areas(args: argparse.Namespace) -> int:
    areas = _service().areas()
    return _emit(args, areas, [[a["id"], a["side"], a["name"], ", ".join(a["views"])] for a in areas])


def cmd_muscles(args: argparse.Namespace) -> int:
    muscles = [{"id": m.id, "name": m.name, "region": m.region} for m in _service().muscles()]
    return _emit(args, muscles, [[m["id"], m["name"], m["region"]] for m in muscles])


def cmd_show(args: argparse.Namespace) -> int:
    facts = _facts()
    muscle = _guard(facts.muscle, args.muscle_id)
    data = muscle_json(facts, muscle)
    if args.json:
        return _emit(args, data)
    print(f"{muscle.name} ({muscle.latin}) — {muscle.region.replace('_', ' ')}, {muscle.layer}")
    print(f"Innervation: {muscle.nerve} ({', '.join(muscle.roots)})")
    for trp in data["trigger_points"]:
        print(f"\n  {trp['label']} [{trp['prevalence'].replace('_', ' ')}]\n    at: {trp['location']}")
        print(f"    essential: {trp['essential']['description']}\n    spillover: {trp['spillover']['description']}")
    return 0


def _parse_point(text: str) -> tuple[float, float]:
    try:
        x, y = (float(v) for v in text.split(","))
    except ValueError:
        raise CliError(f"--at takes X,Y in the view's drawing units (millimetres), got '{text}'") from None
    return x, y


def cmd_candidates(args: argparse.Namespace) -> int:
    given = [name for name, value in (("--area", args.area), ("--view", args.view), ("--pain", args.pain))
             if value is not None]
    if len(given) != 1:
        raise CliError("give either --area AREA[:SIDE] (repeatable), --view VIEW --at X,Y, or --pain FILE.json",
                       exit_code=2)
    if args.limit < 1:
        raise CliError(f"--limit must be at least 1, got {args.limit}", exit_code=2)
    if args.pain is not None:
        from app.cli.pain_file import load_pain_marks

        marks = load_pain_marks(Path(args.pain))
        service = _service()
        found = _guard(service.candidates_for_marks, marks)
    elif args.area is not None:
        areas = list(dict.fromkeys(parse_areas(args.area, args.side)))
        facts = _facts()
        if len(areas) == 1 and facts.precomputed:  # one area: the compiler stored its overlaps
            found = _guard(facts.candidates_for_area, *areas[0])
            names = facts.trigger_point_names(sorted({c.trp_id for c in found[: args.limit]}))
            return _emit_candidates(args, [candidate_json(c, *names[c.trp_id]) for c in found[: args.limit]])
        service = _service()
        found = _guard(service.candidates_for_areas, areas)
    else:
        if args.at is None:
            raise CliError("--view needs --at X,Y", exit_code=2)
        x, y = _parse_point(args.at)
        service = _service()
        found = _guard(service.candidates_at, args.view, x, y)
    rows = [candidate_json(c, service.trigger_point(c.trp_id).label, service.muscle(c.muscle_id).name)
            for c in found[: args.limit]]
    return _emit_candidates(args, rows)


def _emit_candidates(args: argparse.Namespace, rows: list[dict[str, Any]]) -> int:
    table = [[f"{r['score']:.3f}", r["zone"], f"client's {r['side']}", r["muscle"], r["trigger_point"], r["why"]]
             for r in rows]
    return _emit(args, rows, table)


def cmd_conditions(args: argparse.Namespace) -> int:
    conditions = [{"id": c.id, "name": c.name, "muscles": len(c.links)} for c in _service().conditions()]
    return _emit(args, conditions, [[c["id"], c["name"]] for c in conditions])


def cmd_condition(args: argparse.Namespace) -> int:
    service = _service()
    c = _guard(service.condition, args.condition_id)
    names = {m.id: m.name for m in service.muscles()}
    muscles = []
    for link in c.links:
        name = names.get(link.muscle_id, link.muscle_id)
        muscles.append({"muscle": name, "muscle_id": link.muscle_id, "relation": link.relation,
                        "trigger_points": list(link.trigger_point_ids), "note": link.note})
    data = {"id": c.id, "name": c.name, "description": c.description, "red_flags": list(c.red_flags),
            "differentials": list(c.differentials), "muscles": muscles, "source": c.source.short()}
    table = [[m["relation"], m["muscle"], m["note"]] for m in muscles]
    if not args.json:
        print(f"{c.name}\n{c.description}\n")
    return _emit(args, data, table)


def cmd_search(args: argparse.Namespace) -> int:
    hits = [{"kind": h.kind, "id": h.target_id, "title": h.title, "detail": h.detail, "score": h.score}
            for h in _service().search(args.query)]
    return _emit(args, hits, [[h["kind"], h["title"], h["detail"]] for h in hits])


def cmd_chart(args: argparse.Namespace) -> int:
    service = _service()
    muscle = _guard(service.muscle, args.muscle_id)
    out = Path(args.out)
    if out.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise CliError(f"--out must end in .png, .svg or .pdf, got '{out.name}'", exit_code=2)
    if not out.parent.exists():
        raise CliError(f"folder does not exist: {out.parent}")
    from app.ui.chart_export import export_chart

    export_chart(service, muscle.id, out)
    print(f"wrote {out}")
    return 0


def _terminal_progress(done: int, total: int, name: str) -> bool:
    """One self-overwriting line on the terminal: pages done of total, and the muscle being drawn."""
    line = f"page {min(done + 1, total)}/{total}: {name}" if done < total else f"{total} pages drawn"
    sys.stderr.write(f"\r\033[K{line}" + ("\n" if done >= total else ""))
    sys.stderr.flush()
    return True


def cmd_review_sheet(args: argparse.Namespace) -> int:
    service = _service()
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise CliError("--out must be a .pdf file", exit_code=2)
    if not out.parent.exists():
        raise CliError(f"folder does not exist: {out.parent}")
    from app.ui.chart_export import write_pdf

    ids = [m.id for m in sorted(service.muscles(), key=lambda m: (m.region, m.name))]
    # Progress only for a person watching: quiet when piped, redirected or asked for JSON.
    progress = _terminal_progress if sys.stderr.isatty() and not args.json else None
    try:
        write_pdf(service, ids, out, progress)
    except OSError as exc:
        raise CliError(f"could not write {out}: {exc.strerror or exc}") from None
    if args.json:
        return _emit(args, {"out": str(out), "pages": len(ids)})
    print(f"wrote {out}: {len(ids)} pages")
    return 0


def cmd_build_catalog(args: argparse.Namespace) -> int:
    from app.catalog.compile import compile_catalog
    from app.catalog.sources import CatalogError
    from app.paths import ASSETS_DIR, CATALOG_SOURCES_DIR, catalog_db_path

    out = Path(args.out) if args.out else catalog_db_path()
    try:
        report = compile_catalog(Path(args.sources or CATALOG_SOURCES_DIR), Path(args.assets or ASSETS_DIR), out)
    except CatalogError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        raise CliError(f"catalog not built: {len(exc.problems)} problem(s) listed above") from None
    print(f"wrote {out}: {report.muscles} muscles, {report.trigger_points} trigger points, "
          f"{report.conditions} conditions, {report.zones} zone shapes, {report.placements} placements")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    def add(name: str, handler, help_text: str, json_flag: bool = True) -> argparse.ArgumentParser:
        p = subparsers.add_parser(name, help=help_text, description=help_text)
        if json_flag:
            p.add_argument("--json", action="store_true", help="print JSON only")
        p.set_defaults(handler=handler)
        return p

    add("areas", cmd_areas, "list the skin areas of the body map")
    add("muscles", cmd_muscles, "list the muscles in the catalog")
    add("show", cmd_show, "show a muscle with its trigger points").add_argument("muscle_id")
    p = add("candidates", cmd_candidates, "rank the trigger points that refer pain to a place")
    p.add_argument("--area", action="append", metavar="AREA[:SIDE]",
                   help="skin area id (see `tpx areas`), optionally with its side (temple:left); repeat for "
                        "several areas, ranked as one pain")
    p.add_argument("--side", choices=AREA_SIDES, default="right", help="side of areas given without one")
    p.add_argument("--pain", metavar="FILE.json",
                   help='a pain map: JSON list of {"view", "geometry" (WKT, view mm), "intensity", "quality"}')
    p.add_argument("--view", help="view name, with --at")
    p.add_argument("--at", help="X,Y in the view's drawing units (mm)")
    p.add_argument("--limit", type=int, default=25, help="at most this many (default 25)")
    add("conditions", cmd_conditions, "list the conditions")
    add("condition", cmd_condition, "show a condition and its muscles, most relevant first").add_argument("condition_id")
    add("search", cmd_search, "search muscles, conditions and symptoms (typo tolerant)").add_argument("query")
    p = add("chart", cmd_chart, "draw a muscle's referral chart to PNG, SVG or PDF", json_flag=False)
    p.add_argument("muscle_id")
    p.add_argument("--out", required=True, help="output file: .png, .svg or .pdf")
    p = add("review-sheet", cmd_review_sheet, "every muscle's referral chart in one PDF, for review (progress "
            "on a terminal)")
    p.add_argument("--out", required=True, help="output .pdf")
    p = add("build-catalog", cmd_build_catalog, "compile data/catalog and the atlas into the catalog DB", json_flag=False)
    p.add_argument("--sources", help="catalog sources folder (default data/catalog)")
    p.add_argument("--assets", help="atlas folder (default assets/body_svgs)")
    p.add_argument("--out", help="database to write (default data/trigger_points.db)")
