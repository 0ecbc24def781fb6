"""The atlas build on a tiny dataset made here: ids, occlusion, specks, layers, determinism."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("rasterio")
pytest.importorskip("scipy")

from shapely.geometry import Point  # noqa: E402

from app.atlas_builder.build import build_atlas  # noqa: E402
from app.domain.svg_geometry import path_d_to_geometry  # noqa: E402
from tests.atlas_builder.tiny_dataset import make_atlas_data, make_dataset  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}path"


def _build(tmp: Path, name: str = "out") -> Path:
    dataset = make_dataset(tmp / "dataset")
    data = make_atlas_data(tmp / "data")
    out = tmp / name
    build_atlas(dataset, out, data_dir=data, log=lambda _msg: None, with_skin_and_landmarks=False)
    return out


def _regions(svg: Path) -> dict[str, ET.Element]:
    return {el.get("id"): el for el in ET.parse(svg).getroot().iter(SVG)}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("atlas"))


def test_build_writes_one_svg_per_layer_with_contract_ids(built: Path) -> None:
    assert sorted(p.name for p in built.glob("*.svg")) == [
        "anterior_deep.svg", "anterior_middle.svg", "anterior_superficial.svg"]
    regions = _regions(built / "anterior_superficial.svg")
    assert set(regions) == {"outline", "masseter.right", "temporalis.right", "mandible.left"}
    el = regions["masseter.right"]
    assert (el.get("class"), el.get("data-ref"), el.get("data-side"), el.get("data-layer")) == (
        "muscle", "masseter", "right", "superficial")
    assert regions["mandible.left"].get("class") == "bone"
    assert (built / "atlas.json").exists() and (built / "LICENSE").exists()


def test_front_box_wins_and_patient_right_is_screen_left(built: Path) -> None:
    regions = {k: path_d_to_geometry(v.get("d")) for k, v in _regions(built / "anterior_superficial.svg").items()}
    front, back, bone = regions["masseter.right"], regions["temporalis.right"], regions["mandible.left"]
    assert front.area == pytest.approx(19 * 40, rel=0.08)
    assert back.area == pytest.approx(39 * 80 - 19 * 40, rel=0.08)
    assert front.intersection(back).area < 2.0
    assert back.centroid.x < bone.centroid.x  # the right side is drawn on the viewer's left
    assert front.centroid.y < bone.bounds[3]


def test_specks_are_absorbed_and_other_kinds_ignored(built: Path) -> None:
    regions = _regions(built / "anterior_superficial.svg")
    assert "buccinator.right" not in regions  # 2 mm tetrahedron: below the speck size
    back = path_d_to_geometry(regions["temporalis.right"].get("d"))
    minx, _miny, _maxx, maxy = back.bounds
    assert back.contains(Point(minx + 10, maxy - 10))  # where the speck was: 10 mm in from the corner
    # The fascia sheet in front of everything (kind "other") hides nothing.
    assert "masseter.right" in regions


def test_deeper_layer_peels_the_superficial_muscle(built: Path) -> None:
    middle = _regions(built / "anterior_middle.svg")
    assert "masseter.right" not in middle
    back = path_d_to_geometry(middle["temporalis.right"].get("d"))
    assert back.area == pytest.approx(39 * 80, rel=0.08)
    assert back.contains(Point(back.centroid.x, back.centroid.y))


def test_outline_holds_every_region(built: Path) -> None:
    regions = {k: path_d_to_geometry(v.get("d")) for k, v in _regions(built / "anterior_deep.svg").items()}
    outline = regions.pop("outline")
    for geom in regions.values():
        assert geom.difference(outline).area < 1.0


def test_build_is_byte_for_byte_deterministic(tmp_path: Path, built: Path) -> None:
    again = _build(tmp_path, "again")
    names = sorted(p.name for p in built.iterdir() if p.is_file())
    assert names == sorted(p.name for p in again.iterdir() if p.is_file())
    for name in names:
        assert (built / name).read_bytes() == (again / name).read_bytes(), name


AUTHORED_YAML = """
authored:
  - ref: sternalis
    sides: [left]
    width_mm: 6
    layers: {anterior: [superficial]}
    centreline:
      - {part_of: mandible, f: [0.5, 0.2, 1.0], offset_mm: {anterior: 5}}
      - {part_of: mandible, f: [0.5, 0.8, 1.0], offset_mm: {anterior: 5}}
"""


def test_authored_band_is_drawn_on_top_and_marked(tmp_path: Path) -> None:
    dataset = make_dataset(tmp_path / "dataset")
    data = make_atlas_data(tmp_path / "data")
    (data / "authored.yaml").write_text(AUTHORED_YAML, encoding="utf-8")
    out = tmp_path / "out"
    build_atlas(dataset, out, data_dir=data, log=lambda _msg: None, with_skin_and_landmarks=False)
    regions = _regions(out / "anterior_superficial.svg")
    band = regions["sternalis.left"]
    assert band.get("data-authored") == "true" and band.get("class") == "muscle"
    geom = path_d_to_geometry(band.get("d"))
    assert geom.area == pytest.approx(6 * 48 + 3.14159 * 9, rel=0.1)  # 80 mm tall box: 0.2..0.8 -> 48 mm
    bone = path_d_to_geometry(regions["mandible.left"].get("d"))
    assert bone.intersection(geom).area < 1.0
    assert bone.area == pytest.approx(39 * 80 - geom.area, rel=0.05)
    assert "sternalis.left" not in _regions(out / "anterior_middle.svg")
