"""A temporary catalog with a nerve layer of its own (the mini catalog plus one dermatome and one
cutaneous nerve drawn on its skin bands), so the window's nerve features can be checked to read the
catalog they were given, not the shipped one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

LEE = {"ref": "lee_2008", "chapter": "An evidence-based approach to human dermatomes"}


def write_nerve_sources(catalog: Path) -> None:
    nerves = catalog / "nerves"
    (nerves / "roots").mkdir(parents=True)
    (nerves / "peripheral").mkdir()
    (nerves / "sources.yaml").write_text(yaml.safe_dump([
        {"id": "lee_2008", "title": "An evidence-based approach to human dermatomes", "kind": "article"},
        {"id": "isncsci_2019", "title": "ISNCSCI", "kind": "standard"}]))
    (nerves / "roots" / "C5.yaml").write_text(yaml.safe_dump({
        "id": "C5", "name": "C5 dermatome", "level": "cervical", "zone": [{"area": "lateral_epicondyle"}],
        "key_sensory_point": {"text": "Lateral side of the elbow.", "at": {"landmark": "lateral_epicondyle"}},
        "key_muscle": {"text": "Test key muscle", "muscles": ["supinator"]}, "reflex": "Test reflex",
        "note": "Test dermatome on the elbow band.", "source": LEE, "key_source": {"ref": "isncsci_2019"}}))
    (nerves / "peripheral" / "forearm_cutaneous.yaml").write_text(yaml.safe_dump({
        "id": "forearm_cutaneous", "name": "Forearm cutaneous nerve", "roots": ["C5"], "region": "upper_limb",
        "zone": [{"area": "dorsal_forearm"}], "description": "Test nerve over the forearm band.",
        "source": {"ref": "tsm1"}}))


@pytest.fixture(scope="session")
def nerve_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from app.catalog.compile import compile_catalog
    from tests.support.mini_catalog import write_atlas, write_sources

    root = tmp_path_factory.mktemp("mini_nerves")
    write_atlas(root / "assets")
    write_sources(root / "catalog")
    write_nerve_sources(root / "catalog")
    compile_catalog(root / "catalog", root / "assets", root / "trigger_points.db")
    return root / "trigger_points.db"


@pytest.fixture()
def nerve_window(nerve_catalog: Path, monkeypatch: pytest.MonkeyPatch, qtbot):
    """The explorer on the temporary nerve catalog and its atlas."""
    monkeypatch.setenv("TPX_ASSETS_DIR", str(nerve_catalog.parent / "assets"))
    from app.services.catalog_service import CatalogService
    from app.ui.main_window import MainWindow

    window = MainWindow(CatalogService.open(nerve_catalog))
    qtbot.addWidget(window)
    window.resize(1100, 800)
    window.show()
    qtbot.waitExposed(window)
    window.body_map.fit()
    return window
