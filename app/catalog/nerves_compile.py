"""Load, check and compile the nerve sources (data/catalog/nerves) into catalog rows.

Territories use the catalog's zone language (zones.py), so a dermatome is drawn exactly as a
referral zone is: skin areas, bands, disks and curves anchored to the atlas landmarks.  Key
sensory points are points in the same language, placed on every view where they resolve.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import shapely

from app.catalog.compile_trigger_points import SIDES, wkb
from app.catalog.nerves_schema import NerveSource, RootSource
from app.catalog.schema import SourceWork
from app.catalog.zones import ZONE_PRECISION_MM, resolve_point, zone_geometry
from app.domain.atlas import Atlas
from app.domain.nerves import ROOT_ORDER
from app.storage import nerve_models as n
from app.storage.catalog_models import CatalogBase

KEY_POINT_OUTSIDE_MM = 3.0  # a key sensory point further than this outside the body outline is not drawn


@dataclass
class NerveSources:
    roots: list[RootSource] = field(default_factory=list)
    nerves: list[NerveSource] = field(default_factory=list)
    works: list[SourceWork] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # record id -> its file


def load_nerve_sources(root: Path, problems: list[str]) -> NerveSources:
    """Read data/catalog/nerves (``root`` is data/catalog); problems are appended, one per line."""
    from app.catalog.sources import _parse, _parse_list, _read_yaml

    out = NerveSources()
    base = root / "nerves"
    for folder, model, target in (("roots", RootSource, out.roots), ("peripheral", NerveSource, out.nerves)):
        for path in sorted((base / folder).glob("*.yaml")):
            data = _read_yaml(path, problems)
            record = _parse(model, data, path, problems) if data is not None else None
            if record is None:
                continue
            if path.stem != record.id:
                problems.append(f"{path}: the file name must be the record id '{record.id}'")
            target.append(record)
            out.files[record.id] = path
    out.works = _parse_list(SourceWork, base / "sources.yaml", problems)
    return out


def check_nerve_sources(nerves: NerveSources, muscle_ids: set[str], work_ids: set[str]) -> list[str]:
    """Cross-record problems: unknown muscles, roots or works."""
    problems: list[str] = []
    works = work_ids | {w.id for w in nerves.works}
    for r in nerves.roots:
        where = nerves.files.get(r.id, r.id)
        for muscle in r.key_muscle.muscles if r.key_muscle else []:
            if muscle not in muscle_ids:
                problems.append(f"{where}: key muscle '{muscle}' is not a catalog muscle id")
        for ref in (r.source.ref, r.key_source.ref):
            if ref not in works:
                problems.append(f"{where}: source '{ref}' is not in sources.yaml")
    known_roots = {r.id for r in nerves.roots}
    for nerve in nerves.nerves:
        where = nerves.files.get(nerve.id, nerve.id)
        problems += [f"{where}: root '{x}' has no dermatome file" for x in nerve.roots if x not in known_roots]
        problems += [f"{where}: entrapment muscle '{e.muscle}' is not a catalog muscle id"
                     for e in nerve.entrapments if e.muscle is not None and e.muscle not in muscle_ids]
        if nerve.source.ref not in works:
            problems.append(f"{where}: source '{nerve.source.ref}' is not in sources.yaml")
    return problems


def nerve_rows(nerves: NerveSources, atlas: Atlas, problems: list[str]) -> list[CatalogBase]:
    """Every row of the nerve tables; a territory that draws nothing anywhere is a problem."""
    rows: list[CatalogBase] = []
    for w in nerves.works:
        authors = ", ".join(w.authors) if isinstance(w.authors, list) else w.authors
        rows.append(n.NerveSourceRow(id=w.id, title=w.title, authors=authors, year=None if w.year is None else str(w.year),
                                     publisher=w.publisher, kind=w.kind, note=w.note))
    for r in sorted(nerves.roots, key=lambda r: ROOT_ORDER.index(r.id)):
        rows.append(n.RootRow(
            id=r.id, position=ROOT_ORDER.index(r.id), name=r.name, level=r.level, key_point_text=r.key_sensory_point.text,
            key_muscle_text=r.key_muscle.text if r.key_muscle else None,
            key_muscles=list(r.key_muscle.muscles) if r.key_muscle else [], reflex=r.reflex, note=r.note,
            source_ref=r.source.ref, source_chapter=r.source.chapter, key_source_ref=r.key_source.ref))
        key = r.key_sensory_point
        for view in atlas.views:
            if key.views is not None and view not in key.views:
                continue  # that surface is not seen on this view
            for side in SIDES:
                point = resolve_point(atlas, view, side, key.at)
                if point is None or (view.endswith("_lateral") and not view.startswith(side)):
                    continue  # not visible, or the far side in a lateral view
                outline = atlas.outlines.get(view)
                if outline is not None and outline.distance(shapely.Point(point)) > KEY_POINT_OUTSIDE_MM:
                    continue  # seen under Xvfb: T10's point floated beside the body on the lateral views
                rows.append(n.RootKeyPointRow(root_id=r.id, view=view, side=side, x=round(point[0], 1),
                                              y=round(point[1], 1)))
        rows += _territories("root", r.id, r.zone, atlas, problems, str(nerves.files.get(r.id, r.id)))
    for nerve in sorted(nerves.nerves, key=lambda x: x.id):
        rows.append(n.PeripheralNerveRow(id=nerve.id, name=nerve.name, roots=list(nerve.roots), region=nerve.region,
                                         description=nerve.description, source_ref=nerve.source.ref,
                                         source_chapter=nerve.source.chapter))
        rows += [n.EntrapmentRow(nerve_id=nerve.id, rank=i, site=e.site, muscle_id=e.muscle, note=e.note)
                 for i, e in enumerate(nerve.entrapments)]
        rows += _territories("nerve", nerve.id, nerve.zone, atlas, problems, str(nerves.files.get(nerve.id, nerve.id)))
    return rows


def _territories(kind: str, ref: str, zone: list, atlas: Atlas, problems: list[str], where: str) -> list[CatalogBase]:
    rows: list[CatalogBase] = []
    for view in atlas.views:
        for side in SIDES:
            geometry = zone_geometry(atlas, view, side, zone)
            if not geometry.is_empty:
                rows.append(n.TerritoryRow(kind=kind, ref=ref, view=view, side=side,
                                           geometry=wkb(geometry, ZONE_PRECISION_MM)))
    if not rows:
        problems.append(f"{where}: the zone draws nothing on any view")
    return rows
