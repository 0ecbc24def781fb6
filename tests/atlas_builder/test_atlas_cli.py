"""`tpx build-atlas` argument handling (the build itself is tested on a tiny dataset elsewhere)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.cli.main import main
from app.paths import ROOT


def test_missing_mesh_folder_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    code = main(["build-atlas", "--meshes", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert code == 1
    assert "mesh folder not found" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_folder_without_manifest_is_reported(tmp_path: Path, capsys) -> None:
    code = main(["build-atlas", "--meshes", str(tmp_path), "--out", str(tmp_path / "out")])
    assert code == 1
    assert "manifest.json" in capsys.readouterr().err


def test_help_does_not_import_the_heavy_atlas_libraries() -> None:
    probe = ("import sys; from app.cli.main import build_parser; build_parser(); "
             "print(sorted(m for m in ('rasterio', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
