"""`python -m app.catalog.check FILE...` reads only the files named: a condition file alone, a
muscle file alone, or a muscle folder; the shared lists (sources, factors, techniques) always."""

from __future__ import annotations

from pathlib import Path

from app.catalog.sources import load_sources
from app.paths import ROOT

CATALOG = ROOT / "data" / "catalog"


def _ids(items: list) -> list[str]:
    return sorted(item.id for item in items)


def test_one_condition_file_alone_is_read_and_nothing_else_of_its_kind() -> None:
    path = CATALOG / "conditions" / "achilles_tendinopathy.yaml"
    read = load_sources(CATALOG, only=[path])
    assert _ids(read.conditions) == ["achilles_tendinopathy"] and read.muscles == []
    assert read.problems == [] and read.works and read.factors and read.techniques
    assert read.nerves is None  # nerves are read for the whole catalog only


def test_a_muscle_file_or_a_muscle_folder_reads_just_those_muscles(monkeypatch) -> None:
    arm = CATALOG / "muscles" / "arm"
    one = load_sources(CATALOG, only=[arm / "brachialis.yaml"])
    assert _ids(one.muscles) == ["brachialis"] and one.conditions == []
    assert one.muscle_files == {"brachialis": arm / "brachialis.yaml"}
    folder = load_sources(CATALOG, only=[arm])
    assert _ids(folder.muscles) == sorted(p.stem for p in arm.glob("*.yaml")) and folder.conditions == []
    monkeypatch.chdir(ROOT)  # a path as typed at the prompt, relative to the checkout
    both = load_sources(CATALOG, only=[Path("data/catalog/conditions/ankle_instability.yaml"),
                                       Path("data/catalog/muscles/arm/../arm/anconeus.yaml")])
    assert (_ids(both.conditions), _ids(both.muscles)) == (["ankle_instability"], ["anconeus"])
    everything = load_sources(CATALOG)
    assert len(everything.conditions) > 10 and len(everything.muscles) > 100 and everything.nerves
