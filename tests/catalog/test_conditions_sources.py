"""Checks of the hand-written condition, source, factor and technique YAML files.

They load the files directly with PyYAML so a broken file is reported here even when
the compiler is not involved; the canonical muscle ids come from the data contract.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "data" / "catalog"
CONTRACT = ROOT / "docs" / "catalog-format.md"

REQUIRED_CONDITIONS = {
    "carpal_tunnel_syndrome", "sciatica", "migraine", "tension_type_headache", "tmj_disorder",
    "rotator_cuff_dysfunction", "low_back_pain", "whiplash", "thoracic_outlet_syndrome",
    "lateral_epicondylitis", "medial_epicondylitis", "plantar_fasciitis", "piriformis_syndrome",
    "frozen_shoulder", "torticollis_stiff_neck", "hip_pain", "knee_pain", "upper_back_pain",
    "numbness_tingling_hands", "shin_splints", "bicipital_tendinitis", "trigger_finger",
}
REQUIRED_SOURCES = {"tsm1", "tsm2", "gray", "nmt_seeds", "wolfe_2010"}
REQUIRED_FACTORS = {
    "trigger_points", "ischemia", "nerve_entrapment", "postural_distortion",
    "biomechanical_dysfunction", "nutrition", "stress",
}
REQUIRED_TECHNIQUES = {"ischemic_compression", "positional_release", "pnf_stretching", "stretch", "self_care"}
RELATIONS = {"refers", "mimics", "entraps", "perpetuates"}
TRP_ID = re.compile(r"^[a-z0-9_]*trp[a-z0-9_]*$")  # <muscle>_trp<N> or a clear suffix


def canonical_muscle_ids(contract_text: str) -> set[str]:
    """Muscle ids listed under '## Muscle ids (canonical)', without their '(parts ...)'."""
    section = contract_text.split("## Muscle ids (canonical)", 1)[1].split("\n## ", 1)[0]
    section = re.sub(r"\([^)]*\)", "", section)
    ids: set[str] = set()
    for paragraph in section.split("\n\n"):
        match = re.match(r"\s*`[a-z_]+`:(.*)", paragraph, re.S)
        if match:
            ids.update(name.strip(" .\n") for name in match.group(1).split(","))
    return {i for i in ids if i}


def load_list(name: str) -> list[dict]:
    data = yaml.safe_load((CATALOG / name).read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{name} must be a list of records"
    return data


CONDITION_FILES = sorted((CATALOG / "conditions").glob("*.yaml"))


def load_condition(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} must be a mapping"
    return data


@pytest.fixture(scope="module")
def muscle_ids() -> set[str]:
    return canonical_muscle_ids(CONTRACT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def source_ids() -> set[str]:
    return {s["id"] for s in load_list("sources.yaml")}


def test_contract_parser_finds_the_canonical_muscles(muscle_ids: set[str]) -> None:
    # Guards the parser itself: a silent empty set would make the id check pass vacuously.
    assert len(muscle_ids) > 120
    assert {"trapezius", "supinator", "plantar_interossei_foot", "scalenus_minimus"} <= muscle_ids
    assert not any(" " in i or "(" in i for i in muscle_ids)


def test_required_sources_are_present_and_complete(source_ids: set[str]) -> None:
    assert REQUIRED_SOURCES <= source_ids
    for source in load_list("sources.yaml"):
        assert source.get("title"), source["id"]
        assert set(source) <= {"id", "title", "authors", "edition", "year", "publisher", "kind", "note"}


@pytest.mark.parametrize(("name", "required"), [("factors.yaml", REQUIRED_FACTORS),
                                                ("techniques.yaml", REQUIRED_TECHNIQUES)])
def test_vocabularies_have_required_ids_with_text_and_source(name: str, required: set[str],
                                                              source_ids: set[str]) -> None:
    records = load_list(name)
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), f"duplicate ids in {name}"
    assert required <= set(ids)
    for record in records:
        assert record.get("name") and len(record.get("description", "")) > 80, record["id"]
        assert record["source"]["ref"] in source_ids, record["id"]


def test_required_conditions_exist_and_there_are_enough() -> None:
    ids = {path.stem for path in CONDITION_FILES}
    assert REQUIRED_CONDITIONS <= ids, sorted(REQUIRED_CONDITIONS - ids)
    assert len(ids) >= 40


@pytest.mark.parametrize("path", CONDITION_FILES, ids=lambda p: p.stem)
def test_condition_file(path: Path, muscle_ids: set[str], source_ids: set[str]) -> None:
    condition = load_condition(path)
    factor_ids = {f["id"] for f in load_list("factors.yaml")}
    technique_ids = {t["id"] for t in load_list("techniques.yaml")}
    assert condition["id"] == path.stem
    assert condition.get("name")
    assert len(condition.get("description", "")) > 60
    assert condition.get("red_flags") and all(isinstance(f, str) and f for f in condition["red_flags"])
    assert condition["source"]["ref"] in source_ids
    links = condition.get("links")
    assert links, "a condition needs at least one muscle link"
    seen = set()
    for link in links:
        assert link["muscle"] in muscle_ids, link["muscle"]
        assert link["relation"] in RELATIONS, link
        assert link.get("note"), link["muscle"]
        assert (link["muscle"], link["relation"]) not in seen, f"duplicate link {link['muscle']}"
        seen.add((link["muscle"], link["relation"]))
        for trp in link.get("trigger_points", []):
            assert TRP_ID.match(trp) and trp.startswith(link["muscle"] + "_"), trp
    assert set(condition.get("factors", [])) <= factor_ids
    assert set(condition.get("techniques", [])) <= technique_ids
    allowed = {"id", "name", "description", "red_flags", "differentials", "links", "factors", "techniques", "source"}
    assert set(condition) <= allowed, set(condition) - allowed
