"""The nerve tables of the shipped catalog read by app/storage/nerve_repository.py, held against an
independent SQLAlchemy reading through the table models (app/storage/nerve_models.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import shapely
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.nerves import Entrapment, Nerve, Root
from app.paths import catalog_db_path
from app.storage import catalog_models, nerve_models as n
from app.storage.catalog_errors import CatalogUnavailable
from app.storage.nerve_repository import NerveRepository
from tests.support.sqlalchemy_catalog import open_catalog_engine


@pytest.fixture(scope="module")
def repository() -> NerveRepository:
    return NerveRepository.open(catalog_db_path())


@pytest.fixture(scope="module")
def session() -> Session:
    return Session(open_catalog_engine(catalog_db_path()))


def test_roots_cranial_to_caudal_with_every_field(repository: NerveRepository, session: Session) -> None:
    rows = session.scalars(select(n.RootRow).order_by(n.RootRow.position)).all()
    expected = [Root(r.id, r.name, r.level, r.key_point_text, r.key_muscle_text, tuple(r.key_muscles), r.reflex,
                     r.note, r.source_ref, r.source_chapter, r.key_source_ref) for r in rows]
    roots = repository.roots()
    assert roots == expected and len(roots) >= 20
    ids = [r.id for r in roots]
    assert ids.index("C5") < ids.index("C6") < ids.index("L4") < ids.index("S1")


def test_nerves_with_their_entrapment_sites_in_rank_order(repository: NerveRepository, session: Session) -> None:
    sites: dict[str, list[Entrapment]] = {}
    for r in session.scalars(select(n.EntrapmentRow).order_by(n.EntrapmentRow.nerve_id, n.EntrapmentRow.rank)):
        sites.setdefault(r.nerve_id, []).append(Entrapment(r.site, r.muscle_id, r.note))
    expected = [Nerve(r.id, r.name, tuple(r.roots), r.region, r.description, tuple(sites.get(r.id, ())),
                      r.source_ref, r.source_chapter)
                for r in session.scalars(select(n.PeripheralNerveRow).order_by(n.PeripheralNerveRow.id))]
    nerves = repository.nerves()
    assert nerves == expected
    assert sum(len(x.entrapments) > 1 for x in nerves) >= 3  # the rank order is really tested
    assert any(not x.entrapments for x in nerves) or len(nerves) == len(sites)


def test_key_points_and_territories(repository: NerveRepository, session: Session) -> None:
    points: dict[str, list[tuple[str, str, float, float]]] = {}
    for r in session.scalars(select(n.RootKeyPointRow).order_by(
            n.RootKeyPointRow.root_id, n.RootKeyPointRow.view, n.RootKeyPointRow.side)):
        points.setdefault(r.root_id, []).append((r.view, r.side, r.x, r.y))
    assert repository.key_points() == points and points
    rows = session.scalars(select(n.TerritoryRow).order_by(
        n.TerritoryRow.kind, n.TerritoryRow.ref, n.TerritoryRow.view, n.TerritoryRow.side)).all()
    territories = repository.territories()
    assert [(t.kind, t.ref, t.view, t.side) for t in territories] == [(r.kind, r.ref, r.view, r.side) for r in rows]
    assert all(shapely.to_wkb(t.geometry) == r.geometry or shapely.equals(t.geometry, shapely.from_wkb(r.geometry))
               for t, r in zip(territories, rows))
    assert {t.kind for t in territories} == {"root", "nerve"}


def test_source_titles_cover_the_catalog_and_the_nerve_works(repository: NerveRepository, session: Session) -> None:
    titles = repository.source_titles()
    catalog = {r.id: r.title for r in session.scalars(select(catalog_models.SourceRow))}
    nerve = {r.id: r.title for r in session.scalars(select(n.NerveSourceRow))}
    assert catalog and nerve
    assert titles == {**catalog, **nerve}
    assert {r.key_source_ref for r in repository.roots()} <= set(titles)


def test_a_catalog_without_nerve_tables_or_missing_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    with pytest.raises(CatalogUnavailable) as gone:
        NerveRepository.open(missing)
    assert str(gone.value) == f"catalog database not found: {missing} (run `tpx build-catalog`)"
    old = tmp_path / "old.db"
    sqlite3.connect(old).execute("CREATE TABLE muscles (id)").connection.close()
    with pytest.raises(CatalogUnavailable) as stale:
        NerveRepository.open(old)
    assert str(stale.value) == (f"catalog database {old} has no nerve tables (no such table: nerve_roots): "
                                "run `tpx build-catalog`")
