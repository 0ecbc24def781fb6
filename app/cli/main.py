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

# Modules that contribute subcommands (each has register(subparsers)), with the commands each adds.
# The names only spare `tpx show` importing the records, study and PDF stacks it does not use: a
# command missing here still works (every module is imported to find it), just more slowly.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "app.cli.catalog_commands": ("areas", "muscles", "show", "candidates", "conditions", "condition", "search",
                                 "chart", "review-sheet", "build-catalog"),
    "app.cli.atlas_commands": ("build-atlas",),
    "app.cli.records_commands": ("clients", "export", "import", "erase-client"),
    "app.cli.report_commands": ("report",),
    "app.cli.backup_commands": ("backup", "restore"),
    "app.cli.study_commands": ("study",),
    "app.cli.nerve_commands": ("nerves", "root"),
}


def modules_for(args: Sequence[str]) -> list[str]:
    """The command modules to load for this command line: the one naming its command, else all."""
    command = next((a for a in args if not a.startswith("-")), None)
    return [m for m, names in COMMAND_MODULES.items() if command in names] or list(COMMAND_MODULES)


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad arguments in one line with exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"tpx: error: {message}\n")


def build_parser(modules: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = _Parser(prog="tpx", description="Trigger Point Explorer")
    parser.add_argument("--version", action="version", version=f"tpx {__version__}")
    subparsers = parser.add_subparsers(dest="command", parser_class=_Parser)
    for module_name in COMMAND_MODULES if modules is None else modules:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register(subparsers)
    # `tpx clients --help` and nine others opened with usage alone: each command's own help starts
    # with what it does, as the list of commands says it.
    for listed in subparsers._choices_actions:  # argparse keeps no public list of them
        command = subparsers.choices[listed.dest]
        command.description = command.description or listed.help
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        from app.ui.launch import run_window

        return run_window()
    # A command answers once and exits: numpy's BLAS thread pool would only spin up threads that
    # compete for the cores (about 0.1 s of CPU at import) for the few small array sums it does.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    parser = build_parser(modules_for(args_list))
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
