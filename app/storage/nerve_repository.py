"""Read the nerve tables of the compiled catalog (nerve_models.py) with the standard library's
sqlite3, as catalog_reader.py does, into the pure records of app/domain/nerves.py."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import shapely

from app.domain.nerves import Entrapment, Nerve, Root, Territory
from app.storage.catalog_errors import CatalogUnavailable


class NerveRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    @classmethod
    def open(cls, path: Path) -> NerveRepository:
        if not path.is_file():
            raise CatalogUnavailable(f"catalog database not found: {path} (run `tpx build-catalog`)")
        try:
            connection = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True, check_same_thread=False)
            connection.execute("SELECT count(*) FROM nerve_roots").fetchone()
        except sqlite3.DatabaseError as exc:
            raise CatalogUnavailable(f"catalog database {path} has no nerve tables ({exc}): run `tpx build-catalog`") from exc
        return cls(connection)

    def _rows(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        cursor = self._db.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params).fetchall()

    def roots(self) -> list[Root]:
        return [Root(r["id"], r["name"], r["level"], r["key_point_text"], r["key_muscle_text"],
                     tuple(json.loads(r["key_muscles"])), r["reflex"], r["note"], r["source_ref"], r["source_chapter"],
                     r["key_source_ref"])
                for r in self._rows("SELECT * FROM nerve_roots ORDER BY position")]

    def nerves(self) -> list[Nerve]:
        sites: dict[str, list[Entrapment]] = {}
        for r in self._rows("SELECT nerve_id, site, muscle_id, note FROM nerve_entrapments ORDER BY nerve_id, rank"):
            sites.setdefault(r["nerve_id"], []).append(Entrapment(r["site"], r["muscle_id"], r["note"]))
        return [Nerve(r["id"], r["name"], tuple(json.loads(r["roots"])), r["region"], r["description"],
                      tuple(sites.get(r["id"], ())), r["source_ref"], r["source_chapter"])
                for r in self._rows("SELECT * FROM peripheral_nerves ORDER BY id")]

    def key_points(self) -> dict[str, list[tuple[str, str, float, float]]]:
        """root id -> [(view, side, x, y)]."""
        out: dict[str, list[tuple[str, str, float, float]]] = {}
        for r in self._rows("SELECT root_id, view, side, x, y FROM nerve_root_key_points ORDER BY root_id, view, side"):
            out.setdefault(r["root_id"], []).append((r["view"], r["side"], r["x"], r["y"]))
        return out

    def territories(self) -> list[Territory]:
        rows = self._rows("SELECT kind, ref, view, side, geometry FROM nerve_territories ORDER BY kind, ref, view, side")
        geoms = shapely.from_wkb([r["geometry"] for r in rows]) if rows else []
        return [Territory(r["kind"], r["ref"], r["view"], r["side"], g) for r, g in zip(rows, geoms)]

    def source_titles(self) -> dict[str, str]:
        titles = {r["id"]: r["title"] for r in self._rows("SELECT id, title FROM sources")}
        titles.update({r["id"]: r["title"] for r in self._rows("SELECT id, title FROM nerve_sources")})
        return titles
