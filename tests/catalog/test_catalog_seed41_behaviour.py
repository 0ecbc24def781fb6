"""What the catalog compiler must get right that a mutation sample of app/catalog (seed 41) found
untested: key sensory points that float off the body are not drawn, the build's temporary file sits beside the target (so the final rename is atomic), and a record
of the wrong shape is named field by field."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import shapely
import yaml

from app.catalog.compile import compile_catalog
from app.catalog.nerves_compile import KEY_POINT_OUTSIDE_MM, nerve_rows
from app.catalog.sources import CatalogError, load_sources
from app.domain.atlas import load_atlas
from app.storage import nerve_models as n
from tests.support.mini_catalog import write_atlas, write_sources

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped_atlas():
    return load_atlas(ROOT / "assets" / "body_svgs")


def test_every_drawn_key_sensory_point_lies_on_the_body(shipped_atlas) -> None:
    """T10's key point floated beside the body on the lateral views (seen under Xvfb): points more
    than KEY_POINT_OUTSIDE_MM outside a view's outline are left out of that view."""
    sources = load_sources(ROOT / "data" / "catalog")
    problems: list[str] = []
    rows = [r for r in nerve_rows(sources.nerves, shipped_atlas, problems) if isinstance(r, n.RootKeyPointRow)]
    assert problems == [] and len(rows) > 60
    for row in rows:
        outline = shipped_atlas.outlines[row.view]
        assert outline.distance(shapely.Point(row.x, row.y)) <= KEY_POINT_OUTSIDE_MM + 0.1, (row.root_id, row.view)


def test_a_key_point_placed_off_the_body_is_left_out_of_the_views_where_it_floats(shipped_atlas) -> None:
    sources = load_sources(ROOT / "data" / "catalog").nerves
    c4 = next(r for r in sources.roots if r.id == "C4")
    at = c4.key_sensory_point.at.model_copy(update={"superior": 400.0})  # above the head on every view
    moved = c4.model_copy(update={"key_sensory_point": c4.key_sensory_point.model_copy(update={"at": at})})
    sources.roots = [moved if r.id == "C4" else r for r in sources.roots]
    rows = [r for r in nerve_rows(sources, shipped_atlas, []) if isinstance(r, n.RootKeyPointRow)]
    assert not [r for r in rows if r.root_id == "C4"]
    assert [r for r in rows if r.root_id == "C5"]


def test_the_build_writes_its_temporary_file_beside_the_target(tmp_path: Path, monkeypatch) -> None:
    write_atlas(tmp_path / "assets")
    write_sources(tmp_path / "catalog")
    out = tmp_path / "built" / "deeper" / "catalog.db"  # folders made as needed
    renamed: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spy(src, dst):
        renamed.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    compile_catalog(tmp_path / "catalog", tmp_path / "assets", out)
    (source, target), = [(s, d) for s, d in renamed if d == out]
    assert source.parent == out.parent  # same folder, same filesystem: the rename is atomic
    assert out.exists() and not source.exists()


def test_a_muscle_file_of_the_wrong_shape_names_each_wrong_field(tmp_path: Path) -> None:
    write_atlas(tmp_path / "assets")
    write_sources(tmp_path / "catalog")
    path = tmp_path / "catalog" / "muscles" / "forearm_hand" / "supinator.yaml"
    data = yaml.safe_load(path.read_text())
    data["trigger_points"][0]["prevalence"] = "sometimes"
    data["layer"] = 7
    path.write_text(yaml.safe_dump(data))
    problems = load_sources(tmp_path / "catalog").problems
    (line,) = [p for p in problems if str(path) in p]
    assert line == (f"{path}: layer: Input should be 'superficial', 'middle' or 'deep'; "
                    "trigger_points.0.prevalence: Input should be 'very_common', 'common', 'occasional' or 'rare'")
    with pytest.raises(CatalogError):
        compile_catalog(tmp_path / "catalog", tmp_path / "assets", tmp_path / "out.db")


@pytest.mark.parametrize(("relative", "content", "words"), [
    ("muscles/forearm_hand/supinator.yaml", "id: [unclosed\n  - bracket", "cannot read YAML"),
    ("muscles/forearm_hand/supinator.yaml", "- a list\n- not a muscle\n", "Input should be"),
], ids=["broken YAML", "a list, not a record"])
def test_a_file_that_is_not_a_record_is_named_in_one_line(tmp_path: Path, relative: str, content: str,
                                                          words: str) -> None:
    write_sources(tmp_path / "catalog")
    path = tmp_path / "catalog" / relative
    path.write_text(content)
    (line,) = [p for p in load_sources(tmp_path / "catalog").problems if str(path) in p]
    assert words in line and "\n" not in line and "None" not in line


def test_a_broken_nerve_file_is_named_in_one_line() -> None:
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "catalog"
        shutil.copytree(ROOT / "data" / "catalog", root)
        broken = sorted((root / "nerves").rglob("*.yaml"))[0]
        broken.write_text("id: [unclosed\n  - bracket")
        problems = load_sources(root).problems
    assert any(str(broken) in p and "cannot read YAML" in p for p in problems), problems[:3]
