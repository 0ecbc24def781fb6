"""Read the compiled catalog with the standard library's sqlite3: what the app and the CLI use.

The catalog is read-only, a fixed schema written by `tpx build-catalog` (the SQLAlchemy models
in catalog_models.py define it).  Reading it through SQLAlchemy cost a third of a second of
imports before the first row -- more than `tpx show` may take in all -- so reads go straight to
sqlite3 and give the same domain objects as an independent SQLAlchemy reading
(tests/support/sqlalchemy_catalog.py; a test compares every method).  shapely and numpy are
imported only by the methods that return geometry or cells: `tpx show` reads records and the
compiler's precomputed overlaps without them.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.model import (
    Condition, ConditionLink, Muscle, Placement, Region, SkinArea, SourceCitation, Term, TriggerPoint, ZoneShape,
)
from app.storage.catalog_errors import CatalogUnavailable

if TYPE_CHECKING:
    import shapely

    from app.domain.packed_zone import PackedZone

_ZONES_PER_PAUSE = 100  # ~3 ms of reading and packing zones between pause points
_ZONES = "SELECT trp_id, kind, view, side, geometry{cells} FROM zones{where} ORDER BY trp_id, kind, view, side"


@dataclass(frozen=True)
class SourceRecord:
    id: str
    title: str
    authors: str | None
    edition: str | None
    year: str | None
    publisher: str | None
    kind: str | None
    note: str | None


def open_catalog_reader(path: Path) -> CatalogReader:
    if not path.is_file():
        raise CatalogUnavailable(f"catalog database not found: {path} (run `tpx build-catalog`)")
    try:
        connection = _connect(path)
        connection.execute("SELECT count(*) FROM muscles").fetchone()
    except sqlite3.DatabaseError as exc:
        raise CatalogUnavailable(f"catalog database {path} is unreadable: {exc}") from exc
    return CatalogReader(connection, lambda: _connect(path))


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True, check_same_thread=False)
    connection.execute("PRAGMA query_only = ON")
    connection.execute("PRAGMA cache_size = -1024")  # 1 MB per connection: the tables are read once each
    return connection


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


class CatalogReader:
    """The catalog's read methods over one read-only sqlite3 connection.

    Each thread reads through its own connection when the reader can open more (``connect``):
    SQLite serialises the calls on one connection, so a click reading one muscle's zones waited
    while the warm-up worker read the whole zone table (~0.2 s of a first click at start-up).
    Without ``connect`` the one connection is shared; every read here is a single statement
    fetched at once.
    """

    def __init__(self, connection: sqlite3.Connection, connect: Callable[[], sqlite3.Connection] | None = None) -> None:
        self._first = connection
        self._connect = connect
        self._own = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._opened_lock = threading.Lock()
        self._thread = threading.get_ident()
        self._titles: dict[str, str] | None = None

    @property
    def _db(self) -> sqlite3.Connection:
        if self._connect is None or threading.get_ident() == self._thread:
            return self._first
        connection = getattr(self._own, "connection", None)
        if connection is None:
            connection = self._own.connection = self._connect()
            with self._opened_lock:
                self._opened.append(connection)
        return connection

    def _rows(self, sql: str, params: tuple | list = ()) -> list[sqlite3.Row]:
        cursor = self._db.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params).fetchall()

    def _citation(self, row: sqlite3.Row) -> SourceCitation:
        if self._titles is None:
            self._titles = {r["id"]: r["title"] for r in self._rows("SELECT id, title FROM sources")}
        return SourceCitation(row["source_ref"], self._titles.get(row["source_ref"], row["source_ref"]),
                              row["source_chapter"], row["source_pages"], row["source_note"])

    def meta(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0]["value"] if rows else None

    # Views and geometry --------------------------------------------------------------------
    def views(self) -> list[tuple[str, float, float, tuple[str, ...], shapely.Geometry]]:
        import shapely

        rows = self._rows("SELECT name, width, height, layers, outline FROM views ORDER BY position")
        return [(r["name"], r["width"], r["height"], tuple(json.loads(r["layers"])), shapely.from_wkb(r["outline"]))
                for r in rows]

    def label_grids(self) -> list[tuple[str, str, float, bytes]]:
        return [(r["view"], r["layer"], r["cell_mm"], r["labels"])
                for r in self._rows("SELECT view, layer, cell_mm, labels FROM label_grids")]

    def landmarks(self) -> dict[str, dict[str, tuple[float, float]]]:
        out: dict[str, dict[str, tuple[float, float]]] = {}
        for r in self._rows("SELECT view, name, x, y FROM landmarks"):
            out.setdefault(r["view"], {})[r["name"]] = (r["x"], r["y"])
        return out

    def regions(self) -> list[Region]:
        import shapely

        rows = self._rows("SELECT view, layer, kind, ref, part, side, geometry FROM regions ORDER BY view, layer, key")
        geoms = shapely.from_wkb([r["geometry"] for r in rows])
        return [Region(r["view"], r["layer"], r["kind"], r["ref"], r["part"], r["side"], g) for r, g in zip(rows, geoms)]

    def skin_areas(self) -> list[SkinArea]:
        import shapely

        from app.domain.cell_grid import unpack_cells

        rows = self._rows("SELECT view, slug, side, geometry, cells FROM skin_areas ORDER BY view, slug, side")
        geoms = shapely.from_wkb([r["geometry"] for r in rows])
        return [SkinArea(r["view"], r["slug"], r["side"], g, unpack_cells(r["cells"])) for r, g in zip(rows, geoms)]

    def zones(self, trp_ids: list[str] | None = None, *, with_cells: bool = False,
              referred_pain_only: bool = False) -> list[ZoneShape]:
        """Zones of these TrPs (all when None); ``referred_pain_only`` leaves out TrPs whose
        referred phenomenon is not pain (gooseflesh, arrhythmia), as the pain ranking must."""
        import shapely

        from app.domain.cell_grid import unpack_cells

        conditions, params = [], list(trp_ids or [])
        if trp_ids is not None:
            conditions.append(f"trp_id IN ({_in(trp_ids)})")
        if referred_pain_only:
            conditions.append("trp_id IN (SELECT id FROM trigger_points WHERE phenomenon = 'pain')")
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self._rows(_ZONES.format(cells=", cells" if with_cells else "", where=where), params)
        geoms = shapely.from_wkb([r["geometry"] for r in rows]) if rows else []
        return [ZoneShape(r["trp_id"], r["kind"], r["view"], r["side"], g,
                          unpack_cells(r["cells"]) if with_cells else None) for r, g in zip(rows, geoms)]

    def packed_zones(self, pause: Callable[[], None] | None = None) -> list[PackedZone]:
        """Every zone with its cells, its shape packed from the stored WKB (made into geometry when
        asked: see app/domain/packed_zone.py).  ``pause`` is called every ``_ZONES_PER_PAUSE`` zones
        (~3 ms): a background warm-up waits there while the window answers input."""
        from app.domain.packed_zone import PackedZone

        # Row by row, each packed as it comes: fetching all first held the table's 13 MB of WKB at
        # once, and its freed pages stayed resident between the packed zones (~10 MB more RSS).
        rows = self._db.execute(_ZONES.format(cells=", cells", where=""))
        out = []
        for i, (trp, kind, view, side, geometry, cells) in enumerate(rows):
            if pause is not None and i % _ZONES_PER_PAUSE == 0:
                pause()
            out.append(PackedZone.of_wkb(trp, kind, view, side, geometry, cells or b""))  # no cells: none
        return out

    def muscle_pattern(self, muscle_id: str, side: str) -> list[tuple[str, bytes, bytes]]:
        """(view, essential WKB, spillover WKB) of a muscle's compiled pattern on one side."""
        return [(r["view"], r["essential"], r["spillover"]) for r in self._rows(
            "SELECT view, essential, spillover FROM muscle_patterns WHERE muscle_id = ? AND side = ? ORDER BY view",
            [muscle_id, side])]

    def placements(self, trp_ids: list[str]) -> dict[str, list[Placement]]:
        out: dict[str, list[Placement]] = {}
        rows = self._rows(f"SELECT trp_id, view, side, layer, x, y FROM trp_placements WHERE trp_id IN ({_in(trp_ids)}) "
                          "ORDER BY trp_id, view, side", list(trp_ids))
        for r in rows:
            out.setdefault(r["trp_id"], []).append(Placement(r["view"], r["side"], r["layer"], r["x"], r["y"]))
        return out

    def trp_index(self) -> list[tuple[str, str, str]]:
        """(trp id, muscle id, prevalence) for every trigger point."""
        return [(r["id"], r["muscle_id"], r["prevalence"])
                for r in self._rows("SELECT id, muscle_id, prevalence FROM trigger_points")]

    # Records --------------------------------------------------------------------------------
    def _trigger_point(self, r: sqlite3.Row) -> TriggerPoint:
        j = json.loads
        return TriggerPoint(
            id=r["id"], muscle_id=r["muscle_id"], label=r["label"], part=r["part"], prevalence=r["prevalence"],
            location_text=r["location_text"], essential_text=r["essential_text"], spillover_text=r["spillover_text"],
            symptoms=tuple(j(r["symptoms"])), perpetuating=tuple((f, n) for f, n in j(r["perpetuating"])),
            associated=tuple(j(r["associated"])), entrapment=tuple(j(r["entrapment"])),
            differential=tuple(j(r["differential"])), treatment=dict(j(r["treatment"])), source=self._citation(r),
            phenomenon=r["phenomenon"], inferred=r["inferred"])

    def muscles(self) -> list[Muscle]:
        return self._muscles("", ())

    def muscle(self, muscle_id: str) -> Muscle | None:
        """One muscle with its trigger points (a command line asks for one; no need to read all)."""
        found = self._muscles(" WHERE {id} = ?", (muscle_id,))
        return found[0] if found else None

    def _muscles(self, where: str, params: tuple) -> list[Muscle]:
        trps: dict[str, list[TriggerPoint]] = {}
        for row in self._rows(f"SELECT * FROM trigger_points{where.format(id='muscle_id')} ORDER BY muscle_id, position",
                              params):
            trps.setdefault(row["muscle_id"], []).append(self._trigger_point(row))
        j = json.loads
        return [Muscle(id=r["id"], name=r["name"], latin=r["latin"], region=r["region"], layer=r["layer"],
                       parts=tuple(j(r["parts"])), nerve=r["nerve"], roots=tuple(j(r["roots"])),
                       actions=tuple(j(r["actions"])), origin=r["origin"], insertion=r["insertion"],
                       source=self._citation(r), trigger_points=tuple(trps.get(r["id"], [])))
                for r in self._rows(f"SELECT * FROM muscles{where.format(id='id')} ORDER BY name", params)]

    def conditions_naming(self, muscle_id: str) -> list[tuple[str, str, str]]:
        """(condition id, condition name, relation) for each link to this muscle, conditions by
        name and each condition's links in rank order (as CatalogService.conditions_for_muscle)."""
        return [(r["id"], r["name"], r["relation"]) for r in self._rows(
            "SELECT c.id, c.name, l.relation FROM condition_links l JOIN conditions c ON c.id = l.condition_id "
            "WHERE l.muscle_id = ? ORDER BY c.name, c.id, l.rank", (muscle_id,))]

    def trigger_point_names(self, trp_ids: list[str]) -> dict[str, tuple[str, str, str, str]]:
        """trp id -> (label, muscle id, muscle name, prevalence)."""
        return {r["id"]: (r["label"], r["muscle_id"], r["name"], r["prevalence"]) for r in self._rows(
            "SELECT t.id, t.label, t.muscle_id, m.name, t.prevalence FROM trigger_points t "
            f"JOIN muscles m ON m.id = t.muscle_id WHERE t.id IN ({_in(trp_ids)})", list(trp_ids))}

    # What the compiler precomputed from the geometry (compile_derived.py) -------------------------
    def has_table(self, name: str) -> bool:
        return bool(self._rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))

    def has_skin_area(self, slug: str, side: str) -> bool:
        return bool(self._rows("SELECT 1 FROM skin_areas WHERE slug = ? AND side = ? LIMIT 1", (slug, side)))

    def zone_views(self, trp_ids: list[str]) -> list[tuple[str, str, str, str]]:
        """(trp id, kind, view, side) of every zone of these TrPs, without reading its geometry."""
        return [(r["trp_id"], r["kind"], r["view"], r["side"]) for r in self._rows(
            f"SELECT trp_id, kind, view, side FROM zones WHERE trp_id IN ({_in(trp_ids)}) "
            "ORDER BY trp_id, kind, view, side", list(trp_ids))]

    def zone_skin_areas(self, trp_ids: list[str]) -> list[tuple[str, str, str, str, str]]:
        """(trp id, kind, view, side, skin area slug): the same-side skin areas each zone reaches."""
        return [(r["trp_id"], r["kind"], r["view"], r["side"], r["slug"]) for r in self._rows(
            f"SELECT trp_id, kind, view, side, slug FROM zone_skin_areas WHERE trp_id IN ({_in(trp_ids)}) "
            "ORDER BY trp_id, kind, view, side, slug", list(trp_ids))]

    def area_zone_overlaps(self, slug: str, side: str) -> list[tuple[str, str, str, str, float, float]]:
        """(view, trp id, kind, zone side, pain covered, pattern covered) for every pain zone the
        skin area overlaps on the views that show it well, in the lookup engine's zone order."""
        return [(r["view"], r["trp_id"], r["kind"], r["zone_side"], r["pain"], r["pattern"]) for r in self._rows(
            "SELECT view, trp_id, kind, zone_side, pain, pattern FROM area_zone_overlaps WHERE slug = ? AND side = ? "
            "ORDER BY view, trp_id, kind, zone_side", (slug, side))]

    def close(self) -> None:
        with self._opened_lock:
            opened, self._opened = self._opened, []
        for connection in [self._first, *opened]:
            connection.close()

    def conditions(self) -> list[Condition]:
        links: dict[str, list[ConditionLink]] = {}
        for r in self._rows("SELECT * FROM condition_links ORDER BY condition_id, rank"):
            links.setdefault(r["condition_id"], []).append(ConditionLink(
                r["condition_id"], r["muscle_id"], r["relation"], r["note"], tuple(json.loads(r["trigger_point_ids"])),
                r["rank"]))
        j = json.loads
        return [Condition(c["id"], c["name"], c["description"], tuple(j(c["red_flags"])), tuple(j(c["factors"])),
                          tuple(j(c["techniques"])), self._citation(c), tuple(links.get(c["id"], [])),
                          tuple(j(c["differentials"])))
                for c in self._rows("SELECT * FROM conditions ORDER BY name")]

    def terms(self, kind: str) -> list[Term]:
        return [Term(r["id"], r["name"], r["description"])
                for r in self._rows("SELECT id, name, description FROM terms WHERE kind = ? ORDER BY id", (kind,))]

    def sources(self) -> list[SourceRecord]:
        return [SourceRecord(r["id"], r["title"], r["authors"], r["edition"], r["year"], r["publisher"], r["kind"],
                             r["note"]) for r in self._rows("SELECT * FROM sources ORDER BY id")]

    def bones(self) -> dict[str, str]:
        return {r["id"]: r["name"] for r in self._rows("SELECT id, name FROM bones")}
