"""Running `tpx` in-process: the exit code and what it printed, as a user would see them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli.main import main

RunCli = Callable[..., tuple[int, str, str]]


@pytest.fixture()
def run_cli(capsys: pytest.CaptureFixture) -> RunCli:
    """``run_cli("show", "supinator", "--json")`` -> (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture()
def cli(mini_catalog: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> RunCli:
    """`tpx` on the small test catalog and its atlas."""
    monkeypatch.setenv("TPX_CATALOG_DB", str(mini_catalog))
    monkeypatch.setenv("TPX_ASSETS_DIR", str(mini_catalog.parent / "assets"))
    return run_cli
