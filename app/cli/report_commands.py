"""`tpx report --visit ID --out FILE.pdf`: a visit's PDF report, as the client screen makes it.

The report is written to a temporary file, checked (a whole PDF, not empty) and only then
renamed over ``--out`` (app/storage/atomic_files.py): a full disk never replaces a good report
with a broken one, and the exit code says whether the report was written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.errors import CliError
from app.cli.records_commands import add_database_option, record_id, safe


def check_pdf(path: Path) -> None:
    """ValueError unless ``path`` holds a complete PDF (header and end-of-file marker)."""
    with path.open("rb") as handle:
        head = handle.read(5)
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 1024))
        tail = handle.read()
    if head != b"%PDF-" or b"%%EOF" not in tail:
        raise ValueError("the PDF came out incomplete (full disk?)")


def cmd_report(args: argparse.Namespace) -> int:
    from app.services.catalog_service import CatalogService, CatalogUnavailable
    from app.services.records_service import FileSaveError, RecordsService, UnknownRecord, UserDatabaseError
    from app.storage.atomic_files import atomic_path, check_target

    if not args.out.strip() or Path(args.out).suffix.lower() != ".pdf":
        raise CliError(f"--out must be a .pdf file, got {safe(args.out)!r}", exit_code=2)
    try:
        out = check_target(args.out)
        catalog = CatalogService.open()
        records = RecordsService.open(args.database)
    except (CatalogUnavailable, UserDatabaseError, FileSaveError) as exc:
        raise CliError(safe(exc)) from None
    from app.ui.records.report import write_visit_report

    try:
        records.visit(args.visit)  # unknown id -> clear error before any file is touched
        with atomic_path(out, mode=0o600, check=check_pdf) as temp:
            write_visit_report(records, catalog, args.visit, temp)
        records.record_export({"clients": [{"id": records.visit(args.visit).client_id}]},
                              f"a PDF report of visit {args.visit} ({safe(out)})")
    except (UnknownRecord, UserDatabaseError, FileSaveError) as exc:
        raise CliError(safe(exc)) from None
    finally:
        records.close()
    print(f"wrote {safe(out)}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("report", help="write a visit's PDF report", description="write a visit's PDF report")
    p.add_argument("--visit", type=record_id, required=True, help="visit id (see `tpx clients` / the client screen)")
    p.add_argument("--out", required=True, help="output .pdf")
    add_database_option(p)
    p.set_defaults(handler=cmd_report)
