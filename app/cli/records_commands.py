"""Client-records subcommands: clients, export, import, erase-client.

All honour ``TPX_DATABASE_URL`` (or ``--database URL``).  A bad file, id or output path is one
line on stderr, a non-zero exit and no change.  Names from the database are printed with
control characters escaped (a name cannot drive the terminal).  Exit codes: 0 done, 1 not
done or only partly done (said on stderr), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.cli.errors import CliError

MAX_ID = 2**63 - 1


def record_id(text: str) -> int:
    """argparse type: a client or visit id that can exist (1 .. 2^63-1)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an id: {safe(text)!r}") from None
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"no record has id {safe(text)} (ids are 1 to {MAX_ID})")
    return value


def safe(text: Any) -> str:
    from app.storage.text import one_line

    return one_line(str(text), limit=500)


def add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database", metavar="URL",
                        help="SQLAlchemy URL of the records database (default: $TPX_DATABASE_URL "
                             "or records.db in the user data folder)")


def open_records(args: argparse.Namespace, *, with_catalog_ids: bool = False) -> Any:
    from app.services.records_service import RecordsService, UserDatabaseError

    try:
        return RecordsService.open(getattr(args, "database", None),
                                   vocabulary=catalog_vocabulary() if with_catalog_ids else None)
    except UserDatabaseError as exc:
        raise CliError(safe(exc)) from None


def catalog_vocabulary() -> dict[str, frozenset[str]] | None:
    """Muscle id -> its trigger point ids, for checking imported findings (None: no catalog)."""
    from app.services.catalog_service import CatalogService, CatalogUnavailable

    try:
        catalog = CatalogService.open()
    except CatalogUnavailable:
        return None
    return {m.id: frozenset(t.id for t in m.trigger_points) for m in catalog.muscles()}


def user_errors() -> tuple[type[BaseException], ...]:
    from app.services.records_service import FileSaveError, RecordsImportError, UnknownRecord, UserDatabaseError

    return RecordsImportError, UnknownRecord, UserDatabaseError, FileSaveError


def _warn_damaged(damaged: list[str]) -> None:
    for problem in damaged:
        print(f"tpx: warning: {problem} (damaged; left out)", file=sys.stderr)


def cmd_clients(args: argparse.Namespace) -> int:
    with open_records(args) as service:
        counts = service.visit_counts()
        rows = [{"id": c.id, "uid": c.uid, "name": c.name,
                 "date_of_birth": c.date_of_birth.isoformat() if c.date_of_birth else None,
                 "consent_given": c.consent_given, "visits": counts.get(c.id, 0)}
                for c in service.clients()]
        damaged = [p for p in service.damaged() if p.startswith("client")]
    if args.json:
        text = json.dumps(rows, indent=2, ensure_ascii=True)  # \\u escapes: no raw control codes
        sys.stdout.write(text + "\n")
    else:
        from app.cli.formatting import print_table

        print_table([[str(r["id"]), safe(r["name"]), r["date_of_birth"] or "", f"{r['visits']} visit(s)"]
                     for r in rows])
    _warn_damaged(damaged)
    return 1 if damaged else 0


def _write_json(path: str, data: dict[str, Any]) -> Any:
    """The export appears complete or not at all, readable by its owner only."""
    from app.storage.atomic_files import atomic_path

    def readable(temp: Any) -> None:
        json.loads(temp.read_bytes())

    with atomic_path(path, mode=0o600, check=readable) as temp:
        with temp.open("w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, ensure_ascii=False)
            handle.write("\n")


def cmd_export(args: argparse.Namespace) -> int:
    from app.storage.atomic_files import check_target

    try:
        check_target(args.out)  # a folder, "", a device or a missing folder: before any work
        with open_records(args) as service:
            export = service.export(args.client)
            _write_json(args.out, export.document)
            service.record_export(export.document, safe(args.out))
    except user_errors() as exc:
        raise CliError(safe(exc)) from None
    clients = export.document["clients"]
    visits = sum(len(c["visits"]) for c in clients)
    print(f"exported {len(clients)} client(s), {visits} visit(s) to {safe(args.out)}", file=sys.stderr)
    _warn_damaged(export.damaged)
    return 1 if export.damaged else 0


def cmd_import(args: argparse.Namespace) -> int:
    from app.services.records_io import load_file, validate_document

    try:
        data = load_file(args.file)
        validate_document(data)  # before opening the database: a bad file never touches it
        with open_records(args, with_catalog_ids=True) as service:
            report = service.import_records(data, replace=args.replace)
    except user_errors() as exc:
        raise CliError(safe(exc)) from None
    print(f"imported from {safe(args.file)}: {report.summary()}", file=sys.stderr)
    if args.json:
        json.dump({"clients_added": report.clients_added, "clients_replaced": report.clients_replaced,
                   "visits_imported": report.visits_imported, "client_ids": report.client_ids},
                  sys.stdout, indent=2)
        sys.stdout.write("\n")
    return 0


def cmd_erase_client(args: argparse.Namespace) -> int:
    if not args.yes:
        raise CliError("erasing a client cannot be undone: add --yes to confirm")
    with open_records(args) as service:
        try:
            name = service.client(args.client_id).name
            service.erase_client(args.client_id)
        except user_errors() as exc:
            raise CliError(safe(exc)) from None
    print(f"erased client {args.client_id} ({safe(name)}) and all their visits", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("clients", help="list clients in the records database")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_database_option(p)
    p.set_defaults(handler=cmd_clients)

    p = subparsers.add_parser("export", help="export client records as tpx-records JSON")
    p.add_argument("--client", type=record_id, metavar="ID", help="only this client (default: all)")
    p.add_argument("--out", required=True, metavar="FILE.json", help="file to write (tpx-records JSON, owner-only)")
    add_database_option(p)
    p.set_defaults(handler=cmd_export)

    p = subparsers.add_parser("import", help="import tpx-records JSON (all or nothing)")
    p.add_argument("file", metavar="FILE.json")
    p.add_argument("--replace", action="store_true",
                   help="replace clients whose uid already exists (default: add them as copies)")
    p.add_argument("--json", action="store_true", help="print the import report as JSON")
    add_database_option(p)
    p.set_defaults(handler=cmd_import)

    p = subparsers.add_parser("erase-client", help="erase a client and all their records")
    p.add_argument("client_id", type=record_id, metavar="ID")
    p.add_argument("--yes", action="store_true", help="confirm (cannot be undone)")
    add_database_option(p)
    p.set_defaults(handler=cmd_erase_client)
