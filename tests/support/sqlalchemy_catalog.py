"""The compiled catalog read through SQLAlchemy and the catalog's table models: a second,
independent reading that the tests hold the app's sqlite3 reader (app/storage/catalog_reader.py)
against, method by method.  The app itself reads with the sqlite3 reader only (it starts faster
without SQLAlchemy)."""

from __future__ import annotations

from pathlib import Path

import shapely
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from app.domain.cell_grid import unpack_cells
from app.domain.model import (
    Condition, ConditionLink, Muscle, Placement, Region, SkinArea, SourceCitation, Term, TriggerPoint, ZoneShape,
)
from app.storage import catalog_models as t


from app.storage.catalog_errors import CatalogUnavailable  # noqa: E402


def open_catalog_engine(path: Path) -> Engine:
    if not path.is_file():
        raise CatalogUnavailable(f"catalog database not found: {path} (run `tpx build-catalog`)")
    engine = create_engine(f"sqlite:///file:{path.resolve()}?mode=ro&uri=true")

    @event.listens_for(engine, "connect")
    def _read_only(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA query_only = ON")

    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM muscles").scalar()
    except DatabaseError as exc:
        raise CatalogUnavailable(f"catalog database {path} is unreadable: {exc.orig}") from exc
    return engine


class CatalogRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._titles: dict[str, str] | None = None

    def _session(self) -> Session:
        return Session(self._engine)

    def _citation(self, row: t.MuscleRow | t.TriggerPointRow | t.ConditionRow) -> SourceCitation:
        if self._titles is None:
            with self._session() as s:
                self._titles = {r.id: r.title for r in s.scalars(select(t.SourceRow))}
        return SourceCitation(row.source_ref, self._titles.get(row.source_ref, row.source_ref),
                              row.source_chapter, row.source_pages, row.source_note)

    def meta(self, key: str) -> str | None:
        with self._session() as s:
            row = s.get(t.MetaRow, key)
            return row.value if row else None

    # Views and geometry --------------------------------------------------------------------
    def views(self) -> list[tuple[str, float, float, tuple[str, ...], shapely.Geometry]]:
        with self._session() as s:
            rows = s.scalars(select(t.ViewRow).order_by(t.ViewRow.position)).all()
            return [(r.name, r.width, r.height, tuple(r.layers), shapely.from_wkb(r.outline)) for r in rows]

    def label_grids(self) -> list[tuple[str, str, float, bytes]]:
        with self._session() as s:
            return [(r.view, r.layer, r.cell_mm, r.labels) for r in s.scalars(select(t.LabelGridRow))]

    def landmarks(self) -> dict[str, dict[str, tuple[float, float]]]:
        out: dict[str, dict[str, tuple[float, float]]] = {}
        with self._session() as s:
            for r in s.scalars(select(t.LandmarkRow)):
                out.setdefault(r.view, {})[r.name] = (r.x, r.y)
        return out

    def regions(self) -> list[Region]:
        with self._session() as s:
            rows = s.execute(select(t.RegionRow.view, t.RegionRow.layer, t.RegionRow.kind, t.RegionRow.ref,
                                    t.RegionRow.part, t.RegionRow.side, t.RegionRow.geometry)
                             .order_by(t.RegionRow.view, t.RegionRow.layer, t.RegionRow.key)).all()
        geoms = shapely.from_wkb([r[6] for r in rows])
        return [Region(r[0], r[1], r[2], r[3], r[4], r[5], g) for r, g in zip(rows, geoms)]

    def skin_areas(self) -> list[SkinArea]:
        with self._session() as s:
            rows = s.execute(select(t.SkinAreaRow.view, t.SkinAreaRow.slug, t.SkinAreaRow.side,
                                    t.SkinAreaRow.geometry, t.SkinAreaRow.cells)
                             .order_by(t.SkinAreaRow.view, t.SkinAreaRow.slug, t.SkinAreaRow.side)).all()
        geoms = shapely.from_wkb([r[3] for r in rows])
        return [SkinArea(r[0], r[1], r[2], g, unpack_cells(r[4])) for r, g in zip(rows, geoms)]

    def zones(self, trp_ids: list[str] | None = None, *, with_cells: bool = False,
              referred_pain_only: bool = False) -> list[ZoneShape]:
        """Zones of these TrPs (all when None); ``referred_pain_only`` leaves out TrPs whose
        referred phenomenon is not pain (gooseflesh, arrhythmia), as the pain ranking must."""
        columns = [t.ZoneRow.trp_id, t.ZoneRow.kind, t.ZoneRow.view, t.ZoneRow.side, t.ZoneRow.geometry]
        query = select(*columns, t.ZoneRow.cells) if with_cells else select(*columns)
        if trp_ids is not None:
            query = query.where(t.ZoneRow.trp_id.in_(trp_ids))
        if referred_pain_only:
            pain = select(t.TriggerPointRow.id).where(t.TriggerPointRow.phenomenon == "pain")
            query = query.where(t.ZoneRow.trp_id.in_(pain))
        with self._session() as s:
            rows = s.execute(query.order_by(t.ZoneRow.trp_id, t.ZoneRow.kind, t.ZoneRow.view, t.ZoneRow.side)).all()
        geoms = shapely.from_wkb([r[4] for r in rows]) if rows else []
        return [ZoneShape(r[0], r[1], r[2], r[3], g, unpack_cells(r[5]) if with_cells else None)
                for r, g in zip(rows, geoms)]

    def placements(self, trp_ids: list[str]) -> dict[str, list[Placement]]:
        out: dict[str, list[Placement]] = {}
        with self._session() as s:
            rows = s.scalars(select(t.PlacementRow).where(t.PlacementRow.trp_id.in_(trp_ids))
                             .order_by(t.PlacementRow.trp_id, t.PlacementRow.view, t.PlacementRow.side))
            for r in rows:
                out.setdefault(r.trp_id, []).append(Placement(r.view, r.side, r.layer, r.x, r.y))
        return out

    def trp_index(self) -> list[tuple[str, str, str]]:
        """(trp id, muscle id, prevalence) for every trigger point."""
        with self._session() as s:
            return [tuple(r) for r in s.execute(select(t.TriggerPointRow.id, t.TriggerPointRow.muscle_id,
                                                       t.TriggerPointRow.prevalence))]

    # Records --------------------------------------------------------------------------------
    def _trigger_point(self, r: t.TriggerPointRow) -> TriggerPoint:
        return TriggerPoint(
            id=r.id, muscle_id=r.muscle_id, label=r.label, part=r.part, prevalence=r.prevalence,
            location_text=r.location_text, essential_text=r.essential_text, spillover_text=r.spillover_text,
            symptoms=tuple(r.symptoms), perpetuating=tuple((f, n) for f, n in r.perpetuating),
            associated=tuple(r.associated), entrapment=tuple(r.entrapment), differential=tuple(r.differential),
            treatment=dict(r.treatment), source=self._citation(r), phenomenon=r.phenomenon, inferred=r.inferred)

    def _muscle(self, r: t.MuscleRow, trps: list[t.TriggerPointRow]) -> Muscle:
        return Muscle(
            id=r.id, name=r.name, latin=r.latin, region=r.region, layer=r.layer, parts=tuple(r.parts),
            nerve=r.nerve, roots=tuple(r.roots), actions=tuple(r.actions), origin=r.origin, insertion=r.insertion,
            source=self._citation(r), trigger_points=tuple(self._trigger_point(x) for x in trps))

    def muscles(self) -> list[Muscle]:
        with self._session() as s:
            trps: dict[str, list[t.TriggerPointRow]] = {}
            for row in s.scalars(select(t.TriggerPointRow).order_by(t.TriggerPointRow.muscle_id,
                                                                    t.TriggerPointRow.position)):
                trps.setdefault(row.muscle_id, []).append(row)
            return [self._muscle(m, trps.get(m.id, [])) for m in s.scalars(select(t.MuscleRow).order_by(t.MuscleRow.name))]

    def conditions(self) -> list[Condition]:
        with self._session() as s:
            links: dict[str, list[ConditionLink]] = {}
            for l in s.scalars(select(t.ConditionLinkRow).order_by(t.ConditionLinkRow.condition_id,
                                                                   t.ConditionLinkRow.rank)):
                links.setdefault(l.condition_id, []).append(
                    ConditionLink(l.condition_id, l.muscle_id, l.relation, l.note, tuple(l.trigger_point_ids), l.rank))
            return [
                Condition(c.id, c.name, c.description, tuple(c.red_flags), tuple(c.factors), tuple(c.techniques),
                          self._citation(c), tuple(links.get(c.id, [])), tuple(c.differentials))
                for c in s.scalars(select(t.ConditionRow).order_by(t.ConditionRow.name))
            ]

    def terms(self, kind: str) -> list[Term]:
        with self._session() as s:
            return [Term(r.id, r.name, r.description)
                    for r in s.scalars(select(t.TermRow).where(t.TermRow.kind == kind).order_by(t.TermRow.id))]

    def sources(self) -> list[t.SourceRow]:
        with self._session() as s:
            return list(s.scalars(select(t.SourceRow).order_by(t.SourceRow.id)))

    def bones(self) -> dict[str, str]:
        with self._session() as s:
            return {r.id: r.name for r in s.scalars(select(t.BoneRow))}
