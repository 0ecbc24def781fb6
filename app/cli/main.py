"""The `tpx` command: no arguments opens the window; subcommands share the app's services.

Each group of subcommands lives in its own module exposing ``register(subparsers)``; a
command handler returns the process exit code.  Errors the user can fix are raised as
:class:`CliError` and printed as one line, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from app import __version__
from app.cli.errors import CliError

# Modules that contribute subcommands; each has register(subparsers).
COMMAND_MODULES = (
    "app.cli.catalog_commands",
    "app.cli.atlas_commands",
    "app.cli.records_commands",
    "app.cli.report_commands",
    "app.cli.backup_commands",
    "app.cli.study_commands",
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad arguments in one line with exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"tpx: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tpx", description="Trigger Point Explorer")
    parser.add_argument("--version", action="version", version=f"tpx {__version__}")
    subparsers = parser.add_subparsers(dest="command", parser_class=_Parser)
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        from app.ui.launch import run_window

        return run_window()
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except CliError as exc:
        print(f"tpx: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; stop quietly like other Unix tools.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
