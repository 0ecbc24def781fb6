"""The command-line reference (docs/cli.md), written from the parser itself.

Every command, its one-line purpose and each option with its value name, choices, default and
whether it is required: what `tpx <command> --help` says, in one page a newcomer can read.  The
page is made from argparse's own records, not from its help formatter, so it reads the same on
every Python version; `tests/cli/test_cli_reference.py` fails when the page and the parser drift.

    python -m app.cli.reference > docs/cli.md
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.main import build_parser

_PROJECT = Path(__file__).resolve().parents[2]

_HEADER = """# Command-line reference

`tpx` with no arguments opens the window; the commands below share the app's services.  Made from
the parser by `python -m app.cli.reference > docs/cli.md` (a test fails when they drift apart).
Errors you can fix are printed as one line (`tpx: error: ...`, exit status 2).
"""


def _subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """(name, help, parser) of each subcommand, in the order they were registered."""
    found = []
    for action in parser._actions:  # argparse keeps no public list of them
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            found += [(name, helps.get(name, ""), sub) for name, sub in action.choices.items()]
    return found


def _shown(default: object) -> object:
    """A default inside the project folder, as a path relative to it: the page must read the same
    in every checkout (it showed this machine's /work/main/assets/body_svgs)."""
    if isinstance(default, Path) and default.is_relative_to(_PROJECT):
        return default.relative_to(_PROJECT).as_posix()
    return default


def _option_line(action: argparse.Action) -> str:
    names = ", ".join(f"`{s}`" for s in action.option_strings) or f"`{action.metavar or action.dest}`"
    takes_value = action.nargs != 0
    value = f" `{action.metavar or action.dest.upper()}`" if takes_value and action.option_strings else ""
    facts = []
    if action.required and action.option_strings:
        facts.append("required")
    if action.choices is not None:
        facts.append("one of " + ", ".join(f"`{c}`" for c in action.choices))
    if action.default not in (None, False, argparse.SUPPRESS) and takes_value:
        facts.append(f"default `{_shown(action.default)}`")
    if isinstance(action, argparse._AppendAction):
        facts.append("repeatable")
    tail = f" ({'; '.join(facts)})" if facts else ""
    return f"- {names}{value}{tail}: {action.help or ''}".rstrip(": ")


def _section(title: str, purpose: str, parser: argparse.ArgumentParser, level: int) -> list[str]:
    lines = [f"{'#' * level} `{title}`", "", purpose, ""] if purpose else [f"{'#' * level} `{title}`", ""]
    options = [a for a in parser._actions if not isinstance(a, (argparse._HelpAction, argparse._SubParsersAction))]
    lines += [_option_line(a) for a in options]
    if options:
        lines.append("")
    for name, help_text, sub in _subcommands(parser):
        lines += _section(f"{title} {name}", help_text, sub, level + 1)
    return lines


def command_reference() -> str:
    """The whole reference as Markdown."""
    lines = [_HEADER]
    for name, help_text, sub in _subcommands(build_parser()):
        lines += _section(f"tpx {name}", help_text, sub, 2)
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(command_reference(), end="")
