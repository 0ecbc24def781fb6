"""The committed atlas SVGs (assets/body_svgs) against the data contract."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

import pytest
import shapely
import yaml

from app.domain.svg_geometry import path_d_to_geometry
from app.paths import ASSETS_DIR, CATALOG_SOURCES_DIR, ROOT

SVG = "{http://www.w3.org/2000/svg}path"
CONTRACT = ROOT / "docs" / "catalog-format.md"
MIN_DISTINCT_MUSCLES = 120
# Deep muscles the atlas must make clickable in some view/layer.
REQUIRED_DEEP = [
    "levator_scapulae", "scalenus_anterior", "scalenus_medius", "scalenus_posterior", "scalenus_minimus",
    "medial_pterygoid", "lateral_pterygoid", "supraspinatus", "subscapularis", "rhomboid_major", "rhomboid_minor",
    "serratus_posterior_superior", "serratus_posterior_inferior", "multifidus", "quadratus_lumborum",
    "psoas_major", "iliacus", "piriformis", "superior_gemellus", "inferior_gemellus", "gluteus_minimus",
    "soleus", "tibialis_posterior", "popliteus", "supinator", "flexor_digitorum_profundus",
    "flexor_pollicis_longus", "pronator_quadratus", "extensor_indicis", "quadratus_plantae",
    "adductor_hallucis", "flexor_hallucis_brevis", "obturator_internus", "sternalis", "longus_colli",
]


def canonical_muscle_ids() -> set[str]:
    """The ids listed under 'Muscle ids (canonical)' in the contract."""
    text = CONTRACT.read_text(encoding="utf-8").split("## Muscle ids (canonical)", 1)[1]
    text = re.sub(r"\(parts [^)]*\)", "", text)
    ids = set()
    for line in re.findall(r"`[a-z_]+`:(.*?)(?:\n\n|$)", text, flags=re.S):
        ids |= {w.strip().rstrip(".") for w in line.replace("\n", " ").split(",") if w.strip()}
    return ids


def bone_ids() -> set[str]:
    return {b["id"] for b in yaml.safe_load((CATALOG_SOURCES_DIR / "bones.yaml").read_text(encoding="utf-8"))}


def atlas_meta() -> dict:
    return json.loads((ASSETS_DIR / "atlas.json").read_text(encoding="utf-8"))


def layer_files() -> list[Path]:
    meta = atlas_meta()
    return [ASSETS_DIR / f"{view}_{layer}.svg" for view, info in meta["views"].items() for layer in info["layers"]]


@lru_cache(maxsize=None)
def parsed(path: Path) -> list[tuple[dict[str, str], object]]:
    root = ET.parse(path).getroot()
    return [(dict(el.attrib), path_d_to_geometry(el.get("d", ""))) for el in root.iter(SVG)]


pytestmark = pytest.mark.skipif(not (ASSETS_DIR / "atlas.json").exists(), reason="atlas not built")


def test_contract_list_is_parsed() -> None:
    ids = canonical_muscle_ids()
    assert {"trapezius", "scalenus_minimus", "plantar_interossei_foot", "temporalis"} <= ids
    assert len(ids) >= 130


def test_atlas_json_views_and_shared_height() -> None:
    meta = atlas_meta()
    assert list(meta["views"]) == ["anterior", "posterior", "right_lateral", "left_lateral", "plantar"]
    heights = {meta["views"][v]["height"] for v in ("anterior", "posterior", "right_lateral", "left_lateral")}
    assert len(heights) == 1
    assert meta["views"]["plantar"]["layers"] == ["superficial", "deep"]
    assert len(meta["attribution"]) == 3
    assert (ASSETS_DIR / "LICENSE").exists() and (ASSETS_DIR / "LICENSES" / "CC-BY-SA-4.0.txt").exists()


@pytest.mark.parametrize("path", layer_files() if (ASSETS_DIR / "atlas.json").exists() else [], ids=lambda p: p.stem)
def test_layer_file(path: Path) -> None:
    assert path.stat().st_size < 1_000_000
    view, layer = path.stem.rsplit("_", 1)
    viewbox = ET.parse(path).getroot().get("viewBox").split()
    assert viewbox[:2] == ["0", "0"]
    info = atlas_meta()["views"][view]
    assert float(viewbox[2]) == pytest.approx(info["width"]) and float(viewbox[3]) == pytest.approx(info["height"])
    items = parsed(path)
    outlines = [g for a, g in items if a.get("class") == "outline"]
    assert len(outlines) == 1 and outlines[0].area > 0
    assert outlines[0].geom_type == "Polygon" or all(not p.interiors for p in outlines[0].geoms)
    assert not getattr(outlines[0], "interiors", [])
    outline = outlines[0].buffer(0.3)
    regions = [(a, g) for a, g in items if a.get("class") in ("muscle", "bone")]
    assert regions
    ids = [a["id"] for a, _ in regions]
    assert len(ids) == len(set(ids))
    muscles, bones = canonical_muscle_ids(), bone_ids()
    for attrs, geom in regions:
        ref, kind = attrs["data-ref"], attrs["class"]
        assert ref in (muscles if kind == "muscle" else bones), attrs["id"]
        assert attrs["data-side"] in ("left", "right", "midline") and attrs["data-layer"] == layer
        expected = ".".join(x for x in (ref, attrs.get("data-part"), attrs["data-side"]) if x)
        assert attrs["id"] == expected
        assert geom.is_valid and geom.area > 0, attrs["id"]
        assert geom.difference(outline).area < 1.0, attrs["id"]
    # Regions do not overlap (rounding to 0.1 mm leaves slivers far below 2 mm²).
    geoms = [g for _, g in regions]
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    for i, j in zip(left.tolist(), right.tolist()):
        if i < j:
            assert geoms[i].intersection(geoms[j]).area < 2.0, (ids[i], ids[j])


def _muscle_refs_by_file() -> dict[str, set[str]]:
    return {p.stem: {a["data-ref"] for a, _ in parsed(p) if a.get("class") == "muscle"} for p in layer_files()}


def test_many_distinct_muscles_are_clickable() -> None:
    refs = set().union(*_muscle_refs_by_file().values())
    print(f"distinct muscle refs across all views and layers: {len(refs)}")
    assert len(refs) >= MIN_DISTINCT_MUSCLES


@pytest.mark.parametrize("ref", REQUIRED_DEEP)
def test_deep_muscle_is_drawn_somewhere(ref: str) -> None:
    assert any(ref in refs for refs in _muscle_refs_by_file().values())


def test_authored_muscles_are_marked() -> None:
    found = [a for p in layer_files() for a, _ in parsed(p) if a.get("data-ref") in ("sternalis", "scalenus_minimus")]
    assert found and all(a.get("data-authored") == "true" for a in found)
