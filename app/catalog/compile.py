"""`tpx build-catalog`: compile the YAML sources and the atlas into data/trigger_points.db.

The database is written to a temporary file next to the target and moved into place only
when complete, so an interrupted build never leaves a half-written catalog behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from app.catalog.schema import MuscleSource, SourceRef, TriggerPointSource
from app.catalog.sources import CatalogError, CatalogSources, load_sources
from app.catalog.validate import validate
from app.catalog.zones import describe_zone, resolve_point, zone_geometry
from app.domain.atlas import Atlas, load_atlas
from app.domain.cell_grid import CELL_MM, LABEL_CELL_MM, CellGrid, label_grid, pack_cells, pack_labels
from app.storage import catalog_models as t

PLACEMENT_TOLERANCE_MM = 20.0
SIDES = ("right", "left")


@dataclass(frozen=True)
class CompileReport:
    muscles: int
    trigger_points: int
    conditions: int
    zones: int
    placements: int


def _wkb(geometry: BaseGeometry) -> bytes:
    return shapely.to_wkb(shapely.set_precision(geometry, 0.1), output_dimension=2)


def _cited(ref: SourceRef) -> dict[str, str | None]:
    return {"source_ref": ref.ref, "source_chapter": ref.chapter, "source_pages": ref.pages, "source_note": ref.note}


class _Compiler:
    def __init__(self, sources: CatalogSources, atlas: Atlas) -> None:
        self.sources = sources
        self.atlas = atlas
        self.problems: list[str] = []
        self.rows: list[t.CatalogBase] = []
        # (view, ref, side) -> [(layer, geometry)] to check that a TrP lies on its muscle
        self.muscle_shapes: dict[tuple[str, str, str], list[tuple[str, BaseGeometry]]] = defaultdict(list)
        self.drawn_muscles = {r.ref for r in atlas.regions if r.kind == "muscle"}
        self.grids = {name: CellGrid(v.width, v.height) for name, v in atlas.views.items()}
        for region in atlas.regions:
            if region.kind == "muscle":
                self.muscle_shapes[(region.view, region.ref, region.side)].append((region.layer, region.geometry))

    def run(self) -> None:
        self._atlas_rows()
        for work in self.sources.works:
            authors = ", ".join(work.authors) if isinstance(work.authors, list) else work.authors
            self.rows.append(t.SourceRow(id=work.id, title=work.title, authors=authors, edition=work.edition,
                                         year=None if work.year is None else str(work.year),
                                         publisher=work.publisher, kind=work.kind, note=work.note))
        for kind, terms in (("factor", self.sources.factors), ("technique", self.sources.techniques)):
            for term in terms:
                self.rows.append(t.TermRow(kind=kind, id=term.id, name=term.name, description=term.description,
                                           source_ref=term.source.ref if term.source else None))
        for bone in self.sources.bones:
            self.rows.append(t.BoneRow(id=str(bone["id"]), name=str(bone.get("name", bone["id"])),
                                       latin=bone.get("latin")))
        for muscle in sorted(self.sources.muscles, key=lambda m: m.id):
            self._muscle(muscle)
        for condition in sorted(self.sources.conditions, key=lambda c: c.id):
            self.rows.append(t.ConditionRow(id=condition.id, name=condition.name, description=condition.description,
                                            red_flags=list(condition.red_flags), factors=list(condition.factors),
                                            techniques=list(condition.techniques), **_cited(condition.source)))
            for rank, link in enumerate(condition.links):
                self.rows.append(t.ConditionLinkRow(condition_id=condition.id, rank=rank, muscle_id=link.muscle,
                                                    relation=link.relation, note=link.note,
                                                    trigger_point_ids=list(link.trigger_points)))

    def _atlas_rows(self) -> None:
        self.rows.append(t.MetaRow(key="attribution", value=json.dumps(self.atlas.attribution)))
        self.rows.append(t.MetaRow(key="cell_mm", value=str(CELL_MM)))
        for position, (name, view) in enumerate(self.atlas.views.items()):
            outline = self.atlas.outlines.get(name, shapely.Polygon())
            self.rows.append(t.ViewRow(name=name, position=position, width=view.width, height=view.height,
                                       layers=list(view.layers), outline=_wkb(outline)))
            for key, (x, y) in sorted(view.landmarks.items()):
                self.rows.append(t.LandmarkRow(view=name, name=key, x=round(x, 1), y=round(y, 1)))
        for r in self.atlas.regions:
            self.rows.append(t.RegionRow(view=r.view, layer=r.layer, key=r.key, kind=r.kind, ref=r.ref, part=r.part,
                                         side=r.side, geometry=_wkb(r.geometry)))
        self._label_grids()
        for a in self.atlas.skin_areas:
            self.rows.append(t.SkinAreaRow(view=a.view, slug=a.slug, side=a.side, geometry=_wkb(a.geometry),
                                           cells=pack_cells(self.grids[a.view].cells_of(a.geometry))))

    def _label_grids(self) -> None:
        # Same orders as the repository reads them back: regions by key, skin areas by (slug, side).
        layers: dict[tuple[str, str], list] = defaultdict(list)
        for r in self.atlas.regions:
            layers[(r.view, r.layer)].append(r)
        for a in self.atlas.skin_areas:
            layers[(a.view, "skin")].append(a)
        for (view, layer), items in sorted(layers.items()):
            key = (lambda r: r.key) if layer != "skin" else (lambda a: (a.slug, a.side))
            spec = self.atlas.views[view]
            grid = CellGrid(spec.width, spec.height, LABEL_CELL_MM)
            labels = label_grid(grid, [i.geometry for i in sorted(items, key=key)])
            self.rows.append(t.LabelGridRow(view=view, layer=layer, cell_mm=LABEL_CELL_MM, labels=pack_labels(labels)))

    def _muscle(self, m: MuscleSource) -> None:
        self.rows.append(t.MuscleRow(id=m.id, name=m.name, latin=m.latin, region=m.region, layer=m.layer,
                                     parts=list(m.parts), nerve=m.innervation.nerve, roots=list(m.innervation.roots),
                                     actions=list(m.actions), origin=m.attachments.origin,
                                     insertion=m.attachments.insertion, **_cited(m.source)))
        for position, trp in enumerate(m.trigger_points):
            self._trigger_point(m, trp, position)

    def _trigger_point(self, m: MuscleSource, trp: TriggerPointSource, position: int) -> None:
        self.rows.append(t.TriggerPointRow(
            id=trp.id, muscle_id=m.id, position=position, label=trp.label, part=trp.part,
            prevalence=trp.prevalence, location_text=trp.location.text,
            essential_text=describe_zone(trp.essential), spillover_text=describe_zone(trp.spillover),
            symptoms=list(trp.symptoms), perpetuating=[[p.factor, p.note] for p in trp.perpetuating],
            associated=list(trp.associated), entrapment=list(trp.entrapment), differential=list(trp.differential),
            treatment=trp.treatment.model_dump(), **_cited(trp.source)))
        placed_right = False
        zone_views: dict[str, set[str]] = {"essential": set(), "spillover": set()}
        for view in self.atlas.views:
            for side in SIDES:
                placement = self._placement(m.id, trp, view, side)
                if placement is not None:
                    self.rows.append(placement)
                    placed_right |= side == "right"
                for kind, elements in (("essential", trp.essential), ("spillover", trp.spillover)):
                    geometry = zone_geometry(self.atlas, view, side, elements)
                    if not geometry.is_empty:
                        self.rows.append(t.ZoneRow(trp_id=trp.id, kind=kind, view=view, side=side,
                                                   geometry=_wkb(geometry),
                                                   cells=pack_cells(self.grids[view].cells_of(geometry))))
                        if side == "right":
                            zone_views[kind].add(view)
        where = f"{self.sources.muscle_files.get(m.id, m.id)}: {trp.id}"
        if not placed_right:
            self.problems.append(f"{where}: location is not on the muscle in any view (check `location.at`)")
        if not zone_views["essential"] & zone_views["spillover"]:
            self.problems.append(f"{where}: essential and spillover zones do not both appear on any one view "
                                 f"(essential on {sorted(zone_views['essential'])}, "
                                 f"spillover on {sorted(zone_views['spillover'])})")

    def _placement(self, muscle_id: str, trp: TriggerPointSource, view: str, side: str) -> t.PlacementRow | None:
        same_lateral = {"right": "right_lateral", "left": "left_lateral"}[side]
        views = trp.location.views
        if views is not None and view not in views and not ("same_lateral" in views and view == same_lateral):
            return None
        point = resolve_point(self.atlas, view, side, trp.location.at)
        if point is None:
            return None
        layer: str | None = None
        if muscle_id in self.drawn_muscles:
            # Midline muscles (diaphragm, sphincters) are one region for both sides.
            shapes = self.muscle_shapes.get((view, muscle_id, side), []) + self.muscle_shapes.get(
                (view, muscle_id, "midline"), [])
            near = [lay for lay, g in shapes if g.distance(shapely.Point(point)) <= PLACEMENT_TOLERANCE_MM]
            if not near:
                return None
            layers = self.atlas.views[view].layers
            layer = min(near, key=layers.index)
        return t.PlacementRow(trp_id=trp.id, view=view, side=side, layer=layer,
                              x=round(point[0], 1), y=round(point[1], 1))


def compile_catalog(sources_dir: Path, assets_dir: Path, out_path: Path) -> CompileReport:
    """Validate and compile; raises CatalogError listing every problem, writing nothing."""
    sources = load_sources(sources_dir)
    problems = validate(sources, complete=True)
    if problems:
        raise CatalogError(problems)
    compiler = _Compiler(sources, load_atlas(assets_dir))
    compiler.run()
    if compiler.problems:
        raise CatalogError(compiler.problems)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".catalog-", suffix=".db", dir=out_path.parent)
    os.close(fd)
    try:
        engine = create_engine(f"sqlite:///{tmp_name}")
        t.CatalogBase.metadata.create_all(engine)
        with Session(engine) as session:
            session.add_all(compiler.rows)
            session.commit()
        engine.dispose()
        os.chmod(tmp_name, 0o644)  # mkstemp makes it private; the shipped catalog is public data
        os.replace(tmp_name, out_path)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    count = lambda cls: sum(isinstance(r, cls) for r in compiler.rows)  # noqa: E731
    return CompileReport(count(t.MuscleRow), count(t.TriggerPointRow), count(t.ConditionRow),
                         count(t.ZoneRow), count(t.PlacementRow))
