from __future__ import annotations

from pathlib import Path

import pytest

from app.services.catalog_service import CatalogService, CatalogUnavailable, UnknownId


def test_candidates_for_area_rank_essential_first(mini_service) -> None:
    ranked = mini_service.candidates_for_area("temple", "right")
    assert [(c.trp_id, c.zone) for c in ranked] == [("trapezius_trp1", "essential"), ("supinator_trp1", "spillover")]
    assert all(c.side == "right" for c in ranked)


def test_unknown_ids_raise_clear_errors(mini_service) -> None:
    with pytest.raises(UnknownId, match="unknown muscle id 'nope'"):
        mini_service.muscle("nope")
    with pytest.raises(UnknownId, match="skin area"):
        mini_service.candidates_for_area("nope", "right")
    with pytest.raises(UnknownId, match="unknown view"):
        mini_service.candidates_at("sideways", 0, 0)


def test_areas_list_views_per_side(mini_service) -> None:
    areas = mini_service.areas()
    assert {"id": "temple", "name": "Temple", "side": "right", "views": ["anterior", "posterior"]} in areas


def test_missing_or_corrupt_catalog_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogUnavailable, match="not found"):
        CatalogService.open(tmp_path / "none.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CatalogUnavailable, match="unreadable"):
        CatalogService.open(junk)
    assert junk.read_bytes().startswith(b"this is not")  # untouched


def test_search_and_conditions(mini_service) -> None:
    assert mini_service.search("trapezuis")[0].target_id == "trapezius"
    condition = mini_service.condition("tension_type_headache")
    assert [link.muscle_id for link in condition.links] == ["trapezius", "supinator"]
    assert mini_service.conditions_for_muscle("trapezius")[0][1] == "refers"


def _same_geometry_lists(a: list, b: list) -> None:
    """Domain objects equal field by field; geometries compared exactly (WKB), cell arrays by value."""
    import dataclasses

    import numpy as np
    import shapely

    assert len(a) == len(b)
    for x, y in zip(a, b):
        for f in dataclasses.fields(x):
            u, v = getattr(x, f.name), getattr(y, f.name)
            if isinstance(u, shapely.Geometry):
                assert shapely.to_wkb(u) == shapely.to_wkb(v), (x, f.name)
            elif isinstance(u, np.ndarray):
                assert np.array_equal(u, v), (x, f.name)
            else:
                assert u == v, (x, f.name)


def test_the_sqlite3_reader_gives_what_the_sqlalchemy_repository_gives() -> None:
    """Every read method, on the shipped catalog: a column the compiler adds and the reader does
    not map (or maps differently) fails here."""
    import shapely

    from app.paths import catalog_db_path
    from app.storage.catalog_reader import open_catalog_reader
    from tests.support.sqlalchemy_catalog import CatalogRepository, open_catalog_engine

    path = catalog_db_path()
    reader, repository = open_catalog_reader(path), CatalogRepository(open_catalog_engine(path))
    assert reader.muscles() == repository.muscles()
    assert reader.conditions() == repository.conditions()
    assert reader.trp_index() == repository.trp_index()
    assert reader.bones() == repository.bones()
    assert reader.landmarks() == repository.landmarks()
    assert reader.label_grids() == repository.label_grids()
    assert reader.meta("cell_mm") == repository.meta("cell_mm") and reader.meta("no such key") is None
    for kind in ("factor", "technique"):
        assert reader.terms(kind) == repository.terms(kind)
    assert [vars(s) for s in reader.sources()] == [
        {k: getattr(s, k) for k in vars(reader.sources()[0])} for s in repository.sources()]
    views_a, views_b = reader.views(), repository.views()
    assert [v[:4] for v in views_a] == [v[:4] for v in views_b]
    assert all(shapely.to_wkb(a[4]) == shapely.to_wkb(b[4]) for a, b in zip(views_a, views_b))
    _same_geometry_lists(reader.regions(), repository.regions())
    _same_geometry_lists(reader.skin_areas(), repository.skin_areas())
    ids = [t[0] for t in reader.trp_index()]
    for kwargs in ({}, {"with_cells": True}, {"with_cells": True, "referred_pain_only": True}):
        _same_geometry_lists(reader.zones(**kwargs), repository.zones(**kwargs))
    _same_geometry_lists(reader.zones(ids[5:9]), repository.zones(ids[5:9]))
    assert reader.placements(ids) == repository.placements(ids)
    assert reader.placements([]) == repository.placements([]) == {}


def test_catalog_commands_read_without_sqlalchemy_qt_or_the_records_stack() -> None:
    """`tpx show` and `tpx candidates --area` in a fresh interpreter: what they import."""
    import json
    import subprocess
    import sys

    code = ("import io, json, sys, contextlib\n"
            "from app.cli.main import main\n"
            "out = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n"
            "    codes = [main(['show', 'infraspinatus', '--json']), main(['candidates', '--area', 'temple', '--json'])]\n"
            "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'PySide6', 'alembic', 'psycopg',"
            " 'fsrs', 'genanki', 'pypdf', 'yaml'})\n"
            "records = sorted(m for m in sys.modules if m.startswith('app.') and any(\n"
            "    w in m for w in ('records', 'study', 'backup', 'report', '.ui')))\n"
            "print(json.dumps([codes, heavy, records]))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    codes, heavy, records = json.loads(result.stdout.strip().splitlines()[-1])
    assert codes == [0, 0]
    assert heavy == [] and records == []
