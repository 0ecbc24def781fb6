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
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from app.catalog.compile_derived import derived_rows
from app.catalog.compile_trigger_points import TriggerPointCompiler, cited, stored_shape, wkb
from app.catalog.nerves_compile import check_nerve_sources, nerve_rows
from app.catalog.schema import MuscleSource
from app.catalog.sources import CatalogError, CatalogSources, load_sources
from app.catalog.validate import validate
from app.domain.atlas import Atlas, load_atlas
from app.domain.cell_grid import CELL_MM, LABEL_CELL_MM, CellGrid, label_grid, pack_cells, pack_labels
from app.storage import catalog_models as t
from app.storage.catalog_reader import open_catalog_reader
from app.storage import nerve_models as _nerve_tables  # noqa: F401  (registers the nerve tables on CatalogBase)


@dataclass(frozen=True)
class CompileReport:
    muscles: int
    trigger_points: int
    conditions: int
    zones: int
    placements: int


class _Compiler:
    def __init__(self, sources: CatalogSources, atlas: Atlas) -> None:
        self.sources = sources
        self.atlas = atlas
        self.rows: list[t.CatalogBase] = []
        self.grids = {name: CellGrid(v.width, v.height) for name, v in atlas.views.items()}
        self.trigger_points = TriggerPointCompiler(
            atlas, self.grids, lambda muscle_id: str(sources.muscle_files.get(muscle_id, muscle_id)))

    @property
    def problems(self) -> list[str]:
        return self.trigger_points.problems

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
                                            red_flags=list(condition.red_flags), differentials=list(condition.differentials),
                                            factors=list(condition.factors),
                                            techniques=list(condition.techniques), **cited(condition.source)))
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
                                       layers=list(view.layers), outline=wkb(outline)))
            for key, (x, y) in sorted(view.landmarks.items()):
                self.rows.append(t.LandmarkRow(view=name, name=key, x=round(x, 1), y=round(y, 1)))
        for r in self.atlas.regions:
            self.rows.append(t.RegionRow(view=r.view, layer=r.layer, key=r.key, kind=r.kind, ref=r.ref, part=r.part,
                                         side=r.side, geometry=wkb(r.geometry)))
        self._label_grids()
        for a in self.atlas.skin_areas:
            # At the skin SVGs' own 0.01 mm: rounding to 0.1 mm turned gentle slopes of the smoothed
            # borders into exactly vertical or horizontal little steps (8.3 % -> 8.9 % in straight runs).
            stored = stored_shape(a.geometry, 0.01)
            self.rows.append(t.SkinAreaRow(view=a.view, slug=a.slug, side=a.side, geometry=wkb(stored, 0.01),
                                           cells=pack_cells(self.grids[a.view].cells_of(stored))))

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
                                     insertion=m.attachments.insertion, **cited(m.source)))
        for position, trp in enumerate(m.trigger_points):
            self.rows.extend(self.trigger_points.rows(m, trp, position))


def compile_catalog(sources_dir: Path, assets_dir: Path, out_path: Path) -> CompileReport:
    """Validate and compile; raises CatalogError listing every problem, writing nothing."""
    sources = load_sources(sources_dir)
    problems = validate(sources, complete=True)
    if problems:
        raise CatalogError(problems)
    compiler = _Compiler(sources, load_atlas(assets_dir))
    compiler.run()
    if sources.nerves is not None:  # the nerve layer (nerves_compile.py)
        nerve_problems = check_nerve_sources(sources.nerves, {m.id for m in sources.muscles},
                                             {w.id for w in sources.works})
        compiler.rows.extend(nerve_rows(sources.nerves, compiler.atlas, nerve_problems))
        compiler.problems.extend(nerve_problems)
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
            # What commands would compute from geometry, computed from the rows just written.
            reader = open_catalog_reader(Path(tmp_name))
            try:
                session.add_all(derived_rows(reader))
            finally:
                reader.close()
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
