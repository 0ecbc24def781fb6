"""`tpx backup --out FILE` and `tpx restore FILE`: a copy of the records database and bringing
it back (app/services/records_backup.py).  A SQLite database is copied with SQLite's online
backup (safe while a window is open); a server database is saved as complete tpx-records JSON.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from app.cli.errors import CliError
from app.cli.records_commands import add_database_option, open_records, safe, user_errors


def cmd_backup(args: argparse.Namespace) -> int:
    from app.services.records_backup import backup
    from app.storage.atomic_files import check_target

    try:
        check_target(args.out)
        with open_records(args) as service:
            written, clients = backup(service, args.out)
    except user_errors() as exc:
        raise CliError(safe(exc)) from None
    print(f"backed up {clients} client(s) to {safe(written)}", file=sys.stderr)
    return 0


def _set_aside(database: str | None) -> Path | None:
    """Rename an unusable SQLite records file (and its -wal/-shm) out of the way, unchanged."""
    from sqlalchemy.engine import make_url

    from app.storage.user_database import resolve_url

    url = make_url(resolve_url(database))
    if url.get_backend_name() != "sqlite" or not url.database:
        return None
    path = Path(url.database).expanduser()
    if not path.exists():
        return None
    aside = path.with_name(f"{path.name}.unusable-{datetime.now():%Y%m%d-%H%M%S}")
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.rename(aside.with_name(aside.name + suffix))
    return aside


def cmd_restore(args: argparse.Namespace) -> int:
    from app.services.records_backup import restore
    from app.services.records_service import UserDatabaseError

    aside = None
    try:
        try:
            service = open_records(args)
        except CliError:
            if not args.move_aside:
                raise
            aside = _set_aside(args.database)
            service = open_records(args)
        with service:
            report = restore(service, args.file)
    except CliError as exc:
        raise CliError(f"{exc} — if the database itself is unusable, `tpx restore FILE --move-aside` keeps it "
                       "under a new name and restores into a new one") from None
    except (*user_errors(), UserDatabaseError) as exc:
        raise CliError(safe(exc)) from None
    if aside is not None:
        print(f"the unusable database was kept as {safe(aside)}", file=sys.stderr)
    print(f"restored from {safe(args.file)}: {report.summary()}", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("backup", help="back up the records database to a file")
    p.add_argument("--out", required=True, metavar="FILE",
                   help="backup file (.db for a SQLite database; .json for tpx-records JSON)")
    add_database_option(p)
    p.set_defaults(handler=cmd_backup)

    p = subparsers.add_parser("restore", help="restore records from a backup (tpx backup, export or automatic)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--move-aside", action="store_true",
                   help="if the database cannot be opened (damaged), keep it under a new name and restore "
                        "into a new one")
    add_database_option(p)
    p.set_defaults(handler=cmd_restore)
