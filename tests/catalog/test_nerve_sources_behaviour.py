"""The nerve sources of the shipped catalog (data/catalog/nerves) pass their cross-record check,
and a broken nerve or root record is named by its file, in one line per problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from app.catalog.nerves_compile import check_nerve_sources, load_nerve_sources
from app.catalog.sources import load_sources
from app.paths import CATALOG_SOURCES_DIR


def _ids() -> tuple[set[str], set[str]]:
    sources = load_sources(CATALOG_SOURCES_DIR)
    return {m.id for m in sources.muscles}, {w.id for w in sources.works}


def test_the_shipped_nerve_sources_have_no_problem() -> None:
    problems: list[str] = []
    nerves = load_nerve_sources(CATALOG_SOURCES_DIR, problems)
    assert problems == [] and len(nerves.roots) >= 20 and len(nerves.nerves) >= 10
    assert check_nerve_sources(nerves, *_ids()) == []


def test_a_broken_nerve_and_root_are_named_by_their_files(tmp_path: Path) -> None:
    shutil.copytree(CATALOG_SOURCES_DIR / "nerves", tmp_path / "nerves")
    axillary = tmp_path / "nerves" / "peripheral" / "axillary.yaml"
    data = yaml.safe_load(axillary.read_text(encoding="utf-8"))
    data["roots"] = ["C5", "C9"]
    data["entrapments"][0]["muscle"] = "teres_minimus"
    data["source"]["ref"] = "nowhere"
    axillary.write_text(yaml.safe_dump(data), encoding="utf-8")
    c5 = tmp_path / "nerves" / "roots" / "C5.yaml"
    root = yaml.safe_load(c5.read_text(encoding="utf-8"))
    root["key_source"]["ref"] = "nobook"
    c5.write_text(yaml.safe_dump(root), encoding="utf-8")

    problems: list[str] = []
    nerves = load_nerve_sources(tmp_path, problems)
    assert problems == []
    assert check_nerve_sources(nerves, *_ids()) == [
        f"{c5}: source 'nobook' is not in sources.yaml",
        f"{axillary}: root 'C9' has no dermatome file",
        f"{axillary}: entrapment muscle 'teres_minimus' is not a catalog muscle id",
        f"{axillary}: source 'nowhere' is not in sources.yaml"]
