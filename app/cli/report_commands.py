"""`tpx report --visit ID --out FILE.pdf`: a visit's PDF report, as the client screen makes it."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from app.cli.errors import CliError


def cmd_report(args: argparse.Namespace) -> int:
    from app.services.catalog_service import CatalogService, CatalogUnavailable
    from app.services.records_service import RecordsService, UnknownRecord, UserDatabaseError

    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".pdf":
        raise CliError(f"--out must be a .pdf file, got '{out.name}'", exit_code=2)
    if not out.parent.is_dir():
        raise CliError(f"folder does not exist: {out.parent}")
    try:
        catalog = CatalogService.open()
        records = RecordsService.open(args.database)
    except (CatalogUnavailable, UserDatabaseError) as exc:
        raise CliError(str(exc)) from None
    from app.ui.records.report import write_visit_report

    try:
        records.visit(args.visit)  # unknown id -> clear error before any file is touched
        fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".pdf", dir=out.parent)
        os.close(fd)
        try:
            write_visit_report(records, catalog, args.visit, Path(tmp))
            os.replace(tmp, out)  # the report appears complete or not at all
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except UnknownRecord as exc:
        raise CliError(str(exc)) from None
    finally:
        records.close()
    print(f"wrote {out}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("report", help="write a visit's PDF report", description="write a visit's PDF report")
    p.add_argument("--visit", type=int, required=True, help="visit id (see `tpx clients` / the client screen)")
    p.add_argument("--out", required=True, help="output .pdf")
    p.add_argument("--database", metavar="URL", help="records database URL (default: $TPX_DATABASE_URL or the "
                                                     "user data folder)")
    p.set_defaults(handler=cmd_report)
