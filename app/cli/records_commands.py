"""Client-records subcommands: clients, export, import, erase-client (and report, by the lead).

All honour ``TPX_DATABASE_URL`` (or ``--database URL``).  A bad file or id is one line on
stderr, a non-zero exit and no change to the database.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from app.cli.errors import CliError


def _add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database", metavar="URL",
                        help="SQLAlchemy URL of the records database (default: $TPX_DATABASE_URL "
                             "or records.db in the user data folder)")


def _open(args: argparse.Namespace) -> Any:
    from app.services.records_service import RecordsService, UserDatabaseError

    try:
        return RecordsService.open(getattr(args, "database", None))
    except UserDatabaseError as exc:
        raise CliError(str(exc)) from None


def _user_errors() -> tuple[type[BaseException], ...]:
    from app.services.records_service import RecordsImportError, UnknownRecord, UserDatabaseError

    return RecordsImportError, UnknownRecord, UserDatabaseError


def cmd_clients(args: argparse.Namespace) -> int:
    with _open(args) as service:
        rows = [{"id": c.id, "uid": c.uid, "name": c.name,
                 "date_of_birth": c.date_of_birth.isoformat() if c.date_of_birth else None,
                 "consent_given": c.consent_given, "visits": len(service.visits(c.id))}
                for c in service.clients()]
    if args.json:
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    from app.cli.formatting import print_table

    print_table([[str(r["id"]), r["name"], r["date_of_birth"] or "", f"{r['visits']} visit(s)"] for r in rows])
    return 0


def _write_atomically(path: Path, data: dict[str, Any]) -> None:
    """The export appears complete or not at all, readable by its owner only."""
    path = path.expanduser()
    if not path.parent.is_dir():
        raise CliError(f"no such folder: {path.parent}")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # mkstemp makes it 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_export(args: argparse.Namespace) -> int:
    with _open(args) as service:
        try:
            data = service.export_records(args.client)
        except _user_errors() as exc:
            raise CliError(str(exc)) from None
    _write_atomically(Path(args.out), data)
    visits = sum(len(c["visits"]) for c in data["clients"])
    print(f"exported {len(data['clients'])} client(s), {visits} visit(s) to {args.out}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from app.services.records_io import load_file, validate_document

    try:
        data = load_file(Path(args.file))
        validate_document(data)  # before opening the database: a bad file never touches it
    except _user_errors() as exc:
        raise CliError(str(exc)) from None
    with _open(args) as service:
        try:
            report = service.import_records(data, replace=args.replace)
        except _user_errors() as exc:
            raise CliError(str(exc)) from None
    print(f"imported from {args.file}: {report.summary()}", file=sys.stderr)
    if args.json:
        json.dump({"clients_added": report.clients_added, "clients_replaced": report.clients_replaced,
                   "visits_imported": report.visits_imported, "client_ids": report.client_ids},
                  sys.stdout, indent=2)
        sys.stdout.write("\n")
    return 0


def cmd_erase_client(args: argparse.Namespace) -> int:
    if not args.yes:
        raise CliError("erasing a client cannot be undone: add --yes to confirm")
    with _open(args) as service:
        try:
            name = service.client(args.client_id).name
            service.erase_client(args.client_id)
        except _user_errors() as exc:
            raise CliError(str(exc)) from None
    print(f"erased client {args.client_id} ({name}) and all their visits", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("clients", help="list clients in the records database")
    p.add_argument("--json", action="store_true", help="print JSON")
    _add_database_option(p)
    p.set_defaults(handler=cmd_clients)

    p = subparsers.add_parser("export", help="export client records as tpx-records JSON")
    p.add_argument("--client", type=int, metavar="ID", help="only this client (default: all)")
    p.add_argument("--out", required=True, metavar="FILE.json")
    _add_database_option(p)
    p.set_defaults(handler=cmd_export)

    p = subparsers.add_parser("import", help="import tpx-records JSON (all or nothing)")
    p.add_argument("file", metavar="FILE.json")
    p.add_argument("--replace", action="store_true",
                   help="replace clients whose uid already exists (default: add them as copies)")
    p.add_argument("--json", action="store_true", help="print the import report as JSON")
    _add_database_option(p)
    p.set_defaults(handler=cmd_import)

    p = subparsers.add_parser("erase-client", help="erase a client and all their records")
    p.add_argument("client_id", type=int, metavar="ID")
    p.add_argument("--yes", action="store_true", help="confirm (cannot be undone)")
    _add_database_option(p)
    p.set_defaults(handler=cmd_erase_client)

    # --- tpx report --visit ID --out FILE.pdf: added here by the lead (PDF report) -------------
