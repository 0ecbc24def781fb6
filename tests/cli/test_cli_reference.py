"""docs/cli.md is the command-line reference a newcomer reads: it must say what `tpx` really
accepts (each command's purpose, option names, value names, choices, defaults, what is required)."""

from __future__ import annotations

from pathlib import Path

from app.cli.reference import command_reference

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_the_reference_page_matches_the_parser() -> None:
    assert DOC.read_text(encoding="utf-8") == command_reference(), (
        "docs/cli.md is out of date: run `python -m app.cli.reference > docs/cli.md` and review the diff")


def test_the_page_names_required_options_and_value_names_a_user_types() -> None:
    page = command_reference()
    assert "## `tpx review-sheet`" in page and "- `--out` `OUT` (required): output .pdf" in page
    assert "- `--out` `FILE.apkg` (required): Anki package to write" in page
    assert "- `--pain` `FILE.json` (required): the drawing" in page
    assert "- `--area` `AREA[:SIDE]` (repeatable): a skin area (see `tpx areas`); repeatable" in page
    assert "- `--side` `SIDE` (one of `left`, `right`; default `right`)" in page
