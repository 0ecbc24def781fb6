"""Dermatomes and cutaneous nerves as the CLI and the UI use them: records, the root card, and
the radicular-versus-myofascial view of a pain (nerve fits beside the trigger-point candidates)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from app.domain.lookup import well_shown_views
from app.domain.pain_map import PainMap
from app.domain.nerves import Nerve, NerveFit, PainMark, Root, Territory, rank_nerves, verdict
from app.domain.ranking import Candidate
from app.domain.vocabulary import FOREARM_HAND, LOWER_LIMB
from app.paths import catalog_db_path
from app.services.built_once import built_once
from app.services.catalog_service import CatalogService, CatalogUnavailable, UnknownId
from app.storage.nerve_repository import NerveRepository

_ARM = frozenset({"posterior_arm", "anterior_arm"})


@dataclass(frozen=True)
class Comparison:
    """A pain seen both ways: nerve fits, trigger-point candidates and one sentence comparing them."""

    nerve_fits: list[NerveFit]
    trp_candidates: list[Candidate]
    summary: str


class NerveService:
    def __init__(self, catalog: CatalogService, repository: NerveRepository) -> None:
        self.catalog = catalog
        self._repo = repository

    @classmethod
    def open(cls, path: Path | None = None) -> NerveService:
        path = path or catalog_db_path()
        return cls(CatalogService.open(path), NerveRepository.open(path))

    # Records --------------------------------------------------------------------------------
    @built_once
    def _roots(self) -> dict[str, Root]:
        return {r.id: r for r in self._repo.roots()}

    @built_once
    def _nerves(self) -> dict[str, Nerve]:
        return {n.id: n for n in self._repo.nerves()}

    @built_once
    def territories(self) -> list[Territory]:
        return self._repo.territories()

    @built_once
    def key_points(self) -> dict[str, list[tuple[str, str, float, float]]]:
        return self._repo.key_points()

    def roots(self) -> list[Root]:
        return list(self._roots.values())

    def nerves(self) -> list[Nerve]:
        return list(self._nerves.values())

    def root(self, root_id: str) -> Root:
        try:
            return self._roots[root_id.upper() if root_id.lower() != "s4-5" else "S4-5"]
        except KeyError:
            raise UnknownId(f"unknown root '{root_id}' (roots: {', '.join(self._roots)})") from None

    def nerve(self, nerve_id: str) -> Nerve:
        try:
            return self._nerves[nerve_id]
        except KeyError:
            raise UnknownId(f"unknown nerve id '{nerve_id}'") from None

    def muscles_of_root(self, root_id: str) -> list[str]:
        """Every catalog muscle whose innervation lists this root, by name."""
        root = self.root(root_id)
        return [m.id for m in self.catalog.muscles() if root.id in m.roots]

    def nerves_of_root(self, root_id: str) -> list[Nerve]:
        root = self.root(root_id)
        return [n for n in self._nerves.values() if root.id in n.roots]

    def root_card(self, root_id: str) -> dict[str, object]:
        root = self.root(root_id)
        titles = self._repo.source_titles()
        return {
            "id": root.id, "name": root.name, "level": root.level,
            "key_sensory_point": {"text": root.key_point_text,
                                  "on_views": [{"view": v, "side": s, "x": x, "y": y}
                                               for v, s, x, y in self.key_points.get(root.id, [])]},
            "key_muscle": None if root.key_muscle_text is None else {"text": root.key_muscle_text,
                                                                     "muscles": list(root.key_muscles)},
            "reflex": root.reflex,
            "muscles": self.muscles_of_root(root.id),
            "entrapment_sites": [{"nerve": n.id, "site": e.site, "muscle": e.muscle_id, "note": e.note}
                                 for n in self.nerves_of_root(root.id) for e in n.entrapments],
            "note": root.note,
            "source": {"ref": root.source_ref, "title": titles.get(root.source_ref, root.source_ref),
                       "chapter": root.source_chapter},
            "key_points_source": {"ref": root.key_source_ref, "title": titles.get(root.key_source_ref, root.key_source_ref)},
        }

    # Fits -------------------------------------------------------------------------------------
    @built_once
    def _names(self) -> dict[tuple[str, str], str]:
        names = {("root", r.id): r.name for r in self._roots.values()}
        names.update({("nerve", n.id): n.name for n in self._nerves.values()})
        return names

    @built_once
    def _limbs(self) -> dict[str, BaseGeometry]:
        limb_slugs = FOREARM_HAND | LOWER_LIMB | _ARM
        by_view: dict[str, list[BaseGeometry]] = {}
        for a in self.catalog.skin_areas:
            if a.slug in limb_slugs:
                by_view.setdefault(a.view, []).append(a.geometry)
        return {v: shapely.union_all(g) for v, g in by_view.items()}

    def fits_for_marks(self, marks: Sequence[PainMark]) -> list[NerveFit]:
        for m in marks:
            if m.view not in self.catalog.views:
                raise UnknownId(f"unknown view '{m.view}' (views: {', '.join(self.catalog.views)})")
        return rank_nerves(marks, self.territories, self._names, self._limbs)

    def marks_for_areas(self, areas: Sequence[tuple[str, str]], quality: str = "aching") -> list[PainMark]:
        """Skin areas as pain marks on the views that show each well (as the TrP ranking does)."""
        marks: list[PainMark] = []
        for slug, side in dict.fromkeys(areas):
            shapes = self.catalog.lookup.skin_area_shapes(slug, side)
            if not shapes:
                raise UnknownId(f"unknown skin area '{slug}' on the {side} side")
            marks += [PainMark(a.view, a.geometry, 5.0, quality) for a in well_shown_views(shapes)]
        return marks

    @staticmethod
    def marks_for_pain_map(pain: PainMap) -> list[PainMark]:
        """A client's painted map (every view) as pain marks, each with its intensity and quality."""
        return [PainMark(m.view, m.geometry, float(m.intensity), m.quality) for v in pain.views() for m in pain.marks(v)]

    def fits_for_areas(self, areas: Sequence[tuple[str, str]]) -> list[NerveFit]:
        return self.fits_for_marks(self.marks_for_areas(areas))

    def compare(self, marks: Sequence[PainMark], limit: int = 10) -> Comparison:
        """Nerve fits and TrP candidates of the same pain, and the sentence comparing the best of each."""
        fits = self.fits_for_marks(marks)
        trps = self.catalog.candidates_for_marks([(m.view, m.geometry, m.intensity) for m in marks], limit)
        best = trps[0] if trps else None
        label = self.catalog.trigger_point(best.trp_id).label if best else None
        return Comparison(fits[:limit], trps, verdict(fits, best.score if best else None, label))


def nerve_service_for(catalog: CatalogService) -> NerveService:
    """The nerve layer beside an open catalog service (the window's), reading the nerve tables compiled
    into the same database file -- never the shipped catalog's, whose territories would not match a
    temporary or older catalog's views."""
    if catalog.database_path is None:
        raise CatalogUnavailable("this catalog service was not opened from a database file; no nerve tables")
    return NerveService(catalog, NerveRepository.open(catalog.database_path))
