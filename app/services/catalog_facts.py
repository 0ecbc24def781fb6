"""The catalog for one command-line answer: records and the compiler's precomputed overlaps.

`tpx show` and `tpx candidates --area` answer one question and exit, so their start-up is
their cost.  CatalogService builds geometry indexes for the window's many clicks; this reads
only the rows one answer needs -- the records, the skin areas each zone reaches and one skin
area's zone overlaps, all precomputed by the catalog compiler (catalog/compile_derived.py) --
and imports no geometry library (numpy only to score candidates with the ranking's formula).
A catalog compiled before those tables existed is answered by CatalogService instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from app.domain.model import Muscle, Placement
from app.paths import catalog_db_path
from app.services.pain_words import areas_in_words
from app.storage.catalog_reader import CatalogReader, open_catalog_reader

if TYPE_CHECKING:
    from app.domain.ranking import Candidate

DERIVED_TABLES = ("zone_skin_areas", "area_zone_overlaps")


class UnknownRecord(KeyError):
    """No record with that id; the message names the kind and the id."""

    def __str__(self) -> str:
        return str(self.args[0])


class ConditionName(NamedTuple):
    id: str
    name: str


class ZoneReach(NamedTuple):
    """Where one kind of zone of a TrP is drawn, on one side: its views and the skin areas it reaches."""

    views: list[str]
    skin_areas: list[str]


class CatalogFacts:
    def __init__(self, reader: CatalogReader) -> None:
        self._reader = reader
        # A catalog compiled before the precomputed tables existed: zone reach is computed from the
        # geometry (slowly), and candidates should come from CatalogService.
        self.precomputed = all(reader.has_table(name) for name in DERIVED_TABLES)

    @classmethod
    def open(cls, path: Path | None = None) -> CatalogFacts:
        return cls(open_catalog_reader(path or catalog_db_path()))

    # `tpx show` -------------------------------------------------------------------------------
    def muscle(self, muscle_id: str) -> Muscle:
        muscle = self._reader.muscle(muscle_id)
        if muscle is None:
            raise UnknownRecord(f"unknown muscle id '{muscle_id}'")
        return muscle

    def placements_for(self, trp_ids: list[str]) -> dict[str, list[Placement]]:
        return self._reader.placements(trp_ids)

    def zone_reach(self, trp_ids: list[str], side: str = "right") -> dict[tuple[str, str], ZoneReach]:
        """(trp id, kind) -> the views its zones on ``side`` are drawn on and the skin areas they reach."""
        out: dict[tuple[str, str], ZoneReach] = {}
        for trp, kind, view, zone_side in self._reader.zone_views(trp_ids):
            if zone_side == side:
                reach = out.setdefault((trp, kind), ZoneReach([], []))
                if view not in reach.views:
                    reach.views.append(view)
        for trp, kind, _view, zone_side, slug in self._zone_skin_areas(trp_ids):
            reach = out.get((trp, kind))
            if zone_side == side and reach is not None and slug not in reach.skin_areas:
                reach.skin_areas.append(slug)
        return {key: ZoneReach(sorted(r.views), sorted(r.skin_areas)) for key, r in out.items()}

    def _zone_skin_areas(self, trp_ids: list[str]) -> list[tuple[str, str, str, str, str]]:
        if self.precomputed:
            return self._reader.zone_skin_areas(trp_ids)
        from app.catalog.compile_derived import zone_skin_area_rows

        rows = zone_skin_area_rows(self._reader.zones(trp_ids), self._reader.skin_areas())
        return [(r.trp_id, r.kind, r.view, r.side, r.slug) for r in rows]

    def conditions_for_muscle(self, muscle_id: str) -> list[tuple[ConditionName, str]]:
        return [(ConditionName(cid, name), relation) for cid, name, relation in self._reader.conditions_naming(muscle_id)]

    def sources(self) -> list[tuple[str, str]]:
        """(id, title as cited), as CatalogService.sources gives them."""
        return [(s.id, s.title + (f", {s.edition}" if s.edition else "") + (f" ({s.year})" if s.year else ""))
                for s in self._reader.sources()]

    # `tpx candidates --area` -------------------------------------------------------------------
    def trigger_point_names(self, trp_ids: list[str]) -> dict[str, tuple[str, str]]:
        """trp id -> (trigger point label, muscle name)."""
        return {trp: (label, muscle) for trp, (label, _m, muscle, _p) in self._reader.trigger_point_names(trp_ids).items()}

    def candidates_for_area(self, slug: str, side: str) -> list[Candidate]:
        """One skin area as the whole pain, ranked exactly as CatalogService.candidates_for_areas
        ranks it: the stored overlaps scored with the ranking's formula, best zone per (TrP, side)."""
        import numpy as np

        from app.domain.candidate_order import best_per_key
        from app.domain.ranking import Candidate, score_array
        from app.domain.vocabulary import PREVALENCE_WEIGHT

        if not self._reader.has_skin_area(slug, side):
            raise UnknownRecord(f"unknown skin area '{slug}' on the {side} side")
        rows = self._reader.area_zone_overlaps(slug, side)
        if not rows:
            return []
        trps = self._reader.trigger_point_names(sorted({r[1] for r in rows}))
        views = sorted({r[0] for r in rows})  # the engine ranks the views of a pain map in name order
        pairs = sorted({(r[1], r[3]) for r in rows})  # (trp id, side): ties break in this order
        key_of = {pair: k for k, pair in enumerate(pairs)}
        prevalence = [trps[r[1]][3] if r[1] in trps else None for r in rows]
        pain = np.array([r[4] for r in rows])
        pattern = np.array([r[5] for r in rows])
        scores = score_array(np.array([r[2] == "essential" for r in rows]), pain, pattern,
                             np.array([PREVALENCE_WEIGHT.get(p or "", 0.5) for p in prevalence]))
        keys = np.array([key_of[(r[1], r[3])] for r in rows], dtype=np.int64)
        part_of = np.array([views.index(r[0]) for r in rows])
        best = best_per_key(scores, keys, part_of, np.arange(len(pairs)))
        in_words = areas_in_words([(slug, side)])  # as CatalogService's reason: the area, not the view
        return [Candidate(trp_id=rows[i][1], muscle_id=trps[rows[i][1]][1] if rows[i][1] in trps else "",
                          side=rows[i][3], zone=rows[i][2], score=score, pain_covered=rows[i][4],
                          pattern_covered=rows[i][5], prevalence="occasional" if prevalence[i] is None else prevalence[i], view=rows[i][0],
                          pain_text=in_words)
                for i, score in zip(best.tolist(), scores[best].tolist())]
